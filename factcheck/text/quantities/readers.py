"""The scanner for one set of hedge phrases: a trigger regex, the grammars, and regex readings.

Takes the hedge phrases (word tuples, see :func:`.hedges.prepare_hedges`); gives a
:class:`Scanner`: the trigger regex that finds where a quantity may start, the single-amount and
full (ranges too) grammars of :mod:`.grammar`, and how far a trigger attempt reads. The
``fast_*`` readers give what the grammar gives for the common cases by regex alone, and
:data:`UNKNOWN` where only the grammar can tell.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyparsing as pp

from factcheck.text.quantities.grammar import (
    BEFORE_SCALE, NEGATIVE_WORDS, Amount, Negative, Range, amount_pieces, location, read_amount,
    read_currency_prefix, read_number_words, read_numeral, read_range, read_tail, read_unit, rx,
)
from factcheck.text.quantities.hedges import hedge_key
from factcheck.text.quantities.vocabulary import (
    A_FRACTION, COMPOUND_SCALES, CURRENCY_SIGN, END_WORD, GLUE, NUMBER_WORDS, SCALE_WORDS, SIGN_STARTS,
    VULGAR_CHARS,
)
from factcheck.text.regexes import reach, trie


@dataclass(frozen=True)
class Scanner:
    """The trigger regex and the grammars for one set of hedge phrases (see :func:`scanner_for`)."""

    trigger: re.Pattern[str]
    single: pp.ParserElement  # [hedge] amount
    full: pp.ParserElement    # [hedge] (range | amount); tried when a range is possible
    #: ``single`` without its end as one regex, the amount alone as one regex (see
    #: _amount_regexes), the leaf elements their groups stand for, the range separator and the
    #: end of a quantity
    head_regex: re.Pattern[str]
    amount_source: str
    leaves: Mapping[str, pp.Regex]
    separator: re.Pattern[str]
    end: re.Pattern[str]
    #: spaces -> how far past its start a trigger attempt may read (see _reach)
    reach: Callable[[int], int]

    @property
    def amount_regex(self) -> re.Pattern[str]:
        """Compiled on first use: only a possible range needs it."""
        return _compiled_ignorecase(self.amount_source)


@functools.lru_cache(maxsize=8)
def _compiled_ignorecase(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


# pyparsing's default white space, skipped before every element; an Opt that fails has
# skipped it too (so "end of quantity" may look back at a space)
_WS = r"[ \n\t\r]*+"


#: where a number may start, in digits and in words (the trigger also takes a currency sign
#: between the two)
_DIGITS_START = rf"[-+]?\.?[0-9]|[{VULGAR_CHARS}]"
_WORDS_START = (rf"(?:{NUMBER_WORDS}){END_WORD}|(?:{BEFORE_SCALE})[ ]+(?:{SCALE_WORDS}){END_WORD}"
                # "a" before a denominator ("a fifth", "a twenty-first"): only the grammar tells a
                # fraction from an ordinal ("a third term"), so the number word after it, if any,
                # is still a start of its own; not after "and" ("a year and a half" is no 0.5)
                rf"|(?<!and[ ])an?(?=[ ]+(?:{A_FRACTION}){END_WORD})")
#: a spelled-out scale word just read, and a number after it: a part of the same number may
#: follow ("two thousand three hundred", "3 hundred and 21"), which only the grammar decides
_PART_MAY_FOLLOW = (f"(?:{'|'.join(f'(?<={scale})' for scale in COMPOUND_SCALES)})"
                    f"{_WS}(?:and[ ]+)?(?:{_DIGITS_START}|{_WORDS_START})")


#: "over" or "out of" and a number after a number: a ratio ("one over three"), which only the
#: grammar reads
_RATIO_MAY_FOLLOW = f"{_WS}(?:over|out[ ]+of)[ ]+(?:{_DIGITS_START}|{_WORDS_START})"


def _amount_regexes(leaves: Mapping[str, pp.Regex]) -> tuple[re.Pattern[str], str]:
    """``[hedge] ((currency scaled) | (scaled [unit]))`` (the single-amount grammar without its
    end) as one regex, and the source of the amount without the hedge as another.

    pyparsing never backtracks into an element that matched, nor into an Opt or MatchFirst
    that chose: each leaf is an atomic group and each optional piece possessive, so the regex
    matches what the grammar matches wherever the leaves' parse actions accept their tokens.
    The currency alternative and the unit exclude each other (a conditional group), which is
    the MatchFirst, since no number begins where a currency sign does. Where a part of the
    same number may follow the scale (``part``, read by the grammar), or a ratio the number
    (``ratio``), neither matches.
    """
    def leaf(name: str) -> str:
        return f"(?P<L_{name}>(?>{leaves[name].pattern}))"

    hedge = f"(?:{leaf('hedge')})?+" if "hedge" in leaves else ""
    number = f"(?>{leaf('numeral')}|{leaf('words')})"
    scaled = f"{_WS}{number}(?!{_RATIO_MAY_FOLLOW})(?:{_WS}{leaf('tail')})?+(?!{_PART_MAY_FOLLOW})"
    amount = (f"{_WS}(?:{leaf('negative')})?+{_WS}(?:{leaf('currency')})?+{scaled}"
              f"(?(L_currency)|{_WS}(?:{leaf('unit')})?+)")
    return re.compile(f"{_WS}{hedge}{amount}", re.IGNORECASE), amount


class Unknown:
    """What a regex reading returns where only the grammar can tell."""


UNKNOWN = Unknown()
_REFUSED = (pp.ParseBaseException, ArithmeticError, LookupError, ValueError, RecursionError)


def fast_head(scanner: Scanner, window: str) -> tuple[Amount, str | None, int] | Unknown:
    """(amount, hedge, offset after it) as the grammar reads ``[hedge] amount`` at the start of
    ``window``; UNKNOWN when the regex does not match or a parse action refuses its token."""
    match = scanner.head_regex.match(window)
    if match is None:
        return UNKNOWN
    try:
        hedge = hedge_key(match["L_hedge"]) if match["L_hedge"] is not None else None
        amount = amount_of(scanner, window, match)
    except _REFUSED:
        return UNKNOWN
    return amount, hedge, match.end()


def amount_of(scanner: Scanner, window: str, match: re.Match[str]) -> Amount:
    """The amount the leaves matched by ``match`` make, through the grammar's own parse actions
    (each leaf matched again on its own, so that an action sees the match the grammar gives it)."""
    leaves = scanner.leaves
    tokens: list = []
    if match["L_negative"] is not None:
        tokens.append(Negative())
    if match["L_currency"] is not None:
        tokens.append(read_currency_prefix([match["L_currency"]]))
    if match["L_numeral"] is not None:
        tokens.append(read_numeral([leaves["numeral"].re.match(window, match.start("L_numeral"))]))
    else:
        tokens.append(read_number_words([leaves["words"].re.match(window, match.start("L_words"))]))
    if match["L_tail"] is not None:
        tokens.extend(read_tail([leaves["tail"].re.match(window, match.start("L_tail"))]))
    if match["L_unit"] is not None:
        tokens.extend(read_unit([leaves["unit"].re.match(window, match.start("L_unit"))]))
    if (match["L_unit"] is not None or match["L_currency"] is not None) \
            and leaves["unit_tail"].re.match(window, match.end()) is not None:
        raise LookupError("a power or a rate of the unit: the grammar reads it")
    return read_amount(tokens)


def fast_full(scanner: Scanner, window: str, lo: Amount, hedge: str | None, lo_end: int,
              single: bool) -> tuple[Amount | Range, str | None, int] | None | Unknown:
    """What ``scanner.full`` makes of ``window`` (not starting with "between" or "from") when the
    grammar reads [hedge] ``lo`` up to ``lo_end``, and ``single`` says whether a quantity may end
    there: the range "lo - hi" when the grammar's range takes it, else the single amount (the
    grammar's last alternative) or None; UNKNOWN when only the grammar can tell.
    """
    fallback = (lo, hedge, lo_end) if single else None
    separator = scanner.separator.match(window, lo_end + _ws_length(window, lo_end))
    if separator is None:
        return fallback
    match = scanner.amount_regex.match(window, separator.end())
    if match is None:
        at = separator.end() + _ws_length(window, separator.end())
        leaves = scanner.leaves
        if any(leaves[name].re.match(window, at)
               for name in ("negative", "currency", "numeral", "words")):
            return UNKNOWN     # an amount may start here that only the grammar reads
        return fallback
    try:
        hi = amount_of(scanner, window, match)
    except _REFUSED:
        return UNKNOWN
    if scanner.end.match(window, match.end()) is None:
        return fallback
    try:
        return read_range({"lo": lo, "hi": hi}), hedge, match.end()
    except pp.ParseBaseException:
        return fallback


def _ws_length(window: str, at: int) -> int:
    return len(window) - at - len(window[at:].lstrip(" \n\t\r"))


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
    amount, leaves = amount_pieces()
    leaves = dict(leaves)
    # a quantity must not be glued to what follows ("Covid-19", "5-year", "1990s", "10:30");
    # the token is the offset where the quantity ends (plus any spaces an Opt consumed)
    end_pattern = rf"(?:(?<=[ ])|(?!{GLUE}))"
    end = pp.Regex(end_pattern).leave_whitespace().set_name("end of quantity")
    end.set_parse_action(location)
    between, from_, and_, to = map(pp.CaselessKeyword, ("between", "from", "and", "to"))
    between = between + amount("lo") + and_ + amount("hi")
    from_to = from_ + amount("lo") + to + amount("hi")
    separator = rx(r"-|to" + END_WORD, "range separator")
    plain_range = amount("lo") + separator + amount("hi")
    ranges = [r.set_parse_action(read_range).set_name(n) for r, n in (
        (between, "between range"), (from_to, "from range"), (plain_range, "range"))]
    # tokens: [hedge key], body (Range or Amount), end offset
    full = pp.MatchFirst([r + end for r in (*ranges, amount)])
    single = amount + end
    if hedge_phrases:
        hedge = rx(_hedge_alternation(hedge_phrases, trailing=False), "hedge",
                   lambda toks: hedge_key(toks[0]))
        leaves["hedge"] = hedge
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
    head_regex, amount_source = _amount_regexes(leaves)
    return Scanner(re.compile(trigger), single.set_name("quantity"), full.set_name("quantity"),
                   head_regex, amount_source, leaves,
                   re.compile(separator.pattern, re.IGNORECASE), re.compile(end_pattern),
                   functools.lru_cache(maxsize=8)(functools.partial(_reach, trigger)))


_SPACE_REPEAT = re.compile(r"\[ \](?:\+\+|\*\+|\+|\*|\?)")
_SPACE_RUNS = re.compile(" +")


def _reach(source: str, spaces: int) -> int:
    """How far from where it starts an attempt of the regex ``source`` may read, in a text with
    no run of more than ``spaces`` spaces (see :func:`factcheck.text.regexes.reach`)."""
    return reach(_SPACE_REPEAT.sub("[ ]{0,%d}" % spaces, source))


def longest_space_run(work: str) -> int:
    """The longest run of spaces in ``work`` (1 when there is none longer)."""
    return max(map(len, _SPACE_RUNS.findall(work))) if "  " in work else 1
