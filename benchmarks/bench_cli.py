"""CLI start: ``factcheck verify`` of a 3-sentence article, cold process, vs importing its two big
dependencies.

Measured: ``factcheck --db sqlite:///fixture-store.db verify short.txt --date 2023-10-25
--fail-on never`` (the console script of the venv; the store holds the fixture facts and is
already migrated), wall time of the whole process. Floor: ``python -c "import sqlalchemy,
pyparsing"`` from the same venv. One warm-up run of each, then ≥ 7 runs of each, interleaved;
medians. factcheck's modules are byte-compiled first, as installing a wheel does. Also reported: the bare interpreter (``python -c pass``), and where a cold ``verify``
spends its time (``-X importtime`` by top-level package and a cProfile of the process).
"""

from __future__ import annotations

import os
import pstats
import re
import subprocess
import sys

import common
import corpus

BENCH = "cli"
TARGET_RATIO = 1.5


def _article(path) -> None:
    text = corpus.FIXTURE_ARTICLES[0].read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    sentences = []
    for paragraph in paragraphs[2:]:
        sentences.extend(re.split(r"(?<=\.)\s+(?=[A-Z\"“])", paragraph.strip()))
        if len(sentences) >= 3:
            break
    path.write_text(" ".join(sentences[:3]) + "\n", encoding="utf-8")


def _importtime(argv: list[str], cwd, env) -> str:
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    packages: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)", line)
        if not match:
            continue
        top = match.group(3).split(".")[0]   # self time, summed by top-level package
        packages[top] = packages.get(top, 0) + int(match.group(1))
    ranked = sorted(packages.items(), key=lambda kv: -kv[1])[:10]
    return ", ".join(f"{name} {us / 1000:.0f} ms" for name, us in ranked)


def run(quick: bool) -> list[dict]:
    rows: list[dict] = []
    work = common.workdir()
    store = common.fixture_store()
    url = store.url
    store.close()
    article = work / "short.txt"
    _article(article)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DB", "PYTHONPROFILEIMPORTTIME")}
    env["XDG_DATA_HOME"] = str(work / "xdg")
    python = sys.executable
    factcheck = str(common.VENV_BIN / "factcheck")
    verify_args = ["--db", url, "verify", str(article), "--date", common.PUBLISHED, "--fail-on", "never"]
    commands = {
        "verify": [factcheck, *verify_args],
        "floor": [python, "-c", "import sqlalchemy, pyparsing"],
        "bare": [python, "-c", "pass"],
    }
    # factcheck's bytecode, as installing a wheel writes it (an editable install leaves it to the
    # first import, which PYTHONDONTWRITEBYTECODE=1 forbids: every run would compile the sources)
    subprocess.run([python, "-m", "compileall", "-q", str(common.ROOT / "factcheck")], check=True,
                   stdout=subprocess.DEVNULL)
    for argv in commands.values():
        common.timed_process(argv, work, env)[0]   # warm-up: page cache
    runs = 7 if quick else 11
    times = common.interleave({name: (lambda argv=argv: common.timed_process(argv, work, env)[0]) for name, argv in commands.items()},
                              runs)
    value, floor = common.median(times["verify"]), common.median(times["floor"])
    run_ratios = common.ratios(times["verify"], times["floor"])
    ratio = common.median(run_ratios)   # runs pair up: the median of the per-run ratios

    # where the time goes
    imports = _importtime([python, "-X", "importtime", "-m", "factcheck", *verify_args], work, env)
    profile_path = work / "cli.prof"
    subprocess.run([python, "-m", "cProfile", "-o", str(profile_path), "-m", "factcheck", *verify_args],
                   cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stage_note = "-"
    if profile_path.exists():
        stats = pstats.Stats(str(profile_path))
        common.save_profile(stats, "cli")
        stages = common.cumulative(stats, {
            "all imports": "<frozen importlib._bootstrap>:_find_and_load",
            "load_rules": "factcheck/rules/loader.py:_load_rules_cached",
            "compile_pattern": "factcheck/rules/patterns.py:compile_pattern",
            "build_lexicon": "factcheck/api.py:build_lexicon",
            "ensure_schema": "factcheck/store/database.py:ensure_schema",
            "extract": "factcheck/claims/extract.py:extract",
            "verify": "factcheck/verify/verifier.py:verify",
        })
        whole = common.total_time(stats)
        stage_note = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items() if v) + \
            f" (profiled total {whole * 1000:.0f} ms)"
    rows.append(common.row(
        BENCH, "factcheck verify, 3-sentence article, cold process", value * 1000, "ms", floor * 1000, "ms",
        ratio=ratio, target=f"ratio ≤ {TARGET_RATIO:g}", met=ratio <= TARGET_RATIO,
        note=f"{len(times['verify'])} interleaved runs: verify {common.spread(times['verify'], 1000)} ms, "
             f"floor {common.spread(times['floor'], 1000)} ms, per-run ratios {common.spread(run_ratios)}; "
             f"bare `python -c pass` {common.median(times['bare']) * 1000:.0f} ms; cProfile of one cold verify "
             f"(cumulative): {stage_note}; -X importtime, self time summed by top-level package: {imports}"))
    return rows


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(r)
