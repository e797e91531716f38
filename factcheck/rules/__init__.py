"""Rule packs: loading the TOML files of ``rules/`` (and ``--rules DIR``) and compiling their patterns.

Takes rule folders; gives a :class:`loader.RuleSet` (predicates and their kinds, patterns compiled to
regexes by :mod:`.patterns`, title variants, hedges, modality cues, metonymy). Nothing in a rule
file is executed.
"""
