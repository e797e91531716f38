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
    assert reach(r"(?<!\w)(?i:may|sept(?:ember)?)(?![a-z])") == len("september") + 2
    assert reach(r"[0-9]{4}") == 6
    with pytest.raises(ValueError):
        reach(r"[0-9]+")
