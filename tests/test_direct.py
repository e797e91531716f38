"""factcheck.text.direct: a compiled grammar gives what pyparsing's ``parse_string`` gives."""

from __future__ import annotations

import pyparsing as pp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.direct import compiled


def _pyparsing(grammar: pp.ParserElement, text: str):
    try:
        return grammar.parse_string(text)
    except pp.ParseBaseException:
        return None


def _same(grammar: pp.ParserElement, text: str) -> None:
    """The compiled grammar's tokens, names and nesting are pyparsing's (or both fail alike)."""
    read = compiled(grammar)[0]
    try:
        expected = _pyparsing(grammar, text)
    except Exception as error:      # a parse action's own exception
        with pytest.raises(type(error)):
            read(text)
        return
    got = read(text)
    assert (expected is None) == (got is None), text
    if expected is not None:
        assert got.as_list() == expected.as_list(), text
        assert got.as_dict() == expected.as_dict(), text
        assert got.dump() == expected.dump(), text


def _number(toks):
    return int(toks[0])


def _grammar() -> pp.ParserElement:
    """A small grammar with every element the compiler reads: names on leaves, sequences and
    choices, suppressed and grouped parts, keywords and literals, look-aheads, repetitions,
    parse actions that replace, keep or refuse their tokens, and conditions."""
    number = pp.Regex(r"[0-9]+").set_parse_action(_number)
    word = pp.Regex(r"(?P<word>[a-z]+)")
    unit = pp.Regex(r"km|kg|m", as_match=True).set_parse_action(lambda t: t[0][0].upper())
    sign = pp.Literal("-")("sign")
    about = pp.CaselessKeyword("about")
    odd = number.copy().add_condition(lambda t: t[0] % 2 == 1)("odd")
    amount = (pp.Opt(sign) + number("value") + pp.Opt(unit)("unit")).set_parse_action(
        lambda t: [("amount", *t)])
    pair = pp.Group(number + pp.Suppress(pp.CaselessLiteral("x")) + number)("pair")
    words = pp.OneOrMore(~about + word)("words")
    refused = (number + pp.Literal("!")).add_condition(lambda t: t[0] > 9)
    broken = (number + pp.Literal("?")).set_parse_action(lambda t: t[5])   # raises IndexError
    return (pp.Opt(about)("hedge") + pp.MatchFirst([
        pair, refused, broken, odd + pp.FollowedBy(unit("next")), amount, words,
    ]) + pp.ZeroOrMore(pp.Literal(",") + word) + pp.Opt(pp.Empty() + pp.Literal(";")))


@pytest.mark.parametrize("text", [
    "", "5", "5 km", "-5kg", "about 5 m", "ABOUT 7 km", "7 km", "8 km", "7", "3x4", "3 X 4", "3 x",
    "5!", "12!", "5?", "dogs and cats", "about dogs", "dogs about cats", "5 km, here, there", "5 ;", "5;", "x",
    "  5 km", "\t5\tkm", "about5", "aboutdogs", "5 kmh", "5 m, ", "-", "- 5",
])
def test_the_compiled_grammar_reads_as_pyparsing(text: str) -> None:
    _same(_grammar(), text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["5", "7", "12", "km", "m", "x", "X", "-", "!", "?", ",", ";", "about",
                                 "dogs", "cats", " ", "  ", "\t", "about5"]), max_size=8))
def test_the_compiled_grammar_reads_any_token_soup_as_pyparsing(tokens: list[str]) -> None:
    _same(_grammar(), "".join(tokens))


def test_other_exceptions_of_parse_actions_are_raised_as_pyparsing_raises_them() -> None:
    def broken(toks):
        raise ValueError("broken")
    grammar = pp.Regex("[0-9]+").set_parse_action(broken)
    with pytest.raises(ValueError):
        grammar.parse_string("5")
    with pytest.raises(ValueError):
        compiled(grammar)[0]("5")


def test_white_space_is_skipped_where_pyparsing_skips_it() -> None:
    glued = pp.Regex("[0-9]+") + pp.Literal("%").leave_whitespace()
    dotted = pp.Regex("[0-9]+") + pp.Literal("x").set_whitespace_chars(".")
    for grammar in (glued, dotted):
        for text in ("5%", "5 %", "5..x", "5 x", " 5%"):
            _same(grammar, text)


def test_remembered_elements_are_parsed_once_per_place_with_the_same_tokens() -> None:
    calls = []
    amount = pp.Regex("[0-9]+").set_parse_action(lambda t: calls.append(t[0]) or int(t[0]))
    ranged = amount + pp.Literal("-") + amount + pp.Literal("!")
    either = ranged | amount
    read, = compiled(either, remember=[amount])
    assert read("5-6?").as_list() == either.parse_string("5-6?").as_list() == [5]
    assert calls.count("5") == 2 + 1    # pyparsing's two parses of "5", then the compiled one
    assert read("5-6!").as_list() == [5, "-", 6, "!"]
    assert read("5-6!").as_list() == [5, "-", 6, "!"]   # the remembered tokens are copies


@pytest.mark.parametrize("element", [
    pp.Forward(), pp.Combine(pp.Literal("a") + pp.Literal("b")), pp.Regex("a") - pp.Regex("b"),
    pp.Opt(pp.Literal("a"), default="b"), pp.SkipTo(pp.Literal("a")),
])
def test_elements_it_does_not_read_are_refused_when_compiled(element: pp.ParserElement) -> None:
    with pytest.raises(TypeError):
        compiled(element)
