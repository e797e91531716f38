"""The grammar of time phrases: one pyparsing grammar per class of the phrase's first word.

Takes nothing at call time: builds, once at import, the phrase grammars (:data:`PHRASES`, keyed
by the class :func:`word_class_of` gives the word after an optional preposition), whose parse
actions give the typed values of :mod:`.intervals` inside a :class:`.intervals.Phrase`. Also
gives every word the grammar reads (:data:`VOCABULARY`, gathered from the built grammar), from
which :mod:`.readers` tells how much of a window decides a parse.
"""

from __future__ import annotations

import re
from datetime import date

import pyparsing as pp

from factcheck.text.guards import elements
from factcheck.text.timex.intervals import (
    WHICH_OFFSET, BareYear, DayIn, DayOfMonth, Decade, Fixed, Half, Month, MonthDay, NthWeek, NthWeekday, Part,
    Phrase, Quarter, Rest, Rolling, Season, Shift, Weekday, WeekdayCount, Weekend, Within, YearRef, season_interval,
)
from factcheck.text.timex.vocabulary import (
    CENTURY_WORDS, DAY_ORDINALS, DECADE_WORDS, MONTH_ABBREVIATIONS, MONTHS, NOT_A_QUANTITY, NUMBER_WORDS, ORDINALS,
    PART_WORDS, PREPOSITIONS, SEASONS, SMALL_NUMBERS, TENS, UNITS, VERB_MONTHS, WEEKDAY_ABBREVIATIONS,
    WEEKDAY_PLURALS, WEEKDAYS,
)



def _fails_softly(action):
    """Turn a ValueError (e.g. 30 February) in a parse action into a failed match."""
    def wrapper(s, loc, toks):
        try:
            return action(toks)
        except (ValueError, OverflowError, KeyError) as exc:
            raise pp.ParseException(s, loc, str(exc)) from None
    return wrapper


def _named(toks: pp.ParseResults, name: str):
    """The one typed value under a results name (pyparsing wraps compound matches in a list)."""
    value = toks.get(name)
    while isinstance(value, pp.ParseResults):
        value = value[0] if len(value) else None
    return value


def _words(table: dict, name: str, check=None) -> pp.ParserElement:
    """Any key of ``table`` as a case-insensitive whole word, parsed to its value.

    ``check(s, loc, toks)`` may veto the word as written before it becomes a value.
    """
    # One regex rather than a MatchFirst of keywords: a single call per attempt, which is
    # what keeps parsing at a candidate cheap. Longest first: "sept" before "sep".
    keys = sorted(table, key=len, reverse=True)
    alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
    expr = pp.Regex(r"(?:" + alternatives + r")(?![A-Za-z0-9_$])", flags=re.IGNORECASE)
    expr.words = frozenset(w.lower() for k in keys for w in k.split())    # see vocabulary()
    actions = ([check] if check else []) + [lambda t: table[" ".join(t[0].lower().split())]]
    return expr.set_parse_action(*actions).set_name(name)


def _one_of(*words: str, name: str) -> pp.ParserElement:
    """Any of ``words`` as a whole word, parsed to its lower-case form."""
    return _words({w: w for w in words}, name)


def _kw(word: str) -> pp.ParserElement:
    return pp.CaselessKeyword(word).set_name(repr(word))


def _rx(pattern: str, name: str) -> pp.ParserElement:
    return pp.Regex(pattern, flags=re.IGNORECASE).set_name(name)


def _reject_verb_months(s: str, loc: int, toks: pp.ParseResults) -> None:
    word = s[loc:loc + len(toks[0])]
    if word.lower() in VERB_MONTHS and word[:1].islower():
        raise pp.ParseException(s, loc, f"{word!r} is a verb here")


def iso_day(text: str) -> date:
    """The day of "2023-10-25" or "2015/8/12" (ValueError for one the calendar lacks)."""
    y, m, d = re.split(r"[-/]", text)
    return date(int(y), int(m), int(d))


def build_grammar() -> dict[str, pp.ParserElement]:
    """The phrase grammars, one per class of the word after the optional preposition."""
    THE = _kw("the").suppress()
    OF = _kw("of").suppress()
    COMMA = pp.Suppress(",")
    DASH = pp.Suppress(pp.Literal("-"))
    SLASH_OR_DASH = pp.Suppress(pp.one_of("- /"))

    # -- numbers ---------------------------------------------------------------------------
    year = _rx(r"(?:1[0-9]{3}|2[01][0-9]{2})(?![0-9A-Za-z])(?!\.[0-9])(?!,[0-9]{3}(?![0-9]))",
               "year").set_parse_action(lambda t: int(t[0]))
    short_year = _rx(r"[0-9]{2}(?![0-9A-Za-z])", "two-digit year").set_parse_action(
        lambda t: int(t[0]))
    day = _rx(r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])" + NOT_A_QUANTITY,
              "day of month").set_parse_action(lambda t: int(re.match(r"[0-9]+", t[0])[0]))
    number = (_words(NUMBER_WORDS, "number word")
              | _rx(r"[0-9]{1,3}(?![0-9A-Za-z,.])", "count").set_parse_action(
                  lambda t: int(t[0]))).set_name("number")
    # Nothing more of the phrase follows: no word, number or hyphen ("the 27th." but not "the
    # 21st century", "the 21st-century"). Only one character is read, as the memo key allows.
    END = ~_rx(r"[-A-Za-z0-9]", "a further word")
    # "the 27th": a day of the month with its suffix, which a count lacks
    day_suffixed = _rx(r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)(?![0-9A-Za-z])",
                       "day of month with a suffix").set_parse_action(lambda t: int(t[0][:-2]))

    # Years spelled out: "nineteen seventy eight", "twenty eighteen", "nineteen oh one", "two
    # thousand and eighteen"; only where the phrase ends with them ("In March two thousand
    # people" is a count)
    ones = _words({w: n for w, n in SMALL_NUMBERS.items() if 1 <= n <= 9}, "one to nine")
    teens = _words({w: n for w, n in SMALL_NUMBERS.items() if 10 <= n <= 19}, "ten to nineteen")
    tens = (_words(TENS, "tens") + pp.Opt(pp.Opt(DASH) + ones)).set_parse_action(lambda t: sum(t))
    naught = _one_of("oh", "zero", name="oh") + ones
    two_digits = (tens | teens | naught.set_parse_action(lambda t: t[1])).set_name("a number to 99")
    century = _words(CENTURY_WORDS, "century")
    spelled_year = ((century + (two_digits | _kw("hundred").set_parse_action(lambda: 0))
                     ).set_parse_action(lambda t: 100 * t[0] + t[1])
                    | (_kw("two") + _kw("thousand") + pp.Opt(pp.Opt(_kw("and")) + (two_digits | ones)))
                    .set_parse_action(lambda t: 2000 + (t[3] if len(t) > 3 else t[2] if len(t) > 2 else 0))
                    ) + END
    spelled_year.set_name("year in words")
    any_year = (year | spelled_year).set_name("year")

    # -- names -----------------------------------------------------------------------------
    month_name = _words(MONTHS, "month name", _reject_verb_months)
    month_abbr = (_words(MONTH_ABBREVIATIONS, "month abbreviation", _reject_verb_months)
                  + pp.Opt(pp.Literal(".").leave_whitespace()).suppress())
    month_any = (month_name | month_abbr).set_name("month")
    # after "<day> of" or "the month of", lower-case "may" and "march" are months too
    month_after_of = (_words(MONTHS, "month name") | _words(MONTH_ABBREVIATIONS, "month abbreviation")
                      + pp.Opt(pp.Literal(".").leave_whitespace()).suppress()).set_name("month")
    weekday_word = _words({**WEEKDAYS, **WEEKDAY_ABBREVIATIONS}, "weekday")
    weekday_abbr = _words(WEEKDAY_ABBREVIATIONS, "weekday abbreviation")
    weekday = ((weekday_abbr + pp.Opt(pp.Literal(".").leave_whitespace()).suppress()) | weekday_word
               ).set_name("weekday")
    season = _words(SEASONS, "season")
    unit = _words(UNITS, "unit")
    unit_word = _one_of(*UNITS, name="unit word")        # as written: plural or not
    calendar_unit = _one_of("week", "month", "quarter", "year", name="calendar unit")
    which = _one_of("last", "this", "next", name="this/last/next")
    part_of_day = _one_of("morning", "afternoon", "evening", "night", name="part of day")
    ordinal = _words(ORDINALS, "ordinal")

    # -- year references -------------------------------------------------------------------
    stated_year = any_year.copy().add_parse_action(lambda t: YearRef(year=t[0]))
    relative_year = (which("which") + _kw("year")).set_parse_action(
        lambda t: YearRef(offset=WHICH_OFFSET[t.which]))
    the_year = (THE + _kw("year")).set_parse_action(lambda t: YearRef())
    year_ref = (stated_year | relative_year).set_name("year reference")
    of_year_ref = (OF + (year_ref | the_year)).set_name("of-year")

    # -- dates -----------------------------------------------------------------------------
    @_fails_softly
    def dated(t):
        month, first, last, y = _named(t, "month"), t.day, t.get("day2"), _named(t, "year")
        if last is not None and last <= first:
            raise ValueError("day range runs backwards")
        if y is None:
            date(2000, month, last or first)            # a leap year: 29 February may exist
            return MonthDay(month, first, last)
        if last is None:
            return Fixed(date(y, month, first), date(y, month, first), "day")
        return Fixed(date(y, month, first), date(y, month, last), "range")

    year_tail = pp.Opt(pp.Opt(COMMA) + any_year("year"))
    day_ordinal = _words(DAY_ORDINALS, "day of month as a word")      # "the second of August"
    day_span = (day | day_ordinal)("day") + pp.Opt(DASH + day("day2"))
    # "October 25", "May the eleventh", "Oct-2", "jan/1"
    month_day_year = (month_any("month") + pp.Opt(THE | SLASH_OR_DASH) + day_span + year_tail
                      # "may the eleventh", "march 3rd": no verb before an ordinal that ends the phrase
                      | month_after_of("month") + pp.Opt(THE) + (day_suffixed | day_ordinal)("day") + END)
    # "25 October", "the second of August", "fourth of may", "28-nov"
    day_month_year = (pp.Opt(THE) + day_span
                      + (OF + month_after_of("month") | pp.Opt(DASH) + month_any("month")) + year_tail)
    weekday_lead = pp.Opt(weekday + pp.Opt(COMMA)).suppress()     # "Wednesday, Oct. 25"
    full_date = (weekday_lead + (month_day_year | day_month_year)).set_parse_action(dated)
    full_date.set_name("date")

    # "2023-10-25", "2015/08/12"
    iso_date = _rx(r"[0-9]{4}(?P<sep>[-/])[0-9]{1,2}(?P=sep)[0-9]{1,2}(?![0-9])", "year-month-day").set_parse_action(
        _fails_softly(lambda t: Fixed(*2 * [iso_day(t[0])], "day")))
    # "2019-sep-1", "2019/sep/01"
    year_month_day = (year("year") + SLASH_OR_DASH + month_any("month") + SLASH_OR_DASH + day("day")
                      ).set_parse_action(dated)

    @_fails_softly
    def numeric_month(t):
        y, m = re.split(r"[ ]*[-/][ ]*", t[0])
        if len(m) == 2 and int(m) > int(y) % 100:
            raise ValueError("a range of years")        # "2011-12": the years 2011 to 2012
        return Month(int(m), year=YearRef(year=int(y)))

    # "2016-11", "2016/3", "2016 / 11" (spaced only at the end of the phrase)
    iso_month = _rx(r"(?:1[0-9]{3}|2[01][0-9]{2})(?:[-/]|[ ]*[-/][ ]*(?=[0-9]+(?![ ]*[-A-Za-z0-9])))"
                    r"(?:0?[1-9]|1[0-2])(?![0-9A-Za-z/-])", "year and month in numbers"
                    ).set_parse_action(numeric_month)

    # "11/2016", "3/2020": a month and a year in numbers, month first (a day and a month in
    # numbers are left alone: their order differs between countries)
    month_slash_year = _rx(r"(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)[0-9]{2})(?![0-9A-Za-z/-])",
                           "month/year in numbers").set_parse_action(
        lambda t: Month(int(t.m), year=YearRef(year=int(t.y))))

    month_in_year = (month_any("month") + (of_year_ref | pp.Opt(COMMA) + year_ref)("year")
                     ).set_parse_action(
        lambda t: Month(_named(t, "month"), year=_named(t, "year")))
    month_in_year.set_name("month and year")
    # "2017 April" (not "2017 May": "In 2017 May called an election"); "2016, nov" where the
    # phrase ends ("In 2016, November sales rose" is the year)
    year_month = (year("year") + (_words({m: n for m, n in MONTHS.items() if m != "may"}, "month name",
                                         _reject_verb_months)("month")
                                  | COMMA + month_any("month") + END)
                  ).set_parse_action(lambda t: Month(_named(t, "month"), year=YearRef(year=t.year)))
    year_month.set_name("year and month")
    month_plain = ((which("which") + month_any("month"))
                   | (month_any("month") + ~OF)).set_parse_action(
        lambda t: Month(_named(t, "month"), which=t.get("which", "")))
    month_plain.set_name("month")
    month_of = (pp.Opt(THE) + _kw("month") + OF + month_after_of("month")
                + pp.Opt(pp.Opt(COMMA) + year_ref)("year")).set_parse_action(
        lambda t: Month(_named(t, "month"), year=_named(t, "year"), framed=True))
    month_of.set_name("the month of May")

    # -- weeks and days --------------------------------------------------------------------
    weekday_phrase = (pp.Opt(which("which")) + weekday("weekday") + pp.Opt(part_of_day)
                      ).set_parse_action(lambda t: Weekday(_named(t, "weekday"), t.get("which", "")))
    weekday_phrase.set_name("weekday phrase")
    # "the 27th", "Friday the 15th" (a day of a month left unsaid)
    day_of_month = (pp.Opt(weekday("weekday") + pp.Opt(COMMA)) + THE + day_suffixed("day") + END
                    | weekday("weekday") + pp.Opt(COMMA) + THE + (day | day_ordinal)("day") + END
                    ).set_parse_action(lambda t: DayOfMonth(t.day, _named(t, "weekday")))
    day_of_month.set_name("the 27th")
    on_day = (day_suffixed("day") + END).set_parse_action(lambda t: DayOfMonth(t.day))
    on_day.set_name("27th")              # only after a preposition: "on 22nd" (see find)
    # "the second Monday of next month", "the last Friday in May"
    nth = _words({**{w: n for w, n in ORDINALS.items() if w != "final"}, "fifth": 5, "5th": 5,
                  "last": -1, "final": -1}, "first to fifth, last")
    relative_month = (which("which") + _kw("month")).set_parse_action(
        lambda t: Shift("month", WHICH_OFFSET[t.which]))
    month_ref = (month_in_year
                 | relative_month
                 | month_after_of.copy().add_parse_action(lambda t: Month(t[0]))).set_name("a month")
    nth_weekday = (pp.Opt(THE) + nth("n") + weekday("weekday") + (OF | _kw("in").suppress())
                   + month_ref("ref")).set_parse_action(
        lambda t: NthWeekday(t.n, _named(t, "weekday"), _named(t, "ref")))
    nth_weekday.set_name("the second Monday of next month")
    day_in_month = (pp.Opt(THE) + (day | day_ordinal)("day") + OF + relative_month("month")
                    ).set_parse_action(_fails_softly(lambda t: DayIn(t.day, _named(t, "month"))))
    day_in_month.set_name("the 15th of next month")
    nth_week = (pp.Opt(THE) + nth("n") + _kw("week") + (OF | _kw("in").suppress())
                + (month_ref | year_ref)("ref")).set_parse_action(lambda t: NthWeek(t.n, _named(t, "ref")))
    nth_week.set_name("the first week of May")
    weekend = ((which("which") | THE) + _kw("weekend") + ~(OF | _kw("before") | _kw("after"))
               ).set_parse_action(lambda t: Weekend(t.get("which", "")))
    weekend.set_name("the weekend")
    day_word = (_words({"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}, "day word")
                + pp.Opt(part_of_day).suppress())
    two_days = ((pp.Opt(THE) + _kw("day") + _kw("before") + _kw("yesterday")).set_parse_action(
                    lambda: Shift("day", -2))
                | (pp.Opt(THE) + _kw("day") + _kw("after") + _kw("tomorrow")).set_parse_action(
                    lambda: Shift("day", 2))).set_name("the day before yesterday / after tomorrow")
    day_phrase = (two_days | day_word.copy().add_parse_action(lambda t: Shift("day", t[0]))
                  | (_kw("last") + _kw("night")).set_parse_action(lambda: Shift("day", -1))
                  | (_kw("this") + _one_of("morning", "afternoon", "evening", name="today's part")
                     ).set_parse_action(lambda: Shift("day", 0))).set_name("day phrase")

    # -- relative units --------------------------------------------------------------------
    calendar_relative = (which("which") + calendar_unit("unit") + ~OF).set_parse_action(
        lambda t: Shift(t.unit, WHICH_OFFSET[t.which]))
    calendar_relative.set_name("last/this/next unit")
    rest_of = (_one_of("earlier", "later", name="earlier/later")("part") + _kw("this")
               + _one_of("week", "month", "year", name="unit")("unit")
               ).set_parse_action(lambda t: Rest(t.unit, t.part))
    rest_of.set_name("earlier/later this unit")
    # "the rest of the year" is the publication's year only when it says "this" or speaks of
    # the future (in a past sentence it is as often the year of the story)
    the_rest = (pp.Opt(THE) + _kw("rest") + OF + pp.Opt(_kw("this")("this") | THE)
                + _one_of("week", "month", "year", name="unit")("unit")
                ).set_parse_action(lambda t: Rest(t.unit, "later", needs_future="this" not in t))
    the_rest.set_name("the rest of the year")
    year_to_date = (pp.Opt(THE) + _kw("year") + pp.Opt(DASH) + _kw("to") + pp.Opt(DASH) + _kw("date")
                    ).set_parse_action(lambda: Rest("year", "earlier"))
    year_to_date.set_name("the year to date")
    this_decade = (_kw("this") + _kw("decade") + ~OF).set_parse_action(lambda: Decade(0))

    @_fails_softly
    def ago(t):
        steps = [(g.unit, g.n) for g in t if isinstance(g, pp.ParseResults)]
        if any(n < 1 for _unit, n in steps):
            raise ValueError("zero units ago")
        (unit, n), before = steps[-1], tuple((u, -k) for u, k in steps[:-1])
        return Shift(unit, -n, before)

    step = pp.Group(number("n") + unit("unit"))
    # "two years ago", "1 month and 21 days ago", "2 years, 1 month ago"
    ago_phrase = step + pp.ZeroOrMore(pp.Opt(COMMA | _kw("and").suppress()) + step) + _kw("ago")
    ago_phrase.set_parse_action(ago).set_name("N units ago")

    @_fails_softly
    def from_day(t):
        if t.n < 1:
            raise ValueError("zero units")
        if t.get("anchor") is None:                     # "two weeks from now": as "in two weeks"
            return Shift(t.unit, t.n)
        sign = -1 if t.direction == "before" else 1
        return Shift("day", 0, (("day", t.anchor), (t.unit, sign * t.n)))

    day_anchor = _words({"today": 0, "tomorrow": 1, "yesterday": -1}, "today/tomorrow/yesterday")
    from_now = (number("n") + unit("unit")
                + (_kw("from") + _kw("now") | _kw("hence") | _kw("in") + THE + _kw("future")
                   | _one_of("from", "after", "before", name="from/after/before")("direction")
                   + day_anchor("anchor"))).set_parse_action(from_day)
    from_now.set_name("N units from now")

    @_fails_softly
    def weekday_count(t):
        if t.n < 1:
            raise ValueError("zero weekdays")
        return WeekdayCount(t.weekday, t.n)

    weekdays_from_now = (number("n") + _words(WEEKDAY_PLURALS, "weekdays")("weekday") + _kw("from")
                         + _kw("now")).set_parse_action(weekday_count)
    weekdays_from_now.set_name("two Sundays from now")

    @_fails_softly
    def in_future(t):
        # "in a year" is usually a duration ("twice in a year"); only "in a week's time" is not.
        if t.n < 2 and not t.get("time"):
            raise ValueError("'in a ...' is a duration")
        return Phrase("in", Shift(t.unit, t.n))

    time_suffix = pp.Opt(pp.Regex(r"'s?").leave_whitespace()) + _kw("time")
    in_n_units = (_kw("in") + number("n") + unit("unit") + pp.Opt(time_suffix)("time") + ~OF
                  ).set_parse_action(in_future)
    in_n_units.set_name("in N units")

    @_fails_softly
    def rolling(t):
        n = t.get("n")
        if n is None and t.unit_word.endswith("s"):
            raise ValueError("'the past years' is vague")
        n = 1 if n is None else n
        return Rolling(UNITS[t.unit_word], -n if t.direction in ("past", "last") else n)

    unit_after_next = (THE + calendar_unit("unit") + _kw("after") + _kw("next")
                       ).set_parse_action(lambda t: Shift(t.unit, 2))      # "the week after next"
    # "the past two years", "the coming week", "next 3 days", "past 3 weeks", "past month",
    # "upcoming week"
    rolling_phrase = ((THE + _one_of("past", "last", "next", "coming", "upcoming", name="past/next"
                                     )("direction") + pp.Opt(number("n"))
                       | _one_of("past", "last", "next", name="past/next")("direction") + number("n")
                       | _one_of("past", "upcoming", name="past/upcoming")("direction"))
                      + unit_word("unit_word") + ~OF).set_parse_action(rolling)
    rolling_phrase.set_name("the past N units")

    @_fails_softly
    def within(t):
        n = t.get("n")
        if n is None and t.unit_word.endswith("s"):
            raise ValueError("'within years' is vague")
        return Within(UNITS[t.unit_word], 1 if n is None else n)

    within_phrase = (_kw("within") + pp.Opt(number("n") | _one_of("a", "an", name="a"))
                     + unit_word("unit_word") + ~OF).set_parse_action(within)
    within_phrase.set_name("within N units")

    # -- quarters, halves, seasons, decades ------------------------------------------------
    quarter_named = (pp.Opt(THE) + ordinal("q") + pp.Opt(DASH) + _kw("quarter")
                     + pp.Opt(of_year_ref)("year")).set_parse_action(
        lambda t: Quarter(t.q, _named(t, "year")))
    quarter_last_of = (pp.Opt(THE) + _kw("last") + _kw("quarter") + of_year_ref("year")
                       ).set_parse_action(lambda t: Quarter(4, _named(t, "year")))
    quarter_code = (_rx(r"Q[1-4](?![0-9A-Za-z])", "quarter code")("code")
                    + pp.Opt(pp.Opt(OF) + stated_year)("year")).set_parse_action(
        lambda t: Quarter(int(t.code[1]), _named(t, "year"), code=True))
    this_quarter_code = (_kw("this") + _rx(r"Q[1-4](?![0-9A-Za-z])", "quarter code")("code")
                         ).set_parse_action(lambda t: Quarter(int(t.code[1]), YearRef(offset=0),
                                                              code=True))
    quarter = (quarter_last_of | quarter_named | quarter_code | this_quarter_code).set_name("quarter")

    half = ((pp.Opt(THE) + _words({"first": 1, "second": 2, "1st": 1, "2nd": 2}, "half")("half")
             + pp.Opt(DASH) + _kw("half") + of_year_ref("year"))
            | (_rx(r"H[12](?![0-9A-Za-z])", "half code").set_parse_action(
                lambda t: int(t[0][1]))("half") + stated_year("year"))
            ).set_parse_action(lambda t: Half(t.half, _named(t, "year"))).set_name("half year")

    @_fails_softly
    def season_of_year(t):
        y, y2 = _named(t, "year"), t.get("year2")
        if y2 is not None and (t.season != "winter" or y2 % 100 != (y + 1) % 100):
            raise ValueError("only a winter spans two years")
        lo, hi, precision = season_interval(t.season, y)
        return Fixed(lo, hi, precision)

    season_year = (pp.Opt(THE) + season("season") + pp.Opt(OF) + any_year("year")
                   + pp.Opt(SLASH_OR_DASH + (year | short_year)("year2"))
                   ).set_parse_action(season_of_year)
    season_relative = (which("which") + season("season")).set_parse_action(
        lambda t: Season(t.season, t.which))
    season_plain = (pp.Opt(THE) + season("season") + ~OF).set_parse_action(
        lambda t: Season(t.season))
    season_year.set_name("season and year")
    season_plain.set_name("season")

    @_fails_softly
    def decade_of(t):
        first = int(t[0][:4])
        return Fixed(date(first, 1, 1), date(first + 9, 12, 31), "decade")

    decade = (pp.Opt(THE) + _rx(r"(?:1[0-9]{2}|2[01][0-9])0'?s(?![0-9A-Za-z])(?!\s+of\b)",
                                "decade")).set_parse_action(decade_of)
    # "the nineteen seventies", "the noughties", "the '90s" (the latest such decade gone by)
    decade_in_words = (pp.Opt(THE) + (century + pp.Opt(DASH) + _words(DECADE_WORDS, "decade word")
                                      ).set_parse_action(lambda t: 100 * t[0] + t[1])
                       | pp.Opt(THE) + (_kw("noughties") | _kw("two") + _kw("thousands")
                                        ).set_parse_action(lambda: 2000)
                       ).set_parse_action(lambda t: Fixed(date(t[0], 1, 1), date(t[0] + 9, 12, 31),
                                                          "decade"))
    short_decade = (pp.Opt(THE) + _rx(r"'[0-9]0s(?![0-9A-Za-z])", "decade in two digits")
                    ).set_parse_action(lambda t: Decade(tens=int(t[0][1:3])))

    @_fails_softly
    def bare_year(t):
        first, last = t.year, t.get("year2")
        if last is not None and last < 100:
            last = first - first % 100 + last
        if last is not None and not first < last <= first + 99:
            raise ValueError("not a range of years")
        return BareYear(date(first, 1, 1), date(last or first, 12, 31),
                         "year" if last is None else "range")

    lone_year = (_rx(r"(?:1[0-9]{3}|2[01][0-9]{2})(?![0-9A-Za-z])" + NOT_A_QUANTITY,
                     "year").set_parse_action(lambda t: int(t[0]))("year")
                 + pp.Opt(SLASH_OR_DASH + (year | short_year)("year2"))
                 ).set_parse_action(bare_year).set_name("bare year")

    # -- early / mid / late ----------------------------------------------------------------
    early_mid_late = _words({"early": "early", "mid": "mid", "late": "late"}, "early/mid/late")
    start_or_end = _words({"start": "early", "beginning": "early", "middle": "mid",
                           "end": "late"}, "start/middle/end")
    part = ((pp.Opt(THE) + early_mid_late + pp.Opt(DASH))       # early 2023, mid-2023
            | (pp.Opt(THE) + start_or_end + OF)                   # the end of 2023
            | (start_or_end + DASH)                               # end-2023 (Reuters style)
            ).set_name("part")
    the_unit = (THE + calendar_unit("unit")).set_parse_action(lambda t: Shift(t.unit, 0))
    part_inner = (decade | decade_in_words | short_decade | this_decade | month_in_year | season_year
                  | season_relative | quarter
                  | calendar_relative | the_unit | lone_year | month_plain | weekday_phrase
                  | season_plain).set_name("what a part is of")
    part_phrase = (part("part") + part_inner("inner")).set_parse_action(
        lambda t: Part(_named(t, "part"), _named(t, "inner")))
    part_phrase.set_name("early/mid/late phrase")

    # -- everything, most specific first ----------------------------------------------------
    ordered = [
        iso_date, year_month_day, full_date, month_of, month_in_year, day_in_month, part_phrase, nth_weekday,
        nth_week, half, quarter, season_year, season_relative, decade, decade_in_words, short_decade, ago_phrase,
        from_now, weekdays_from_now, rolling_phrase, within_phrase, rest_of, the_rest, unit_after_next,
        year_to_date, day_phrase, this_decade, weekend, calendar_relative, day_of_month, weekday_phrase,
        month_plain, season_plain, year_month, iso_month, month_slash_year, lone_year, on_day,
    ]
    # Which alternatives can begin with a word of each class (see ``word_class_of``). Trying
    # only those keeps a failed attempt cheap; the order within a class stays ``ordered``.
    starts = {
        "year": {iso_date, year_month_day, decade, year_month, lone_year, iso_month},
        "number": {full_date, day_in_month, nth_weekday, nth_week, half, quarter, ago_phrase, from_now,
                   month_slash_year,
                   weekdays_from_now, on_day},
        "count": {full_date, day_in_month, ago_phrase, from_now, weekdays_from_now, decade_in_words},
        "decade": {short_decade, decade_in_words},
        "month": {full_date, month_in_year, month_plain},
        "weekday": {full_date, day_of_month, weekday_phrase},
        "the": {full_date, month_of, day_in_month, part_phrase, nth_weekday, nth_week, half, quarter,
                season_year, decade, decade_in_words, short_decade, unit_after_next, rolling_phrase, the_rest,
                year_to_date, season_plain, day_phrase, weekend, day_of_month},
        "which": {nth_weekday, nth_week, quarter, season_relative, day_phrase, rolling_phrase, this_decade,
                  weekend, calendar_relative, weekday_phrase, month_plain},
        "past": {rolling_phrase},
        "unit": {month_of, year_to_date},
        "part": {part_phrase},
        "rest": {rest_of, the_rest},
        "within": {within_phrase},
        "ordinal": {full_date, day_in_month, nth_weekday, nth_week, half, quarter},
        "season": {season_year, season_plain},
        "day": {day_phrase},
        "code": {half, quarter},
    }

    preposition = _one_of(*PREPOSITIONS, name="preposition")
    # Where the phrase ends: the location after its last part (what pp.Located gives, at a
    # fraction of the cost, the phrase starting where the parse starts)
    end = pp.Empty().leave_whitespace().set_parse_action(lambda s, loc, t: loc).set_name("end")

    phrases = {}
    for word_class, members in starts.items():
        core = pp.MatchFirst([e for e in ordered if e in members]).set_name(
            f"time expression starting with a {word_class} word")
        # one value, after at most one preposition
        introduced = (pp.Opt(preposition) + core).set_parse_action(
            lambda t: Phrase(t[0] if len(t) == 2 else None, t[-1]))
        if word_class in ("number", "count"):
            introduced = in_n_units | introduced
        phrase = (introduced + end).set_name("time phrase")
        phrase.parse_with_tabs()        # offsets must stay offsets
        phrases[word_class] = phrase
    return phrases


# One grammar per class of the first word after an optional preposition.
PHRASES = build_grammar()


def vocabulary(phrases: dict[str, pp.ParserElement]) -> frozenset[str]:
    """Every word the grammars ``phrases`` read, in lower case: their keywords and the words of
    their word tables."""
    words: set[str] = set()
    for phrase in phrases.values():
        for element in elements(phrase):
            if isinstance(element, pp.CaselessKeyword):
                words.add(element.match.lower())
            words.update(getattr(element, "words", ()))
    return frozenset(words)


#: Every word the grammar can read (see :mod:`.readers`).
VOCABULARY = vocabulary(PHRASES)

_WORD_CLASSES = {
    **{w: "month" for w in (*MONTHS, *MONTH_ABBREVIATIONS)},
    **{w: "weekday" for w in (*WEEKDAYS, *WEEKDAY_ABBREVIATIONS)},
    **{w: "season" for w in SEASONS},
    **{w: "count" for w in (*NUMBER_WORDS, *CENTURY_WORDS)},
    "noughties": "decade",
    **{w: "part" for w in PART_WORDS},
    **{w: "ordinal" for w in (*ORDINALS, *(d for d in DAY_ORDINALS if d.isalpha()))},
    **{w: "day" for w in ("today", "tonight", "yesterday", "tomorrow")},
    "the": "the", "last": "which", "this": "which", "next": "which",
    "earlier": "rest", "later": "rest", "rest": "rest", "within": "within", "past": "past",
    "upcoming": "past",
    "month": "unit", "year": "unit",
    "q1": "code", "q2": "code", "q3": "code", "q4": "code", "h1": "code", "h2": "code",
}
_NUMBER_TOKEN = re.compile(r"[0-9]{4}s?|[0-9]{1,3}(?:st|nd|rd|th)?", re.IGNORECASE)
_SHORT_DECADE = re.compile(r"'[0-9]0s", re.IGNORECASE)


def word_class_of(token: str) -> str | None:
    """The class of a phrase's first word (see ``starts`` in build_grammar), or None."""
    lowered = token.lower()
    if lowered[:1] == "'":
        return "decade" if _SHORT_DECADE.fullmatch(lowered) else None
    if lowered[:1].isdigit():
        if not _NUMBER_TOKEN.fullmatch(lowered):
            return None
        return "year" if lowered[3:4].isdigit() else "number"
    return _WORD_CLASSES.get(lowered)
