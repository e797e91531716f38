"""Reports: a checked run rendered in one of the output formats.

Takes the report dict of :func:`.build.report_json` (CONTRACT section 5); gives text. Renderers
import only :mod:`factcheck.model` (and the error tree): one module per family of formats.

- :mod:`.build`: the report dict, stable JSON and JSON Lines
- :mod:`.text`: linter-style lines and the coverage summary
- :mod:`.html`: one self-contained page
- :mod:`.formats`: ClaimReview (schema.org) and SARIF 2.1.0
- :mod:`.github`: GitHub Actions annotations
- :mod:`.filters`, :mod:`.baseline`: which claims a report shows
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

FORMATS = ("text", "json", "jsonl", "html", "claimreview", "sarif", "github")


def render(report: dict, fmt: str, *, texts: Mapping[str, str] | None = None,
           rules: Iterable[Mapping] | None = None, quiet: bool = False, skipped: int = 0,
           levels: Mapping[str, str] | None = None, base=None,
           review: Mapping[str, object] | None = None, originals: Mapping[str, str] | None = None) -> str:
    """``report`` in format ``fmt``; ``texts`` (source -> text) feeds the HTML and SARIF regions,
    ``rules`` (rule metadata) the SARIF rule descriptors, ``levels`` (verdict -> error, warning,
    note or none) which claims SARIF and GitHub annotations report, ``base`` (a folder) what
    SARIF's file URIs are relative to, ``review`` the ClaimReview options (see
    :func:`factcheck.report.formats.claimreview`: url, author_name, author_url, publisher,
    claim_author), ``originals`` the HTML pages the texts were read from (SARIF regions in the page)."""
    from factcheck.errors import InputError

    if fmt == "json":
        from factcheck.report.build import dumps

        return dumps(report)
    if fmt == "jsonl":
        from factcheck.report.build import dumps_line

        return "".join(dumps_line(document) for document in report["documents"])
    if fmt == "text":
        from factcheck.report.text import summary_line, text_lines

        lines = [line for document in report["documents"] for _, line in text_lines(document, quiet=quiet)]
        return "".join(line + "\n" for line in lines) + summary_line(report["documents"], skipped) + "\n"
    if fmt == "html":
        from factcheck.report.html import render_html

        return render_html(report, dict(texts or {}))
    if fmt == "claimreview":
        from factcheck.report.formats import claimreview

        return json.dumps(claimreview(report, **dict(review or {})), ensure_ascii=False, indent=2) + "\n"
    if fmt == "sarif":
        from factcheck.report.formats import sarif

        return json.dumps(sarif(report, rules=rules, texts=dict(texts or {}), levels=levels,
                                base=base, originals=originals),
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        from factcheck.report.github import annotations

        return annotations(report, levels)
    raise InputError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
