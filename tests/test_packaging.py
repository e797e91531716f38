"""The wheel carries its rule packs, data tables and migrations: an installed factcheck works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from .conftest import ROOT

SCRIPT = """
import sys
from datetime import date
import factcheck
from factcheck import resources
from factcheck.api import Checker
from factcheck.store.database import Store
assert factcheck.__file__.startswith(sys.argv[1]), factcheck.__file__
assert str(resources.rules_dir()).startswith(sys.argv[1]), resources.rules_dir()
assert str(resources.data_dir()).startswith(sys.argv[1]), resources.data_dir()
from factcheck.store.worldpack import tables
assert tables.countries().names and tables.cities().stoplist
from factcheck.store.wikidata.properties import properties
assert properties().relations
from factcheck.report.build import report_schema
assert report_schema()["$defs"]["claim"]["required"]
store = Store("sqlite:///" + sys.argv[2])
checker = Checker(store)
print(len(checker.rules.patterns), store.current_revision())
"""


def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("factcheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "factcheck/_data/rules/patterns/office.toml" in names
    assert "factcheck/_data/data/world/countries.toml" in names
    assert "factcheck/_data/data/wikidata/properties.toml" in names
    assert any(n.startswith("factcheck/_data/db/versions/") and n.endswith(".py") for n in names)
    assert "factcheck/_data/db/env.py" in names
    assert "factcheck/report/schema/report.schema.json" in names
    assert "factcheck/text/quantities/pint_units.json" in names
    assert "factcheck/text/quantities/iso4217.json" in names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(site), str(tmp_path / "s.db")],
                            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, revision = result.stdout.split()
    assert int(count) > 10 and revision
