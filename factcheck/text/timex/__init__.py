"""Time expressions in news text, resolved to closed date intervals.

``find_times(text, published)`` returns one ``TimeSpan`` per expression, sorted by offset,
non-overlapping, leftmost-longest. A span includes its introducing preposition ("since
September", "through Saturday") and ``relation`` says which one it was::

    in, on, during, throughout, (none)        -> "at"
    since                                     -> "since"
    until, till, 'til, through, thru, to      -> "until"
    from -> "from"   by -> "by"   before, prior to, ahead of -> "before"   after -> "after"

How it works
------------
One compiled regular expression (``find.TRIGGER``) finds "core" words: month and weekday names,
seasons, day/week/month/quarter/year/decade, weekend, today/tomorrow/..., decades in words
("seventies"), Q1-Q4, H1/H2, four-digit numbers, days with a suffix ("27th"), "'90s". Each hit
is widened backwards over up to six "lead" words (prepositions, the, of, this/last/next,
early/mid/late, end, numbers, ordinals ...). At each word start of that run,
leftmost first, a pyparsing grammar is tried on a short window of text; the first that matches
wins and the scan goes on after the match. The grammar is split by the class of the word after
the optional preposition (``grammar.PHRASES["month"]``, ``["year"]``, ``["the"]`` ...), so an attempt
only tries alternatives that can begin with that word. Running pyparsing at these few places
only keeps the cost one regex pass plus a bounded amount of work per candidate: linear in the
size of the text. Within a class the alternatives are ordered most specific first
(``MatchFirst``), which yields the longest reading at a position. The grammars are run by
:mod:`factcheck.text.direct` (pyparsing's parse without an exception for every failure), each
choice trying only the alternatives whose beginning, as a regex of the grammar's own leaves,
matches there (:mod:`factcheck.text.guards`). The modules:

- :mod:`.vocabulary`: the word tables, and the words after a number that make it an amount
  (``rules/lexicon/units.toml``)
- :mod:`.intervals`: calendar helpers and the typed values phrases resolve from
- :mod:`.grammar`: the phrase grammars, one per class of first word
- :mod:`.readers`: the grammar memoized on the part of a window it reads
- :mod:`.find`: :func:`find_times`: triggers, lead words, context, tense

Resolution rules (``published`` is the article's publication date)
-------------------------------------------------------------------
* Absolute: ``2023-10-25``, ``2015/08/12``, ``2019-sep-1``, ``October 25, 2023``, ``Oct. 25, 2023``,
  ``25 October 2023``, ``the 25th of October``, ``October 25-27, 2023`` (precision "range"),
  ``September 2023``, ``May of 2021``, ``the month of May``, ``Dec, 2018``, ``2017 April``, ``2016, Nov``
  (where the phrase ends), ``2016-11``, ``11/2016`` (month first: a day and a month in numbers are
  left alone),
  ``2016/3``, ``in 2019``, ``2019-21`` (range), ``the 1990s`` / ``the nineteen nineties`` /
  ``the noughties`` (decade), ``spring 2022``, ``the summer of 2022``, ``winter 2022-23``, ``Q3 2023``,
  ``the third quarter of 2023``, ``the first half of 2023`` / ``H1 2023`` (range). Days may be
  ordinal words (``May twenty-first``, ``the twenty second of June``) and years words after a
  month or a date (``June of nineteen ninety nine``, ``September 10, two thousand``) where the
  phrase ends with them.
* A day and month without a year (``October 25``, ``Oct-2``, ``28-Nov``) take the publication year.
* A day alone, ``the 27th`` / ``on 22nd`` / ``Friday the 13th``, is the latest such day on or
  before the publication date (with a weekday, the latest that falls on it), or the first on
  or after it in a sentence about the future (see Tense). ``the second Monday of next month``,
  ``the last Friday in May``: that day of the month named; ``the 15th of next month`` that day of the month
  relative to publication; ``the first week of May``, ``the last
  week of 2027``: seven days from the start (to the end) of the month or year ("range").
* ``the '90s``: the latest decade of those tens that ended before the publication year.
* A month abbreviation alone (``in Sept``, ``this Jan``) is a month only after a preposition
  other than to/from/on/by, or after this/last/next, and not before ``'s`` or a capitalised
  word ("to Jan", "in Jan's house", "Jan Kowalski" are names).
* Bare years (1000-2199) count only in a date-like context: after in/since/until/till/through/
  to/by/from/during/before/after/of/"year", as ``2019's``, or naming the event they modify
  after a determiner ("the 2016 presidential election", "Pakistan's 2023 census", "the 1920
  Battle of Warsaw"). Quantities (``2023 tonnes``,
  ``1500 GMT``, ``2,023``, ``2023.5``) are not years.
* ``early``/``mid``/``late`` and ``the start/middle/end of`` take the first, middle or last
  third: of a year Jan-Apr / May-Aug / Sep-Dec, of a decade years 0-3 / 4-6 / 7-9, of a month
  days 1-10 / 11-20 / 21-end, of a season or quarter its first / second / third month, of a
  week Mon-Tue / Wed-Thu / Fri-Sun ("range"); of a day, the day itself.
* Seasons are meteorological, northern hemisphere: spring Mar-May, summer Jun-Aug, autumn/fall
  Sep-Nov, winter Dec-Feb; "winter 2022" is Dec 2022 - Feb 2023.
* ``today``/``tonight``/``this morning`` = published; ``yesterday``/``last night`` = -1 day;
  ``tomorrow`` = +1 day.
* ``last/this/next week|month|quarter|year`` are calendar units next to the one holding the
  publication date (weeks run Monday-Sunday).
* ``N days/weeks/months/years ago``, ``in N ...`` (N >= 2, or "in a week's time") and ``N ... from
  now`` / ``hence`` / ``in the future`` are the day/week/month/year that far away, at that
  precision; ``N decades ago`` is a year. ``1 month and 21 days ago`` moves by the larger units
  first and has the precision of the last. ``two days from tomorrow``, ``three weeks after today``,
  ``two days before yesterday`` are a day; ``two Sundays from now`` the second Sunday after
  publication.
* ``this/last/next weekend`` is Saturday-Sunday of the publication week or the one before or
  after; ``the weekend`` follows the tense (the latest one begun, or the next one not over).
* ``the week after next`` is two calendar weeks on; ``this decade`` the decade holding
  publication.
* ``the past/last N units`` (also ``past/last N units``, ``past month``) is the rolling interval
  [published - N units, published], ``the next/coming N units`` (``next N units``) [published,
  published + N units] ("range"); also ``the upcoming week``, ``upcoming month``.
* ``within N units`` is [published, published + N units] ("range") in a sentence about the
  future; in a past one, or before "of", it counts from another event and is no time.
* ``earlier this week|month|year`` and ``the year to date`` = start of that unit .. published;
  ``later this ...`` and ``the rest of this ...`` = published .. end of that unit ("range");
  ``the rest of the year`` only in a sentence about the future (in a past one it is as often the
  year of the story).
* ``this November`` = November of the publication year; ``last November`` = the latest one
  before the publication month; ``next November`` = the first one after it. ``this/last/next``
  seasons work the same way ("this" = the one of the publication year; for winter published in
  Jan/Feb, the winter under way). ``this Wednesday`` = the Wednesday of the publication week;
  ``last``/``next Wednesday`` = strictly before/after the publication date.
* Tense. A weekday, month, season or quarter with no year and no this/last/next is resolved
  by the tense of its sentence (text back to the previous ``[.!?]`` + whitespace): if a future
  marker (will, 'll, shall, is/are to, is due/scheduled/set/expected to, plans to, next ...)
  comes before the expression, a weekday is the first such day strictly after ``published``
  and a month/season/quarter the first one that has not ended by then; otherwise the weekday is
  the latest one on or before ``published`` and the month/season/quarter the latest one that
  has begun by then.
* Ranges. In "from Monday to Friday" (a "from" phrase right before a "to/until/through" one),
  ends read by the tense alone that come out reversed are resolved against each other: about
  the past the start becomes the latest such one before the end, about the future the end the
  first such one after the start.

Deliberate refusals: lowercase "may"/"march"/"mar" (verbs; but "fourth of may", "the month of
may", "may the eleventh" are months), bare "May" with no preposition,
day or year ("May I ask"), a bare month after an article or before "of"/a capitalised word
("the March of Dimes", "April Smith"), seasons and "Q3" without a preposition, year or
this/last/next ("prices fall", "the Audi Q3"), weekdays named as feasts or events ("Black
Friday", "Good Friday"), "last week/year of ..." ("the last year of the war"), "in a day"
(a duration), vague phrases ("days ago", "recent years", "the coming days"), a day with no
"the" and no preposition ("finished 21st") or before a word ("the 21st century"), a decade
word without a century ("in his seventies", "highs in the seventies"), "the weekend
before/after/of ...", "may first" (a verb before an ordinal that goes on), a year in words before more words
("In May two thousand people").

Not covered: numeric dates such as 10/25/2023 or 11/2016 (day/month order is ambiguous; month
and year are as often a law's number), abbreviated weekdays that are words (Wed., Sat; "Tues."
and "Thurs." are read), two-digit decades without an apostrophe ("the 70s": temperatures),
ordinal words without a month ("on the second"), "the 27" without a suffix, centuries, fiscal
years, holidays, "between X and Y" as one range, "a year earlier" (relative to another event,
not to publication), times of day (beyond "morning"/"night" being absorbed into the day).
"""

from __future__ import annotations

from factcheck.text.timex.find import TimeSpan, find_times, may_hold_time

__all__ = ["TimeSpan", "find_times", "may_hold_time"]
