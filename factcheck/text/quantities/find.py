"""Finding quantities in a text: candidates, their parse, and what is not a quantity.

Takes a text (and optionally a hedge table and the ranges worth reading); gives the
:class:`.hedges.QuantitySpan` of each quantity, sorted, non-overlapping, leftmost-longest. The
trigger of :mod:`.readers` proposes candidates; each is parsed on a bounded window; years, days
of the month, times of day and the pronoun "one" are dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

import pyparsing as pp

from factcheck.text.quantities.grammar import Amount, Range, measure_unit
from factcheck.text.quantities.hedges import QuantitySpan, interval, prepare_hedges
from factcheck.text.quantities.readers import (
    RANGE_HINT, SEPARATOR_AFTER, Scanner, longest_space_run, scanner_for,
)
from factcheck.text.quantities.vocabulary import (DENOMINATOR_WORDS, POUND_MONEY_WORDS, SCALES, SMALL,
                                                  TENS, VULGAR_CHARS, translate)

WINDOW = 200  # characters a single quantity may span; candidates are parsed on this window

# What is parsed but is a date or a time of day rather than a quantity: "5 March", "10 pm"
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec",
)
_MONTH = "(?:" + "|".join(m for name in _MONTHS for m in (name, name.upper())) + r")(?![^\W_])"
_MONTH_AFTER = re.compile(r"[ ]+(?:(?i:of)[ ]+)?" + _MONTH)
_MONTH_BEFORE = re.compile(r"(?<![^\W_])" + _MONTH + r"\.?,?[ ]+$")
# a day of the month before a number whose thousands a space would separate ("on May 5 100
# fans watched"): the day alone is read, not 5,100
_DAY_THEN_GROUP = re.compile(r"[0-9]{1,2}[ ][0-9]{3}(?![0-9])")
_TIME_AFTER = re.compile(r"[ ]*(?:[ap]\.?m\b\.?|o'clock\b|(?:GMT|UTC|BST)\b)", re.I)
_PRONOUN_ONE_BEFORE = re.compile(r"(?<![^\W_])(?:no|any|every|each|the|this|that)[ ]+$", re.I)
_PRONOUN_ONE_AFTER = re.compile(r"[ ]+(?:another|by[ ]+one)(?![^\W_])", re.I)
# A number raised to a power, the power, or a multiplier of one ("10^400 people", "2**64",
# "3×10^8"): the grammar reads no exponents, and neither the base nor the exponent alone is
# the quantity written.
# "up to" after a verb of motion says where a figure went, not a bound on it
_DIRECTION = re.compile(r"(?:up|down)[ ]+to[ ]", re.I)
_MOTION_BEFORE = re.compile(r"(?<![^\W_])(?:go|goes|going|gone|went|come|comes|came|move|moves|moved|"
                            r"shot|edged|inched|crept|climbed|jumped)[ ]+$", re.I)
_POWER_AFTER = re.compile(r"[ ]*(?:\^|\*\*|[×*][ ]*[0-9]+[ ]*(?:\^|\*\*))")
_POWER_BEFORE = re.compile(r"(?:\^|\*\*)[ ]*$")
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?<![^\W_])(?:in|since|by|until|till|during|before|after|from|early|mid|late)[ ]+$", re.I)


# ---------------------------------------------------------------------------------------------
# Scanning


def _resolve(amount: Amount) -> tuple[float, float, str | None, str]:
    """(number, precision, unit, kind) of an amount in normalized units."""
    value, precision = float(amount.value), float(amount.precision)
    unit = amount.unit
    if unit is None:
        return value, precision, None, "count"
    return value * unit.factor, precision * unit.factor, unit.name, unit.kind


def _is_year(amount: Amount, work: str, start: int) -> bool:
    raw = amount.raw
    if raw is None or len(raw) != 4 or not 1000 <= int(raw) <= 2199 or amount.scale != 1:
        return False
    if amount.unit is None:
        return True
    return amount.unit.kind == "count" and bool(
        _YEAR_CONTEXT_BEFORE.search(work, max(0, start - 12), start))


def _not_a_quantity(amounts: list[Amount], work: str, start: int, end: int) -> bool:
    """Years, days of the month and times of day (parsed, but dates rather than quantities),
    and the parts of a power."""
    if _POWER_AFTER.match(work, end) or _POWER_BEFORE.search(work, max(0, start - 4), start):
        return True
    if all(_is_year(a, work, start) for a in amounts):
        return True
    if not all(a.bare for a in amounts):
        return False
    if all(a.raw is not None and len(a.raw) <= 2 and 1 <= int(a.raw) <= 31 for a in amounts):
        if _MONTH_AFTER.match(work, end) or _MONTH_BEFORE.search(work, max(0, start - 12), start):
            return True
    if len(amounts) != 1:
        return False
    if work[start:end].lower() == "one" and (  # the pronoun: "no one", "one another"
            _PRONOUN_ONE_BEFORE.search(work, max(0, start - 8), start)
            or _PRONOUN_ONE_AFTER.match(work, end)):
        return True
    return _TIME_AFTER.match(work, end) is not None


def parse_at(scanner: Scanner, work: str, start: int, range_word: bool
             ) -> tuple[Amount | Range, str | None, int] | None:
    """Parse the candidate at ``start``: (amount or range, hedge, end offset) or None.

    The single-amount grammar is tried first; the grammar with ranges only when the candidate
    starts with "between"/"from" or a "-"/"to" follows (ranges are rare, and trying them on
    every candidate would triple the cost); the amount it begins with is read once for both
    (see :func:`.readers.scanner_for`).
    """
    limit = min(len(work), start + WINDOW)
    newline = work.find("\n", start, limit)
    cut = newline == -1 and limit < len(work)
    window = work[start:newline if newline != -1 else limit]
    if _DAY_THEN_GROUP.match(window) and _MONTH_BEFORE.search(work, max(0, start - 12), start):
        window, cut = window[:window.index(" ")], False

    found = None if range_word else parse_window(scanner.read_single, window, cut)
    if range_word or (found is None and RANGE_HINT.match(window)) or (
            found is not None and SEPARATOR_AFTER.match(window, found[2])):
        found = parse_window(scanner.read_full, window, cut) or found
    return None if found is None else (found[0], found[1], start + found[2])


def parse_window(read: Callable[[str], pp.ParseResults | None], window: str, cut: bool
                 ) -> tuple[Amount | Range, str | None, int] | None:
    """What a grammar (``read``: see :attr:`.readers.Scanner.read_single`) reads at the start of
    ``window``: (body, hedge, length) or None."""
    try:
        result = read(window)
    except (pp.ParseBaseException, ArithmeticError, LookupError, ValueError, RecursionError):
        return None
    if result is None:
        return None
    length = len(window[:result[-1]].rstrip(" "))
    if cut and length >= len(window):  # the window may have truncated the quantity
        return None
    body = next(tok for tok in result if isinstance(tok, (Range, Amount)))
    return body, result.get("hedge"), length


_NUMERALS = re.compile(f"[0-9{VULGAR_CHARS}]")
_NUMBER_WORD_SET = frozenset([*SMALL, *TENS, *SCALES, *DENOMINATOR_WORDS])   # "a fifth"


def may_hold_quantity(text: str, words: AbstractSet[str]) -> bool:
    """Whether ``text`` (a sentence, say) may hold a quantity: False when it has no digit and no
    number, scale or denominator word. ``words`` are its words in lower case, the parts of
    hyphenated words and words before "'s" included."""
    return _NUMERALS.search(text) is not None or not _NUMBER_WORD_SET.isdisjoint(words)


def find_quantities(text: str, *, hedges: Mapping[str, tuple[str, float]] | None = None,
                    within: Sequence[tuple[int, int]] | None = None) -> list[QuantitySpan]:
    """Quantities in ``text``: sorted, non-overlapping, leftmost-longest.

    ``hedges`` replaces :data:`HEDGES` (phrase -> (kind, margin)); an invalid table raises
    ``InputError``. With ``within`` (sorted, non-overlapping (start, end) ranges, such as the
    sentences worth reading), only quantities that start inside a range are looked for; the
    rest of the text still serves as context. The text itself never makes this raise.
    """
    table, phrases = prepare_hedges(hedges)
    if not isinstance(text, str) or not text or (within is not None and not within):
        return []   # before the grammar is built: a short article without numbers needs none
    scanner = scanner_for(phrases)
    work = translate(text)
    spans: list[QuantitySpan] = []
    pos = 0
    ranges = iter(within if within is not None else ((0, len(work)),))
    # no attempt of the trigger (hedge, "between", sign, first numeral) that starts inside a
    # range reads further than ``look`` past the range's end: the text beyond is not scanned
    look = scanner.reach(longest_space_run(work))
    for range_start, range_end in ranges:
        pos = max(pos, range_start)
        while (match := scanner.trigger.search(work, pos, range_end + look)) is not None \
                and match.start() < range_end:
            pos = match.end()
            starts = [(match.start(), match.start("range") != -1)]
            if match.start("num") != match.start():
                starts.append((match.start("num"), False))
                if _DIRECTION.match(work, match.start()) and _MOTION_BEFORE.search(
                        work, max(0, match.start() - 12), match.start()):
                    starts.pop(0)   # "has gone up to $5 billion": where it went, not a bound
            for start, range_word in starts:
                parsed = parse_at(scanner, work, start, range_word)
                if parsed is None:
                    continue
                body, hedge, end = parsed
                pos = max(pos, end)
                span = _to_span(body, hedge, text, work, start, end, table)
                if span is not None:
                    spans.append(span)
                break
    return spans


_POUNDS = re.compile(r"(?<![^\W_])pounds?(?![^\W_])", re.IGNORECASE)
_STERLING = re.compile(r"£|sterling|gbp|pence|[0-9]p(?![^\W_])", re.IGNORECASE)   # or an amount in pence
_WORDS = re.compile(r"[a-z]+")


def _pounds_of_weight(amounts: list[Amount], work: str, start: int, end: int) -> bool:
    """Whether an amount in "pounds" is the weight: no sign, "sterling", pence or scale word, and
    no word of money near it (see currencies.toml)."""
    if not any(a.unit is not None and a.unit.name == "GBP" for a in amounts):
        return False
    if any(a.prefixed or a.scale != 1 for a in amounts) or _STERLING.search(work, start, end):
        return False
    if not _POUNDS.search(work, start, end):
        return False
    near = work[max(0, start - 120):end + 80].lower()
    return POUND_MONEY_WORDS.isdisjoint(_WORDS.findall(near))


def _to_span(body: Amount | Range, hedge_name: str | None, text: str, work: str, start: int,
             end: int, table: Mapping[str, tuple[str, float]]) -> QuantitySpan | None:
    hedge = table.get(hedge_name) if hedge_name is not None else None
    amounts = [body.lo, body.hi] if isinstance(body, Range) else [body]
    if _not_a_quantity(amounts, work, start, end):
        return None
    if _pounds_of_weight(amounts, work, start, end):
        amounts = [replace(a, unit=measure_unit("pound")) if a.unit is not None else a for a in amounts]
        body = Range(*amounts) if isinstance(body, Range) else amounts[0]
    if isinstance(body, Range):
        lo, lo_p, unit, _kind = _resolve(body.lo)
        hi, hi_p, _unit, _kind = _resolve(body.hi)
        number, precision, kind = (lo + hi) / 2, max(lo_p, hi_p), "range"
    else:
        number, precision, unit, kind = _resolve(body)
        lo, hi, lo_p, hi_p = number, number, precision, precision
    low, high = interval(lo, hi, lo_p, hi_p, hedge)
    if not all(map(math.isfinite, (number, precision, lo, hi))) or math.isnan(low - high):
        return None
    return QuantitySpan(start, end, number, unit, text[start:end], hedge_name, low, high,
                        precision, kind)
