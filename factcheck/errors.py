"""The one exception tree of factcheck.

    FactcheckError                 base: every error the tool raises on purpose
    ├── InputError                 an article or option the tool cannot use (unreadable file, bad date)
    ├── FactFileError              a reference-fact file that does not fit the interchange format
    ├── RuleError                  a rule file that does not parse or declares something invalid
    └── StoreError                 the database cannot be opened, migrated or queried

Every error carries a message that names what went wrong and where; the CLI prints it on one
line as ``error: <message>`` and exits with status 2.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """An article, URL or option that factcheck cannot use."""


class FactFileError(FactcheckError):
    """A reference-fact file that does not fit the interchange format.

    ``path``, ``line`` and ``field`` say where; the message names all three.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path = path
        self.line = line
        self.field = field
        where = ", ".join(
            part for part in (
                path,
                f"line {line}" if line is not None else None,
                f"field '{field}'" if field else None,
            ) if part
        )
        super().__init__(f"{message} ({where})" if where else message)


class RuleError(FactcheckError):
    """A rule file that does not parse or declares something invalid.

    The message starts with ``file:line:col:`` and, where the line is known, shows it with a caret;
    of a line longer than ``EXCERPT`` characters only that many around the column are shown.
    """

    EXCERPT = 200

    def __init__(self, message: str, *, path: str, line: int = 1, column: int = 1,
                 source_line: str | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        text = f"{path}:{line}:{column}: {message}"
        if source_line is not None:
            shown, caret = _excerpt(source_line.rstrip("\n"), column - 1, self.EXCERPT)
            text += "\n    " + shown + "\n    " + " " * caret + "^"
        super().__init__(text)


def _excerpt(line: str, at: int, width: int) -> tuple[str, int]:
    """At most ``width`` characters of ``line`` around offset ``at`` (with "..." where cut) and
    the caret's offset in what is shown."""
    at = max(0, min(at, len(line)))
    if len(line) <= width:
        return line, at
    start = max(0, min(at - width // 2, len(line) - width))
    end = start + width
    head = "..." if start > 0 else ""
    tail = "..." if end < len(line) else ""
    return head + line[start:end] + tail, len(head) + at - start


class StoreError(FactcheckError):
    """The fact store cannot be opened, migrated or queried."""
