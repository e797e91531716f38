"""Batches, suppression markers and the config file, as a newsroom runs them."""

from __future__ import annotations

import json
import random
import subprocess

import pytest
import sys
from datetime import date
from pathlib import Path

from factcheck.api import Checker
from factcheck.report.build import document_json
from factcheck.store.database import Store

from .conftest import SEED

SENTENCES = [
    "Chinese President Xi Jinping said on {day} that talks would continue.",
    "US President Joe Biden met Chinese Foreign Minister Wang Yi on {day}.",
    "China's state-controlled Global Times wrote a commentary.",
    "The New York-headquartered National Committee on United States-China Relations held a dinner.",
    "China has been blocking shipments of gallium since {month}.",
    "State Secretary Antony Blinken met officials in Beijing this summer.",
    "Beijing is the capital of China.",
    "Shenzhen is the capital of China.",
    "The weather was mild and the markets were quiet.",
    "Analysts said the outcome could change quickly.",
]


def _articles(folder, count: int = 80) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for number in range(count):
        picked = rng.sample(SENTENCES, 4)
        text = " ".join(s.format(day=rng.choice(["Monday", "Wednesday", "Friday"]),
                                  month=rng.choice(["July", "August", "September"])) for s in picked)
        (folder / f"article-{number:03d}.txt").write_text(f"Headline {number}\n\n{text}\n", encoding="utf-8")


def _cli(*args, db, **kwargs):
    return subprocess.run([sys.executable, "-m", "factcheck", "--db", db, *args], capture_output=True,
                          text=True, timeout=600, **kwargs)


def test_jobs_give_the_same_json_as_one_by_one(seeded_sqlite_url, tmp_path):
    folder = tmp_path / "archive"
    _articles(folder)
    parallel = _cli("verify", str(folder), "--date", "2023-10-25", "--format", "json", "--jobs", "2",
                    "--fail-on", "never", db=seeded_sqlite_url)
    assert parallel.returncode == 0, parallel.stderr
    report = json.loads(parallel.stdout)
    assert len(report["documents"]) == 80
    checker = Checker(Store(seeded_sqlite_url))
    for document in report["documents"]:
        text = Path(document["source"]).read_text(encoding="utf-8")
        alone = document_json(checker.check(text, date(2023, 10, 25), source=document["source"]))
        assert document == alone
    sequential = _cli("verify", str(folder), "--date", "2023-10-25", "--format", "json",
                      "--fail-on", "never", db=seeded_sqlite_url)
    assert sequential.stdout == parallel.stdout


def test_jsonl_streams_one_document_per_line(seeded_sqlite_url, tmp_path):
    folder = tmp_path / "archive"
    _articles(folder, 12)
    result = _cli("verify", str(folder), "--date", "2023-10-25", "--format", "jsonl", "--jobs", "2",
                  "--fail-on", "never", db=seeded_sqlite_url)
    lines = result.stdout.splitlines()
    assert len(lines) == 12
    assert [json.loads(line)["source"] for line in lines] == sorted(str(p) for p in folder.iterdir())


def test_a_bad_file_is_reported_and_the_rest_go_on(seeded_sqlite_url, tmp_path):
    folder = tmp_path / "drafts"
    _articles(folder, 3)
    (folder / "article-001.txt").write_bytes(b"Caf\xe9 society\n")
    result = _cli("verify", str(folder), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    assert result.returncode == 2
    assert result.stderr.count("error:") == 1 and "article-001.txt is not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 2


def test_inline_marker_silences_a_sentence(seeded_sqlite_url, tmp_path):
    article = tmp_path / "draft.md"
    article.write_text(
        "Shenzhen is the capital of China. <!-- factcheck: ignore -->\n\n"
        "<!-- factcheck: ignore -->\n"
        "Shenzhen is the capital of China.\n\n"
        "Shenzhen is the capital of China.\n", encoding="utf-8")
    result = _cli("verify", str(article), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    claims = json.loads(result.stdout)["documents"][0]["claims"]
    assert [c["line"] for c in claims] == [6]
    assert result.returncode == 1


def test_config_file_sets_defaults(seeded_sqlite_url, tmp_path):
    (tmp_path / "factcheck.toml").write_text(
        f'db = "{seeded_sqlite_url}"\nfail_on = "never"\nformat = "json"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "verify", str(SEED), "--date", "2023-10-25"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["contradicted"] >= 1
    (tmp_path / "factcheck.toml").write_text('colour = "red"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "verify", str(SEED)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "unknown key 'colour'" in result.stderr


def test_quiet_shows_only_contradictions(seeded_sqlite_url):
    result = _cli("verify", str(SEED), "--date", "2023-10-25", "--quiet", db=seeded_sqlite_url)
    lines = result.stdout.splitlines()
    assert lines[:-1] and all(" contradicted " in line for line in lines[:-1])
    assert "sentences" in lines[-1] and "with reference facts" in lines[-1]


def test_inline_marker_in_html(seeded_sqlite_url, tmp_path):
    page = tmp_path / "draft.html"
    page.write_text(
        "<html><head><title>Draft</title></head><body><article>"
        "<p>Shenzhen is the capital of China. <!-- factcheck: ignore --> It was a long day in the city.</p>"
        "<p>Officials met on Monday and talked for hours about trade and about the weather.</p>"
        "<p>Shenzhen is the capital of China, a reader wrote.</p>"
        "</article></body></html>", encoding="utf-8")
    result = _cli("verify", str(page), "--date", "2023-10-25", "--format", "json", db=seeded_sqlite_url)
    claims = json.loads(result.stdout)["documents"][0]["claims"]
    assert len(claims) == 1 and claims[0]["verdict"] == "contradicted"
    assert "a reader wrote" in claims[0]["sentence"]


# distributed's own scheduler may leave a listening socket to the garbage collector at shutdown.
@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_dask_cluster_gives_the_same_json_as_one_process(seeded_sqlite_url, tmp_path):
    """--scheduler on a LocalCluster of 2 worker processes on loopback."""
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    folder = tmp_path / "archive"
    _articles(folder, 30)
    single = _cli("verify", str(folder), "--date", "2023-10-25", "--format", "json", "--fail-on", "never",
                  db=seeded_sqlite_url)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0", worker_dashboard_address=":0") as cluster:
        on_dask = _cli("verify", str(folder), "--date", "2023-10-25", "--format", "json", "--fail-on",
                       "never", "--scheduler", cluster.scheduler_address, db=seeded_sqlite_url)
    assert on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == single.stdout


def test_loading_a_checker_loads_what_the_first_document_would():
    checker = Checker()
    assert checker.load() is checker
    assert checker._extractor is not None and checker._lexicon is not None


def test_the_command_line_freezes_its_checker_only_in_its_own_process(monkeypatch, seeded_sqlite_url, tmp_path):
    """A program running the commands in its own process (as CliRunner does) keeps its garbage
    collector as it was; factcheck.cli.main, the command line's own process, freezes once the
    checker is loaded."""
    import gc

    from click.testing import CliRunner

    from factcheck.cli import cli, common, main

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(common, "OWN_PROCESS", False)
    article = tmp_path / "a.txt"
    article.write_text("Beijing is the capital of China.\n", encoding="utf-8")
    args = ["--db", seeded_sqlite_url, "verify", str(article), "--date", "2023-10-25", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert frozen == []
    main(args)       # exits only on an error
    assert frozen == [True]
