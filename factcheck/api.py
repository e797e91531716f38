"""The library behind the CLI: load an article, extract its claims, judge them, all from Python."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from factcheck.errors import InputError
from factcheck.claims.extract import Extractor
from factcheck.model import CheckedDocument, Claim, Document
from factcheck.text.lexicon import LEXICON_FORMAT, Lexicon
from factcheck.rules.loader import RuleSet, load_rules
from factcheck.sources.published import dateline_date, publication_date  # noqa: F401  (part of the API)
from factcheck.store.database import Store

class Checker:
    """One store and one rule set, reused across documents (the lexicon is built once)."""

    def __init__(self, store: Store | None = None, rule_dirs: Sequence[str | Path] = ()) -> None:
        self.store = store
        self.rules: RuleSet = load_rules(rule_dirs)
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            import gc

            self._lexicon = build_lexicon(self.store, self.rules)
            # The lexicon lives as long as the checker: keep the collector from rescanning it.
            gc.freeze()
        return self._lexicon

    def extract(self, text: str, published: date, *, source: str = "-",
                published_from: str = "option") -> Document:
        return Extractor(self.rules, self.lexicon).extract(
            text, published, source=source, published_from=published_from)

    def check(self, text: str, published: date, *, source: str = "-",
              published_from: str = "option") -> CheckedDocument:
        from factcheck.verify.verifier import Verifier

        if self.store is None:
            raise InputError("verifying needs a store of reference facts")
        document = self.extract(text, published, source=source, published_from=published_from)
        # The lexicon's own names dict, not a copy: copying 100,000+ names per article costs
        # more than the lookups (the verifier only adds names of entities it loads).
        verifier = Verifier(self.store, self.rules, self.lexicon.names)
        return CheckedDocument(document, verifier.verify(document))


#: Below this many names a lexicon is quicker to build than to load from the cache.
CACHE_THRESHOLD = 20_000


def build_lexicon(store: Store | None, rules: RuleSet, *, cache: bool = True) -> Lexicon:
    """The store's names, aliases, demonyms and office titles, the packs' title variants and metonyms.

    A large lexicon is kept in ``$XDG_CACHE_HOME/factcheck/`` under a name made of the store's
    fingerprint (which changes with every import, alias or merge) and the rule packs, so it is
    built once and rebuilt only when the store or the packs change.
    """
    if store is None:
        return Lexicon.build([], titles=rules.titles)
    from factcheck.cache import read_pickle, write_pickle

    path = _lexicon_cache_path(store, rules) if cache else None
    if path is not None and path.exists():
        cached = read_pickle(path)
        if isinstance(cached, Lexicon):
            return cached
    lexicon = _build_lexicon(store, rules)
    if path is not None and len(lexicon.index) >= CACHE_THRESHOLD:
        write_pickle(path, lexicon)
    return lexicon


def _lexicon_cache_path(store: Store, rules: RuleSet) -> Path:
    import hashlib

    from factcheck.version import __version__
    from factcheck.cache import cache_dir

    digest = hashlib.sha256()
    digest.update(f"{__version__}|{LEXICON_FORMAT}|{store.fingerprint()}".encode())
    digest.update(repr(sorted(rules.titles.items())).encode())
    digest.update(repr(rules.metonymy).encode())
    return cache_dir() / f"lexicon-{digest.hexdigest()[:32]}.pickle"


def _build_lexicon(store: Store, rules: RuleSet) -> Lexicon:
    metonyms: dict[str, str] = {}
    for entry in rules.metonymy:
        for fact in store.facts_with_predicate(entry["via"]):
            if fact.object and fact.valid_until is None:
                metonyms.setdefault(fact.object, fact.subject)
    return Lexicon.build(store.lexicon_rows(), titles=rules.titles, offices=store.offices(),
                         metonyms=metonyms)


def extract_claims(text: str, published: date | None = None, *, store: Store | None = None,
                   rules: Iterable[str | Path] = ()) -> list[Claim]:
    """The claims in ``text``. Without a store only the rule packs' lexicon is known, so entity ids are null."""
    when, source = publication_date(text, published)
    return Checker(store, tuple(rules)).extract(text, when, published_from=source).claims


def verify_text(text: str, published: date | None = None, *, store: Store | None = None,
                rules: Iterable[str | Path] = ()) -> CheckedDocument:
    """Extract the claims of ``text`` and judge them against ``store`` (default: the embedded store)."""
    when, source = publication_date(text, published)
    return Checker(store or Store(), tuple(rules)).check(text, when, published_from=source)
