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

from factcheck.text.quantities import registry
from factcheck.text.quantities.vocabulary import (
    CANONICAL_UNITS, COMPOUND_SCALES, CURRENCY_PREFIXES, CURRENCY_SIGN, DENOMINATOR_WORDS,
    DIGIT_WORDS, DOZEN_WORDS, END_WORD, FRACTION_DENOMINATORS, FRACTION_WORDS, GLUED_SCALES, ISO_4217,
    MINOR_UNITS, MULTIPLIED_SCALES, ORDINALS, REGISTRY, SCALE_WORDS, SCALES, SMALL, TENS,
    UNIT_ORDINALS, VULGAR, VULGAR_CHARS, suffixes,
)
from factcheck.text.regexes import trie

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
    #: a glued "b" ("$5b", "1.2b"): a scale only after a currency sign or a decimal ("Article 5b")
    glued_b: bool = False


@dataclass(frozen=True, slots=True)
class Negative:
    """``minus`` or ``negative`` before an amount."""


@dataclass(frozen=True, slots=True)
class AndFraction:
    """``and a half``, ``and two thirds``: added to the number before the scale."""
    value: Decimal
    precision: Decimal


@dataclass(frozen=True, slots=True)
class Minor:
    """The amount of a smaller unit after the unit (``50 cents`` in ``3 dollars 50 cents``), in
    the unit."""
    value: Decimal
    precision: Decimal


@dataclass(frozen=True, slots=True)
class Part:
    """A smaller amount after a scale word in the same number: ``three hundred`` in ``two
    thousand three hundred``, ``and 21`` in ``3 hundred and 21`` (value and precision scaled)."""
    value: Decimal
    precision: Decimal


@dataclass(frozen=True, slots=True)
class UnitTail:
    """A power of the unit and the unit it is per ("km²", "km/h", "metres per second")."""
    power: int
    per: str | None  # a pint expression


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
#: What no unit word begins with (see the unit leaf of the grammar)
NOT_A_UNIT_START = r"[\s0-9.,;:!?()\[\]{}<>/\\|&*+=#@^~]"
#: Words that make the amount after them negative: "minus 5 degrees", "negative one".
NEGATIVE_WORDS = ("minus", "negative")
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


# ---------------------------------------------------------------------------------------------
# Units via pint (imported on first use)


@functools.cache
def unit_registry() -> Any:
    import pint

    return pint.UnitRegistry()


@functools.lru_cache(maxsize=256)
def measure_unit(expression: str) -> Unit:
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
    """Digits: ``1,500,000``, ``40 000``, ``3.1``, ``.5``, ``1.3e6``, ``2.48 x 10^-5``, ``2 1/2``,
    ``2½``, ``3/4``, ``¾``."""
    match: re.Match[str] = toks[0]
    if (raw := match["decimal"]) is not None:
        digits = raw.replace(",", "").replace(" ", "")
        decimals = len(digits) - digits.index(".") - 1 if "." in digits else 0
        if (exponent := match["exponent"] or match["power"]) is not None:  # to the last digit, scaled
            power = int(exponent)
            return Num(Decimal(digits).scaleb(power), Decimal("0.5").scaleb(power - decimals))
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


def _words_fraction(match: re.Match[str], prefix: str) -> tuple[Decimal, Decimal]:
    """(value, precision) of a fraction in words (see :func:`fraction_pattern`)."""
    numerator = 1 if prefix + "a" in match.re.groupindex and match[prefix + "a"] else \
        _below_100(match, prefix)
    return _fraction_value(numerator, DENOMINATOR_WORDS[match[prefix + "den"].lower()])


_WORD_BREAK = re.compile(r"[ ]*-[ ]*|[ ]+")


def _words_value(words: list[str]) -> int:
    """The value of a whole number in words, split at spaces and hyphens ("one hundred and
    thirty", "a hundred thousand", "ninety-five hundred"); refused where the words make no one
    number ("one two", "thousand hundred")."""
    total, group, last, below = 0, 0, "", 10**15   # below: the scale word the next must be under
    for i, word in enumerate(words):
        if word in ("a", "an") and i == 0:
            group, last = 1, "unit"
        elif word == "and" and last == "scale":
            last = "and"
        elif word in SMALL and (last in ("", "scale", "and") or last == "tens" and 0 < SMALL[word] < 10):
            group, last = group + SMALL[word], "unit"
        elif word in TENS and last in ("", "scale", "and"):
            group, last = group + TENS[word], "tens"
        elif word == "hundred" and last in ("unit", "tens") and group < 100:
            group, last = group * 100, "scale"
        elif word in SCALES and word != "hundred" and last in ("unit", "tens", "scale") \
                and SCALES[word] < below and SCALES[word] > 12:
            total, group, last, below = total + (group or 1) * SCALES[word], 0, "scale", SCALES[word]
        else:
            raise pp.ParseException("", 0, "not one number")
    if last == "and":
        raise pp.ParseException("", 0, "not one number")
    return total + group


def _spelled_fraction(match: re.Match[str]) -> Num:
    """A fraction in words (see the ``f`` groups of the grammar's number words): ``two thirds``,
    ``a hundredth``, ``three twenty-firsts`` (3/21), ``one hundred and thirty fifths`` (130/5),
    ``one one hundred fifth`` (1/105). After ``and`` a part below the denominator is a proper
    fraction added to the whole before it (``one hundred and three quarters`` is 100.75); a
    singular denominator takes one (``one fifth``, not "the twenty fifth"); an improper fraction
    is read only in plural ordinals (``twenty one fifths``; "two halves", "four quarters" name
    parts and periods)."""
    word = match["wdword"].lower()
    denominator = 1 if word == "first" else DENOMINATOR_WORDS[word]
    if tens := match["wdtens"]:
        denominator += TENS[tens.lower()]
    if high := match["wdhigh"]:
        denominator += SCALES[high.split()[-1].lower()]
    words = _WORD_BREAK.split(match["wnum"].lower())
    plural = match["wdplural"] is not None or word == "halves"
    if "and" in words:
        cut = len(words) - words[::-1].index("and")
        whole, part = _words_value(words[:cut - 1]), _words_value(words[cut:])
        if part < denominator:
            value, precision = _fraction_value(part, denominator)
            return Num(whole + value, precision)
    numerator = _words_value(words)
    if numerator >= denominator and plural and word not in ("halves", "quarter"):
        return Num(Decimal(numerator) / Decimal(denominator), Decimal("0.5") / Decimal(denominator))
    if numerator != 1 and not plural:
        raise pp.ParseException("", 0, "an ordinal, not a fraction")
    return Num(*_fraction_value(numerator, denominator))


def read_number_words(toks: pp.ParseResults) -> Num:
    """``forty-two``, ``two hundred``, ``a hundred and five``, ``five point five``; ``a``/``half
    a`` before a scale word (1 and 0.5, as in "0.5 million"); spelled-out proper fractions
    (``two thirds``, ``three-quarters``, ``one fifth``). Scale words themselves are a separate
    piece."""
    match: re.Match[str] = toks[0]
    if match["wdword"]:
        return _spelled_fraction(match)
    if before_scale := match["ascale"]:
        words = before_scale.lower().split()
        if "half" in words:       # "half a million", "half million", "a half million"
            return Num(Decimal("0.5"), Decimal("0.05"), needs_scale=True)
        if "quarter" in words:    # "a quarter million"
            return Num(Decimal("0.25"), Decimal("0.025"), needs_scale=True)
        return Num(Decimal(1), Decimal("0.5"), needs_scale=True)
    if match["hundred"] is None:
        num = Num(Decimal(_below_100(match, "")), Decimal("0.5"))
    else:
        hundreds = 1 if match["a"] else _below_100(match, "")
        rest = _below_100(match, "r")
        if rest is None:  # "two hundred": stated to the hundred
            num = Num(Decimal(hundreds * 100), Decimal(50))
        else:
            num = Num(Decimal(hundreds * 100 + rest), Decimal("0.5"))
    if match["point"] is None:
        return num
    # decimals: digit by digit ("point zero three") or as one number ("point seventy-one")
    if digits := match["pdigits"]:
        decimals = "".join(str(SMALL[word]) for word in digits.lower().split())
    else:
        decimals = str(_below_100(match, "p"))
    return Num(num.value + Decimal("0." + decimals), Decimal("0.5").scaleb(-len(decimals)))


def read_tail(toks: pp.ParseResults) -> list[AndFraction | Scale]:
    """``and a half`` (a fraction), a scale (``million``, ``bn``, glued ``m``/``k``/``b``/``T``,
    ``lakh crore``), or both (``and a half million``, ``million and a half``)."""
    match: re.Match[str] = toks[0]
    found: list[AndFraction | Scale] = []
    for prefix in ("h", "s"):
        if match[prefix + "den"]:
            found.append(AndFraction(*_words_fraction(match, prefix)))
    if word := match["scale"] or match["hscale"]:
        factor = SCALES.get(word.lower()) or GLUED_SCALES.get(word) or GLUED_SCALES[word.lower()]
        if times := match["scale2"]:
            factor *= SCALES[times.lower()]
        found.append(Scale(factor, glued_b=word.lower() == "b"))
    return found


_SCALE_BEFORE = re.compile(rf"(?<![^\W_])(?:{'|'.join(COMPOUND_SCALES)})[ ]*$", re.IGNORECASE)
_SCALE_REACH = max(map(len, COMPOUND_SCALES)) + 12   # the scale word and the spaces after it


def read_part(toks: pp.ParseResults) -> Part:
    """A smaller amount right after a spelled-out scale word, in the same number: below that
    scale; with ``and`` or at least a hundred (``two million three hundred``, ``a million and
    one``); digits only with a scale word of their own (``4 thousand 3 hundred``) or as ``and 21``
    after ``hundred``, so that "$5 million and 300 jobs" stays two quantities."""
    match: re.Match[str] = toks[0]
    before = _SCALE_BEFORE.search(match.string, max(0, match.start() - _SCALE_REACH), match.start())
    if before is None:
        raise pp.ParseException("", 0, "no scale word before")
    above = SCALES[before.group().strip().lower()]
    num = read_numeral([match]) if match["mnumeral"] else read_number_words([match])
    scale = SCALES[match["pscale"].lower()] if match["pscale"] else 1
    value, precision = num.value * scale, num.precision * scale
    joined = match["and"] is not None
    if num.needs_scale and scale == 1 or not 0 < value < above or not joined and value < 100:
        raise pp.ParseException("", 0, "not a smaller part of the number")
    if match["mnumeral"] and scale == 1 and not (joined and above == 100):
        raise pp.ParseException("", 0, "digits after a scale word")
    return Part(value, precision)


def read_currency_prefix(toks: pp.ParseResults) -> Unit:
    key = toks[0].upper().replace(" ", "")
    return Unit(CURRENCY_PREFIXES[key], "money", 1.0)


def read_unit_tail(toks: pp.ParseResults) -> UnitTail:
    match: re.Match[str] = toks[0]
    power = {"²": 2, "³": 3, "2": 2, "3": 3, "squared": 2, "cubed": 3}.get(
        (match["power"] or "").lstrip(" ^").lower(), 1)
    per = match["per"]
    if per is not None:
        per = TIME_WORDS.get(per.lower().removesuffix("s")) or registry.expression(per)
    return UnitTail(power, per)


def with_tail(toks: pp.ParseResults) -> list[Unit | Minor]:
    """The unit ``toks[0]`` with the tail after it, if any: a measure raised to a power or
    divided by the unit after "per", money per a unit (a price or a rate: "USD/kilogram").
    Refused where the tail fits no such reading (a count per a unit, a temperature squared),
    so that the unit is read alone."""
    unit, tail = toks[0], toks[-1]
    if not isinstance(tail, UnitTail):
        return list(toks)
    if unit.kind == "money" and tail.power == 1 and tail.per is not None:
        return [replace(unit, name=f"{unit.name}/{tail.per}"), *toks[1:-1]]
    if unit.kind != "measure" or tail.power == 1 and tail.per is None:
        raise pp.ParseException("", 0, "no power or rate of this unit")
    expression = f"({_TARGETS.get(unit.name, unit.name)})**{tail.power}"
    if tail.per is not None:
        expression += f"/({tail.per})"
    try:
        combined = measure_unit(expression)
    except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as error:
        raise pp.ParseException("", 0, f"no unit {expression}") from error
    return [replace(combined, factor=combined.factor * unit.factor ** tail.power), *toks[1:-1]]


def read_unit(toks: pp.ParseResults) -> list[Unit | Minor]:
    """The unit, and the amount of its smaller unit if one follows ("3 dollars 50 cents")."""
    match: re.Match[str] = toks[0]
    index = int(match.lastgroup[1:])    # the alternative's empty group, the last one closed
    _pattern, kind, payload = suffixes()[index]
    if payload == REGISTRY:
        payload = registry.expression(match[0].lstrip("-"))
    elif payload == ISO_4217:
        payload = registry.currency_code(match[0])
    unit = measure_unit(payload) if kind == "measure" else Unit(payload[0], kind, payload[1])
    if index in MINOR_UNITS and match[f"m{index}"] is not None:
        per = Decimal(MINOR_UNITS[index][1])
        digits = match[f"m{index}d"]
        amount = int(digits) if digits is not None else _below_100(match, f"m{index}")
        return [unit, Minor(amount / per, Decimal("0.5") / per)]
    return [unit]


def read_ratio(toks: pp.ParseResults) -> Num:
    """A whole number over another: ``one over three``, ``two out of five hundred``; not over a
    year ("up 3 over 2019" compares with it)."""
    numerator: Num = toks[0]
    denominator: Num = toks[-1]
    if any(n.needs_scale or n.value <= 0 or n.value % 1 for n in (numerator, denominator)):
        raise pp.ParseException("", 0, "no whole number over another")
    if denominator.raw is not None and len(denominator.raw) == 4 and 1000 <= denominator.value < 2200:
        raise pp.ParseException("", 0, "a year")
    return Num(numerator.value / denominator.value, Decimal("0.5") / denominator.value)


_DOZEN = SCALES["dozen"]
#: a normalized measure's name -> the pint unit it is a number of
_TARGETS = {name: target for target, name in CANONICAL_UNITS}
#: spans of time after "per" the registry leaves to the time finder's table ("per hour")
TIME_WORDS = {"hour": "hour", "hr": "hour", "h": "hour", "day": "day", "year": "year", "month": "month",
              "week": "week", "minute": "minute", "min": "minute", "second": "second", "sec": "second",
              "s": "second"}


def read_amount(toks: pp.ParseResults) -> Amount:
    num: Num | None = None
    scale, fraction, unit, prefixed, negative, minor, per = 1, None, None, False, False, None, None
    parts: list[Part] | tuple[()] = ()
    for tok in toks:
        kind = type(tok)
        if kind is Num:
            num = tok
        elif kind is Unit:
            prefixed = unit is None and num is None
            unit = tok
        elif kind is Scale:
            scale = tok.factor
            if tok.glued_b and num is not None and num.raw is not None and unit is None:
                raise pp.ParseException("", 0, "a letter after a whole number")
        elif kind is Negative:
            negative = True
        elif kind is AndFraction:
            fraction = tok
        elif kind is Part:
            parts = [*parts, tok]
        elif kind is Minor:
            minor = tok
        elif kind is UnitTail:    # money after a sign per a unit (a unit after: see with_tail)
            per = tok.per
    if per is not None:
        unit = replace(unit, name=f"{unit.name}/{per}")
    if num is None or (num.needs_scale and scale == 1):
        raise pp.ParseException("", 0, "no number")
    value, precision = num.value, num.precision
    if scale == _DOZEN:  # "a dozen", "two dozen": whole items, not rounded to dozens
        precision = Decimal("0.5") / scale
    if fraction is not None:
        value += fraction.value if value >= 0 else -fraction.value
        precision = fraction.precision
    value, precision = value * scale, precision * scale
    for part in parts:
        value, precision = value + part.value if value >= 0 else value - part.value, part.precision
    if minor is not None:
        value, precision = value + minor.value if value >= 0 else value - minor.value, minor.precision
    raw = num.raw if fraction is None and not parts and minor is None else None
    if negative:
        value, raw = -value, None
    return Amount(value, precision, raw, scale, unit, prefixed)


def read_range(toks: pp.ParseResults) -> Range:
    """The range of the two amounts among ``toks`` (the words around them are tokens too)."""
    lo, hi = (tok for tok in toks if isinstance(tok, Amount))
    if lo.unit is None and hi.unit is not None:  # "5 to 10 percent": a trailing unit covers both
        lo = replace(lo, unit=hi.unit)
    elif hi.unit is None and lo.unit is not None:  # "$2-3bn": a leading currency sign covers both
        if not lo.prefixed:
            raise pp.ParseException("", 0, "range endpoints in different units")
        hi = replace(hi, unit=lo.unit, prefixed=True)
    elif lo.unit is not None and hi.unit is not None and lo.unit.kind == "money" \
            and hi.unit.name.startswith(f"{lo.unit.name}/") \
            and replace(hi.unit, name=lo.unit.name) == lo.unit:   # "$3 to $4 per kg": per both
        lo = replace(lo, unit=hi.unit)
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
def amount_grammar() -> pp.ParserElement:
    """The grammar of one amount: [sign] (currency number [per unit] | number [unit])."""
    den = f"[{FRACTION_DENOMINATORS}]"
    number_end = r"(?![0-9]|[.,][0-9])"
    vulgar = f"[{VULGAR_CHARS}]"
    # thousands separated by commas or spaces (as the SI writes them: "40 000", "1 234 567.89")
    digits = (r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:[ ][0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
              r"|[-+]?\.[0-9]+")
    numeral = rx(
        # mixed fraction "2 1/2", "2½"; fraction "3/4", "¾"; digits "1,500,000.5", ".5"
        rf"(?P<whole>[-+]?[0-9]+)(?:[ ]+(?P<num>[1-9])/(?P<den>{den})|[ ]?(?P<vulgar>{vulgar}))"
        rf"{number_end}"
        rf"|(?:(?P<fnum>[1-9])/(?P<fden>{den})|(?P<fvulgar>{vulgar})){number_end}"
        # scientific notation: "1.3e6", "12.32e+14", "-12e-1", "2.48 x 10^-5", "3×10**8"
        rf"|(?P<decimal>{digits})(?:e(?P<exponent>[-+]?[0-9]{{1,3}})"
        rf"|[ ]*[x×*][ ]*10[ ]*(?:\^|\*\*)[ ]*(?P<power>[-+]?[0-9]{{1,3}}))?{number_end}",
        "numeral", read_numeral, as_match=True)
    fraction_end = rf"{END_WORD}(?!-[^\W_])"
    # between the words of one number: "forty-two", "fifty - two", "fifty   two", "two-thirds"
    word_break = r"(?:[ ]*-[ ]*|[ ]+)"
    # measures a number may be glued to by a hyphen, as an adjective ("a five-mile trail")
    hyphen_units = "|".join(f"(?:{pattern})" for pattern, kind, payload in suffixes()
                            if kind == "measure" and payload not in TIME_UNITS and payload != REGISTRY)

    def below_100(prefix: str) -> str:
        # a number word ends a word, not a compound: "forty" is not a number in "forty-two"
        # (that is the whole "forty-two") nor in "forty-year-old"; it is in "five-mile"
        end = rf"(?![^\W_]|-(?!(?:{hyphen_units}){END_WORD})[^\W_])"
        return (rf"(?P<{prefix}tens>{tens})(?:{word_break}(?P<{prefix}unit>{units}){end})?{end}"
                rf"|(?P<{prefix}small>{small}){end}")

    small = "|".join(sorted(SMALL, key=len, reverse=True))
    tens = "|".join(TENS)
    units = "|".join(DIGIT_WORDS)
    digit = rf"(?:zero|nought|naught|{units}){END_WORD}"
    decimals = rf"(?:{digit}(?:[ ]+{digit})*|(?:{tens})(?:{word_break}(?:{units}))?{END_WORD}|(?:{small}){END_WORD})"
    after_one_point = rf"(?:[ ]+(?:{SCALE_WORDS}|per[ ]?cent){END_WORD}|(?![ ]*[^\W\d_]))"
    def plain_below_100(prefix: str) -> str:
        """A number below 100 in words, read by ``_below_100``, where what follows is checked
        by the caller (no look-ahead for a hyphenated measure)."""
        return rf"(?P<{prefix}tens>{tens})(?:{word_break}(?P<{prefix}unit>{units}))?|(?P<{prefix}small>{small})"

    def fraction(prefix: str, a: bool = False) -> str:
        """A fraction in words ("two thirds", "fifty-four hundredths"; with ``a``, "a half"),
        read by ``_words_fraction``."""
        numerator = plain_below_100(prefix)
        if a:
            numerator = rf"(?P<{prefix}a>an?)|{numerator}"
        return rf"(?:{numerator}){word_break}(?P<{prefix}den>{FRACTION_WORDS}){fraction_end}"

    def spelled_fraction() -> str:
        """A fraction in words, read by ``_spelled_fraction``: a whole number (``wnum``), then
        an ordinal (``wden``). The numerator is as short as can be, so the denominator takes
        what it can: "one hundred thirty fifths" is 100/35, as "one one hundred fifth" is
        1/105; "and" is no denominator's ("one hundred and thirty fifths" is 130/5), and only
        "hundred" takes it in a numerator (after a larger scale word, a fraction after "and" is
        one of the scale: see ``tail``). A singular
        ordinal after "a", or beyond "tenth", is a fraction only before "of" or no word ("a
        hundredth of a second", not "a third term" nor "the one millionth visitor"); "of a"
        before a scale word makes a fraction of it ("two thirds of a million")."""
        word = rf"(?:{trie([*SMALL, *TENS, *COMPOUND_SCALES])}){END_WORD}"
        numerator = (rf"(?:(?P<wa>an?){END_WORD}|{word})"
                     rf"(?:(?:(?<=hundred)[ ]+and)?[ ]+{word}|(?<=ty)[ ]*-[ ]*{word})*?")
        unit_ordinals = "|".join(UNIT_ORDINALS)
        large = [word for word, value in ORDINALS.items() if value > 10]
        small_ordinals = [word for word, value in ORDINALS.items() if value <= 10]
        compound = rf"(?:first|{unit_ordinals})s?{END_WORD}"
        denominator = (
            rf"(?:(?P<wdhigh>one[ ]+(?:hundred|thousand))(?:[ ]+and)?[ ]+(?=(?:{tens}|{compound}))|)"
            rf"(?:(?P<wdtens>{tens}){word_break}(?={compound})|)"
            rf"(?(wdtens)|(?(wdhigh)|(?!first)))"
            rf"(?P<wdword>halves|first|(?P<wdlarge>{trie(large)})"
            rf"|{trie(['half', 'quarter', *small_ordinals])})"
            rf"(?P<wdplural>s)?{fraction_end}"
        )
        noun_after = rf"(?![ ]+(?!of{END_WORD})[^\W\d_])"
        guard = ""
        for group in ("wdlarge", "wdhigh", "wdtens", "wa"):
            guard = f"(?({group}){noun_after}|{guard})"
        of_a_scale = rf"(?:[ ]+of[ ]+an?(?=[ ]+(?:{SCALE_WORDS}){END_WORD}))?"
        return (rf"(?P<wnum>{numerator}){word_break}(?P<wden>{denominator})(?(wdplural)|{guard})"
                rf"{of_a_scale}")

    number_words = rx(
        # a spelled-out fraction first, so "two thirds" is not read as "two"
        rf"{spelled_fraction()}"
        rf"|(?:(?P<a>an?)(?=[ ]+hundred{END_WORD})|{below_100('')})"
        rf"(?:[ ]+(?P<hundred>hundred){END_WORD}"
        rf"(?:[ ]+(?:and[ ]+)?(?:{below_100('r')})(?![ ]+hundred)"
        rf"(?![ ]+(?:{'|'.join(DOZEN_WORDS)}){END_WORD})"
        rf"(?![ ]+(?:{FRACTION_WORDS}){fraction_end}))?)?"
        # decimals in words ("five point five", "two hundred point zero three"); after "one"
        # only before a scale, a percent or no word, since "at one point two men ..." is an idiom
        rf"(?:[ ]+(?P<point>point)(?:(?<!one[ ]point)|(?=[ ]+{decimals}{after_one_point}))[ ]+"
        rf"(?:(?P<pdigits>{digit}(?:[ ]+{digit})*)|(?:{plain_below_100('p')}){END_WORD}))?"
        rf"|(?P<ascale>{BEFORE_SCALE})(?=[ ]+(?:{SCALE_WORDS}){END_WORD})",
        "number words", read_number_words, as_match=True)

    # Optional pieces (Opt) consume the whitespace before them even when they do not match, so
    # "glued only" (1.5m, 5k) is a lookbehind, and the end of a quantity is found by stripping.
    def scale(name: str) -> str:
        glued = "|".join(word if word.islower() else f"(?-i:{word})" for word in GLUED_SCALES)
        return rf"(?P<{name}>(?<=[0-9{VULGAR_CHARS}])(?:{glued})|{SCALE_WORDS}){END_WORD}"

    # "and a half" before a scale applies to the number ("one and a half million"), after a
    # scale to the scale ("3 million and a quarter"), unless a scale follows ("one billion and
    # a half million" is a billion and half a million: see ``part``)
    smaller, larger = MULTIPLIED_SCALES
    multiplied = (f"(?:{'|'.join(f'(?<={word})' for word in smaller)})"
                  rf"[ ]+(?P<scale2>{'|'.join(larger)}){END_WORD}")
    tail = rx(rf"and[ ]+{fraction('h', a=True)}(?:[ ]+{scale('hscale')})?"
              rf"|{scale('scale')}(?:{multiplied})?"
              rf"(?:[ ]+and[ ]+{fraction('s', a=True)}(?![ ]+(?:{SCALE_WORDS}){END_WORD}))?",
              "scale", read_tail, as_match=True)
    # a smaller amount after a spelled-out scale word ("two thousand three hundred", "3 hundred
    # and 21", "one billion and a half million"); read_part decides whether it belongs
    part = rx(rf"(?:(?P<and>and)[ ]+)?(?:(?P<mnumeral>{numeral.pattern})|(?P<mwords>{number_words.pattern}))"
              rf"(?:[ ]+(?P<pscale>{SCALE_WORDS}){END_WORD})?",
              "part of a number", read_part, as_match=True)

    number = (numeral | number_words).set_name("number")
    currency_prefix = rx(CURRENCY_SIGN, "currency sign", read_currency_prefix)
    # a measure may be glued by a hyphen as an adjective ("a 27-kilometer tunnel", "a 3-inch
    # gap"), but not a span of time ("a 5-year plan" names the plan, not a duration)
    def glued(kind: str, payload: Any) -> str:
        return "-?" if kind == "measure" and payload not in TIME_UNITS else ""

    def minor(index: int) -> str:
        """The amount of the unit's smaller unit after it, if it has one ("50 cents"); of money,
        also without its word right after the unit where the phrase ends ("15 dollars 50."; not
        after "and": "between 15 dollars and 50" is no $15.50)."""
        if index not in MINOR_UNITS:
            return ""
        word = rf"[ ]*(?:{MINOR_UNITS[index][0]}){END_WORD}"
        if suffixes()[index][1] == "money":
            word = rf"(?:{word}|(?(m{index}and)(?!)|(?=[ ]*(?:[.,;:!?)\]]|$))))"
        return (rf"(?:[ ]+(?P<m{index}and>and[ ]+)?(?P<m{index}>(?P<m{index}d>[0-9]{{1,2}})(?![0-9])|(?:{plain_below_100(f'm{index}')}){END_WORD})"
                rf"{word})?")

    # no unit begins with punctuation, a digit or a space: a quick refusal before the hundred
    # alternatives (a number is often followed by "." or ","). Each alternative ends with an
    # empty group that names it (read_unit reads its name): a group around it would make the
    # regex enter every alternative before its first letter is compared, and a word that is no
    # unit ("66 million people live") would cost twice as much.
    suffix = rx(f"(?!{NOT_A_UNIT_START})(?:"
                + "|".join(f"{glued(kind, payload)}(?:{pattern}){END_WORD}{minor(i)}(?P<s{i}>)"
                           for i, (pattern, kind, payload) in enumerate(suffixes())) + ")",
                "unit", read_unit, as_match=True)

    # a measure's power, and the unit it is per: "km²", "km^2", "metres squared", "km/h", "50
    # meters per millisecond"
    per_unit = rf"(?:{registry.words_pattern(with_time=True)}|{'|'.join(TIME_WORDS)}s?)"
    # (the spaces before a word may have been skipped by an optional piece before: "$350 per kg")
    space = "(?:[ ]+|(?<=[ ]))"
    unit_tail = rx(rf"(?=[ ]*[/²³^]|{space}(?:per|squared|cubed){END_WORD})"
                   rf"(?P<power>[²³]|\^[23]|{space}(?:squared|cubed))?(?![0-9])"
                   rf"(?:(?:[ ]*/[ ]*|{space}per[ ]+)(?P<per>{per_unit}))?{END_WORD}",
                   "unit tail", read_unit_tail, as_match=True).leave_whitespace()
    # the unit with its tail (read once: the unit's regex is long), or alone where the tail
    # fits no reading of it
    unit = (suffix + pp.Opt(unit_tail)).set_parse_action(with_tail)

    # a whole number over another ("one over three", "2000 over 3", "two out of five hundred
    # tvs"): neither a scale nor a unit after it, and after "over" no word ("2000 over 3 years"
    # is a time, "over" a hedge in "one over 20 km"); "1 in 5" is left to the claim's words.
    # Tried before the number alone, which it begins with, where "over" or "out of" is near.
    no_more = ~tail + ~suffix + ~rx(rf"(?:{'|'.join(COMPOUND_SCALES)})s{END_WORD}", "plural scale")
    near = pp.FollowedBy(rx(rf"[-+.0-9a-z ]{{0,80}}?[ ](?:over|out[ ]+of){END_WORD}", "over near"))
    over = rx(rf"over{END_WORD}", "over") + number + no_more + ~pp.Regex(r"[^\W\d_]")
    out_of = rx(rf"out[ ]+of{END_WORD}", "out of") + number + no_more
    ratio = (near + number + (over | out_of)).set_name("ratio").set_parse_action(read_ratio)
    scaled = ((ratio | number) + pp.Opt(tail) + pp.ZeroOrMore(part)
              ).set_name("scaled number")

    # money after a sign per a unit: a price or a rate ("$350 per kg"; "$15 an hour" is not: "per"
    # or "/" only)
    per = unit_tail.copy().add_condition(lambda toks: toks[0].per is not None and toks[0].power == 1)
    negative = rx(rf"(?:{'|'.join(NEGATIVE_WORDS)}){END_WORD}", "negative", lambda: Negative())
    amounts = ((currency_prefix + scaled + pp.Opt(per))
               | (scaled + pp.Opt(unit | suffix)))
    amount = pp.Opt(negative) + amounts
    return amount.set_name("amount").set_parse_action(read_amount)
