"""Entity matching: factcheck's Lexicon with 1k, 100k and 1M names and aliases.

Each size runs in its own child process: generate the rows (not timed; the first few thousand
are the names the generated articles mention: the world's entities, aliases and demonyms, and
the people and firms quoted), build ``Lexicon.build(rows, titles=...)`` (timed; memory = growth
of the process RSS retained after the first build), then match 100 normalised 5 KB articles
one by one, in passes, interleaved with the floor.

Floor (same process, same names, same articles): a pyahocorasick automaton of the same texts,
exact whole-word leftmost-longest matches (overlapping hits, boundary check on either side,
greedy longest), measured beforehand at 0.20 ms/article for 1M names.

Matching is measured as factcheck's pipeline runs it, the lexicon left in the garbage collector
(the library makes no ``gc`` calls): the note says how many full (generation 2) collections
happened during those passes and what one cost, and gives for reference the time with the
lexicon frozen out of the collector (``gc.freeze()``), which a caller may choose to do.
"""

from __future__ import annotations

import gc
import time

import common
import corpus

BENCH = "lexicon"
TARGET_MS = 2.0
TARGET_BUILD_S = 10.0
ARTICLES = 100


def _exact_aho(automaton, text: str) -> list[tuple[int, int]]:
    hits = []
    size = len(text)
    for end, length in automaton.iter(text):
        start = end - length + 1
        if start > 0:
            before = text[start - 1]
            if before.isalnum() or before == "_":
                continue
        if end + 1 < size:
            after = text[end + 1]
            if after.isalnum() or after == "_":
                continue
        hits.append((start, end + 1))
    hits.sort(key=lambda h: (h[0], -h[1]))
    out = []
    last = -1
    for start, end in hits:
        if start >= last:
            out.append((start, end))
            last = end
    return out


def measure(n: int, builds: int, passes: int) -> dict:
    """Child process: build, memory, matching for ``n`` names (and the floor)."""
    import ahocorasick

    from factcheck.text.lexicon import Lexicon, normalize
    from factcheck.rules.loader import load_rules

    titles = load_rules().titles
    rows = corpus.lexicon_rows(n)
    articles = [normalize(corpus.article(i)) for i in range(ARTICLES)]
    gc.collect()

    base = common.rss_mb()
    build_times = []
    lexicon = None
    retained = None
    for k in range(builds):
        lexicon = None
        gc.collect()
        start = time.perf_counter()
        lexicon = Lexicon.build(rows, titles=titles)
        build_times.append(time.perf_counter() - start)
        if k == 0:
            gc.collect()
            retained = common.rss_mb() - base

    base = common.rss_mb()
    aho_times = []
    automaton = None
    for k in range(builds):
        automaton = None
        gc.collect()
        start = time.perf_counter()
        automaton = ahocorasick.Automaton()
        for text, *_ in rows:
            automaton.add_word(text, len(text))
        automaton.make_automaton()
        aho_times.append(time.perf_counter() - start)
        if k == 0:
            gc.collect()
            aho_retained = common.rss_mb() - base

    mention_counts = []
    for text in articles[:3]:
        mention_counts.append(len(lexicon.match(text)))
        _exact_aho(automaton, text)
    aho_first3 = sum(len(_exact_aho(automaton, t)) for t in articles[:3])

    collections = []
    started = {}

    def on_gc(phase, info):
        if info.get("generation") == 2:
            if phase == "start":
                started["t"] = time.perf_counter()
            elif "t" in started:
                collections.append(time.perf_counter() - started.pop("t"))

    def match_all():
        for text in articles:
            lexicon.match(text)

    def aho_all():
        for text in articles:
            _exact_aho(automaton, text)

    start = time.perf_counter()
    gc.collect()
    full_collect = time.perf_counter() - start
    gc.callbacks.append(on_gc)
    try:
        times = common.interleave({"lexicon": match_all, "aho": aho_all}, passes)
    finally:
        gc.callbacks.remove(on_gc)
    gc_collections = list(collections)

    gc.freeze()     # for reference: what a caller freezing the lexicon out of the collector gets
    frozen = common.interleave({"lexicon": match_all}, max(3, passes // 2))["lexicon"]
    gc.unfreeze()

    return {
        "n": n, "rows": len(rows), "build": build_times, "retained_mb": retained,
        "aho_build": aho_times, "aho_retained_mb": aho_retained,
        "match": times["lexicon"], "aho_match": times["aho"], "frozen": frozen,
        "articles": len(articles), "bytes_per_article": sum(len(a.encode()) for a in articles) / len(articles),
        "gen2_collections": len(gc_collections), "gen2_seconds": gc_collections,
        "full_collect_s": full_collect, "mentions_first3": sum(mention_counts),
        "aho_first3": aho_first3,
    }


def run(quick: bool) -> list[dict]:
    rows: list[dict] = []
    sizes = [(1_000, 5, 9), (100_000, 3, 7)] if quick else [(1_000, 5, 11), (100_000, 3, 9), (1_000_000, 1, 9)]
    for n, builds, passes in sizes:
        label = f"{n:,} names"
        try:
            result = common.run_child("bench_lexicon", "measure", n, builds, passes, timeout=1200)
        except Exception as exc:  # noqa: BLE001
            rows.append(common.error_row(BENCH, f"match, {label}", exc))
            continue
        per_article = [t / result["articles"] * 1000 for t in result["match"]]
        aho_article = [t / result["articles"] * 1000 for t in result["aho_match"]]
        frozen = [t / result["articles"] * 1000 for t in result["frozen"]]
        value = common.median(per_article)
        gen2 = result["gen2_seconds"]
        gc_note = (f"lexicon left in the GC, as the pipeline runs it: {result['gen2_collections']} "
                   f"full collection(s) in {len(per_article)} passes"
                   + (f" ({common.fmt(common.median(gen2) * 1000)} ms each)" if gen2 else "")
                   + f"; one gc.collect() {result['full_collect_s'] * 1000:.0f} ms; frozen out of the GC "
                     f"(gc.freeze()) {common.fmt(common.median(frozen))} ms/article")
        rows.append(common.row(
            BENCH, f"match one 5 KB article, {label}", value, "ms", common.median(aho_article), "ms",
            ratio=common.median(common.ratios(result["match"], result["aho_match"])),
            target=f"≤ {TARGET_MS:g} ms", met=value <= TARGET_MS,
            note=f"per-pass means {common.spread(per_article)} ms over {result['articles']} articles "
                 f"(~{result['bytes_per_article']:.0f} B); floor = pyahocorasick exact whole-word; "
                 f"mentions in the first 3 articles: lexicon {result['mentions_first3']} (incl. surnames "
                 f"and unknown names), floor {result['aho_first3']}; {gc_note}"))
        build = common.median(result["build"])
        rows.append(common.row(
            BENCH, f"build, {label}", build, "s", common.median(result["aho_build"]), "s",
            target=f"< {TARGET_BUILD_S:g} s" if n >= 1_000_000 else None,
            met=(build < TARGET_BUILD_S) if n >= 1_000_000 else None,
            note=f"builds {common.spread(result['build'])} s; floor = pyahocorasick add_word + make_automaton"))
        rows.append(common.row(
            BENCH, f"memory, {label}", result["retained_mb"], "MB", result["aho_retained_mb"], "MB",
            note="RSS growth retained after the first build; the budget is ≤ 500 MB at 1M names"))
    return rows


if __name__ == "__main__":
    import sys

    for r in run("--quick" in sys.argv):
        print(r)
