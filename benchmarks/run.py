"""Run factcheck's benchmarks and write the results table.

    python benchmarks/run.py [--quick] [--only NAME[,NAME...]] [--keep-data]

Writes benchmarks/results/results.json and results.md (git-ignored) and prints the table: each
figure beside its floor measured in the same run, the ratio, the target and whether it is met.
Generated data (the 1,000,000-fact file and stores, the archive) lives in a temporary folder,
removed at the end unless --keep-data. See benchmarks/README.md for what each benchmark does.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

#: In running order: import leaves its 1M-fact store for verify and scale.
BENCHMARKS = ["extract", "lexicon", "import", "verify", "cli", "scale", "archive"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes and fewer runs (≈1 minute instead of ≈6 on an idle machine)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help=f"run only these benchmarks (repeatable or comma-separated): {', '.join(BENCHMARKS)}")
    parser.add_argument("--keep-data", action="store_true", help="keep the generated data folder")
    parser.add_argument("--output", default=str(BENCH_DIR / "results"), help="results folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child, args.quick, args.output)

    selected = [name.strip() for item in args.only for name in item.split(",") if name.strip()]
    unknown = [name for name in selected if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    names = [name for name in BENCHMARKS if not selected or name in selected]

    work = Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    os.environ["BENCH_WORKDIR"] = str(work)
    import common

    common.RESULTS = Path(args.output)
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    for old in common.RESULTS.glob("profile-*.txt"):
        if any(old.name == f"profile-{n}.txt" for n in names):
            old.unlink()
    started = datetime.now(timezone.utc)
    report = {"started": started.isoformat(timespec="seconds"), "mode": "quick" if args.quick else "full",
              "benchmarks": names, "machine": common.machine(), "durations_s": {}, "rows": []}
    previous = _previous(common.RESULTS, report["mode"]) if selected else None
    print(f"factcheck benchmarks ({report['mode']}): {', '.join(names)}; data in {work}", flush=True)
    try:
        for name in names:
            print(f"\n== {name} ...", flush=True)
            begin = time.perf_counter()
            load_before = _load()
            try:
                rows = _in_child(name, args.quick, common.RESULTS)
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # noqa: BLE001  (one failing benchmark must not stop the others)
                traceback.print_exc()
                rows = [common.error_row(name, name, exc)]
            elapsed = time.perf_counter() - begin
            report["durations_s"][name] = round(elapsed, 1)
            report.setdefault("load_average", {})[name] = [load_before, _load()]
            report["rows"].extend(rows)
            _carry_over(report, previous, names)
            for row in rows:
                print("  " + _line(row), flush=True)
            print(f"   ({elapsed:.0f} s)", flush=True)
            _write(report, common.RESULTS)
    finally:
        report["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        report["total_s"] = round((datetime.now(timezone.utc) - started).total_seconds(), 1)
        _write(report, common.RESULTS)
        if args.keep_data:
            print(f"\ngenerated data kept in {work}")
        else:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
    print("\n" + markdown(report))
    print(f"\nwritten: {common.RESULTS / 'results.md'} and results.json")
    return 0


def _in_child(name: str, quick: bool, results: Path) -> list[dict]:
    """Run one benchmark in a fresh interpreter: each sees the package as it is when it starts
    (others may be editing it) and gets its memory back when it ends."""
    import subprocess

    argv = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--output", str(results)]
    if quick:
        argv.append("--quick")
    proc = subprocess.run(argv, stdout=subprocess.PIPE, text=True)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("@@ROWS@@"):
            return json.loads(line[len("@@ROWS@@"):])
    raise RuntimeError(f"benchmark {name} exited {proc.returncode} without results")


def _child(name: str, quick: bool, output: str) -> int:
    import common

    common.RESULTS = Path(output)
    try:
        module = importlib.import_module(f"bench_{name}")
        rows = module.run(quick)
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc()
        rows = [common.error_row(name, name, exc)]
    print("@@ROWS@@" + json.dumps(rows, default=str), flush=True)
    return 0


def _previous(folder: Path, mode: str) -> dict | None:
    """The last results of the same mode, whose other benchmarks' rows --only carries over."""
    try:
        report = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if report.get("mode") == mode else None


def _carry_over(report: dict, previous: dict | None, names: list[str]) -> None:
    """With --only: keep the previous run's rows of the benchmarks not run now, in suite order."""
    if not previous:
        return
    fresh = [r for r in report["rows"] if r["bench"] in names]
    kept = [r for r in previous.get("rows", []) if r["bench"] not in names]
    order = {name: number for number, name in enumerate(BENCHMARKS)}
    report["rows"] = sorted(kept + fresh, key=lambda r: order.get(r["bench"], len(order)))
    carried = {r["bench"] for r in kept}
    report["carried_over"] = {
        bench: previous.get("carried_over", {}).get(bench, previous.get("started")) for bench in sorted(carried)}
    for bench in carried:
        if bench in previous.get("durations_s", {}):
            report["durations_s"].setdefault(bench, previous["durations_s"][bench])
        if bench in previous.get("load_average", {}):
            report.setdefault("load_average", {}).setdefault(bench, previous["load_average"][bench])


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _line(row: dict) -> str:
    import common

    met = {True: "met", False: "NOT MET", None: ""}[row.get("met")]
    floor = f" | floor {common.fmt(row['floor'])} {row['floor_unit'] or ''}" if row.get("floor") is not None else ""
    ratio = f" | ratio {common.fmt(row['ratio'])}" if row.get("ratio") is not None else ""
    target = f" | target {row['target']} {met}" if row.get("target") else ""
    return f"{row['name']}: {common.fmt(row['value'])} {row['unit']}{floor}{ratio}{target}"


def markdown(report: dict) -> str:
    import common

    machine = report["machine"]
    lines = [
        f"# factcheck benchmark results ({report['mode']} run)",
        "",
        f"Started {report['started']}, {report.get('total_s', '?')} s in all. "
        f"Python {machine.get('python')}, SQLite {machine.get('sqlite')}, SQLAlchemy {machine.get('sqlalchemy')}, "
        f"pyparsing {machine.get('pyparsing')}, {machine.get('cpus')} CPUs, {machine.get('memory_gib')} GiB; "
        f"load average (1 min) before/after each benchmark: "
        + ", ".join(f"{k} {report['load_average'][k][0]}/{report['load_average'][k][1]}"
                    for k in BENCHMARKS if k in report.get("load_average", {})) + ".",
        "",
        *(["Carried over from earlier runs (not re-run now): "
           + ", ".join(f"{bench} ({when})" for bench, when in report["carried_over"].items()) + ".", ""]
          if report.get("carried_over") else []),
        "Ratio = how many times worse than the floor measured in the same run (value ÷ floor for times; "
        "floor ÷ value for rates). Times are medians of interleaved runs unless the note says otherwise.",
        "",
        "| # | benchmark | measurement | value | floor | ratio | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for number, row in enumerate(report["rows"], start=1):
        value = f"{common.fmt(row['value'])} {row['unit']}" if row.get("value") is not None else "—"
        floor = f"{common.fmt(row['floor'])} {row['floor_unit'] or ''}" if row.get("floor") is not None else "—"
        ratio = f"{common.fmt(row['ratio'])}×" if row.get("ratio") is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[row.get("met")]
        lines.append(f"| {number} | {row['bench']} | {row['name']} | {value} | {floor} | {ratio} | "
                     f"{row.get('target') or '—'} | {met} |")
        if row.get("note"):
            notes.append(f"{number}. {row['note']}")
    if notes:
        lines += ["", "## Notes", "", *notes]
    durations = report.get("durations_s", {})
    if durations:
        lines += ["", "Durations: " + ", ".join(f"{k} {durations[k]:.0f} s" for k in BENCHMARKS if k in durations) + "."]
    profiles = sorted(p.name for p in common.RESULTS.glob("profile-*.txt"))
    if profiles:
        lines += ["", "cProfile reports beside this file: " + ", ".join(profiles) + "."]
    return "\n".join(lines) + "\n"


def _write(report: dict, folder: Path) -> None:
    (folder / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    (folder / "results.md").write_text(markdown(report), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
