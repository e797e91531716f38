"""Claim extraction vs a plain-regex scan of the same text for the same trigger patterns.

Measured: ``Checker(store).extract(text, published)`` with the 1,000-fact store's lexicon, the
checker loaded and frozen as the command line's is (``factcheck.cli.common.freeze_loaded``), on
generated news text of 1 KB to 10 MB (one document per size) and on 5 KB articles one by one.
Floor: one compiled ``re`` alternation of the claim-trigger families the rule packs look for
(office title + capitalised name, "X-headquartered Y", "the world's N biggest economies",
capital/population/area of, "since/in/by Month|year", three date formats, money, percentages,
quantities with units, relation verbs), ``finditer`` over the same text, timed interleaved with
extraction in the same process.
"""

from __future__ import annotations

import math
import re
from datetime import date

import common
import corpus

BENCH = "extract"
TARGET_RATIO = 5.0
SIZES_FULL = [(1_000, 15), (10_000, 9), (100_000, 7), (1_000_000, 7), (10_000_000, 5)]
SIZES_QUICK = [(1_000, 7), (10_000, 5), (100_000, 3)]
# From 1 MB up a size runs only when the growth between the two sizes before predicts that one
# run fits the budget; sizes from CHILD_FROM up run in a child process with a timeout.
PREDICT_FROM = 1_000_000
CHILD_FROM = 10_000_000
BUDGET_S = {False: 300.0, True: 30.0}
ROUNDS_BUDGET_S = {False: 90.0, True: 20.0}   # stop repeating a size once this much was spent

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")


def claim_regex() -> re.Pattern:
    """The floor: one alternation of the trigger families, titles taken from the rule packs."""
    from factcheck.rules.loader import load_rules

    rules = load_rules()
    titles = set(rules.titles) | set(rules.titles.values())
    titles = sorted(titles, key=lambda t: (-len(t), t))
    title_alt = "|".join(re.escape(t) for t in titles)
    name = r"[A-Z][\w'.-]+"
    families = {
        "change": r"\b(?:rose|fell|grew|dropped|jumped|slipped|climbed)\s+\d+(?:\.\d+)?\s*(?:%|percent|per cent)"
                  r"\s+to\s+[$€£¥]?\d[\d,.]*(?:\s+(?:million|billion|trillion))?",
        "title_name": rf"\b(?:{title_alt})\s+{name}(?:\s+{name}){{0,2}}",
        "headquartered": rf"\b{name}(?:\s+{name})*-(?:headquartered|based)\s+{name}(?:\s+{name})*",
        "economies": r"\bthe world's\s+(?:\w+\s+){1,2}economies\b",
        "capital": rf"\bcapital(?:\s+of|,)\s+{name}(?:\s+{name})*",
        "measure": r"\b(?:population|area)\s+of\s+\d[\d,.]*",
        "date": rf"\b(?:{_MONTH}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}})",
        "time": rf"\b(?:in|since|by|until|from|on)\s+(?:{_MONTH}|\d{{4}}\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
        "money": r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion))?",
        "percent": r"\b\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)",
        "quantity": r"\b\d[\d,]*(?:\.\d+)?\s+(?:million\s+|billion\s+)?(?:tonnes|km|kilometres|square kilometres|"
                    r"barrels|megawatts|workers|people|times)\b",
        "relation": r"\b(?:visited|founded in|member of|borders|blocking shipments of|restricted exports of|"
                    r"exports of|trip to|visit to)\b",
    }
    return re.compile("|".join(f"(?P<{k}>{v})" for k, v in families.items()))


def regex_scan(pattern: re.Pattern, text: str) -> int:
    count = 0
    for match in pattern.finditer(text):
        match.lastgroup
        count += 1
    return count


def _checker():
    """A checker as ``factcheck verify`` runs one in its own process: loaded, then frozen out of
    the garbage collector's reach (factcheck.cli.common.freeze_loaded)."""
    from factcheck.api import Checker
    from factcheck.cli.common import freeze_loaded

    checker = Checker(common.sqlite_store(1000)).load()
    freeze_loaded()
    return checker


def _forget_phrases() -> None:
    from factcheck.text.timex import readers

    readers.parse_phrase.cache_clear()


def _words(text: str) -> int:
    return len(text.split())


def measure_size(size: int, runs: int, budget: float | None = None) -> dict:
    """Extraction and the regex floor on one ``size``-byte document, interleaved."""
    checker = _checker()
    pattern = claim_regex()
    published = date.fromisoformat(common.PUBLISHED)
    text = corpus.corpus(size)
    checker.extract(text[:5000], published)   # warm (grammars, caches)
    regex_scan(pattern, text)
    claims = []

    def extract():
        _forget_phrases()   # each run reads the document as new
        claims.append(len(checker.extract(text, published).claims))

    times = common.interleave({"extract": extract, "regex": lambda: regex_scan(pattern, text)},
                              runs, budget)
    return {"nominal": size, "size": len(text.encode("utf-8")), "words": _words(text), "extract": times["extract"],
            "regex": times["regex"], "claims": claims[-1] if claims else None,
            "matches": regex_scan(pattern, text)}


def run(quick: bool) -> list[dict]:
    rows: list[dict] = []
    checker = _checker()
    pattern = claim_regex()
    published = date.fromisoformat(common.PUBLISHED)

    # -- 5 KB articles, one document each -------------------------------------------------
    # Each round reads articles it has not seen (a newsroom's stream, not the same 40 again):
    # what extraction keeps between documents (the time-phrase memo) helps only as much as new
    # articles repeat what earlier ones said. Extraction and the floor read the same batch.
    per_batch, rounds = (20, 3) if quick else (40, 5)
    warm = [corpus.article(i) for i in range(1000, 1020)]
    for text in warm:
        checker.extract(text, published)
    batches = [[corpus.article(r * per_batch + i) for i in range(per_batch)] for r in range(rounds + 1)]
    counts = {"claims": 0, "claim_articles": 0}
    calls = {"extract": 0, "regex": 0}

    def next_batch(name):
        batch = batches[calls[name] % len(batches)]
        calls[name] += 1
        return batch

    def extract_all():
        batch = next_batch("extract")
        counts["claims"] += sum(len(checker.extract(t, published).claims) for t in batch)
        counts["claim_articles"] += len(batch)

    def regex_all():
        for t in next_batch("regex"):
            regex_scan(pattern, t)

    times = common.interleave({"extract": extract_all, "regex": regex_all}, rounds)
    per_article = common.median(times["extract"]) / per_batch * 1000
    floor_article = common.median(times["regex"]) / per_batch * 1000
    run_ratios = common.ratios(times["extract"], times["regex"])
    ratio = common.median(run_ratios)
    calls["extract"] = rounds    # the profile reads the batch no timed round read
    stats = common.profile(extract_all, "extract")
    stage_note = stage_shares(stats, "factcheck/claims/extract.py:extract", STAGES)
    rows.append(common.row(
        BENCH, "extract one 5 KB article (mean over %d articles)" % per_batch, per_article, "ms",
        floor_article, "ms", ratio=ratio, target=f"ratio ≤ {TARGET_RATIO:g}", met=ratio <= TARGET_RATIO,
        note=f"per-run ratios {common.spread(run_ratios)}; {counts['claims'] / counts['claim_articles']:.1f} "
             f"claims/article; each round on {per_batch} articles not read before; "
             f"profile, cumulative share of extract(): {stage_note}; most own time: "
             f"{common.top_own(stats, 6)}"))

    # -- sizes 1 KB .. 10 MB ------------------------------------------------------------------
    results = []
    sizes = SIZES_QUICK if quick else SIZES_FULL
    for size, runs in sizes:
        label = _label(size)
        budget = BUDGET_S[quick]
        if size >= PREDICT_FROM:
            previous = results[-1] if results else None
            predicted = None
            if previous and len(results) >= 2:
                # the growth between the two sizes before, applied once more
                before = results[-2]
                exponent = math.log(common.median(previous["extract"]) / common.median(before["extract"])) / \
                    math.log(previous["size"] / before["size"])
                predicted = common.median(previous["extract"]) * (size / previous["size"]) ** max(1.0, exponent)
            if predicted is not None and predicted > budget:
                rows.append(common.row(
                    BENCH, f"extract {label} document", None, "ms", None, target=f"ratio ≤ {TARGET_RATIO:g}",
                    met=False, note=f"not run: predicted {predicted:.0f} s from the growth between "
                                    f"{_label(results[-2]['nominal'])} and {_label(previous['nominal'])} "
                                    f"(exponent {exponent:.2f}), over the {budget:.0f} s budget"))
                continue
        if size >= CHILD_FROM:
            try:
                result = common.run_child("bench_extract", "measure_size", size, runs,
                                          ROUNDS_BUDGET_S[quick], timeout=budget * 2 + 60)
            except Exception as exc:  # noqa: BLE001  (timeout or failure: report it)
                rows.append(common.error_row(BENCH, f"extract {label} document", exc))
                continue
        else:
            result = measure_size(size, runs, ROUNDS_BUDGET_S[quick])
        results.append(result)
        run_ratios = common.ratios(result["extract"], result["regex"])
        ratio = common.median(run_ratios)
        rows.append(common.row(
            BENCH, f"extract {label} document", common.median(result["extract"]) * 1000, "ms",
            common.median(result["regex"]) * 1000, "ms", ratio=ratio,
            target=f"ratio ≤ {TARGET_RATIO:g}", met=ratio <= TARGET_RATIO,
            note=f"{result['size']:,} B, {result['words']:,} words, {result['claims']} claims, "
                 f"{result['matches']:,} floor matches; extract {common.spread(result['extract'], 1000)} ms; "
                 f"per-run ratios {common.spread(run_ratios)}"))

    # -- linearity and words per second ---------------------------------------------------------
    measured = [r for r in results if r["nominal"] >= 10_000]
    if len(measured) >= 2:
        largest = measured[-1]
        base = next((r for r in measured if r["nominal"] == 100_000 and r is not largest), measured[0])
        per_kb = lambda r: common.median(r["extract"]) / (r["size"] / 1000) * 1e6  # noqa: E731
        xs = [math.log(r["size"]) for r in measured]
        ys = [math.log(common.median(r["extract"])) for r in measured]
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
        growth = per_kb(largest) / per_kb(base)
        rows.append(common.row(
            BENCH, f"time per KB at {_label(largest['nominal'])} vs at {_label(base['nominal'])} (linearity)",
            per_kb(largest), "µs/KB", per_kb(base), "µs/KB", ratio=growth,
            target="ratio ≤ 1.5 (linear)", met=growth <= 1.5,
            note=f"fitted exponent of time vs size over {', '.join(_label(r['nominal']) for r in measured)}: "
                 f"{slope:.2f} (1 = linear)"))
    else:
        rows.append(common.row(BENCH, "time per KB (linearity)", None, "µs/KB", target="ratio ≤ 1.5 (linear)",
                               met=False, note="fewer than two sizes from 10 KB up were measured"))
    one_mb = next((r for r in results if r["nominal"] == 1_000_000), None) or (results[-1] if results else None)
    if one_mb:
        wps = one_mb["words"] / common.median(one_mb["extract"])
        floor_wps = one_mb["words"] / common.median(one_mb["regex"])
        rows.append(common.row(
            BENCH, f"words per second ({_label(one_mb['nominal'])} document)", wps, "words/s", floor_wps,
            "words/s", higher_is_better=True, target=f"ratio ≤ {TARGET_RATIO:g}",
            met=floor_wps / wps <= TARGET_RATIO,
            note=f"{one_mb['size'] / common.median(one_mb['extract']) / 1e6:.3f} MB/s vs floor "
                 f"{one_mb['size'] / common.median(one_mb['regex']) / 1e6:.2f} MB/s"))
    return rows


STAGES = {
    "lexicon.match": "factcheck/text/lexicon.py:match",
    "find_times": "factcheck/text/timex/find.py:find_times",
    "find_quantities": "factcheck/text/quantities/find.py:find_quantities",
    "split_sentences": "factcheck/text/sentences.py:split_sentences",
    "merge_items": "factcheck/claims/items.py:merge_items",
    "_shadow": "factcheck/claims/extract.py:_shadow",
    "_claims": "factcheck/claims/extract.py:_claims",
    "_cues": "factcheck/claims/extract.py:_cues",
}


def stage_shares(stats, whole: str, stages: dict[str, str]) -> str:
    """'stage share%, ...' of the cumulative time of ``whole`` (a 'file-part:function')."""
    total = common.cumulative(stats, {"whole": whole})["whole"]
    if not total:
        return "-"
    found = common.cumulative(stats, stages)
    return ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in sorted(found.items(), key=lambda kv: -kv[1]) if v)


def _label(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:g} MB"
    if size >= 1_000:
        return f"{size / 1_000:g} KB"
    return f"{size} B"


if __name__ == "__main__":
    import sys

    for r in run("--quick" in sys.argv):
        print(r)
