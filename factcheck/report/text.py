"""Linter-style text: one line per claim, ``path:line:col: verdict rule: assertion: explanation``."""

from __future__ import annotations

import re

from factcheck.model import VERDICTS

# Characters a terminal acts on rather than shows: C0 and C1 controls (escape sequences start
# with ESC or CSI), DEL, and the Unicode line separators and direction overrides that make a
# line look like something else.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_UNPRINTABLE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character, line separator and direction override written as
    an escape (``\\x1b``, ``\\u202e``), so that text from an article or a fact file cannot move
    the cursor, recolour or clear the terminal, or break the one-line-per-finding layout."""
    pattern = _UNPRINTABLE_BUT_NEWLINE if keep_newlines else _UNPRINTABLE
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
            lines.append(("", printable(f"{head}{claim['rule']}: {_assertion(claim)}{_time(claim)}")))
            continue
        # the verdict word keeps its colour codes; the text around it is escaped
        word = paint(verdict) if paint else verdict
        lines.append((verdict, printable(head) + word
                      + printable(f" {claim['rule']}: {_assertion(claim)}: {claim['explanation']}")))
    return lines


#: Where a document's publication date came from (its ``published_from``), in words.
DATE_SOURCES = {"option": "the --date option", "metadata": "the page's metadata",
                "dateline": "the article's dateline", "today": "today's date, as none was found"}


def dates_note(documents: list[dict]) -> str:
    """The date the claims were read as of, and where it came from: "as of 2023-10-25 (from the
    --date option)", or for documents of several dates how many came from where."""
    dates = {document["published"] for document in documents}
    sources = [document.get("published_from", "option") for document in documents]
    if len(dates) == 1:
        where = " and ".join(DATE_SOURCES.get(s, s) for s in dict.fromkeys(sources))
        return f"as of {dates.pop()} (from {where})"
    counts = {s: sources.count(s) for s in dict.fromkeys(sorted(sources))}
    return "as of each article's date (" + ", ".join(
        f"{n} from {DATE_SOURCES.get(s, s)}" for s, n in counts.items()) + ")"


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
    if documents:
        text += "; " + dates_note(documents)
    cut_short = sum("incomplete" in document for document in documents)
    if cut_short:
        text += f"; {cut_short} not fully checked (time budget)"
    if skipped:
        text += f"; {skipped} source(s) skipped after errors"
    return text


def _assertion(claim: dict) -> str:
    subject = (claim.get("subject") or {}).get("name", "?")
    value = claim.get("value") or {}
    if "members" in value:
        names = value.get("member_names") or value["members"]
        return f"{' and '.join(names)} rank {value['rank_from']}-{value['rank_until']} by {claim['predicate']}"
    obj = (claim.get("object") or {}).get("name", "")
    if value and not obj:
        obj = ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    negation = "not " if claim.get("negated") else ""
    return f"{subject} {negation}{claim['predicate']} {obj}".strip()


def _time(claim: dict) -> str:
    time = claim.get("time")
    return f" [{time['from']}..{time['until']}]" if time else ""
