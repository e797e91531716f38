"""GitHub Actions workflow commands: one annotation line per reported claim.

``::error file=news/a.txt,line=3,col=1,title=office.appositive::contradicted: ...``. Which
verdicts are reported, and at which level, is ``levels`` (the vocabulary of SARIF: error,
warning, note, none; note is GitHub's ``notice``). Values are escaped as the Actions toolkit
does: ``%``, CR and LF in the message; those and ``:`` and ``,`` in properties. A URL or
standard input is no file of the repository: its annotations name it in the message instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.errors import InputError
from factcheck.model import VERDICTS

LEVELS = ("none", "note", "warning", "error")
#: Contradicted claims are errors; the others are not reported unless asked for.
DEFAULT_LEVELS = {"contradicted": "error"}
_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def parse_levels(items: Mapping[str, str] | list[str] | tuple[str, ...], where: str) -> dict[str, str]:
    """``{"unknown": "note"}`` or ``["unknown=note"]`` checked: verdict -> level."""
    if isinstance(items, Mapping):
        pairs = list(items.items())
    else:
        pairs = []
        for item in items:
            verdict, equals, level = str(item).partition("=")
            if not equals:
                raise InputError(f"{where}: {item!r} is not VERDICT=LEVEL (e.g. unknown=note)")
            pairs.append((verdict.strip(), level.strip()))
    levels = {}
    for verdict, level in pairs:
        if verdict not in VERDICTS:
            raise InputError(f"{where}: no verdict {verdict!r} (use {', '.join(VERDICTS)})")
        if level not in LEVELS:
            raise InputError(f"{where}: level {level!r} for {verdict} is not one of {', '.join(LEVELS)}")
        levels[verdict] = level
    return levels


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(report: dict, levels: Mapping[str, str] | None = None) -> str:
    """The annotation lines of ``report``: one per claim whose verdict has a level other than none."""
    from factcheck.report.baseline import source_key

    levels = dict(DEFAULT_LEVELS if levels is None else levels)
    lines = []
    for document in report.get("documents", []):
        source = source_key(document["source"])
        for claim in document.get("claims", []):
            command = _COMMANDS.get(levels.get(claim.get("verdict"), "none"))
            if command is None:
                continue
            properties = f"title={escape_property(claim['rule'])}"
            message = f"{claim['verdict']}: {claim['explanation']}"
            if source == "-" or "://" in source:
                # Not a file of the repository: the annotation names it in its message.
                message = f"{source}:{claim['line']}:{claim['column']}: {message}"
            else:
                properties = f"file={escape_property(source)},line={claim['line']},col={claim['column']},{properties}"
            lines.append(f"::{command} {properties}::{escape_data(message)}\n")
    return "".join(lines)

