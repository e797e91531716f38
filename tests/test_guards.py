"""The guards of a grammar's choices: a grammar compiled with guards parses exactly as pyparsing
parses it, and tries less."""

from __future__ import annotations

import re

import pyparsing as pp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.text import guards
from factcheck.text.direct import compiled
from factcheck.text.timex import grammar as timex_grammar
from factcheck.text.timex import readers as timex_readers


def _parse(element: pp.ParserElement, text: str):
    try:
        return element.parse_string(text).as_list()
    except pp.ParseBaseException:
        return None


def _guarded(element: pp.ParserElement):
    """``element`` compiled with guards, as a function of the text like _parse."""
    read = compiled(element, guard_leaves=guards.LEAVES)[0]

    def parse(text: str):
        result = read(text)
        return None if result is None else result.as_list()
    return parse


def test_a_choice_tries_only_what_may_match() -> None:
    tried = []
    year = pp.Regex(r"[0-9]{4}").add_parse_action(lambda t: tried.append(t[0]))
    iso = year + pp.Literal("-") + pp.Regex(r"[0-9]{2}")
    assert _guarded(iso | year)("2023 was") == ["2023"]
    assert tried == ["2023"]               # the first alternative was refused by its guard


def test_an_optional_part_cut_short_says_nothing_of_what_follows() -> None:
    # the guard reads a few leaves: an optional part longer than that must not make the parts
    # after it required right after its beginning
    def build():
        word = pp.CaselessKeyword
        return pp.Opt(word("a") + word("b") + word("c") + word("d") + word("e")) + word("f")

    plain, guarded = build(), _guarded(build())
    for text in ["a b c d e f", "f", "a b c d f"]:
        assert guarded(text) == _parse(plain, text), text
    assert guards.guard_regex(build(), leaves=3).match("a b c d e f")


def _sequence(log: list[str]) -> pp.ParserElement:
    """A sequence with a named optional part, a suppressed one, a named choice and a negative
    look-ahead, each leaf logging what it was tried on."""
    def leaf(pattern: str, name: str) -> pp.ParserElement:
        return pp.Regex(pattern).set_parse_action(lambda s, loc, t: log.append(f"{name}@{loc}"))

    sign = pp.Opt(leaf(r"[-+]", "sign"))("sign")
    number = (leaf(r"[0-9]+\.[0-9]+", "decimal") | leaf(r"[0-9]+", "whole"))("number")
    comma = pp.Opt(pp.Suppress(leaf(",", "comma")))
    unit = pp.Opt(leaf(r"km|kg", "unit"))("unit")
    end = pp.Empty().leave_whitespace().set_parse_action(lambda s, loc, t: loc)
    return sign + number + comma + unit + ~leaf(r"[A-Za-z]", "word") + end


@pytest.mark.parametrize("text", ["5 km", "-5", "+ 2.5 , kg", "5, km", "5 kmh", "5 x", "x", "5  ", "-"])
def test_a_guarded_sequence_gives_what_the_sequence_gives(text: str) -> None:
    plain_log: list[str] = []
    guarded_log: list[str] = []
    plain, guarded = _sequence(plain_log), compiled(_sequence(guarded_log), guard_leaves=guards.LEAVES)[0]

    def outcome(result):
        return None if result is None else (result.as_list(), result.as_dict())

    try:
        expected = plain.parse_string(text)
    except pp.ParseBaseException:
        expected = None
    assert outcome(guarded(text)) == outcome(expected)
    # what the guarded sequence tried, the sequence tried too; what its guards refused it did not
    assert set(guarded_log) <= set(plain_log)


def test_a_guarded_sequence_does_not_enter_the_parts_its_guards_refuse() -> None:
    log: list[str] = []
    compiled(_sequence(log), guard_leaves=guards.LEAVES)[0]("5 km")
    assert log == ["whole@0", "unit@2"]     # no sign, no decimal, no comma, no word tried


def test_a_negative_look_ahead_refuses_nothing() -> None:
    element = pp.Regex("[0-9]+") + ~pp.Literal("%")
    assert guards.guard_regex(element).match("5%")


def test_a_leaf_keeps_its_flags() -> None:
    assert guards.guard_regex(pp.Regex("a.b", flags=re.DOTALL)).match("a\nb")
    assert guards.guard_regex(pp.Regex("ab", flags=re.IGNORECASE)).match("AB")
    assert not guards.guard_regex(pp.Regex("ab")).match("AB")


def test_group_names_stay_unique_and_numbered_references_are_refused() -> None:
    leaf = pp.Regex(r"(?P<n>[0-9])")
    assert guards.guard_regex(leaf + leaf).match("1 2")
    with pytest.raises(ValueError, match="back-reference"):
        guards.guard_regex(pp.Regex(r"([-/])[0-9]\1"))


_TOKENS = ["in", "on", "since", "the", "last", "next", "this", "2023", "2019-21", "1990s", "'90s",
           "May", "may", "October", "Oct.", "25", "25th", "second", "of", ",", "-", "/", "week",
           "year", "month", "Tuesday", "morning", "two", "years", "ago", "from", "now", "Q3",
           "early", "mid", "summer", "2023-10-25", "nineteen", "ninety", "first", "quarter", "a"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(timex_grammar.PHRASES)),
       st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=7))
def test_the_guarded_time_grammar_parses_as_the_grammar(word_class: str, tokens: list[str]) -> None:
    text = " ".join(tokens)
    result = timex_readers._PARSERS[word_class](text)
    assert (None if result is None else result.as_list()) == _parse(timex_grammar.PHRASES[word_class], text)
