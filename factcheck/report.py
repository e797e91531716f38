"""Reports of checked documents: JSON (CONTRACT section 5), JSON Lines, and linter-style text."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .api import VERDICTS, CheckedDocument
from .extract import Claim, Document

VERSION = "0.1.0"


def claim_json(claim: Claim, verdict=None) -> dict:
    out = claim.to_json()
    extras = {key: out.pop(key) for key in ("negated", "modality") if key in out}
    if verdict is not None:
        out["verdict"] = verdict.verdict
        out["explanation"] = verdict.explanation
        out["evidence"] = [fact.to_json() for fact in verdict.evidence]
    out.update(extras)
    return out


def document_json(checked: CheckedDocument | Document) -> dict:
    if isinstance(checked, CheckedDocument):
        document = checked.document
        claims = [claim_json(claim, verdict) for claim, verdict in checked.verdicts]
    else:
        document = checked
        claims = [claim_json(claim) for claim in document.claims]
    out = {
        "source": document.source,
        "published": document.published.isoformat(),
        "published_from": document.published_from,
        "claims": claims,
    }
    out["sentences"] = len(document.sentences)
    if isinstance(checked, CheckedDocument):
        out["summary"] = checked.summary()
    return out


def report_json(documents: Iterable[CheckedDocument | Document | dict]) -> dict:
    docs = [d if isinstance(d, dict) else document_json(d) for d in documents]
    out = {"factcheck_version": VERSION, "documents": docs}
    if docs and all("summary" in d for d in docs):
        out["summary"] = {name: sum(d["summary"][name] for d in docs) for name in VERDICTS}
    return out


def dumps(data: dict) -> str:
    """Stable JSON: same input, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def text_lines(document: dict, *, quiet: bool = False) -> list[tuple[str, str]]:
    """(verdict, line) per claim: ``path:line:col: verdict rule: assertion: explanation``."""
    lines = []
    for claim in document["claims"]:
        verdict = claim.get("verdict")
        if quiet and verdict != "contradicted":
            continue
        head = f"{document['source']}:{claim['line']}:{claim['column']}: "
        if verdict is None:
            lines.append(("", f"{head}{claim['rule']}: {_assertion(claim)}{_time(claim)}"))
        else:
            lines.append((verdict, f"{head}{verdict} {claim['rule']}: {_assertion(claim)}: "
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
