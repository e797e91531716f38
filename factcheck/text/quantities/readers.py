"""The scanner for one set of hedge phrases: a trigger regex and the grammars.

Takes the hedge phrases (word tuples, see :func:`.hedges.prepare_hedges`); gives a
:class:`Scanner`: the trigger regex that finds where a quantity may start, the single-amount and
full (ranges too) grammars of :mod:`.grammar`, each also compiled by :mod:`factcheck.text.direct`
(which parses as pyparsing does, without an exception for every failed alternative), and how
far a trigger attempt reads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import pyparsing as pp

from factcheck.text.direct import compiled
from factcheck.text.quantities.grammar import (
    BEFORE_SCALE, NEGATIVE_WORDS, amount_grammar, location, read_range, rx,
)
from factcheck.text.quantities.hedges import hedge_key
from factcheck.text.quantities.vocabulary import (
    A_FRACTION, CURRENCY_SIGN, END_WORD, GLUE, NUMBER_WORDS, SCALE_WORDS, SIGN_STARTS, VULGAR_CHARS,
)
from factcheck.text.regexes import reach, trie


@dataclass(frozen=True)
class Scanner:
    """The trigger regex and the grammars for one set of hedge phrases (see :func:`scanner_for`)."""

    trigger: re.Pattern[str]
    single: pp.ParserElement  # [hedge] amount
    full: pp.ParserElement    # [hedge] (range | amount); tried when a range is possible
    #: spaces -> how far past its start a trigger attempt may read (see _reach)
    reach: Callable[[int], int]
    #: ``single`` and ``full`` as compiled functions: the tokens ``parse_string`` gives, or None
    read_single: Callable[[str], pp.ParseResults | None]
    read_full: Callable[[str], pp.ParseResults | None]


#: where a number may start, in digits and in words (the trigger also takes a currency sign
#: between the two)
_DIGITS_START = rf"[-+]?\.?[0-9]|[{VULGAR_CHARS}]"
_WORDS_START = (rf"(?:{NUMBER_WORDS}){END_WORD}|(?:{BEFORE_SCALE})[ ]+(?:{SCALE_WORDS}){END_WORD}"
                # "a" before a denominator ("a fifth", "a twenty-first"): only the grammar tells a
                # fraction from an ordinal ("a third term"), so the number word after it, if any,
                # is still a start of its own; not after "and" ("a year and a half" is no 0.5)
                rf"|(?<!and[ ])an?(?=[ ]+(?:{A_FRACTION}){END_WORD})")
# a range needs a "-" or "to" right after its first amount, or soon after the start
SEPARATOR_AFTER = re.compile(r"[ ]*(?:-|to(?![^\W_]))", re.IGNORECASE)
RANGE_HINT = re.compile(r".{0,80}?(?:-|(?<![^\W_])to(?![^\W_]))", re.IGNORECASE)


def _hedge_alternation(phrases: tuple[tuple[str, ...], ...], *, trailing: bool) -> str:
    """Hedge phrases as one regex; with ``trailing``, including the spaces after them."""
    worded = [" ".join(ws) for ws in phrases if ws[-1][-1:].isalnum()]
    symbolic = [" ".join(ws) for ws in phrases if not ws[-1][-1:].isalnum()]
    parts = []
    if worded:
        parts.append(f"(?:{trie(worded)}){END_WORD}" + ("[ ]++" if trailing else ""))
    if symbolic:
        parts.append(f"(?:{trie(symbolic)})" + ("[ ]*+" if trailing else ""))
    return "|".join(parts)


@functools.lru_cache(maxsize=16)
def scanner_for(hedge_phrases: tuple[tuple[str, ...], ...]) -> Scanner:
    """The trigger regex and the grammars for one set of hedge phrases (word tuples)."""
    amount = amount_grammar()
    # a quantity must not be glued to what follows ("Covid-19", "5-year", "1990s", "10:30");
    # the token is the offset where the quantity ends (plus any spaces an Opt consumed)
    end_pattern = rf"(?:(?<=[ ])|(?!{GLUE}))"
    end = pp.Regex(end_pattern).leave_whitespace().set_name("end of quantity")
    end.set_parse_action(location)
    between, from_, and_, to = map(pp.CaselessKeyword, ("between", "from", "and", "to"))
    between = between + amount + and_ + amount
    from_to = from_ + amount + to + amount
    separator = rx(r"-|to" + END_WORD, "range separator")
    plain_range = amount + separator + amount
    ranges = [r.set_parse_action(read_range).set_name(n) for r, n in (
        (between, "between range"), (from_to, "from range"), (plain_range, "range"))]
    # tokens: [hedge key], body (Range or Amount), end offset
    full = pp.MatchFirst([r + end for r in (*ranges, amount)])
    single = amount + end
    if hedge_phrases:
        hedge = rx(_hedge_alternation(hedge_phrases, trailing=False), "hedge",
                   lambda toks: hedge_key(toks[0]))
        full, single = pp.Opt(hedge("hedge")) + full, pp.Opt(hedge("hedge")) + single
    # a hedge or a sign word ("minus 5") before the number; one alternation, so that the sign
    # words cost the trigger nothing ("more than minus 5" is read from "minus")
    prefixes = (*hedge_phrases, *((word,) for word in NEGATIVE_WORDS))
    hedge_part = f"(?:(?P<hedge>{_hedge_alternation(prefixes, trailing=True)}))?"

    num_start = rf"(?P<num>{_DIGITS_START}|(?:{CURRENCY_SIGN})[ ]?[-+]?\.?[0-9]|{_WORDS_START})"
    # cheap first-character filter, then: not inside a word or glued by "-", "/" or ":" to one,
    # nor the middle of "1,500" or "3.1"
    symbols = "".join(sorted({ws[0][0] for ws in hedge_phrases if not ws[0][0].isalpha()}))
    first = rf"(?=[-+.0-9{re.escape(SIGN_STARTS)}{VULGAR_CHARS}{re.escape(symbols)}]|[^\W\d_])"
    left = r"(?<![^\W_])(?<![^\W_][-/:])(?<![0-9][.,])"
    range_part = r"(?:(?P<range>between|from)[ ]+)?"
    # the look-arounds case-sensitive (case-insensitive classes cost at every position)
    trigger = left + first + "(?i:" + hedge_part + range_part + num_start + ")"
    single, full = single.set_name("quantity"), full.set_name("quantity")
    # both grammars compiled together: the amount a range begins with is the amount the single
    # grammar read there, so it is read once (its parse actions depend only on its tokens)
    return Scanner(re.compile(trigger), single, full,
                   functools.lru_cache(maxsize=8)(functools.partial(_reach, trigger)),
                   *compiled(single, full, remember=[amount]))


_SPACE_REPEAT = re.compile(r"\[ \](?:\+\+|\*\+|\+|\*|\?)")
_SPACE_RUNS = re.compile(" +")


def _reach(source: str, spaces: int) -> int:
    """How far from where it starts an attempt of the regex ``source`` may read, in a text with
    no run of more than ``spaces`` spaces (see :func:`factcheck.text.regexes.reach`)."""
    return reach(_SPACE_REPEAT.sub("[ ]{0,%d}" % spaces, source))


def longest_space_run(work: str) -> int:
    """The longest run of spaces in ``work`` (1 when there is none longer)."""
    return max(map(len, _SPACE_RUNS.findall(work))) if "  " in work else 1
