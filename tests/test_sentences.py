"""Splitting text into sentences."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.sentences import (ABBREVIATIONS, BOUNDARY, MAX_SENTENCE, sections, split_run_on,
                                      split_sentences, strip_span)


def _texts(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_sentences_abbreviations_and_initials():
    text = ("Mr. Smith met Dr. Jones on Jan. 5 in the U.S. capital. Prices rose 5%! Did they? "
            "\"Yes.\" She said so.\nA new line starts a sentence")
    assert _texts(text) == [
        "Mr. Smith met Dr. Jones on Jan. 5 in the U.S. capital.", "Prices rose 5%!", "Did they?",
        "\"Yes.\"", "She said so.", "A new line starts a sentence"]


def test_a_run_on_sentence_is_cut_at_spaces():
    text = " ".join(["word"] * 2000)
    spans = split_sentences(text)
    assert len(spans) > 1 and all(end - start <= MAX_SENTENCE for start, end in spans)
    assert " ".join(_texts(text)) == text


def _by_line_slices(text: str) -> list[tuple[int, int]]:
    """The same rule read on each line's own string."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for boundary in BOUNDARY.finditer(line.group()):
            before = line.group()[:boundary.start()].rsplit(None, 1)
            word = before[-1].lower().rstrip(".") if before else ""
            if word in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
                continue
            spans.append((start, line.start() + boundary.end()))
            start = line.start() + boundary.end()
        if start < line.end():
            spans.append((start, line.end()))
    out = []
    for start, end in spans:
        if end - start > MAX_SENTENCE:
            out.extend(split_run_on(text, start, end))
        elif text[start:end].strip():
            out.append(strip_span(text, start, end))
    return out


@given(st.lists(st.sampled_from(["Mr.", "Smith", "said", "U.S.", "a.", "5", ".", "!", "?", "\"",
                                 "Yes.", "no.", "\u00a0", "\t", "(", ")", "É", "e.g.", "The",
                                 "xx.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.",
                                 "Mr" + "." * 40]),
                max_size=40),
       st.lists(st.sampled_from([" ", "  ", "\n", "", " \n "]), min_size=40, max_size=40))
def test_sentences_as_read_line_by_line(parts, gaps):
    text = "".join(part + gap for part, gap in zip(parts, gaps))
    spans = split_sentences(text)
    assert spans == _by_line_slices(text)
    assert all(text[start:end] == text[start:end].strip() != "" for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))



def test_a_text_up_to_the_section_size_is_one_section():
    text = "One line.\n\nAnother paragraph.\n" * 10
    assert sections(text, size=len(text)) == [(0, len(text), 0)]
    assert sections("", size=10) == [(0, 0, 0)]


def test_sections_are_whole_paragraphs_covering_the_text():
    paragraph = "The first line of a paragraph.\nIts second line.\n\n"
    text = paragraph * 40
    found = sections(text, size=500)
    assert len(found) > 1
    assert found[0][0] == 0 and found[-1][1] == len(text)
    for (start, end, line), (after, _, _) in zip(found, found[1:]):
        assert end == after and text[end - 2:end] == "\n\n"    # cut after a blank line
        assert end - start <= 500
    for start, _end, line in found:
        assert line == text.count("\n", 0, start)


def test_a_paragraph_longer_than_a_section_is_cut_at_a_line_break_and_a_long_line_not_at_all():
    text = "A line of the long paragraph.\n" * 100
    found = sections(text, size=300)
    assert all(text[end - 1] == "\n" for _start, end, _line in found[:-1])
    long_line = "word " * 1000
    assert sections(long_line + "\nnext", size=100) == [(0, len(long_line) + 1, 0), (len(long_line) + 1, len(long_line) + 5, 1)]
    assert sections(long_line, size=100) == [(0, len(long_line), 0)]
