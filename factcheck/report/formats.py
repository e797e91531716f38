"""Machine-readable views of a verify report (CONTRACT section 5): schema.org ClaimReview and SARIF.

Both take the report dict of ``report_json`` and nothing else, so they work on a report read
back from a file, and both are pure: the same report gives the same output, byte for byte.

    report = report_json([checker.check(text, date(2023, 10, 25), source="article.txt")])
    reviews = claimreview(report, author_name="Newsroom desk", url="https://example.org/check")
    log = sarif(report, rules=rule_metadata(checker.rules), texts={"article.txt": text})
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

from factcheck.errors import InputError

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SARIF_LEVELS = ("none", "note", "warning", "error")
#: The uriBaseId of file paths relative to the folder factcheck ran in.
SRCROOT = "%SRCROOT%"
#: The key of ``result.partialFingerprints``; bump the version when the hashed fields change.
FINGERPRINT_KEY = "factcheckClaimHash/v1"

_RATINGS = {"supported": (5, "Supported"), "contradicted": (1, "Contradicted")}
_BEST_RATING, _WORST_RATING = 5, 1
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


#: The placeholders of a --review-url template.
REVIEW_URL_FIELDS = ("doc", "n", "claim")


def check_review_url(template: str) -> str:
    """``template`` if its placeholders are among {doc}, {n} and {claim}; InputError otherwise."""
    import string

    from factcheck.errors import InputError

    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise InputError(f"--review-url {template!r}: {exc}") from None
    unknown = [name for name in fields if name not in REVIEW_URL_FIELDS]
    if unknown:
        raise InputError(f"--review-url {template!r}: unknown placeholder {{{unknown[0]}}} "
                         f"(known: {', '.join('{' + f + '}' for f in REVIEW_URL_FIELDS)})")
    if not _SCHEME.match(template):
        raise InputError(f"--review-url {template!r}: not an absolute URL (https://...)")
    return template


def claimreview(report: dict, *, author_name: str = "factcheck", author_url: str | None = None,
                url: str | None = None, reviewed: date | None = None,
                publisher: Mapping[str, str] | None = None,
                claim_author: str | None = None) -> list[dict]:
    """One schema.org ClaimReview (JSON-LD) per claim judged supported or contradicted.

    Claims judged unknown are not reviews (nothing was established about them) and claims
    without a verdict (a ``claims`` report) are skipped. The properties follow Google's fact
    check markup: ``claimReviewed`` is the sentence that makes the claim (with the assertion
    judged in brackets where the sentence makes several), ``reviewRating`` is 5 (Supported) or 1
    (Contradicted) on a 1 to 5 scale with the verdict as ``alternateName`` and the explanation as
    ``ratingExplanation``; ``author`` is the reviewer (``author_name``, ``author_url``) and
    ``publisher`` the organization publishing the reviews; ``itemReviewed`` is the Claim, with
    the article's publication date, the article as its ``appearance`` when it was read from a URL,
    and as its ``author`` ``claim_author`` (the article's publisher), else the site it came from.

    ``url`` is where the reviews are published (Google requires it; factcheck cannot know it):
    a template whose ``{doc}`` is the article's name (its file name or the last part of its URL
    path, without extension), ``{n}`` its number in the report and ``{claim}`` the claim's id;
    without ``{claim}``, an anchor naming the claim is added. ``reviewed`` is the review's
    ``datePublished``, by default the article's publication date, so the output never depends
    on the day it is produced.
    """
    documents = report.get("documents", [])
    reviews = []
    for number, document in enumerate(documents, start=1):
        claims = [c for c in document.get("claims", []) if c.get("verdict") in _RATINGS]
        per_sentence: dict[str, int] = {}
        for claim in claims:
            key = claim.get("sentence") or claim["text"]
            per_sentence[key] = per_sentence.get(key, 0) + 1
        published = document["published"]
        source = document["source"]
        for claim in claims:
            value, verdict_name = _RATINGS[claim["verdict"]]
            claim_reviewed = _plain(claim.get("sentence") or claim["text"])
            if per_sentence[claim.get("sentence") or claim["text"]] > 1:
                # One sentence, several assertions ("gallium and germanium"): name which one.
                claim_reviewed = f"{claim_reviewed} [{_object_text(claim)}]"
            review: dict = {"@context": "https://schema.org", "@type": "ClaimReview"}
            if url:
                review["url"] = _review_url(url, source, number, claim["id"] if len(documents) == 1
                                            else f"d{number}-{claim['id']}")
            review["claimReviewed"] = claim_reviewed
            review["datePublished"] = (reviewed.isoformat() if reviewed else published)
            author = {"@type": "Organization", "name": author_name}
            if author_url:
                author["url"] = author_url
            review["author"] = author
            if publisher:
                review["publisher"] = {"@type": "Organization", **publisher}
            item: dict = {"@type": "Claim", "datePublished": published}
            item_author = _claim_author(source, claim_author)
            if item_author:
                item["author"] = item_author
            if _SCHEME.match(source):
                item["appearance"] = [{"@type": "CreativeWork", "url": source}]
            review["itemReviewed"] = item
            review["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": _BEST_RATING,
                "worstRating": _WORST_RATING,
                "alternateName": verdict_name,
                "ratingExplanation": claim["explanation"],
            }
            reviews.append(review)
    return reviews


def claimreview_documents(report: dict, **options) -> list[dict]:
    """One JSON-LD document per article (``{"@context": ..., "@graph": [reviews]}``), for a page
    to embed in a ``<script type="application/ld+json">``; ``options`` are :func:`claimreview`'s."""
    reviews = iter(claimreview(report, **options))     # in document order, one per judged claim
    out = []
    for document in report.get("documents", []):
        judged = sum(c.get("verdict") in _RATINGS for c in document.get("claims", []))
        out.append({"@context": "https://schema.org",
                    "@graph": [{k: v for k, v in next(reviews).items() if k != "@context"}
                               for _ in range(judged)]})
    return out


def _review_url(template: str, source: str, number: int, anchor: str) -> str:
    name = source.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or f"article-{number}"
    name = quote(name.rsplit(".", 1)[0] if "." in name else name, safe="-._~")
    if "{claim}" in template:
        return template.format(doc=name, n=number, claim=anchor)
    return template.format(doc=name, n=number, claim="") + f"#{anchor}"


def _claim_author(source: str, name: str | None) -> dict | None:
    """Who made the claim: the article's publisher as given, else the site of a URL source."""
    if name:
        return {"@type": "Organization", "name": name}
    if _SCHEME.match(source):
        parts = urlsplit(source)
        return {"@type": "Organization", "name": parts.hostname or parts.netloc,
                "url": f"{parts.scheme}://{parts.netloc}/"}
    return None


def sarif(report: dict, *, rules: Iterable[Mapping] | None = None,
          levels: Mapping[str, str] | None = None, texts: Mapping[str, str] | None = None,
          information_uri: str | None = None, base: Path | None = None,
          originals: Mapping[str, str] | None = None) -> dict:
    """A SARIF 2.1.0 log with one run of factcheck: one result per claim whose verdict is in ``levels``.

    ``levels`` maps a verdict to a SARIF level; by default only contradicted claims are
    reported, as errors (``{"contradicted": "error", "unknown": "note"}`` adds the unknown ones
    as notes). A supported claim can only be reported as a passing result (level "none").
    ``rules`` is the rule metadata, ``[{"id", "description", "source"}]`` (see
    ``rule_metadata``): each rule a result uses becomes a reportingDescriptor with the
    description as its shortDescription, its examples as its help, its documentation page (when
    there is one) as its helpUri, and the source the rule was written from as a property.

    A file path relative to the current folder is a URI relative to ``%SRCROOT%``
    (``uriBaseId``); with ``base`` (the current folder), paths inside it are made relative too
    and the run says where ``%SRCROOT%`` is.

    Regions count Unicode code points, 1-based. ``texts`` maps a document's source to its text
    (the text the claims' offsets refer to); with it, line and column come from the text and a
    text that does not hold the claim at its offsets is an error. Without it they come from the
    report: the claim's line and column, its offsets, and its text, which is the document's
    text between them. Each result carries a partial fingerprint hashed from the rule, the
    predicate, the claim's words, its subject and its object, so code-scanning tools follow a
    finding when the text around it moves.

    ``originals`` maps the source of an HTML page to the page itself: its results' regions are
    then in the page, around the claim's words as the page writes them (tags and entities
    between them included), found among the page's visible text at the same occurrence as in
    the extracted text; where they cannot be found there, the region is the text's.
    """
    levels = dict(levels) if levels is not None else {"contradicted": "error"}
    for verdict, level in levels.items():
        if verdict not in ("supported", "contradicted", "unknown"):
            raise InputError(f"no verdict {verdict!r} to report in SARIF: use supported, "
                             "contradicted or unknown")
        if level not in SARIF_LEVELS:
            raise InputError(f"SARIF level {level!r} for {verdict} is not one of "
                             f"{', '.join(SARIF_LEVELS)}")
        if verdict == "supported" and level != "none":
            raise InputError(f"supported claims are passing results: their SARIF level is "
                             f"'none', not {level!r}")
    texts = texts or {}
    pages = {source: _HtmlText(page) for source, page in (originals or {}).items()}
    metadata = {rule["id"]: rule for rule in (rules or ())}

    findings = []   # (document, claim) pairs to report, in report order
    for document in report.get("documents", []):
        for claim in document.get("claims", []):
            if claim.get("verdict") in levels:
                findings.append((document, claim))
    rule_ids = sorted({claim["rule"] for _, claim in findings})
    rule_index = {rule_id: index for index, rule_id in enumerate(rule_ids)}

    results = []
    occurrences: dict[tuple[str, str], int] = {}
    # per document, found once: where its lines start (offsets to lines in log time), its URI
    line_starts: dict[str, list[int]] = {}
    artifacts: dict[str, dict] = {}
    for document, claim in findings:
        source = document["source"]
        text = texts.get(source)
        if text is not None and source not in line_starts:
            line_starts[source] = [0, *(m.end() for m in re.finditer("\n", text))]
        digest = _fingerprint(claim)
        seen = occurrences[(source, digest)] = occurrences.get((source, digest), 0) + 1
        result: dict = {
            "ruleId": claim["rule"],
            "ruleIndex": rule_index[claim["rule"]],
        }
        if claim["verdict"] == "supported":
            result["kind"] = "pass"
        result["level"] = levels[claim["verdict"]]
        result["message"] = {"text": claim["explanation"]}
        result["locations"] = [{
            "physicalLocation": {
                "artifactLocation": dict(artifacts.get(source) or artifacts.setdefault(source, _artifact(source, base))),
                "region": (pages[source].region(claim, text) if source in pages else None)
                or _region(claim, text, source, line_starts.get(source)),
            },
        }]
        result["partialFingerprints"] = {FINGERPRINT_KEY: f"{digest}:{seen}"}
        result["properties"] = {"verdict": claim["verdict"], "claimId": claim["id"]}
        results.append(result)

    driver: dict = {"name": "factcheck", "version": report.get("factcheck_version", "")}
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = [_descriptor(rule_id, metadata.get(rule_id)) for rule_id in rule_ids]
    run: dict = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if base is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(base).resolve().as_uri().rstrip("/") + "/"}}
    if "summary" in report:
        run["properties"] = {"summary": report["summary"]}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def rule_metadata(rule_set, docs_url: str | None = None) -> list[dict]:
    """The ``rules`` argument of ``sarif`` for a loaded RuleSet (``load_rules()``, ``Checker.rules``);
    ``docs_url`` is a template of each rule's documentation page, ``{rule}`` its id."""
    return [{"id": rule.id, "description": rule.description, "source": rule.source,
             "examples": [example.text for example in rule.examples],
             **({"help_uri": docs_url.replace("{rule}", quote(rule.id))} if docs_url else {})}
            for rule in rule_set.patterns]


def _plain(text: str) -> str:
    """The words of ``text`` with single spaces (articles carry no-break spaces and line breaks)."""
    return " ".join(text.split())


def _object_text(claim: dict) -> str:
    if claim.get("object"):
        return claim["object"].get("name") or claim["object"].get("id") or ""
    value = claim.get("value") or {}
    return ", ".join(f"{key} {item}" for key, item in value.items() if item is not None)


def _uri(source: str) -> str:
    """A URI reference for a source: URLs as they are, file paths percent-encoded with / separators."""
    if _SCHEME.match(source):
        return source
    return quote(source.replace("\\", "/"), safe="/!$&'()*+,;=@-._~")


def _artifact(source: str, base: Path | None) -> dict:
    """An artifactLocation: relative to ``%SRCROOT%`` for a path inside the current folder."""
    if _SCHEME.match(source) or source == "-":
        return {"uri": _uri(source)}
    path = Path(source)
    if path.is_absolute():
        if base is None:
            return {"uri": path.as_uri()}
        try:
            path = path.relative_to(Path(base).resolve())
        except ValueError:
            return {"uri": path.as_uri()}
    if path.parts[:1] == ("..",):
        return {"uri": _uri(source)}
    return {"uri": _uri(path.as_posix()), "uriBaseId": SRCROOT}


def _fingerprint(claim: dict) -> str:
    subject = claim.get("subject") or {}
    obj = claim.get("object") or {}
    parts = [
        claim["rule"],
        claim.get("predicate") or "",
        _plain(claim["text"]),
        subject.get("id") or subject.get("name") or "",
        obj.get("id") or obj.get("name") or json.dumps(claim.get("value"), sort_keys=True),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _region(claim: dict, text: str | None, source: str, line_starts: list[int] | None = None) -> dict:
    """``line_starts``: the offsets at which the lines of ``text`` start (0 first)."""
    start, end = claim["start"], claim["end"]
    if text is not None:
        if text[start:end] != claim["text"]:
            raise InputError(f"the text given for {source} does not hold claim {claim['id']} "
                             f"at offsets {start}-{end}: pass the text the report was made from")
        if line_starts is None:
            line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        start_line = bisect_right(line_starts, start)
        start_column = start - line_starts[start_line - 1] + 1
        end_line = bisect_right(line_starts, end)
        end_column = end - line_starts[end_line - 1] + 1
    else:
        # The claim's text is the document's text from start to end (CONTRACT section 5),
        # so it tells where the region ends.
        start_line, start_column = claim["line"], claim["column"]
        breaks = claim["text"].count("\n")
        end_line = start_line + breaks
        tail = len(claim["text"]) - (claim["text"].rfind("\n") + 1)
        end_column = (start_column if breaks == 0 else 1) + tail
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
        "snippet": {"text": claim["text"]},
    }


class _HtmlText:
    """The visible text of an HTML page, white space folded, with where each character is in it."""

    _SKIP = re.compile(r"<!--.*?-->|<(script|style|head|title)\b.*?</\1\s*>|<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?",
                       re.S | re.I)

    def __init__(self, page: str) -> None:
        from html import unescape

        self.page = page
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", page))]
        chars: list[str] = []
        spans: list[tuple[int, int]] = []
        at = 0

        def visible(text: str, start: int, end: int) -> None:
            for k, char in enumerate(text):
                one = (start + k, start + k + 1) if end - start == len(text) else (start, end)
                if char.isspace():
                    if chars and chars[-1] != " ":
                        chars.append(" ")
                        spans.append(one)
                    continue
                chars.append(char)
                spans.append(one)

        for match in self._SKIP.finditer(page):
            visible(page[at:match.start()], at, match.start())
            if match.group().startswith("&"):
                visible(unescape(match.group()), match.start(), match.end())
            elif chars and chars[-1] != " " and re.match(r"</?(p|div|br|li|h[1-6]|tr|td|section|article)\b", match.group(), re.I):
                chars.append(" ")
                spans.append((match.start(), match.end()))
            at = match.end()
        visible(page[at:], at, len(page))
        self.text = "".join(chars)
        self.spans = spans

    def region(self, claim: dict, extracted: str | None) -> dict | None:
        words = " ".join(claim["text"].split())
        if not words:
            return None
        occurrence = extracted.count(claim["text"], 0, claim["start"]) if extracted is not None else 0
        found = -1
        for _ in range(occurrence + 1):
            found = self.text.find(words, found + 1)
            if found < 0:
                return None
        start, end = self.spans[found][0], self.spans[found + len(words) - 1][1]
        start_line = bisect_right(self.line_starts, start)
        end_line = bisect_right(self.line_starts, end)
        return {"startLine": start_line, "startColumn": start - self.line_starts[start_line - 1] + 1,
                "endLine": end_line, "endColumn": end - self.line_starts[end_line - 1] + 1,
                "charOffset": start, "charLength": end - start, "snippet": {"text": self.page[start:end]}}


def _descriptor(rule_id: str, rule: Mapping | None) -> dict:
    descriptor: dict = {"id": rule_id}
    if rule and rule.get("description"):
        descriptor["shortDescription"] = {"text": rule["description"]}
    if rule and rule.get("examples"):
        lines = [rule.get("description") or rule_id, "", "Examples:"]
        lines += [f"- {example}" for example in rule["examples"]]
        descriptor["help"] = {"text": "\n".join(lines)}
    if rule and rule.get("help_uri"):
        descriptor["helpUri"] = rule["help_uri"]
    if rule and rule.get("source"):
        descriptor["properties"] = {"source": rule["source"]}
    return descriptor
