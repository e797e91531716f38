"""Benchmark the world pack: building its records, and importing them into a fresh SQLite store.

    .venv/bin/python benchmarks/bench_worldpack.py [--runs 3]

Prints one Markdown table row (medians of the runs) and writes benchmarks/results/worldpack.json.
Each import goes into a new SQLite file whose schema is created before the clock starts, so the
import time is the pack's transaction alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.rules.loader import load_rules  # noqa: E402
from factcheck.store.database import Store  # noqa: E402
from factcheck.store.worldpack import PACK_ORIGIN, world_pack_info, world_records  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "worldpack.json"))
    args = parser.parse_args(argv)

    kinds = load_rules().predicate_kinds()
    build_times, import_times = [], []
    records: list[dict] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        records = world_records()
        build_times.append(time.perf_counter() - start)

    result = None
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            store = Store(f"sqlite:///{Path(folder) / 'world.db'}")
            store.ensure_schema()
            start = time.perf_counter()
            result = store.import_records(records, kinds, origin=PACK_ORIGIN, kind="pack")
            import_times.append(time.perf_counter() - start)
            store.close()

    info = world_pack_info(records)
    build, imported = statistics.median(build_times), statistics.median(import_times)
    report = {
        "benchmark": "worldpack",
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "runs": args.runs,
        "build_seconds_median": round(build, 3),
        "import_sqlite_seconds_median": round(imported, 3),
        "build_seconds": [round(t, 3) for t in build_times],
        "import_sqlite_seconds": [round(t, 3) for t in import_times],
        "records": len(records),
        "entities": info["entities"],
        "facts": info["facts"],
        "facts_imported": result.facts_added if result else None,
        "countries": info["countries"],
        "cities": info["cities"],
        "cities_over_100k": info["cities_over_100k"],
        "currencies": info["currencies"],
        "packages": info["packages"],
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print("| benchmark | records (entities + facts) | build world_records() | import into fresh SQLite | runs |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| worldpack | {len(records):,} ({info['entities']:,} + {info['facts']:,}) | "
          f"{build:.2f} s | {imported:.2f} s | median of {args.runs} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
