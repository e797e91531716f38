"""``factcheck entities``: add, alias, list, show and merge the entities facts are about."""

from __future__ import annotations

import click

from factcheck.cli.common import common_options, make_context, predicate_kinds


@click.group()
def entities() -> None:
    """Maintain the entities facts are about."""


_REASON = click.option("--reason", metavar="TEXT", help="Why: kept with the change in the history.")


@entities.command("add")
@click.argument("entity_id")
@click.option("--name", required=True)
@click.option("--type", "entity_type", required=True)
@click.option("--alias", "aliases", multiple=True)
@click.option("--demonym", "demonyms", multiple=True)
@click.option("--title", help="Offices: the title (President, Foreign Minister).")
@click.option("--jurisdiction", help="Offices: the entity whose office it is.")
@click.option("--seats", type=int, help="Offices: holders at a time (default 1).")
@_REASON
@common_options
def entities_add(entity_id, name, entity_type, aliases, demonyms, title, jurisdiction, seats, reason,
                 db_url, rule_dirs) -> None:
    """Add or update an entity.

    \b
    Example:
        factcheck entities add olaf-scholz --name "Olaf Scholz" --type person --alias Scholz
    """
    context = make_context(db_url, rule_dirs)
    record = {"kind": "entity", "id": entity_id, "name": name, "type": entity_type,
              "aliases": list(aliases), "demonyms": list(demonyms)}
    for key, item in (("title", title), ("jurisdiction", jurisdiction), ("seats", seats)):
        if item is not None:
            record[key] = item
    result = context.store().import_records([record], predicate_kinds(context), origin="entities add",
                                            reason=reason)
    click.echo(f"{entity_id}: {'saved' if result.entities_changed else 'unchanged'}")


@entities.command("alias")
@click.argument("entity")
@click.argument("aliases", nargs=-1, required=True)
@click.option("--demonym", is_flag=True, help="The texts are demonyms (Chinese, American).")
@_REASON
@common_options
def entities_alias(entity, aliases, demonym, reason, db_url, rule_dirs) -> None:
    """Add ways an entity is written.

    \b
    Example:
        factcheck entities alias china "Middle Kingdom"
    """
    from factcheck.store.maintenance import add_aliases

    added = add_aliases(make_context(db_url, rule_dirs).store(), entity, list(aliases),
                        kind="demonym" if demonym else "alias", reason=reason)
    click.echo(f"added {added} alias(es)")


@entities.command("list")
@click.option("--type", "entity_type")
@click.option("--name", help="Only entities whose name or id contains this text.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@common_options
def entities_list(entity_type, name, limit, fmt, db_url, rule_dirs) -> None:
    """List entities.

    \b
    Example:
        factcheck entities list --type office
    """
    import json

    from factcheck.store.maintenance import list_entities

    rows = list_entities(make_context(db_url, rule_dirs).store(), entity_type=entity_type, name=name,
                         limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from factcheck.report.text import printable

    table = Table()
    for column in ("id", "name", "type"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(printable(row[key])) for key in ("id", "name", "type")))
    Console().print(table)


@entities.command("show")
@click.argument("entity")
@common_options
def entities_show(entity, db_url, rule_dirs) -> None:
    """One entity, its aliases and how many facts name it.

    \b
    Example:
        factcheck entities show "Wang Yi"
    """
    import json

    from factcheck.store.maintenance import show_entity

    click.echo(json.dumps(show_entity(make_context(db_url, rule_dirs).store(), entity), indent=2,
                          ensure_ascii=False))


@entities.command("merge")
@click.argument("source")
@click.argument("target")
@click.option("--force", is_flag=True, help="Merge entities of different types too.")
@_REASON
@common_options
def entities_merge(source, target, force, reason, db_url, rule_dirs) -> None:
    """Fold SOURCE into TARGET: facts and aliases move, SOURCE's name becomes an alias.
    Entities of different types are refused unless --force.

    \b
    Example:
        factcheck entities merge prc china
    """
    from factcheck.store.maintenance import merge_entities

    moved = merge_entities(make_context(db_url, rule_dirs).store(), source, target, force=force,
                           reason=reason)
    click.echo(f"moved {moved['facts']} fact(s) and {moved['aliases']} alias(es) into {target}")


@entities.command("history")
@click.argument("entity")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def entities_history(entity, fmt, db_url, rule_dirs) -> None:
    """How an entity came to be as it is: additions, imports, aliases, merges (also of an entity
    merged away), each with the fields it changed.

    \b
    Example:
        factcheck entities history china
    """
    import json

    from factcheck.report.text import printable
    from factcheck.store.maintenance import entity_history, history_line

    for event in entity_history(make_context(db_url, rule_dirs).store(), entity):
        if fmt == "json":
            click.echo(json.dumps(event, ensure_ascii=False, sort_keys=True))
        else:
            click.echo(printable(history_line(event, gone="gone")))
