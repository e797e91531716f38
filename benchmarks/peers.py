"""factcheck's time and quantity readers beside dateparser and quantulum3, on Recognizers-Text's specs.

    .venv/bin/python benchmarks/peers.py               # factcheck and the peers, side by side
    .venv/bin/python benchmarks/peers.py --no-peers    # factcheck only (no virtual environment made)
    .venv/bin/python benchmarks/peers.py --failures    # also factcheck's misses, grouped by kind
    .venv/bin/python benchmarks/peers.py --json FILE   # the figures as JSON

The cases are Microsoft Recognizers-Text's English specs (MIT), copied under
``tests/data/recognizers-text/``. The peers run in their own virtual environment,
``benchmarks/.peers-venv`` (made and filled with ``pip install dateparser quantulum3`` on first use;
not project dependencies), in a child process fed the same texts.

Suites and what is scored (cases the specs mark ``NotSupportedByDesign`` for Python are left out):

- **times, detection** (DateExtractor + DatePeriodExtractor): recall = expected spans overlapped by
  a found time; precision = found times overlapping an expected span (the specs list every date
  in their inputs).
- **times, values** (DateParser): an expected date (the past or the future reading, as the specs
  give both for "Oct. 2") inside the interval found over its span, resolved against the case's
  reference date.
- **quantities** (CurrencyModel, DimensionModel, NumberModel): a found quantity overlapping an
  expected one with the same value (relative difference under 1e-6; a reader that normalizes units,
  as factcheck gives miles in km, is compared after converting the expected value with pint) is a
  match (a reader that gives cents and pence in their currency, as factcheck gives "50 cents" as
  0.50 USD, likewise); value precision, recall and F1 over matches. The currency and dimension specs list only
  amounts of money and only dimensions (length, mass, area, volume, speed, ...), so there only the
  found quantities of that type are scored: a percentage or a count in a currency case is outside
  what the case lists, not a wrong reading. factcheck's type is its quantity's kind (money; a
  measure other than a span of time or a temperature, which the specs leave to their date and
  temperature models); quantulum3's is its unit's entity.

Texts per second are wall-clock over all the suite's inputs, one reader call per input, after one
warm-up call (grammars built, units loaded) and a garbage collection (so that a full collection of
what the warm-up built does not fall inside a suite's timing); a peer's figure is over all the inputs it read (its
times, or its quantities), in its own process.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "recognizers-text"
PEERS_VENV = Path(__file__).resolve().parent / ".peers-venv"
TIME_SUITES = {"times-detection": ["DateExtractor", "DatePeriodExtractor"], "times-values": ["DateParser"]}
QUANTITY_SUITES = {"currency": "CurrencyModel", "dimension": "DimensionModel", "number": "NumberModel"}
#: the type of quantity a suite's spec lists (None: every number)
QUANTITY_TYPES = {"currency": "currency", "dimension": "dimension", "number": None}
REFERENCE = "2016-11-07T00:00:00"      # the specs' usual reference date, where a case gives none


def load(name: str) -> list[dict]:
    """The cases of one spec file, but those the reference's own Python port leaves out by design."""
    cases = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return [c for c in cases if "python" not in str(c.get("NotSupportedByDesign", "")).lower()]


def _span(result: dict) -> tuple[int, int]:
    start = result["Start"]
    end = result["End"] + 1 if "End" in result else start + result["Length"]
    return start, end


def _reference(case: dict) -> datetime:
    return datetime.fromisoformat((case.get("Context") or {}).get("ReferenceDateTime", REFERENCE))


def _expected_dates(result: dict) -> list[date]:
    value = result.get("Value") or {}
    days = []
    for key in ("FutureResolution", "PastResolution"):
        day = (value.get(key) or {}).get("date")
        if day:
            days.append(date.fromisoformat(day[:10]))
    return days


# -- the readers ------------------------------------------------------------------------------

def factcheck_times(text: str, reference: datetime) -> list[tuple[int, int, str | None, str | None]]:
    import factcheck

    return [(s.start, s.end, s.date_from.isoformat(), s.date_until.isoformat())
            for s in factcheck.find_times(text, published=reference.date())]


def factcheck_quantities(text: str) -> list[tuple[int, int, float | None, str | None, str | None]]:
    """(start, end, value, unit, type): factcheck gives measures in its normalized units (miles as
    km); the type is "currency", "dimension" or None (see the module's notes)."""
    import factcheck

    return [(q.start, q.end, q.number, q.unit if q.kind == "measure" else None, _factcheck_type(q))
            for q in factcheck.find_quantities(text)]


_NOT_DIMENSIONS = {"year", "month", "week", "day", "hour", "minute", "second", "degree_Celsius",
                   "degree_Fahrenheit", "kelvin"}


def _factcheck_type(quantity) -> str | None:
    """"currency" for money, "dimension" for a measure but a span of time or a temperature (a
    range by its unit), None for the rest."""
    from factcheck.text.quantities.vocabulary import CURRENCY_PREFIXES, suffixes

    kind, unit = quantity.kind, quantity.unit
    if kind == "range" and unit is not None:
        if unit in CURRENCY_PREFIXES.values():
            kind = "money"
        elif not any(k != "measure" and payload[0] == unit for _words, k, payload in suffixes()):
            kind = "measure"
    if kind == "money":
        return "currency"
    return "dimension" if kind == "measure" and unit not in _NOT_DIMENSIONS else None


def _same_value(found: list, value: float, unit: str | None) -> bool:
    """Whether a found quantity is the expected value, converting the expected unit to a
    normalized one the reader gave (factcheck's "km" for "200 miles")."""
    number = found[2]
    if number is None:
        return False
    if abs(number - value) <= 1e-6 * max(1.0, abs(value)):
        return True
    if unit and unit.lower() in _MINOR_CURRENCY:     # "50 cents" read as 0.50 of the currency
        converted = value / _MINOR_CURRENCY[unit.lower()]
        return abs(number - converted) <= 1e-6 * max(1.0, abs(converted))
    if len(found) < 4 or not found[3] or not unit:
        return False
    try:
        import pint

        registry = _registry()
        target = found[3][:-1] + "**2" if found[3].endswith("2") else found[3]
        converted = registry.Quantity(value, _pint_unit(unit)).to(target).magnitude
    except Exception:       # a unit pint does not know: no match
        return False
    return abs(number - converted) <= 1e-4 * max(1.0, abs(converted))


#: the specs' minor currency units, by how many make one of the currency
_MINOR_CURRENCY = {"cent": 100, "pence": 100, "penny": 100}


def _pint_unit(unit: str) -> str:
    """A spec's unit name as pint reads it: "Square meter" -> "meter**2", "Kilometer per hour"
    -> "kilometer/hour" (pint knows neither "square_meter" nor "kilometer_per_hour")."""
    words = unit.lower().split()
    power = {"square": "**2", "cubic": "**3"}.get(words[0], "") if words else ""
    if power:
        words = words[1:]
    text = "_".join(words).replace("_per_", "/")
    return f"{text}{power}" if "/" not in text else text


_REGISTRY: list = []


def _registry():
    if not _REGISTRY:
        import pint

        _REGISTRY.append(pint.UnitRegistry())
    return _REGISTRY[0]


_PEER_RUNNER = r"""
import json, sys, time
from datetime import datetime
jobs = json.load(sys.stdin)
out = {}
if jobs.get("times"):
    import dateparser.search
    found, started = [], time.perf_counter()
    for text, ref in jobs["times"]:
        spans, at = [], 0
        try:
            hits = dateparser.search.search_dates(text, settings={"RELATIVE_BASE": datetime.fromisoformat(ref)}) or []
        except Exception:
            hits = []
        for words, when in hits:
            start = text.find(words, at)
            if start < 0:
                start = text.find(words)
            if start >= 0:
                at = start + len(words)
                spans.append([start, start + len(words), when.date().isoformat(), when.date().isoformat()])
        found.append(spans)
    out["times"] = {"found": found, "seconds": time.perf_counter() - started}
if jobs.get("quantities"):
    from quantulum3 import parser
    def entity(q):
        name = getattr(getattr(q.unit, "entity", None), "name", "")
        if name == "currency":
            return "currency"
        return None if name in ("", "dimensionless", "time", "temperature", "unknown") else "dimension"
    found, started = [], time.perf_counter()
    for text in jobs["quantities"]:
        try:
            found.append([[q.span[0], q.span[1], float(q.value), None, entity(q)] for q in parser.parse(text)])
        except Exception:
            found.append([])
    out["quantities"] = {"found": found, "seconds": time.perf_counter() - started}
json.dump(out, sys.stdout)
"""


def peer_python() -> tuple[Path | None, str]:
    """The peers' interpreter, making their virtual environment on first use; (None, why) if it cannot."""
    python = PEERS_VENV / "bin" / "python"
    if python.exists():
        return python, ""
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True, capture_output=True, timeout=300)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "dateparser", "quantulum3"], check=True,
                       capture_output=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        return None, f"cannot set up {PEERS_VENV}: {exc} {detail.decode(errors='replace')[-300:]}"
    return python, ""


def run_peers(time_jobs: list[tuple[str, str]], quantity_texts: list[str]) -> tuple[dict | None, str]:
    python, why = peer_python()
    if python is None:
        return None, why
    done = subprocess.run([str(python), "-c", _PEER_RUNNER], input=json.dumps(
        {"times": time_jobs, "quantities": quantity_texts}), capture_output=True, text=True, timeout=3600,
        env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if done.returncode != 0:
        return None, f"the peers failed: {done.stderr[-500:]}"
    return json.loads(done.stdout), ""


# -- scoring ----------------------------------------------------------------------------------

def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_detection(cases: list[dict], found: list[list]) -> dict:
    expected = hit = reported = correct = 0
    misses: list[str] = []
    for case, spans in zip(cases, found):
        gold = [_span(r) for r in case.get("Results") or []]
        expected += len(gold)
        for g in gold:
            if any(_overlaps(g, (s[0], s[1])) for s in spans):
                hit += 1
            else:
                misses.append(case["Input"][g[0]:g[1]])
        reported += len(spans)
        correct += sum(any(_overlaps(g, (s[0], s[1])) for g in gold) for s in spans)
    return {"recall": hit / expected if expected else 0.0, "precision": correct / reported if reported else 0.0,
            "expected": expected, "found": reported, "misses": misses}


def score_values(cases: list[dict], found: list[list]) -> dict:
    expected = right = 0
    misses: list[str] = []
    for case, spans in zip(cases, found):
        for result in case.get("Results") or []:
            days = _expected_dates(result)
            if not days:
                continue
            expected += 1
            g = _span(result)
            ok = any(_overlaps(g, (s[0], s[1])) and s[2] and any(s[2] <= d.isoformat() <= s[3] for d in days)
                     for s in spans)
            right += ok
            if not ok:
                misses.append(case["Input"][g[0]:g[1]])
    return {"accuracy": right / expected if expected else 0.0, "expected": expected, "misses": misses}


def score_quantities(cases: list[dict], found: list[list], kind: str | None = None) -> dict:
    """Value precision, recall and F1; with ``kind``, of the found quantities of that type only."""
    expected = reported = matched = 0
    misses: list[str] = []
    for case, spans in zip(cases, found):
        if kind is not None:
            spans = [s for s in spans if len(s) > 4 and s[4] == kind]
        gold = []
        for result in case.get("Results") or []:
            try:
                gold.append((_span(result), float(result["Resolution"]["value"]),
                             result["Resolution"].get("unit")))
            except (KeyError, TypeError, ValueError):
                continue
        expected += len(gold)
        reported += len(spans)
        used: set[int] = set()
        for span, value, unit in gold:
            k = next((i for i, s in enumerate(spans) if i not in used and _overlaps(span, (s[0], s[1]))
                      and _same_value(s, value, unit)), None)
            if k is None:
                misses.append(case["Input"][span[0]:span[1]])
            else:
                used.add(k)
                matched += 1
    precision = matched / reported if reported else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "expected": expected, "misses": misses}


def evaluate(peers: bool = True) -> dict:
    """Every suite scored for factcheck, and for the peers when ``peers`` and they can run."""
    suites: dict[str, dict] = {}
    time_cases = {suite: [c for name in names for c in load(name)] for suite, names in TIME_SUITES.items()}
    quantity_cases = {suite: load(name) for suite, name in QUANTITY_SUITES.items()}
    factcheck_found: dict[str, list] = {}
    speed: dict[str, float] = {}
    factcheck_times("on 5 May 2020", datetime(2020, 1, 1))      # warm: grammars, the unit registry
    factcheck_quantities("5 km, $3 to $4 and 12 kg")   # a range too
    gc.collect()    # the warm-up's objects (pint's registry) counted as old before the timing
    for suite, cases in time_cases.items():
        started = time.perf_counter()
        factcheck_found[suite] = [factcheck_times(c["Input"], _reference(c)) for c in cases]
        speed[suite] = len(cases) / (time.perf_counter() - started)
    for suite, cases in quantity_cases.items():
        started = time.perf_counter()
        factcheck_found[suite] = [factcheck_quantities(c["Input"]) for c in cases]
        speed[suite] = len(cases) / (time.perf_counter() - started)
    peer_found: dict[str, list] = {}
    peer_speed: dict[str, float] = {}
    note = "peers not run (--no-peers)"
    if peers:
        jobs_t = [(c["Input"], _reference(c).isoformat()) for s in TIME_SUITES for c in time_cases[s]]
        jobs_q = [c["Input"] for s in QUANTITY_SUITES for c in quantity_cases[s]]
        result, note = run_peers(jobs_t, jobs_q)
        if result is not None:
            for kind, by_suite, jobs in (("times", time_cases, jobs_t), ("quantities", quantity_cases, jobs_q)):
                at = 0
                for suite, cases in by_suite.items():     # the peers' answers, suite by suite
                    peer_found[suite] = result[kind]["found"][at:at + len(cases)]
                    peer_speed[suite] = len(jobs) / result[kind]["seconds"]
                    at += len(cases)
            note = "peers: dateparser (times), quantulum3 (quantities)"
    for suite, cases in time_cases.items():
        scorer = score_detection if suite == "times-detection" else score_values
        suites[suite] = {"cases": len(cases), "factcheck": {**scorer(cases, factcheck_found[suite]),
                                                            "texts_per_second": speed[suite]}}
        if suite in peer_found:
            suites[suite]["dateparser"] = {**scorer(cases, peer_found[suite]), "texts_per_second": peer_speed[suite]}
    for suite, cases in quantity_cases.items():
        kind = QUANTITY_TYPES[suite]
        suites[suite] = {"cases": len(cases), "factcheck": {**score_quantities(cases, factcheck_found[suite], kind),
                                                            "texts_per_second": speed[suite]}}
        if suite in peer_found:
            suites[suite]["quantulum3"] = {**score_quantities(cases, peer_found[suite], kind),
                                           "texts_per_second": peer_speed[suite]}
    return {"suites": suites, "note": note}


def table(result: dict) -> str:
    lines = [f"# factcheck beside its peers on Recognizers-Text's English specs ({result['note']})", "",
             "| suite | cases | reader | recall | precision | value accuracy / F1 | texts/s |",
             "|---|---|---|---|---|---|---|"]
    for suite, entry in result["suites"].items():
        for reader, figures in entry.items():
            if reader == "cases":
                continue
            value = figures.get("accuracy", figures.get("f1"))
            lines.append(f"| {suite} | {entry['cases']} | {reader} | {_f(figures.get('recall'))} | "
                         f"{_f(figures.get('precision'))} | {_f(value)} | {figures['texts_per_second']:,.0f} |")
    return "\n".join(lines)


def failures(result: dict, per_kind: int = 2) -> str:
    """factcheck's misses per suite, grouped by the shape of the missed words."""
    import re

    out = []
    for suite, entry in result["suites"].items():
        misses = entry["factcheck"]["misses"]
        kinds: Counter = Counter()
        examples: dict[str, list[str]] = {}
        for words in misses:
            kind = re.sub(r"[0-9]+", "9", re.sub(r"[A-Za-z]+", lambda m: "w" if m.group().islower() else "W",
                                                     words))
            kinds[kind] += 1
            examples.setdefault(kind, []).append(words)
        out.append(f"## {suite}: {len(misses)} missed")
        for kind, count in kinds.most_common(15):
            out.append(f"- {count} × `{kind}`: " + "; ".join(repr(e) for e in examples[kind][:per_kind]))
    return "\n".join(out)


def _f(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peers", action="store_true", help="factcheck only")
    parser.add_argument("--failures", action="store_true", help="factcheck's misses, grouped by kind")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)
    result = evaluate(peers=not args.no_peers)
    print(table(result))
    if args.failures:
        print()
        print(failures(result))
    if args.json:
        slim = {"note": result["note"], "suites": {s: {r: ({k: v for k, v in f.items() if k != "misses"}
                                                           if isinstance(f, dict) else f) for r, f in e.items()}
                                                      for s, e in result["suites"].items()}}
        Path(args.json).write_text(json.dumps(slim, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
