"""Sentences: a text split into (start, end) offsets at sentence punctuation, abbreviations kept.

Takes a text; gives :class:`factcheck.model.Sentence` spans, in order, none longer than
``MAX_SENTENCE`` characters (a run-on is cut at a space). Linear in the text's length.
"""

from __future__ import annotations

import re

from factcheck.model import Sentence, Spans

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "sgt", "col", "lt", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "etc", "inc", "corp", "ltd", "co", "jr", "sr", "e.g", "i.e", "approx", "est",
    "hon", "rev", "amb", "pres", "messrs",
}
MAX_SENTENCE = 1500
# Tried only where a run of sentence punctuation begins (the look-behind after its first
# character: a pattern that starts with a character class lets the regex engine skip to the
# next candidate quickly), and every part possessive: a run of thousands of "!" is read once,
# not once from each of its characters.
BOUNDARY = re.compile(r"[.!?](?<![.!?].)[.!?]*+[\"')\]\u201d\u2019]*+\s++(?=[\"'(\[\u201c\u2018]*+[A-Z0-9])")

def split_sentences(text: str) -> Spans:
    """Sentences as (start, end) offsets: lines split at sentence punctuation, abbreviations kept."""
    spans = []
    for line in _LINE.finditer(text):
        start, line_start, line_end = line.start(), line.start(), line.end()
        for boundary in BOUNDARY.finditer(text, line_start, line_end):
            word = _word_before(text, line_start, boundary.start()).lower().rstrip(".")
            if word in ABBREVIATIONS or _INITIALS.fullmatch(word):
                continue
            end = boundary.end()
            spans.append((start, end))
            start = end
        if start < line_end:
            spans.append((start, line_end))
    out = Spans()
    for start, end in spans:
        if end - start > MAX_SENTENCE:
            out.extend(split_run_on(text, start, end))
            continue
        start, end = strip_span(text, start, end)
        if start < end:
            out.append((start, end))
    return out


def split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" of thousands of characters, split at white space, so that no step of
    the pipeline works on (or copies) unbounded text."""
    out: list[tuple[int, int]] = []
    if strip_span(text, start, end)[0] == end:
        return out
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(Sentence(*strip_span(text, start, cut)))
        start = cut
    if text[start:end].strip():
        out.append(Sentence(*strip_span(text, start, end)))
    return out


_LINE = re.compile(r"[^\n]+")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


def _word_before(text: str, low: int, at: int) -> str:
    """The last run of non-space characters in ``text[low:at]`` ("" if none)."""
    near = max(low, at - 32)    # where a word ends a sentence, it is seldom longer
    parts = text[near:at].rsplit(None, 1)
    if len(parts) == 2 or near == low:
        return parts[-1] if parts else ""
    parts = text[low:at].rsplit(None, 1)
    return parts[-1] if parts else ""


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


#: About how many characters one section of a long text holds (see :func:`sections`): a long
#: read of some 5,000 words is still one section, and a section's working structures (its
#: mentions, sentences and items) are few enough to be freed before the collector of long-lived
#: objects has to walk them again and again.
SECTION_SIZE = 32_000


def sections(text: str, size: int = SECTION_SIZE) -> list[tuple[int, int, int]]:
    """A long text as sections of whole paragraphs: ``(start, end, lines before start)``.

    Extraction reads each section as a text of its own, so the work it keeps at hand (names,
    times, quantities, items) stays the size of a section however long the text is; references and
    the places a text is about do not reach from one section into the next. A text up to ``size``
    characters is one section. Sections end after a blank line where one comes after ``size / 2``
    characters, else after a line break; a single line longer than ``size`` is not cut.
    """
    out = []
    start, line, length = 0, 0, len(text)
    while length - start > size:
        limit = start + size
        cut = text.rfind("\n\n", start + size // 2, limit)
        cut = cut + 2 if cut >= 0 else text.rfind("\n", start, limit) + 1
        if cut <= start:
            cut = text.find("\n", limit) + 1
            if cut <= 0:
                break
        out.append((start, cut, line))
        line += text.count("\n", start, cut)
        start = cut
    out.append((start, length, line))
    return out
