"""The evaluation set: real articles, the same with planted errors, and one-sentence phrasings.

``tests/data/devset/`` holds the labelled set (its README and each article's meta file give the
source and licence). Each gold claim is matched to a reported claim whose span overlaps the gold
quote and whose predicate is the same (and subject, where both name one), as the set's own scorer
does. The figures must not fall more than 0.03 below the ones recorded in FLOORS.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from factcheck.api import Checker
from factcheck.report.build import report_json
from factcheck.rules.loader import load_rules
from factcheck.store.database import Store

DATA = Path(__file__).parent / "data" / "devset"
#: What the checker reached on this set; a drop of more than MARGIN fails.
FLOORS = {
    "real": {"recall": 0.82, "accuracy": 1.00},
    "perturbed": {"recall": 0.82, "accuracy": 1.00, "contradicted_precision": 1.00, "contradicted_recall": 0.94},
    "phrasings": {"recall": 0.90, "accuracy": 1.00, "contradicted_precision": 1.00, "contradicted_recall": 0.97},
}
MARGIN = 0.03
VERDICTS = ("supported", "contradicted")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('devset') / 'facts.db'}")
    store.import_file(DATA / "facts.jsonl", load_rules().predicate_kinds())
    yield Checker(store)
    store.close()


def _documents(part: str) -> list[tuple[str, str, list[dict]]]:
    """(text, publication date, gold entries) per document of a part of the set."""
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    if part == "phrasings":
        out = []
        for line in (DATA / "phrasings.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out.append((item["sentence"] + "\n", item["published"], [item]))
        return out
    by_doc = defaultdict(list)
    for entry in gold:
        if entry["doc"].startswith(part + "/"):
            by_doc[entry["doc"]].append(entry)
    out = []
    for doc, entries in sorted(by_doc.items()):
        number = Path(doc).stem
        meta = json.loads((DATA / "real" / f"{number}.meta.json").read_text(encoding="utf-8"))
        out.append(((DATA / doc).read_text(encoding="utf-8"), meta["published"], entries))
    return out


def _tally(text: str, gold: list[dict], reported: list[dict], totals: dict) -> None:
    claims, nonclaims = [], []
    for entry in gold:
        start = text.find(entry["quote"])
        (nonclaims if entry["verdict"] == "none" else claims).append((entry, start, start + len(entry["quote"])))
    pairs = []
    for gi, (entry, start, end) in enumerate(claims):
        for ri, claim in enumerate(reported):
            subject = (claim.get("subject") or {}).get("id")
            if not (claim["start"] < end and start < claim["end"]) or claim["predicate"] != entry["predicate"]:
                continue
            if entry.get("subject") and subject and subject not in (entry.get("subject"), entry.get("object")):
                continue
            score = 2 if subject and subject == entry.get("subject") else 1
            score += bool(entry.get("object") and (claim.get("object") or {}).get("id") == entry.get("object"))
            pairs.append((score, -abs(claim["start"] - start), gi, ri))
    used_gold, used_reported, match = set(), set(), {}
    for _, _, gi, ri in sorted(pairs, reverse=True):
        if gi not in used_gold and ri not in used_reported:
            used_gold.add(gi)
            used_reported.add(ri)
            match[gi] = ri
    for gi, (entry, _, _) in enumerate(claims):
        totals["claims"] += 1
        totals["gold_contradicted"] += entry["verdict"] == "contradicted"
        if gi in match:
            verdict = reported[match[gi]]["verdict"]
            totals["found"] += 1
            totals["correct"] += verdict == entry["verdict"]
            totals["said_contradicted"] += verdict == "contradicted"
            totals["right_contradicted"] += verdict == "contradicted" == entry["verdict"]
    for entry, start, end in nonclaims:
        totals["nonclaim_verdicts"] += any(
            ri not in used_reported and claim["start"] < end and start < claim["end"] and claim["verdict"] in VERDICTS
            for ri, claim in enumerate(reported))


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_the_evaluation_set_holds_its_figures(checker, part):
    totals: dict[str, int] = defaultdict(int)
    for text, published, gold in _documents(part):
        checked = checker.check(text, date.fromisoformat(published))
        _tally(text, gold, report_json([checked])["documents"][0]["claims"], totals)
    figures = {
        "recall": totals["found"] / totals["claims"],
        "accuracy": totals["correct"] / max(totals["found"], 1),
        "contradicted_precision": totals["right_contradicted"] / max(totals["said_contradicted"], 1),
        "contradicted_recall": totals["right_contradicted"] / max(totals["gold_contradicted"], 1),
    }
    assert totals["nonclaim_verdicts"] == 0, "an opinion, quotation or prediction got a verdict"
    fallen = {name: round(figures[name], 3) for name, floor in FLOORS[part].items()
              if figures[name] < floor - MARGIN}
    assert not fallen, f"{part}: {fallen} (floors {FLOORS[part]})"
