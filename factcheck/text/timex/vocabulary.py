"""The words time expressions are written with, and the text the finder reads.

Takes nothing: gives the month, weekday, season, unit, number and preposition tables the
grammar (:mod:`.grammar`) and the finder (:mod:`.find`) share, the words after a number that
make it an amount rather than a date (``rules/lexicon/units.toml``, read once), and the
same-length normalization of a text (offsets in the copy are offsets in the text).
"""

from __future__ import annotations

from factcheck import resources
from factcheck.text.chars import translator

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month words that are far more often verbs when written in lower case.
VERB_MONTHS = {"may", "march", "mar"}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
WEEKDAY_PLURALS = {f"{day}s": n for day, n in WEEKDAYS.items()}      # "two Sundays from now"
# Weekday abbreviations that are no other English word ("Wed", "Sat", "Sun" are).
WEEKDAY_ABBREVIATIONS = {"tues": 1, "thurs": 3}
SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
           "winter": "winter"}
SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "quarter": "quarter", "quarters": "quarter", "year": "year",
    "years": "year", "decade": "decade", "decades": "decade",
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "final": 4}
_FIRST_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
#: Days of the month as ordinal words: "the second of August", "August the twenty-first",
#: "twenty second of June" (a space or a hyphen after twenty and thirty)
DAY_ORDINALS = {
    **{word: number for number, word in enumerate(
        [*_FIRST_ORDINALS, "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
         "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"], start=1)},
    **{f"twenty{sep}{word}": 21 + k for k, word in enumerate(_FIRST_ORDINALS) for sep in ("-", " ")},
    "thirtieth": 30, "thirty-first": 31, "thirty first": 31,
}
#: Years spelled out ("nineteen seventy eight", "two thousand and eighteen"): the words of the
#: numbers 0-99 and the centuries they follow
SMALL_NUMBERS = {
    **{word: n for n, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"])},
    "oh": 0,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
#: The first word of a year in words: "nineteen" in "nineteen seventy eight"
CENTURY_WORDS = {w: n for w, n in {**SMALL_NUMBERS, **TENS}.items() if 11 <= n <= 20}
#: Decades in words after a century ("the nineteen seventies"); alone they are as often ages
#: and temperatures ("in his seventies", "highs in the seventies")
DECADE_WORDS = {"tens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}
PART_WORDS = {"early": "early", "mid": "mid", "late": "late", "start": "early",
              "beginning": "early", "middle": "mid", "end": "late"}
PREPOSITIONS = {
    "in": "at", "on": "at", "during": "at", "throughout": "at", "since": "since",
    "until": "until", "till": "until", "til": "until", "through": "until", "thru": "until",
    "to": "until", "from": "from", "by": "by", "before": "before", "after": "after",
    "prior to": "before", "ahead of": "before",
}
# Prepositions that make a bare four-digit number a year ("in 2019", "by 2030").
YEAR_PREPOSITIONS = set(PREPOSITIONS) - {"on"}

# Words after a number that make it a quantity or a clock time rather than a year or a day
# (rules/lexicon/units.toml).
_QUANTITY_WORDS = "|".join(resources.lexicon_file("units")["not_a_date_before"])
NOT_A_QUANTITY = (
    r"(?!\.[0-9])(?!,[0-9]{3}(?![0-9]))"
    r"(?!\s*%)(?!\s*(?:" + _QUANTITY_WORDS + r")\b)"
)

# Typographic apostrophes, dashes and spaces mapped one character to one character, so
# offsets into the normalised copy are offsets into the original text.
NORMALISE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\t": " ", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    "\u2002": " ", "\u2003": " ", "\u3000": " ",
})

normalise = translator(NORMALISE)
