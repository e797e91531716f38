"""A sentence as rule patterns read it: every mention, time, quantity and ordinal a placeholder
(see rules.patterns), and what patterns read over blanked: glosses in brackets, an official name in
apposition, quotation marks around a lone name. Offsets map back to the text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.rules.patterns import CLOSE, OPEN, SEP, TYPE_CHARS, placeholder


def shadow_of(norm: str, s_start: int, s_end: int, items: Sequence):
    """The sentence with items replaced by placeholders, and a map from shadow to text offsets."""
    pieces = []
    anchors: list[tuple[int, int, int, int]] = []   # shadow start, shadow end, text start, text end
    position = s_start
    length = 0
    for item in items:
        gap = norm[position:item.start]
        pieces.append(gap)
        length += len(gap)
        mark = placeholder(item.index, item.types)
        anchors.append((length, length + len(mark), item.start, item.end))
        pieces.append(mark)
        length += len(mark)
        position = item.end
    pieces.append(norm[position:s_end])
    shadow = _plain_names(_plain_quotes(_plain_brackets("".join(pieces))))

    def to_text(offset: int, end: bool = False) -> int:
        shift = s_start
        for a_start, a_end, t_start, t_end in anchors:
            if offset >= a_end:
                shift = t_end - a_end
            elif offset > a_start:
                return t_end if end else t_start
            else:
                break
        return offset + shift

    return shadow, to_text


_BRACKETED = re.compile(r"\(([^()]*)\)")
# after a name (its placeholder's end): ", officially the Republic of Kenya,"
_NAME_APPOSITION = re.compile("(?<=" + CLOSE + r")(\s*)(,\s*(?:officially|formally|(?:also |formerly |once )?known as)"
                              r"\s[^,;:\"]{1,160},)(?=\s)")
# a quotation of one entity's name (no time or quantity): '"' OPEN types SEP index CLOSE ',' '"'
_QUOTED_NAME = re.compile('"(' + OPEN + "[^" + SEP + CLOSE + '"'
                          + "".join(TYPE_CHARS[t] for t in ("time", "quantity", "time_since", "time_until", "ordinal"))
                          + "]+" + SEP + "[^" + CLOSE + '"]*' + CLOSE + ',?)"')


def _plain_brackets(shadow: str) -> str:
    """The shadow with glosses in round brackets blanked: a bracket that names nothing
    ("(Pacto Andino)") or glosses with a colon ("Malaysia (UK: /məˈleɪziə/; Malay: [malɛjsia]) is a
    country") holds no slot of a claim, and patterns read over the blank; in other brackets a
    semicolon ends no clause. Blanks keep every offset where it was."""
    if "(" not in shadow:
        return shadow

    def plain(match: re.Match) -> str:
        inside = match.group(1)
        if OPEN not in inside or ":" in inside:
            return " " * len(match.group(0))
        return "(" + inside.replace(";", ",") + ")"

    return _BRACKETED.sub(plain, shadow)


def _plain_names(shadow: str) -> str:
    """The shadow with an official or former name in apposition blanked: in "Kenya, officially
    the Republic of Kenya, is a country in East Africa" the apposition only names the subject
    again, and patterns read "Kenya ... is a country in East Africa"."""
    if "known as" not in shadow and "officially" not in shadow and "formally" not in shadow:
        return shadow
    return _NAME_APPOSITION.sub(lambda m: m.group(1) + " " * len(m.group(2)), shadow)


def _plain_quotes(shadow: str) -> str:
    """The shadow with quotation marks around a lone name blanked: in 'the formal exit, widely
    known as "Brexit," took place on 31 January 2020' the quotation is a name, not speech."""
    if '"' not in shadow:
        return shadow
    return _QUOTED_NAME.sub(lambda m: " " + m.group(1) + " ", shadow)


__all__ = ["shadow_of"]
