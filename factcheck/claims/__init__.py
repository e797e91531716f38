"""Claims: the rule packs' patterns applied to analysed text.

Takes a text, its publication date, a :class:`factcheck.rules.loader.RuleSet` and a
:class:`factcheck.text.lexicon.Lexicon`; gives a :class:`factcheck.model.Document` whose claims
carry the mentions they were read from (see :class:`.extract.Extractor`). Never opens the store.
"""
