"""Baselines: findings accepted once, so that a later run reports only new ones.

A finding is a claim judged contradicted or unknown. The baseline file is JSON, sorted, the
same findings giving the same bytes::

    {"factcheck_baseline": 1,
     "findings": [{"source": "news/a.txt", "rule": "office.appositive", "verdict": "contradicted",
                   "text": "US President Xi Jinping", "fingerprint": "3f1c..."}]}

A claim matches an entry with the same source, rule, verdict, words (whitespace collapsed) and
fingerprint (a hash of its subject, predicate, object or value and negation); line numbers
play no part, so editing the text around a finding keeps it accepted. Each entry accepts one
claim: a second identical claim in the same article is new.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from pathlib import Path

from factcheck.errors import InputError
from factcheck.report.filters import keep_claims

FORMAT_VERSION = 1
FINDINGS = ("contradicted", "unknown")
_FIELDS = ("source", "rule", "verdict", "text", "fingerprint")


def source_key(source: str, base: Path | None = None) -> str:
    """A source as baselines and annotations name it: a path relative to ``base`` (the current
    folder) with / separators when it lies inside it, else as given."""
    if source == "-" or "://" in source:
        return source
    path = Path(source)
    if path.is_absolute():
        try:
            path = path.relative_to((base or Path.cwd()).resolve())
        except ValueError:
            return path.as_posix()
    text = path.as_posix()
    return text[2:] if text.startswith("./") else text


def fingerprint(claim: dict) -> str:
    subject = claim.get("subject") or {}
    obj = claim.get("object") or {}
    parts = [subject.get("id") or subject.get("name"), claim.get("predicate"),
             obj.get("id") or obj.get("name"), claim.get("value"), bool(claim.get("negated"))]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def entry(source: str, claim: dict) -> dict:
    """The baseline entry of a claim of the document ``source`` (already a ``source_key``)."""
    return {"source": source, "rule": claim["rule"], "verdict": claim["verdict"],
            "text": _words(claim["text"]), "fingerprint": fingerprint(claim)}


def baseline_json(documents: list[dict]) -> str:
    """The baseline of the findings of ``documents``, as the text of its file."""
    entries = [entry(source_key(document["source"]), claim) for document in documents
               for claim in document["claims"] if claim.get("verdict") in FINDINGS]
    entries.sort(key=lambda item: tuple(item[field] for field in _FIELDS))
    data = {"factcheck_baseline": FORMAT_VERSION, "findings": entries}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_baseline(path: str) -> Counter:
    """The entries of a baseline file, counted."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no baseline file {path}; write one with --write-baseline {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("factcheck_baseline") != FORMAT_VERSION:
        raise InputError(f"{path} is not a factcheck baseline (version {FORMAT_VERSION})")
    found = Counter()
    for number, item in enumerate(data.get("findings", []), start=1):
        if not isinstance(item, dict) or any(not isinstance(item.get(f), str) for f in _FIELDS):
            raise InputError(f"baseline {path}: finding {number} needs string fields "
                             f"{', '.join(_FIELDS)}")
        found[tuple(item[f] for f in _FIELDS)] += 1
    return found


def drop_accepted(document: dict, accepted: Counter) -> dict:
    """``document`` without the findings ``accepted`` holds; each entry used once (``accepted``
    is consumed, so one Counter serves a whole run)."""
    source = source_key(document["source"])

    def new(claim: dict) -> bool:
        if claim.get("verdict") not in FINDINGS:
            return True
        found = entry(source, claim)
        key = tuple(found[f] for f in _FIELDS)
        if accepted[key] > 0:
            accepted[key] -= 1
            return False
        return True

    return keep_claims(document, new)


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
