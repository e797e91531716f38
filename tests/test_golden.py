"""Whole-article golden files: each bundled article's JSON report, byte for byte.

``fixtures/expected/<article>.<date>.json`` is the report of ``fixtures/articles/<article>.txt``
judged on that date against the bundled reference facts. A change that moves a claim, a verdict or
an explanation shows up here as a diff; rewrite the files with ``FACTCHECK_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and explain the difference in the commit.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.report.build import dumps, report_json
from factcheck.store.database import Store

from .conftest import ROOT

GOLDEN = sorted((ROOT / "fixtures" / "expected").glob("*.json"))


def _report(article: str, day: str, store_url: str) -> str:
    path = ROOT / "fixtures" / "articles" / f"{article}.txt"
    checker = Checker(Store(store_url))
    checked = checker.check(path.read_text(encoding="utf-8"), date.fromisoformat(day),
                            source=path.relative_to(ROOT).as_posix())
    return dumps(report_json([checked]))


def test_every_article_has_a_golden_report():
    articles = {p.stem for p in (ROOT / "fixtures" / "articles").glob("*.txt")}
    assert articles and articles <= {p.name.split(".")[0] for p in GOLDEN}


@pytest.mark.parametrize("golden", GOLDEN, ids=[p.name for p in GOLDEN])
def test_report_matches_its_golden_file(golden, seeded_sqlite_url):
    article, day, _ = golden.name.split(".")
    report = _report(article, day, seeded_sqlite_url)
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        golden.write_text(report, encoding="utf-8")
    assert report == golden.read_text(encoding="utf-8")
