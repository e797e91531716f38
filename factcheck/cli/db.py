"""``factcheck db``: create, migrate, check and count the fact store."""

from __future__ import annotations

import sys

import click

from factcheck.cli.common import common_options, make_context


@click.group()
def db() -> None:
    """Create, migrate and inspect the fact store."""


@db.command("init")
@common_options
def db_init(db_url, rule_dirs) -> None:
    """Create the store (or bring it to the current schema).

    \b
    Example:
        factcheck --db sqlite:///facts.db db init
    """
    store = make_context(db_url, rule_dirs).store(create_folder=True)
    store.ensure_schema()
    click.echo(f"store ready at {store.url} (schema {store.current_revision()})")


@db.command("upgrade")
@click.argument("revision", default="head")
@common_options
def db_upgrade(revision, db_url, rule_dirs) -> None:
    """Apply the Alembic migrations up to REVISION (default: head).

    \b
    Example:
        factcheck db upgrade
    """
    store = make_context(db_url, rule_dirs).store()
    store.upgrade(revision)
    click.echo(f"store at {store.url} is at schema {store.current_revision()}")


@db.command("check")
@common_options
def db_check(db_url, rule_dirs) -> None:
    """The store's integrity check: storage, dangling references, facts about themselves,
    located_in circles (errors); overlapping office holders, subjects and objects of a type the
    predicate does not list, names or aliases two entities of one type share (warnings: likely
    duplicates, or namesakes no claim can tell apart).

    Exit status 1 when it finds errors; warnings alone exit 0.

    \b
    Example:
        factcheck db check
    """
    from factcheck.cache import Cache
    from factcheck.rules.loader import load_rules
    from factcheck.store.consistency import check_consistency

    context = make_context(db_url, rule_dirs)
    store = context.store()
    report = store.check()
    meaning = check_consistency(store, load_rules(context.rules, cache=Cache.default()).predicates)
    report = {key: report[key] + meaning[key] for key in ("errors", "warnings")}
    from factcheck.report.text import printable

    for line in report["errors"]:
        click.echo(f"error: {printable(line)}")
    for line in report["warnings"]:
        click.echo(f"warning: {printable(line)}")
    click.echo(f"{len(report['errors'])} error(s), {len(report['warnings'])} warning(s)")
    if report["errors"]:
        sys.exit(1)


@db.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@common_options
def db_stats(fmt, db_url, rule_dirs) -> None:
    """Counts of entities, aliases, facts and imports.

    \b
    Example:
        factcheck db stats --format json
    """
    import json

    stats = make_context(db_url, rule_dirs).store().stats()
    if fmt == "json":
        click.echo(json.dumps(stats, indent=2, sort_keys=True))
        return
    click.echo(f"database: {stats['database']} (schema {stats['schema_revision']})")
    click.echo(f"entities: {stats['entities']}  aliases: {stats['aliases']}  "
               f"facts: {stats['facts']}  imports: {stats['imports']}")
    for kind, count in stats["entities_by_type"].items():
        click.echo(f"  entities of type {kind}: {count}")
    for predicate, count in stats["facts_by_predicate"].items():
        click.echo(f"  facts with predicate {predicate}: {count}")
