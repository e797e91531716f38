"""The library behind the CLI: load an article, extract its claims, judge them, all from Python."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import InputError
from .extract import Claim, Document, Extractor
from .lexicon import LEXICON_FORMAT, Lexicon
from .rules import RuleSet, load_rules
from .store import Store

VERDICTS = ("supported", "contradicted", "unknown")


@dataclass
class CheckedDocument:
    """A document with a verdict for each of its claims."""

    document: Document
    verdicts: list = field(default_factory=list)   # (Claim, Verdict) pairs, in claim order

    def summary(self) -> dict[str, int]:
        counts = {name: 0 for name in VERDICTS}
        for _, verdict in self.verdicts:
            counts[verdict.verdict] += 1
        return counts


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
        from .verify import Verifier

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
    from .cache import read_pickle, write_pickle

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

    from . import __version__
    from .cache import cache_dir

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


_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|\d{4}-\d{2}-\d{2})\b")


def dateline_date(text: str) -> date | None:
    """A publication date written at the start of a line in the article's first lines ('BEIJING, Oct. 25, 2023 -')."""
    from .timex import find_times

    head = "\n".join(text.splitlines()[:5])[:600]
    for line in head.splitlines():
        if _DATELINE.match(line):
            for span in find_times(line, date.today()):
                if span.precision == "day":
                    return span.date_from
    return None


def publication_date(text: str, option: date | None, metadata: date | None = None) -> tuple[date, str]:
    """The date claims are judged at, and where it came from (CONTRACT section 4)."""
    if option is not None:
        return option, "option"
    if metadata is not None:
        return metadata, "metadata"
    found = dateline_date(text)
    if found is not None:
        return found, "dateline"
    return date.today(), "today"


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
