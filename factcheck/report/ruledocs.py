"""A documentation page per rule, in Markdown: what a finding's ``helpUri`` (SARIF) points at.

Pages are made from the rule packs alone (id, description, pattern, what it asserts, its
examples and counterexamples, the source it was written from), so publishing them next to the
rules keeps them true; ``rule_docs_url`` in the config file then names where they are published.
"""

from __future__ import annotations

import os
from pathlib import Path

from factcheck.errors import InputError


def rule_page(rule, predicates) -> str:
    """The Markdown page of one PatternRule; ``predicates`` maps a predicate to its PredicateSpec."""
    lines = [f"# `{rule.id}`", "", _line(rule.description), ""]
    lines += ["## Pattern", "", "```", rule.pattern, "```", ""]
    if rule.assertions:
        lines += ["## Asserts", ""]
        for assertion in rule.assertions:
            spec = predicates.get(assertion.predicate)
            meaning = f": {_line(spec.description)}" if spec is not None and spec.description else ""
            lines.append(f"- `{assertion.predicate}`{meaning}")
        lines.append("")
    if rule.examples:
        lines += ["## Examples (the rule finds a claim)", ""]
        lines += [f"- {_line(example.text)}" for example in rule.examples]
        lines.append("")
    if rule.counterexamples:
        lines += ["## Counterexamples (the rule finds nothing)", ""]
        lines += [f"- {_line(text)}" for text in rule.counterexamples]
        lines.append("")
    if rule.source:
        lines += ["## Source", "", f"Written from: <{rule.source}>" if "://" in rule.source
                  else f"Written from: {_line(rule.source)}", ""]
    return "\n".join(lines)


def write_rule_docs(rule_set, folder: str | os.PathLike) -> list[Path]:
    """``folder/<rule id>.md`` for every rule and ``folder/index.md`` listing them; the pages written."""
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        written = []
        index = ["# factcheck rules", ""]
        for rule in sorted(rule_set.patterns, key=lambda r: r.id):
            page = target / f"{rule.id}.md"
            page.write_text(rule_page(rule, rule_set.predicates), encoding="utf-8")
            written.append(page)
            index.append(f"- [`{rule.id}`]({rule.id}.md): {_line(rule.description)}")
        (target / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write rule pages to {target}: {exc.strerror}") from None
    return written


def _line(text: str) -> str:
    """Text as one Markdown line: whitespace collapsed, characters that would start markup escaped."""
    text = " ".join(str(text).split())
    for mark in ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"):
        text = text.replace(mark, "\\" + mark)
    return text
