"""A self-contained HTML page for a JSON report (CONTRACT section 5): every document's text with its
claims highlighted by verdict; a click (or Enter) on a highlight opens the claim's details. Below
each text, every claim is listed in a ``<details>`` element (open, so the page reads the same
printed and without JavaScript) with its verdict, explanation and the facts it rests on, by name;
a check box (CSS only) shows only contradicted and unknown claims; a report of several documents
starts with a table of contents and their counts.

The page makes no requests: inline CSS and JS only, locked down by a Content-Security-Policy that
allows just the page's own script and style (by hash). Article text, names, explanations and
sources are HTML-escaped; the claim data for the script sits in a JSON block in which "<", ">" and
"&" are written as \\u003c, \\u003e, \\u0026, so no text can end the block. Same input, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape

VERDICT_ORDER = ("supported", "contradicted", "unknown")
PUBLISHED_FROM = {"option": "given with --date", "metadata": "from the page's metadata",
                  "dateline": "from the article's dateline", "today": "today's date: none was found"}

_CSS = """
:root{--ok:#1a7f37;--ok-bg:#d3f5dc;--bad:#c21f2c;--bad-bg:#ffd9d6;--unk:#6b6f76;--unk-bg:#e9ebef}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff}
header.summary{position:sticky;top:0;z-index:2;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:.6rem 1.2rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header.summary h1{font-size:1.1rem;margin:0}
.count{font-weight:600;padding:0 .5rem;border-radius:1rem}
.count.supported{background:var(--ok-bg);color:var(--ok)}.count.contradicted{background:var(--bad-bg);color:var(--bad)}
.count.unknown{background:var(--unk-bg);color:#3d4148}
.legend{list-style:none;display:flex;gap:.9rem;margin:0;padding:0;font-size:.9rem}
main{padding:0 1.2rem 2rem}
.doc h2{font-size:1.05rem;margin:1.2rem 0 .1rem;word-break:break-all}.meta{margin:0 0 .6rem;color:#57606a;font-size:.9rem}
.body{display:grid;grid-template-columns:minmax(0,1fr) minmax(16rem,26rem);gap:1.2rem;align-items:start}
@media (max-width:800px){.body{grid-template-columns:1fr}}
.text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:48rem}
.hl,.swatch{border-radius:2px;padding:0 1px;color:inherit}.hl{cursor:pointer}
.hl:focus-visible,.hl.active{outline:2px solid #0969da;outline-offset:1px}
[data-verdict=supported]{background:var(--ok-bg);border-bottom:2px solid var(--ok)}
[data-verdict=contradicted]{background:var(--bad-bg);border-bottom:2px wavy var(--bad)}
[data-verdict=unknown],[data-verdict=unchecked]{background:var(--unk-bg);border-bottom:2px dotted var(--unk)}
.multi{box-shadow:inset 0 -.45em 0 rgba(0,0,0,.09)}
.panel{position:sticky;top:4rem;border:1px solid #d0d7de;border-radius:6px;padding:.7rem 1rem;background:#fff;font-size:.92rem;box-shadow:0 2px 8px rgba(0,0,0,.08)}
.panel h3{margin:.1rem 0 .5rem;font-size:1rem}.panel dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .7rem;margin:0 0 .5rem}
.panel dt{color:#57606a}.panel dd{margin:0;overflow-wrap:anywhere}.panel ul{padding-left:1.1rem}
.panel li{overflow-wrap:anywhere;margin-bottom:.3rem}.verdict{font-weight:700;text-transform:uppercase;font-size:.8rem}
.verdict.supported{color:var(--ok)}.verdict.contradicted{color:var(--bad)}.verdict.unknown{color:#3d4148}
.panel button{font:inherit;font-size:.85rem;margin:0 .3rem .3rem 0;cursor:pointer}
.unplaced{font-size:.9rem;color:#57606a}
.filter{margin:.8rem 1.2rem 0;font-size:.95rem}
#only-problems:checked~main details[data-verdict=supported],#only-problems:checked~main .toc li[data-problems="0"]{display:none}
.toc ol{padding-left:1.4rem}.toc li{margin:.15rem 0}
.claims h3{font-size:1rem;margin:1rem 0 .3rem}
.claims details{border-left:3px solid var(--unk);padding:.2rem .7rem;margin:.35rem 0;background:#fafbfc}
.claims details[data-verdict=supported]{border-color:var(--ok)}.claims details[data-verdict=contradicted]{border-color:var(--bad)}
.claims summary{cursor:pointer}.claims details p,.claims details ul{margin:.25rem 0;font-size:.92rem}
.claims details li{overflow-wrap:anywhere}
@media print{header.summary{position:static}.panel,.filter,#only-problems{display:none}.body{display:block}
details{break-inside:avoid}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8rem;color:#57606a}}
"""

_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fc-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(v) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) return v.map(fmt).join(", ");
    if (typeof v === "object") return Object.keys(v).filter(function (k) { return v[k] !== null; })
      .map(function (k) { return k + " " + fmt(v[k]); }).join(", ");
    return String(v);
  }
  function entity(e) { return e ? e.name + (e.id ? " (" + e.id + ")" : " (not in the store)") : ""; }
  function row(dl, name, value) {
    if (!value) return;
    dl.appendChild(el("dt", null, name));
    dl.appendChild(el("dd", null, value));
  }
  function source(text) {
    if (!/^https?:\\/\\/\\S+$/i.test(text)) return el("span", "src", text);
    var a = el("a", "src", text);
    a.href = text; a.rel = "noopener noreferrer"; a.target = "_blank";
    return a;
  }
  var opener = {};
  function segments(doc) { return doc.querySelectorAll(".hl"); }
  function show(doc, seg, id, focus) {
    var claim = data.documents[+doc.getAttribute("data-doc")][id];
    var panel = doc.querySelector(".panel");
    if (!claim || !panel) return;
    var verdict = claim.verdict || "unchecked";
    panel.textContent = "";
    var h = el("h3");
    h.appendChild(el("span", "verdict " + verdict, verdict));
    h.appendChild(document.createTextNode(" " + claim.id + ": \\u201c" + claim.text + "\\u201d"));
    panel.appendChild(h);
    var dl = el("dl");
    row(dl, "Subject", entity(claim.subject));
    row(dl, "Predicate", (claim.negated ? "not " : "") + claim.predicate);
    row(dl, "Object", entity(claim.object));
    row(dl, "Value", fmt(claim.value));
    row(dl, "Time", claim.time ? claim.time.from + " \\u2013 " + claim.time.until : "");
    row(dl, "Modality", fmt(claim.modality));
    row(dl, "Rule", claim.rule);
    row(dl, "Where", "line " + claim.line + ", column " + claim.column);
    panel.appendChild(dl);
    if (claim.explanation) panel.appendChild(el("p", "explanation", claim.explanation));
    if (claim.evidence) {
      panel.appendChild(el("h4", null, claim.evidence.length ? "Evidence" : "No reference facts"));
      var ul = el("ul", "evidence");
      claim.evidence.forEach(function (f) {
        var li = el("li", null, "fact " + f.fact + ": " + [f.subject, f.predicate, f.object,
          fmt(f.value), f.unit].filter(function (x) { return x != null && x !== ""; }).join(" ") +
          (f.valid_from || f.valid_until ? " [" + (f.valid_from || "\\u2026") + " \\u2013 " + (f.valid_until || "\\u2026") + "]" : "") +
          (f.as_of ? " as of " + f.as_of : "") + ". Source: ");
        li.appendChild(f.source ? source(f.source) : el("span", "src", "none"));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    var others = (seg.getAttribute("data-claims") || "").split(" ").filter(function (o) { return o && o !== id; });
    if (others.length) {
      var p = el("p", "others", "Other claims here: ");
      others.forEach(function (o) {
        var c = data.documents[+doc.getAttribute("data-doc")][o] || {};
        var b = el("button", null, o + " (" + (c.verdict || "unchecked") + ")");
        b.type = "button";
        b.addEventListener("click", function () { show(doc, seg, o, true); });
        p.appendChild(b);
      });
      panel.appendChild(p);
    }
    var close = el("button", "close", "Close (Esc)");
    close.type = "button";
    close.addEventListener("click", function () { hide(doc); });
    panel.appendChild(close);
    segments(doc).forEach(function (s) {
      s.classList.toggle("active", (s.getAttribute("data-claims") || "").split(" ").indexOf(id) >= 0);
    });
    panel.setAttribute("data-shown", id);
    opener[doc.id] = seg;
    panel.hidden = false;
    if (focus) panel.focus({preventScroll: true});
  }
  function hide(doc) {
    var panel = doc.querySelector(".panel"), seg = opener[doc.id];
    panel.hidden = true; panel.removeAttribute("data-shown");
    segments(doc).forEach(function (s) { s.classList.remove("active"); });
    if (seg) seg.focus();
  }
  function open(seg, keyboard) {
    var doc = seg.closest(".doc");
    if (doc) show(doc, seg, seg.getAttribute("data-claim-id"), keyboard);
  }
  document.addEventListener("click", function (e) {
    var seg = e.target.closest && e.target.closest(".hl");
    if (seg) open(seg, false);
  });
  document.addEventListener("keydown", function (e) {
    var seg = e.target.closest && e.target.closest(".hl");
    if (seg && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(seg, true); }
    if (e.key === "Escape") document.querySelectorAll(".doc").forEach(function (doc) {
      var panel = doc.querySelector(".panel");
      if (panel && !panel.hidden) hide(doc);
    });
  });
})();
"""


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


CSP = (f"default-src 'none'; script-src {_hash(_JS)}; style-src {_hash(_CSS)}; "
       "img-src 'none'; base-uri 'none'; form-action 'none'")


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _json_for_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _counts(claims: list[dict]) -> dict[str, int]:
    counts = {name: 0 for name in VERDICT_ORDER}
    for claim in claims:
        verdict = claim.get("verdict")
        if verdict in counts:
            counts[verdict] += 1
    return counts


def _count_spans(counts: dict[str, int]) -> str:
    return " ".join(f'<span class="count {name}">{counts[name]} {name}</span>' for name in VERDICT_ORDER)


def _placed(text: str | None, claim: dict) -> bool:
    start, end = claim.get("start"), claim.get("end")
    return (text is not None and isinstance(start, int) and isinstance(end, int)
            and 0 <= start < end <= len(text) and text[start:end] == claim.get("text"))


def _mark(claims: list[dict], order: list[int], body: str) -> str:
    """A highlight for a piece of text covered by the claims ``order`` (innermost first)."""
    first = claims[order[0]]
    title = "\n".join(f"{claims[i].get('id')}: {claims[i].get('verdict') or 'unchecked'}"
                      + (f": {claims[i]['explanation']}" if claims[i].get("explanation") else "")
                      for i in order)
    ids = " ".join(str(claims[i].get("id")) for i in order)
    return (f'<mark class="hl{" multi" if len(order) > 1 else ""}" tabindex="0" role="button" '
            f'data-claim-id="{_e(first.get("id"))}" data-claims="{_e(ids)}" '
            f'data-verdict="{_e(first.get("verdict") or "unchecked")}" title="{_e(title)}">{body}</mark>')


def _text_html(text: str, claims: list[dict]) -> str:
    """The text cut at every claim boundary; each piece covered by claims becomes one highlight."""
    spans = [(c["start"], c["end"], i) for i, c in enumerate(claims) if _placed(text, c)]
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for s, e, i in spans:
        starting.setdefault(s, []).append(i)
        ending.setdefault(e, []).append(i)
    # One sweep over the cuts: the claims covering a piece are those open at its start.
    covering: set[int] = set()
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering.difference_update(ending.get(a, ()))
        covering.update(starting.get(a, ()))
        order = sorted(covering, key=lambda i: (claims[i]["end"] - claims[i]["start"], i))
        piece = _e(text[a:b]).replace("\r", "&#13;")   # a raw CR would become LF when parsed
        out.append(_mark(claims, order, piece) if order else piece)
    return "".join(out)


def _fact_html(fact: dict) -> str:
    """One fact a verdict rests on, in words: its names, value, validity and source."""
    subject = fact.get("subject_name") or fact.get("subject")
    obj = fact.get("object_name") or fact.get("object")
    what = obj if obj else " ".join(str(x) for x in (fact.get("value"), fact.get("unit")) if x not in (None, ""))
    when = []
    if fact.get("valid_from") or fact.get("valid_until"):
        when.append(f"from {fact.get('valid_from') or '…'} to {fact.get('valid_until') or 'now'}")
    if fact.get("as_of"):
        when.append(f"as of {fact['as_of']}")
    source = fact.get("source") or ""
    link = (f' — <a href="{_e(source)}" rel="noreferrer">{_e(source)}</a>'
            if source.startswith(("http://", "https://")) else (f" — {_e(source)}" if source else ""))
    return (f"<li>{_e(subject)} {_e(fact.get('predicate'))} {_e(what)}"
            f"{(' (' + _e(', '.join(when)) + ')') if when else ''}{link}</li>")


def _claims_html(index: int, claims: list[dict]) -> str:
    """Every claim of a document as an open <details>: verdict, words, explanation, facts."""
    if not claims:
        return ""
    items = []
    for claim in claims:
        verdict = claim.get("verdict") or "unchecked"
        subject = (claim.get("subject") or {}).get("name") or ""
        obj = (claim.get("object") or {}).get("name") or ""
        evidence = "".join(_fact_html(f) for f in claim.get("evidence") or [])
        items.append(
            f'<details open id="claim-{index}-{_e(claim.get("id"))}" data-verdict="{_e(verdict)}">'
            f'<summary><span class="verdict {_e(verdict)}">{_e(verdict)}</span> '
            f'line {_e(claim.get("line"))}: “{_e(claim.get("text"))}” — {_e(subject)} '
            f'{_e(claim.get("predicate"))} {_e(obj)}</summary>'
            + (f'<p>{_e(claim.get("explanation"))}</p>' if claim.get("explanation") else "")
            + (f'<ul class="evidence">{evidence}</ul>' if evidence else "")
            + f'<p class="meta">rule {_e(claim.get("rule"))}</p></details>')
    return f'<section class="claims"><h3>Claims</h3>{"".join(items)}</section>'


def _document_html(index: int, doc: dict, text: str | None) -> str:
    claims = doc.get("claims") or []
    counts = _counts(claims)
    published_from = doc.get("published_from")
    meta = (f'Published {_e(doc.get("published"))} '
            f'({_e(PUBLISHED_FROM.get(published_from, published_from))}) · {_count_spans(counts)}')
    body = _text_html(text, claims) if text is not None else "<em>(The text of this document is not available.)</em>"
    unplaced = [_mark(claims, [i], _e(c.get("text"))) for i, c in enumerate(claims) if not _placed(text, c)]
    extra = (f'<p class="unplaced">Claims not located in the text: {" ".join(unplaced)}</p>' if unplaced else "")
    return (f'<article class="doc" id="doc-{index}" data-doc="{index}">\n'
            f'<h2>{_e(doc.get("source"))}</h2>\n<p class="meta">{meta}</p>\n'
            f'<div class="body"><div class="text">{body}</div>\n'
            f'<aside class="panel" id="panel-{index}" hidden tabindex="-1" aria-live="polite" '
            f'aria-label="Claim details"></aside></div>\n{extra}{_claims_html(index, claims)}</article>\n')


def render_html(report: dict, texts: dict[str, str]) -> str:
    """One self-contained HTML page for ``report``; ``texts`` maps each document's source to its text."""
    documents = report.get("documents") or []
    total = {name: 0 for name in VERDICT_ORDER}
    for doc in documents:
        for name, count in _counts(doc.get("claims") or []).items():
            total[name] += count
    if len(documents) == 1:
        doc = documents[0]
        published = (f'<span>Published {_e(doc.get("published"))} '
                     f'({_e(PUBLISHED_FROM.get(doc.get("published_from"), doc.get("published_from")))})</span>')
    else:
        published = f"<span>{len(documents)} documents; publication dates below</span>"
    legend = "".join(f'<li><mark class="swatch" data-verdict="{name}">{name}</mark></li>' for name in VERDICT_ORDER)
    legend += '<li><mark class="swatch multi" data-verdict="unknown">several claims here</mark></li>'
    data = {"documents": [{str(c.get("id")): c for c in doc.get("claims") or []} for doc in documents]}
    body = "".join(_document_html(i, doc, texts.get(doc.get("source"))) for i, doc in enumerate(documents))
    if len(documents) > 1:
        entries = []
        for i, doc in enumerate(documents):
            counts = _counts(doc.get("claims") or [])
            entries.append(f'<li data-problems="{counts["contradicted"] + counts["unknown"]}">'
                           f'<a href="#doc-{i}">{_e(doc.get("source"))}</a> {_count_spans(counts)}</li>')
        body = f'<nav class="toc" aria-label="Documents"><h2>Documents</h2><ol>{"".join(entries)}</ol></nav>\n' + body
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factcheck {_e(report.get("factcheck_version"))}">
<title>factcheck report</title>
<style>{_CSS}</style>
</head>
<body>
<header class="summary"><h1>factcheck report</h1> {_count_spans(total)} {published}
<ul class="legend" aria-label="Legend">{legend}</ul></header>
<input type="checkbox" id="only-problems" class="filter"><label for="only-problems" class="filter">Show only contradicted and unknown claims</label>
<main>
{body}</main>
<script type="application/json" id="fc-data">{_json_for_script(data)}</script>
<script>{_JS}</script>
</body>
</html>
"""
