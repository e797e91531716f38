"""The words and signs quantities are written with, and the text the scanner reads.

Takes nothing: gives the same-length normalization of a text (so offsets in the working copy are
offsets in the caller's text), number and scale words, fractions, and the currencies and units
of ``rules/lexicon/currencies.toml`` and ``units.toml`` (read once), with the regex pieces the
grammar (:mod:`.grammar`) and the trigger (:mod:`.readers`) are built from.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from factcheck import resources
from factcheck.text.chars import translator
from factcheck.text.quantities import registry
from factcheck.text.regexes import trie

# ---------------------------------------------------------------------------------------------
# Text normalization: a same-length translation

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = ("\t\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000")
TRANSLATE = {
    **{ord(c): "\n" for c in _LINE_BREAKS},
    **{ord(c): " " for c in _SPACES},
    **{ord(c): "'" for c in "\u2018\u2019\u02bc\u2032"},
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"},
}

translate = translator(TRANSLATE)


# ---------------------------------------------------------------------------------------------
# Numbers

SMALL = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
DIGIT_WORDS = [w for w, v in SMALL.items() if 1 <= v <= 9]

# scale words after a number (spaced or glued) and glued-only suffixes
SCALES = {
    "hundred": 100, "thousand": 1000, "lakh": 100_000, "million": 10**6, "mn": 10**6,
    "mln": 10**6, "crore": 10**7, "billion": 10**9, "bn": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "tln": 10**12,
    "dozen": 12, "dozens": 12, "doz": 12, "dozs": 12, "dz": 12, "dzs": 12,
}
#: the words of a dozen: a smaller part of a number may have one of its own ("three hundred
#: and two dozen" is 300 + 24)
DOZEN_WORDS = [word for word, factor in SCALES.items() if factor == 12]
#: the scale words a smaller amount may follow in one number ("two million three hundred
#: thousand", "4 thousand 3 hundred and 21"): spelled out, not abbreviations nor "dozen"
COMPOUND_SCALES = ("hundred", "thousand", "lakh", "million", "crore", "billion", "trillion")
#: a scale word of the first set may be multiplied by one of the second after it ("three lakh
#: crore", "two thousand million")
MULTIPLIED_SCALES = (("hundred", "thousand", "lakh"), ("million", "crore", "billion", "trillion"))
#: scales glued to the number ("5k", "1.5m", "$1.2b", "$2.17T"), in any case but "T" (a glued "t"
#: is tonnes: "100t")
GLUED_SCALES = {"k": 1000, "m": 10**6, "b": 10**9, "T": 10**12}

VULGAR = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8),
    "⅞": (7, 8),
}
#: ordinals a tens word may come before in a denominator ("three twenty-firsts", "one hundred
#: thirty fifths"); "first" only there, "second" never ("thirty seconds" is a time)
UNIT_ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
ORDINALS = {
    **UNIT_ORDINALS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 10**6, "billionth": 10**9, "trillionth": 10**12,
}
#: spelled-out denominators: "two thirds", "three-quarters", "one fifth", "54 hundredths"
#: ("seconds" is a unit); a singular one beyond "tenth" is an ordinal before a noun ("the one
#: millionth visitor"), which the grammar tells apart
DENOMINATOR_WORDS = {
    "half": 2, "halves": 2, "quarter": 4, "quarters": 4,
    **ORDINALS, **{word + "s": value for word, value in ORDINALS.items()},
}
FRACTION_WORDS = "|".join(sorted(DENOMINATOR_WORDS, key=len, reverse=True))
FRACTION_DENOMINATORS = "2348"  # "1/2", "3/4"; "9/11" or "24/7" are not fractions


# ---------------------------------------------------------------------------------------------
# Units and currencies: rules/lexicon/units.toml and currencies.toml

_UNIT_FILE = resources.lexicon_file("units")
_CURRENCIES = resources.lexicon_file("currencies")["currencies"]
#: Words that make "pounds" after a number sterling rather than the weight (see currencies.toml)
POUND_MONEY_WORDS = frozenset(resources.lexicon_file("currencies").get("pound_money_words", ()))

#: a currency sign or code as written before a number, in upper case -> ISO code
CURRENCY_PREFIXES = {written.upper(): currency["code"] for currency in _CURRENCIES
                     for written in (*currency["signs"], *currency["codes"])}
_CURRENCY_SIGNS = [sign.lower() for currency in _CURRENCIES for sign in currency["signs"]]
_CURRENCY_CODES = [code.lower() for currency in _CURRENCIES for code in currency["codes"]]


#: the payload of the suffixes() entry of pint's units (see :mod:`.registry`)
REGISTRY = "<registry>"
#: the payload of the suffixes() entry of ISO 4217's currencies
ISO_4217 = "<iso4217>"


def _unit_entry(unit: Mapping[str, Any]) -> tuple[str, str, Any]:
    if unit["kind"] == "measure":
        return unit["words"], "measure", unit["pint"]
    return unit["words"], unit["kind"], (unit["name"], float(unit.get("factor", 1.0)))


@functools.cache
def suffixes() -> tuple[tuple[str, str, Any], ...]:
    """Unit words after a number: (regex, kind, payload). Kind "measure" payloads are pint unit
    expressions; the others are (unit name, factor). Earlier entries win, so compounds come
    first. (Made on first use: the regexes of pint's and ISO 4217's words take a while.)"""
    return (
        *map(_unit_entry, _UNIT_FILE["units"]),
        *((currency["names"], "money", (currency["code"], 1.0)) for currency in _CURRENCIES),
        *((currency["minor"]["words"], "money", (currency["code"], 1 / currency["minor"]["per"]))
          for currency in _CURRENCIES if currency.get("minor", {}).get("alone")),
        # then every other currency of ISO 4217 and every other unit pint knows (their payload:
        # looked up by the words matched)
        (registry.currency_pattern(), "money", ISO_4217),
        (registry.words_pattern(), "measure", REGISTRY),
    )


#: suffixes() index -> (regex, how many make one): the smaller unit whose amount may follow the
#: unit's ("3 dollars 50 cents", "5 ft 2 in")
MINOR_UNITS: dict[int, tuple[str, int]] = {
    i: (entry["minor"]["words"], int(entry["minor"]["per"]))
    for i, entry in enumerate([*_UNIT_FILE["units"], *_CURRENCIES]) if "minor" in entry}

# pint dimensionality -> (target unit expression, normalized unit name); other dimensions keep
# the stated unit under its pint name ("liter", "megawatt", "year", ...).
CANONICAL_UNITS = tuple(_UNIT_FILE["measure_units"].items())


# ---------------------------------------------------------------------------------------------
# Regex pieces

END_WORD = r"(?![^\W_])"
VULGAR_CHARS = "".join(VULGAR)
NUMBER_WORDS = trie([*SMALL, *TENS])
SCALE_WORDS = trie(list(SCALES))
#: what may follow "a" in a fraction: a denominator ("a fifth") or the tens of one ("a twenty-first")
A_FRACTION = trie([*DENOMINATOR_WORDS, *TENS])
# a sign ("$", "US$"), or a code the number follows at once or after a space ("EUR 5", "Rs.5")
CURRENCY_SIGN = f"{trie(_CURRENCY_SIGNS)}|(?:{trie(_CURRENCY_CODES)})(?=[ ]?[-+.0-9])"
#: the characters a currency sign may begin with, other than letters
SIGN_STARTS = "".join(sorted({sign[0] for sign in _CURRENCY_SIGNS if not sign[0].isalpha()}))

GLUE = r"[^\W_]|[-./:,'][^\W_]"  # what may not follow a quantity: letters, "-19", "/7", ":30"
