"""What extraction keeps of several readings of the same words (factcheck.claims.dedupe)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.claims.dedupe import _Spans


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10)), min_size=1, max_size=12), st.integers(0, 30),
       st.integers(1, 10))
def test_spans_hold_a_span_as_a_plain_scan_finds(spans, start, length):
    spans = [(a, a + n) for a, n in spans]
    end = start + length
    expected = any(a <= start and end <= b and (a, b) != (start, end) for a, b in spans)
    assert _Spans(spans).hold_longer(start, end) is expected
