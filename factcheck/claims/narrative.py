"""The time of a story told in the past, for a claim whose sentence names none.

Takes the text, its sentences and the publication date; gives the time expression its paragraph
last named before the claim's sentence ("New elections in 2020 ... The Congress impeached him ...
MERINO became president" is about 2020), moved on by what the sentence says ("The following
year, ..."). Sentences that say what is ("is", "has", "will") keep the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

from factcheck import resources
from factcheck.dates import DateRange

#: How many sentences back a story told in the past may have named its time.
NARRATIVE_REACH = 3
_DISCOURSE = resources.lexicon_file("discourse")


def _any_word(words: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")


#: A sentence that tells what happened, and none that says what is (rules/lexicon/discourse.toml).
_PAST = _any_word(_DISCOURSE["told_in_past"])
_PRESENT = _any_word(_DISCOURSE["says_what_is"])
#: A time told relative to the story's: "The following year, the ECSC was set up".
LATER = re.compile(r"\b(?:the (?:following|next) year|the year after|a year later|"
                    r"(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years later)\b",
                    re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def tells_of_later_years(text: str) -> bool:
    """Whether ``text`` says "the following year", "three years later" and the like (every such
    phrase has the word "year" in it: found first, by a cheap scan where the regex is not, and
    the regex tried only around it)."""
    lowered = text.lower()
    if len(lowered) != len(text):    # a letter whose lower case is longer ("İ"): offsets moved
        return "year" in lowered and LATER.search(text) is not None
    at = lowered.find("year")
    while at != -1:
        # the longest phrase has 14 characters before "year" ("the following year"), 11 from it
        if LATER.search(text, max(0, at - 16), at + 16) is not None:
            return True
        at = lowered.find("year", at + 4)
    return False


def told_in_past(sentence: str) -> bool:
    """Whether a sentence tells what happened and says nothing of what is."""
    return bool(_PAST.search(sentence)) and not _PRESENT.search(sentence)


def narrative_time(norm: str, sentences: Sequence[tuple[int, int]], s_start: int, published: date):
    """The time span the paragraph last named in the NARRATIVE_REACH sentences before the one at
    ``s_start``, when it lies before the publication day; else None."""
    from factcheck.text.timex import find_times

    k = bisect_left([s for s, _ in sentences], s_start)
    for j in range(k - 1, max(k - 1 - NARRATIVE_REACH, -1), -1):
        start, end = sentences[j]
        if "\n" in norm[end:sentences[j + 1][0]]:
            return None   # another paragraph
        times = [t for t in find_times(norm, published, within=[(start, end)])
                 if t.relation == "at" and t.date_until < published]
        if times:
            return times[-1]
    return None


def years_on(told, sentence: str) -> tuple[DateRange, str]:
    """The story's time, moved on by what the sentence says ("the following year" after 1950 is
    1951, a year as a whole)."""
    later = LATER.search(sentence)
    if later is None:
        return DateRange(told.date_from, told.date_until, told.precision), told.text
    count = later.group("count")
    years = 1 if count is None else int(_COUNTS.get(count.lower(), count))
    year = told.date_from.year + years
    if told.date_from.year != told.date_until.year or year > 9999:
        return DateRange(told.date_from, told.date_until, told.precision), told.text
    return DateRange(date(year, 1, 1), date(year, 12, 31), "year"), f"{later.group()} ({told.text})"


def later_times(norm: str, sentences: Sequence[tuple[int, int]], within: Sequence[tuple[int, int]],
                published: date, named: Sequence) -> list:
    """Times told relative to the story's, as time expressions of their own: in "The following
    year, the ECSC was set up" after a sentence about 1950, "The following year" is 1951. Only where
    no time expression of ``named`` already covers the words."""
    from factcheck.text.timex import TimeSpan

    found = []
    for s_start, s_end in within:
        for later in LATER.finditer(norm, s_start, s_end):
            if any(t.start < later.end() and later.start() < t.end for t in named):
                continue
            told = narrative_time(norm, sentences, s_start, published)
            if told is None:
                break
            span, _text = years_on(told, later.group())
            if span.date_from == told.date_from:
                continue
            found.append(TimeSpan(later.start(), later.end(), span.date_from, span.date_until,
                                  later.group(), span.precision, "at"))
    return found


__all__ = ["LATER", "NARRATIVE_REACH", "later_times", "narrative_time", "tells_of_later_years", "told_in_past",
           "years_on"]
