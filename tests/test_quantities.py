"""Quantities in news text: formats, precision, hedges, near-misses and robustness."""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pyparsing as pp
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.text import quantities
from factcheck.text.quantities import find, grammar, readers
from factcheck.text.quantities.hedges import prepare_hedges
from factcheck.errors import FactcheckError, InputError
from factcheck.text.quantities import EXCLUSIVE_HEDGES, HEDGES, QuantitySpan, find_quantities, hedge_key

INF = math.inf
MILE = 1.609344
POUND = 0.45359237 / 1000   # a pound of weight in tonnes
FOOT = 0.0003048
SQ_MILE = MILE * MILE

PROPERTY = settings(max_examples=100, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def only(text: str, **kwargs) -> QuantitySpan:
    found = find_quantities(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------------------
# Formats: one quantity per text


class Case(NamedTuple):
    text: str
    span: str
    number: float
    unit: str | None
    hedge: str | None
    low: float
    high: float
    kind: str


FORMATS = {
    # digits, separators, decimals
    "integer": Case("killed 66 people", "66 people", 66, "people", None, 65.5, 66.5, "count"),
    "thousands separators": Case("1,500,000 residents", "1,500,000 residents", 1_500_000, "people",
                                 None, 1_499_999.5, 1_500_000.5, "count"),
    "decimal": Case("grew 3.1 last year", "3.1", 3.1, None, None, 3.05, 3.15, "count"),
    "space separators": Case("a population of 1 414 021 100.", "1 414 021 100", 1_414_021_100, None, None,
                             1_414_021_099.5, 1_414_021_100.5, "count"),
    "thin space separator and decimals": Case("1\u202f234\u202f567.89 euros", "1\u202f234\u202f567.89 euros",
                                              1_234_567.89, "EUR", None, 1_234_567.885, 1_234_567.895, "money"),
    "leading zero decimal": Case("0.5 of it", "0.5", 0.5, None, None, 0.45, 0.55, "count"),
    "separators and decimals": Case("1,234.5 tonnes", "1,234.5 tonnes", 1234.5, "tonne", None,
                                    1234.45, 1234.55, "measure"),
    "negative": Case("GDP fell by −3.2% in", "−3.2%", -3.2, "percent", None, -3.25, -3.15, "percent"),
    # scales
    "scale word": Case("66 million people", "66 million people", 66e6, "people", None, 65.5e6,
                       66.5e6, "count"),
    "suffix m": Case("1.5m people", "1.5m people", 1.5e6, "people", None, 1.45e6, 1.55e6, "count"),
    "suffix bn": Case("1.4bn", "1.4bn", 1.4e9, None, None, 1.35e9, 1.45e9, "count"),
    "suffix tn": Case("2.3tn", "2.3tn", 2.3e12, None, None, 2.25e12, 2.35e12, "count"),
    "suffix k": Case("5k runners", "5k", 5e3, None, None, 4.5e3, 5.5e3, "count"),
    "spaced decimal scale": Case("1.5 million", "1.5 million", 1.5e6, None, None, 1.45e6, 1.55e6, "count"),
    "billion": Case("2 billion", "2 billion", 2e9, None, None, 1.5e9, 2.5e9, "count"),
    "trillion": Case("3 trillion", "3 trillion", 3e12, None, None, 2.5e12, 3.5e12, "count"),
    "thousand": Case("5 thousand", "5 thousand", 5e3, None, None, 4.5e3, 5.5e3, "count"),
    # fractions
    "mixed fraction": Case("2 1/2 miles", "2 1/2 miles", 2.5 * MILE, "km", None, 2.25 * MILE,
                           2.75 * MILE, "measure"),
    "vulgar fraction": Case("2½ km", "2½ km", 2.5, "km", None, 2.25, 2.75, "measure"),
    "bare fraction": Case("3/4 of voters", "3/4", 0.75, None, None, 0.625, 0.875, "count"),
    "hyphenated unit adjective": Case("a 27-kilometer tunnel", "27-kilometer", 27, "km", None,
                                      26.5, 27.5, "measure"),
    "hyphenated unit of alternatives": Case("the 776-foot tower", "776-foot", 776 * FOOT, "km", None,
                                            775.5 * FOOT, 776.5 * FOOT, "measure"),
    "hyphenated unit abbreviation": Case("a 10-km race", "10-km", 10, "km", None, 9.5, 10.5, "measure"),
    "hyphenated unit of two words": Case("the 696-square-kilometre city", "696-square-kilometre", 696,
                                         "km2", None, 695.5, 696.5, "measure"),
    "number word hyphenated to a unit": Case("a six-mile trail", "six-mile", 6 * MILE, "km", None,
                                             5.5 * MILE, 6.5 * MILE, "measure"),
    "hyphenated decimal unit": Case("the 100-metre sprint", "100-metre", 0.1, "km", None, 0.0995,
                                    0.1005, "measure"),
    "fraction words": Case("two thirds", "two thirds", 2 / 3, None, None, 0.5, 5 / 6, "count"),
    "hyphenated fraction words": Case("Two-thirds of voters", "Two-thirds", 2 / 3, None, None,
                                      0.5, 5 / 6, "count"),
    "quarters of": Case("three quarters of the year", "three quarters", 0.75, None, None, 0.625,
                        0.875, "count"),
    "one fifth of": Case("one fifth of people", "one fifth", 0.2, None, None, 0.1, 0.3, "count"),
    "one third at the end": Case("only one third.", "one third", 1 / 3, None, None, 1 / 6, 0.5,
                                 "count"),
    "eighths": Case("seven eighths of it", "seven eighths", 0.875, None, None, 0.8125, 0.9375,
                    "count"),
    # number words
    "word": Case("seven people", "seven people", 7, "people", None, 6.5, 7.5, "count"),
    "hyphenated word": Case("forty-two", "forty-two", 42, None, None, 41.5, 42.5, "count"),
    "spaced compound word": Case("twenty one people", "twenty one people", 21, "people", None,
                                 20.5, 21.5, "count"),
    "hundreds word": Case("two hundred", "two hundred", 200, None, None, 150, 250, "count"),
    "hundreds and word": Case("three hundred and fifty", "three hundred and fifty", 350, None,
                              None, 349.5, 350.5, "count"),
    "a dozen": Case("a dozen eggs", "a dozen", 12, None, None, 11.5, 12.5, "count"),
    "half a million": Case("half a million", "half a million", 5e5, None, None, 4.5e5, 5.5e5, "count"),
    "half million": Case("half million usd", "half million usd", 5e5, "USD", None, 4.5e5, 5.5e5, "money"),
    "a quarter million": Case("a quarter million people", "a quarter million people", 2.5e5, "people", None,
                              2.25e5, 2.75e5, "count"),
    "two million": Case("two million", "two million", 2e6, None, None, 1.5e6, 2.5e6, "count"),
    "a billion": Case("a billion", "a billion", 1e9, None, None, 0.5e9, 1.5e9, "count"),
    "and a half": Case("one and a half million", "one and a half million", 1.5e6, None, None,
                       1.25e6, 1.75e6, "count"),
    "hundred thousand words": Case("three hundred thousand", "three hundred thousand", 3e5, None,
                                   None, 2.5e5, 3.5e5, "count"),
    "two biggest": Case("the world's two biggest economies", "two", 2, None, None, 1.5, 2.5, "count"),
    # percentages
    "percent sign": Case("5% growth", "5%", 5, "percent", None, 4.5, 5.5, "percent"),
    "decimal percent": Case("3.1%", "3.1%", 3.1, "percent", None, 3.05, 3.15, "percent"),
    "percent word": Case("5 percent", "5 percent", 5, "percent", None, 4.5, 5.5, "percent"),
    "per cent": Case("5 per cent", "5 per cent", 5, "percent", None, 4.5, 5.5, "percent"),
    "pc": Case("5.5pc rise", "5.5pc", 5.5, "percent", None, 5.45, 5.55, "percent"),
    "percentage points": Case("2 percentage points", "2 percentage points", 2, "percentage_point",
                              None, 1.5, 2.5, "percent"),
    "basis points": Case("50 basis points", "50 basis points", 0.5, "percentage_point", None,
                         0.495, 0.505, "percent"),
    # currencies
    "dollar sign billion": Case("$3.1 billion", "$3.1 billion", 3.1e9, "USD", None, 3.05e9,
                                3.15e9, "money"),
    "US$ bn": Case("US$5bn", "US$5bn", 5e9, "USD", None, 4.5e9, 5.5e9, "money"),
    "pound m": Case("£4m", "£4m", 4e6, "GBP", None, 3.5e6, 4.5e6, "money"),
    "euro sign": Case("€10", "€10", 10, "EUR", None, 9.5, 10.5, "money"),
    "yen sign": Case("¥100", "¥100", 100, "JPY", None, 99.5, 100.5, "money"),
    "yuan": Case("100 yuan", "100 yuan", 100, "CNY", None, 99.5, 100.5, "money"),
    "dollars word": Case("5 billion dollars", "5 billion dollars", 5e9, "USD", None, 4.5e9,
                         5.5e9, "money"),
    "euros word": Case("3 euros", "3 euros", 3, "EUR", None, 2.5, 3.5, "money"),
    "RMB prefix": Case("RMB 1bn", "RMB 1bn", 1e9, "CNY", None, 0.5e9, 1.5e9, "money"),
    "HK$": Case("HK$3bn", "HK$3bn", 3e9, "HKD", None, 2.5e9, 3.5e9, "money"),
    "code suffix": Case("5bn USD", "5bn USD", 5e9, "USD", None, 4.5e9, 5.5e9, "money"),
    "rupees crore": Case("Rs 500 crore", "Rs 500 crore", 5e9, "INR", None, 4.995e9, 5.005e9, "money"),
    # units
    "km": Case("100 km", "100 km", 100, "km", None, 99.5, 100.5, "measure"),
    "kilometres": Case("100 kilometres", "100 kilometres", 100, "km", None, 99.5, 100.5, "measure"),
    "miles": Case("5 miles", "5 miles", 5 * MILE, "km", None, 4.5 * MILE, 5.5 * MILE, "measure"),
    "km2": Case("5km2", "5km2", 5, "km2", None, 4.5, 5.5, "measure"),
    "km²": Case("5.5 km²", "5.5 km²", 5.5, "km2", None, 5.45, 5.55, "measure"),
    "sq km": Case("500 sq km", "500 sq km", 500, "km2", None, 499.5, 500.5, "measure"),
    "square kilometres": Case("643,801 square kilometres", "643,801 square kilometres", 643_801,
                              "km2", None, 643_800.5, 643_801.5, "measure"),
    "square miles": Case("500 square miles", "500 square miles", 500 * SQ_MILE, "km2", None,
                         499.5 * SQ_MILE, 500.5 * SQ_MILE, "measure"),
    "sq mi": Case("10 sq mi", "10 sq mi", 10 * SQ_MILE, "km2", None, 9.5 * SQ_MILE,
                  10.5 * SQ_MILE, "measure"),
    "hectares": Case("2,000 hectares", "2,000 hectares", 20, "km2", None, 19.995, 20.005, "measure"),
    "tonnes": Case("5 tonnes", "5 tonnes", 5, "tonne", None, 4.5, 5.5, "measure"),
    "tons": Case("5 tons", "5 tons", 5, "tonne", None, 4.5, 5.5, "measure"),
    "metric tons": Case("3 metric tons", "3 metric tons", 3, "tonne", None, 2.5, 3.5, "measure"),
    "kg": Case("20kg", "20kg", 0.02, "tonne", None, 0.0195, 0.0205, "measure"),
    "mph": Case("30 mph", "30 mph", 30 * MILE, "km/h", None, 29.5 * MILE, 30.5 * MILE, "measure"),
    "megawatts": Case("5 MW", "5 MW", 5, "megawatt", None, 4.5, 5.5, "measure"),
    "celsius": Case("40°C", "40°C", 40, "degree_Celsius", None, 39.5, 40.5, "measure"),
    "years": Case("for 10 years", "10 years", 10, "year", None, 9.5, 10.5, "measure"),
    "cubic feet": Case("2 trillion cubic feet of gas", "2 trillion cubic feet", 2e12, "foot ** 3", None, 1.5e12,
                       2.5e12, "measure"),
    "micrograms": Case("120 μg", "120 μg", 1.2e-10, "tonne", None, 1.195e-10, 1.205e-10, "measure"),
    "kmph": Case("at 80 kmph", "80 kmph", 80, "km/h", None, 79.5, 80.5, "measure"),
    "megabytes": Case("a 100 MB file", "100 MB", 100, "megabyte", None, 99.5, 100.5, "measure"),
    # count nouns
    "inhabitants": Case("3,000 inhabitants", "3,000 inhabitants", 3000, "people", None, 2999.5,
                        3000.5, "count"),
    "other count noun": Case("5,000 jobs", "5,000 jobs", 5000, "jobs", None, 4999.5, 5000.5, "count"),
    "year-like count": Case("1500 people", "1500 people", 1500, "people", None, 1499.5, 1500.5, "count"),
    # ranges
    "between and": Case("between 2 and 3 million", "between 2 and 3 million", 2.5e6, None, None,
                        1.5e6, 3.5e6, "range"),
    "hyphen range": Case("2-3 million", "2-3 million", 2.5e6, None, None, 1.5e6, 3.5e6, "range"),
    "en dash range": Case("2–3 million", "2–3 million", 2.5e6, None, None, 1.5e6, 3.5e6, "range"),
    "from to": Case("from 5 to 10 percent", "from 5 to 10 percent", 7.5, "percent", None, 4.5,
                    10.5, "range"),
    "to range": Case("5 to 10 percent", "5 to 10 percent", 7.5, "percent", None, 4.5, 10.5, "range"),
    "currency range": Case("$2bn-$3bn", "$2bn-$3bn", 2.5e9, "USD", None, 1.5e9, 3.5e9, "range"),
    "leading sign range": Case("$2-3bn", "$2-3bn", 2.5e9, "USD", None, 1.5e9, 3.5e9, "range"),
    "percent range": Case("5%-10%", "5%-10%", 7.5, "percent", None, 4.5, 10.5, "range"),
    "unscaled low end": Case("from 900,000 to 1.2 million", "from 900,000 to 1.2 million",
                             1.05e6, None, None, 899_999.5, 1.25e6, "range"),
    "word range": Case("two to three million", "two to three million", 2.5e6, None, None, 1.5e6,
                       3.5e6, "range"),
    # hedges
    "about": Case("about 1.4bn", "about 1.4bn", 1.4e9, None, "about", 1.4e9 - 0.05e9 - 0.14e9,
                  1.4e9 + 0.05e9 + 0.14e9, "count"),
    "an estimated": Case("an estimated 66 million people", "an estimated 66 million people", 66e6,
                         "people", "an_estimated", 58.9e6, 73.1e6, "count"),
    "some": Case("some 5,000 troops", "some 5,000 troops", 5000, "troops", "some", 4499.5,
                 5500.5, "count"),
    "nearly": Case("nearly 66 million", "nearly 66 million", 66e6, None, "nearly", 59.4e6, 66e6, "count"),
    "almost": Case("almost a billion dollars", "almost a billion dollars", 1e9, "USD", "almost",
                   0.9e9, 1e9, "money"),
    "close to": Case("close to 50%", "close to 50%", 50, "percent", "close_to", 45, 50, "percent"),
    "just under": Case("just under 5%", "just under 5%", 5, "percent", "just_under", 4.75, 5, "percent"),
    "more than": Case("more than 1,500 people", "more than 1,500 people", 1500, "people",
                      "more_than", 1500, INF, "count"),
    "over": Case("over 300 km", "over 300 km", 300, "km", "over", 300, INF, "measure"),
    "at least": Case("at least 5", "at least 5", 5, None, "at_least", 5, INF, "count"),
    "upwards of": Case("upwards of 200", "upwards of 200", 200, None, "upwards_of", 200, INF, "count"),
    "more than a dozen": Case("more than a dozen", "more than a dozen", 12, None, "more_than", 12,
                              INF, "count"),
    "under": Case("under 2%", "under 2%", 2, "percent", "under", -INF, 2, "percent"),
    "up to": Case("up to 10%", "up to 10%", 10, "percent", "up_to", -INF, 10, "percent"),
    "fewer than": Case("fewer than 10 people", "fewer than 10 people", 10, "people", "fewer_than",
                       -INF, 10, "count"),
    "no more than": Case("no more than 5", "no more than 5", 5, None, "no_more_than", -INF, 5, "count"),
    "hedged range": Case("roughly between 5% and 10%", "roughly between 5% and 10%", 7.5, "percent",
                         "roughly", 4.0, 11.5, "range"),
    "capitalized hedge": Case("About 5 people", "About 5 people", 5, "people", "about", 4.0, 6.0, "count"),
    # typography
    "non-breaking space": Case("66\u00a0million people", "66\u00a0million people", 66e6, "people",
                               None, 65.5e6, 66.5e6, "count"),
    "curly apostrophe context": Case("the world\u2019s 66 million", "66 million", 66e6, None, None,
                                     65.5e6, 66.5e6, "count"),
    "parenthesized": Case("(5%)", "5%", 5, "percent", None, 4.5, 5.5, "percent"),
    "sentence end": Case("It cost $5.", "$5", 5, "USD", None, 4.5, 5.5, "money"),
    # units of volume, mass and length beyond the metric everyday ones
    "millilitres glued": Case("75ml of water", "75ml", 75, "milliliter", None, 74.5, 75.5, "measure"),
    "inches": Case("12 inches of rain", "12 inches", 0.0003048, "km", None, 0.0002921, 0.0003175, "measure"),
    # fractions in words: the fraction, not its numerator ("two thirds" is not 2)
    "fraction in words": Case("two thirds of voters", "two thirds", 2 / 3, None, None, 0.5, 5 / 6, "count"),
    "hyphenated fraction in words": Case("a three-quarters majority", "three-quarters", 0.75, None, None,
                                         0.625, 0.875, "count"),
    "fraction in words, one fifth": Case("one fifth of the land", "one fifth", 0.2, None, None, 0.1, 0.3,
                                         "count"),
    "fraction in words, hundredths": Case("fifty-four hundredths", "fifty-four hundredths", 0.54, None,
                                          None, 0.535, 0.545, "count"),
    # compound numbers: a smaller part after a spelled-out scale word, stated to its last part
    "compound number words": Case("two thousand three hundred people", "two thousand three hundred people",
                                  2300, "people", None, 2250, 2350, "count"),
    "compound number words with and": Case("twenty-one trillion and three hundred",
                                           "twenty-one trillion and three hundred", 21e12 + 300, None,
                                           None, 21e12 + 250, 21e12 + 350, "count"),
    "compound number, several parts": Case("one million two thousand two hundred three",
                                           "one million two thousand two hundred three", 1_002_203,
                                           None, None, 1_002_202.5, 1_002_203.5, "count"),
    "compound number, digits and scale words": Case("4 thousand 3 hundred and 21 is", "4 thousand 3 hundred and 21",
                                                    4321, None, None, 4320.5, 4321.5, "count"),
    "compound number, half a scale after a scale": Case("one billion and a half million",
                                                        "one billion and a half million", 1.0005e9, None,
                                                        None, 1.00045e9, 1.00055e9, "count"),
    "compound number before a unit": Case("6 crore and two hundred rupees", "6 crore and two hundred rupees",
                                          60_000_200, "INR", None, 60_000_150, 60_000_250, "money"),
    # "and" a fraction: after a number, or after a scale (a fraction of the scale)
    "and a quarter": Case("five and a quarter", "five and a quarter", 5.25, None, None, 5.125, 5.375, "count"),
    "and two thirds": Case("forty two and two thirds", "forty two and two thirds", 42 + 2 / 3, None, None,
                           42 + 2 / 3 - 1 / 6, 42 + 2 / 3 + 1 / 6, "count"),
    "hundred and a fraction": Case("one hundred and three quarters", "one hundred and three quarters",
                                   100.75, None, None, 100.625, 100.875, "count"),
    "hundred and hundredths": Case("two hundred and fifty-four hundredths",
                                   "two hundred and fifty-four hundredths", 200.54, None, None, 200.535,
                                   200.545, "count"),
    "scale and a half": Case("3 million and a half", "3 million and a half", 3.5e6, None, None, 3.25e6,
                             3.75e6, "count"),
    "scale and a fraction": Case("five billion and three quarters", "five billion and three quarters",
                                 5.75e9, None, None, 5.625e9, 5.875e9, "count"),
    # a smaller unit after the unit
    "dollars and cents": Case("it cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD", None, 3.495,
                              3.505, "money"),
    "dollars and cents in words": Case("thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents",
                                       13.45, "USD", None, 13.445, 13.455, "money"),
    "pounds and glued pence": Case("3 pounds 50p", "3 pounds 50p", 3.5, "GBP", None, 3.495, 3.505, "money"),
    "feet and inches": Case("he is 5 feet 2 inches tall", "5 feet 2 inches", 62 * FOOT / 12, "km", None,
                            61.5 * FOOT / 12, 62.5 * FOOT / 12, "measure"),
    "ft and in": Case("he is 5 ft 2 in", "5 ft 2 in", 62 * FOOT / 12, "km", None, 61.5 * FOOT / 12,
                      62.5 * FOOT / 12, "measure"),
    "cents alone": Case("net rose 34 cents a share", "34 cents", 0.34, "USD", None, 0.335, 0.345, "money"),
    "pence alone": Case("a bid of 470 pence a share", "470 pence", 4.7, "GBP", None, 4.695, 4.705, "money"),
    # the smaller unit's amount without its word, where the phrase ends
    "dollars and cents unsaid": Case("it cost 15 dollars 50.", "15 dollars 50", 15.5, "USD", None, 15.495, 15.505,
                                     "money"),
    "code and cents unsaid": Case("a fee of 17 USD 25", "17 USD 25", 17.25, "USD", None, 17.245, 17.255, "money"),
    "dollars and cents in words unsaid": Case("thirteen dollars forty five", "thirteen dollars forty five", 13.45,
                                              "USD", None, 13.445, 13.455, "money"),
    # currencies the euro replaced, and a dollar sign after the number
    "guilders": Case("250 million Dutch guilders of bonds", "250 million Dutch guilders", 250e6, "NLG", None,
                     249.5e6, 250.5e6, "money"),
    "pesetas": Case("6.65 billion pesetas", "6.65 billion pesetas", 6.65e9, "ESP", None, 6.645e9, 6.655e9, "money"),
    "markka": Case("420 million Finnish markka", "420 million Finnish markka", 420e6, "FIM", None, 419.5e6,
                   420.5e6, "money"),
    "deutsche marks": Case("5 Deutsche Marks", "5 Deutsche Marks", 5, "DEM", None, 4.5, 5.5, "money"),
    "dollar sign after": Case("10 $ is not much", "10 $", 10, "USD", None, 9.5, 10.5, "money"),
    # kitchen measures, small lengths, angles and bits
    "tablespoons": Case("3 tablespoons butter", "3 tablespoons", 3, "tablespoon", None, 2.5, 3.5, "measure"),
    "half a cup": Case("add 1/2 cup olive oil", "1/2 cup", 0.5, "cup", None, 0.25, 0.75, "measure"),
    "teaspoon": Case("½ teaspoon baking powder", "½ teaspoon", 0.5, "teaspoon", None, 0.25, 0.75, "measure"),
    "radians glued": Case("the angle is 0.8rad", "0.8rad", 0.8, "radian", None, 0.75, 0.85, "measure"),
    "bits hyphenated": Case("a 16-bit chip", "16-bit", 16, "bit", None, 15.5, 16.5, "measure"),
    "nanometres": Case("a 5 nanometre chip", "5 nanometre", 5e-12, "km", None, 4.5e-12, 5.5e-12, "measure"),
    # "pounds": sterling where money is talked of, else the weight
    "pounds of weight": Case("she dropped 25 pounds", "25 pounds", 25 * POUND, "tonne", None, 24.5 * POUND,
                             25.5 * POUND, "measure"),
    "pounds of weight, decimals": Case("a metric ton is 2,204.62 pounds.", "2,204.62 pounds", 2204.62 * POUND,
                                       "tonne", None, 2204.615 * POUND, 2204.625 * POUND, "measure"),
    "pounds fined": Case("he was fined 25 pounds", "25 pounds", 25, "GBP", None, 24.5, 25.5, "money"),
    "pounds with a scale word": Case("a deal worth 361 million pounds", "361 million pounds", 361e6, "GBP", None,
                                     360.5e6, 361.5e6, "money"),
    "pounds sterling": Case("a gift of 50 pounds sterling", "50 pounds sterling", 50, "GBP", None, 49.5, 50.5,
                            "money"),
    "glued p": Case("a 5p charge", "5p", 0.05, "GBP", None, 0.045, 0.055, "money"),
    "code and dollar sign": Case("CAD$ 15", "CAD$ 15", 15, "CAD", None, 14.5, 15.5, "money"),

    "Turkish lira": Case("10 Turkish lira", "10 Turkish lira", 10, "TRY", None, 9.5, 10.5, "money"),
    # decimals in words
    "decimals in words": Case("minus five point five", "minus five point five", -5.5, None, None, -5.55, -5.45,
                              "count"),
    "decimals digit by digit": Case("two hundred point zero three", "two hundred point zero three", 200.03,
                                    None, None, 200.025, 200.035, "count"),
    "decimals as one number": Case("two point seventy-one", "two point seventy-one", 2.71, None, None, 2.705,
                                   2.715, "count"),
    "one point before a scale": Case("one point five million people", "one point five million people", 1.5e6,
                                     "people", None, 1.45e6, 1.55e6, "count"),
    "nought": Case("nought point nought three", "nought point nought three", 0.03, None, None, 0.025, 0.035,
                   "count"),
    # sign words
    "minus": Case("growth of minus 5%", "minus 5%", -5, "percent", None, -5.5, -4.5, "percent"),
    "minus a currency amount": Case("minus $3 billion", "minus $3 billion", -3e9, "USD", None, -3.5e9, -2.5e9,
                                    "money"),
    "negative word": Case("The answer is negative one", "negative one", -1, None, None, -1.5, -0.5, "count"),
    "lakh crore": Case("Rs 1.5 lakh crore", "Rs 1.5 lakh crore", 1.5e12, "INR", None, 1.45e12, 1.55e12, "money"),
    "thousand million": Case("two thousand million", "two thousand million", 2e9, None, None, 1.5e9, 2.5e9, "count"),
    "tln": Case("10 tln", "10 tln", 1e13, None, None, 0.95e13, 1.05e13, "count"),
}


@pytest.mark.parametrize("case", FORMATS.values(), ids=FORMATS.keys())
def test_format(case: Case) -> None:
    span = only(case.text)
    assert span.text == case.span
    assert case.text[span.start:span.end] == case.span
    assert span.number == pytest.approx(case.number, rel=1e-12)
    assert span.unit == case.unit
    assert span.hedge == case.hedge
    assert span.low == pytest.approx(case.low, rel=1e-12)
    assert span.high == pytest.approx(case.high, rel=1e-12)
    assert span.kind == case.kind


PRECISION = {
    "66 million": 500_000.0,
    "3.1": 0.05,
    "1,500,000": 0.5,
    "1.5m": 50_000.0,
    "0.25": 0.005,
    "2½": 0.25,
    "forty-two": 0.5,
    "two hundred": 50.0,
    "5 miles": 0.5 * MILE,
}


@pytest.mark.parametrize("text, precision", PRECISION.items(), ids=PRECISION.keys())
def test_precision(text: str, precision: float) -> None:
    assert only(text).precision == pytest.approx(precision, rel=1e-12)


# ---------------------------------------------------------------------------------------------
# Near-misses: dates, times, ordinals, names with digits


NOT_QUANTITIES = {
    "year after in": "It happened in 2019.",
    "year alone": "2019 was a hard year",
    "year with hedge-like word": "under 2019 rules",
    "year with count noun after in": "in 2019 cases rose",
    "decade": "the 1990s",
    "apostrophe decade": "the '90s",
    "year range": "from 2010 to 2020",
    "hyphen year range": "2019-2020",
    "season": "the 2019-20 season",
    "fiscal year slash": "2019/20",
    "between years": "between 2010 and 2015",
    "mid-year": "mid-2019",
    "ordinal word": "second-largest",
    "large ordinal word": "the one millionth visitor",
    "ordinal digits": "the 2nd time",
    "disease name": "Covid-19",
    "group name": "the G7",
    "jet": "an F-35",
    "day after month": "on March 5, 2019",
    "day before month": "on 5 March",
    "abbreviated month": "Sept. 5",
    "clock": "at 10:30",
    "pm": "at 5 pm",
    "a.m.": "at 5 a.m.",
    "glued pm": "10.30am",
    "o'clock": "at 5 o'clock",
    "compound adjective": "a 5-year plan",
    "number word before an age": "a forty-year-old man",
    "a quarter before a noun": "a quarter-final",
    "number word before a span of time": "a one-year plan",
    "around the clock": "24/7",
    "date fraction": "9/11",
    "a month": "a little over a month",
    "plural hundreds": "hundreds of people",
    "plural millions": "millions of dollars",
    "no one": "no one was hurt",
    "one another": "they blamed one another",
    "ordinal then a fraction word": "the second quarter",
    "an improper fraction in words": "three halves",
    "score": "won 3-2",
    "hyphenated span of time": "a 5-day week",
    "glued letters": "a 4x4 and 3D",
    "exponent glued to letters": "a 3e5a hash",
    "list without spaces": "1,2,3",
    "european decimal": "1,5",
    "hedge without number": "more than a month",
    "sign word without number": "the minus sign",
}


@pytest.mark.parametrize("text", NOT_QUANTITIES.values(), ids=NOT_QUANTITIES.keys())
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


# Spelled-out and written shapes: text -> value (the span is the whole text, or as noted)
SHAPES = {
    # fractions in words: the numerator a whole number, the denominator any ordinal; the
    # numerator as short as can be ("one hundred thirty fifths" is 100/35, as Recognizers-Text
    # reads it), "and" only the numerator's
    "twenty one fifths": 21 / 5,
    "twenty-three fifths": 23 / 5,
    "twenty fifths": 4,
    "twenty twenty fifths": 20 / 25,
    "one hundred and thirty fifths": 130 / 5,
    "one hundred thirty fifths": 100 / 35,
    "one hundred thirty-fifths": 100 / 35,
    "one hundred thirty two fifths": 132 / 5,
    "one hundred and thirty-two fifths": 132 / 5,
    "one million two thousand two hundred three fifths": 1_002_203 / 5,
    "one one hundred fifth": 1 / 105,
    "one one hundred and fifth": 1 / 105,
    "one hundred one thousand fifths": 100 / 1005,
    "three twenty-firsts": 3 / 21,
    "three twenty firsts": 3 / 21,
    "a twenty-first": 1 / 21,
    "one twenty-fifth": 1 / 25,
    "a trillionth": 1e-12,
    "a hundredth of a second": ("a hundredth", 0.01),
    "a hundred trillionths": 100 / 1e12,
    "a hundred thousand trillionths": 1e5 / 1e12,
    "ninety - five hundred fifths": 9500 / 5,
    "ninety - five hundred-fifths": 9500 / 5,
    "minus one hundred thirty fifths": -100 / 35,
    "one hundred and three quarters": 100.75,
    "seven fifths": 7 / 5,
    "two hundred thirty two and a thirtieth": 232 + 1 / 30,
    "a fifth": 0.2,
    "a half": 0.5,
    "cut by a third": ("a third", 1 / 3),
    "a quarter of the vote": ("a quarter", 0.25),
    # of a scale
    "two thirds of a million": 2e6 / 3,
    "a quarter of a million people": 250_000,
    # spaced hyphens and runs of spaces inside a number
    "fifty - two": 52,
    "fifty   two": 52,
    "one - fourth": 0.25,
    "five - eighths": 0.625,
    # naught
    "naught point five": 0.5,
    "nought point five": 0.5,
    # dozens
    "3 dozens": 36,
    "three dozen": 36,
    "three dozens": 36,
    "3 dzs": 36,
    "five dozs": 60,
    "three hundred and two dozens": 324,    # a part with a dozen of its own
    # scientific notation, mixed numbers with several spaces
    "1e6": 1e6,
    "1.3e6": 1.3e6,
    "12.32e+14": 12.32e14,
    "-12e-1": -1.2,
    "2  1/4": 2.25,
    # a whole number over another
    "one over three": 1 / 3,
    "1 over 3": 1 / 3,
    "2000 over 3": 2000 / 3,
    "1 over one hundred and twenty one": 1 / 121,
    "negative one over 20": -0.05,
    "one out of three": 1 / 3,
    "two out of five hundred tvs": ("two out of five hundred", 2 / 500),
}


@pytest.mark.parametrize("text, value", SHAPES.items(), ids=SHAPES.keys())
def test_shape(text: str, value: float | tuple[str, float]) -> None:
    written, value = value if isinstance(value, tuple) else (text, value)
    span = only(text)
    assert span.text == written
    assert span.number == pytest.approx(value, rel=1e-12)


#: news phrases near those shapes: the word that is no fraction's denominator (nor a dozen)
NOT_SHAPES = {
    "an ordinal after a": ("for a third time", "third"),
    "an ordinal before a noun": ("a fifth consecutive year", "fifth"),
    "a large ordinal": ("the one hundredth anniversary", "hundredth"),
    "a compound ordinal": ("on the twenty-fourth of May", "fourth"),
    "a compound ordinal, spaced": ("the twenty fifth anniversary", "fifth"),
    "an ordinal with its hundreds": ("the two hundred fifth anniversary", "fifth"),
    "improper halves": ("the two halves of the city", "halves"),
    "improper quarters": ("all four quarters", "quarters"),
    "a half and a noun": ("a half hour", "half"),
    "a half after and": ("a year and a half", "half"),
    "dozens without a count": ("dozens of people", "dozens"),
    "ordinals in sport": ("won three firsts", "firsts"),
    "a time": ("thirty seconds", "seconds"),
    "a quarter past": ("at a quarter past five", "quarter"),
}
#: "over" a time or a year, or before a unit: a hedge or a comparison, no ratio
NOT_RATIOS = {
    "over a span of time": ("it rose 300 over 5 years", ["300", "over 5 years"]),
    "over a year": ("up 3 over 2019", ["3"]),
    "over a measure": ("won one over 20 km", ["one", "over 20 km"]),
    "over a decimal": ("1.5 over 3", ["1.5", "over 3"]),
    "out of a count noun's unit": ("5 out of 10 people", ["5", "10 people"]),
    "in": ("1 in 5 adults", ["1", "5"]),
}


@pytest.mark.parametrize("text, spans", NOT_RATIOS.values(), ids=NOT_RATIOS.keys())
def test_not_a_ratio(text: str, spans: list[str]) -> None:
    assert [s.text for s in find_quantities(text)] == spans


@pytest.mark.parametrize("text, word", NOT_SHAPES.values(), ids=NOT_SHAPES.keys())
def test_not_a_shape(text: str, word: str) -> None:
    assert not any(word in s.text.split() or s.text.endswith("-" + word) for s in find_quantities(text))


SEPARATE = {
    "digits after a scale word and 'and'": ("$5 million and 300 jobs", ["$5 million", "300 jobs"]),
    "digits after a scale word": ("2 million 300 people", ["2 million", "300 people"]),
    "a small word after a scale word": ("one million two years ago", ["one million", "two years"]),
    "a larger part": ("two thousand three thousand", ["two thousand", "three thousand"]),
    "digits before a scale": ("4000 3 hundred and 21", ["4000", "3 hundred and 21"]),
    "an abbreviated scale": ("5bn 200 million", ["5bn", "200 million"]),
    "dollars, 'and' and a number": ("prices between 15 dollars and 50.", ["15 dollars", "50"]),
    "dollars and a count": ("won 15 dollars 50 times", ["15 dollars", "50"]),
    "'in' before a word is no inches": ("5 feet 2 in London", ["5 feet", "2"]),
    "no smaller unit": ("5 dollars 50 people", ["5 dollars", "50 people"]),
    "a year before a count": ("in 2019 100 people died", ["100 people"]),
    "no group of three digits": ("1 2345", ["1", "2345"]),
    "a day of the month before a number": ("on May 5 100 people died", ["100 people"]),
    "a spaced p is no pence": ("see 50 p", ["50"]),
    "an English word like a currency code": ("try 5 times", ["5"]),
    "the idiom 'at one point'": ("At one point two men entered", ["one", "two"]),
    "a fraction before a scale": ("one billion and three quarters million",
                                  ["one billion and three quarters million"]),
}


@pytest.mark.parametrize("text, spans", SEPARATE.values(), ids=SEPARATE.keys())
def test_where_one_number_ends_and_the_next_begins(text: str, spans: list[str]) -> None:
    assert [s.text for s in find_quantities(text)] == spans


def test_near_miss_leaves_the_real_quantity() -> None:
    found = find_quantities("Covid-19 killed 5,000 people in 2020 and the G7 pledged $1bn.")
    assert [s.text for s in found] == ["5,000 people", "$1bn"]


def test_several_quantities_sorted_with_offsets() -> None:
    text = ("France, with about 66 million people and an area of 643,801 sq km, spent $3.1 billion "
            "\u2014 nearly 2% of its budget \u2014 in 2019, up from between 2 and 3 bn euros.")
    found = find_quantities(text)
    assert [s.text for s in found] == [
        "about 66 million people", "643,801 sq km", "$3.1 billion", "nearly 2%",
        "between 2 and 3 bn euros"]
    for span in found:
        assert text[span.start:span.end] == span.text
    assert [s.start for s in found] == sorted(s.start for s in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert found[-1].unit == "EUR" and found[-1].kind == "range"


def test_quantities_do_not_cross_line_breaks() -> None:
    found = find_quantities("It cost 5\nmillion reasons\r\nand 7 people")
    assert [s.text for s in found] == ["5", "7 people"]


def test_offsets_survive_crlf_tabs_and_nbsp() -> None:
    text = "a\r\n\tabout\u00a05\u202fmillion\tpeople"
    span = only(text)
    assert span.text == "about\u00a05\u202fmillion\tpeople"
    assert text[span.start:span.end] == span.text
    assert span.number == 5e6 and span.hedge == "about"


def test_range_units_that_disagree_are_not_a_range() -> None:
    found = find_quantities("sales rose 5% to 10.2 billion")
    assert [(s.text, s.kind) for s in found] == [("5%", "percent"), ("10.2 billion", "count")]


def test_descending_pair_is_not_a_range() -> None:
    assert [s.text for s in find_quantities("the vote was 5 to 4")] == ["5", "4"]


# ---------------------------------------------------------------------------------------------
# Hedge tables


def test_default_hedge_keys() -> None:
    assert set(HEDGES) >= {"about", "around", "roughly", "approximately", "some", "an estimated",
                           "nearly", "almost", "close to", "just under", "more than", "over",
                           "above", "upwards of", "at least", "less than", "under", "below",
                           "fewer than", "up to", "at most", "no more than"}
    assert hedge_key("More  than") == "more_than"
    assert EXCLUSIVE_HEDGES <= {hedge_key(p) for p in HEDGES}


def test_the_default_hedge_table_is_the_rule_packs() -> None:
    """One table: rules/lexicon/hedges.toml, whether a caller or the claim extractor asks."""
    from factcheck.rules.loader import HEDGE_KINDS as RULE_HEDGE_KINDS, load_rules

    assert dict(HEDGES) == load_rules().hedges
    assert set(RULE_HEDGE_KINDS) == quantities.HEDGE_KINDS
    assert EXCLUSIVE_HEDGES == {"more_than", "over", "above", "upwards_of", "less_than", "under",
                                "below", "fewer_than"}


#: A hedged figure and the interval it covers (stated value, precision and hedge margin).
HEDGED = {
    "just under 100": ("just_under", 95, 100),              # below, margin 0.05
    "about 66 million": ("about", 58.9e6, 73.1e6),          # approx, 66m +- 0.5m +- 10%
    "more than 1,000": ("more_than", 1000, INF),            # lower bound, exclusive
    "nearly 5%": ("nearly", 4.5, 5),                        # below, margin 0.10
}


@pytest.mark.parametrize("text", HEDGED)
def test_the_interval_a_hedge_gives(text: str) -> None:
    from factcheck.rules.loader import load_rules

    hedge, low, high = HEDGED[text]
    for span in (only(text), only(text, hedges=load_rules().hedges)):
        assert span.text == text and span.hedge == hedge
        assert (span.low, span.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text,quantity,hedge", [
    ("Exports have gone up to $5 billion.", "$5 billion", None),
    ("Prices went down to 3 euros.", "3 euros", None),
    ("The index shot up to 12%.", "12%", None),
    ("The ferry carries up to 300 people.", "up to 300 people", "up_to"),
    ("Up to 40 tonnes were moved.", "Up to 40 tonnes", "up_to"),
])
def test_up_to_after_a_verb_of_motion_is_where_a_figure_went(text: str, quantity: str, hedge) -> None:
    [span] = find_quantities(text)
    assert (span.text, span.hedge) == (quantity, hedge)


@pytest.mark.parametrize("text", ["just under 100 people", "about 66 million", "more than 1,000 people"])
def test_the_interval_a_claim_gets(text: str, seeded_sqlite_url) -> None:
    from datetime import date

    from factcheck.api import extract_claims
    from factcheck.store.database import Store

    claims = extract_claims(f"France has a population of {text}.", date(2023, 10, 25),
                            store=Store(seeded_sqlite_url))
    assert [c.predicate for c in claims] == ["population"]
    quantity = claims[0].quantity
    assert (quantity.low, quantity.high) == (only(text).low, only(text).high)


def test_custom_hedge_table_replaces_the_default() -> None:
    table = {"circa": ("approx", 0.2), "~": ("approx", 0.5), "well over": ("lower_bound", 0.0)}
    found = find_quantities("about 5, circa 10, ~20 and well over 30", hedges=table)
    assert [(s.text, s.hedge) for s in found] == [
        ("5", None), ("circa 10", "circa"), ("~20", "~"), ("well over 30", "well_over")]
    assert found[1].low == pytest.approx(10 - 0.5 - 2) and found[1].high == pytest.approx(10 + 0.5 + 2)
    assert found[3].low == 30 and found[3].high == INF


def test_empty_hedge_table_disables_hedges() -> None:
    assert only("about 5", hedges={}).text == "5"


@pytest.mark.parametrize("table", [
    {"about": ("fuzzy", 0.1)},
    {"about": ("approx", -0.1)},
    {"about": ("approx", float("nan"))},
    {"about": 0.1},
    {"  ": ("approx", 0.1)},
    {"about": (["approx"], 0.1)},
    ["about"],
], ids=["unknown kind", "negative margin", "nan margin", "not a pair", "blank phrase",
        "unhashable kind", "not a mapping"])
def test_invalid_hedge_table(table) -> None:
    with pytest.raises(InputError) as info:
        find_quantities("about 5", hedges=table)
    assert isinstance(info.value, FactcheckError)


def test_exclusive_bounds() -> None:
    more = only("more than 5")
    assert not more.covers(5) and more.covers(5.01) and not more.covers(4)
    least = only("at least 5")
    assert least.covers(5) and least.covers(1e9)
    under = only("under 5%")
    assert not under.covers(5) and under.covers(4.99)
    about = only("about 100")
    assert about.covers(89.5) and about.covers(110.5) and not about.covers(111)


# ---------------------------------------------------------------------------------------------
# Units, robustness and speed


def test_unit_registry_is_built_once() -> None:
    only("5 miles")
    registry = grammar.unit_registry()
    only("5 acres")
    assert grammar.unit_registry() is registry
    assert grammar.unit_registry.cache_info().misses == 1


# every unit of pint's registry, by name, plural, symbol and prefix; powers and rates of any
# measure; words that are English after a number stay words
REGISTRY_UNITS = [
    ("a 5 GHz processor", "5 GHz", 5.0, "gigahertz"),
    ("3 kWh of power", "3 kWh", 3.0, "kilowatt_hour"),
    ("a 200 mAh battery", "200 mAh", 200.0, "milliampere_hour"),
    ("12 watt-hours", "12 watt-hours", 12.0, "watt_hour"),
    ("a 5 megatonne blast", "5 megatonne", 5e6, "tonne"),
    ("10 µg of lead", "10 µg", 1e-11, "tonne"),
    ("3 V batteries", "3 V", 3.0, "volt"),
    ("250 cc engines", "250 cc", 250.0, "cubic_centimeter"),
    ("14 stone", "14 stone", 14 * 6.35029318e-3, "tonne"),
    ("7 knots", "7 knots", 7 * 1.852, "km/h"),
    ("5 km^2", "5 km^2", 5.0, "km2"),
    ("an area of 5 km squared", "5 km squared", 5.0, "km2"),
    ("5 m³ of sand", "5 m³", 5.0, "meter ** 3"),
    ("50 km/ms", "50 km/ms", 50 * 3.6e6, "km/h"),
    ("at 30 m/s", "30 m/s", 108.0, "km/h"),
    ("speeds of 50 meters per millisecond", "50 meters per millisecond", 180000.0, "km/h"),
    ("10 feet per second", "10 feet per second", 10 * FOOT * 3600, "km/h"),
    ("a 27-kilometer tunnel", "27-kilometer", 27.0, "km"),
]


@pytest.mark.parametrize("text, span, number, unit", REGISTRY_UNITS)
def test_units_of_pints_registry(text: str, span: str, number: float, unit: str) -> None:
    found = only(text)
    assert (found.text, found.unit, found.kind) == (span, unit, "measure")
    assert found.number == pytest.approx(number, rel=1e-6)


@pytest.mark.parametrize("text, span, number, unit", [
    ("gallium sold at $350 per kg", "$350 per kg", 350.0, "USD/kilogram"),
    ("paid 15 dollars per hour", "15 dollars per hour", 15.0, "USD/hour"),
    ("oil at $80/barrel", "$80/barrel", 80.0, "USD/barrel"),
    ("between $3 and $4 per hour", "between $3 and $4 per hour", 3.5, "USD/hour"),
    ("$5 per share", "$5", 5.0, "USD"),            # not a unit: the amount alone
])
def test_money_per_a_unit(text: str, span: str, number: float, unit: str) -> None:
    found = only(text)
    assert (found.text, found.unit) == (span, unit)
    assert found.number == pytest.approx(number)


@pytest.mark.parametrize("text", ["won 5 in a row", "faces 3 counts of fraud", "3 bars of gold",
                                  "threw 5 stones", "10 degrees", "the 4th", "Plan 7 B", "45 N",
                                  "$350 per kg", "3 people per km²"])
def test_words_after_a_number_that_are_not_pints_units(text: str) -> None:
    assert all(q.kind != "measure" for q in find_quantities(text)), find_quantities(text)


def test_the_unit_vocabulary_is_what_pints_registry_gives() -> None:
    """``pint_units.json`` and ``iso4217.json`` are written again with ``registry.write()``."""
    import pint
    import pycountry

    from factcheck.text.quantities import registry

    assert registry.from_registry(pint.UnitRegistry(), registry.settings()) == registry.vocabulary()
    assert registry.currencies_from_iso(pycountry.currencies, registry.settings()) \
        == registry.currency_vocabulary()


# every currency of ISO 4217 by code and name after a number, by the name's last word where no
# other currency has it; the currencies of currencies.toml first
ISO_CURRENCIES = [
    ("a fine of 3 billion naira", "3 billion naira", 3e9, "NGN"),
    ("500 XOF", "500 XOF", 500.0, "XOF"),
    ("20 million Kenyan shillings", "20 million Kenyan shillings", 2e7, "KES"),
    ("100 zlotys", "100 zlotys", 100.0, "PLN"),
    ("50 billion rupiah", "50 billion rupiah", 5e10, "IDR"),
    ("1,000 Swiss francs", "1,000 Swiss francs", 1000.0, "CHF"),
    ("5 Saudi riyals", "5 Saudi riyals", 5.0, "SAR"),
    ("300 rupees", "300 rupees", 300.0, "INR"),
    ("a loss of 30 MUSD", "30 MUSD", 3e7, "USD"),         # millions, as finance writes them
    ("48.5 MGBP", "48.5 MGBP", 4.85e7, "GBP"),
]


@pytest.mark.parametrize("text, span, number, unit", ISO_CURRENCIES)
def test_currencies_of_iso_4217(text: str, span: str, number: float, unit: str) -> None:
    found = only(text)
    assert (found.text, found.unit, found.kind) == (span, unit, "money")
    assert found.number == pytest.approx(number)


@pytest.mark.parametrize("text", ["5 real problems", "the team won 5 in a row", "5 Afghanis were hurt",
                                  "20 dinars", "3 pesos", "10 francs", "4 ALL"])
def test_currency_words_that_are_english_or_shared_are_no_currency(text: str) -> None:
    assert all(q.kind != "money" for q in find_quantities(text)), find_quantities(text)


@pytest.mark.parametrize("text, span, number, unit", [
    ("a $2.17T economy", "$2.17T", 2.17e12, "USD"),
    ("it raised 1.2b", "1.2b", 1.2e9, None),
    ("a $5b deal", "$5b", 5e9, "USD"),
    ("€3b of aid", "€3b", 3e9, "EUR"),
    ("a 100t crane", "100t", 100.0, "tonne"),     # a glued "t" is tonnes, "T" a trillion
])
def test_glued_billions_and_trillions(text: str, span: str, number: float, unit: str | None) -> None:
    found = only(text)
    assert (found.text, found.unit) == (span, unit)
    assert found.number == pytest.approx(number)


@pytest.mark.parametrize("text, span, number, unit", [
    ("a rate of 2.48 x 10^-5", "2.48 x 10^-5", 2.48e-5, None),
    ("1.3x10^6 km away", "1.3x10^6 km", 1.3e6, "km"),
    ("light runs at 3×10**8 m/s", "3×10**8 m/s", 3e8 * 3.6, "km/h"),
])
def test_powers_of_ten(text: str, span: str, number: float, unit: str | None) -> None:
    found = only(text)
    assert (found.text, found.unit) == (span, unit)
    assert found.number == pytest.approx(number)


@pytest.mark.parametrize("text", ["Article 5b says", "Plan 7B", "the 5bth"])
def test_a_glued_b_after_a_whole_number_is_a_letter(text: str) -> None:
    assert find_quantities(text) == []


def test_pint_is_imported_lazily() -> None:
    code = ("import sys, factcheck.text.quantities as q; assert 'pint' not in sys.modules; "
            "q.find_quantities('5 people'); assert 'pint' not in sys.modules; "
            "q.find_quantities('5 km'); assert 'pint' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(quantities.__file__).parents[2])


@pytest.mark.parametrize("text", [
    "", "\x00", "\x00" * 1000 + "5 km", "1" * 5000, "9" * 150 + " people", "$", "$$$5", "about",
    "between 5 and", "from 5%", "½⅓¼", "٣٤ ١٢", "五百", "5" + " " * 500 + "million",
    "-" * 100 + "5", "5" + "%" * 50, "1,000," * 100, "a " * 100 + "a million",
], ids=lambda t: repr(t[:20]))
def test_odd_inputs_do_not_raise(text: str) -> None:
    for span in find_quantities(text):
        assert text[span.start:span.end] == span.text
        assert span.low <= span.high and math.isfinite(span.number)


def test_non_string_input_gives_nothing() -> None:
    assert find_quantities(None) == []  # type: ignore[arg-type]


def test_long_inputs_need_bounded_work(monkeypatch) -> None:
    attempts = []
    original = find.parse_at
    monkeypatch.setattr(find, "parse_at",
                        lambda scanner, work, start, range_word: attempts.append(start)
                        or original(scanner, work, start, range_word))
    for text in ("1" * 200_000, "\x00" * 200_000, " " * 200_000,
                 ("about" + " " * 1000) * 200, "x1 " * 60_000):
        attempts.clear()
        assert find_quantities(text) == []
        assert len(attempts) <= 2
    article = ("The country's 66 million people earn about $40,000 a year; in 2019 some 3.1% "
               "were unemployed, up from between 2 and 3 million in 2010. ") * 100
    attempts.clear()
    assert len(find_quantities(article)) == 4 * 100
    assert len(attempts) <= 8 * 100     # a parse or two per candidate, never a scan


def test_within_reads_only_the_given_ranges() -> None:
    sentence = "Exports rose 5.2% to $3.1 billion. About 40,000 workers joined in 2019. "
    text = sentence * 30
    sentences = [(m.start(), m.end()) for m in re.finditer(r"(?:Exports|About).*?\. ", text)]
    chosen = sentences[::4]
    everything = find_quantities(text)
    inside = [s for s in everything if any(a <= s.start < b for a, b in chosen)]
    assert find_quantities(text, within=chosen) == inside and inside
    assert find_quantities(text, within=[]) == []


def test_nothing_to_read_builds_no_grammar() -> None:
    # a first text with no sentence worth reading (a short article without numbers) is checked
    # without building the grammars of its hedge table
    from factcheck.text.quantities.readers import scanner_for

    hedges = {"give or take": ("approx", 0.1)}     # a table no other test builds grammars for
    before = scanner_for.cache_info().misses
    assert find_quantities("Exports rose 5.2% to $3.1 billion.", hedges=hedges, within=[]) == []
    assert scanner_for.cache_info().misses == before
    assert find_quantities("Exports rose 5.2% to $3.1 billion.", hedges=hedges)
    assert scanner_for.cache_info().misses == before + 1


# ---------------------------------------------------------------------------------------------
# Properties


SCALES = [("", Decimal(1)), (" million", Decimal(10**6)), ("m", Decimal(10**6)),
          (" bn", Decimal(10**9)), ("bn", Decimal(10**9)), (" billion", Decimal(10**9)),
          ("k", Decimal(1000)), (" thousand", Decimal(1000)), (" trillion", Decimal(10**12)),
          ("tn", Decimal(10**12))]
PREFIXES = [("$", "USD"), ("US$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("RMB ", "CNY")]
SUFFIXES = [(" km", "km", 1.0), (" kilometres", "km", 1.0), (" miles", "km", MILE),
            (" sq km", "km2", 1.0), (" square miles", "km2", SQ_MILE), (" tonnes", "tonne", 1.0),
            (" people", "people", 1.0), (" residents", "people", 1.0), (" dollars", "USD", 1.0),
            (" euros", "EUR", 1.0), (" yuan", "CNY", 1.0)]
PERCENTS = ["%", " percent", " per cent"]


@st.composite
def numerals(draw) -> tuple[str, Decimal, bool]:
    """(digits as written, value, looks like a bare year)."""
    whole = draw(st.integers(min_value=0, max_value=10**9))
    decimals = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=4)))
    grouped = draw(st.booleans())
    written = f"{whole:,}" if grouped else str(whole)
    if decimals:
        written += "." + decimals
    yearish = not decimals and not (grouped and whole >= 1000) and 1000 <= whole <= 2199
    return written, Decimal(written.replace(",", "")), yearish


@st.composite
def rendered_quantities(draw) -> tuple[str, float, str | None]:
    """A number in a random format: (text, value in normalized units, unit)."""
    written, value, yearish = draw(numerals())
    form = draw(st.sampled_from(["bare", "prefix", "suffix", "percent"]))
    if form == "percent":
        return written + draw(st.sampled_from(PERCENTS)), float(value), "percent"
    scale_text, scale = draw(st.sampled_from(SCALES))
    if form == "bare":
        assume(not (yearish and scale == 1))
        return written + scale_text, float(value * scale), None
    if form == "prefix":
        sign, code = draw(st.sampled_from(PREFIXES))
        return sign + written + scale_text, float(value * scale), code
    suffix, unit, factor = draw(st.sampled_from(SUFFIXES))
    return written + scale_text + suffix, float(value * scale) * factor, unit


WORDS_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
               "fourteen fifteen sixteen seventeen eighteen nineteen").split()
WORDS_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    if n < 20:
        return WORDS_SMALL[n]
    if n < 100:
        return WORDS_TENS[n // 10 - 2] + (f"-{WORDS_SMALL[n % 10]}" if n % 10 else "")
    rest = f" and {in_words(n % 100)}" if n % 100 else ""
    return f"{WORDS_SMALL[n // 100]} hundred{rest}"


@PROPERTY
@given(rendered_quantities(), st.sampled_from(["Officials said ", "", "(", "It was "]),
       st.sampled_from([" on Tuesday.", "", ".", ", officials said", ")"]))
def test_rendered_numbers_parse_back(rendered, before: str, after: str) -> None:
    written, value, unit = rendered
    text = before + written + after
    span = only(text)
    assert span.text == written
    assert span.start == len(before)
    assert math.isclose(span.number, value, rel_tol=1e-9, abs_tol=1e-12)
    assert span.unit == unit
    assert span.hedge is None
    assert span.low <= span.number <= span.high


@PROPERTY
@given(st.integers(min_value=0, max_value=999), st.sampled_from(["", " million", " billion"]))
def test_number_words_parse_back(n: int, scale: str) -> None:
    text = f"Officials said {in_words(n)}{scale} on Tuesday."
    span = only(text)
    factor = {"": 1, " million": 10**6, " billion": 10**9}[scale]
    assert span.text == in_words(n) + scale
    assert span.number == n * factor


HEDGE_PHRASES = sorted(HEDGES)


@PROPERTY
@given(rendered_quantities(), st.sampled_from(HEDGE_PHRASES), st.booleans())
def test_hedge_semantics(rendered, phrase: str, capitalize: bool) -> None:
    written, value, _unit = rendered
    hedge_text = phrase.capitalize() if capitalize else phrase
    span = only(f"They said {hedge_text} {written} yesterday")
    kind, margin = HEDGES[phrase]
    assert span.hedge == hedge_key(phrase)
    assert span.text == f"{hedge_text} {written}"
    assert math.isclose(span.number, value, rel_tol=1e-9, abs_tol=1e-12)
    if kind == "approx":
        assert span.low <= value <= span.high
        assert span.high - span.low == pytest.approx(2 * (span.precision + margin * abs(span.number)))
    elif kind == "below":
        assert span.high == span.number
        assert span.low == pytest.approx(span.number * (1 - margin))
    elif kind == "lower_bound":
        assert span.low == span.number and span.high == INF
    else:
        assert span.low == -INF and span.high == span.number


@PROPERTY
@given(rendered_quantities())
def test_more_than_is_an_open_lower_bound(rendered) -> None:
    written, value, _unit = rendered
    span = only(f"more than {written}")
    assert span.low == span.number and math.isclose(span.low, value, rel_tol=1e-9, abs_tol=1e-12)
    assert span.high == INF
    assert not span.covers(span.number)


TOKENS = ["about", "more than", "between", "and", "from", "to", "-", "–", "5", "2019", "1,500",
          "3.1", "million", "bn", "m", "k", "%", "per cent", "$", "£", "US$", "km", "sq", "miles",
          "people", "a", "dozen", "half", "forty-two", "two", "hundred", "Covid-19", "March",
          "pm", ":", "/", "½", "\u00a0", "\n", "\u2019", "\x00", "one", "no", ".", ","]


def check_invariants(text: str, found: list[QuantitySpan]) -> None:
    previous_end = 0
    for span in found:
        assert isinstance(span, QuantitySpan)
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end
        assert text[span.start:span.end] == span.text
        assert span.low <= span.high
        assert math.isfinite(span.number) and math.isfinite(span.precision) and span.precision >= 0
        assert span.kind in {"count", "money", "percent", "measure", "range"}
        assert span.unit is None or isinstance(span.unit, str)


@PROPERTY
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    check_invariants(text, find_quantities(text))


@PROPERTY
@given(st.lists(st.sampled_from(TOKENS), max_size=30), st.lists(st.sampled_from(["", " ", "  "]),
                                                                  min_size=30, max_size=30))
def test_token_soup_never_raises(tokens: list[str], gaps: list[str]) -> None:
    text = "".join(token + gap for token, gap in zip(tokens, gaps))
    check_invariants(text, find_quantities(text))


# ---------------------------------------------------------------------------------------------
# The compiled grammars (factcheck.text.direct) give what pyparsing gives


def _scanner():
    return readers.scanner_for(prepare_hedges(None)[1])


def _by_pyparsing(grammar):
    """``grammar.parse_string`` as the compiled grammars answer: the tokens, or None."""
    def read(window):
        try:
            return grammar.parse_string(window)
        except pp.ParseBaseException:
            return None
    return read


def _by_grammar(scanner, work, start, range_word):
    """What find.parse_at gives when pyparsing reads everything."""
    limit = min(len(work), start + find.WINDOW)
    newline = work.find("\n", start, limit)
    cut = newline == -1 and limit < len(work)
    window = work[start:newline if newline != -1 else limit]
    found = None if range_word else find.parse_window(_by_pyparsing(scanner.single), window, cut)
    if range_word or (found is None and readers.RANGE_HINT.match(window)) or (
            found is not None and readers.SEPARATOR_AFTER.match(window, found[2])):
        found = find.parse_window(_by_pyparsing(scanner.full), window, cut) or found
    return None if found is None else (found[0], found[1], start + found[2])


@pytest.mark.parametrize("window", [
    "$3.1 billion in exports", "66 million people live", "5.2% to", "about 12,000 workers",
    "€40bn.", "two and a half km away", "1,500 tonnes of", "nearly 3/4 of", "forty-two percent",
    "US$5 million", "a dozen eggs", "two thousand people", "3 hundred people", "more than 1.5m barrels a day", "5.2% to $3.1 billion",
    "5 to 6 percent", "$2-3bn", "2023-10-25.", "10-20 km", "3 to the", "between 2 and 3 million",
    "from 5% to 6%", "one over three", "two out of five hundred tvs",
])
def test_common_amounts_read_as_pyparsing_reads_them(window):
    scanner = _scanner()
    found = find.parse_at(scanner, window, 0, window.startswith(("between", "from")))
    assert found == _by_grammar(scanner, window, 0, window.startswith(("between", "from")))
    for grammar, read in ((scanner.single, scanner.read_single), (scanner.full, scanner.read_full)):
        expected, got = _by_pyparsing(grammar)(window), read(window)
        assert (expected is None) == (got is None)
        if expected is not None:
            assert (got.as_list(), got.as_dict()) == (expected.as_list(), expected.as_dict())


_HEDGE_PIECES = ["", "about ", "nearly ", "more than ", "up to  ", "at least ", "some ", "~"]
_SIGN_PIECES = ["", "$", "US$ ", "€", "£ ", "¥", "CN¥", "Rs.", "USD ", "EUR ", "A$", "minus ", "negative $",
                "minus  "]
_NUMBER_PIECES = ["3", "12", "1,500", "3.1", "-5", ".5", "2 1/2", "3/4", "½", "2½", "1/0", "2023",
                  "one", "twenty", "twenty-two", "a", "an", "half a", "a hundred and five", "dozen",
                  "forty-year", "5/4", "five point five", "one point two", "two hundred point zero three",
                  "a fifth", "two thirds of a", "twenty one fifths", "one hundred thirty fifths",
                  "one hundred and three quarters", "a twenty-first", "fifty - two", "1.3e6", "-12e-1",
                  "2  1/4", "naught point five", "three hundred and two", "one over three", "2 over 3",
                  "1.5 over 3", "two out of five hundred", "3 over 2019"]
_SCALE_PIECES = ["", "million", "bn", "m", "k", "thousand", "and a half", "and a half million",
                 "dozen", "thousand three hundred", "hundred and 21", "million and 300", "million two",
                 "million and a quarter", "billion and a half million", "and two thirds", "thousand 5 hundred",
                 "trillion and three hundred and fifty", "lakh crore", "thousand million", "dozens",
                 "dzs", "of a million"]
_UNIT_PIECES = ["", "%", "per cent", "percent", "km", "square kilometres", "tonnes", "people", "km/h", "km²",
                "metres per second", "km squared", "GWh", "mAh", "V", "kg per", "°C/s", "people per km²",
                "US dollars", "dollars", "euros", "dollars 50 cents", "feet 2 in", "feet and 3 inches", "pounds 20p", "-strong", "/7", ":30", "'s", "s", "19", "year",
                ", officials", ".", "officials", "-10-25", "-10"]
_RANGE_PIECES = ["", "", " to 5", " to 6%", "-6", " - 7 million", " to $4bn", " to the", " to one",
                 " to 5/4", "-3bn", " to about 6", " to 2"]
_GAPS = st.sampled_from(["", " ", "  "])


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.tuples(st.sampled_from(_HEDGE_PIECES), st.sampled_from(_SIGN_PIECES),
                 st.sampled_from(_NUMBER_PIECES), _GAPS, st.sampled_from(_SCALE_PIECES), _GAPS,
                 st.sampled_from(_UNIT_PIECES), st.sampled_from(_RANGE_PIECES), _GAPS).map("".join),
       st.booleans())
def test_the_compiled_grammar_agrees_with_pyparsing(window, cut):
    scanner = _scanner()
    work = window + ("x" * find.WINDOW if cut else "")    # a window the limit cuts
    assert find.parse_at(scanner, work, 0, False) == _by_grammar(scanner, work, 0, False), window



_WIDE_STARTS = ["U.S.$ -.5", "Rs. -.5", "usd -.5", "CN¥ +.5", "half an trillion", "a thousand",
                "seventeen", "5", "½", "twenty"]


@pytest.mark.parametrize("own_hedges", [False, True])
def test_the_trigger_reads_no_further_than_its_reach(own_hedges):
    """What the scan of a range sees past the range's end is enough to decide every trigger
    starting inside it: no attempt reads more than ``reach`` characters from where it starts.
    Every hedge, range word and widest first numeral, with every gap as long as the longest."""
    table = dict(HEDGES, **{"in the region of": ("approx", 0.1), "approx.": ("approx", 0.1),
                            "~": ("approx", 0.1)}) if own_hedges else None
    scanner = readers.scanner_for(prepare_hedges(table)[1])
    hedges = ["", *(table or HEDGES)]
    for gap, hedge, range_word, start, after in itertools.product(
            [" ", " " * 4], hedges, ["", "between", "from"], _WIDE_STARTS, ["", "x", " 5", "."]):
        text = gap.join(w for part in (hedge, range_word, start) for w in part.split(" ") if w) + after
        reach = scanner.reach(readers.longest_space_run(text))
        whole = scanner.trigger.match(text, 0)
        cut = scanner.trigger.match(text, 0, reach)
        assert (whole and (whole.span(), whole.groupdict())) == (cut and (cut.span(), cut.groupdict())), text
        assert whole is not None or not start[0].isdigit(), text
