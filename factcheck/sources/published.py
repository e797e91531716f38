"""The publication date claims are judged at: the option, else the page's metadata, else a dateline, else today."""

from __future__ import annotations

import re
from datetime import date

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|\d{4}-\d{2}-\d{2})\b")


def dateline_date(text: str) -> date | None:
    """A publication date written at the start of a line in the article's first lines ('BEIJING, Oct. 25, 2023 -')."""
    from factcheck.text.timex import find_times   # pyparsing: only when there is no --date

    head = "\n".join(text.splitlines()[:5])[:600]
    for line in head.splitlines():
        if _DATELINE.match(line):
            for span in find_times(line, date.today()):
                if span.precision == "day":
                    return span.date_from
    return None


def publication_date(text: str, option: date | None, metadata: date | None = None) -> tuple[date, str]:
    """The date claims are judged at, and where it came from (CONTRACT section 4)."""
    if option is not None:
        return option, "option"
    if metadata is not None:
        return metadata, "metadata"
    found = dateline_date(text)
    if found is not None:
        return found, "dateline"
    return date.today(), "today"
