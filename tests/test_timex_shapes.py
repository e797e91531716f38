"""Time expressions beyond the common news forms: months framed or written in numbers, days of a
month left unsaid, weekends, windows counted from now, durations ago, years and decades in words.

Published, unless a case says otherwise, on Wednesday 25 October 2023 (see ``test_timex``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.timex import grammar, readers

from .test_timex import D, case, found, span

FRAMED_AND_NUMERIC = [
    case("It rained in the month of May.", [span("in the month of May", "2023-05-01", "2023-05-31", "month")],
         id="the-month-of-may"),
    case("Sales rose in the month of Jan.", [span("in the month of Jan.", "2023-01-01", "2023-01-31", "month")],
         id="the-month-of-an-abbreviation"),
    case("Rates fell in the month of May 2021.",
         [span("in the month of May 2021", "2021-05-01", "2021-05-31", "month")], id="the-month-of-may-and-year"),
    case("Sales peaked in 2016/11.", [span("in 2016/11", "2016-11-01", "2016-11-30", "month")],
         id="year-slash-month"),
    case("Sales peaked in 2015-3.", [span("in 2015-3", "2015-03-01", "2015-03-31", "month")],
         id="year-dash-one-digit-month"),
    case("Sales peaked in 2016 / 11.", [span("in 2016 / 11", "2016-11-01", "2016-11-30", "month")],
         id="year-spaced-slash-month-at-the-end"),
    case("Exports grew in 2010/11, officials said.", [span("in 2010/11", "2010-01-01", "2011-12-31", "range")],
         id="year-slash-year-stays-a-range"),
    case("It was signed on 2015/08/12.", [span("on 2015/08/12", "2015-08-12")], id="year-month-day-slashes"),
    case("Output fell in 2017 April.", [span("in 2017 April", "2017-04-01", "2017-04-30", "month")],
         id="year-month-name"),
    case("Sales fell 2017 April to June.", [span("2017 April", "2017-04-01", "2017-04-30", "month"),
                                             span("to June", "2023-06-01", "2023-06-30", "month", "until")],
         id="year-month-name-without-a-preposition"),
    case("Output peaked 2016, Nov.", [span("2016, Nov.", "2016-11-01", "2016-11-30", "month")],
         id="year-comma-month-at-the-end"),
    case("In 2016, November sales rose.", [span("In 2016", "2016-01-01", "2016-12-31", "year"),
                                           span("November", "2022-11-01", "2022-11-30", "month")],
         id="year-comma-month-before-a-word"),
    case("In 2017 May called an election.", [span("In 2017", "2017-01-01", "2017-12-31", "year")],
         id="year-and-the-name-may"),
    case("It opened on 2019-sep-1.", [span("on 2019-sep-1", "2019-09-01")], id="year-month-abbreviation-day"),
    case("The deadline was Oct-2.", [span("Oct-2", "2023-10-02")], id="month-dash-day"),
    case("It closed on 28-Nov.", [span("on 28-Nov.", "2023-11-28")], id="day-dash-month"),
]

DAYS = [
    case("The rent was due on the 27th.", [span("on the 27th", "2023-09-27")], id="the-27th-past"),
    case("Payments will resume on the 27th.", [span("on the 27th", "2023-10-27")], id="the-27th-future"),
    case("He arrived on 2nd, officials said.", [span("on 2nd", "2023-10-02")], id="on-2nd"),
    case("They met on Friday the 13th.", [span("on Friday the 13th", "2023-10-13")], id="weekday-the-13th"),
    case("The summit is on the second Monday of next month.",
         [span("on the second Monday of next month", "2023-11-13")], id="second-monday-of-next-month"),
    case("It fell on the last Friday in May.", [span("on the last Friday in May", "2023-05-26")],
         id="last-friday-in-may"),
    case("The vote is on the 15th of next month.", [span("on the 15th of next month", "2023-11-15")],
         id="day-of-next-month"),
    case("Rent is due the twentieth of this month.", [span("the twentieth of this month", "2023-10-20")],
         id="ordinal-word-of-this-month"),
    case("It happened in the first week of May.", [span("in the first week of May", "2023-05-01", "2023-05-07",
                                                         "range")], id="first-week-of-may"),
    case("It opens the last week of next month.", [span("the last week of next month", "2023-11-24", "2023-11-30",
                                                         "range")], id="last-week-of-next-month"),
    case("It fell in the second week of 2022.", [span("in the second week of 2022", "2022-01-08", "2022-01-14",
                                                      "range")], id="second-week-of-a-year"),
    case("It happened on the fourth of may.", [span("on the fourth of may", "2023-05-04")],
         id="fourth-of-lowercase-may"),
    case("It ended may the eleventh.", [span("may the eleventh", "2023-05-11")], id="lowercase-may-the-eleventh"),
    case("The fair opened on May twenty-first.", [span("on May twenty-first", "2023-05-21")],
         id="month-ordinal-word"),
    case("It closed on the twenty second of June.", [span("on the twenty second of June", "2023-06-22")],
         id="spaced-ordinal-word-of-month"),
    case("It closed twenty second of June.", [span("twenty second of June", "2023-06-22")],
         id="spaced-ordinal-word-of-month-without-the"),
    case("It closed tenth of September.", [span("tenth of September", "2023-09-10")],
         id="ordinal-word-of-month-without-the"),
    case("He will arrive on Thurs.", [span("on Thurs.", "2023-10-26")], id="weekday-abbreviation"),
]

WEEKS_AND_WINDOWS = [
    case("Shoppers crowded malls over the weekend.", [span("the weekend", "2023-10-21", "2023-10-22", "range")],
         id="the-weekend-past"),
    case("Talks will resume this weekend.", [span("this weekend", "2023-10-28", "2023-10-29", "range")],
         id="this-weekend"),
    case("He visited last weekend.", [span("last weekend", "2023-10-21", "2023-10-22", "range")],
         id="last-weekend"),
    case("It opens the week after next.", [span("the week after next", "2023-11-06", "2023-11-12", "week")],
         id="the-week-after-next"),
    case("The fund will stay shut for the rest of the year.",
         [span("the rest of the year", "2023-10-25", "2023-12-31", "range")], id="the-rest-of-the-year-future"),
    case("Shares are up 12% year to date.", [span("year to date", "2023-01-01", "2023-10-25", "range")],
         id="year-to-date"),
    case("Emissions must fall by the end of this decade.",
         [span("by the end of this decade", "2027-01-01", "2029-12-31", "range", "by")], id="end-of-this-decade"),
    case("Profit rose this Q3.", [span("this Q3", "2023-07-01", "2023-09-30", "quarter")], id="this-quarter-code"),
    case("The plant will close for next 3 days.", [span("next 3 days", "2023-10-25", "2023-10-28", "range")],
         id="next-n-days-without-the"),
    case("Prices rose 5% past month.", [span("past month", "2023-09-25", "2023-10-25", "range")],
         id="past-month-without-the"),
    case("Talks resume in the upcoming week.", [span("in the upcoming week", "2023-10-25", "2023-11-01", "range")],
         id="the-upcoming-week"),
    case("It will reopen two weeks from now.", [span("two weeks from now", "2023-11-06", "2023-11-12", "week")],
         id="weeks-from-now"),
    case("The results come three days from tomorrow.", [span("three days from tomorrow", "2023-10-29")],
         id="days-from-tomorrow"),
    case("We meet two Sundays from now.", [span("two Sundays from now", "2023-11-05")],
         id="weekdays-from-now"),
    case("He left two days before yesterday.", [span("two days before yesterday", "2023-10-22")],
         id="days-before-yesterday"),
    case("He left 1 month and 21 days ago.", [span("1 month and 21 days ago", "2023-09-04")],
         id="month-and-days-ago"),
    case("It began 2 years, 3 months ago.", [span("2 years, 3 months ago", "2021-07-01", "2021-07-31", "month")],
         id="years-comma-months-ago"),
]

#: "from X to Y": ends read by the tense alone are resolved against each other when reversed
RANGES = [
    case("The strike ran from Monday to Friday.",
         [span("from Monday", "2023-10-16", relation="from"), span("to Friday", "2023-10-20", relation="until")],
         id="past-weekday-range-ends-by-publication"),
    case("The strike will run from Monday to Friday.",
         [span("from Monday", "2023-10-30", relation="from"), span("to Friday", "2023-11-03", relation="until")],
         id="future-weekday-range-begins-after-publication"),
    case("It ran from October to February.",
         [span("from October", "2022-10-01", "2022-10-31", "month", "from"),
          span("to February", "2023-02-01", "2023-02-28", "month", "until")], id="past-month-range-over-new-year"),
    case("It ran from May to September.",
         [span("from May", "2023-05-01", "2023-05-31", "month", "from"),
          span("to September", "2023-09-01", "2023-09-30", "month", "until")], id="ordered-month-range-unchanged"),
    case("It ran from Monday, and to Friday.",
         [span("from Monday", "2023-10-23", relation="from"), span("to Friday", "2023-10-20", relation="until")],
         id="not-one-range"),
]

IN_WORDS = [
    case("He was born on September the twenty-first nineteen seventy eight.",
         [span("on September the twenty-first nineteen seventy eight", "1978-09-21")], id="date-with-year-in-words"),
    case("It happened in June of nineteen ninety nine.",
         [span("in June of nineteen ninety nine", "1999-06-01", "1999-06-30", "month")], id="month-of-year-in-words"),
    case("It closed on the tenth of September, two thousand.",
         [span("on the tenth of September, two thousand", "2000-09-10")], id="year-two-thousand"),
    case("In May two thousand people marched.", [span("In May", "2023-05-01", "2023-05-31", "month")],
         id="a-count-after-a-month-is-no-year"),
    case("It boomed in the nineteen seventies.", [span("in the nineteen seventies", "1970-01-01", "1979-12-31",
                                                       "decade")], id="decade-in-words"),
    case("Music of the '80s sold.", [span("the '80s", "1980-01-01", "1989-12-31", "decade")], id="short-decade"),
    case("Jazz thrived in the '20s.", [span("in the '20s", "1920-01-01", "1929-12-31", "decade")],
         id="short-decade-gone-by"),
    case("It grew in the late '90s.", [span("in the late '90s", "1997-01-01", "1999-12-31", "range")],
         id="late-short-decade"),
    case("It grew in the noughties.", [span("in the noughties", "2000-01-01", "2009-12-31", "decade")],
         id="noughties"),
    case("It grew in the two thousands.", [span("in the two thousands", "2000-01-01", "2009-12-31", "decade")],
         id="the-two-thousands"),
    case("It grew in the twenty-tens.", [span("in the twenty-tens", "2010-01-01", "2019-12-31", "decade")],
         id="the-twenty-tens"),
]


# a year before the figure or the study it dates, after "a" too; a month and a year in numbers;
# the future said by a verb of expectation
MODIFIERS_AND_TENSE = [
    case("Apple's 1990 earnings fell.", [span("1990", "1990-01-01", "1990-12-31", "year")],
         id="year-before-earnings"),
    case("It had a 2020 population of 5 million.", [span("2020", "2020-01-01", "2020-12-31", "year")],
         id="a-year-before-population"),
    case("A 2019 study found it.", [span("2019", "2019-01-01", "2019-12-31", "year")],
         id="a-year-before-a-study"),
    case("They hired a 2000 workers.", [], id="a-count-before-workers-is-no-year"),
    case("Sales peaked in 11/2016.", [span("in 11/2016", "2016-11-01", "2016-11-30", "month")],
         id="month-slash-year"),
    case("It was 3/2020, officials said.", [span("3/2020", "2020-03-01", "2020-03-31", "month")],
         id="month-slash-year-alone"),
    case("It was a 1/2000 chance.", [], id="a-fraction-is-no-month"),
    case("It lasts 1/2000 of a second.", [], id="a-fraction-of-is-no-month"),
    case("The shop is open 24/7.", [], id="no-year-no-month"),
    case("He expects a deal in May.", [span("in May", "2024-05-01", "2024-05-31", "month")],
         id="expects-says-future"),
    case("He expected a deal in May.", [span("in May", "2023-05-01", "2023-05-31", "month")],
         id="expected-says-past"),
    case("The bank forecasts growth in June.", [span("in June", "2024-06-01", "2024-06-30", "month")],
         id="forecasts-says-future"),
]


@pytest.mark.parametrize(("text", "published", "expected"), FRAMED_AND_NUMERIC + DAYS + WEEKS_AND_WINDOWS + RANGES
                         + IN_WORDS + MODIFIERS_AND_TENSE)
def test_table(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text", [
    pytest.param("He spent the rest of the year in prison.", id="the-rest-of-the-year-past"),
    pytest.param("He resigned the weekend before the vote.", id="the-weekend-before-an-event"),
    pytest.param("It may first require approval.", id="may-first-verb"),
    pytest.param("He lives on 22nd Street.", id="ordinal-street"),
    pytest.param("It is a 21st-century problem in the 21st century.", id="ordinal-century"),
    pytest.param("Highs were in the seventies.", id="decade-word-alone-temperature"),
    pytest.param("He is in his seventies.", id="decade-word-alone-age"),
    pytest.param("He finished 21st.", id="rank-without-the"),
    pytest.param("The 2017 April Smith album sold.", id="year-before-a-name"),
    pytest.param("He fought in the last week of the war.", id="last-week-of-an-event"),
    pytest.param("It rose 5 years and more.", id="years-and-no-ago"),
    pytest.param("The rule took effect within two years of the war.", id="within-of-an-event"),
])
def test_not_a_time(text):
    assert found(text, D("2023-10-25")) == []


# The memo key takes in the new continuations: parsing it gives what parsing the window gives.
_LEADS = ["", "in ", "on ", "the ", "last ", "this ", "Friday ", "2017 ", "two ", "1 ", "28-", "fourth of "]
_CORES = ["year", "month", "May", "may", "Oct", "Tues", "Tues.", "Thursday", "2016", "2015", "week", "weeks",
          "months", "27th", "Sundays", "weekend", "2019"]
_TAILS = ["", ", nov", ", Dec. The", ", officials", " to date", "-to-date", " of May", " of", ", officials", "-2", "/11", " / 11", " April", " twenty-first",
          " the eleventh", " 10, nineteen zero one", " 10, two thousand people", " from now", " from tomorrow",
          " and 21 days ago", ", 21 days ago", " ago", " -sep-1", ".", " of next month", " after next"]


@settings(max_examples=400, deadline=None)
@given(st.tuples(st.sampled_from(_LEADS), st.sampled_from(_CORES), st.sampled_from(_TAILS)).map("".join))
def test_the_memo_key_decides_these_continuations(window):
    parse = readers.parse_phrase.__wrapped__
    key = readers.memo_key(window)
    for word_class in grammar.PHRASES:
        assert parse(word_class, key) == parse(word_class, window), (word_class, window, key)
