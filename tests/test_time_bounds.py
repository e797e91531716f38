"""No input can stall a run: a time budget per document, and work that grows linearly.

Timings here compare the same work at two sizes in the same test (the best of a few runs each),
with generous bounds on the growth ratio, never absolute times: a superlinear step (a regex that
backtracks, a quadratic loop) shows as a ratio of 4 or more when the input doubles, while noise
on a busy machine stays well under the bounds.
"""

from __future__ import annotations

import gc
import json
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.api import Checker
from factcheck.model import Deadline
from factcheck.report import render
from factcheck.report.build import report_json
from factcheck.rules.patterns import PatternSyntaxError, compile_pattern, placeholder
from factcheck.store.database import Store

from .conftest import SEED
from .test_cli import error_lines, run

DAY = date(2023, 11, 16)
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _in_a_fresh_folder(tmp_path, monkeypatch):
    """Commands read factcheck.toml from the working folder and its parents."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def checker(seeded_sqlite_url):
    checker = Checker(Store(seeded_sqlite_url))
    checker.check(SEED_TEXT, DAY)   # warm: lexicon, grammars
    return checker


def _best(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()   # a full collection of what earlier tests left is not this run's work
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _growth(make, checker, small: int, rounds: int = 5) -> float:
    """How much longer extraction takes on ``make(2 * small)`` than on ``make(small)``: the best
    of ``rounds`` runs each, the two sizes interleaved so that other work on the machine (a
    parallel test worker) weighs on both alike."""
    texts = make(small), make(2 * small)
    checker.extract(texts[0], DAY)
    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for k, text in enumerate(texts):
            started = time.perf_counter()
            checker.extract(text, DAY)
            best[k] = min(best[k], time.perf_counter() - started)
    return best[1] / best[0]


HOSTILE = {
    # a long token where a rule's gap ("met ... ") may stretch
    "token-in-a-gap": lambda n: "In Beijing in 2023, Xi Jinping met " + "x" * n + ".",
    "hyphenated-token": lambda n: ("Since September, China has been blocking shipments of "
                                   + "-".join(["semiconductor"] * (n // 14)) + " gallium."),
    # runs of sentence punctuation the splitter must read once
    "exclamation-marks": lambda n: "!" * n,
    "full-stops": lambda n: "." * n + " And then",
    "questions": lambda n: "Why?" * (n // 4),
    "commas-between-names": lambda n: "China, " * (n // 7) + "and the US met.",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_doubling_a_hostile_input_at_most_doubles_the_time(checker, name):
    assert _growth(HOSTILE[name], checker, 20_000) < 3.0


def test_rendering_twice_the_claims_takes_at_most_two_and_a_half_times_as_long(checker):
    seed = report_json([checker.check(SEED_TEXT, DAY, source="long.txt")])["documents"][0]

    def report(copies: int):
        """The seed article ``copies`` times over, with its claims where each copy has them."""
        step = len(SEED_TEXT) + 2
        lines = SEED_TEXT.count("\n") + 2
        claims = [{**claim, "id": f"c{k}-{claim['id']}", "start": claim["start"] + k * step,
                   "end": claim["end"] + k * step, "line": claim["line"] + k * lines}
                  for k in range(copies) for claim in seed["claims"]]
        document = {**seed, "claims": claims}
        return report_json([document]), {"long.txt": "\n\n".join([SEED_TEXT] * copies)}

    small, large = report(100), report(200)
    every = {"supported": "none", "contradicted": "error", "unknown": "warning"}
    for fmt in ("html", "sarif"):
        best = [float("inf"), float("inf")]
        for _ in range(7):          # the sizes interleaved, so other work weighs on both alike
            for k, (built, texts) in enumerate((small, large)):
                gc.collect()
                started = time.perf_counter()
                render(built, fmt, texts=texts, levels=every)
                best[k] = min(best[k], time.perf_counter() - started)
        assert best[1] / best[0] < 2.5, fmt


# -- the time budget -------------------------------------------------------------------------


def test_a_deadline_already_passed_gives_no_claims_and_says_where_it_stopped(checker):
    gone = Deadline(at=0.0, seconds=1.0)
    document = checker.extract(SEED_TEXT, DAY, deadline=gone)
    assert document.claims == []
    assert document.incomplete is not None and document.incomplete.offset == 0
    assert "time budget of 1 s" in document.incomplete.reason
    assert checker.extract(SEED_TEXT, DAY, time_budget=3600).incomplete is None


class _AfterChecks:
    """A deadline that passes after ``n`` looks at it: where a stage stops, without timing."""

    def __init__(self, n: int) -> None:
        self.left, self.seconds = n, 5.0

    def passed(self) -> bool:
        self.left -= 1
        return self.left < 0

    def incomplete(self, offset: int):
        return Deadline(0.0, self.seconds).incomplete(offset)


def test_extraction_stopped_midway_keeps_the_claims_before_the_stop(checker):
    whole = checker.extract(SEED_TEXT, DAY)
    cut = checker.extract(SEED_TEXT, DAY, deadline=_AfterChecks(8))
    assert cut.incomplete is not None and 0 < cut.incomplete.offset < len(SEED_TEXT)
    assert cut.claims and len(cut.claims) < len(whole.claims)
    before = [c.to_json() for c in whole.claims if c.sentence_start < cut.incomplete.offset]
    assert [c.to_json() for c in cut.claims] == before


def test_verification_stopped_midway_judges_the_first_claims_only(checker):
    from factcheck.verify.verifier import Verifier

    document = checker.extract(SEED_TEXT, DAY)
    verifier = Verifier(checker.store, checker.rules, checker.lexicon.names)
    judged = verifier.verify(document, deadline=_AfterChecks(3))
    assert [claim.id for claim, _ in judged] == [c.id for c in document.claims[:3]]


def _long_article(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([SEED_TEXT] * 300), encoding="utf-8")   # about 2 MB
    short = tmp_path / "short.txt"
    short.write_text("Beijing is the capital of China.\n", encoding="utf-8")
    return path, short


def test_a_source_over_its_budget_is_reported_and_the_others_are_checked(seeded_sqlite_url, tmp_path):
    long, short = _long_article(tmp_path)
    result = run("verify", str(long), str(short), "--date", "2023-11-16", "--format", "json",
                 "--time-budget", "0.3", db=seeded_sqlite_url)
    assert result.exit_code == 2
    documents = {d["source"]: d for d in json.loads(result.stdout)["documents"]}
    cut, whole = documents[str(long)], documents[str(short)]
    assert cut["incomplete"]["reason"] == "the time budget of 0.3 s ran out"
    assert 1 <= cut["incomplete"]["line"] < long.read_text().count("\n")
    assert all(c["start"] < cut["incomplete"]["offset"] for c in cut["claims"])
    assert "incomplete" not in whole and whole["claims"][0]["verdict"] == "supported"
    [line] = error_lines(result)
    assert line.startswith(f"error: {long}: not fully checked: the time budget of 0.3 s ran out at line ")

    text = run("verify", str(long), "--date", "2023-11-16", "--time-budget", "0.3", db=seeded_sqlite_url)
    assert text.exit_code == 2 and "1 not fully checked (time budget)" in text.stdout


def test_the_budget_comes_from_the_config_and_the_option_overrides_it(seeded_sqlite_url, tmp_path):
    long, _short = _long_article(tmp_path)
    (tmp_path / "factcheck.toml").write_text("time_budget = 0.2\n", encoding="utf-8")
    cut = run("claims", str(long), "--date", "2023-11-16", "--format", "json", db=seeded_sqlite_url)
    assert cut.exit_code == 2 and "incomplete" in json.loads(cut.stdout)["documents"][0]
    (tmp_path / "long.txt").write_text(SEED_TEXT, encoding="utf-8")
    whole = run("claims", str(long), "--date", "2023-11-16", "--format", "json", "--time-budget", "0",
                db=seeded_sqlite_url)
    assert whole.exit_code == 0 and "incomplete" not in json.loads(whole.stdout)["documents"][0]


@pytest.mark.parametrize("value", ["-1", "true", '"soon"', "inf"])
def test_a_bad_budget_in_the_config_is_a_one_line_error(seeded_sqlite_url, tmp_path, value):
    (tmp_path / "factcheck.toml").write_text(f"time_budget = {value}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Beijing is the capital of China.\n", encoding="utf-8")
    result = run("verify", str(tmp_path / "a.txt"), db=seeded_sqlite_url)
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert "'time_budget' must be a number of seconds" in line


@pytest.mark.parametrize("value", ["-1", "soon"])
def test_a_bad_budget_option_is_refused(seeded_sqlite_url, tmp_path, value):
    (tmp_path / "a.txt").write_text("Beijing is the capital of China.\n", encoding="utf-8")
    result = run("verify", str(tmp_path / "a.txt"), "--time-budget", value, db=seeded_sqlite_url)
    assert result.exit_code == 2 and "--time-budget" in result.stderr


# -- user patterns cannot make a sentence stall ----------------------------------------------

_WORDS = st.sampled_from(["met", "the", "in", "of", "capital", "is", "president", "said", "x" * 40,
                          "semi-conductor-related", "and"])
_SLOT_TYPES = st.sampled_from(["country", "city", "person", "time", "quantity", "country+"])


@st.composite
def _patterns(draw):
    slots = iter(range(1000))

    def piece(depth: int):
        kinds = ["word", "word", "slot", "gap", "optional", "alternatives"] if depth < 3 else ["word", "gap"]
        kind = draw(st.sampled_from(kinds))
        if kind == "word":
            return draw(_WORDS)
        if kind == "slot":
            return f"{{s{next(slots)}:{draw(_SLOT_TYPES)}}}"
        if kind == "gap":
            return draw(st.sampled_from(["...", "...2", "...8", "~", "~5"]))
        inner = [" ".join(piece(depth + 1) for _ in range(draw(st.integers(1, 3))))
                 for _ in range(draw(st.integers(1, 4)))]
        body = " | ".join(inner)
        return f"[{body}]" if kind == "optional" else f"({body})"

    return " ".join(piece(0) for _ in range(draw(st.integers(1, 8))))


@st.composite
def _shadow_sentences(draw):
    """Sentences as the patterns read them: words, long tokens, punctuation runs, placeholders."""
    tokens = st.one_of(
        _WORDS, st.sampled_from([",", ";", ".", "!!!", "-", "'s", "(", ")"]),
        st.text("xyz-", min_size=1, max_size=200),
        st.builds(lambda i, t: placeholder(i, t), st.integers(0, 60),
                  st.sampled_from([{"country"}, {"city"}, {"person", "name"}, {"time"}, {"quantity"}])))
    sentence = " ".join(draw(st.lists(tokens, min_size=1, max_size=120)))
    return sentence[:1000]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=_patterns(), sentences=st.lists(_shadow_sentences(), min_size=1, max_size=3))
def test_no_generated_pattern_stalls_on_any_sentence(pattern, sentences):
    try:
        regex, _slots = compile_pattern(pattern)
    except PatternSyntaxError:
        return
    for sentence in sentences:
        started = time.perf_counter()
        for _ in regex.finditer(sentence):
            pass
        # linear work is well under a millisecond per kilobyte; backtracking is seconds
        assert time.perf_counter() - started < 0.25 + 0.5e-3 * len(sentence), (pattern, sentence[:80])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(pattern=_patterns(), sentence=st.lists(
    st.sampled_from(["In Beijing in 2023,", "Xi Jinping", "met", "x" * 300, "China's capital",
                     "is", "Beijing", "semiconductor-" * 20 + "gallium", "about 66 million people",
                     "!!!", ";", "and"]), min_size=1, max_size=40).map(" ".join))
def test_a_user_rule_pack_with_any_pattern_extracts_within_a_budget(tmp_path_factory, seeded_sqlite_url,
                                                                     pattern, sentence):
    pattern = f"{{a:country}} {pattern} {{b:city}}"
    try:
        compile_pattern(pattern)
    except PatternSyntaxError:
        return
    pack = tmp_path_factory.mktemp("pack")
    (pack / "patterns").mkdir()
    (pack / "patterns" / "fuzz.toml").write_text(
        f"[[rule]]\nid = \"fuzz\"\ndescription = \"generated\"\nsource = \"https://example.org/fuzz\"\n"
        f"pattern = {json.dumps(pattern)}\npredicate = \"capital\"\nsubject = \"a\"\nobject = \"b\"\n",
        encoding="utf-8")
    checker = Checker(Store(seeded_sqlite_url), [pack])
    assert "fuzz.fuzz" in {rule.id for rule in checker.rules.patterns}
    started = time.perf_counter()
    checker.extract(sentence, DAY)
    assert time.perf_counter() - started < 2.0 + 1e-3 * len(sentence)
