"""``factcheck rules``: list, check and explain the rule packs."""

from __future__ import annotations

import sys

import click

from factcheck.cache import Cache
from factcheck.cli.common import common_options, make_context
from factcheck.errors import InputError


@click.group()
def rules() -> None:
    """List, check and explain the rule packs."""


@rules.command("list")
@common_options
def rules_list(db_url, rule_dirs) -> None:
    """Every claim pattern and predicate of the loaded packs.

    \b
    Example:
        factcheck rules list --rules my-pack/
    """
    from factcheck.rules.loader import load_rules

    loaded = load_rules(make_context(db_url, rule_dirs).rules, cache=Cache.default())
    for rule in loaded.patterns:
        click.echo(f"{rule.id}: {rule.description}")
    for name, spec in sorted(loaded.predicates.items()):
        click.echo(f"predicate {name} ({spec.kind}): {spec.description}")


@rules.command("check")
@common_options
def rules_check(db_url, rule_dirs) -> None:
    """Load every pack and run each rule's own examples, in the packs' example world (not the store).

    \b
    Example:
        factcheck rules check --rules my-pack/
    """
    from factcheck.rulecheck import check_examples
    from factcheck.rules.loader import load_rules

    context = make_context(db_url, rule_dirs)
    loaded = load_rules(context.rules, cache=Cache.default())
    failures = check_examples(loaded, rule_dirs=context.rules)
    for failure in failures:
        click.echo(failure, err=True)
    click.echo(f"{len(loaded.patterns)} rules, {len(loaded.predicates)} predicates, "
               f"{sum(len(r.examples) + len(r.counterexamples) for r in loaded.patterns)} examples: "
               f"{len(failures)} failed")
    if failures:
        sys.exit(1)


@rules.command("explain")
@click.argument("rule_id")
@common_options
def rules_explain(rule_id, db_url, rule_dirs) -> None:
    """Show one rule: where it is, its pattern, what it asserts and its examples.

    \b
    Example:
        factcheck rules explain office.appositive
    """
    from factcheck.rules.loader import load_rules

    loaded = load_rules(make_context(db_url, rule_dirs).rules, cache=Cache.default())
    rule = loaded.rule(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in loaded.patterns], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"no rule {rule_id!r}{hint}")
    click.echo(f"{rule.id}  ({rule.path}:{rule.line})")
    click.echo(f"  {rule.description}")
    click.echo(f"  source: {rule.source}")
    click.echo(f"  pattern: {rule.pattern}")
    for assertion in rule.assertions:
        spec = loaded.predicates[assertion.predicate]
        click.echo(f"  asserts: {assertion.subject or assertion.referents} {assertion.predicate} "
                   f"{assertion.object or assertion.value or ''} ({spec.kind}: {spec.description})")
    for example in rule.examples:
        click.echo(f"  example: {example.text}")
    for counter in rule.counterexamples:
        click.echo(f"  not: {counter}")


@rules.command("docs")
@click.argument("folder", type=click.Path(file_okay=False))
@common_options
def rules_docs(folder, db_url, rule_dirs) -> None:
    """Write a Markdown page per rule (FOLDER/<rule id>.md) and an index, for SARIF's helpUri.

    Publish the folder and set rule_docs_url in factcheck.toml to where a page is, {rule}
    standing for the rule id.

    \b
    Example:
        factcheck rules docs docs/rules
    """
    from factcheck.report.ruledocs import write_rule_docs
    from factcheck.rules.loader import load_rules

    loaded = load_rules(make_context(db_url, rule_dirs).rules, cache=Cache.default())
    written = write_rule_docs(loaded, folder)
    click.echo(f"{len(written)} rule pages and index.md in {folder}")
