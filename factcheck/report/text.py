"""Linter-style text: one line per claim, ``path:line:col: verdict rule: assertion: explanation``."""

from __future__ import annotations

from factcheck.model import VERDICTS


def text_lines(document: dict, *, quiet: bool = False, paint=None) -> list[tuple[str, str]]:
    """(verdict, line) per claim: ``path:line:col: verdict rule: assertion: explanation``.

    ``paint(verdict)`` gives the verdict word as printed (e.g. wrapped in a terminal colour)."""
    lines = []
    for claim in document["claims"]:
        verdict = claim.get("verdict")
        if quiet and verdict != "contradicted":
            continue
        head = f"{document['source']}:{claim['line']}:{claim['column']}: "
        if verdict is None:
            lines.append(("", f"{head}{claim['rule']}: {_assertion(claim)}{_time(claim)}"))
        else:
            word = paint(verdict) if paint else verdict
            lines.append((verdict, f"{head}{word} {claim['rule']}: {_assertion(claim)}: "
                                   f"{claim['explanation']}"))
    return lines


def summary_line(documents: list[dict], skipped: int = 0) -> str:
    """Coverage and verdict counts over all documents."""
    counts = {name: 0 for name in VERDICTS}
    claims = sentences = with_facts = 0
    for document in documents:
        sentences += document.get("sentences", 0)
        for claim in document["claims"]:
            claims += 1
            if "verdict" in claim:
                counts[claim["verdict"]] += 1
                with_facts += bool(claim["evidence"])
    text = (f"{len(documents)} document(s), {sentences} sentences, {claims} claims "
            f"({with_facts} with reference facts): {counts['supported']} supported, "
            f"{counts['contradicted']} contradicted, {counts['unknown']} unknown")
    if skipped:
        text += f"; {skipped} source(s) skipped after errors"
    return text


def _assertion(claim: dict) -> str:
    subject = (claim.get("subject") or {}).get("name", "?")
    value = claim.get("value") or {}
    if "members" in value:
        return f"{' and '.join(value['members'])} rank {value['rank_from']}-{value['rank_until']} by {claim['predicate']}"
    obj = (claim.get("object") or {}).get("name", "")
    if value and not obj:
        obj = ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    negation = "not " if claim.get("negated") else ""
    return f"{subject} {negation}{claim['predicate']} {obj}".strip()


def _time(claim: dict) -> str:
    time = claim.get("time")
    return f" [{time['from']}..{time['until']}]" if time else ""
