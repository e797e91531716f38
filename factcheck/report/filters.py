"""Which claims a report shows: rules selected and ignored, inline ``factcheck: ignore`` comments.

Each filter takes a document of the report (CONTRACT section 5) and gives a new one without the
claims it drops, its ``summary`` counted again, so an ignored claim neither shows nor counts
for the exit status.

- ``select`` / ``ignore``: rule ids or shell-style globs (``office.*``, ``trade.blocking-?``);
  a claim is kept when its rule matches a ``select`` pattern (all do when there is none) and
  no ``ignore`` pattern.
- ``factcheck: ignore[office.appositive, trade.*]`` on a line of a text or Markdown article
  drops the claims of those rules on that line (on the next line when the comment stands on a
  line of its own); ``factcheck: ignore`` drops all of them. In an
  HTML page, ``<!-- factcheck: ignore[...] -->`` drops the claims of the sentences of the
  element (paragraph, list item, heading) that holds the comment.

The bare ``<!-- factcheck: ignore -->`` and ``[factcheck: ignore]`` markers are older and
finer: extraction itself silences the sentence that holds them (or follows them on a line of
their own), so these filters leave them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from factcheck.errors import InputError
from factcheck.model import VERDICTS

#: ``factcheck: ignore`` or ``factcheck: ignore[rule, glob.*]``.
DIRECTIVE = re.compile(r"factcheck:\s*ignore(?:\[(?P<rules>[^\]\n]*)\])?", re.IGNORECASE)
#: The sentence markers extraction handles (factcheck.claims.extract.IGNORE_MARKER).
_SENTENCE_MARKER = re.compile(r"<!--\s*factcheck:\s*ignore\s*-->|\[factcheck:\s*ignore\]", re.IGNORECASE)
#: What may stand around a directive on a line of its own: comment marks and blanks.
_ALONE = re.compile(r"<!--|-->|[\s\[\]#/*]")
#: Elements whose comments would silence a whole page: their comments are not directives.
_PAGE_ELEMENTS = {"html", "head", "body"}


def rule_matches(rule: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(rule, pattern) for pattern in patterns)


def check_patterns(patterns: Sequence[str], rule_ids: Iterable[str], where: str) -> None:
    """Refuse a pattern that names no loaded rule (a typo would otherwise select nothing)."""
    known = list(rule_ids)
    for pattern in patterns:
        if not any(fnmatchcase(rule, pattern) for rule in known):
            import difflib

            close = difflib.get_close_matches(pattern, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see factcheck rules list"
            raise InputError(f"{where}: {pattern!r} matches no rule{hint}")


def select_rules(document: dict, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> dict:
    """``document`` with the claims of the selected rules that no ``ignore`` pattern names."""
    if not select and not ignore:
        return document
    return keep_claims(document, lambda claim: (not select or rule_matches(claim["rule"], select))
                 and not rule_matches(claim["rule"], ignore))


def text_directives(text: str) -> dict[int, tuple[str, ...] | None]:
    """Line number (1-based) -> the rule patterns a directive on it names (None: every rule)."""
    out: dict[int, tuple[str, ...] | None] = {}
    if "factcheck" not in text.lower():
        return out
    for number, line in enumerate(text.split("\n"), start=1):
        line = _SENTENCE_MARKER.sub(" ", line)
        matches = list(DIRECTIVE.finditer(line))
        if matches and not _ALONE.sub("", DIRECTIVE.sub("", line)):
            number += 1
        for match in matches:
            patterns = _patterns(match)
            previous = out.get(number, ())
            out[number] = None if patterns is None or previous is None else previous + patterns
    return out


def html_directives(html: str) -> list[tuple[str, tuple[str, ...] | None]]:
    """(the words of the element holding the comment, its rule patterns) per directive comment."""
    if "factcheck" not in html.lower():
        return []
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    out = []
    for comment in root.iter(lxml.etree.Comment):
        match = DIRECTIVE.search(comment.text or "")
        parent = comment.getparent()
        if match is None or _SENTENCE_MARKER.fullmatch(f"<!--{comment.text}-->"):
            continue
        if parent is None or parent.tag in _PAGE_ELEMENTS:
            continue
        out.append((_words(parent.text_content()), _patterns(match)))
    return out


def drop_inline_ignored(document: dict, text: str, html: str | None = None) -> dict:
    """``document`` without the claims its article's ``factcheck: ignore`` comments name.

    ``text`` is the text the claims' lines refer to; ``html`` the page it was extracted from,
    whose comments the text no longer holds.
    """
    by_line = text_directives(text)
    by_block = html_directives(html) if html is not None else []
    if not by_line and not by_block:
        return document

    def ignored(claim: dict) -> bool:
        last = claim["line"] + claim["text"].count("\n")
        for line in range(claim["line"], last + 1):
            if line in by_line and _names(by_line[line], claim["rule"]):
                return True
        sentence = _words(claim.get("sentence") or claim["text"])
        return any(sentence in block and _names(patterns, claim["rule"]) for block, patterns in by_block)

    return keep_claims(document, lambda claim: not ignored(claim))


def summary(claims: Iterable[dict]) -> dict[str, int]:
    counts = {name: 0 for name in VERDICTS}
    for claim in claims:
        if claim.get("verdict") in counts:
            counts[claim["verdict"]] += 1
    return counts


def keep_claims(document: dict, keep) -> dict:
    claims = [claim for claim in document["claims"] if keep(claim)]
    if len(claims) == len(document["claims"]):
        return document
    out = dict(document, claims=claims)
    if "summary" in document:
        out["summary"] = summary(claims)
    return out


def _patterns(match: re.Match) -> tuple[str, ...] | None:
    if match.group("rules") is None:
        return None
    patterns = tuple(p.strip() for p in match.group("rules").split(",") if p.strip())
    return patterns or None


def _names(patterns: tuple[str, ...] | None, rule: str) -> bool:
    return patterns is None or rule_matches(rule, patterns)


def _words(text: str) -> str:
    return " ".join(text.split())
