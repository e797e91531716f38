"""Running each rule's own examples: sentences that must yield an assertion, and sentences that must not."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from factcheck.checker import Checker
from factcheck.rules.loader import Example, PatternRule, RuleSet
from factcheck.store.database import Store


def example_failure(checker: Checker, rule: PatternRule, example: Example) -> str | None:
    """Why ``example`` does not yield what it says, or None when it does."""
    published = date.fromisoformat(example.published)
    if checker.store is not None and not rule.context:
        # Judging resolves what extraction leaves open (an event named by a recurring alias).
        checked = checker.check(example.text, published)
        document, claims = checked.document, [claim for claim, _ in checked.verdicts]
    else:
        document = checker.extract(example.text, published)
        claims = document.claims
    if rule.context:
        if any(hit[0] == rule.id for hit in document.context):
            return None
        return f"{rule.id}: context example did not match: {example.text!r}"
    produced = [c for c in claims if c.rule == rule.id]
    for claim in produced:
        data = claim.to_json()
        actual = {
            "subject": claim.subject.id if claim.subject else None,
            "object": claim.object.id if claim.object else None,
            # an entity the store does not know, by the name the text gives it
            "subject_name": claim.subject.name if claim.subject else None,
            "object_name": claim.object.name if claim.object else None,
            "predicate": claim.predicate,
            "time_from": data["time"]["from"] if data["time"] else None,
            "time_until": data["time"]["until"] if data["time"] else None,
            "members": [m.id for m in claim.members],
            "negated": claim.negated,
            "value": (claim.value or {}).get("number"),
            "rank": claim.rank,
        }
        if all(actual.get(key) == value for key, value in example.expect.items()):
            return None
    shown = "; ".join(
        f"{c.subject.id if c.subject else None} {c.predicate} "
        f"{c.object.id if c.object else c.value} [{c.time.date_from if c.time else ''}..]"
        for c in produced) or "no claim from this rule"
    return f"{rule.id}: example {example.text!r} should give {dict(example.expect)}, got: {shown}"


def counterexample_failure(checker: Checker, rule: PatternRule, text: str) -> str | None:
    document = checker.extract(text, date(2023, 10, 25))
    hits = [c for c in document.claims if c.rule == rule.id]
    hits += [h for h in document.context if h[0] == rule.id]
    if hits:
        return f"{rule.id}: counterexample {text!r} should give no claim from this rule"
    return None


def example_store(rules: RuleSet, folder: str | Path) -> Store:
    """A store in ``folder`` holding every pack's example facts (``examples/*.jsonl`` of each pack):
    the world the rules' own examples are written in, so checking them needs no store of the user's."""
    store = Store(f"sqlite:///{Path(folder) / 'examples.db'}")
    kinds = rules.predicate_kinds()
    for pack in rules.packs:
        for path in sorted((Path(pack) / "examples").glob("*.jsonl")):
            store.import_file(path, kinds)
    return store


def check_examples(rules: RuleSet, store: Store | None = None, rule_dirs: Sequence[str | Path] = ()) -> list[str]:
    """Every rule's examples and counterexamples that do not do what they say, as messages.

    Judged against ``store``, by default a temporary store of the packs' example facts.
    """
    if store is None:
        with tempfile.TemporaryDirectory(prefix="factcheck-examples-") as folder:
            store = example_store(rules, folder)
            try:
                return check_examples(rules, store, rule_dirs)
            finally:
                store.close()
    checker = Checker(store, rule_dirs)
    failures = []
    for rule in rules.patterns:
        for example in rule.examples:
            failure = example_failure(checker, rule, example)
            if failure:
                failures.append(failure)
        for text in rule.counterexamples:
            failure = counterexample_failure(checker, rule, text)
            if failure:
                failures.append(failure)
    return failures
