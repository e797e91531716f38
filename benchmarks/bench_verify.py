"""Verification: time per article with a 1,000,000-fact store vs a 1,000-fact store, and the SQL
statements per article.

Both stores are SQLite files imported by factcheck itself: the world's 1,000 facts (fixture facts
plus the synthetic world the articles talk about), and the same 1,000 plus 999,000 filler facts
about ≈100,000 other entities (with ``--quick``: 100,000 facts). A share of the filler points at
the world's countries (cities located in them, people visiting them), as a real store would.

Timed: the verification step of ``Checker.check`` (``Verifier(store, rules, names).verify(doc)``)
on documents extracted beforehand, 30 generated articles and the fixture article, the two
stores interleaved run by run; also the whole ``Checker.check`` (extract + verify) for reference.
Statements: SQLAlchemy's ``before_cursor_execute`` event on ``store.engine`` counts what each
verification sends, per article, and for documents of 1 claim to ≈1,000 claims.
"""

from __future__ import annotations

from datetime import date

import common
import corpus

BENCH = "verify"
TARGET_RATIO = 1.3


def _verifier(checker):
    from factcheck.verify.verifier import Verifier

    # as Checker.check builds it: the lexicon's own names, not a copy
    return Verifier(checker.store, checker.rules, checker.lexicon.names)


def _verify(checker, document):
    verifier = _verifier(checker)
    verifier.verify(document)
    return verifier


class StatementCounter:
    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.count = 0
        self.selects = 0
        self.queries: list[tuple[str, object]] = []
        self.engine = engine
        event.listen(engine, "before_cursor_execute", self._on)

    def _on(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.count += 1
        if statement.lstrip()[:6].upper() == "SELECT":
            self.selects += 1
            self.queries.append((statement, parameters))

    def reset(self) -> None:
        self.count = self.selects = 0
        self.queries = []

    def close(self) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._on)


def query_plans(store, queries) -> str:
    """SQLite's EXPLAIN QUERY PLAN of each distinct facts query shape, tersely."""
    import sqlite3

    if not store.url.startswith("sqlite:///"):
        return "-"
    conn = sqlite3.connect(store.url.split("///", 1)[1])
    plans = {}
    try:
        for statement, parameters in queries:
            if "FROM facts" not in statement:
                continue
            where = statement.split("WHERE", 1)[-1]
            shape = " ".join(where.replace("?, ", "").split())[:90]
            try:
                rows = conn.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            except sqlite3.Error as exc:
                rows = [(0, 0, 0, f"error {exc}")]
            plans.setdefault(shape, "; ".join(r[3] for r in rows))
    finally:
        conn.close()
    return " | ".join(f"[{shape}] → {plan}" for shape, plan in plans.items())


def run(quick: bool) -> list[dict]:
    from factcheck.api import Checker

    rows: list[dict] = []
    big_n = 100_000 if quick else 1_000_000
    published = date.fromisoformat(common.PUBLISHED)
    small_store = common.sqlite_store(1000)
    big_store = common.sqlite_store(big_n)
    small, big = Checker(small_store), Checker(big_store)
    lexicon_times = {}
    for label, checker in (("small", small), ("big", big)):
        lexicon_times[label], _ = common.timed(lambda: checker.lexicon)

    texts = [p.read_text(encoding="utf-8") for p in corpus.FIXTURE_ARTICLES]
    texts += [corpus.article(i) for i in range(30)]
    docs_small = [small.extract(t, published) for t in texts]
    docs_big = [big.extract(t, published) for t in texts]
    claims_small = sum(len(d.claims) for d in docs_small)
    claims_big = sum(len(d.claims) for d in docs_big)
    for doc in docs_small[:2]:
        _verify(small, doc)
    for doc in docs_big[:2]:
        _verify(big, doc)
    counter = StatementCounter(big_store.engine)
    try:
        counter.reset()
        _verify(big, docs_big[1])
        plans = query_plans(big_store, counter.queries)
    finally:
        counter.close()

    def verify_small():
        for doc in docs_small:
            _verify(small, doc)

    def verify_big():
        for doc in docs_big:
            _verify(big, doc)

    times = common.interleave({"small": verify_small, "big": verify_big}, 5 if quick else 9)
    n_docs = len(texts)
    per_small = [t / n_docs * 1000 for t in times["small"]]
    per_big = [t / n_docs * 1000 for t in times["big"]]
    run_ratios = common.ratios(times["big"], times["small"])
    ratio = common.median(run_ratios)

    loaded_small = [len(getattr(_verify(small, d), "facts", []) or []) for d in docs_small]
    loaded_big = [len(getattr(_verify(big, d), "facts", []) or []) for d in docs_big]
    stats = common.profile(verify_big, "verify")
    stages = common.cumulative(stats, {
        "facts_about": "factcheck/store.py:facts_about",
        "facts_with_predicate": "factcheck/store.py:facts_with_predicate",
        "entities": "factcheck/store.py:entities",
        "_load": "factcheck/verify.py:_load",
        "verify": "factcheck/verify.py:verify",
        "sqlite execute": "~:<method 'execute' of 'sqlite3.Cursor' objects>",
        "fetch rows": "~:<method 'fetchall' of 'sqlite3.Cursor' objects>",
    })
    whole = stages.pop("verify") or 1.0
    stage_note = ", ".join(f"{k} {100 * v / whole:.0f}%" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]) if v)
    rows.append(common.row(
        BENCH, f"verify one article, {big_n:,}-fact store vs 1,000-fact store", common.median(per_big), "ms",
        common.median(per_small), "ms", ratio=ratio, target=f"ratio ≤ {TARGET_RATIO:g}", met=ratio <= TARGET_RATIO,
        note=f"{n_docs} articles, {claims_big / n_docs:.1f} claims/article ({claims_small / n_docs:.1f} with the small "
             f"store's lexicon); per-run ratios {common.spread(run_ratios)}; facts loaded per article: "
             f"{common.median(loaded_big):.0f} (max {max(loaded_big, default=0)}) vs {common.median(loaded_small):.0f} "
             f"(max {max(loaded_small, default=0)}); facts query plans on the big store: {plans}; "
             f"profile on the big store, cumulative share of verify(): "
             f"{stage_note}; most own time: {common.top_own(stats, 6)}"))

    # whole check (extract + verify), for reference
    def check_small():
        for text in texts:
            small.check(text, published)

    def check_big():
        for text in texts:
            big.check(text, published)

    check_times = common.interleave({"small": check_small, "big": check_big}, 3 if quick else 5)
    check_ratios = common.ratios(check_times["big"], check_times["small"])
    rows.append(common.row(
        BENCH, f"check one article (extract + verify), {big_n:,} vs 1,000 facts",
        common.median(check_times["big"]) / n_docs * 1000, "ms",
        common.median(check_times["small"]) / n_docs * 1000, "ms", ratio=common.median(check_ratios),
        note=f"per-run ratios {common.spread(check_ratios)}; lexicon built from the store in "
             f"{lexicon_times['big']:.2f} s vs {lexicon_times['small']:.2f} s"))

    # statements per article
    for label, checker, docs in (("1,000", small, docs_small), (f"{big_n:,}", big, docs_big)):
        counter = StatementCounter(checker.store.engine)
        counts, selects = [], []
        try:
            for doc in docs:
                counter.reset()
                _verify(checker, doc)
                counts.append(counter.count)
                selects.append(counter.selects)
        finally:
            counter.close()
        claims = [len(d.claims) for d in docs]
        rows.append(common.row(
            BENCH, f"SQL statements per article, {label}-fact store", max(counts), "statements",
            note=f"median {common.median(counts):.0f}, min {min(counts)}, max {max(counts)} over {len(docs)} "
                 f"articles of {min(claims)}–{max(claims)} claims, BEGINs included; SELECTs: median "
                 f"{common.median(selects):.0f}, max {max(selects)}"))

    # statements vs the number of claims
    one = "Chinese President Xi Jinping said on Wednesday that China is willing to cooperate.\n"
    documents = [("1 sentence", one)]
    for k in (1, 4, 16, 40 if not quick else 16):
        documents.append((f"{k} article(s)", "\n\n".join(texts[1:1 + k])))
    documents = list(dict(documents).items())
    counter = StatementCounter(big_store.engine)
    measured = []
    try:
        for label, text in documents:
            doc = big.extract(text, published)
            counter.reset()
            _verify(big, doc)
            measured.append((label, len(doc.claims), counter.count, counter.selects))
    finally:
        counter.close()
    fewest, most = measured[0], max(measured, key=lambda m: m[1])
    from factcheck.verify import verifier as verify_module

    ranked = {a.predicate for r in big.rules.patterns for a in r.assertions if a.rank_top}
    bound = 2 + getattr(verify_module, "MAX_CHAIN", 5) + len(ranked)
    bounded = max(m[3] for m in measured) <= bound
    rows.append(common.row(
        BENCH, f"SELECTs at {most[1]:,} claims vs at {fewest[1]} claim ({big_n:,} facts)",
        most[3], "SELECTs", fewest[3], "SELECTs",
        target=f"≤ {bound} SELECTs at any claim count (1 facts query + MAX_CHAIN transitive rounds + "
               f"{len(ranked)} ranked predicate(s) + 1 entities query)",
        met=bounded,
        note="; ".join(f"{label}: {claims} claims → {selects} SELECTs ({count} statements incl. BEGIN)"
                       for label, claims, count, selects in measured)))
    small_store.close()
    big_store.close()
    return rows


if __name__ == "__main__":
    import sys

    for r in run("--quick" in sys.argv):
        print(r)
