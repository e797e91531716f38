"""The linter habits of ``verify``: rules selected and ignored, inline ignore comments, baselines,
GitHub annotations, --stdin-filename, --color, and the pre-commit hook."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml

from factcheck.report.filters import drop_inline_ignored, select_rules, text_directives
from factcheck.report.github import annotations, escape_data, escape_property

from .conftest import ROOT
from .test_cli import error_lines, run

DATE = "2023-10-25"
ARTICLE = ("Beijing, the capital of China, is a big city.\n"
           "US President Xi Jinping spoke on Monday.\n")
WRONG = "Chinese President Joe Biden spoke on Tuesday.\n"
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::\S.*$")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def verify(db: str, *args: str, stdin: str | None = None):
    return run("verify", *args, "--date", DATE, db=db, stdin=stdin)


def verify_json(db: str, *args: str) -> tuple[int, list[dict]]:
    result = verify(db, *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)["documents"][0]["claims"]


def rules_of(claims: list[dict]) -> set[str]:
    return {claim["rule"] for claim in claims}


def test_the_article_has_a_supported_and_a_contradicted_claim(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    status, claims = verify_json(seeded_sqlite_url, "a.txt")
    assert status == 1
    assert {(c["rule"], c["verdict"]) for c in claims} == {("frames.capital", "supported"),
                                                           ("office.appositive", "contradicted")}


@pytest.mark.parametrize("args, config, kept, status", [
    (["--ignore", "office.*"], None, {"frames.capital"}, 0),
    (["--select", "office.appositive"], None, {"office.appositive"}, 1),
    (["--select", "frames.capital,office.appositive", "--ignore", "office.appositive"], None,
     {"frames.capital"}, 0),
    ([], 'ignore = ["office.*"]', {"frames.capital"}, 0),
    ([], 'select = "frames.*"', {"frames.capital"}, 0),
    (["--select", "office.*"], 'select = ["frames.*"]', {"office.appositive"}, 1),   # the option wins
    (["--ignore", "frames.capital"], 'ignore = ["office.*"]', {"office.appositive"}, 1),
], ids=["cli-ignore-glob", "cli-select", "cli-select-and-ignore", "config-ignore", "config-select-str",
        "cli-select-beats-config", "cli-ignore-beats-config"])
def test_select_and_ignore(seeded_sqlite_url, tmp_path, args, config, kept, status):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    if config:
        (tmp_path / "factcheck.toml").write_text(config + "\n", encoding="utf-8")
    got_status, claims = verify_json(seeded_sqlite_url, "a.txt", *args)
    assert rules_of(claims) == kept
    assert got_status == status


def test_select_and_ignore_in_pyproject(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nignore = ["office.appositive"]\n')
    status, claims = verify_json(seeded_sqlite_url, "a.txt")
    assert (status, rules_of(claims)) == (0, {"frames.capital"})


def test_ignored_claims_leave_the_summary(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", "--ignore", "office.*", "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"] == {"supported": 1, "contradicted": 0, "unknown": 0}
    assert report["documents"][0]["summary"] == report["summary"]


@pytest.mark.parametrize("args, config, needle", [
    (["--select", "ofice.appositive"], None, "--select: 'ofice.appositive' matches no rule; did you mean office.appositive"),
    (["--ignore", "nothing.*"], None, "--ignore: 'nothing.*' matches no rule"),
    ([], "ignore = 3", "'ignore' must be a rule id, a glob or a list of them"),
    ([], 'select = ["zzz"]', "config select: 'zzz' matches no rule"),
    (["--level", "unknown"], None, "--level: 'unknown' is not VERDICT=LEVEL"),
    (["--level", "unknown=loud"], None, "level 'loud' for unknown is not one of"),
    ([], '[levels]\nmaybe = "note"', "no verdict 'maybe'"),
    (["--baseline", "missing.json"], None, "no baseline file missing.json"),
])
def test_bad_patterns_levels_and_baselines_are_usage_errors(seeded_sqlite_url, tmp_path, args, config, needle):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    if config:
        (tmp_path / "factcheck.toml").write_text(config + "\n", encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", *args)
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert needle in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("comment, ignored", [
    ("factcheck: ignore", True),
    ("<!-- factcheck: ignore -->", True),   # extraction's sentence marker
    ("factcheck: ignore[office.appositive]", True),
    ("factcheck: ignore[frames.*, office.*]", True),
    ("<!-- factcheck: ignore[office.*] -->", True),
    ("factcheck: ignore[frames.capital]", False),
], ids=["all", "sentence-marker", "one-rule", "globs", "html-comment-in-markdown", "other-rule"])
def test_inline_ignore_suppresses_only_its_line(seeded_sqlite_url, tmp_path, comment, ignored):
    article = ("Beijing, the capital of China, is a big city.\n"
               f"US President Xi Jinping spoke on Monday. {comment}\n"
               "US President Xi Jinping spoke again on Tuesday.\n")
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    status, claims = verify_json(seeded_sqlite_url, "a.md")
    lines = sorted(claim["line"] for claim in claims if claim["rule"] == "office.appositive")
    assert lines == ([3] if ignored else [2, 3])
    assert "frames.capital" in rules_of(claims)
    assert status == 1   # line 3's wrong claim still counts


def test_inline_ignore_in_an_html_page(seeded_sqlite_url, tmp_path):
    page = ("<html><head><title>t</title></head><body>"
            "<p>Beijing, the capital of China, is a big city.</p>"
            "<p>US President Xi Jinping spoke on Monday. <!-- factcheck: ignore[office.*] --></p>"
            "<p>Chinese President Joe Biden spoke on Tuesday.</p></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    _, claims = verify_json(seeded_sqlite_url, "a.html")
    wrong = [claim["text"] for claim in claims if claim["verdict"] == "contradicted"]
    assert wrong == ["Chinese President Joe Biden"]
    assert "frames.capital" in rules_of(claims)


def test_a_page_wide_comment_is_not_a_directive():
    from factcheck.report.filters import html_directives

    assert html_directives("<html><body><!-- factcheck: ignore --><p>x</p></body></html>") == []
    [(words, patterns)] = html_directives("<div><p>A b. <!-- factcheck: ignore[x.*] --> C.</p></div>")
    assert (words, patterns) == ("A b. C.", ("x.*",))


def test_text_directives():
    text = "a\nb factcheck: ignore[r.one, r.*]\nc # FACTCHECK: ignore\nd factcheck: ignore[]\n"
    assert text_directives(text) == {2: ("r.one", "r.*"), 3: None, 4: None}
    # A comment on a line of its own is about the next line.
    text = "a\n<!-- factcheck: ignore[r.*] -->\nb\n  # factcheck: ignore\nc\n"
    assert text_directives(text) == {3: ("r.*",), 5: None}
    # The sentence markers are extraction's, not line directives.
    text = "a <!-- factcheck: ignore --> b\n[factcheck: ignore]\nc <!--factcheck: ignore[r.x]-->\n"
    assert text_directives(text) == {3: ("r.x",)}


def test_html_sentence_markers_are_left_to_extraction():
    from factcheck.report.filters import html_directives

    assert html_directives("<div><p>A. <!-- factcheck: ignore --> B.</p></div>") == []


def test_a_comment_line_names_the_next_line(seeded_sqlite_url, tmp_path):
    article = ("Beijing, the capital of China, is a big city.\n"
               "<!-- factcheck: ignore[office.*] -->\n"
               "US President Xi Jinping spoke on Monday.\n"
               "<!-- factcheck: ignore[frames.*] -->\n" + WRONG)
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    _, claims = verify_json(seeded_sqlite_url, "a.md")
    assert [(c["rule"], c["line"]) for c in claims] == [("frames.capital", 1), ("office.appositive", 5)]


def test_filters_keep_the_document_when_nothing_is_dropped():
    document = {"source": "a", "claims": [{"rule": "x.y", "line": 1, "text": "t", "verdict": "unknown"}],
                "summary": {"supported": 0, "contradicted": 0, "unknown": 1}}
    assert select_rules(document, ["x.*"], []) is document
    assert drop_inline_ignored(document, "t\n") is document
    assert select_rules(document, [], ["x.y"])["summary"] == {"supported": 0, "contradicted": 0, "unknown": 0}


def test_a_baseline_run_reports_only_a_new_wrong_claim(seeded_sqlite_url, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    written = verify(seeded_sqlite_url, "a.txt", "--write-baseline", "baseline.json")
    assert written.exit_code == 0, written.stderr   # the findings are accepted
    baseline = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert [(f["rule"], f["verdict"], f["text"]) for f in baseline["findings"]] == [
        ("office.appositive", "contradicted", "US President Xi Jinping")]
    assert baseline["findings"][0]["source"] == "a.txt"

    # Accepted findings stay accepted when the text around them moves.
    article.write_text("A new first line.\n\n" + ARTICLE, encoding="utf-8")
    status, claims = verify_json(seeded_sqlite_url, "a.txt", "--baseline", "baseline.json")
    assert status == 0
    assert [c for c in claims if c["verdict"] != "supported"] == []

    article.write_text("A new first line.\n\n" + ARTICLE + WRONG, encoding="utf-8")
    status, claims = verify_json(seeded_sqlite_url, "a.txt", "--baseline", "baseline.json")
    assert status == 1
    assert [(c["text"], c["verdict"], c["line"]) for c in claims if c["verdict"] != "supported"] == [
        ("Chinese President Joe Biden", "contradicted", 5)]
    quiet = verify(seeded_sqlite_url, "a.txt", "--baseline", "baseline.json", "--quiet")
    assert [line.split(": ")[1] for line in quiet.stdout.splitlines()[:-1]] == [
        "contradicted office.appositive"]


def test_a_baseline_entry_accepts_one_claim_and_a_changed_verdict_is_new(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    verify(seeded_sqlite_url, "a.txt", "--write-baseline", "baseline.json")
    (tmp_path / "a.txt").write_text(ARTICLE + "US President Xi Jinping spoke.\n", encoding="utf-8")
    status, claims = verify_json(seeded_sqlite_url, "a.txt", "--baseline", "baseline.json")
    assert status == 1 and [c["line"] for c in claims if c["verdict"] == "contradicted"] == [3]

    data = json.loads((tmp_path / "baseline.json").read_text())
    data["findings"][0]["verdict"] = "unknown"
    (tmp_path / "baseline.json").write_text(json.dumps(data))
    status, claims = verify_json(seeded_sqlite_url, "a.txt", "--baseline", "baseline.json")
    assert [c["line"] for c in claims if c["verdict"] == "contradicted"] == [2, 3]


def test_a_baseline_is_updated_in_place(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    verify(seeded_sqlite_url, "a.txt", "--write-baseline", "b.json")
    (tmp_path / "a.txt").write_text(ARTICLE + WRONG, encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", "--baseline", "b.json", "--write-baseline", "b.json",
                    "--quiet")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2   # the new claim, reported once more, and the summary
    assert len(json.loads((tmp_path / "b.json").read_text())["findings"]) == 2
    status, claims = verify_json(seeded_sqlite_url, "a.txt", "--baseline", "b.json")
    assert status == 0 and all(c["verdict"] == "supported" for c in claims)


@pytest.mark.parametrize("content, needle", [
    ("{", "cannot read baseline b.json"),
    ('{"findings": []}', "b.json is not a factcheck baseline (version 1)"),
    ('{"factcheck_baseline": 1, "findings": [{"rule": "x"}]}', "baseline b.json: finding 1 needs string fields"),
])
def test_a_broken_baseline_is_a_usage_error(seeded_sqlite_url, tmp_path, content, needle):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", "--baseline", "b.json")
    assert result.exit_code == 2 and result.stdout == ""
    [line] = error_lines(result)
    assert needle in line


def test_baselines_are_deterministic_and_sorted(seeded_sqlite_url, tmp_path):
    (tmp_path / "b.txt").write_text(ARTICLE + WRONG, encoding="utf-8")
    (tmp_path / "a.txt").write_text(WRONG + ARTICLE, encoding="utf-8")
    verify(seeded_sqlite_url, "b.txt", "a.txt", "--write-baseline", "one.json")
    verify(seeded_sqlite_url, "a.txt", "b.txt", "--jobs", "1", "--write-baseline", "two.json")
    one = (tmp_path / "one.json").read_bytes()
    assert one == (tmp_path / "two.json").read_bytes()
    findings = json.loads(one)["findings"]
    assert [f["source"] for f in findings] == ["a.txt", "a.txt", "b.txt", "b.txt"]


def test_github_annotations_shape(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + WRONG, encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines), lines
    assert lines[0].startswith("::error file=a.txt,line=2,col=1,title=office.appositive::contradicted: ")
    assert len(lines) == 2   # contradicted only, by default


def test_github_levels_from_option_and_config(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "The German Chancellor Joe Biden spoke.\n", encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", "--format", "github", "--level", "unknown=note")
    kinds = [line.split(" ", 1)[0] for line in result.stdout.splitlines()]
    assert kinds == ["::error", "::notice"]
    (tmp_path / "factcheck.toml").write_text('[levels]\nunknown = "warning"\ncontradicted = "none"\n')
    result = verify(seeded_sqlite_url, "a.txt", "--format", "github")
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["::warning"]
    assert result.exit_code == 1   # levels decide what is annotated, --fail-on the status


def test_github_escaping():
    assert escape_data("50% of\r\nit") == "50%25 of%0D%0Ait"
    assert escape_property("dir:a,b%.txt") == "dir%3Aa%2Cb%25.txt"
    report = {"documents": [{"source": "news/a,b:c.txt", "claims": [
        {"line": 3, "column": 7, "rule": "x.y", "verdict": "contradicted",
         "explanation": "100% wrong:\nsee, here"}]}]}
    assert annotations(report) == ("::error file=news/a%2Cb%3Ac.txt,line=3,col=7,title=x.y::"
                                   "contradicted: 100%25 wrong:%0Asee, here\n")


def test_github_annotations_of_a_url_name_it_in_the_message():
    report = {"documents": [{"source": "https://example.org/news/a", "claims": [
        {"line": 3, "column": 7, "rule": "x.y", "verdict": "contradicted", "explanation": "wrong"}]}]}
    assert annotations(report) == "::error title=x.y::https://example.org/news/a:3:7: contradicted: wrong\n"


def test_stdin_filename_names_the_article(seeded_sqlite_url):
    result = verify(seeded_sqlite_url, "-", "--stdin-filename", "drafts/a.txt", stdin=ARTICLE)
    assert result.stdout.splitlines()[0].startswith("drafts/a.txt:1:1: supported ")
    github = verify(seeded_sqlite_url, "-", "--stdin-filename", "drafts/a.txt", "--format", "github",
                    stdin=ARTICLE)
    assert github.stdout.startswith("::error file=drafts/a.txt,line=2,")
    plain = verify(seeded_sqlite_url, "-", stdin=ARTICLE)
    assert plain.stdout.startswith("-:1:1: ")


def test_stdin_filename_inline_ignore(seeded_sqlite_url):
    article = ARTICLE.replace("Monday.", "Monday. factcheck: ignore")
    result = verify(seeded_sqlite_url, "-", "--stdin-filename", "a.txt", "--format", "json", stdin=article)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["source"] == "a.txt"


def test_an_html_stdin_filename_reads_a_page(seeded_sqlite_url, tmp_path):
    page = ("<html><head><title>t</title></head><body>"
            "<p>Beijing, the capital of China, is a big city.</p>"
            "<p>US President Xi Jinping spoke on Monday. <!-- factcheck: ignore[office.*] --></p>"
            "<p>Chinese President Joe Biden spoke on Tuesday.</p></body></html>")
    result = verify(seeded_sqlite_url, "-", "--stdin-filename", "drafts/page.html", "--format", "json",
                    stdin=page)
    assert result.exit_code == 1, result.stderr
    [document] = json.loads(result.stdout)["documents"]
    assert document["source"] == "drafts/page.html"
    assert "<p>" not in document["claims"][0]["sentence"]   # read as a page, not as text
    assert [c["text"] for c in document["claims"] if c["verdict"] == "contradicted"] == [
        "Chinese President Joe Biden"]
    assert not list(Path(tempfile.gettempdir()).glob("factcheck-stdin-*/page.html"))


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("args, env, coloured", [
    ([], {}, False),                               # auto, and the test's stdout is no terminal
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),   # the option beats the environment
    ([], {"FORCE_COLOR": ""}, False),              # empty means unset
])
def test_colour(seeded_sqlite_url, tmp_path, monkeypatch, args, env, coloured):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = verify(seeded_sqlite_url, "a.txt", *args)
    assert bool(ANSI.search(result.stdout)) == coloured
    if coloured:
        first, second, summary = result.stdout.splitlines()
        # Only the verdict word is coloured.
        assert first.startswith("a.txt:1:1: \x1b[32msupported\x1b[0m frames.capital: ")
        assert second.startswith("a.txt:2:1: \x1b[1;31mcontradicted\x1b[0m office.appositive: ")
        assert not ANSI.search(summary)
        assert ANSI.sub("", result.stdout) == verify(seeded_sqlite_url, "a.txt", "--color", "never").stdout


def test_colour_never_goes_to_a_file(seeded_sqlite_url, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    verify(seeded_sqlite_url, "a.txt", "--color", "always", "-o", "out.txt")
    assert not ANSI.search((tmp_path / "out.txt").read_text(encoding="utf-8"))


def test_pre_commit_hook_definition():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "factcheck" and hook["entry"] == "factcheck verify"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("news/a.md") and files.search("a.html") and files.search("b.txt")
    assert not files.search("setup.py")


def test_pre_commit_runs_the_entry_on_files(seeded_sqlite_url, tmp_path):
    """pre-commit appends the staged file names to the entry: ``factcheck verify a.txt b.md``."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("Beijing, the capital of China, is a big city.\n", encoding="utf-8")
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    args = hook["entry"].split()[1:] + ["a.txt", "b.md"]
    result = run(*args, "--date", DATE, db=seeded_sqlite_url)
    assert result.exit_code == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()[:-1]} == {"a.txt", "b.md"}


def test_readme_documents_the_options():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("--select", "--ignore", "factcheck: ignore", "--baseline", "--write-baseline",
                   "--format github", "--stdin-filename", "--color", ".pre-commit-hooks.yaml"):
        assert needle in readme, needle


def test_an_unchanged_path_is_relative():
    from factcheck.report.baseline import source_key

    assert source_key(str(Path.cwd() / "x" / "a.txt")) == "x/a.txt"
    assert source_key("./x/a.txt") == "x/a.txt"
    assert source_key("https://example.org/a") == "https://example.org/a"


@pytest.mark.parametrize("args, config, kept", [
    (["--ignore", "office.*"], None, {"frames.capital"}),
    (["--select", "office.appositive"], None, {"office.appositive"}),
    ([], 'ignore = ["frames.*"]', {"office.appositive"}),
    (["--ignore", "frames.capital"], 'ignore = ["office.*"]', {"office.appositive"}),   # the option wins
], ids=["cli-ignore", "cli-select", "config-ignore", "cli-beats-config"])
def test_the_claims_command_selects_and_ignores_rules_as_verify_does(seeded_sqlite_url, tmp_path, args,
                                                                     config, kept):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    if config:
        (tmp_path / "factcheck.toml").write_text(config + "\n", encoding="utf-8")
    result = run("claims", "a.txt", "--date", "2023-11-16", "--format", "json", *args, db=seeded_sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert rules_of(json.loads(result.stdout)["documents"][0]["claims"]) == kept
    wrong = run("claims", "a.txt", "--select", "ofice.appositive", db=seeded_sqlite_url)
    assert wrong.exit_code == 2 and "matches no rule" in wrong.stderr
