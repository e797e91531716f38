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
    if isinstance(checked, CheckedDocument):
        out["summary"] = checked.summary()
    return out


def report_json(documents: Iterable[CheckedDocument | Document]) -> dict:
    docs = [document_json(d) for d in documents]
    out = {"factcheck_version": VERSION, "documents": docs}
    if docs and all("summary" in d for d in docs):
        out["summary"] = {name: sum(d["summary"][name] for d in docs) for name in VERDICTS}
    return out


def dumps(data: dict) -> str:
    """Stable JSON: same input, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def text_lines(checked: CheckedDocument, *, quiet: bool = False) -> list[str]:
    """One line per claim, path:line:col: verdict rule: explanation."""
    lines = []
    for claim, verdict in checked.verdicts:
        if quiet and verdict.verdict != "contradicted":
            continue
        lines.append(f"{checked.document.source}:{claim.line}:{claim.column}: {verdict.verdict} "
                     f"{claim.rule}: {_assertion(claim)}: {verdict.explanation}")
    return lines


def summary_line(checked: list[CheckedDocument]) -> str:
    counts = {name: 0 for name in VERDICTS}
    claims = sentences = with_facts = 0
    for doc in checked:
        sentences += len(doc.document.sentences)
        for _, verdict in doc.verdicts:
            counts[verdict.verdict] += 1
            claims += 1
            with_facts += bool(verdict.evidence)
    return (f"{len(checked)} document(s), {sentences} sentences, {claims} claims "
            f"({with_facts} with reference facts): {counts['supported']} supported, "
            f"{counts['contradicted']} contradicted, {counts['unknown']} unknown")


def _assertion(claim: Claim) -> str:
    subject = claim.subject.name if claim.subject else "?"
    if claim.members:
        subject = " and ".join(m.name for m in claim.members)
        return f"{subject} rank 1-{claim.rank_top} by {claim.predicate}"
    obj = claim.object.name if claim.object else ""
    if claim.value and not obj:
        obj = ", ".join(f"{k} {v}" for k, v in claim.value.items() if v is not None)
    negation = "not " if claim.negated else ""
    return f"{subject} {negation}{claim.predicate} {obj}".strip()


def claims_text(document: Document) -> list[str]:
    return [f"{document.source}:{c.line}:{c.column}: {c.rule}: {_assertion(c)} "
            f"[{c.time.date_from}..{c.time.date_until}]" if c.time else
            f"{document.source}:{c.line}:{c.column}: {c.rule}: {_assertion(c)}"
            for c in document.claims]
