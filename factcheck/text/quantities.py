"""Quantities in news text, with the precision they were stated in and the hedge around them.

``find_quantities(text)`` returns one :class:`QuantitySpan` per quantity: ``66 million people``,
``about $1.4bn``, ``3.1%``, ``more than 500 sq mi``, ``between 2 and 3 million``. Each span
carries the stated value in base units (``number``), a normalized ``unit`` and the closed interval
``[low, high]`` of true values the claim covers, so a verifier can decide whether a reference
figure agrees with it.

Precision
    The half-width implied by the digits as written. An integer is exact at its last digit
    (``1,500,000`` -> 0.5); a decimal at its last decimal (``3.1`` -> 0.05); a scale word or
    suffix scales the precision with the value (``66 million`` -> 500,000; ``1.5m`` -> 50,000;
    ``2 hundred`` -> 50). Number words follow the same rule (``forty-two`` -> 0.5, ``two hundred``
    -> 50, ``two million`` -> 500,000); ``half a million`` counts as ``0.5 million`` (precision
    50,000); halves (``2 1/2``, ``2½``, ``one and a half``) are stated to the fraction's step
    (0.25 for halves, 0.125 for quarters); dozens count items (``a dozen`` -> 12 +- 0.5).
    Unit conversion converts the precision too (``5 miles`` -> 8.04672 km +- 0.804672).

Units
    Lengths are converted to ``"km"``, areas (sq km, km², square miles, hectares, acres) to
    ``"km2"``, masses (tonnes, tons, metric tons, kg) to ``"tonne"``, speeds to ``"km/h"``; other
    measures keep their unit under its pint name (``"liter"``, ``"megawatt"``, ``"year"``).
    Currencies are ISO codes (``"USD"``, ``"EUR"``, ``"GBP"``, ``"JPY"``, ``"CNY"``, ...),
    ``%``/percent/per cent is ``"percent"``, percentage and basis points ``"percentage_point"``,
    people/residents/inhabitants ``"people"`` and a few other count nouns themselves
    (``"jobs"``, ``"troops"``, ...). A glued ``m`` is million (``1.5m``, ``£4m``; so ``100m``
    sprint is 100 million too); metres must be spelled out.

Hedges
    A hedge phrase before the number widens or opens the interval. :data:`HEDGES`, read from
    the bundled ``rules/lexicon/hedges.toml``, maps each phrase to ``(kind, margin)``; callers
    may pass their own table with the same shape (the claim extractor passes its rule packs'):

    ``approx``       (about, around, roughly, ...): ``[v - p - m*|v|, v + p + m*|v|]``
    ``below``        (nearly, almost, close to, just under): ``[v*(1-m), v]``
    ``lower_bound``  (more than, over, at least, ...): ``[v, inf]``
    ``upper_bound``  (less than, under, up to, ...): ``[-inf, v]``
    no hedge:        ``[v - p, v + p]``

    where ``v`` is the stated value, ``p`` its precision and ``m`` the margin. ``low``/``high`` are
    always the closed hull; whether a bound is exclusive ("more than 5" excludes 5, "at least 5"
    does not) follows from the hedge key, ``exclusive`` in the same file: see
    :data:`EXCLUSIVE_HEDGES` and
    :meth:`QuantitySpan.covers`. The hedge key is the phrase in lower case with words joined by
    ``_`` (``"more than"`` -> ``"more_than"``).

Ranges
    ``between 2 and 3 million``, ``from 5 to 10 percent``, ``2-3 million``, ``$2bn-$3bn`` give kind
    ``"range"``, ``number`` the midpoint, ``low``/``high`` the endpoints widened by their precision
    (then by the hedge, if any). A trailing scale or unit applies to both endpoints, a leading
    currency sign too.

Not quantities
    Years: a 4-digit integer 1000-2199 written without separator, scale, currency or measure
    unit (``in 2019``, ``2019-2020``; with a count noun only after in/since/by/...:
    ``in 2019 cases rose``), so a bare ``1500`` is taken for a year while ``1,500`` and
    ``1500 people`` are quantities. Also days of the month next to a month name (``5 March``,
    ``Sept. 5``), times of day (``10:30``, ``5 pm``), ordinals (``2nd``; ``second`` is not a
    number word), the pronoun ``one`` (``no one``, ``one another``) and numbers glued to
    letters (``Covid-19``, ``G7``, ``F-35``, ``1990s``, ``5-year``). A quantity does not span a
    line break.

Implementation: one compiled trigger regex finds candidate starts (digits, currency signs,
number words, hedge words, ``between``/``from``); a small pyparsing grammar parses each candidate
on a bounded window (no ``scan_string`` over the whole text, no packrat). Units are normalized
with pint, imported on first use; one ``UnitRegistry`` is built and cached. The scanner never
raises on text: anything it cannot read is simply not a quantity.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

import pyparsing as pp

from factcheck import resources
from factcheck.text.chars import translator
from factcheck.errors import InputError
from factcheck.text.regexes import reach, trie

__all__ = [
    "EXCLUSIVE_HEDGES",
    "HEDGES",
    "HEDGE_KINDS",
    "QuantitySpan",
    "find_quantities",
    "hedge_key",
]


# ---------------------------------------------------------------------------------------------
# Public data


class QuantitySpan(NamedTuple):
    """One quantity found in a text; ``text[start:end] == span.text``."""

    start: int
    end: int
    number: float
    unit: str | None
    text: str
    hedge: str | None
    low: float
    high: float
    precision: float
    kind: str

    def covers(self, value: float) -> bool:
        """Whether ``value`` agrees with the claim, honouring exclusive bounds ("more than 5")."""
        if not self.low <= value <= self.high:
            return False
        if self.hedge in EXCLUSIVE_HEDGES:
            if math.isinf(self.high) and value == self.low:
                return False
            if math.isinf(self.low) and value == self.high:
                return False
        return True


HEDGE_KINDS = frozenset({"approx", "below", "lower_bound", "upper_bound"})

# ---------------------------------------------------------------------------------------------
# Text normalization: a same-length translation, so offsets in the working copy are offsets in
# the caller's text.

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = ("\t\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000")
_TRANSLATE = {
    **{ord(c): "\n" for c in _LINE_BREAKS},
    **{ord(c): " " for c in _SPACES},
    **{ord(c): "'" for c in "\u2018\u2019\u02bc\u2032"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"},
}

_translate = translator(_TRANSLATE)

WINDOW = 200  # characters a single quantity may span; candidates are parsed on this window


def hedge_key(phrase: str) -> str:
    """The normalized key of a hedge phrase: ``"More  than"`` -> ``"more_than"``."""
    return "_".join(phrase.translate(_TRANSLATE).lower().split())


def _bundled_hedges() -> tuple[dict[str, tuple[str, float]], frozenset[str]]:
    """The hedge table of ``rules/lexicon/hedges.toml`` and the keys of its exclusive bounds."""
    table = resources.lexicon_file("hedges")["hedges"]
    hedges = {phrase: (spec["kind"], float(spec.get("margin", 0.0))) for phrase, spec in table.items()}
    return hedges, frozenset(hedge_key(p) for p, spec in table.items() if spec.get("exclusive"))


_table, _exclusive = _bundled_hedges()
#: The default hedge table, phrase -> (kind, margin), as ``rules/lexicon/hedges.toml`` has it.
HEDGES: Mapping[str, tuple[str, float]] = MappingProxyType(_table)
#: Hedge keys whose bound excludes the stated value ("more than 5" does not cover 5): the
#: phrases marked ``exclusive`` in the same file.
EXCLUSIVE_HEDGES: frozenset[str] = _exclusive


# ---------------------------------------------------------------------------------------------
# Vocabulary

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_DIGIT_WORDS = [w for w, v in _SMALL.items() if 1 <= v <= 9]

# scale words after a number (spaced or glued) and glued-only suffixes
_SCALES = {
    "hundred": 100, "thousand": 1000, "lakh": 100_000, "million": 10**6, "mn": 10**6,
    "mln": 10**6, "crore": 10**7, "billion": 10**9, "bn": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "dozen": 12,
}
_GLUED_SCALES = {"k": 1000, "m": 10**6}

_VULGAR = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8),
    "⅞": (7, 8),
}
_FRACTION_DENOMINATORS = "2348"  # "1/2", "3/4"; "9/11" or "24/7" are not fractions

# Units and currencies: rules/lexicon/units.toml and currencies.toml
_UNIT_FILE = resources.lexicon_file("units")
_CURRENCIES = resources.lexicon_file("currencies")["currencies"]

#: a currency sign or code as written before a number, in upper case -> ISO code
_CURRENCY_PREFIXES = {written.upper(): currency["code"] for currency in _CURRENCIES
                      for written in (*currency["signs"], *currency["codes"])}
_CURRENCY_SIGNS = [sign.lower() for currency in _CURRENCIES for sign in currency["signs"]]
_CURRENCY_CODES = [code.lower() for currency in _CURRENCIES for code in currency["codes"]]


def _unit_entry(unit: Mapping[str, Any]) -> tuple[str, str, Any]:
    if unit["kind"] == "measure":
        return unit["words"], "measure", unit["pint"]
    return unit["words"], unit["kind"], (unit["name"], float(unit.get("factor", 1.0)))


# Unit words after a number: (regex, kind, payload). Kind "measure" payloads are pint unit
# expressions; the others are (unit name, factor). Earlier entries win, so compounds come first.
_SUFFIXES: list[tuple[str, str, Any]] = [
    *map(_unit_entry, _UNIT_FILE["units"]),
    *((currency["names"], "money", (currency["code"], 1.0)) for currency in _CURRENCIES),
]

# pint dimensionality -> (target unit expression, normalized unit name); other dimensions keep
# the stated unit under its pint name ("liter", "megawatt", "year", ...).
_CANONICAL_UNITS = tuple(_UNIT_FILE["measure_units"].items())

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec",
)
_MONTH = "(?:" + "|".join(m for name in _MONTHS for m in (name, name.upper())) + r")(?![^\W_])"
_MONTH_AFTER = re.compile(r"[ ]+(?:(?i:of)[ ]+)?" + _MONTH)
_MONTH_BEFORE = re.compile(r"(?<![^\W_])" + _MONTH + r"\.?,?[ ]+$")
_TIME_AFTER = re.compile(r"[ ]*(?:[ap]\.?m\b\.?|o'clock\b|(?:GMT|UTC|BST)\b)", re.I)
_PRONOUN_ONE_BEFORE = re.compile(r"(?<![^\W_])(?:no|any|every|each|the|this|that)[ ]+$", re.I)
_PRONOUN_ONE_AFTER = re.compile(r"[ ]+(?:another|by[ ]+one)(?![^\W_])", re.I)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?<![^\W_])(?:in|since|by|until|till|during|before|after|from|early|mid|late)[ ]+$", re.I)

_GLUE = r"[^\W_]|[-./:,'][^\W_]"  # what may not follow a quantity: letters, "-19", "/7", ":30"


# ---------------------------------------------------------------------------------------------
# Typed parse values (dataclasses, not tuples: pyparsing would splice tuples into the tokens)


@dataclass(frozen=True, slots=True)
class _Num:
    value: Decimal
    precision: Decimal
    raw: str | None = None  # the digit string of a plain unsigned integer (year/day checks)
    needs_scale: bool = False  # "a", "half a": only a number before a scale word


@dataclass(frozen=True, slots=True)
class _Scale:
    factor: int


@dataclass(frozen=True, slots=True)
class _AndAHalf:
    pass


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str
    kind: str  # "money", "percent", "measure" or "count"
    factor: float


@dataclass(frozen=True, slots=True)
class _Amount:
    value: Decimal
    precision: Decimal
    raw: str | None
    scale: int
    unit: _Unit | None
    prefixed: bool  # the unit is a leading currency sign

    @property
    def bare(self) -> bool:
        return self.unit is None and self.scale == 1


@dataclass(frozen=True, slots=True)
class _Range:
    lo: _Amount
    hi: _Amount


# ---------------------------------------------------------------------------------------------
# Units via pint (imported on first use)


@functools.cache
def _ureg() -> Any:
    import pint

    return pint.UnitRegistry()


@functools.lru_cache(maxsize=256)
def _measure_unit(expression: str) -> _Unit:
    """The normalized unit name of a pint expression and the factor converting to it."""
    ureg = _ureg()
    quantity = ureg.Quantity(1.0, expression)
    for target, name in _CANONICAL_UNITS:
        if quantity.dimensionality == ureg.Quantity(1.0, target).dimensionality:
            return _Unit(name, "measure", float(quantity.to(target).magnitude))
    return _Unit(str(quantity.units), "measure", 1.0)


# ---------------------------------------------------------------------------------------------
# Parse actions


def _fraction_value(numerator: int, denominator: int) -> tuple[Decimal, Decimal]:
    if not 0 < numerator < denominator:
        raise pp.ParseException("", 0, "not a proper fraction")
    return Decimal(numerator) / Decimal(denominator), Decimal("0.5") / Decimal(denominator)


def _numeral(toks: pp.ParseResults) -> _Num:
    """Digits: ``1,500,000``, ``3.1``, ``.5``, ``2 1/2``, ``2½``, ``3/4``, ``¾``."""
    match: re.Match[str] = toks[0]
    if (raw := match["decimal"]) is not None:
        digits = raw.replace(",", "")
        decimals = len(digits) - digits.index(".") - 1 if "." in digits else 0
        plain = raw if raw.isdigit() else None
        return _Num(Decimal(digits), Decimal("0.5").scaleb(-decimals), plain)
    vulgar = match["vulgar"] or match["fvulgar"]
    if vulgar:
        frac, precision = _fraction_value(*_VULGAR[vulgar])
    elif match["num"]:
        frac, precision = _fraction_value(int(match["num"]), int(match["den"]))
    else:
        frac, precision = _fraction_value(int(match["fnum"]), int(match["fden"]))
    whole = match["whole"] or "0"
    value = abs(Decimal(whole)) + frac
    return _Num(-value if whole.startswith("-") else value, precision)


def _below_100(match: re.Match[str], prefix: str) -> int | None:
    """The value of one below-100 group set (``forty-two``); None when it did not match."""
    if small := match[prefix + "small"]:
        return _SMALL[small.lower()]
    if tens := match[prefix + "tens"]:
        unit = match[prefix + "unit"]
        return _TENS[tens.lower()] + (_SMALL[unit.lower()] if unit else 0)
    return None


def _number_words(toks: pp.ParseResults) -> _Num:
    """``forty-two``, ``two hundred``, ``a hundred and five``; ``a``/``half a`` before a scale
    word (1 and 0.5, as in "0.5 million"). Scale words themselves are a separate piece."""
    match: re.Match[str] = toks[0]
    if before_scale := match["ascale"]:
        if before_scale.lower().startswith("half"):
            return _Num(Decimal("0.5"), Decimal("0.05"), needs_scale=True)
        return _Num(Decimal(1), Decimal("0.5"), needs_scale=True)
    if match["hundred"] is None:
        return _Num(Decimal(_below_100(match, "")), Decimal("0.5"))
    hundreds = 1 if match["a"] else _below_100(match, "")
    rest = _below_100(match, "r")
    if rest is None:  # "two hundred": stated to the hundred
        return _Num(Decimal(hundreds * 100), Decimal(50))
    return _Num(Decimal(hundreds * 100 + rest), Decimal("0.5"))


def _tail(toks: pp.ParseResults) -> list[_AndAHalf | _Scale]:
    """``and a half``, a scale (``million``, ``bn``, glued ``m``/``k``), or both."""
    match: re.Match[str] = toks[0]
    found: list[_AndAHalf | _Scale] = [_AndAHalf()] if match["half"] else []
    if word := match["scale"] or match["hscale"]:
        found.append(_Scale(_SCALES.get(word.lower()) or _GLUED_SCALES[word.lower()]))
    return found


def _currency_prefix(toks: pp.ParseResults) -> _Unit:
    key = toks[0].upper().replace(" ", "")
    return _Unit(_CURRENCY_PREFIXES[key], "money", 1.0)


def _suffix(toks: pp.ParseResults) -> _Unit:
    match: re.Match[str] = toks[0]
    _pattern, kind, payload = _SUFFIXES[int(match.lastgroup[1:])]
    if kind == "measure":
        return _measure_unit(payload)
    name, factor = payload
    return _Unit(name, kind, factor)


def _amount(toks: pp.ParseResults) -> _Amount:
    num: _Num | None = None
    scale, half, unit, prefixed = 1, False, None, False
    for tok in toks:
        if isinstance(tok, _Num):
            num = tok
        elif isinstance(tok, _Scale):
            scale = tok.factor
        elif isinstance(tok, _AndAHalf):
            half = True
        elif isinstance(tok, _Unit):
            prefixed = unit is None and num is None
            unit = tok
    if num is None or (num.needs_scale and scale == 1):
        raise pp.ParseException("", 0, "no number")
    value, precision = num.value, num.precision
    if scale == _SCALES["dozen"]:  # "a dozen", "two dozen": whole items, not rounded to dozens
        precision = Decimal("0.5") / scale
    if half:
        value += Decimal("0.5") if value >= 0 else Decimal("-0.5")
        precision = Decimal("0.25")
    raw = num.raw if not half else None
    return _Amount(value * scale, precision * scale, raw, scale, unit, prefixed)


def _range(toks: pp.ParseResults) -> _Range:
    lo: _Amount = toks["lo"]
    hi: _Amount = toks["hi"]
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
    return _Range(lo, hi)


def _location(_s: str, loc: int, _toks: pp.ParseResults) -> list[int]:
    return [loc]


# ---------------------------------------------------------------------------------------------
# Grammar


def _rx(pattern: str, name: str, action: Any = None, *, as_match: bool = False) -> pp.ParserElement:
    element = pp.Regex(pattern, flags=re.IGNORECASE, as_match=as_match).set_name(name)
    return element.set_parse_action(action) if action is not None else element


_END_WORD = r"(?![^\W_])"
_VULGAR_CHARS = "".join(_VULGAR)
_NUMBER_WORDS = trie([*_SMALL, *_TENS])
_SCALE_WORDS = trie(list(_SCALES))
# a sign ("$", "US$"), or a code the number follows at once or after a space ("EUR 5", "Rs.5")
_CURRENCY_SIGN = f"{trie(_CURRENCY_SIGNS)}|(?:{trie(_CURRENCY_CODES)})(?=[ ]?[-+.0-9])"
#: the characters a currency sign may begin with, other than letters
_SIGN_STARTS = "".join(sorted({sign[0] for sign in _CURRENCY_SIGNS if not sign[0].isalpha()}))


@functools.cache
def _amount_grammar() -> pp.ParserElement:
    """One stated amount: ``$1.4bn``, ``66 million people``, ``two and a half km``, ``5%``."""
    return _amount_pieces()[0]


@functools.cache
def _amount_pieces() -> tuple[pp.ParserElement, dict[str, pp.Regex]]:
    """The amount grammar and its leaf elements by name (numeral, words, tail, currency, unit)."""
    den = f"[{_FRACTION_DENOMINATORS}]"
    number_end = r"(?![0-9]|[.,][0-9])"
    vulgar = f"[{_VULGAR_CHARS}]"
    digits = r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[-+]?\.[0-9]+"
    numeral = _rx(
        # mixed fraction "2 1/2", "2½"; fraction "3/4", "¾"; digits "1,500,000.5", ".5"
        rf"(?P<whole>[-+]?[0-9]+)(?:[ ](?P<num>[1-9])/(?P<den>{den})|[ ]?(?P<vulgar>{vulgar}))"
        rf"{number_end}"
        rf"|(?:(?P<fnum>[1-9])/(?P<fden>{den})|(?P<fvulgar>{vulgar})){number_end}"
        rf"|(?P<decimal>{digits}){number_end}",
        "numeral", _numeral, as_match=True)
    def below_100(prefix: str) -> str:
        # a number word ends a word, not a compound: "forty" is not a number in "forty-two"
        # (that is the whole "forty-two") nor in "forty-year-old"
        end = r"(?![^\W_]|-[^\W_])"
        return (rf"(?P<{prefix}tens>{tens})(?:[- ](?P<{prefix}unit>{units}){end})?{end}"
                rf"|(?P<{prefix}small>{small}){end}")

    small = "|".join(sorted(_SMALL, key=len, reverse=True))
    tens = "|".join(_TENS)
    units = "|".join(_DIGIT_WORDS)
    number_words = _rx(
        rf"(?:(?P<a>an?)(?=[ ]+hundred{_END_WORD})|{below_100('')})"
        rf"(?:[ ]+(?P<hundred>hundred){_END_WORD}"
        rf"(?:[ ]+(?:and[ ]+)?(?:{below_100('r')})(?![ ]+hundred))?)?"
        rf"|(?P<ascale>(?:half[ ]+)?an?)(?=[ ]+(?:{_SCALE_WORDS}){_END_WORD})",
        "number words", _number_words, as_match=True)

    # Optional pieces (Opt) consume the whitespace before them even when they do not match, so
    # "glued only" (1.5m, 5k) is a lookbehind, and the end of a quantity is found by stripping.
    def scale(name: str) -> str:
        glued = "|".join(_GLUED_SCALES)
        return rf"(?P<{name}>(?<=[0-9{_VULGAR_CHARS}])(?:{glued})|{_SCALE_WORDS}){_END_WORD}"

    tail = _rx(rf"(?P<half>and[ ]+a[ ]+half){_END_WORD}(?:[ ]+{scale('hscale')})?|{scale('scale')}",
               "scale", _tail, as_match=True)

    # Every alternative yields a single typed token (its parse action sees to that), so naming
    # the alternation is safe; tell pyparsing so.
    single_token = pp.Diagnostics.warn_multiple_tokens_in_named_alternation
    number = (numeral | number_words).set_name("number")
    number.suppress_warning(single_token)
    scaled = (number("number") + pp.Opt(tail("scale"))).set_name("scaled number")

    currency_prefix = _rx(_CURRENCY_SIGN, "currency sign", _currency_prefix)
    suffix = _rx("|".join(f"(?P<s{i}>{pattern}){_END_WORD}"
                          for i, (pattern, _kind, _payload) in enumerate(_SUFFIXES)),
                 "unit", _suffix, as_match=True)

    amount = ((currency_prefix("currency") + scaled) | (scaled + pp.Opt(suffix("unit"))))
    amount.suppress_warning(single_token)
    leaves = {"numeral": numeral, "words": number_words, "tail": tail, "currency": currency_prefix,
              "unit": suffix}
    return amount.set_name("amount").set_parse_action(_amount), leaves


@dataclass(frozen=True)
class _Scanner:
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


def _amount_regexes(leaves: Mapping[str, pp.Regex]) -> tuple[re.Pattern[str], str]:
    """``[hedge] ((currency scaled) | (scaled [unit]))`` (the single-amount grammar without its
    end) as one regex, and the source of the amount without the hedge as another.

    pyparsing never backtracks into an element that matched, nor into an Opt or MatchFirst
    that chose: each leaf is an atomic group and each optional piece possessive, so the regex
    matches what the grammar matches wherever the leaves' parse actions accept their tokens.
    The currency alternative and the unit exclude each other (a conditional group), which is
    the MatchFirst, since no number begins where a currency sign does.
    """
    def leaf(name: str) -> str:
        return f"(?P<L_{name}>(?>{leaves[name].pattern}))"

    hedge = f"(?:{leaf('hedge')})?+" if "hedge" in leaves else ""
    number = f"(?>{leaf('numeral')}|{leaf('words')})"
    scaled = f"{_WS}{number}{_WS}(?:{leaf('tail')})?+"
    amount = f"{_WS}(?:{leaf('currency')})?+{scaled}(?(L_currency)|{_WS}(?:{leaf('unit')})?+)"
    return re.compile(f"{_WS}{hedge}{amount}", re.IGNORECASE), amount


class _Unknown:
    """What a regex reading returns where only the grammar can tell."""


UNKNOWN = _Unknown()
_REFUSED = (pp.ParseBaseException, ArithmeticError, LookupError, ValueError, RecursionError)


def _fast_head(scanner: _Scanner, window: str) -> tuple[_Amount, str | None, int] | _Unknown:
    """(amount, hedge, offset after it) as the grammar reads ``[hedge] amount`` at the start of
    ``window``; UNKNOWN when the regex does not match or a parse action refuses its token."""
    match = scanner.head_regex.match(window)
    if match is None:
        return UNKNOWN
    try:
        hedge = hedge_key(match["L_hedge"]) if match["L_hedge"] is not None else None
        amount = _amount_of(scanner, window, match)
    except _REFUSED:
        return UNKNOWN
    return amount, hedge, match.end()


def _amount_of(scanner: _Scanner, window: str, match: re.Match[str]) -> _Amount:
    """The amount the leaves matched by ``match`` make, through the grammar's own parse actions
    (each leaf matched again on its own, so that an action sees the match the grammar gives it)."""
    leaves = scanner.leaves
    tokens: list = []
    if match["L_currency"] is not None:
        tokens.append(_currency_prefix([match["L_currency"]]))
    if match["L_numeral"] is not None:
        tokens.append(_numeral([leaves["numeral"].re.match(window, match.start("L_numeral"))]))
    else:
        tokens.append(_number_words([leaves["words"].re.match(window, match.start("L_words"))]))
    if match["L_tail"] is not None:
        tokens.extend(_tail([leaves["tail"].re.match(window, match.start("L_tail"))]))
    if match["L_unit"] is not None:
        tokens.append(_suffix([leaves["unit"].re.match(window, match.start("L_unit"))]))
    return _amount(tokens)


def _fast_full(scanner: _Scanner, window: str, lo: _Amount, hedge: str | None, lo_end: int,
               single: bool) -> tuple[_Amount | _Range, str | None, int] | None | _Unknown:
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
        if any(leaves[name].re.match(window, at) for name in ("currency", "numeral", "words")):
            return UNKNOWN     # an amount may start here that only the grammar reads
        return fallback
    try:
        hi = _amount_of(scanner, window, match)
    except _REFUSED:
        return UNKNOWN
    if scanner.end.match(window, match.end()) is None:
        return fallback
    try:
        return _range({"lo": lo, "hi": hi}), hedge, match.end()
    except pp.ParseBaseException:
        return fallback


def _ws_length(window: str, at: int) -> int:
    return len(window) - at - len(window[at:].lstrip(" \n\t\r"))


# a range needs a "-" or "to" right after its first amount, or soon after the start
_SEPARATOR_AFTER = re.compile(r"[ ]*(?:-|to(?![^\W_]))", re.IGNORECASE)
_RANGE_HINT = re.compile(r".{0,80}?(?:-|(?<![^\W_])to(?![^\W_]))", re.IGNORECASE)


def _hedge_alternation(phrases: tuple[tuple[str, ...], ...], *, trailing: bool) -> str:
    """Hedge phrases as one regex; with ``trailing``, including the spaces after them."""
    worded = [" ".join(ws) for ws in phrases if ws[-1][-1:].isalnum()]
    symbolic = [" ".join(ws) for ws in phrases if not ws[-1][-1:].isalnum()]
    parts = []
    if worded:
        parts.append(f"(?:{trie(worded)}){_END_WORD}" + ("[ ]++" if trailing else ""))
    if symbolic:
        parts.append(f"(?:{trie(symbolic)})" + ("[ ]*+" if trailing else ""))
    return "|".join(parts)


@functools.lru_cache(maxsize=16)
def _scanner(hedge_phrases: tuple[tuple[str, ...], ...]) -> _Scanner:
    """The trigger regex and the grammars for one set of hedge phrases (word tuples)."""
    amount, leaves = _amount_pieces()
    leaves = dict(leaves)
    # a quantity must not be glued to what follows ("Covid-19", "5-year", "1990s", "10:30");
    # the token is the offset where the quantity ends (plus any spaces an Opt consumed)
    end_pattern = rf"(?:(?<=[ ])|(?!{_GLUE}))"
    end = pp.Regex(end_pattern).leave_whitespace().set_name("end of quantity")
    end.set_parse_action(_location)
    between, from_, and_, to = map(pp.CaselessKeyword, ("between", "from", "and", "to"))
    between = between + amount("lo") + and_ + amount("hi")
    from_to = from_ + amount("lo") + to + amount("hi")
    separator = _rx(r"-|to" + _END_WORD, "range separator")
    plain_range = amount("lo") + separator + amount("hi")
    ranges = [r.set_parse_action(_range).set_name(n) for r, n in (
        (between, "between range"), (from_to, "from range"), (plain_range, "range"))]
    # tokens: [hedge key], body (_Range or _Amount), end offset
    full = pp.MatchFirst([r + end for r in (*ranges, amount)])
    single = amount + end
    if hedge_phrases:
        hedge = _rx(_hedge_alternation(hedge_phrases, trailing=False), "hedge",
                    lambda toks: hedge_key(toks[0]))
        leaves["hedge"] = hedge
        full, single = pp.Opt(hedge("hedge")) + full, pp.Opt(hedge("hedge")) + single
        hedge_part = f"(?:(?P<hedge>{_hedge_alternation(hedge_phrases, trailing=True)}))?"
    else:
        hedge_part = ""

    num_start = (
        rf"(?P<num>[-+]?\.?[0-9]|[{_VULGAR_CHARS}]"
        rf"|(?:{_CURRENCY_SIGN})[ ]?[-+]?\.?[0-9]"
        rf"|(?:{_NUMBER_WORDS}){_END_WORD}"
        rf"|(?:half[ ]+)?an?[ ]+(?:{_SCALE_WORDS}){_END_WORD})"
    )
    # cheap first-character filter, then: not inside a word or glued by "-", "/" or ":" to one,
    # nor the middle of "1,500" or "3.1"
    symbols = "".join(sorted({ws[0][0] for ws in hedge_phrases if not ws[0][0].isalpha()}))
    first = rf"(?=[-+.0-9{re.escape(_SIGN_STARTS)}{_VULGAR_CHARS}{re.escape(symbols)}]|[^\W\d_])"
    left = r"(?<![^\W_])(?<![^\W_][-/:])(?<![0-9][.,])"
    range_part = r"(?:(?P<range>between|from)[ ]+)?"
    # the look-arounds case-sensitive (case-insensitive classes cost at every position)
    trigger = left + first + "(?i:" + hedge_part + range_part + num_start + ")"
    head_regex, amount_source = _amount_regexes(leaves)
    return _Scanner(re.compile(trigger), single.set_name("quantity"), full.set_name("quantity"),
                    head_regex, amount_source, leaves,
                    re.compile(separator.pattern, re.IGNORECASE), re.compile(end_pattern),
                    functools.lru_cache(maxsize=8)(functools.partial(_reach, trigger)))


_SPACE_REPEAT = re.compile(r"\[ \](?:\+\+|\*\+|\+|\*|\?)")
_SPACE_RUNS = re.compile(" +")


def _reach(source: str, spaces: int) -> int:
    """How far from where it starts an attempt of the regex ``source`` may read, in a text with
    no run of more than ``spaces`` spaces (see :func:`factcheck.text.regexes.reach`)."""
    return reach(_SPACE_REPEAT.sub("[ ]{0,%d}" % spaces, source))


def _longest_space_run(work: str) -> int:
    return max(map(len, _SPACE_RUNS.findall(work))) if "  " in work else 1


# ---------------------------------------------------------------------------------------------
# Hedge tables


def _prepare_hedges(hedges: Mapping[str, tuple[str, float]] | None
                    ) -> tuple[dict[str, tuple[str, float]], tuple[tuple[str, ...], ...]]:
    """(hedge key -> (kind, margin), hedge phrases as word tuples); InputError if invalid."""
    if hedges is None:
        hedges = HEDGES
    if not isinstance(hedges, Mapping):
        raise InputError("hedge table must be a mapping of phrase -> (kind, margin), "
                         f"not {type(hedges).__name__}")
    try:
        return _prepare_hedges_cached(tuple(hedges.items()))
    except TypeError:  # unhashable entries: validate without the cache
        return _prepare_hedge_items(tuple(hedges.items()))


@functools.lru_cache(maxsize=16)
def _prepare_hedges_cached(items: tuple[tuple[str, Any], ...]
                           ) -> tuple[dict[str, tuple[str, float]], tuple[tuple[str, ...], ...]]:
    return _prepare_hedge_items(items)


def _prepare_hedge_items(items: tuple[tuple[str, Any], ...]
                         ) -> tuple[dict[str, tuple[str, float]], tuple[tuple[str, ...], ...]]:
    table: dict[str, tuple[str, float]] = {}
    phrases: list[tuple[str, ...]] = []
    for phrase, spec in items:
        words = hedge_key(phrase).split("_") if isinstance(phrase, str) else []
        words = tuple(w for w in words if w)
        if not words:
            raise InputError(f"hedge phrase {phrase!r} is empty or not a string")
        try:
            kind, margin = spec
            margin = float(margin)
        except (TypeError, ValueError):
            raise InputError(f"hedge {phrase!r}: expected (kind, margin), got {spec!r}") from None
        if not isinstance(kind, str) or kind not in HEDGE_KINDS:
            raise InputError(f"hedge {phrase!r}: unknown kind {kind!r} "
                             f"(expected one of {', '.join(sorted(HEDGE_KINDS))})")
        if not math.isfinite(margin) or margin < 0:
            raise InputError(f"hedge {phrase!r}: margin must be a finite number >= 0, "
                             f"got {margin!r}")
        table["_".join(words)] = (kind, margin)
        phrases.append(words)
    return table, tuple(sorted(set(phrases)))


def _interval(lo: float, hi: float, lo_p: float, hi_p: float,
              hedge: tuple[str, float] | None) -> tuple[float, float]:
    """The interval covered by stated endpoints ``lo <= hi`` (equal for a single value)."""
    if hedge is None:
        return lo - lo_p, hi + hi_p
    kind, margin = hedge
    if kind == "approx":
        return lo - lo_p - margin * abs(lo), hi + hi_p + margin * abs(hi)
    if kind == "below":
        reduced = lo * (1 - margin)
        return min(reduced, hi), max(reduced, hi)
    if kind == "lower_bound":
        return lo, math.inf
    return -math.inf, hi


# ---------------------------------------------------------------------------------------------
# Scanning


def _resolve(amount: _Amount) -> tuple[float, float, str | None, str]:
    """(number, precision, unit, kind) of an amount in normalized units."""
    value, precision = float(amount.value), float(amount.precision)
    unit = amount.unit
    if unit is None:
        return value, precision, None, "count"
    return value * unit.factor, precision * unit.factor, unit.name, unit.kind


def _is_year(amount: _Amount, work: str, start: int) -> bool:
    raw = amount.raw
    if raw is None or len(raw) != 4 or not 1000 <= int(raw) <= 2199 or amount.scale != 1:
        return False
    if amount.unit is None:
        return True
    return amount.unit.kind == "count" and bool(
        _YEAR_CONTEXT_BEFORE.search(work, max(0, start - 12), start))


def _not_a_quantity(amounts: list[_Amount], work: str, start: int, end: int) -> bool:
    """Years, days of the month and times of day (parsed, but dates rather than quantities)."""
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


def _parse_at(scanner: _Scanner, work: str, start: int, range_word: bool
              ) -> tuple[_Amount | _Range, str | None, int] | None:
    """Parse the candidate at ``start``: (amount or range, hedge, end offset) or None.

    The single-amount grammar is tried first; the grammar with ranges only when the candidate
    starts with "between"/"from" or a "-"/"to" follows (ranges are rare, and trying them on
    every candidate would triple the cost). Both are read by regex wherever that gives the
    grammar's answer (see _amount_regexes), by the grammar otherwise.
    """
    limit = min(len(work), start + WINDOW)
    newline = work.find("\n", start, limit)
    cut = newline == -1 and limit < len(work)
    window = work[start:newline if newline != -1 else limit]

    def measured(found):    # (body, hedge, end offset) -> (body, hedge, length), None if cut off
        if found is None:
            return None
        length = len(window[:found[2]].rstrip(" "))
        return None if cut and length >= len(window) else (found[0], found[1], length)

    head = UNKNOWN if range_word else _fast_head(scanner, window)
    if isinstance(head, _Unknown):
        found = None if range_word else _parse_window(scanner.single, window, cut)
        if range_word or (found is None and _RANGE_HINT.match(window)) or (
                found is not None and _SEPARATOR_AFTER.match(window, found[2])):
            found = _parse_window(scanner.full, window, cut) or found
    else:
        lo, hedge, lo_end = head
        single = scanner.end.match(window, lo_end) is not None
        found = measured((lo, hedge, lo_end)) if single else None
        if (found is None and _RANGE_HINT.match(window)) or (
                found is not None and _SEPARATOR_AFTER.match(window, found[2])):
            full = _fast_full(scanner, window, lo, hedge, lo_end, single)
            if isinstance(full, _Unknown):
                found = _parse_window(scanner.full, window, cut) or found
            else:
                found = measured(full) or found
    return None if found is None else (found[0], found[1], start + found[2])


def _parse_window(grammar: pp.ParserElement, window: str, cut: bool
                  ) -> tuple[_Amount | _Range, str | None, int] | None:
    try:
        result = grammar.parse_string(window)
    except (pp.ParseBaseException, ArithmeticError, LookupError, ValueError, RecursionError):
        return None
    length = len(window[:result[-1]].rstrip(" "))
    if cut and length >= len(window):  # the window may have truncated the quantity
        return None
    body = next(tok for tok in result if isinstance(tok, (_Range, _Amount)))
    return body, result.get("hedge"), length


_NUMERALS = re.compile(f"[0-9{_VULGAR_CHARS}]")
_NUMBER_WORD_SET = frozenset([*_SMALL, *_TENS, *_SCALES])


def may_hold_quantity(text: str, words: AbstractSet[str]) -> bool:
    """Whether ``text`` (a sentence, say) may hold a quantity: False when it has no digit and no
    number or scale word. ``words`` are its words in lower case, the parts of hyphenated words
    and words before "'s" included."""
    return _NUMERALS.search(text) is not None or not _NUMBER_WORD_SET.isdisjoint(words)


def find_quantities(text: str, *, hedges: Mapping[str, tuple[str, float]] | None = None,
                    within: Sequence[tuple[int, int]] | None = None) -> list[QuantitySpan]:
    """Quantities in ``text``: sorted, non-overlapping, leftmost-longest.

    ``hedges`` replaces :data:`HEDGES` (phrase -> (kind, margin)); an invalid table raises
    ``InputError``. With ``within`` (sorted, non-overlapping (start, end) ranges, such as the
    sentences worth reading), only quantities that start inside a range are looked for; the
    rest of the text still serves as context. The text itself never makes this raise.
    """
    table, phrases = _prepare_hedges(hedges)
    if not isinstance(text, str) or not text:
        return []
    scanner = _scanner(phrases)
    work = _translate(text)
    spans: list[QuantitySpan] = []
    pos = 0
    ranges = iter(within if within is not None else ((0, len(work)),))
    # no attempt of the trigger (hedge, "between", sign, first numeral) that starts inside a
    # range reads further than ``look`` past the range's end: the text beyond is not scanned
    look = scanner.reach(_longest_space_run(work))
    for range_start, range_end in ranges:
        pos = max(pos, range_start)
        while (match := scanner.trigger.search(work, pos, range_end + look)) is not None \
                and match.start() < range_end:
            pos = match.end()
            starts = [(match.start(), match.start("range") != -1)]
            if match.start("num") != match.start():
                starts.append((match.start("num"), False))
            for start, range_word in starts:
                parsed = _parse_at(scanner, work, start, range_word)
                if parsed is None:
                    continue
                body, hedge, end = parsed
                pos = max(pos, end)
                span = _to_span(body, hedge, text, work, start, end, table)
                if span is not None:
                    spans.append(span)
                break
    return spans


def _to_span(body: _Amount | _Range, hedge_name: str | None, text: str, work: str, start: int,
             end: int, table: Mapping[str, tuple[str, float]]) -> QuantitySpan | None:
    hedge = table.get(hedge_name) if hedge_name is not None else None
    amounts = [body.lo, body.hi] if isinstance(body, _Range) else [body]
    if _not_a_quantity(amounts, work, start, end):
        return None
    if isinstance(body, _Range):
        lo, lo_p, unit, _kind = _resolve(body.lo)
        hi, hi_p, _unit, _kind = _resolve(body.hi)
        number, precision, kind = (lo + hi) / 2, max(lo_p, hi_p), "range"
    else:
        number, precision, unit, kind = _resolve(body)
        lo, hi, lo_p, hi_p = number, number, precision, precision
    low, high = _interval(lo, hi, lo_p, hi_p, hedge)
    if not all(map(math.isfinite, (number, precision, lo, hi))) or math.isnan(low - high):
        return None
    return QuantitySpan(start, end, number, unit, text[start:end], hedge_name, low, high,
                        precision, kind)
