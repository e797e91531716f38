"""The character translator gives what ``str.translate`` gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.chars import translator
from factcheck.text.lexicon import NORMALIZE_TABLE
from factcheck.text.quantities.vocabulary import TRANSLATE
from factcheck.text.timex.vocabulary import NORMALISE

TABLES = [NORMALIZE_TABLE, TRANSLATE, NORMALISE]
_mapped = sorted({chr(k) for table in TABLES for k in table})


@given(st.text(alphabet=st.one_of(st.sampled_from(_mapped), st.characters()), max_size=60))
def test_same_as_str_translate(text):
    for table in TABLES:
        assert translator(table)(text) == text.translate(table)


def test_tables_that_move_offsets_are_refused():
    with pytest.raises(ValueError):
        translator({ord("a"): "bc"})
    assert translator({ord("a"): "a"})("abc") == "abc"
