"""The report of checked documents as data: JSON (CONTRACT section 5) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable

from factcheck.model import VERDICTS, CheckedDocument, Claim, Document
from factcheck.version import __version__

VERSION = __version__


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
    if document.incomplete is not None:
        out["incomplete"] = {"reason": document.incomplete.reason, "offset": document.incomplete.offset,
                             "line": document.text.count("\n", 0, document.incomplete.offset) + 1}
    if isinstance(checked, CheckedDocument):
        out["summary"] = checked.summary()
    return out


def report_json(documents: Iterable[CheckedDocument | Document | dict]) -> dict:
    docs = [d if isinstance(d, dict) else document_json(d) for d in documents]
    out = {"factcheck_version": VERSION, "documents": docs}
    if docs and all("summary" in d for d in docs):
        out["summary"] = {name: sum(d["summary"][name] for d in docs) for name in VERDICTS}
    return out


def report_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the ``verify --format json`` report, as shipped in the package."""
    from importlib.resources import files

    return json.loads(files("factcheck.report").joinpath("schema", "report.schema.json")
                      .read_text(encoding="utf-8"))


def dumps(data: dict) -> str:
    """Stable JSON: same input, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dumps_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
