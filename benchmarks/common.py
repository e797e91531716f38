"""Shared helpers for the benchmarks: timing, result rows, the scratch folder, stores, profiles."""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
VENV_BIN = Path(sys.executable).parent
PUBLISHED = "2023-10-25"

if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

_WORKDIR: Path | None = None


def workdir() -> Path:
    """The scratch folder for generated data: $BENCH_WORKDIR (set by run.py), else a new temp dir."""
    global _WORKDIR
    if _WORKDIR is None:
        env = os.environ.get("BENCH_WORKDIR")
        if env:
            _WORKDIR = Path(env)
            _WORKDIR.mkdir(parents=True, exist_ok=True)
        else:
            _WORKDIR = Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
            os.environ["BENCH_WORKDIR"] = str(_WORKDIR)
    return _WORKDIR


def remove_workdir() -> None:
    global _WORKDIR
    if _WORKDIR is not None:
        shutil.rmtree(_WORKDIR, ignore_errors=True)
        _WORKDIR = None


# -- timing ------------------------------------------------------------------------------------

def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def timed_process(argv: list[str], cwd, env) -> tuple[float, bytes]:
    """Wall time and standard output of one process; a failure raises with its last error line."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])}... exited {proc.returncode}: "
                           f"{proc.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    return elapsed, proc.stdout


def interleave(variants: dict[str, Callable[[], object]], runs: int,
               budget: float | None = None) -> dict[str, list[float]]:
    """Each variant ``runs`` times, round-robin (the starting variant rotates each round).

    With ``budget`` (seconds), stops after the round in which the budget ran out (at least one
    round is always done). Returns the seconds of every run of every variant.
    """
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    started = time.perf_counter()
    for round_number in range(runs):
        order = names[round_number % len(names):] + names[:round_number % len(names)]
        for name in order:
            elapsed, _ = timed(variants[name])
            times[name].append(elapsed)
        if budget is not None and time.perf_counter() - started > budget:
            break
    return times


def median(values) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values, scale: float = 1.0, digits: int = 2) -> str:
    """'median (min–max)' of ``values`` times ``scale``."""
    if not values:
        return "-"
    return (f"{fmt(median(values) * scale, digits)} "
            f"({fmt(min(values) * scale, digits)}–{fmt(max(values) * scale, digits)}, n={len(values)})")


def ratios(a: list[float], b: list[float]) -> list[float]:
    """Per-run ratios a[i] / b[i] (interleaved runs pair up)."""
    return [x / y for x, y in zip(a, b) if y]


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value == 0:
            return "0"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.{digits}f}" if abs(value) >= 0.01 else f"{value:.2g}"
    return str(value)


# -- rows --------------------------------------------------------------------------------------

def row(bench: str, name: str, value, unit: str, floor=None, floor_unit: str | None = None, *,
        ratio: float | None = None, target: str | None = None, met: bool | None = None,
        note: str = "", higher_is_better: bool = False) -> dict:
    """One result. ``ratio`` defaults to value/floor (floor/value when higher is better), i.e. how
    many times worse than its floor the figure is."""
    if ratio is None and isinstance(value, (int, float)) and isinstance(floor, (int, float)) and floor and value:
        ratio = floor / value if higher_is_better else value / floor
    return {"bench": bench, "name": name, "value": value, "unit": unit, "floor": floor,
            "floor_unit": floor_unit or (unit if floor is not None else None), "ratio": ratio,
            "target": target, "met": met, "note": note}


def error_row(bench: str, name: str, exc: BaseException) -> dict:
    message = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return row(bench, name, None, "", note=f"FAILED: {message}", met=False)


# -- processes ---------------------------------------------------------------------------------

def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_child(module: str, function: str, *args, timeout: float = 1800) -> object:
    """Call ``module.function(*args)`` in a fresh interpreter of this venv; return its JSON result."""
    code = (
        "import json, sys; sys.path.insert(0, %r); import %s as m; "
        "r = m.%s(*json.loads(sys.argv[1])); print('@@RESULT@@' + json.dumps(r))"
        % (str(BENCH_DIR), module, function)
    )
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONHASHSEED": "0"})
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@"):])
    raise RuntimeError(f"{module}.{function} failed (exit {proc.returncode}): "
                       f"{(proc.stderr or proc.stdout).strip().splitlines()[-1:] }")


# -- profiles ----------------------------------------------------------------------------------

def profile(fn: Callable[[], object], name: str, top: int = 30) -> pstats.Stats:
    """cProfile ``fn``; save the text report (by own time, then cumulative) as
    results/profile-NAME.txt; return the stats."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        fn()
    finally:
        profiler.disable()
    stats = pstats.Stats(profiler)
    save_profile(stats, name, top)
    return stats


def save_profile(stats: pstats.Stats, name: str, top: int = 30) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    (RESULTS / f"profile-{name}.txt").write_text(out.getvalue(), encoding="utf-8")


def top_own(stats: pstats.Stats, count: int = 6) -> str:
    """'function share%, ...' of the functions with the most own time."""
    entries = [(tt, f"{_short(fn)}:{line}({func})") for (fn, line, func), (cc, nc, tt, ct, _)
               in stats.stats.items()]
    total = sum(tt for tt, _ in entries) or 1.0
    entries.sort(reverse=True)
    return ", ".join(f"{name} {100 * tt / total:.0f}%" for tt, name in entries[:count])


def cumulative(stats: pstats.Stats, functions: dict[str, str]) -> dict[str, float]:
    """Cumulative seconds of ``functions`` (label -> 'file-part:function-name') in ``stats``."""
    out = {}
    for label, spec in functions.items():
        where, func_name = spec.rsplit(":", 1)
        best = 0.0
        for (fn, line, func), (cc, nc, tt, ct, _) in stats.stats.items():
            if func == func_name and where in fn:
                best = max(best, ct)
        out[label] = best
    return out


def total_time(stats: pstats.Stats) -> float:
    return getattr(stats, "total_tt", 0.0) or sum(v[2] for v in stats.stats.values())


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/factcheck/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1] if marker != "/factcheck/" else "factcheck/" + filename.split(marker, 1)[1]
    return filename


# -- stores ------------------------------------------------------------------------------------

def predicate_kinds() -> dict[str, str]:
    from factcheck.rules.loader import load_rules

    return load_rules().predicate_kinds()


def fact_file(n_facts: int) -> Path:
    """A JSON Lines file of the world's 1,000 facts plus filler up to ``n_facts`` (cached)."""
    import corpus

    path = workdir() / f"facts-{n_facts}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        corpus.write_fact_file(partial, n_facts)
        partial.rename(path)
    return path


def store_path(n_facts: int) -> Path:
    return workdir() / f"store-{n_facts}.db"


def sqlite_store(n_facts: int):
    """A SQLite store holding ``n_facts`` facts (the world's 1,000 plus filler), imported by
    factcheck itself (cached; bench_import leaves its last import here)."""
    from factcheck.store.database import Store

    path = store_path(n_facts)
    if not path.exists():
        partial = path.with_name(path.stem + "-partial.db")
        for stale in partial.parent.glob(partial.name + "*"):
            stale.unlink()
        store = Store(f"sqlite:///{partial}")
        store.ensure_schema()
        store.import_file(fact_file(n_facts), predicate_kinds())
        store.close()
        for suffix in ("-wal", "-shm"):
            extra = Path(str(partial) + suffix)
            if extra.exists():
                extra.unlink()
        partial.rename(path)
    return Store(f"sqlite:///{path}")


def fixture_store():
    """A small store of the fixture facts only (fixtures/facts/*.jsonl)."""
    from factcheck.store.database import Store

    import corpus

    path = workdir() / "fixture-store.db"
    if not path.exists():
        store = Store(f"sqlite:///{path}")
        store.ensure_schema()
        for fact_path in corpus.FIXTURE_FACTS:
            store.import_file(fact_path, predicate_kinds())
        store.close()
    return Store(f"sqlite:///{path}")


def machine() -> dict:
    import platform
    import sqlite3

    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version}
    try:
        with open("/proc/meminfo") as meminfo:
            info["memory_gib"] = round(int(meminfo.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib import metadata

    for package in ("sqlalchemy", "pyparsing", "psycopg", "pyahocorasick", "distributed"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    try:
        info["load_average"] = os.getloadavg()
    except OSError:
        pass
    return info
