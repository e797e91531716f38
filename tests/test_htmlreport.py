"""The HTML report: escaping, determinism and self-containment as unit tests, then the page itself
in a real headless Chromium (tests/browser.py): highlights where the claims are, details on click and
on Enter, and an article full of markup that must stay text."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from datetime import date

import pytest

from factcheck.api import Checker
from factcheck.report.html import render_html
from factcheck.report.build import report_json
from factcheck.store.database import Store

from .browser import Chromium, ensure_chromium
from .conftest import ROOT, SEED

TEXT = SEED.read_text(encoding="utf-8")
ARTIFACTS = ROOT / "test-artifacts"
EVIL = (
    "BEIJING, Oct. 25, 2023 - <script>window.__pwned = 'script'; alert(1)</script>\n"
    "Chinese President Xi Jinping <script>document.title = 'pwned'</script> said on Wednesday that "
    "China is ready to work with the US.\n"
    "<img src=x onerror=\"document.title='pwned'\"> and \"><svg onload=\"window.__pwned='svg'\">\n"
    "'></textarea></noscript></style></script><iframe srcdoc=\"<script>parent.__pwned=1</script>\">\n"
    "]]> --> <!-- &lt;b&gt; &amp; &#x3c;script&#x3e; \u2028 \\u003c/script>\n"
)


def _check(url: str, text: str, source: str) -> dict:
    store = Store(url)
    try:
        return report_json([Checker(store).check(text, date(2023, 10, 25), source=source)])
    finally:
        store.close()


@pytest.fixture(scope="module")
def seed_report(seeded_sqlite_url) -> dict:
    return _check(seeded_sqlite_url, TEXT, "seed.txt")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory) -> Chromium:
    """Headless Chromium; installed with apt-get when missing and possible, else skip (fail under CI)."""
    binary, reason = ensure_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return Chromium(binary, tmp_path_factory.mktemp("chromium"))


def _json_block(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="fc-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def _overlapping(claims: list[dict]) -> set[str]:
    return {a["id"] for a in claims for b in claims
            if a is not b and a["start"] < b["end"] and b["start"] < a["end"]}


# -- unit tests ------------------------------------------------------------------------------

def _evil_report() -> tuple[dict, dict]:
    start = EVIL.index("<img")
    end = EVIL.index(">", start) + 1
    claim = {"id": "c1", "text": EVIL[start:end], "start": start, "end": end, "line": 3, "column": 1,
             "sentence": EVIL[start:end], "subject": {"id": None, "name": "<svg onload=alert(1)>"},
             "predicate": "holds_office", "object": {"id": "x", "name": "</script><script>alert(1)</script>"},
             "value": {"number": 1, "unit": "<b>&amp;</b>"}, "time": None, "rule": "r&<rule>",
             "verdict": "contradicted", "explanation": "</script><img src=x onerror=alert(1)> & \"quoted\"",
             "evidence": [{"fact": 1, "subject": "<s>", "predicate": "p", "object": None, "value": None,
                           "valid_from": None, "valid_until": None,
                           "source": "https://example.org/?q=\"><svg/onload=alert(1)>"},
                          {"fact": 2, "subject": "s", "predicate": "p", "object": None, "value": None,
                           "valid_from": None, "valid_until": None, "source": "javascript:alert(1)"}]}
    document = {"source": "<b>evil</b>.txt", "published": "2023-10-25", "published_from": "<option>",
                "claims": [claim], "summary": {"supported": 0, "contradicted": 1, "unknown": 0}}
    return {"factcheck_version": "0.1.0", "documents": [document]}, {"<b>evil</b>.txt": EVIL}


def test_escaping_keeps_markup_as_text():
    report, texts = _evil_report()
    page = render_html(report, texts)
    assert page.count("<script") == 2 and page.count("</script") == 2   # the data block and the page's own
    assert "<img" not in page and "<svg" not in page and "<iframe" not in page and "<b>" not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;" in page
    assert "<h2>&lt;b&gt;evil&lt;/b&gt;.txt</h2>" in page
    assert _json_block(page)["documents"][0]["c1"] == report["documents"][0]["claims"][0]


def test_output_is_deterministic(seeded_sqlite_url, seed_report):
    page = render_html(seed_report, {"seed.txt": TEXT})
    assert render_html(seed_report, {"seed.txt": TEXT}) == page
    again = _check(seeded_sqlite_url, TEXT, "seed.txt")
    assert render_html(again, {"seed.txt": TEXT}) == page


def test_page_is_self_contained(seed_report):
    page = render_html(seed_report, {"seed.txt": TEXT})
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page, flags=re.S)
    tags = re.findall(r"<[a-zA-Z][^>]*>", markup)
    # nothing the page loads; links a reader may follow (sources, the contents) are no requests
    assert tags and not [t for t in tags if re.search(r"\b(?:src|srcset|action|data)\s*=", t)
                         or (re.search(r"\bhref\s*=", t) and not t.startswith("<a "))]
    assert "@import" not in page and "url(" not in page and "<link" not in page and "<img" not in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(script) == 1
    for code in (style, script[0]):
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_overlapping_claims_are_split_into_segments():
    text = "0123456789"
    claims = [{"id": "a", "text": "012345", "start": 0, "end": 6, "verdict": "supported"},
              {"id": "b", "text": "345678", "start": 3, "end": 9, "verdict": "contradicted"},
              {"id": "c", "text": "345", "start": 3, "end": 6, "verdict": "unknown"},
              {"id": "d", "text": "nowhere", "start": 40, "end": 47, "verdict": "unknown"}]
    page = render_html({"documents": [{"source": "t", "claims": claims}]}, {"t": text})
    marks = re.findall(r'<mark class="hl[^"]*"[^>]*data-claim-id="(\w)" data-claims="([\w ]+)" '
                       r'data-verdict="(\w+)"[^>]*>([^<]*)</mark>', page)
    assert marks == [("a", "a", "supported", "012"), ("c", "c a b", "unknown", "345"),
                     ("b", "b", "contradicted", "678"), ("d", "d", "unknown", "nowhere")]
    assert 'class="unplaced"' in page and page.count('tabindex="0"') == 4


def test_several_documents_and_a_missing_text():
    claim = {"id": "c1", "text": "b", "start": 1, "end": 2, "verdict": "supported"}
    report = {"documents": [{"source": "one", "published": "2023-10-25", "published_from": "dateline",
                             "claims": [claim]},
                            {"source": "two", "published": "2024-01-02", "published_from": "today",
                             "claims": [dict(claim, verdict="unknown")]}]}
    page = render_html(report, {"one": "abc"})
    assert 'data-doc="0"' in page and 'data-doc="1"' in page and "2 documents" in page
    assert '<span class="count supported">1 supported</span> <span class="count contradicted">0' in page
    assert "from the article&#x27;s dateline" in page and "not available" in page
    assert page.count('data-claim-id="c1"') == 2 and list(_json_block(page)["documents"][1]) == ["c1"]


# -- in the browser --------------------------------------------------------------------------

PROBE_JS = """
var plan = %s;
function hl(id) { return document.querySelector('.hl[data-claim-id="' + id + '"]'); }
function panel() {
  var p = document.querySelector(".panel"), r = p.getBoundingClientRect();
  return {hidden: p.hidden, visible: !p.hidden && r.width > 0 && r.height > 0,
          shown: p.getAttribute("data-shown"), text: p.textContent, focused: document.activeElement === p,
          links: [].map.call(p.querySelectorAll("a"), function (a) {
            return {href: a.getAttribute("href"), rel: a.getAttribute("rel"), text: a.textContent}; }),
          others: [].map.call(p.querySelectorAll(".others button"), function (b) { return b.textContent; })};
}
function open(id) {
  var seg = hl(id);
  if (seg) { seg.click(); return; }
  seg = [].filter.call(document.querySelectorAll(".hl"), function (h) {
    return h.getAttribute("data-claims").split(" ").indexOf(id) >= 0; })[0];
  seg.click();
  [].forEach.call(document.querySelectorAll(".panel .others button"), function (b) {
    if (b.textContent.indexOf(id + " ") === 0) b.click(); });
}
var out = {title: document.title, pwned: window.__pwned || null, steps: {},
  texts: [].map.call(document.querySelectorAll(".doc .text"), function (t) { return t.textContent; }),
  headings: [].map.call(document.querySelectorAll(".doc h2"), function (t) { return t.textContent; }),
  handlers: [].map.call(document.querySelectorAll("[onerror],[onload],[onclick],[onmouseover],[srcdoc]"),
    function (e) { return e.outerHTML; }),
  embedded: document.querySelectorAll("img,svg,iframe,object,embed,link,style:not(:first-of-type)").length,
  scripts: document.querySelectorAll("script").length,
  highlights: [].map.call(document.querySelectorAll(".hl"), function (h) {
    return {id: h.getAttribute("data-claim-id"), claims: h.getAttribute("data-claims").split(" "),
            verdict: h.getAttribute("data-verdict"), text: h.textContent, tabindex: h.getAttribute("tabindex"),
            multi: h.classList.contains("multi"), color: getComputedStyle(h).backgroundColor}; })};
out.steps.initial = panel();
if (plan.enter) {
  var k = hl(plan.enter);
  k.focus();
  k.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
  out.steps.enter = panel();
  document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
  out.steps.escape = panel();
  out.steps.escapeFocus = document.activeElement.getAttribute("data-claim-id");
}
var multi = document.querySelector(".hl.multi");
if (multi) {
  multi.click();
  out.steps.multi = panel();
  document.querySelector(".panel .others button").click();
  out.steps.other = panel();
}
open(plan.click);
out.steps.click = panel();
out.active = [].map.call(document.querySelectorAll(".hl.active"), function (h) { return h.textContent; }).join("");
return out;
"""


def _probe(plan: dict) -> str:
    return PROBE_JS % json.dumps(plan)


def _assert_highlights_match(result: dict, claims: list[dict]) -> None:
    highlights = result["highlights"]
    assert {i for h in highlights for i in h["claims"]} == {c["id"] for c in claims}
    assert all(h["tabindex"] == "0" for h in highlights)
    overlapping = _overlapping(claims)
    for claim in claims:
        covering = [h for h in highlights if claim["id"] in h["claims"]]
        assert "".join(h["text"] for h in covering) == claim["text"], claim["id"]
        if claim["id"] not in overlapping:
            assert [(h["text"], h["verdict"]) for h in highlights if h["id"] == claim["id"]] == \
                [(claim["text"], claim["verdict"])]


@pytest.mark.slow
def test_seed_article_in_chromium(chromium, seed_report):
    claims = seed_report["documents"][0]["claims"]
    overlapping = _overlapping(claims)
    contradicted = next(c for c in claims if c["verdict"] == "contradicted")
    plain = next(c for c in claims if c["verdict"] == "supported" and c["id"] not in overlapping)
    page = render_html(seed_report, {"seed.txt": TEXT})
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    result, _ = chromium.run(page, _probe({"click": contradicted["id"], "enter": plain["id"]}),
                             name="seed", screenshot=screenshot)

    assert "exception" not in result, result.get("exception")
    assert result["errors"] == []                      # no script errors, no blocked requests
    assert result["title"] == "factcheck report" and result["texts"] == [TEXT]
    _assert_highlights_match(result, claims)
    colors = {}
    for h in result["highlights"]:
        colors.setdefault(h["verdict"], set()).add(h["color"])
    assert all(len(c) == 1 for c in colors.values()) and len({c.pop() for c in colors.values()}) == 3

    steps = result["steps"]
    assert steps["initial"]["hidden"] and not steps["initial"]["visible"]
    assert steps["enter"]["visible"] and steps["enter"]["shown"] == plain["id"] and steps["enter"]["focused"]
    assert plain["explanation"] in steps["enter"]["text"]
    assert steps["escape"]["hidden"] and steps["escapeFocus"] == plain["id"]
    first, *others = next(h for h in result["highlights"] if h["multi"])["claims"]
    assert steps["multi"]["shown"] == first and len(steps["multi"]["others"]) == len(others)
    assert steps["other"]["shown"] == others[0] and steps["other"]["visible"]

    shown = steps["click"]
    assert shown["visible"] and shown["shown"] == contradicted["id"]
    for needle in (contradicted["explanation"], contradicted["rule"], contradicted["subject"]["name"],
                   contradicted["predicate"], "contradicted"):
        assert needle in shown["text"]
    sources = [e["source"] for e in contradicted["evidence"]]
    assert sources and all(s in shown["text"] for s in sources)
    assert {link["href"] for link in shown["links"]} == set(sources)
    assert all(link["rel"] == "noopener noreferrer" for link in shown["links"])
    assert result["active"] == contradicted["text"]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


@pytest.mark.slow
def test_markup_in_an_article_stays_text_in_chromium(chromium, seeded_sqlite_url):
    report = _check(seeded_sqlite_url, EVIL, "<b>evil</b>.txt")
    pipeline_claims = report["documents"][0]["claims"]
    assert any(c["text"] == "Chinese President Xi Jinping" for c in pipeline_claims)
    evil_report, texts = _evil_report()
    injected = dict(evil_report["documents"][0]["claims"][0], id="evil")
    report["documents"][0]["claims"].append(injected)
    page = render_html(report, texts)
    result, _ = chromium.run(page, _probe({"click": "evil"}), name="evil",
                               screenshot=ARTIFACTS / "report-markup.png", window="1280,900")

    assert "exception" not in result, result.get("exception")
    assert result["errors"] == []                      # not even a handler blocked by the CSP
    assert result["title"] == "factcheck report" and result["pwned"] is None
    assert result["handlers"] == [] and result["embedded"] == 0
    assert result["scripts"] == 5                      # data, page, and the test's probe, test and reporter
    assert result["texts"] == [EVIL] and result["headings"] == ["<b>evil</b>.txt"]
    _assert_highlights_match(result, report["documents"][0]["claims"])
    shown = result["steps"]["click"]
    assert shown["visible"] and shown["shown"] == "evil"
    assert "fact 2: s p. Source: javascript:alert(1)" in shown["text"]
    for needle in (injected["explanation"], "<svg onload=alert(1)>", "</script><script>alert(1)</script>",
                   "r&<rule>", "javascript:alert(1)", '"><svg/onload=alert(1)>'):
        assert needle in shown["text"]
    assert shown["links"] == [{"href": 'https://example.org/?q="><svg/onload=alert(1)>',
                               "rel": "noopener noreferrer", "text": 'https://example.org/?q="><svg/onload=alert(1)>'}]


_STATIC_PROBE = """
var shown = [].map.call(document.querySelectorAll(".claims details"), function (d) {
  var r = d.getBoundingClientRect();
  return {id: d.id, verdict: d.getAttribute("data-verdict"), text: d.innerText,
          visible: r.width > 0 && r.height > 0};
});
var box = document.getElementById("only-problems");
box.click();
var filtered = [].map.call(document.querySelectorAll(".claims details"), function (d) {
  return {verdict: d.getAttribute("data-verdict"), visible: d.getBoundingClientRect().height > 0};
});
return {details: shown, filtered: filtered};
"""


def _without_the_pages_script(page: str) -> str:
    """The page as a browser with JavaScript off shows it: its own script taken out."""
    stripped, count = re.subn(r"<script>\n\(function \(\) \{.*?</script>", "", page, count=1, flags=re.S)
    assert count == 1
    return stripped


@pytest.mark.slow
def test_evidence_shows_without_javascript_and_the_filter_needs_none(chromium, seed_report):
    claims = seed_report["documents"][0]["claims"]
    page = _without_the_pages_script(render_html(seed_report, {"seed.txt": TEXT}))
    result, _ = chromium.run(page, _STATIC_PROBE, name="static")
    assert "exception" not in result, result.get("exception")
    details = result["details"]
    assert len(details) == len(claims) and all(d["visible"] for d in details)
    for claim, shown in zip(claims, details):
        assert claim["explanation"] in shown["text"]
        for fact in claim["evidence"]:
            assert fact["subject_name"] in shown["text"] and fact["source"] in shown["text"]
    assert {d["verdict"] for d in result["filtered"] if d["visible"]} == {"contradicted", "unknown"}
    assert any(d["verdict"] == "supported" and not d["visible"] for d in result["filtered"])


@pytest.mark.slow
def test_the_printed_report_carries_the_evidence(chromium, seed_report):
    from pypdf import PdfReader

    claims = seed_report["documents"][0]["claims"]
    pdf = chromium.print_pdf(render_html(seed_report, {"seed.txt": TEXT}), ARTIFACTS / "report.pdf")
    printed = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    contradicted = [c for c in claims if c["verdict"] == "contradicted"]
    assert contradicted
    for claim in contradicted:
        words = " ".join(claim["explanation"].split())
        assert words[:60] in printed, words[:60]
        for fact in claim["evidence"]:      # a long URL may wrap: compared without spaces
            assert fact["source"][:40] in printed.replace(" ", ""), fact["source"]


def test_a_report_of_several_documents_starts_with_their_contents_and_counts(seed_report):
    import copy

    second = copy.deepcopy(seed_report["documents"][0])
    second["source"] = "other.txt"
    second["claims"] = [c for c in second["claims"] if c["verdict"] == "supported"]
    report = {**seed_report, "documents": [seed_report["documents"][0], second]}
    page = render_html(report, {"seed.txt": TEXT, "other.txt": TEXT})
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S).group()
    assert '<a href="#doc-0">seed.txt</a>' in toc and '<a href="#doc-1">other.txt</a>' in toc
    counts = _counts_of(seed_report["documents"][0]["claims"])
    assert f'<span class="count contradicted">{counts["contradicted"]} contradicted</span>' in toc
    assert 'data-problems="0"' in toc            # the filter hides a document with nothing to fix
    assert "<nav" not in render_html(seed_report, {"seed.txt": TEXT})


def _counts_of(claims):
    return {v: sum(c["verdict"] == v for c in claims) for v in ("supported", "contradicted", "unknown")}
