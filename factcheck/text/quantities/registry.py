"""Measure units as pint's registry knows them, and currencies as ISO 4217 lists them, written
after a number.

Takes pint's default registry, pycountry's ISO 4217 table and the ``[registry]`` settings of
``rules/lexicon/units.toml``; gives every unit by its name, its aliases, their plurals and its
symbol, with the decimal SI prefixes on the units the settings list ("kilometre", "GWh", "µg"),
each mapped to the pint expression it reads as; and every currency by its code and its name
("5,000 XOF", "3 billion Nigerian naira"), also by the name's last word where no other currency
shares it ("3 billion naira"), each mapped to its code. Words that are ordinary English after a
number ("5 in a row", "3 counts", "4th", "5 real problems") or that the news means otherwise
("pounds", "degrees") are left to the settings' lists.

Importing pint and building its registry takes a third of a second, and pycountry is not needed
to read text, so the vocabularies are kept in ``pint_units.json`` and ``iso4217.json`` beside
this module and read from there; :func:`write` writes them again from the installed pint and
pycountry (``python -c "from factcheck.text.quantities import registry; registry.write()"``),
and a test checks that the files are what those give.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

from factcheck import resources
from factcheck.text.regexes import trie

VOCABULARY_FILE = Path(__file__).with_name("pint_units.json")
CURRENCY_FILE = Path(__file__).with_name("iso4217.json")
#: plurals not made by adding "s" or "es" (None: the word is a plural, or its own)
_IRREGULAR = {"foot": "feet", "feet": None, "millennium": "millennia", "millennia": None,
              "zloty": "zlotys", "ariary": None}


def settings() -> dict[str, Any]:
    """The ``[registry]`` table of ``rules/lexicon/units.toml``."""
    return resources.lexicon_file("units")["registry"]


def plural(name: str) -> str | None:
    """The English plural of a unit name ("mile per hour" -> "miles per hour"), or None where
    the name is its own plural ("hertz", "lux", "siemens")."""
    words = name.split(" ")
    at = words.index("per") - 1 if "per" in words[1:] else len(words) - 1
    word = words[at]
    if word in _IRREGULAR:
        if _IRREGULAR[word] is None:
            return None
        return " ".join([*words[:at], _IRREGULAR[word], *words[at + 1:]])
    if word[-1] in "sxz":
        return None
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        word = word[:-1] + "ies"
    elif word.endswith(("ch", "sh")):
        word += "es"
    else:
        word += "s"
    return " ".join([*words[:at], word, *words[at + 1:]])


def _decimal(scale: float) -> bool:
    """Whether a prefix is a power of ten: "kibi" and "semi" are not written before units in the news."""
    exponent = math.log10(scale)
    return abs(exponent - round(exponent)) < 1e-9


def _written(name: str) -> str:
    return name.replace("_", " ")


def _plain(word: str) -> bool:
    """A word of letters (and spaces), not a constant's subscripted symbol ("a_0", "ohm_90")."""
    return bool(word) and not any(c.isdigit() for c in word) and word.replace(" ", "").isalpha() \
        or word in ("°C", "°F", "%", "‰", "Ω", "Å")


def _word_like(spelling: str) -> bool:
    """Whether a name is written as a word, matched in any case ("metre", "light_year"), not
    as a symbol, matched as written ("BTU", "degC", "L")."""
    return (len(spelling.split("_")[0]) >= 3 and spelling[:1].islower()
            and (spelling.islower() or "_" in spelling))


def from_registry(ureg: Any, config: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Every written form of every unit of ``ureg`` -> its pint expression, by case: "names"
    (matched in any case) and "symbols" (as written), each split into measures and spans of
    time ("time_names", "time_symbols": read only after "per"; the time finder reads the rest)."""
    not_names = {w.lower() for w in config["not_names"]}
    not_symbols = set(config["not_symbols"])
    symbol_prefixes = config["symbol_prefixes"]
    prefixes = sorted((name, d) for name, d in ureg._prefixes.items()
                      if name and name == d.name and _decimal(d.converter.scale))
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}

    def add_names(spellings: list[str], prefix: str, expression: str) -> None:
        for spelling in spellings:
            written = _written(prefix + spelling)
            if not _plain(written) or not _word_like(spelling) or spelling.lower() in not_names:
                continue
            names.setdefault(written.lower(), expression)
            if (many := plural(written)) is not None:
                names.setdefault(many.lower(), expression)

    def symbol_spellings(definition: Any) -> list[str]:
        # the symbol, and aliases written like one ("L" of the litre)
        found = [definition.symbol, *(a for a in definition.aliases if not _word_like(a))]
        return [s for s in found if s and _plain(s)]

    # a unit defined under the same letters wins over a prefixed one ("dB" is the decibel)
    for unit_name, definition in sorted(ureg._units.items()):
        if unit_name == definition.name:
            add_names([definition.name, *definition.aliases], "", definition.name)
            for symbol in symbol_spellings(definition):
                symbols.setdefault(symbol, definition.name)
    for unit in config["prefixed"]:
        definition = ureg._units[unit]
        for prefix, pdef in prefixes:
            add_names([definition.name, *definition.aliases], prefix, prefix + definition.name)
            for psym in (pdef.symbol, *pdef.aliases):
                if psym in symbol_prefixes:
                    for symbol in symbol_spellings(definition):
                        symbols.setdefault(psym + symbol, prefix + definition.name)
    names = {w: e for w, e in names.items() if w not in not_names}
    symbols = {w: e for w, e in symbols.items() if w not in not_symbols}
    vocabulary: dict[str, dict[str, str]] = {"names": {}, "symbols": {}, "time_names": {}, "time_symbols": {}}
    for part, words in (("names", names), ("symbols", symbols)):
        for word, expression in sorted(words.items()):
            is_time = ureg.get_dimensionality(expression) == {"[time]": 1}
            vocabulary[f"time_{part}" if is_time else part][word] = expression
    return vocabulary


@functools.cache
def vocabulary() -> dict[str, dict[str, str]]:
    """The written forms of pint's units, as kept in ``pint_units.json``."""
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def expression(written: str) -> str:
    """The pint expression of a unit as written ("kilometres" -> "kilometer")."""
    words = vocabulary()
    key = " ".join(written.replace("-", " ").split())
    for part in ("symbols", "time_symbols"):
        if key in words[part]:
            return words[part][key]
    lowered = key.lower()
    return words["names"].get(lowered) or words["time_names"][lowered]


def words_pattern(*, with_time: bool = False) -> str:
    """A regex of the written units (symbols as written, names in any case; a name's spaces
    may be hyphens: "watt-hours"), with the spans of time too where ``with_time``."""
    words = vocabulary()
    symbols = [*words["symbols"], *(words["time_symbols"] if with_time else ())]
    names = [*words["names"], *(words["time_names"] if with_time else ())]
    return f"(?:(?-i:{trie(symbols)})|{trie(names).replace('[ ]+', '[ -]+')})"


def currencies_from_iso(currencies: Any, config: dict[str, Any]) -> dict[str, Any]:
    """The ISO 4217 currencies of ``currencies`` (pycountry's table) as written after a number:
    "codes" (as written, a sorted list) and "names" (in any case, singular and plural) -> the
    code. Left out:
    funds, metals and units of account (codes the settings list), names with a parenthesis, and
    as codes, those that are English words ("4 ALL", "TOP 10")."""
    not_names = {w.lower() for w in config["not_currency_names"]}
    skipped = set(config["not_currency_codes"])
    codes: list[str] = []
    names: dict[str, str] = {}
    last_words: dict[str, set[str]] = {}
    for currency in sorted(currencies, key=lambda c: c.alpha_3):
        code, name = currency.alpha_3, " ".join(currency.name.replace("’", "'").split())
        if code in skipped or "(" in name:
            continue
        if name.split()[-1].isupper():
            name = " ".join(name.split()[:-1])     # "CFA Franc BEAC": the issuer is not said
        if code not in config["currency_codes_that_are_words"]:
            codes.append(code)
        for written in (name.lower(), plural(name.lower())):
            if written is not None and written not in not_names:
                names.setdefault(written, code)
        last_words.setdefault(name.split()[-1].lower(), set()).add(code)
    for word, owners in sorted(last_words.items()):
        if len(owners) == 1 and word not in not_names:
            for written in (word, plural(word)):
                if written is not None and written not in not_names:
                    names.setdefault(written, next(iter(owners)))
    return {"codes": codes, "names": names}


@functools.cache
def currency_vocabulary() -> dict[str, Any]:
    """The written forms of ISO 4217's currencies, as kept in ``iso4217.json``."""
    return json.loads(CURRENCY_FILE.read_text(encoding="utf-8"))


def currency_pattern() -> str:
    """A regex of the written currencies (codes as written, also after "M" for millions: "MUSD";
    names in any case)."""
    words = currency_vocabulary()
    return f"(?:(?-i:M?{trie(words['codes'])})|{trie(list(words['names']))})"


def currency_code(written: str) -> tuple[str, float]:
    """The ISO 4217 code of a currency as written after a number, and how many of it one makes
    ("naira" -> NGN, 1; "MUSD", millions of dollars as finance writes them -> USD, 1e6)."""
    words = currency_vocabulary()
    key = " ".join(written.split())
    if key in words["codes"]:
        return key, 1.0
    if key[:1] == "M" and key[1:] in words["codes"]:
        return key[1:], 1e6
    return words["names"][key.lower()], 1.0


def write() -> None:
    """Write ``pint_units.json`` and ``iso4217.json`` from the installed pint and pycountry."""
    import pint
    import pycountry

    for path, vocabulary_ in ((VOCABULARY_FILE, from_registry(pint.UnitRegistry(), settings())),
                              (CURRENCY_FILE, currencies_from_iso(pycountry.currencies, settings()))):
        text = json.dumps(vocabulary_, indent=1, sort_keys=True, ensure_ascii=False)
        path.write_text(text + "\n", encoding="utf-8")

