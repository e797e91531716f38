"""The library behind the CLI: load an article, extract its claims, judge them, all from Python."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from factcheck.checker import CACHE_THRESHOLD, Checker, build_lexicon, lexicon_cache_key  # noqa: F401  (part of the API)
from factcheck.model import CheckedDocument, Claim
from factcheck.sources.published import dateline_date, publication_date  # noqa: F401  (part of the API)
from factcheck.store.database import Store


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
