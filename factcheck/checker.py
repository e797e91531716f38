"""The pipeline as one object: a store and a rule set, reused across documents.

:class:`Checker` runs extraction (``factcheck.claims``), resolution and verification
(``factcheck.verify``) on one document at a time; the lexicon of the store's names is built once
(and, with a :class:`~factcheck.cache.Cache`, kept between runs). The Python API, the batch runner
and the rule checker build on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from factcheck.cache import NO_CACHE, Cache
from factcheck.claims.extract import Extractor
from factcheck.errors import InputError
from factcheck.model import CheckedDocument, Deadline, Document
from factcheck.rules.loader import RuleSet, load_rules
from factcheck.store.database import Store
from factcheck.store.names import StoreNames, name_count
from factcheck.text.lexicon import LEXICON_FORMAT, Lexicon, LookupLexicon


class Checker:
    """One store and one rule set, reused across documents (the lexicon is built once).

    ``cache`` keeps compiled rule packs and large lexicons on disk between runs (the CLI passes
    ``Cache.default()``); the default keeps nothing on disk.
    """

    def __init__(self, store: Store | None = None, rule_dirs: Sequence[str | Path] = (), *,
                 cache: Cache = NO_CACHE) -> None:
        self.store = store
        self.cache = cache
        self.rules: RuleSet = load_rules(rule_dirs, cache=cache)
        self._lexicon: Lexicon | None = None
        self._extractor: Extractor | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The store's names: all of them in memory for a small store; for a large one
        (:data:`LOOKUP_THRESHOLD` names or more), a :class:`LookupLexicon` that reads from the
        store's names table those each document may use (the same mentions either way)."""
        if self._lexicon is None:
            if self.store is not None and name_count(self.store) >= LOOKUP_THRESHOLD:
                self._lexicon = lookup_lexicon(self.store, self.rules)
            else:
                self._lexicon = build_lexicon(self.store, self.rules, cache=self.cache)
        return self._lexicon

    def load(self) -> Checker:
        """Load now what the first document would: the lexicon, the extractor and the time and
        quantity grammars (a process that keeps the checker to its end may then put them out of
        the garbage collector's way: see ``factcheck.cli.common.freeze_loaded``). Returns the
        checker."""
        import factcheck.text.quantities  # noqa: F401  (builds the grammars on import)
        import factcheck.text.timex  # noqa: F401

        if self._extractor is None:
            self._extractor = Extractor(self.rules, self.lexicon)
        return self

    def extract(self, text: str, published: date, *, source: str = "-",
                published_from: str = "option", time_budget: float | None = None,
                deadline: Deadline | None = None) -> Document:
        """The document's claims. With ``time_budget`` (seconds; None or 0 for none) or a
        ``deadline``, a document that takes longer keeps the claims found in time and says so
        in ``Document.incomplete``."""
        if self._extractor is None:
            self._extractor = Extractor(self.rules, self.lexicon)
        deadline = deadline or Deadline.after(time_budget)
        return self._extractor.extract(text, published, source=source, published_from=published_from,
                                       deadline=deadline)

    def check(self, text: str, published: date, *, source: str = "-",
              published_from: str = "option", time_budget: float | None = None) -> CheckedDocument:
        """The document's claims with their verdicts; ``time_budget`` covers both stages (see
        :meth:`extract`): claims not judged in time are left out, and the document says so."""
        from factcheck.verify.verifier import Verifier

        if self.store is None:
            raise InputError("verifying needs a store of reference facts")
        deadline = Deadline.after(time_budget)
        document = self.extract(text, published, source=source, published_from=published_from,
                                deadline=deadline)
        # The lexicon's own names dict, not a copy: copying 100,000+ names per article costs
        # more than the lookups (the verifier only adds names of entities it loads).
        verifier = Verifier(self.store, self.rules, self.lexicon.names)
        verdicts = verifier.verify(document, deadline=deadline)
        if len(verdicts) < len(document.claims):
            unjudged = document.claims[len(verdicts)]
            document = replace(document, claims=document.claims[:len(verdicts)],
                               incomplete=deadline.incomplete(min(
                                   unjudged.sentence_start,
                                   document.incomplete.offset if document.incomplete else len(document.text))))
        return CheckedDocument(document, verdicts)


#: Below this many names a lexicon is quicker to build than to load from the cache.
CACHE_THRESHOLD = 20_000
#: From this many names on, a Checker looks names up in the store's names table per document
#: instead of building (or loading) a lexicon of them all: building one costs about 20 µs a
#: name, looking up a 5 KB article's names a few ms more than matching them in memory, so a run
#: over fewer than about 50 articles comes out ahead from here on (a cold CLI run always does).
LOOKUP_THRESHOLD = 10_000


def build_lexicon(store: Store | None, rules: RuleSet, *, cache: Cache = NO_CACHE) -> Lexicon:
    """The store's names, aliases, demonyms and office titles, the packs' title variants and metonyms.

    With a cache, a large lexicon is kept under a key made of the store's fingerprint (which
    changes with every import, alias or merge) and the rule packs, so it is built once and
    rebuilt only when the store or the packs change.
    """
    if store is None:
        return Lexicon.build([], titles=rules.titles)
    key = lexicon_cache_key(store, rules) if cache.folder is not None else ()
    cached = cache.read("lexicon", key, Lexicon)
    if cached is not None:
        return cached
    lexicon = _build_lexicon(store, rules)
    if len(lexicon.index) >= CACHE_THRESHOLD:
        cache.write("lexicon", key, lexicon)
    return lexicon


def lexicon_cache_key(store: Store, rules: RuleSet) -> list[str]:
    """What a cached lexicon depends on: the code, the store's contents and the packs' names."""
    from factcheck.version import __version__

    return [__version__, str(LEXICON_FORMAT), store.fingerprint(), repr(sorted(rules.titles.items())),
            repr(rules.metonymy)]


def lookup_lexicon(store: Store, rules: RuleSet) -> LookupLexicon:
    """A lexicon that reads the store's names per document (:class:`LookupLexicon`), with the
    packs' titles, the store's offices and metonyms, and the names of those offices and of the
    entities metonyms stand for, read now (a few statements, whatever the store's size)."""
    metonyms = _metonyms(store, rules)
    offices = store.offices()
    names = {entity_id: info.name for entity_id, info in
             store.entities({office for office, _title, _place in offices} | set(metonyms.values())).items()}
    return LookupLexicon.over(StoreNames(store), titles=rules.titles, offices=offices, metonyms=metonyms, names=names)


def _metonyms(store: Store, rules: RuleSet) -> dict[str, str]:
    metonyms: dict[str, str] = {}
    for entry in rules.metonymy:
        for fact in store.facts_with_predicate(entry["via"]):
            if fact.object and fact.valid_until is None:
                metonyms.setdefault(fact.object, fact.subject)
    return metonyms


def _build_lexicon(store: Store, rules: RuleSet) -> Lexicon:
    return Lexicon.build(store.lexicon_rows(), titles=rules.titles, offices=store.offices(),
                         metonyms=_metonyms(store, rules))
