"""Regexes built for speed: alternations factored into tries, and how far a regex reads.

A scan for matches that start inside a range (a sentence worth reading) must let the regex see
past the range's end, as far as a match starting inside could read, and no further: the rest
is text the scan would read for nothing (see :func:`reach`).
"""

from __future__ import annotations

import re


def reach(source: str) -> int:
    """How many characters from where it starts an attempt of the regex ``source`` may read.

    That is the furthest any path through the regex looks: what it consumes at its widest, and
    past that what a lookahead, a word boundary (``\\b`` looks at the next character) or ``$``
    (the next two: a final newline, then the end) may peek at; lookbehinds read backwards. So
    ``regex.match(text, pos, pos + reach(source))`` is ``regex.match(text, pos)`` on any text.

    Read from the regex's own text, in the syntax the package's regexes use. ValueError for a
    regex whose matches have no widest (``+``, ``*``) and for syntax this does not follow
    (backreferences, verbose mode).
    """
    reader = _WidthReader(source)
    _width, extent = reader.alternation()
    if reader.at < len(source):
        raise reader.fail("an unbalanced parenthesis")
    return extent


_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}|[?*+]")
_GROUP_FLAGS = re.compile(r"\?([aiLmsux]*)(?:-[imsx]*)?([:)])")


class _WidthReader:
    """A recursive descent over a regex's text that gives, for each piece, ``(width, extent)``:
    the most characters it consumes and the furthest past its start it examines."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0

    def fail(self, what: str) -> ValueError:
        return ValueError(f"{what} at {self.at} in {self.source!r}")

    def alternation(self) -> tuple[int, int]:
        width, extent = self.sequence()
        while self.source.startswith("|", self.at):
            self.at += 1
            other = self.sequence()
            width, extent = max(width, other[0]), max(extent, other[1])
        return width, extent

    def sequence(self) -> tuple[int, int]:
        width = extent = 0
        while self.at < len(self.source) and self.source[self.at] not in "|)":
            piece_width, piece_extent = self.quantified(self.atom())
            extent = max(extent, width + piece_extent)
            width += piece_width
        return width, extent

    def quantified(self, piece: tuple[int, int]) -> tuple[int, int]:
        """``piece`` with the repeat after it, if any: ``?``, ``*``, ``+``, ``{m,n}``, ``{n}``."""
        found = _QUANTIFIER.match(self.source, self.at)
        if found is None or found[0] == "{}":       # "{}" is two characters, not a repeat
            return piece
        self.at = found.end()
        if self.source.startswith(("?", "+"), self.at):       # lazy or possessive
            self.at += 1
        width, extent = piece
        if found[0] == "?":
            most: int | None = 1
        elif found[0] in ("*", "+") or (found[2] and not found[3]):
            most = None
        else:
            most = int(found[3] if found[2] else found[1])
        if most == 0:
            return 0, 0
        if width == 0:
            return 0, extent
        if most is None:
            raise self.fail("a repeat without a bound")
        return width * most, width * (most - 1) + extent

    def atom(self) -> tuple[int, int]:
        char = self.source[self.at]
        self.at += 1
        if char == "(":
            return self.group()
        if char == "[":
            self.skip_class()
            return 1, 1
        if char == "\\":
            return self.escape()
        if char == "^":
            return 0, 0
        if char == "$":      # the end, or a newline that ends the text
            return 0, 2
        if char in "*+?":
            raise self.fail("nothing to repeat")
        return 1, 1

    def group(self) -> tuple[int, int]:
        source = self.source
        if source.startswith(("?=", "?!"), self.at):
            self.at += 2
            _width, extent = self.inner()
            return 0, extent
        if source.startswith(("?<=", "?<!"), self.at):
            self.at += 3
            width, extent = self.inner()
            return 0, max(0, extent - width)   # a lookahead inside may peek past its end
        if source.startswith("?#", self.at):
            end = source.find(")", self.at)
            if end == -1:
                raise self.fail("an unterminated comment")
            self.at = end + 1
            return 0, 0
        if source.startswith("?(", self.at):      # (?(group)yes|no): either branch
            end = source.find(")", self.at)
            if end == -1:
                raise self.fail("an unterminated condition")
            self.at = end + 1
            return self.inner()
        if source.startswith("?P<", self.at):
            end = source.find(">", self.at)
            if end == -1:
                raise self.fail("an unterminated group name")
            self.at = end + 1
            return self.inner()
        if source.startswith(("?:", "?>"), self.at):
            self.at += 2
            return self.inner()
        if source.startswith("?", self.at):
            flags = _GROUP_FLAGS.match(source, self.at)
            if flags is None:
                raise self.fail("an unknown group syntax")
            if "x" in flags[1]:
                raise self.fail("verbose mode")
            self.at = flags.end()
            return self.inner() if flags[2] == ":" else (0, 0)
        return self.inner()

    def inner(self) -> tuple[int, int]:
        """What is left of a group, up to and past its closing parenthesis."""
        piece = self.alternation()
        if not self.source.startswith(")", self.at):
            raise self.fail("a missing )")
        self.at += 1
        return piece

    def skip_class(self) -> None:
        source, at = self.source, self.at
        if source.startswith("^", at):
            at += 1
        if source.startswith("]", at):      # a "]" first is a character of the class
            at += 1
        while at < len(source) and source[at] != "]":
            at += 2 if source[at] == "\\" else 1
        if at >= len(source):
            raise self.fail("an unterminated character class")
        self.at = at + 1

    def escape(self) -> tuple[int, int]:
        source = self.source
        if self.at >= len(source):
            raise self.fail("a trailing backslash")
        char = source[self.at]
        self.at += 1
        if char in "bBZ":                   # looks at the character here
            return 0, 1
        if char == "A":
            return 0, 0
        if char in "123456789" or char == "g":
            raise self.fail("a backreference")
        if char == "0":                     # an octal escape: up to two more digits
            end = min(len(source), self.at + 2)
            while self.at < end and source[self.at] in "01234567":
                self.at += 1
        elif char in "xuU":
            self.at += {"x": 2, "u": 4, "U": 8}[char]
        elif char == "N" and source.startswith("{", self.at):
            self.at = source.index("}", self.at) + 1
        return 1, 1


def trie(phrases: list[str]) -> str:
    """An alternation of lower-case ``phrases`` factored by common prefixes, so that it fails
    after one character on most inputs; a space in a phrase matches a run of spaces."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alternatives = [("[ ]+" if char == " " else re.escape(char)) + emit(child)
                        for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        if "" in node:
            return "(?:" + "|".join(alternatives) + ")?"
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(root)
