"""Flat cost at scale: ``factcheck verify`` of a 5 KB article, cold process, on a 1,000,000-fact
store vs the same on a 1,000-fact store.

Measured: ``factcheck --db sqlite:///STORE verify article-5k.txt --date 2023-10-25 --fail-on never
--format json`` (the console script of the venv), wall time of the whole process, with STORE the
1,000,000-fact store (≈100,000 entities; ``--quick``: 100,000 facts) and, as the floor, the
1,000-fact store the articles are about. Both stores are SQLite files imported by factcheck and
migrated beforehand; the cache folder (``$XDG_CACHE_HOME``) is the benchmark's own and kept
between runs, as a user's is. One warm-up run of each, then ≥ 7 runs of each, interleaved;
medians and the median of the per-run ratios. Both runs must print the same report but for the
facts' ids (checked once).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import common
import corpus

BENCH = "scale"
TARGET_RATIO = 1.3


def _verdicts(report: bytes) -> list[tuple]:
    """The claims of a JSON report with their verdicts and explanations (fact ids left out: the
    two stores number their facts differently)."""
    document = json.loads(report)["documents"][0]
    return [(claim["text"], claim["predicate"], claim["verdict"], claim["explanation"])
            for claim in document["claims"]]


def _names(store) -> int:
    from factcheck.store.names import name_count

    return name_count(store)


def run(quick: bool) -> list[dict]:
    from factcheck import checker

    work = common.workdir()
    big_n = 100_000 if quick else 1_000_000
    stores = {}
    for label, n in (("small", 1000), ("big", big_n)):
        store = common.sqlite_store(n)
        store.ensure_schema()       # migrated before the clock, as a store in use is
        stores[label] = (store.url, _names(store))
        store.close()
    article = work / "article-5k.txt"
    article.write_text(corpus.article(0), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DB", "PYTHONPROFILEIMPORTTIME")}
    env["XDG_DATA_HOME"] = str(work / "xdg")
    env["XDG_CACHE_HOME"] = str(work / "xdg-cache-scale")
    python = sys.executable
    factcheck = str(common.VENV_BIN / "factcheck")
    commands = {label: [factcheck, "--db", url, "verify", str(article), "--date", common.PUBLISHED,
                        "--fail-on", "never", "--format", "json"] for label, (url, _) in stores.items()}
    # factcheck's bytecode, as installing a wheel writes it (see bench_cli)
    subprocess.run([python, "-m", "compileall", "-q", str(common.ROOT / "factcheck")], check=True,
                   stdout=subprocess.DEVNULL)
    reports = {label: common.timed_process(argv, work, env)[1] for label, argv in commands.items()}   # warm-up
    same = _verdicts(reports["small"]) == _verdicts(reports["big"])
    runs = 7 if quick else 11
    times = common.interleave({label: (lambda argv=argv: common.timed_process(argv, work, env)[0])
                               for label, argv in commands.items()}, runs)
    value, floor = common.median(times["big"]), common.median(times["small"])
    run_ratios = common.ratios(times["big"], times["small"])
    ratio = common.median(run_ratios)
    threshold = checker.LOOKUP_THRESHOLD
    modes = {label: ("names looked up per article" if names >= threshold else "all names in memory")
             for label, (_url, names) in stores.items()}
    claims = len(_verdicts(reports["big"]))
    return [common.row(
        BENCH, f"factcheck verify, 5 KB article, cold process: {big_n:,}-fact store vs 1,000-fact store",
        value * 1000, "ms", floor * 1000, "ms", ratio=ratio,
        target=f"ratio ≤ {TARGET_RATIO:g}", met=ratio <= TARGET_RATIO and same,
        note=f"{len(times['big'])} interleaved runs: {big_n:,} facts {common.spread(times['big'], 1000)} ms, "
             f"1,000 facts {common.spread(times['small'], 1000)} ms, per-run ratios {common.spread(run_ratios)}; "
             f"names in the stores: {stores['big'][1]:,} ({modes['big']}) and {stores['small'][1]:,} "
             f"({modes['small']}); {claims} claims, the same verdicts and explanations with both stores: "
             f"{common.fmt(same)}")]


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(r)
