"""Archive scale: articles per second through ``factcheck.batch.check_sources`` with --jobs 1,
--jobs 2 and a Dask LocalCluster of 2 workers.

The archive: 10,000 generated articles of ≈2.5 KB (wire-story length), one file each (with
``--quick``: 1,000), checked against the 1,000-fact SQLite store (a file every worker opens).
Each mode checks the whole archive once, results consumed in order as the CLI does; the wall
time includes starting the worker processes and building each worker's Checker (rules,
lexicon), but not starting the Dask cluster (timed separately: ``LocalCluster(n_workers=2,
threads_per_worker=1)``, then ``scheduler=cluster.scheduler_address``).

Floors: for --jobs 1, a plain in-process loop of ``Checker.check`` over the same files (the
batch layer's own overhead: reading sources, JSON documents); for the two-worker modes, twice
the --jobs 1 rate (perfect scaling on this 2-core machine). Ratios are floor rate / rate. If
--jobs 1 would need more than the budget for the whole archive, every mode runs on the same
prefix of it (said in the note).
"""

from __future__ import annotations

import time
from datetime import date

import common
import corpus

BENCH = "archive"
ARTICLE_BYTES = 2500
BUDGET_S = {False: 360.0, True: 40.0}   # for --jobs 1 over the archive
FLOOR_ARTICLES = {False: 1000, True: 300}   # the plain-loop floor's rate is taken on this prefix


def _archive(n: int):
    folder = common.workdir() / f"archive-{n}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(n):
            (folder / f"{index:05d}.txt").write_text(corpus.article(index, size=ARTICLE_BYTES, seed=23),
                                                      encoding="utf-8")
        done.write_text("ok")
    return sorted(str(p) for p in folder.glob("*.txt"))


def _consume(sources, **options) -> tuple[float, int, int, float]:
    """Wall seconds, claims, errors, and CPU seconds of this process (scheduler and client
    threads included) while checking ``sources``."""
    import os

    from factcheck.batch import check_sources

    cpu = os.times()
    start = time.perf_counter()
    claims = errors = 0
    for result in check_sources(sources, **options):
        if result.error:
            errors += 1
        elif result.document:
            claims += len(result.document.get("claims", []))
    elapsed = time.perf_counter() - start
    after = os.times()
    return elapsed, claims, errors, (after.user - cpu.user) + (after.system - cpu.system)


def run(quick: bool) -> list[dict]:
    from factcheck.api import Checker

    rows: list[dict] = []
    n = 1_000 if quick else 10_000
    generated, sources = common.timed(lambda: _archive(n))
    store = common.sqlite_store(1000)
    db = store.url
    published = date.fromisoformat(common.PUBLISHED)
    options = {"db": db, "published": published}

    # calibration: is the whole archive within the budget at --jobs 1?
    _consume(sources[:5], jobs=1, **options)   # warm-up: page cache, rule and grammar caches
    probe = sources[5:105]
    probe_s = _consume(probe, jobs=1, **options)[0]
    predicted = probe_s / len(probe) * len(sources)
    used = sources
    if predicted > BUDGET_S[quick]:
        keep = max(200, int(BUDGET_S[quick] / (probe_s / len(probe))))
        used = sources[:keep]
    scope = (f"all {len(sources):,} articles" if used is sources else
             f"the first {len(used):,} of {len(sources):,} articles (--jobs 1 predicted {predicted:.0f} s for all, "
             f"over the {BUDGET_S[quick]:.0f} s budget)")

    # floor for --jobs 1: a plain loop of Checker.check
    floor_sources = used[:FLOOR_ARTICLES[quick]]

    def plain_loop():
        checker = Checker(store)
        count = 0
        for path in floor_sources:
            with open(path, encoding="utf-8") as handle:
                count += len(checker.check(handle.read(), published, source=path).verdicts)
        return count

    loop_s, _ = common.timed(plain_loop)
    results = {}
    results["jobs1"] = _consume(used, jobs=1, **options)
    results["jobs2"] = _consume(used, jobs=2, **options)

    dask_note = ""
    try:
        from distributed import LocalCluster

        cluster_start = time.perf_counter()
        import logging

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)
        cluster_s = time.perf_counter() - cluster_start
        try:
            results["dask"] = _consume(used, scheduler=cluster.scheduler_address, **options)
        finally:
            cluster.close()
        dask_note = f"LocalCluster start {cluster_s:.1f} s (not in the time)"
    except Exception as exc:  # noqa: BLE001
        rows.append(common.error_row(BENCH, "Dask LocalCluster, 2 workers", exc))

    count = len(used)
    rate = {mode: count / result[0] for mode, result in results.items()}
    loop_rate = len(floor_sources) / loop_s
    claims = results["jobs1"][1]
    rows.append(common.row(
        BENCH, "--jobs 1 (in-process)", rate["jobs1"], "articles/s", loop_rate, "articles/s",
        higher_is_better=True,
        note=f"{scope}; {results['jobs1'][0]:.1f} s, {claims / count:.1f} claims/article, "
             f"{results['jobs1'][2]} errors; floor = plain Checker.check loop over the first "
             f"{len(floor_sources):,} articles ({loop_s:.1f} s); "
             f"archive written in {generated:.1f} s"))
    labels = {"jobs2": "--jobs 2 (process pool)", "dask": "Dask LocalCluster, 2 workers"}
    for mode in ("jobs2", "dask"):
        if mode not in rate:
            continue
        seconds, mode_claims, errors, own_cpu = results[mode]
        rows.append(common.row(
            BENCH, labels[mode], rate[mode], "articles/s", 2 * rate["jobs1"], "articles/s",
            higher_is_better=True,
            note=f"{seconds:.1f} s; speed-up over --jobs 1: {rate[mode] / rate['jobs1']:.2f}× (floor = 2×); "
                 f"same claims as --jobs 1: {'yes' if mode_claims == claims else f'no ({mode_claims} vs {claims})'}; "
                 f"{errors} errors; CPU of the benchmark process meanwhile {own_cpu:.1f} s "
                 f"({'scheduler, client and result handling' if mode == 'dask' else 'result handling'})"
                 + (f"; {dask_note}" if mode == "dask" else "")))
    store.close()
    return rows


if __name__ == "__main__":
    import sys

    for r in run("--quick" in sys.argv):
        print(r)
