"""Regex building blocks: tries of phrases, and how far a regex reads."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.regexes import reach, trie

_WORDS = st.lists(st.text(alphabet="abc .", min_size=1, max_size=5).map(str.strip).filter(bool),
                  min_size=1, max_size=8)


@given(_WORDS, st.text(alphabet="abc .", max_size=8))
def test_a_trie_matches_what_the_alternation_of_its_phrases_matches(phrases, text):
    """Longest phrase first, as an alternation sorted by length, wherever the match may end."""
    plain = "|".join(re.escape(p).replace(r"\ ", "[ ]+") for p in sorted(phrases, key=len, reverse=True))
    for after in ("", r"\b", "(?![a-z])", r"\Z"):
        expected = re.match(f"(?:{plain}){after}", text)
        found = re.match(f"(?:{trie(phrases)}){after}", text)
        assert (found and found.group()) == (expected and expected.group()), (phrases, text, after)


def test_reach_of_a_regex():
    assert reach(r"(?<!\w)(?i:may|sept(?:ember)?)(?![a-z])") == len("september") + 1
    assert reach(r"[0-9]{4}") == 4
    assert reach(r"(?:ab){3}c?") == 7
    assert reach(r"a(?=bcd)|xy") == 4                    # what a lookahead peeks at counts
    assert reach(r"a\b") == reach(r"a\Z") == 2          # so does the character a boundary sees
    assert reach(r"a$") == 3                             # "$": a final newline, then the end
    assert reach(r"(?<=ab)c(?<!c)") == 1                 # lookbehinds read backwards,
    assert reach(r"c(?<!c(?=de))") == 3                  # a lookahead in one forwards
    assert reach(r"(?P<x>a)?(?(x)bc|d)[]a][^]a]\x41\u00e9\N{BULLET}") == 8
    assert reach(r"(?i:a{2,5})(?-i:b)(?#note)(?>c|de)?+") == 8


@pytest.mark.parametrize("regex", [r"[0-9]+", r"a*", r"(a)\1", r"(?x)a b", r"a{2,}", "(a", "a)", "[a", "\\"])
def test_reach_refuses_what_it_cannot_bound(regex):
    with pytest.raises(ValueError):
        reach(regex)


_PIECES = st.sampled_from(["a", "b", " ", ".", "[ab]", "[^a]", r"[^\W_]", r"\b", r"\B", "$", r"\Z", "^",
                           r"\s", "(?<=a)", "(?<!b)", "(?=a)", "(?!b )", "(?=ab)"])


def _regexes():
    def extend(inner):
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map("|".join),
            inner.map("(?:{})".format), inner.map("(?=ab{})".format), inner.map("(?!{})".format),
            st.tuples(inner, st.sampled_from(["?", "??", "?+", "{2}", "{0,3}", "{1,2}+"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"))
    return st.recursive(_PIECES, extend, max_leaves=8)


@given(_regexes(), st.text(alphabet="ab \n", max_size=12), st.integers(0, 3))
def test_nothing_past_the_reach_changes_a_match(regex, text, pos):
    """Whatever follows, an attempt at ``pos`` decides on the ``reach`` characters from there."""
    compiled = re.compile(regex)
    whole = compiled.match(text, pos)
    cut = compiled.match(text, pos, pos + reach(regex))
    assert (whole and whole.span()) == (cut and cut.span()), (regex, text, pos)
