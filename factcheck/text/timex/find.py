"""Finding time expressions in a text, and resolving them against the publication date.

Takes a text and its publication date (and optionally the ranges worth reading); gives one
:class:`TimeSpan` per expression, sorted, non-overlapping, leftmost-longest. One trigger regex
finds the core words; each hit is widened back over its lead words, read at each word start
(:mod:`.readers`), checked against the context the grammar cannot see, and resolved
(:mod:`.intervals`) with the tense of its sentence.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from typing import NamedTuple

from factcheck import resources
from factcheck.dates import DateRange
from factcheck.errors import InputError
from factcheck.text.regexes import reach, trie
from factcheck.text.timex.grammar import word_class_of
from factcheck.text.timex.intervals import BareYear, DayOfMonth, Month, Phrase, Quarter, Season, Shift, Weekday
from factcheck.text.timex.readers import memo_key, parse_phrase
from factcheck.text.timex.vocabulary import (
    CENTURY_WORDS, DAY_ORDINALS, DECADE_WORDS, MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, ORDINALS, PART_WORDS,
    PREPOSITIONS, SEASONS, UNITS, WEEKDAY_ABBREVIATIONS, WEEKDAY_PLURALS, WEEKDAYS, YEAR_PREPOSITIONS, normalise,
)


class TimeSpan(NamedTuple):
    """One time expression: where it is, what it says, and the days it covers."""

    start: int          # character offsets into the text given; text[start:end] == text
    end: int
    date_from: date     # inclusive
    date_until: date    # inclusive
    text: str
    precision: str      # day, week, month, season, quarter, year, decade, range
    relation: str       # at, since, until, from, by, before, after

    def as_range(self) -> DateRange:
        return DateRange(self.date_from, self.date_until, self.precision)


# --------------------------------------------------------------------------------------------
# Candidate finder: one regex pass over the text
# --------------------------------------------------------------------------------------------

# Words a time expression can end on or centre on: the trigger regex looks only for these.
CORE_WORDS = (
    set(MONTHS) | set(MONTH_ABBREVIATIONS) | set(WEEKDAYS) | set(WEEKDAY_ABBREVIATIONS) | set(WEEKDAY_PLURALS)
    | set(SEASONS)
    | set(UNITS) | {"today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon",
                    "evening", "half", "weekend", "noughties", "thousands"} | set(DECADE_WORDS)
)
_CORE_WORD_SET = frozenset(w.lower() for w in CORE_WORDS)
TRIGGER = re.compile(
    r"(?<![\w$£€¥#@/])"             # not inside a word, an amount, a hashtag or a path
    r"(?i:" + trie(sorted({w.lower() for w in CORE_WORDS})) + r"\b|[qQ][1-4]\b|[hH][12]\b"
    r"|[0-9](?:[0-9]{3}(?![0-9])|[0-9]?(?:st|nd|rd|th)\b)"      # a year; a day: "the 27th"
    r"|(?:0?[1-9]|1[0-2])/(?:19|20)[0-9]{2}(?![0-9])"            # a month and year: "11/2016"
    r"|'[0-9]0s\b)",                                              # a decade: "the '90s"
)
REACH = reach(TRIGGER.pattern)   # what an attempt of the trigger reads past its start
_CORE_NUMBERS = re.compile(r"[0-9](?:[0-9]{3}|(?i:st|nd|rd|th)\b)|[qQhH][0-9]|'[0-9]0[sS]")


def may_hold_time(text: str, words: AbstractSet[str]) -> bool:
    """Whether ``text`` (a sentence, say) may hold a time expression: False when it has none of
    the words and numbers an expression hinges on. ``words`` are its words in lower case, the
    parts of hyphenated words and words before "'s" included."""
    return not _CORE_WORD_SET.isdisjoint(words) or _CORE_NUMBERS.search(text) is not None


# Words that may lead up to a core word ("since", "the", "end of", "two", "25th", ...). A
# trigger is widened backwards over at most _MAX_LEAD of them.
_LEAD_WORDS = (
    set(p for phrase in PREPOSITIONS for p in phrase.split()) | set(NUMBER_WORDS)
    | set(PART_WORDS) | set(ORDINALS) | {w for ordinal in DAY_ORDINALS for w in re.split("[ -]", ordinal)}
    | set(CENTURY_WORDS)
    | {"of", "the", "earlier", "later", "last", "this", "next", "past", "coming", "within", "rest", "upcoming"}
)
_MAX_LEAD = 6
_LEAD_TOKEN = re.compile(
    r"(?<![\w$£€¥#@/])([A-Za-z]+|[0-9]{1,3}(?:st|nd|rd|th)?)(?:[ \r\n]+|[ \r\n]*-[ \r\n]*)$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"'?[A-Za-z0-9]+")
_NEXT_TOKEN = re.compile(r"[ \r\n]+([A-Za-z0-9]+)")
_WINDOW = 160           # longer than any expression the grammar accepts


def _lead_starts(norm: str, core_start: int) -> list[int]:
    """Where the lead words before ``core_start`` begin, leftmost first."""
    starts: list[int] = []
    at = core_start
    for _ in range(_MAX_LEAD):
        found = _LEAD_TOKEN.search(norm, max(0, at - 24), at)
        if not found or found.end() != at:
            break
        word = found[1].lower()
        if word not in _LEAD_WORDS and not word[:1].isdigit():
            break
        at = found.start(1)
        starts.append(at)
    starts.reverse()
    return starts


_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s")
_FUTURE_MARKER = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|am)\s+(?:(?:due|scheduled|set|slated|expected|poised|"
    r"planned|going)\s+)?to|plans?\s+to|planning\s+to|intends?\s+to|next|"
    # a verb of expectation in the present: "He expects it in May", "forecasts growth in June"
    r"expects?|anticipates?|forecasts|predicts?)\b|'ll\b",
    re.IGNORECASE,
)
_TENSE_LOOKBACK = 400   # sentences longer than this are cut: keeps the scan linear
_NAMED_DAY_WORDS = {"black", "good", "cyber", "holy", "maundy", "ash", "palm", "easter",
                    "whit", "bloody", "shrove", "super", "giving"}
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\s+$")
_NEXT_WORD_CAPITALISED = re.compile(r"\s+[A-Z][a-z]")
#: A year naming an event it modifies: "the 2016 presidential election", "Pakistan's 2023 census",
#: "the 1920 Battle of Warsaw" (after a determiner, before an event noun or a capitalised name:
#: rules/lexicon/discourse.toml).
_MODIFIER_DETERMINERS = ("the", "a", "an", "its", "their", "his", "her", "whose", "this", "that", "s")
_DISCOURSE = resources.lexicon_file("discourse")
_EVENT_AFTER_YEAR = re.compile(
    r"\s+(?:[A-Za-z0-9]+(?:-[A-Za-z]+)?\s+){0,2}?(?:"
    + "|".join(map(re.escape, sorted(_DISCOURSE["event_nouns_after_year"], key=len, reverse=True)))
    + r")\b|\s+(?:" + "|".join(map(re.escape, _DISCOURSE["event_names_after_year"])) + r")\b")


def _future_context(norm: str, start: int) -> bool:
    """Whether a future marker precedes ``start`` within its sentence."""
    lo = max(0, start - _TENSE_LOOKBACK)
    chunk = norm[lo:start]
    sentence_start = 0
    for boundary in _SENTENCE_END.finditer(chunk):
        sentence_start = boundary.end()
    return _FUTURE_MARKER.search(chunk, sentence_start) is not None


def _previous_word(norm: str, start: int) -> str:
    found = _PREVIOUS_WORD.search(norm, max(0, start - 30), start)
    return found[1].lower() if found else ""


def _year_modifies_event(norm: str, start: int, end: int) -> bool:
    return (_previous_word(norm, start) in _MODIFIER_DETERMINERS
            and _EVENT_AFTER_YEAR.match(norm, end) is not None)


def _ends_in_abbreviation(norm: str, start: int, end: int) -> bool:
    """Whether the phrase ends in a month abbreviation ("in Jan", "Sept."), a name as often."""
    words = norm[start:end].rstrip(".").split()
    return bool(words) and words[-1].lower() in MONTH_ABBREVIATIONS


_YEAR_THEN_WORD = re.compile(r"[0-9][ ]+[A-Za-z]+$")
_MONTH_SLASH_YEAR = re.compile(r"[0-9]{1,2}/[0-9]{4}")
_BEFORE_A_FRACTION = frozenset({"a", "an", "one", "about", "only", "just", "some", "roughly"})
_OF_AFTER = re.compile(r"[ ]+of\b", re.IGNORECASE)


def _plausible(phrase: Phrase, norm: str, start: int, end: int) -> bool:
    """Context checks the grammar cannot see (it only reads from ``start`` on)."""
    value, prep = phrase.value, phrase.preposition
    if _MONTH_SLASH_YEAR.match(norm, start) and (_previous_word(norm, start) in _BEFORE_A_FRACTION
                                                 or _OF_AFTER.match(norm, end)):
        return False                        # "a 1/2000 chance", "1/2000 of a second": fractions
    if isinstance(value, BareYear):
        if norm.startswith("-", end) and norm[end + 1:end + 2].isdigit():
            return False                    # "2023-10": not a plain year, not a date we read
        return (prep in YEAR_PREPOSITIONS or _previous_word(norm, start) in ("of", "year")
                or norm.startswith("'s", end) or (prep is None and _year_modifies_event(norm, start, end)))
    if isinstance(value, Month) and value.bare and _ends_in_abbreviation(norm, start, end) and (
            prep in (None, "to", "from", "on", "by") or norm.startswith("'", end)
            or _NEXT_WORD_CAPITALISED.match(norm, end)):
        return False                        # "said Jan.", "to Jan", "in Jan's house", "in Jan Kowalski's"
    if isinstance(value, Month) and value.bare and prep is None:
        if value.month == 5:                # "May I ask", "Theresa May"
            return False
        if _previous_word(norm, start) in ("the", "a", "an"):
            return False                    # "the March of Dimes"
        return _NEXT_WORD_CAPITALISED.match(norm, end) is None   # "April Smith"
    if (isinstance(value, Month) and value.year is not None and _YEAR_THEN_WORD.search(norm, start, end)
            and _NEXT_WORD_CAPITALISED.match(norm, end)):
        return False                        # "In 2017 April Smith won": a name after the year
    if isinstance(value, DayOfMonth) and value.weekday is None and prep is None:
        return norm[start:start + 3].lower() == "the"      # "on 22nd", "the 22nd", not "22nd"
    if isinstance(value, Weekday) and _previous_word(norm, start) in _NAMED_DAY_WORDS:
        return False                        # "Black Friday", "Good Friday": feasts and events
    if isinstance(value, Season) and not value.which:
        return prep is not None and prep not in ("to", "on")    # "expected to fall"
    if isinstance(value, Quarter) and value.code and value.year is None:
        return prep is not None             # "the Audi Q3"
    return True


def _first_class(norm: str, at: int) -> tuple[str | None, bool]:
    """The class of the word a phrase at ``at`` hinges on, and whether a preposition leads."""
    token = _TOKEN.match(norm, at)
    if token is None:
        return None, False
    word = token[0].lower()
    steps = 2 if word in ("prior", "ahead") else 1 if word in PREPOSITIONS else 0
    end = token.end()
    for _ in range(steps):
        token = _NEXT_TOKEN.match(norm, end)
        if token is None:
            return None, True
        end = token.end()
    return word_class_of(token[1] if steps else token[0]), steps > 0


def span_at(text: str, norm: str, at: int, published: date) -> TimeSpan | None:
    """The time expression starting exactly at ``at``, resolved; None if there is none."""
    word_class, introduced = _first_class(norm, at)
    if word_class is None:
        return None
    if word_class == "year" and not introduced and not _year_may_stand_alone(norm, at):
        return None                 # most bare numbers: skip the parse altogether
    window = norm[at:at + _WINDOW]
    parsed = parse_phrase(word_class, memo_key(window))
    if parsed is None:
        return None
    phrase, last = parsed
    start, end = at, at + last
    while end > start and norm[end - 1] in " \r\n":
        end -= 1                    # a trailing optional part that failed skipped whitespace
    if not _plausible(phrase, norm, start, end):
        return None
    value = phrase.value
    future = value.uses_tense and _future_context(norm, start)
    try:
        date_from, date_until, precision = value.resolve(published, future)
    except (ValueError, OverflowError, IndexError):
        return None                 # beyond date.min/date.max, 29 February of a common year
    if date_from > date_until:
        return None
    relation = PREPOSITIONS.get(phrase.preposition, "at") if phrase.preposition else "at"
    return TimeSpan(start, end, date_from, date_until, text[start:end], precision, relation)


_MONTH_WORD = "|".join(sorted({*MONTHS, *MONTH_ABBREVIATIONS}, key=len, reverse=True))
# after a year: "2019-21", "2016 / 11", "2019's", "1990s", "2017 April", "2016, nov"
_YEAR_GOES_ON = re.compile(
    r"[ ]*[-/]|['sS]|[ ]+(?:" + "|".join(m.capitalize() for m in MONTHS if m != "may") + r")\b"
    r"|[ ]*,[ ]*(?i:" + _MONTH_WORD + r")\b")


def _year_may_stand_alone(norm: str, at: int) -> bool:
    """A four-digit number with no preposition: worth parsing as ISO date, decade, 2019's,
    2019-21, or after "of"/"year"; anything else is a number, not a time."""
    return (_YEAR_GOES_ON.match(norm, at + 4) is not None
            or _previous_word(norm, at) in ("of", "year") or _year_modifies_event(norm, at, at + 4))


def find_times(text: str, published: date, *, within: Sequence[tuple[int, int]] | None = None,
               hedges: Mapping[str, tuple[str, float]] | None = None) -> list[TimeSpan]:
    """All time expressions in ``text``, resolved against the publication date.

    Sorted by offset, non-overlapping, leftmost-longest; ``[]`` when there are none. With
    ``within`` (sorted, non-overlapping (start, end) ranges, such as the sentences worth
    reading), only expressions whose core word starts inside a range are looked for; the rest
    of the text still serves as context. A hedge of the quantity table (``hedges``, as
    find_quantities takes it; the bundled one by default) before a count of units ago or ahead
    widens or bounds it ("more than 150 years ago", "about a decade ago"). Never raises on the
    content of ``text``; a ``text`` that is not a string or a ``published`` that is not a date
    raises ``InputError``.
    """
    if not isinstance(text, str):
        raise InputError(f"find_times needs text as a string, not {type(text).__name__}")
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise InputError(f"find_times needs the publication date as a date, not {published!r}")
    norm = normalise(text)
    hedge_table, hedge_before = _hedges(hedges)
    spans: list[TimeSpan] = []
    done = 0                        # end of the last span: nothing may start before it
    for trigger in _triggers(norm, within):
        if trigger.end() <= done:
            continue
        for at in (*_lead_starts(norm, trigger.start()), trigger.start()):
            if at < done:
                continue
            span = span_at(text, norm, at, published)
            if span is not None:
                hedge = hedge_before.search(norm, max(done, span.start - 24), span.start)
                if hedge is not None:
                    span = _hedged(text, norm, span, hedge, hedge_table, published)
                impossible = _impossible_date_end(norm, span)
                if impossible is None:
                    if (span.relation == "until" and spans and spans[-1].relation == "from"
                            and not norm[spans[-1].end:span.start].strip()):
                        spans[-1], span = _ordered_range(norm, spans[-1], span)
                    spans.append(span)
                done = impossible or span.end
                break
    return spans


@functools.lru_cache(maxsize=8)
def _hedge_regex(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern:
    """A hedge phrase (words) right before a span, as the last words before it."""
    alternation = "|".join(r"\s+".join(map(re.escape, words)) for words in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<![\w'-])(?:" + alternation + r")\s+$", re.IGNORECASE)


def _hedges(hedges: Mapping[str, tuple[str, float]] | None) -> tuple[dict[str, tuple[str, float]], re.Pattern]:
    from factcheck.text.quantities.hedges import prepare_hedges
    table, phrases = prepare_hedges(hedges)
    return table, _hedge_regex(phrases)


def _hedged(text: str, norm: str, span: TimeSpan, hedge: re.Match[str], table: Mapping[str, tuple[str, float]],
            published: date) -> TimeSpan:
    """A count of units ago or ahead under a hedge, as quantities take one: "more than 150
    years ago" any time up to then, "less than 10 years ago" since then, "about 20 years ago"
    18 to 22 years back, "nearly 150 years ago" 135 to 150. Any other span as it is."""
    value = _value_at(norm, span)
    if not isinstance(value, Shift) or value.before or not value.n:
        return span
    kind, margin = table["_".join(hedge.group().lower().split())]
    n, past = abs(value.n), value.n < 0
    farthest, nearest = {
        "approx": (math.ceil(n * (1 + margin)), math.floor(n * (1 - margin))),
        "below": (n, math.floor(n * (1 - margin))),
        "lower_bound": (None, n),
        "upper_bound": (n, 0),
    }[kind]
    sign = -1 if past else 1
    try:
        far = (date.min if past else date.max) if farthest is None else \
            Shift(value.unit, sign * farthest).resolve(published, False)[0 if past else 1]
        near = published if nearest == 0 else Shift(value.unit, sign * nearest).resolve(published, False)[1 if past else 0]
    except (ValueError, OverflowError):
        return span
    date_from, date_until = (far, near) if past else (near, far)
    start = hedge.start()
    return span._replace(start=start, date_from=date_from, date_until=date_until, text=text[start:span.end],
                         precision="range")


def _ordered_range(norm: str, first: TimeSpan, last: TimeSpan) -> tuple[TimeSpan, TimeSpan]:
    """The ends of "from Monday to Friday", each read by the tense alone, resolved against each
    other when they came out reversed: about the past the range ends by the publication date,
    so its start is the latest such one before its end; about the future it begins after
    publication, so its end is the first such one after its start."""
    if first.date_from <= last.date_until:
        return first, last
    values = [_value_at(norm, span) for span in (first, last)]
    if not all(value is not None and value.uses_tense for value in values):
        return first, last
    try:
        if _future_context(norm, first.start):
            lo, hi, precision = values[1].resolve(first.date_from, True)
            first_moved, last_moved = first, last._replace(date_from=lo, date_until=hi, precision=precision)
        else:
            lo, hi, precision = values[0].resolve(last.date_until, False)
            first_moved, last_moved = first._replace(date_from=lo, date_until=hi, precision=precision), last
    except (ValueError, OverflowError, IndexError):
        return first, last
    if first_moved.date_from > last_moved.date_until:
        return first, last
    return first_moved, last_moved


def _value_at(norm: str, span: TimeSpan):
    """The unresolved value of the phrase ``span`` found (parsed again: the memo has it)."""
    word_class, _introduced = _first_class(norm, span.start)
    window = norm[span.start:span.start + _WINDOW]
    parsed = parse_phrase(word_class, memo_key(window)) if word_class else None
    return parsed[0].value if parsed else None


# A date written out whole, day and year included, whose year or day the grammar cannot take
# ("February 30, 2021", "January 1, 0000", "March 5, 99999"): no reading of a part of it (the
# month alone, the day and month in the publication year) is a time the text states.
_DAY = r"([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_YEAR_AFTER = r"(?:[ ]*,[ ]*|[ ]+)([0-9]+)(?![0-9A-Za-z])(?![.,][0-9])"
_WRITTEN_DATES = (
    (re.compile(r"(?<![A-Za-z0-9])(?i:(" + _MONTH_WORD + r"))\.?[ ]+" + _DAY
                + r"(?:[ ]*-[ ]*" + _DAY + r")?" + _YEAR_AFTER), (1, 2, 3, 4)),
    (re.compile(r"(?<![A-Za-z0-9])" + _DAY + r"(?:[ ]+(?i:of))?[ ]+(?i:(" + _MONTH_WORD + r"))\.?"
                + _YEAR_AFTER), (2, 1, None, 3)),
    (re.compile(r"(?<![A-Za-z0-9])(?i:(" + _MONTH_WORD + r"))\.?(?:[ ]+(?i:of))?" + _YEAR_AFTER),
     (1, None, None, 2)),
)
_AFTER_A_YEAR = re.compile(r"[ ]*(?:[.,;:!?)\]\n]|$)")
# Every number an impossible date needs one of: a day of 0 or from 29, or a year of four digits
# or more outside 1000-2199 (a window without one holds only dates the calendar has).
_OUT_OF_RANGE_NUMBER = re.compile(
    r"(?<![0-9])(?:0[0-9]*|29|3[0-9]|[4-9][0-9]|2[2-9][0-9]{2}|[3-9][0-9]{3}|[0-9]{5,})(?![0-9])").search


def _impossible_date_end(norm: str, span: TimeSpan) -> int | None:
    """Where a written date that ``span`` is part of ends, when that date is impossible (a day
    the month lacks, a year the calendar lacks: "February 30, 2021", "March 0000"); None when
    there is no such date around it."""
    if span.precision not in ("day", "month", "range"):
        return None
    lo = max(0, span.start - 16)
    window = norm[lo:span.end + 32]
    if _OUT_OF_RANGE_NUMBER(window) is None:
        return None
    for pattern, (month_at, day_at, last_day_at, year_at) in _WRITTEN_DATES:
        for found in pattern.finditer(window):
            if not (lo + found.start() < span.end and lo + found.end() > span.start):
                continue
            year = found[year_at]
            if not 1000 <= int(year) <= 2199:
                # not a year the grammar reads: a date only when written as one ("0000",
                # "99999." at the end of a clause), not a count after a date ("March 5, 300 people")
                after_clause = _AFTER_A_YEAR.match(norm, lo + found.end()) is not None
                if len(year) < 4 or not (year.startswith("0") or after_clause):
                    continue
                return lo + found.end()
            month = MONTHS.get(found[month_at].lower()) or MONTH_ABBREVIATIONS[found[month_at].lower()]
            days = [int(found[at]) for at in (day_at, last_day_at) if at and found[at]]
            try:
                for day in days:
                    date(int(year), month, day)
            except ValueError:
                return lo + found.end()
    return None


def _triggers(norm: str, within: Sequence[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    if within is None:
        yield from TRIGGER.finditer(norm)
        return
    for start, end in within:
        pos = start
        while (trigger := TRIGGER.search(norm, pos, end + REACH)) is not None and trigger.start() < end:
            yield trigger
            pos = trigger.end()
