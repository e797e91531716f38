"""Make docs/report-screenshot.png: the HTML report of the seed article, as headless Chromium shows it.

    .venv/bin/python docs/screenshot.py

Checks the seed article (fixtures/articles/000_162457e0331d5697.txt, published 2023-10-25) against
the bundled reference facts in a temporary store, renders the HTML report and has Chromium take a
1280x1400 screenshot of it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from factcheck.api import Checker
    from factcheck.report import render
    from factcheck.report.build import report_json
    from factcheck.rules.loader import load_rules
    from factcheck.store.database import Store

    chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if chromium is None:
        print("no Chromium on PATH", file=sys.stderr)
        return 2
    article = ROOT / "fixtures" / "articles" / "000_162457e0331d5697.txt"
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'facts.db'}")
        kinds = load_rules().predicate_kinds()
        for facts in sorted((ROOT / "fixtures" / "facts").glob("*.jsonl")):
            store.import_file(facts, kinds)
        text = article.read_text(encoding="utf-8")
        source = article.relative_to(ROOT).as_posix()
        checked = Checker(store).check(text, date(2023, 10, 25), source=source)
        page = Path(folder) / "report.html"
        page.write_text(render(report_json([checked]), "html", texts={source: text}), encoding="utf-8")
        target = ROOT / "docs" / "report-screenshot.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={Path(folder) / 'profile'}", "--window-size=1280,1400",
                        f"--screenshot={target}", page.as_uri()], check=True, capture_output=True, timeout=120)
        store.close()
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
