"""Text analysis: sentences, entity mentions, time expressions and quantities, with offsets.

Takes plain text; gives values of :mod:`factcheck.model` (sentences, mentions) and the spans of
:mod:`.timex` and :mod:`.quantities`. Needs no database and no rule loader: the grammars
import pyparsing and the model, and read their word tables (hedges, units, currencies) from the
bundled pack's ``rules/lexicon`` files through :mod:`factcheck.resources`.

- :mod:`.sentences`: sentence spans
- :mod:`.lexicon`: names to entities, matched leftmost-longest on whole tokens
- :mod:`.timex`: dates and relative times resolved against a publication date
- :mod:`.quantities`: numbers with units, precision and hedges
- :mod:`.direct`, :mod:`.guards`: how the time and quantity grammars are run (pyparsing's
  parse without an exception for every failure, and quick refusals of alternatives)
- :mod:`.chars`, :mod:`.regexes`: small helpers the grammars share
"""
