"""Resolution: what a bare title, a recurring event name or an ambiguous object denotes, from the facts of the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from factcheck.dates import DateRange
from factcheck.model import Claim, EntityRef, Evidence
from factcheck.resolve.events import resolve_event_subject
from factcheck.resolve.objects import resolve_object
from factcheck.resolve.offices import resolve_title

JURISDICTIONS = {
    "president-of-poland": "poland", "prime-minister-of-poland": "poland",
    "president-of-brazil": "brazil", "president-of-kenya": "kenya",
    "prime-minister-of-india": "india", "prime-minister-of-japan": "japan",
}
PRESIDENTS = ("president-of-brazil", "president-of-kenya", "president-of-poland")
PRIME_MINISTERS = ("prime-minister-of-india", "prime-minister-of-japan", "prime-minister-of-poland")


def _held(person: str, office: str, start: str, end: str | None = None) -> Evidence:
    return Evidence(1, person, "holds_office", office, None, None, None, start, end, None, None, None, "normal")


def _claim(person: str, title: str, candidates: tuple[str, ...], day: str = "2020-08-06") -> Claim:
    when = DateRange(date.fromisoformat(day), date.fromisoformat(day), "day")
    return Claim(text=title, start=0, end=len(title), line=1, column=1, sentence=title, rule="office.title-name",
                 predicate="holds_office", subject=EntityRef(person, person), object=EntityRef(None, title, candidates),
                 time=when)


@pytest.mark.parametrize("person,title,candidates,held,expected", [
    ("andrzej-duda", "President", PRESIDENTS, [_held("andrzej-duda", "president-of-poland", "2015-08-06")],
     "president-of-poland"),
    ("lula", "President", PRESIDENTS, [_held("lula", "president-of-brazil", "2003-01-01", "2010-12-31"),
                                       _held("lula", "president-of-brazil", "2023-01-01")], "president-of-brazil"),
    ("william-ruto", "President", PRESIDENTS, [_held("william-ruto", "president-of-kenya", "2022-09-13")],
     "president-of-kenya"),   # held only after the claim's time: still the office the title names
    ("narendra-modi", "Prime Minister", PRIME_MINISTERS,
     [_held("narendra-modi", "prime-minister-of-india", "2014-05-26")], "prime-minister-of-india"),
    # The title the person never held: the office of that title where the person holds office.
    ("andrzej-duda", "Prime Minister", PRIME_MINISTERS,
     [_held("andrzej-duda", "president-of-poland", "2015-08-06")], "prime-minister-of-poland"),
], ids=["poland-president", "brazil-two-terms", "kenya-later", "india-pm", "wrong-title-same-country"])
def test_a_bare_title_is_the_office_the_person_holds(person, title, candidates, held, expected):
    resolved = resolve_title(_claim(person, title, candidates), held, JURISDICTIONS, str)
    assert resolved.object.id == expected


@pytest.mark.parametrize("held", [[], [_held("someone", "mayor-of-lagos", "2019-05-29")]],
                         ids=["no-offices", "office-with-no-jurisdiction"])
def test_a_bare_title_stays_open_when_nothing_decides(held):
    claim = _claim("someone", "President", PRESIDENTS)
    assert resolve_title(claim, held, JURISDICTIONS, str) is claim


def test_resolution_returns_a_new_claim_and_leaves_the_old_one():
    claim = _claim("andrzej-duda", "President", PRESIDENTS)
    resolved = resolve_title(claim, [_held("andrzej-duda", "president-of-poland", "2015-08-06")], JURISDICTIONS, str)
    assert resolved is not claim and claim.object.id is None


def _event_claim(text: str, candidates: tuple[str, ...], when: DateRange) -> Claim:
    return Claim(text=text, start=0, end=len(text), line=1, column=1, sentence="", rule="event.x",
                 predicate="start_date", subject=EntityRef(None, "APEC summit", candidates), time=when)


def test_a_recurring_event_is_the_edition_nearest_the_claims_time():
    claim = _event_claim("the APEC summit", ("apec-2022", "apec-2023"),
                         DateRange(date(2023, 11, 1), date(2023, 11, 30), "month"))
    dates = {"apec-2022": ["2022-11-18"], "apec-2023": ["2023-11-11"]}
    assert resolve_event_subject(claim, dates, str).subject.id == "apec-2023"


def test_an_edition_more_than_a_year_from_the_claims_time_is_another_one():
    claim = _event_claim("the 2016 APEC summit", ("apec-2018", "apec-2023"),
                         DateRange(date(2016, 1, 1), date(2016, 12, 31), "year"))
    dates = {"apec-2018": ["2018-11-17"], "apec-2023": ["2023-11-11"]}
    assert resolve_event_subject(claim, dates, str).subject.id is None


def test_an_edition_outside_the_period_the_text_names_is_another_one():
    """"The G20 summit next year", written in December 2024: not the edition of November 2024."""
    claim = replace(_event_claim("the G20 summit next year", ("g20-2023", "g20-2024"),
                                 DateRange(date(2025, 1, 1), date(2025, 12, 31), "year")), time_text="next year")
    dates = {"g20-2023": ["2023-09-09"], "g20-2024": ["2024-11-18"]}
    assert resolve_event_subject(claim, dates, str).subject.id is None


RUPEES = ("indian-rupee", "pakistani-rupee", "sri-lankan-rupee")


def _currency(country: str, currency: str, start: str | None = None, end: str | None = None) -> Evidence:
    return Evidence(1, country, "currency", currency, None, None, None, start, end, None, None, None, "normal")


def _paid_in(country: str, candidates: tuple[str, ...]) -> Claim:
    text = f"{country}, where workers are paid in rupees"
    return Claim(text=text, start=0, end=len(text), line=1, column=1, sentence=text, rule="currency.pay-in",
                 predicate="currency", subject=EntityRef(country, country),
                 object=EntityRef(None, "rupees", candidates))


@pytest.mark.parametrize("country,linked,expected", [
    ("india", [_currency("india", "indian-rupee")], "indian-rupee"),
    # a former currency settles it too: the verdict then turns on the claim's time
    ("sri-lanka", [_currency("sri-lanka", "sri-lankan-rupee", None, "2030-01-01")], "sri-lankan-rupee"),
    ("bhutan", [_currency("bhutan", "bhutanese-ngultrum")], None),          # none of the candidates
    ("both", [_currency("both", "indian-rupee"), _currency("both", "pakistani-rupee")], None),   # two of them
], ids=["one-linked", "former", "none-linked", "two-linked"])
def test_an_ambiguous_object_is_the_one_the_store_links_to_the_subject(country, linked, expected):
    resolved = resolve_object(_paid_in(country, RUPEES), linked, str)
    assert resolved.object.id == expected
    if expected is None:
        assert resolved.object.candidates == RUPEES
