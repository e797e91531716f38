"""What ``verify`` shares with other linters: --select/--ignore, inline ``factcheck: ignore``
comments, baselines, --stdin-filename, --level and --color."""

from __future__ import annotations

import os
from pathlib import Path

import click

from factcheck.errors import InputError

#: The SGR colour of each verdict word on a terminal.
_COLOURS = {"supported": "32", "contradicted": "1;31", "unknown": "33"}


def _split(ctx, param, values: tuple[str, ...]) -> tuple[str, ...] | None:
    """Repeatable and comma-separated: ``--ignore a.* --ignore b,c``; None when not given."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


SELECT = click.option("--select", multiple=True, callback=_split, metavar="RULES",
                      help="Report only claims of these rules (ids or globs such as 'trade.*'; "
                           "comma-separated or repeated). Replaces the config file's select.")
IGNORE = click.option("--ignore", multiple=True, callback=_split, metavar="RULES",
                      help="Do not report claims of these rules (ids or globs); they do not count "
                           "for the exit status. Replaces the config file's ignore.")


def lint_options(func):
    """The options of ``verify`` that decide which claims are reported, and how they look."""
    options = [
        SELECT,
        IGNORE,
        click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Do not report the findings accepted in FILE (see --write-baseline)."),
        click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Accept the current contradicted and unknown claims: write them to FILE "
                          "and exit 0."),
        click.option("--stdin-filename", metavar="NAME",
                     help="The name reports give the article read from standard input (-)."),
        click.option("--level", "levels", multiple=True, metavar="VERDICT=LEVEL",
                     help="SARIF and GitHub formats: report VERDICT at LEVEL (error, warning, "
                          "note, none), e.g. --level unknown=note. Default: contradicted=error."),
        click.option("--color", "color", type=click.Choice(["auto", "always", "never"]),
                     default="auto", show_default=True,
                     help="Colour the verdict words of text output (auto: on a terminal, unless "
                          "NO_COLOR is set; FORCE_COLOR forces it)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def use_colour(choice: str, stream) -> bool:
    """--color always/never decide; auto: NO_COLOR off, FORCE_COLOR on, else only a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(verdict: str) -> str:
    return f"\x1b[{_COLOURS[verdict]}m{verdict}\x1b[0m" if verdict in _COLOURS else verdict


class ClaimFilter:
    """Settles which claims of each checked source are reported: rules selected and ignored
    (options over config), inline ``factcheck: ignore`` comments, a baseline's accepted findings."""

    def __init__(self, config: dict, rule_ids, *, select=None, ignore=None, baseline=None,
                 stdin_filename=None) -> None:
        from factcheck.report.baseline import read_baseline
        from factcheck.report.filters import check_patterns

        self.select = tuple(select if select is not None else config.get("select", ()))
        self.ignore = tuple(ignore if ignore is not None else config.get("ignore", ()))
        if self.select or self.ignore:
            rule_ids = list(rule_ids())
            check_patterns(self.select, rule_ids, "--select" if select is not None else "config select")
            check_patterns(self.ignore, rule_ids, "--ignore" if ignore is not None else "config ignore")
        self.accepted = read_baseline(baseline) if baseline else None
        self.stdin_filename = stdin_filename
        self.spooled: str | None = None

    def spool_stdin(self, sources: tuple[str, ...]) -> tuple[str, ...]:
        """With an HTML --stdin-filename, standard input is copied to a file of that name in a
        temporary folder, so it is read as a page (and its comments are seen) like that file."""
        name = self.stdin_filename
        if not name or "-" not in sources or not name.lower().endswith((".html", ".htm")):
            return sources
        import shutil
        import sys
        import tempfile

        from factcheck.sources.reading import MAX_ARTICLE_BYTES

        folder = tempfile.mkdtemp(prefix="factcheck-stdin-")
        click.get_current_context().call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
        path = Path(folder) / Path(name).name
        path.write_bytes(sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1))
        self.spooled = str(path)
        return tuple(self.spooled if source == "-" else source for source in sources)

    def source_name(self, source: str) -> str:
        if source == "-" or (self.spooled is not None and source == self.spooled):
            return self.stdin_filename or source
        return source

    def apply(self, result, *, with_baseline: bool = True) -> dict:
        """The document of a checked source as it is to be reported."""
        from factcheck.report.baseline import drop_accepted
        from factcheck.report.filters import drop_inline_ignored, select_rules

        document = result.document
        if document["source"] != self.source_name(document["source"]):
            document = dict(document, source=self.source_name(document["source"]))
        document = select_rules(document, self.select, self.ignore)
        document = drop_inline_ignored(document, result.text or "", html_page(result.source))
        if with_baseline and self.accepted is not None:
            document = drop_accepted(document, self.accepted)
        return document


def html_page(source: str) -> str | None:
    """The page an HTML file's text came from, for its comments (URLs are not fetched twice)."""
    if not source.lower().endswith((".html", ".htm")) or "://" in source:
        return None
    try:
        return Path(source).read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror}") from None
