"""factcheck's side of the evaluation on Recognizers-Text's English specs (benchmarks/peers.py).

The cases are copied under tests/data/recognizers-text/ (MIT, Microsoft). The figures must not
fall more than 0.03 below those recorded in FLOORS (what the readers reach now); the peers'
columns need their own virtual environment and are left to the benchmark.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import peers  # noqa: E402  (benchmarks/ is not a package)

FLOORS = {
    "times-detection": {"recall": 0.85, "precision": 0.99},
    "times-values": {"accuracy": 0.56},
    "currency": {"recall": 0.83, "precision": 0.94, "f1": 0.88},
    "dimension": {"recall": 0.82, "precision": 0.97, "f1": 0.89},
    "number": {"recall": 0.81, "precision": 0.91, "f1": 0.86},
}
MARGIN = 0.03


@pytest.fixture(scope="module")
def result():
    return peers.evaluate(peers=False)


@pytest.mark.parametrize("suite", sorted(FLOORS))
def test_factcheck_keeps_its_figures_on_the_specs(result, suite):
    figures = result["suites"][suite]["factcheck"]
    for name, floor in FLOORS[suite].items():
        assert figures[name] >= floor - MARGIN, f"{suite} {name}: {figures[name]:.3f} < {floor} - {MARGIN}"


def test_the_cases_are_the_specs_and_their_licence(result):
    folder = Path(__file__).parent / "data" / "recognizers-text"
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert {suite: entry["cases"] for suite, entry in result["suites"].items()} == {
        "times-detection": 507, "times-values": 137, "currency": 179, "dimension": 100, "number": 234}
