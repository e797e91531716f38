"""Tests for factcheck.text.timex: finding time expressions and resolving them to date intervals."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.dates import DateRange
from factcheck.errors import InputError
from factcheck.text.timex import find, grammar, readers
from factcheck.text.timex import TimeSpan, find_times

D = date.fromisoformat
WEDNESDAY = D("2023-10-25")          # the publication date of most cases below (a Wednesday)


def case(text, expected, *, published=WEDNESDAY, id):
    """One table row: ``expected`` is a list of (span text, from, until, precision, relation)."""
    return pytest.param(text, published, expected, id=id)


def span(text, date_from, date_until=None, precision="day", relation="at"):
    return (text, D(date_from), D(date_until or date_from), precision, relation)


def found(text, published):
    return [(s.text, s.date_from, s.date_until, s.precision, s.relation)
            for s in find_times(text, published)]


# --------------------------------------------------------------------------------------------
# Sentences from real news articles
# --------------------------------------------------------------------------------------------

NEWS = [
    case("Chinese President Xi Jinping said on Wednesday that",
         [span("on Wednesday", "2023-10-25")], id="news-said-on-wednesday"),
    case("The US last week further tightened",
         [span("last week", "2023-10-16", "2023-10-22", "week")], id="news-last-week"),
    case("Exports of chips have been restricted since September.",
         [span("since September", "2023-09-01", "2023-09-30", "month", "since")],
         id="news-since-september"),
    case("The two leaders could meet at a summit in San Francisco this November.",
         [span("this November", "2023-11-01", "2023-11-30", "month")], id="news-this-november"),
    case("Wang's trip will begin on Thursday and last through Saturday.",
         [span("on Thursday", "2023-10-26"), span("through Saturday", "2023-10-28",
                                                   relation="until")],
         id="news-will-begin-thursday-through-saturday"),
    case("Three cabinet secretaries met their Chinese counterparts in Beijing this summer.",
         [span("this summer", "2023-06-01", "2023-08-31", "season")], id="news-this-summer"),
]

# --------------------------------------------------------------------------------------------
# Absolute dates
# --------------------------------------------------------------------------------------------

ABSOLUTE = [
    case("It was signed on 2023-10-25.", [span("on 2023-10-25", "2023-10-25")], id="iso"),
    case("He arrived the day before yesterday.", [span("the day before yesterday", "2023-10-23")],
         id="the-day-before-yesterday"),
    case("They leave the day after tomorrow.", [span("the day after tomorrow", "2023-10-27")],
         id="the-day-after-tomorrow"),
    case("Sales peaked in 2016-11 and fell.", [span("in 2016-11", "2016-11-01", "2016-11-30", "month")],
         id="iso-year-month"),
    case("Exports grew in 2011-12, officials said.", [span("in 2011-12", "2011-01-01", "2012-12-31", "range")],
         id="year-range-not-a-month"),
    case("Prices fell in Dec, 2018 across Asia.", [span("in Dec, 2018", "2018-12-01", "2018-12-31", "month")],
         id="month-comma-year"),
    case("In February, officials said prices fell.", [span("In February", "2023-02-01", "2023-02-28", "month")],
         id="month-comma-no-year"),
    case("The fair opened on the second of August 2019.", [span("on the second of August 2019", "2019-08-02")],
         id="ordinal-word-day"),
    case("It closed on the twenty-first of June 2020.", [span("on the twenty-first of June 2020", "2020-06-21")],
         id="hyphenated-ordinal-word-day"),
    case("It was signed October 25, 2023.", [span("October 25, 2023", "2023-10-25")],
         id="month-day-comma-year"),
    case("It was signed Oct. 25, 2023.", [span("Oct. 25, 2023", "2023-10-25")],
         id="abbrev-period-day-year"),
    case("It was signed Oct 25, 2023.", [span("Oct 25, 2023", "2023-10-25")],
         id="abbrev-day-year"),
    case("It was signed Oct 25 in Paris.", [span("Oct 25", "2023-10-25")],
         id="abbrev-day-no-year"),
    case("Prices rose in Dec, 2018.", [span("in Dec, 2018", "2018-12-01", "2018-12-31", "month")],
         id="abbrev-comma-year"),
    case("It was in December, 2018 that", [span("in December, 2018", "2018-12-01", "2018-12-31",
                                                "month")], id="month-comma-year"),
    case("Sales fell in Sept and rose in Oct.", [
        span("in Sept", "2023-09-01", "2023-09-30", "month"),
        span("in Oct.", "2023-10-01", "2023-10-31", "month")], id="abbrev-month-alone"),
    case("It closed this Jan.", [span("this Jan.", "2023-01-01", "2023-01-31", "month")],
         id="this-abbrev-month"),
    case("It was signed on 25 October 2023.", [span("on 25 October 2023", "2023-10-25")],
         id="day-month-year"),
    case("It was signed on October 25.", [span("on October 25", "2023-10-25")],
         id="month-day-publication-year"),
    case("The attacks of Sept. 11, 2001.", [span("Sept. 11, 2001", "2001-09-11")],
         id="sept-abbreviation"),
    case("He spoke on the 5th of March.", [span("on the 5th of March", "2023-03-05")],
         id="the-nth-of-month"),
    case("On Wednesday, Oct. 25, 2023, he spoke.",
         [span("On Wednesday, Oct. 25, 2023", "2023-10-25")], id="weekday-and-date"),
    case("Talks ran October 25-27, 2023.",
         [span("October 25-27, 2023", "2023-10-25", "2023-10-27", "range")], id="day-range"),
    case("Prices rose in mid-2023.",
         [span("in mid-2023", "2023-05-01", "2023-08-31", "range")], id="mid-year"),
    case("Prices rose in early 2023.",
         [span("in early 2023", "2023-01-01", "2023-04-30", "range")], id="early-year"),
    case("Prices rose in late 2023.",
         [span("in late 2023", "2023-09-01", "2023-12-31", "range")], id="late-year"),
    case("It opened by the end of 2023.",
         [span("by the end of 2023", "2023-09-01", "2023-12-31", "range", "by")],
         id="end-of-year"),
    case("It closed in late September.",
         [span("in late September", "2023-09-21", "2023-09-30", "range")], id="late-month"),
    case("The economy boomed in the 1990s.",
         [span("in the 1990s", "1990-01-01", "1999-12-31", "decade")], id="decade"),
    case("The economy boomed in the early 1990s.",
         [span("in the early 1990s", "1990-01-01", "1993-12-31", "range")], id="early-decade"),
    case("The law passed in 2019.", [span("in 2019", "2019-01-01", "2019-12-31", "year")],
         id="in-year"),
    case("2019's record harvest", [span("2019", "2019-01-01", "2019-12-31", "year")],
         id="possessive-year"),
    case("2019\u2019s record harvest", [span("2019", "2019-01-01", "2019-12-31", "year")],
         id="possessive-year-typographic-apostrophe"),
    case("the election of 2019", [span("2019", "2019-01-01", "2019-12-31", "year")],
         id="of-year"),
    case("Output has grown since 2019.",
         [span("since 2019", "2019-01-01", "2019-12-31", "year", "since")], id="since-year"),
    case("Emissions must halve by 2030.",
         [span("by 2030", "2030-01-01", "2030-12-31", "year", "by")], id="by-year"),
    case("It was built before 1950 and restored after 2001.",
         [span("before 1950", "1950-01-01", "1950-12-31", "year", "before"),
          span("after 2001", "2001-01-01", "2001-12-31", "year", "after")], id="before-after"),
    case("He led it from 2019 to 2021.",
         [span("from 2019", "2019-01-01", "2019-12-31", "year", "from"),
          span("to 2021", "2021-01-01", "2021-12-31", "year", "until")], id="from-to-years"),
    case("The deficit widened in 2019-21.",
         [span("in 2019-21", "2019-01-01", "2021-12-31", "range")], id="year-range"),
    case("Sales fell in September 2023.",
         [span("in September 2023", "2023-09-01", "2023-09-30", "month")], id="month-year"),
    case("He left in May of 2021.",
         [span("in May of 2021", "2021-05-01", "2021-05-31", "month")], id="month-of-year"),
    case("He left in September last year.",
         [span("in September last year", "2022-09-01", "2022-09-30", "month")],
         id="month-last-year"),
    case("It flooded in spring 2022.",
         [span("in spring 2022", "2022-03-01", "2022-05-31", "season")], id="season-year"),
    case("It flooded during the summer of 2022.",
         [span("during the summer of 2022", "2022-06-01", "2022-08-31", "season")],
         id="season-of-year"),
    case("Gas ran short in winter 2022-23.",
         [span("in winter 2022-23", "2022-12-01", "2023-02-28", "season")],
         id="winter-two-years"),
    case("Profit rose in Q3 2023.",
         [span("in Q3 2023", "2023-07-01", "2023-09-30", "quarter")], id="quarter-code"),
    case("Profit rose in the fourth quarter of 2022.",
         [span("in the fourth quarter of 2022", "2022-10-01", "2022-12-31", "quarter")],
         id="quarter-of-year"),
    case("Profit rose in the first half of 2023.",
         [span("in the first half of 2023", "2023-01-01", "2023-06-30", "range")],
         id="half-of-year"),
    case("Profit rose in H2 2022.",
         [span("in H2 2022", "2022-07-01", "2022-12-31", "range")], id="half-code"),
]

# --------------------------------------------------------------------------------------------
# Expressions resolved against the publication date (Wednesday 2023-10-25)
# --------------------------------------------------------------------------------------------

RELATIVE = [
    case("The plant will close within 3 years.",
         [span("within 3 years", "2023-10-25", "2026-10-25", "range")], id="within-future"),
    case("They plan to sell within six months.",
         [span("within six months", "2023-10-25", "2024-04-25", "range")], id="within-words"),
    case("Within two years, he had built a firm.", [], id="within-past-counts-from-an-event"),
    case("It will be done within 3 years of the merger.", [], id="within-of-an-event"),
    case("He arrived today.", [span("today", "2023-10-25")], id="today"),
    case("He arrived yesterday.", [span("yesterday", "2023-10-24")], id="yesterday"),
    case("He arrives tomorrow.", [span("tomorrow", "2023-10-26")], id="tomorrow"),
    case("Shots were fired last night.", [span("last night", "2023-10-24")], id="last-night"),
    case("He spoke on Monday.", [span("on Monday", "2023-10-23")], id="weekday-past"),
    case("He spoke Thursday.", [span("Thursday", "2023-10-19")], id="weekday-past-no-prep"),
    case("He will speak on Monday.", [span("on Monday", "2023-10-30")], id="weekday-will"),
    case("We\u2019ll speak on Wednesday.", [span("on Wednesday", "2023-11-01")],
         id="weekday-typographic-ll"),
    case("The minister is due to arrive on Friday.", [span("on Friday", "2023-10-27")],
         id="weekday-is-due-to"),
    case("He spoke last Wednesday.", [span("last Wednesday", "2023-10-18")],
         id="last-weekday"),
    case("He speaks next Wednesday.", [span("next Wednesday", "2023-11-01")],
         id="next-weekday"),
    case("He speaks this Friday.", [span("this Friday", "2023-10-27")], id="this-weekday"),
    case("Clashes erupted late Tuesday night.", [span("late Tuesday night", "2023-10-24")],
         id="late-weekday-night"),
    case("Shares rose this week.", [span("this week", "2023-10-23", "2023-10-29", "week")],
         id="this-week"),
    case("Shares may rise next week.", [span("next week", "2023-10-30", "2023-11-05", "week")],
         id="next-week"),
    case("Shares fell last month.", [span("last month", "2023-09-01", "2023-09-30", "month")],
         id="last-month"),
    case("Shares fell this month.", [span("this month", "2023-10-01", "2023-10-31", "month")],
         id="this-month"),
    case("Shares may rise next month.",
         [span("next month", "2023-11-01", "2023-11-30", "month")], id="next-month"),
    case("It happened last November.",
         [span("last November", "2022-11-01", "2022-11-30", "month")], id="last-november"),
    case("It happens next November.",
         [span("next November", "2023-11-01", "2023-11-30", "month")], id="next-november"),
    case("It happened in November.",
         [span("in November", "2022-11-01", "2022-11-30", "month")], id="month-past"),
    case("It will happen in September.",
         [span("in September", "2024-09-01", "2024-09-30", "month")], id="month-future"),
    case("It has risen since last September.",
         [span("since last September", "2023-09-01", "2023-09-30", "month", "since")],
         id="since-last-month-name"),
    case("It fell earlier this year.",
         [span("earlier this year", "2023-01-01", "2023-10-25", "range")], id="earlier-this-year"),
    case("It will fall later this year.",
         [span("later this year", "2023-10-25", "2023-12-31", "range")], id="later-this-year"),
    case("It fell last year.", [span("last year", "2022-01-01", "2022-12-31", "year")],
         id="last-year"),
    case("It fell this year.", [span("this year", "2023-01-01", "2023-12-31", "year")],
         id="this-year"),
    case("It falls next year.", [span("next year", "2024-01-01", "2024-12-31", "year")],
         id="next-year"),
    case("It fell early last year.",
         [span("early last year", "2022-01-01", "2022-04-30", "range")], id="early-last-year"),
    case("It fell two years ago.", [span("two years ago", "2021-01-01", "2021-12-31", "year")],
         id="years-ago"),
    case("It fell three months ago.",
         [span("three months ago", "2023-07-01", "2023-07-31", "month")], id="months-ago"),
    case("It fell a week ago.", [span("a week ago", "2023-10-16", "2023-10-22", "week")],
         id="week-ago"),
    case("It fell 5 days ago.", [span("5 days ago", "2023-10-20")], id="days-ago"),
    case("It fell a decade ago.", [span("a decade ago", "2013-01-01", "2013-12-31", "year")],
         id="decade-ago"),
    # a hedge of the quantity table bounds or widens a count of units ago
    case("It was founded more than 150 years ago.",
         [span("more than 150 years ago", "0001-01-01", "1873-12-31", "range")], id="more-than-years-ago"),
    case("It was founded about 20 years ago.",
         [span("about 20 years ago", "2001-01-01", "2005-12-31", "range")], id="about-years-ago"),
    case("It was founded nearly 20 years ago.",
         [span("nearly 20 years ago", "2003-01-01", "2005-12-31", "range")], id="nearly-years-ago"),
    case("It was founded less than 10 years ago.",
         [span("less than 10 years ago", "2013-01-01", "2023-10-25", "range")], id="less-than-years-ago"),
    case("It fell over 2 days ago.", [span("over 2 days ago", "0001-01-01", "2023-10-23", "range")],
         id="over-days-ago"),
    case("It opens in two weeks.", [span("in two weeks", "2023-11-06", "2023-11-12", "week")],
         id="in-weeks"),
    case("It opens in a week's time.",
         [span("in a week's time", "2023-10-30", "2023-11-05", "week")], id="in-a-weeks-time"),
    case("Prices doubled over the past two years.",
         [span("the past two years", "2021-10-25", "2023-10-25", "range")], id="past-n-years"),
    case("Prices rose in the past week.",
         [span("in the past week", "2023-10-18", "2023-10-25", "range")], id="past-week"),
    case("Tourists came last winter.",
         [span("last winter", "2022-12-01", "2023-02-28", "season")], id="last-winter"),
    case("Tourists come next spring.",
         [span("next spring", "2024-03-01", "2024-05-31", "season")], id="next-spring"),
    case("Tourists came in the autumn.",
         [span("in the autumn", "2023-09-01", "2023-11-30", "season")], id="season-past"),
    case("Tourists will come in the summer.",
         [span("in the summer", "2024-06-01", "2024-08-31", "season")], id="season-future"),
    case("Tourists came this fall.",
         [span("this fall", "2023-09-01", "2023-11-30", "season")], id="this-fall"),
    case("Profit rose in the third quarter.",
         [span("in the third quarter", "2023-07-01", "2023-09-30", "quarter")],
         id="quarter-past"),
    case("Profit fell last quarter.",
         [span("last quarter", "2023-07-01", "2023-09-30", "quarter")], id="last-quarter"),
    case("Profit will rise in Q1.",
         [span("in Q1", "2024-01-01", "2024-03-31", "quarter")], id="quarter-code-future"),
    case("The plant closes at the end of the year.",
         [span("the end of the year", "2023-09-01", "2023-12-31", "range")],
         id="end-of-the-year"),
    case("He will stay until March.",
         [span("until March", "2024-03-01", "2024-03-31", "month", "until")],
         id="until-month-future"),
    case("Troops stayed prior to Monday.",
         [span("prior to Monday", "2023-10-23", relation="before")], id="prior-to"),
    case("This winter is mild.",
         [span("This winter", "2023-12-01", "2024-02-29", "season")],
         published=D("2023-10-25"), id="this-winter-autumn"),
    case("This winter is mild.",
         [span("This winter", "2022-12-01", "2023-02-28", "season")],
         published=D("2023-01-15"), id="this-winter-january"),
    case("It happened on Sunday.", [span("on Sunday", "2024-01-07")],
         published=D("2024-01-09"), id="weekday-over-year-end"),
    case("Prices fell last month.",
         [span("last month", "2023-12-01", "2023-12-31", "month")],
         published=D("2024-01-09"), id="last-month-over-year-end"),
    case("The fund was closed on February 29.", [],
         published=D("2023-03-01"), id="february-29-common-year"),
]

# Several expressions in one text: sorted, non-overlapping, leftmost-longest.
SEQUENCES = [
    case("Sales rose 5% in the third quarter, since the early 1990s and through mid-2024.",
         [span("in the third quarter", "2023-07-01", "2023-09-30", "quarter"),
          span("since the early 1990s", "1990-01-01", "1993-12-31", "range", "since"),
          span("through mid-2024", "2024-05-01", "2024-08-31", "range", "until")],
         id="several-longest"),
    case("The strike ran from Monday to Wednesday, a week after talks failed last week.",
         [span("from Monday", "2023-10-23", relation="from"),
          span("to Wednesday", "2023-10-25", relation="until"),
          span("last week", "2023-10-16", "2023-10-22", "week")], id="from-to-weekdays"),
    case("He spoke on Monday. He will speak again on Friday.",
         [span("on Monday", "2023-10-23"), span("on Friday", "2023-10-27")],
         id="tense-per-sentence"),
]

# --------------------------------------------------------------------------------------------
# Near misses: no time expression at all
# --------------------------------------------------------------------------------------------

#: A year naming the event it modifies, after a determiner.
YEAR_MODIFIERS = [
    case("The 2019 census put the population at 47.6 million.",
         [span("2019", "2019-01-01", "2019-12-31", "year")], id="the-year-census"),
    case("Pakistan's 2023 census counted them.",
         [span("2023", "2023-01-01", "2023-12-31", "year")], id="possessive-year-census"),
    case("He won the 2016 presidential election.",
         [span("2016", "2016-01-01", "2016-12-31", "year")], id="the-year-adjective-election"),
    case("They remember the 1920 Battle of Warsaw.",
         [span("1920", "1920-01-01", "1920-12-31", "year")], id="the-year-named-battle"),
]

NOT_TIMES = [
    pytest.param("May I ask a question?", id="may-modal"),
    pytest.param("Prices may rise.", id="may-lowercase"),
    pytest.param("Theresa May said so.", id="may-surname"),
    pytest.param("She gave to the March of Dimes.", id="march-of-dimes"),
    pytest.param("They march on Washington.", id="march-verb"),
    pytest.param("April Smith said so.", id="april-first-name"),
    pytest.param("They met in Jan's house.", id="jan-possessive"),
    pytest.param("A letter from Jan arrived.", id="from-jan"),
    pytest.param("In Jan Kowalski's view it failed.", id="jan-before-a-surname"),
    pytest.param("The prize went to Dec.", id="dec-after-to"),
    pytest.param("Some 2,023 people came.", id="thousands-separator"),
    pytest.param("It produced 1999 tonnes.", id="tonnes-no-preposition"),
    pytest.param("Output rose to 2023 tonnes.", id="tonnes-after-to"),
    pytest.param("The meeting starts at 1400 GMT.", id="clock-time"),
    pytest.param("Prices are expected to fall.", id="fall-verb"),
    pytest.param("The fall of Kabul shocked many.", id="fall-of"),
    pytest.param("The Audi Q3 sells well.", id="q3-model-name"),
    pytest.param("It cost $2023.", id="amount"),
    pytest.param("Case no. 10/25/2023 was filed.", id="numeric-date-unsupported"),
    pytest.param("It happened days ago, in recent years.", id="vague"),
    pytest.param("Cases doubled in a day.", id="in-a-duration"),
    pytest.param("Thousands, the 1000s of people, came.", id="thousands-plural"),
    pytest.param("The 1500 troops arrived.", id="the-count-before-a-noun"),
    pytest.param("The 2023 tonnes of rice arrived.", id="the-count-before-a-unit"),
    pytest.param("Shoppers queued for Black Friday deals.", id="black-friday"),
    pytest.param("He fought in the last year of the war.", id="last-year-of"),
    pytest.param("", id="empty"),
    pytest.param("\x00\x00 2023 \x00", id="nul-bytes"),
]


@pytest.mark.parametrize(("text", "published", "expected"), NEWS + ABSOLUTE + RELATIVE + SEQUENCES + YEAR_MODIFIERS)
def test_table(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text", NOT_TIMES)
def test_not_a_time(text):
    assert find_times(text, WEDNESDAY) == []


def test_span_offsets_and_fields():
    text = "Xi said on Wednesday that talks resume in 2024."
    spans = find_times(text, WEDNESDAY)
    assert [text[s.start:s.end] for s in spans] == ["on Wednesday", "in 2024"]
    assert all(isinstance(s, TimeSpan) for s in spans)
    assert spans[1].as_range() == DateRange(D("2024-01-01"), D("2024-12-31"), "year")


def test_case_insensitive_words_and_newlines():
    assert found("SINCE SEPTEMBER", WEDNESDAY) == [
        span("SINCE SEPTEMBER", "2023-09-01", "2023-09-30", "month", "since")]
    assert found("since\nSeptember", WEDNESDAY)[0][0] == "since\nSeptember"
    assert found("since\u00a0September", WEDNESDAY)[0][0] == "since\u00a0September"


def test_datetime_publication_date_is_accepted():
    assert found("yesterday", datetime(2023, 10, 25, 18, 30)) == [span("yesterday", "2023-10-24")]


@pytest.mark.parametrize("bad", [None, "2023-10-25", 20231025])
def test_publication_date_must_be_a_date(bad):
    with pytest.raises(InputError):
        find_times("yesterday", bad)


def test_text_must_be_a_string():
    with pytest.raises(InputError):
        find_times(b"yesterday", WEDNESDAY)


def test_extreme_publication_dates_do_not_raise():
    text = "last year, next year, tomorrow, yesterday, in two years, this winter, next week"
    assert all(s.date_from <= s.date_until for s in find_times(text, date.min))
    assert all(s.date_from <= s.date_until for s in find_times(text, date.max))


def test_work_grows_linearly_with_the_text(monkeypatch):
    paragraph = ("Xi said on Wednesday that the talks, held since September, would resume. "
                 "The company produced 2023 tonnes of steel in the third quarter. "
                 "Zhang met officials in Beijing this summer and will return next week. ")
    attempts = []
    original = find.span_at
    monkeypatch.setattr(find, "span_at", lambda *args: attempts.append(1) or original(*args))

    def work(copies):
        attempts.clear()
        spans = find_times(paragraph * copies, WEDNESDAY)
        return len(spans), len(attempts)

    small_spans, small_attempts = work(50)
    large_spans, large_attempts = work(400)
    assert (small_spans, large_spans) == (50 * 5, 400 * 5)
    assert large_attempts == 8 * small_attempts     # a bounded number of parses per candidate


def test_large_text_parses_each_candidate_once(monkeypatch):
    text = ("Xi said on Wednesday that the talks, held since September 2022, would resume "
            "in the third quarter of 2024. Officials said so. ") * 500
    attempts = []
    original = find.span_at
    monkeypatch.setattr(find, "span_at", lambda *args: attempts.append(1) or original(*args))
    assert len(find_times(text, WEDNESDAY)) == 3 * 500
    assert len(attempts) <= 3 * 3 * 500     # the leads of each expression, then its core


def test_huge_text_without_times_parses_nothing(monkeypatch):
    text = ("lorem ipsum dolor sit amet, the of in on to by 12 345 " * 20000) + "\x00"
    parses = []
    for phrase_grammar in grammar.PHRASES.values():
        monkeypatch.setattr(phrase_grammar, "parse_string",
                            lambda *args, _original=phrase_grammar.parse_string, **kw:
                            parses.append(1) or _original(*args, **kw))
    assert find_times(text, WEDNESDAY) == []
    assert parses == []         # no trigger word: the grammar never runs


def test_within_reads_only_the_given_ranges(monkeypatch):
    paragraph = "Xi spoke on Wednesday. Prices rose in March 2023. Nothing else happened last week. "
    text = paragraph * 20
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    chosen = sentences[1::3]
    attempts = []
    original = find.span_at
    monkeypatch.setattr(find, "span_at", lambda text, norm, at, published: attempts.append(at)
                        or original(text, norm, at, published))
    spans = find_times(text, WEDNESDAY, within=chosen)
    read = list(attempts)
    everything = find_times(text, WEDNESDAY)
    inside = [s for s in everything if any(a <= s.start < b for a, b in chosen)]
    assert spans == inside and len(spans) == 20
    assert read and all(any(a - 40 <= at < b for a, b in chosen) for at in read)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _abbreviation(month: int) -> str:
    name = calendar.month_name[month]
    return name if len(name) <= 4 else name[:3] + "."    # May, June, July stay whole


ABSOLUTE_FORMATS = {
    "iso": lambda d: d.isoformat(),
    "month-day-year": lambda d: f"{calendar.month_name[d.month]} {d.day}, {d.year}",
    "abbrev-period": lambda d: f"{_abbreviation(d.month)} {d.day}, {d.year}",
    "abbrev-no-period": lambda d: f"{calendar.month_abbr[d.month]} {d.day}, {d.year}",
    "day-month-year": lambda d: f"{d.day} {calendar.month_name[d.month]} {d.year}",
    "ordinal-of": lambda d: f"the {_ordinal(d.day)} of {calendar.month_name[d.month]} {d.year}",
    "weekday-date": lambda d: (f"{calendar.day_name[d.weekday()]}, "
                               f"{calendar.month_name[d.month]} {d.day}, {d.year}"),
    "upper-case": lambda d: f"{calendar.month_name[d.month].upper()} {d.day}, {d.year}",
}

dates = st.dates(min_value=date(1000, 1, 1), max_value=date(2199, 12, 31))
publication_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=150, deadline=None)
@given(day=dates, form=st.sampled_from(sorted(ABSOLUTE_FORMATS)),
       lead=st.sampled_from(["It was signed on {}.", "{} was the day.", "On {}, it rained.",
                             "Records from {} show"]))
def test_absolute_dates_round_trip(day, form, lead):
    rendered = ABSOLUTE_FORMATS[form](day)
    spans = find_times(lead.format(rendered), WEDNESDAY)
    assert len(spans) == 1, (rendered, spans)
    assert (spans[0].date_from, spans[0].date_until, spans[0].precision) == (day, day, "day")
    assert rendered in spans[0].text


@settings(max_examples=100, deadline=None)
@given(day=publication_dates)
def test_month_day_takes_the_publication_year(day):
    rendered = f"{calendar.month_name[day.month]} {day.day}"
    spans = find_times(f"It was signed on {rendered}.", day)
    assert [(s.date_from, s.date_until) for s in spans] == [(day, day)]


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _month_end(start: date) -> date:
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def _expected_relative(phrase: str, published: date) -> tuple[date, date]:
    """The expected intervals, computed without the module's helpers."""
    monday = published - timedelta(days=published.weekday())
    month_index = published.year * 12 + published.month - 1
    if phrase == "last week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if phrase == "this week":
        return monday, monday + timedelta(days=6)
    if phrase == "next week":
        return monday + timedelta(days=7), monday + timedelta(days=13)
    if phrase in ("last month", "this month", "next month", "three months ago"):
        shift = {"last": -1, "this": 0, "next": 1, "three": -3}[phrase.split()[0]]
        first = _month_start(0, month_index + shift + 1)
        return first, _month_end(first)
    if phrase == "two years ago":
        return date(published.year - 2, 1, 1), date(published.year - 2, 12, 31)
    if phrase == "next year":
        return date(published.year + 1, 1, 1), date(published.year + 1, 12, 31)
    if phrase == "a week ago":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if phrase == "earlier this year":
        return date(published.year, 1, 1), published
    raise AssertionError(phrase)


@settings(max_examples=120, deadline=None)
@given(published=publication_dates,
       phrase=st.sampled_from(["last week", "this week", "next week", "last month",
                               "this month", "next month", "three months ago",
                               "two years ago", "next year", "a week ago",
                               "earlier this year"]))
def test_relative_phrases(published, phrase):
    spans = find_times(f"Shares moved {phrase}, traders said.", published)
    assert [s.text for s in spans] == [phrase]
    assert (spans[0].date_from, spans[0].date_until) == _expected_relative(phrase, published)


@settings(max_examples=120, deadline=None)
@given(published=publication_dates, weekday=st.integers(0, 6), future=st.booleans())
def test_weekdays_follow_tense(published, weekday, future):
    name = calendar.day_name[weekday]
    sentence = f"The envoy will arrive on {name}." if future else f"The envoy said on {name}."
    spans = find_times(sentence, published)
    if future:
        expected = next(published + timedelta(days=n) for n in range(1, 8)
                        if (published + timedelta(days=n)).weekday() == weekday)
    else:
        expected = next(published - timedelta(days=n) for n in range(0, 7)
                        if (published - timedelta(days=n)).weekday() == weekday)
    assert [(s.text, s.date_from, s.date_until) for s in spans] == [
        (f"on {name}", expected, expected)]


def _check_invariants(text: str, spans: list[TimeSpan]) -> None:
    previous_end = 0
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
        assert s.date_from <= s.date_until
        assert s.start >= previous_end
        previous_end = s.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), published=st.dates())
def test_arbitrary_text_never_raises(text, published):
    _check_invariants(text, find_times(text, published))


VOCABULARY = [
    "in", "on", "since", "until", "through", "to", "by", "from", "of", "the", "a", "last",
    "this", "next", "early", "mid-", "late", "end", "earlier", "later", "past", "two", "3",
    "25th", "ago", "year", "years", "week", "month", "quarter", "half", "first", "third",
    "May", "may", "March", "Sept.", "Oct", "December", "Wednesday", "Sunday", "summer",
    "fall", "winter", "today", "night", "Q3", "H1", "1990s", "2019", "2023-10-25", "2019-21",
    "2,023", "'s", "\u2019s", "will", "'ll", ",", ".", "-", "\n", "\x00", "\u00e9t\u00e9",
]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(VOCABULARY), max_size=40),
       separators=st.lists(st.sampled_from([" ", "", "  ", "\t", "\u00a0"]), min_size=40,
                           max_size=40),
       published=st.dates())
def test_time_like_word_salad_never_raises(words, separators, published):
    text = "".join(w + sep for w, sep in zip(words, separators))
    _check_invariants(text, find_times(text, published))


# --------------------------------------------------------------------------------------------
# The parse memo: a window's key decides the parse
# --------------------------------------------------------------------------------------------

_KEY_LEADS = ["in", "on", "since", "by", "the", "last", "early", "end", "of", "this", "next", "two",
              "third", "first", "mid", "ago", "years", "weeks", "'s", "time", "quarter", "half"]
_KEY_CORES = ["2023", "1990s", "1990", "25th", "3", "12", "Q3", "H1", "2023-10-25", "May", "march",
              "September", "Sept.", "Tuesday", "summer", "week", "year", "yesterday", "night"]
_KEY_TRAPS = ["tonnes", "percent", "per cent", "per day", "local time", "local news", "people", "%",
              "officials", "Smith", "of", "of the", "'s time", ",000", ".5", ";", "(", "$", "km"]
_separators = st.sampled_from([" ", "  ", ", ", "-", "/", ". ", ".\n", ".\r", "\n", "'", "\x0c", ""])
_key_token = st.one_of(st.sampled_from(_KEY_LEADS), st.sampled_from(_KEY_CORES),
                       st.sampled_from(_KEY_TRAPS), st.sampled_from(sorted(readers.KEY_VOCABULARY)))
_key_windows = st.lists(st.tuples(_key_token, _separators), min_size=1, max_size=6).map(
    lambda parts: "".join(word + sep for word, sep in parts))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(window=_key_windows, other=_key_windows)
@example(window="in 2023 tonnes", other=" ")
@example(window="in 2023 per cent", other=" ")
@example(window="by 2030 local time", other=" ")
@example(window="in 2023.5 tonnes", other=" ")
def test_the_memo_key_decides_the_parse(window, other):
    parse = readers.parse_phrase.__wrapped__
    key = readers.memo_key(window)
    for word_class in grammar.PHRASES:
        expected = parse(word_class, window)
        assert parse(word_class, key) == expected, (word_class, window, key)
        if len(key) < len(window):
            # the key ends one character past the first word the grammar cannot read
            assert parse(word_class, key + other) == expected, (word_class, window, key, other)


def test_the_trigger_reads_no_further_than_its_reach():
    """A range's scan sees ``_REACH`` characters past its end: enough to decide every trigger
    starting inside it, whatever follows."""
    for word in [*find.CORE_WORDS, "Q3", "h1", "2023"]:
        for variant in {word, word.upper(), word.capitalize()}:
            for after in ["", " ", "s", "5", "-", "th", "'s", ".", " 2023"]:
                text = variant + after
                whole = find.TRIGGER.match(text, 0)
                cut = find.TRIGGER.match(text, 0, find.REACH)
                assert (whole and whole.span()) == (cut and cut.span()), text
