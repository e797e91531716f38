"""The grammar of one stated amount, and the typed values it gives.

Takes a window of normalized text at a candidate (see :mod:`.readers`); gives an
:class:`Amount` (value and precision as written, scale, unit) or a :class:`Range` of two, through
a small pyparsing grammar whose leaves are single regexes and whose parse actions
(``read_*``) build the values. Measures are converted with pint, imported on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pyparsing as pp

from factcheck.text.quantities.vocabulary import (
    CANONICAL_UNITS, CURRENCY_PREFIXES, CURRENCY_SIGN, DENOMINATOR_WORDS, DIGIT_WORDS, END_WORD,
    FRACTION_DENOMINATORS, FRACTION_WORDS,
    GLUED_SCALES, SCALE_WORDS, SCALES, SMALL, SUFFIXES, TENS, VULGAR, VULGAR_CHARS,
)

# ---------------------------------------------------------------------------------------------
# Typed parse values (dataclasses, not tuples: pyparsing would splice tuples into the tokens)


@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal
    precision: Decimal
    raw: str | None = None  # the digit string of a plain unsigned integer (year/day checks)
    needs_scale: bool = False  # "a", "half a": only a number before a scale word


@dataclass(frozen=True, slots=True)
class Scale:
    factor: int


@dataclass(frozen=True, slots=True)
class AndAHalf:
    pass


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    kind: str  # "money", "percent", "measure" or "count"
    factor: float


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal
    precision: Decimal
    raw: str | None
    scale: int
    unit: Unit | None
    prefixed: bool  # the unit is a leading currency sign

    @property
    def bare(self) -> bool:
        return self.unit is None and self.scale == 1


@dataclass(frozen=True, slots=True)
class Range:
    lo: Amount
    hi: Amount


#: What stands for a number before a scale word: "a million", "half a million", "a quarter million".
BEFORE_SCALE = r"(?:half[ ]+)?an?|(?:an?[ ]+)?(?:half|quarter)"
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


# ---------------------------------------------------------------------------------------------
# Units via pint (imported on first use)


@functools.cache
def unit_registry() -> Any:
    import pint

    return pint.UnitRegistry()


@functools.lru_cache(maxsize=256)
def _measure_unit(expression: str) -> Unit:
    """The normalized unit name of a pint expression and the factor converting to it."""
    ureg = unit_registry()
    quantity = ureg.Quantity(1.0, expression)
    for target, name in CANONICAL_UNITS:
        if quantity.dimensionality == ureg.Quantity(1.0, target).dimensionality:
            return Unit(name, "measure", float(quantity.to(target).magnitude))
    return Unit(str(quantity.units), "measure", 1.0)


# ---------------------------------------------------------------------------------------------
# Parse actions


def _fraction_value(numerator: int, denominator: int) -> tuple[Decimal, Decimal]:
    if not 0 < numerator < denominator:
        raise pp.ParseException("", 0, "not a proper fraction")
    return Decimal(numerator) / Decimal(denominator), Decimal("0.5") / Decimal(denominator)


def read_numeral(toks: pp.ParseResults) -> Num:
    """Digits: ``1,500,000``, ``3.1``, ``.5``, ``2 1/2``, ``2½``, ``3/4``, ``¾``."""
    match: re.Match[str] = toks[0]
    if (raw := match["decimal"]) is not None:
        digits = raw.replace(",", "")
        decimals = len(digits) - digits.index(".") - 1 if "." in digits else 0
        plain = raw if raw.isdigit() else None
        return Num(Decimal(digits), Decimal("0.5").scaleb(-decimals), plain)
    vulgar = match["vulgar"] or match["fvulgar"]
    if vulgar:
        frac, precision = _fraction_value(*VULGAR[vulgar])
    elif match["num"]:
        frac, precision = _fraction_value(int(match["num"]), int(match["den"]))
    else:
        frac, precision = _fraction_value(int(match["fnum"]), int(match["fden"]))
    whole = match["whole"] or "0"
    value = abs(Decimal(whole)) + frac
    return Num(-value if whole.startswith("-") else value, precision)


def _below_100(match: re.Match[str], prefix: str) -> int | None:
    """The value of one below-100 group set (``forty-two``); None when it did not match."""
    if small := match[prefix + "small"]:
        return SMALL[small.lower()]
    if tens := match[prefix + "tens"]:
        unit = match[prefix + "unit"]
        return TENS[tens.lower()] + (SMALL[unit.lower()] if unit else 0)
    return None


def read_number_words(toks: pp.ParseResults) -> Num:
    """``forty-two``, ``two hundred``, ``a hundred and five``; ``a``/``half a`` before a scale
    word (1 and 0.5, as in "0.5 million"); spelled-out proper fractions (``two thirds``,
    ``three-quarters``, ``one fifth``). Scale words themselves are a separate piece."""
    match: re.Match[str] = toks[0]
    if denominator := match["wden"]:
        value, precision = _fraction_value(SMALL[match["wnum"].lower()], DENOMINATOR_WORDS[denominator.lower()])
        return Num(value, precision)
    if before_scale := match["ascale"]:
        words = before_scale.lower().split()
        if "half" in words:       # "half a million", "half million", "a half million"
            return Num(Decimal("0.5"), Decimal("0.05"), needs_scale=True)
        if "quarter" in words:    # "a quarter million"
            return Num(Decimal("0.25"), Decimal("0.025"), needs_scale=True)
        return Num(Decimal(1), Decimal("0.5"), needs_scale=True)
    if match["hundred"] is None:
        return Num(Decimal(_below_100(match, "")), Decimal("0.5"))
    hundreds = 1 if match["a"] else _below_100(match, "")
    rest = _below_100(match, "r")
    if rest is None:  # "two hundred": stated to the hundred
        return Num(Decimal(hundreds * 100), Decimal(50))
    return Num(Decimal(hundreds * 100 + rest), Decimal("0.5"))


def read_tail(toks: pp.ParseResults) -> list[AndAHalf | Scale]:
    """``and a half``, a scale (``million``, ``bn``, glued ``m``/``k``), or both."""
    match: re.Match[str] = toks[0]
    found: list[AndAHalf | Scale] = [AndAHalf()] if match["half"] else []
    if word := match["scale"] or match["hscale"]:
        found.append(Scale(SCALES.get(word.lower()) or GLUED_SCALES[word.lower()]))
    return found


def read_currency_prefix(toks: pp.ParseResults) -> Unit:
    key = toks[0].upper().replace(" ", "")
    return Unit(CURRENCY_PREFIXES[key], "money", 1.0)


def read_unit(toks: pp.ParseResults) -> Unit:
    match: re.Match[str] = toks[0]
    _pattern, kind, payload = SUFFIXES[int(match.lastgroup[1:])]
    if kind == "measure":
        return _measure_unit(payload)
    name, factor = payload
    return Unit(name, kind, factor)


def read_amount(toks: pp.ParseResults) -> Amount:
    num: Num | None = None
    scale, half, unit, prefixed = 1, False, None, False
    for tok in toks:
        if isinstance(tok, Num):
            num = tok
        elif isinstance(tok, Scale):
            scale = tok.factor
        elif isinstance(tok, AndAHalf):
            half = True
        elif isinstance(tok, Unit):
            prefixed = unit is None and num is None
            unit = tok
    if num is None or (num.needs_scale and scale == 1):
        raise pp.ParseException("", 0, "no number")
    value, precision = num.value, num.precision
    if scale == SCALES["dozen"]:  # "a dozen", "two dozen": whole items, not rounded to dozens
        precision = Decimal("0.5") / scale
    if half:
        value += Decimal("0.5") if value >= 0 else Decimal("-0.5")
        precision = Decimal("0.25")
    raw = num.raw if not half else None
    return Amount(value * scale, precision * scale, raw, scale, unit, prefixed)


def read_range(toks: pp.ParseResults) -> Range:
    lo: Amount = toks["lo"]
    hi: Amount = toks["hi"]
    if lo.unit is None and hi.unit is not None:  # "5 to 10 percent": a trailing unit covers both
        lo = replace(lo, unit=hi.unit)
    elif hi.unit is None and lo.unit is not None:  # "$2-3bn": a leading currency sign covers both
        if not lo.prefixed:
            raise pp.ParseException("", 0, "range endpoints in different units")
        hi = replace(hi, unit=lo.unit, prefixed=True)
    elif lo.unit != hi.unit:
        raise pp.ParseException("", 0, "range endpoints in different units")
    if lo.scale == 1 and hi.scale > 1 and lo.value * hi.scale <= hi.value:  # "2-3 million"
        lo = replace(lo, value=lo.value * hi.scale, precision=lo.precision * hi.scale,
                     scale=hi.scale, raw=None)
    if not lo.value < hi.value:
        raise pp.ParseException("", 0, "range endpoints out of order")
    return Range(lo, hi)


def location(_s: str, loc: int, _toks: pp.ParseResults) -> list[int]:
    """The offset an element matched at, as its token (where a quantity ends)."""
    return [loc]


# ---------------------------------------------------------------------------------------------
# Grammar


def rx(pattern: str, name: str, action: Any = None, *, as_match: bool = False) -> pp.ParserElement:
    """A case-insensitive regex leaf named ``name``, with its parse action."""
    element = pp.Regex(pattern, flags=re.IGNORECASE, as_match=as_match).set_name(name)
    return element.set_parse_action(action) if action is not None else element


@functools.cache
def amount_pieces() -> tuple[pp.ParserElement, dict[str, pp.Regex]]:
    """The amount grammar and its leaf elements by name (numeral, words, tail, currency, unit)."""
    den = f"[{FRACTION_DENOMINATORS}]"
    number_end = r"(?![0-9]|[.,][0-9])"
    vulgar = f"[{VULGAR_CHARS}]"
    digits = r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[-+]?\.[0-9]+"
    numeral = rx(
        # mixed fraction "2 1/2", "2½"; fraction "3/4", "¾"; digits "1,500,000.5", ".5"
        rf"(?P<whole>[-+]?[0-9]+)(?:[ ](?P<num>[1-9])/(?P<den>{den})|[ ]?(?P<vulgar>{vulgar}))"
        rf"{number_end}"
        rf"|(?:(?P<fnum>[1-9])/(?P<fden>{den})|(?P<fvulgar>{vulgar})){number_end}"
        rf"|(?P<decimal>{digits}){number_end}",
        "numeral", read_numeral, as_match=True)
    # measures a number may be glued to by a hyphen, as an adjective ("a five-mile trail")
    hyphen_units = "|".join(f"(?:{pattern})" for pattern, kind, payload in SUFFIXES
                            if kind == "measure" and payload not in TIME_UNITS)

    def below_100(prefix: str) -> str:
        # a number word ends a word, not a compound: "forty" is not a number in "forty-two"
        # (that is the whole "forty-two") nor in "forty-year-old"; it is in "five-mile"
        end = rf"(?![^\W_]|-(?!(?:{hyphen_units}){END_WORD})[^\W_])"
        return (rf"(?P<{prefix}tens>{tens})(?:[- ](?P<{prefix}unit>{units}){end})?{end}"
                rf"|(?P<{prefix}small>{small}){end}")

    small = "|".join(sorted(SMALL, key=len, reverse=True))
    tens = "|".join(TENS)
    units = "|".join(DIGIT_WORDS)
    number_words = rx(
        # a spelled-out fraction first, so "two thirds" is not read as "two"
        rf"(?P<wnum>{small})[ -](?P<wden>{FRACTION_WORDS}){END_WORD}(?!-[^\W_])"
        rf"|(?:(?P<a>an?)(?=[ ]+hundred{END_WORD})|{below_100('')})"
        rf"(?:[ ]+(?P<hundred>hundred){END_WORD}"
        rf"(?:[ ]+(?:and[ ]+)?(?:{below_100('r')})(?![ ]+hundred))?)?"
        rf"|(?P<ascale>{BEFORE_SCALE})(?=[ ]+(?:{SCALE_WORDS}){END_WORD})",
        "number words", read_number_words, as_match=True)

    # Optional pieces (Opt) consume the whitespace before them even when they do not match, so
    # "glued only" (1.5m, 5k) is a lookbehind, and the end of a quantity is found by stripping.
    def scale(name: str) -> str:
        glued = "|".join(GLUED_SCALES)
        return rf"(?P<{name}>(?<=[0-9{VULGAR_CHARS}])(?:{glued})|{SCALE_WORDS}){END_WORD}"

    tail = rx(rf"(?P<half>and[ ]+a[ ]+half){END_WORD}(?:[ ]+{scale('hscale')})?|{scale('scale')}",
              "scale", read_tail, as_match=True)

    # Every alternative yields a single typed token (its parse action sees to that), so naming
    # the alternation is safe; tell pyparsing so.
    single_token = pp.Diagnostics.warn_multiple_tokens_in_named_alternation
    number = (numeral | number_words).set_name("number")
    number.suppress_warning(single_token)
    scaled = (number("number") + pp.Opt(tail("scale"))).set_name("scaled number")

    currency_prefix = rx(CURRENCY_SIGN, "currency sign", read_currency_prefix)
    # a measure may be glued by a hyphen as an adjective ("a 27-kilometer tunnel", "a 3-inch
    # gap"), but not a span of time ("a 5-year plan" names the plan, not a duration)
    def glued(kind: str, payload: Any) -> str:
        return "-?" if kind == "measure" and payload not in TIME_UNITS else ""

    suffix = rx("|".join(f"(?P<s{i}>{glued(kind, payload)}(?:{pattern})){END_WORD}"
                         for i, (pattern, kind, payload) in enumerate(SUFFIXES)),
                "unit", read_unit, as_match=True)

    amount = ((currency_prefix("currency") + scaled) | (scaled + pp.Opt(suffix("unit"))))
    amount.suppress_warning(single_token)
    leaves = {"numeral": numeral, "words": number_words, "tail": tail, "currency": currency_prefix,
              "unit": suffix}
    return amount.set_name("amount").set_parse_action(read_amount), leaves
