"""Quantities in news text, with the precision they were stated in and the hedge around them.

``find_quantities(text)`` returns one :class:`QuantitySpan` per quantity: ``66 million people``,
``about $1.4bn``, ``3.1%``, ``more than 500 sq mi``, ``between 2 and 3 million``. Each span
carries the stated value in base units (``number``), a normalized ``unit`` and the closed interval
``[low, high]`` of true values the claim covers, so a verifier can decide whether a reference
figure agrees with it.
A sign or a sign word makes the amount negative (``-3.2%``, ``minus 20 degrees``,
``negative one``).

Precision
    The half-width implied by the digits as written. An integer is exact at its last digit
    (``1,500,000`` -> 0.5); a decimal at its last decimal (``3.1`` -> 0.05); a scale word or
    suffix scales the precision with the value (``66 million`` -> 500,000; ``1.5m`` -> 50,000;
    ``2 hundred`` -> 50). Number words follow the same rule (``forty-two`` -> 0.5, ``two hundred``
    -> 50, ``two million`` -> 500,000, ``five point five`` -> 0.05); ``half a million`` counts as ``0.5 million`` (precision
    50,000); halves (``2 1/2``, ``2½``, ``one and a half``) are stated to the fraction's step
    (0.25 for halves, 0.125 for quarters, also after a scale: ``3 million and a quarter``);
    dozens count items (``a dozen`` -> 12 +- 0.5). A number of several parts is stated to its
    last part (``two thousand three hundred`` -> 2300 +- 50, ``4 thousand 3 hundred and 21`` ->
    4321 +- 0.5); digits after a scale word are a part only with a scale word of their own or as
    ``and 21`` after ``hundred`` ("$5 million and 300 jobs" are two quantities).
    Unit conversion converts the precision too (``5 miles`` -> 8.04672 km +- 0.804672).

Fractions and ratios
    Fractions in words have a whole number over any ordinal (``twenty one fifths`` -> 4.2,
    ``three twenty-firsts``, ``a hundredth of a second``, ``two thirds of a million``) and are
    stated to half the denominator's step; a singular ordinal after "a" or beyond "tenth" only
    before "of" or no word ("a third term", "the one millionth visitor" are ordinals). A whole
    number ``over`` or ``out of`` another is their ratio (``one over three``, ``two out of five
    hundred tvs``), not over a year, a unit or before a word ("rose 300 over 5 years"); "1 in 5"
    stays two numbers. Scientific notation is read (``1.3e6``, ``12.32e+14``).

Units
    Lengths are converted to ``"km"``, areas (sq km, km², square miles, hectares, acres) to
    ``"km2"``, masses (tonnes, tons, metric tons, kg) to ``"tonne"``, speeds to ``"km/h"``; other
    measures keep their unit under its pint name (``"liter"``, ``"megawatt"``, ``"year"``).
    Currencies are ISO codes (``"USD"``, ``"EUR"``, ``"GBP"``, ``"JPY"``, ``"CNY"``, ...),
    ``%``/percent/per cent is ``"percent"``, percentage and basis points ``"percentage_point"``,
    people/residents/inhabitants ``"people"`` and a few other count nouns themselves
    (``"jobs"``, ``"troops"``, ...). A glued ``m`` is million (``1.5m``, ``£4m``; so ``100m``
    sprint is 100 million too); metres must be spelled out. A measure may be glued by a hyphen
    as an adjective (``a 27-kilometer tunnel``), a span of time may not (``a 5-year plan``). The
    unit words the news writes its own way and the currencies are data:
    ``rules/lexicon/units.toml`` and ``currencies.toml``; after them, every currency of ISO 4217 is
    read by code and name (``500 XOF``, ``3 billion naira``), and every unit of pint's registry by
    name, plural, symbol and SI prefix (``5 GHz``, ``200 mAh``, ``12 watt-hours``), but the words
    that are English after a number (``5 in a row``, ``3 counts``, ``5 real problems``). Any measure may be
    raised to a power or be per another unit (``5 km^2``, ``5 km squared``, ``30 m/s``, ``10 feet
    per second``); money per a unit is a price or a rate in that currency per that unit
    (``$350 per kg`` -> ``"USD/kilogram"``, ``15 dollars per hour`` -> ``"USD/hour"``).

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
on a bounded window (no ``scan_string`` over the whole text), run by :mod:`factcheck.text.direct`
(pyparsing's parse without an exception for every failed alternative; an amount read once per
place, whether as a single amount or as the first end of a range). Units are normalized
with pint, imported on first use; one ``UnitRegistry`` is built and cached. The scanner never
raises on text: anything it cannot read is simply not a quantity. The modules:

- :mod:`.vocabulary`: normalization, number words, and the units and currencies of
  ``rules/lexicon/units.toml`` and ``currencies.toml``
- :mod:`.registry`: the units of pint's registry and the currencies of ISO 4217 as written
  (kept in ``pint_units.json`` and ``iso4217.json``)
- :mod:`.hedges`: the hedge table (``rules/lexicon/hedges.toml``), intervals, :class:`QuantitySpan`
- :mod:`.grammar`: the grammar of one amount and the typed values it gives
- :mod:`.readers`: the trigger and grammars for a hedge table
- :mod:`.find`: :func:`find_quantities`, candidate by candidate
"""

from __future__ import annotations

from factcheck.text.quantities.find import find_quantities, may_hold_quantity
from factcheck.text.quantities.hedges import (
    EXCLUSIVE_HEDGES, HEDGE_KINDS, HEDGES, QuantitySpan, hedge_key,
)

__all__ = [
    "EXCLUSIVE_HEDGES",
    "HEDGES",
    "HEDGE_KINDS",
    "QuantitySpan",
    "find_quantities",
    "hedge_key",
    "may_hold_quantity",
]
