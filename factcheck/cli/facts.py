"""``factcheck facts``: import, pull and export reference facts, and maintain them one by one."""

from __future__ import annotations

import sys
from datetime import date

import click

from factcheck.cli.common import common_options, emit, make_context, parse_date, predicate_kinds
from factcheck.errors import InputError


@click.group()
def facts() -> None:
    """Maintain the reference facts."""


_REASON = click.option("--reason", metavar="TEXT", help="Why: kept with the change in the history.")


def _import_report(name: str, result, seen: str = "in the file") -> None:
    """The counts of an import, and in a dry run its first changes as field diffs."""
    from factcheck.report.text import printable
    from factcheck.store.maintenance import field_changes

    parts = [f"{result.facts_changed} changed", f"{result.facts_unchanged} unchanged"]
    if result.facts_retired:
        parts.append(f"{result.facts_retired} retired")
    lead = "dry run, nothing stored: " if result.dry_run else ""
    click.echo(printable(f"{lead}{name}: {result.facts_added} new facts ({result.facts_seen} {seen}), "
                         f"{', '.join(parts)}, {result.entities_changed} entities added or changed"))
    if not result.dry_run:
        return
    for record in result.added:
        target = record.get("object") or record.get("value")
        click.echo(printable(f"  + {record['subject']} {record['predicate']} {target}"
                             + (f" from {record['valid_from']}" if record.get("valid_from") else "")))
    for change in (*result.changes, *result.retired):
        diffs = "; ".join(f"{key}: {old!r} -> {new!r}" for key, old, new in
                          field_changes(change.before, change.after))
        where = f" (line {change.line})" if change.line else ""
        click.echo(printable(f"  ~ fact #{change.fact_id}{where}: {diffs}"))


@facts.command("import")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--pack", type=click.Choice(["world"]),
              help="Load a bundled pack: world = every country and every city above 100,000 people.")
@click.option("--dry-run", is_flag=True,
              help="Show what would be added, changed and retired (the first changes as field "
                   "diffs), and store nothing.")
@click.option("--replace-source", metavar="URL",
              help="Retire the facts of this source that the file no longer has.")
@_REASON
@common_options
def facts_import(files, pack, dry_run, replace_source, reason, db_url, rule_dirs) -> None:
    """Load entities and facts from JSON Lines or CSV files, each file in one transaction.

    A record with the id or the key (subject, predicate, object or value, valid_from) of a
    stored fact updates it where other fields differ, and the change is kept in its history:
    an export edited in a spreadsheet imports back as corrections.

    \b
    Example:
        factcheck facts import fixtures/facts/*.jsonl
        factcheck facts import --pack world
        factcheck facts import corrected.csv --dry-run
        factcheck facts import cabinet.jsonl --replace-source https://gov.example/cabinet --reason "reshuffle"
    """
    context = make_context(db_url, rule_dirs)
    store = context.store()
    predicates = predicate_kinds(context)
    if not files and not pack:
        raise InputError("give fact files to import, or --pack world")
    if pack == "world":
        from factcheck.store.worldpack import world_records

        from factcheck.store.reconcile import reconcile

        result = store.import_records(reconcile(store, world_records()), predicates, origin="pack:world",
                                      kind="pack", dry_run=dry_run, reason=reason)
        _import_report("world pack", result, "in the pack")
    for name in files:
        result = store.import_file(name, predicates, dry_run=dry_run, replace_source=replace_source,
                                   reason=reason)
        _import_report(name, result)


@facts.command("pull")
@click.argument("origin", type=click.Choice(["wikidata"]))
@click.argument("qids", nargs=-1)
@click.option("--sparql", "sparql_file", type=click.Path(exists=True, dir_okay=False),
              help="A SPARQL query file; every entity in its results is pulled.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False),
              help="Keep responses here and reuse them on the next pull.")
@click.option("--from", "from_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Read recorded wbgetentities answers (DIR/entities/Q….json) instead of Wikidata.")
@_REASON
@click.option("--base-url", default="https://www.wikidata.org", show_default=True, hidden=True)
@click.option("--endpoint", default="https://query.wikidata.org/sparql", show_default=True, hidden=True)
@common_options
def facts_pull(origin, qids, sparql_file, cache_dir, from_dir, reason, base_url, endpoint, db_url,
               rule_dirs) -> None:
    """Pull entities and facts from Wikidata (offices with their dates, capitals, populations, ...).

    An item the store already has (by its QID, kept as an alias, or else by a name or alias of an
    entity of the same type) is updated under its stored id, never duplicated.

    \b
    Example:
        factcheck facts pull wikidata Q15031 Q6279
        factcheck facts pull wikidata --sparql heads-of-state.rq --cache ~/.cache/factcheck
        factcheck facts pull wikidata Q148 --from tests/data/wikidata
    """
    from pathlib import Path as _Path

    from factcheck.store.reconcile import reconcile
    from factcheck.store.wikidata import pull, pull_sparql, recorded_client

    context = make_context(db_url, rule_dirs)
    if not qids and not sparql_file:
        raise InputError("give Wikidata ids (Q15031 ...) or --sparql FILE")
    if from_dir and sparql_file:
        raise InputError("--from reads recorded items, not SPARQL results: give QIDs")
    cache = _Path(cache_dir) if cache_dir else None
    client = recorded_client(_Path(from_dir)) if from_dir else None
    records = []
    try:
        if qids:
            records += pull(list(qids), client=client, base_url=base_url, cache_dir=cache)
        if sparql_file:
            query = _Path(sparql_file).read_text(encoding="utf-8")
            records += pull_sparql(query, endpoint=endpoint, base_url=base_url, cache_dir=cache)
    finally:
        if client is not None:
            client.close()
    store = context.store()
    result = store.import_records(reconcile(store, records), predicate_kinds(context),
                                  origin=f"{origin}:{' '.join(qids) or sparql_file}", kind="pull",
                                  reason=reason)
    _import_report(origin, result, "pulled")


@facts.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="csv holds facts only; jsonl holds entities and facts.")
@common_options
def facts_export(output, fmt, db_url, rule_dirs) -> None:
    """Everything in the store, in the interchange format. Facts carry their ids, so an export
    edited (in a spreadsheet, say) and imported back corrects the facts it came from.

    \b
    Example:
        factcheck facts export -o backup.jsonl
    """
    import csv
    import io
    import json

    from factcheck.store.interchange import FACT_FIELDS

    store = make_context(db_url, rule_dirs).store()
    records = store.export_records()
    if fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        columns = ["subject", "predicate", "object", "value", "unit", "valid_from", "valid_until",
                   "as_of", "source", "note", "rank", "id"]
        assert set(columns) <= FACT_FIELDS
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for record in records:
            if record["kind"] == "fact":
                writer.writerow({k: record.get(k, "") for k in columns})
        text = buffer.getvalue()
    emit(text, output)


def _print_facts(rows, fmt: str) -> None:
    """Facts as a JSON list, or as a table with a count."""
    import json

    from factcheck.store.maintenance import fact_record

    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, **fact_record(r)} for r in rows], indent=2,
                              ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from factcheck.report.text import printable

    table = Table(show_lines=False)
    for column in ("id", "subject", "predicate", "object / value", "valid", "as of", "source"):
        table.add_column(column, overflow="fold")
    for r in rows:
        value = r.object if r.object else f"{r.value}{' ' + r.unit if r.unit else ''}"
        valid = f"{r.valid_from or '…'} – {r.valid_until or '…'}" if (r.valid_from or r.valid_until) else ""
        table.add_row(*(Text(printable(cell)) for cell in (
            str(r.id), r.subject, r.predicate, str(value), valid, r.as_of or "", r.source or "")))
    Console().print(table)
    click.echo(f"{len(rows)} fact(s)")


@facts.command("add")
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_ref", metavar="[OBJECT]", required=False)
@click.option("--value", help="A literal instead of an object: a number or a date YYYY[-MM[-DD]].")
@click.option("--unit", help="Unit of a numeric value (people, km2, USD, ...).")
@click.option("--from", "valid_from", metavar="DATE", help="First day the fact holds.")
@click.option("--until", "valid_until", metavar="DATE", help="Last day the fact holds.")
@click.option("--as-of", "as_of", metavar="DATE", help="Date a measurement refers to.")
@click.option("--source", required=True, help="URL or citation (required).")
@click.option("--note")
@click.option("--rank", type=click.Choice(["preferred", "normal", "deprecated"]), default="normal")
@_REASON
@common_options
def facts_add(subject, predicate, object_ref, value, unit, valid_from, valid_until, as_of, source,
              note, rank, reason, db_url, rule_dirs) -> None:
    """Add one fact; SUBJECT and OBJECT are entity ids, names or aliases.

    \b
    Example:
        factcheck facts add "Marco Rubio" holds_office secretary-of-state-of-the-united-states \\
            --from 2025-01-21 --source https://www.state.gov/biographies/marco-rubio/
    """
    from factcheck.store.maintenance import resolve_entity

    context = make_context(db_url, rule_dirs)
    store = context.store()
    if (object_ref is None) == (value is None):
        raise InputError("give either an OBJECT or --value")
    record = {"kind": "fact", "subject": resolve_entity(store, subject), "predicate": predicate,
              "source": source, "rank": rank}
    if object_ref is not None:
        record["object"] = resolve_entity(store, object_ref)
    else:
        record["value"] = _literal(value)
    for key, item in (("unit", unit), ("valid_from", valid_from), ("valid_until", valid_until),
                      ("as_of", as_of), ("note", note)):
        if item:
            record[key] = item
    result = store.import_records([record], predicate_kinds(context), origin="facts add", kind="command",
                                  reason=reason)
    if result.facts_added:
        click.echo(f"added fact #{result.added[0]['id']}")
    elif result.facts_changed:
        click.echo(f"changed fact #{result.changes[0].fact_id} (the store had it with other fields)")
    else:
        click.echo("the store already has this fact")


def _literal(text: str):
    """A --value as the store keeps it: a partial date stays text, a number becomes int or float."""
    from factcheck.dates import is_partial_date

    if is_partial_date(text):
        return text
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise InputError(f"--value {text!r} is neither a number nor a date YYYY[-MM[-DD]]") from None
    return int(number) if number.is_integer() else number


@facts.command("list")
@click.option("--subject", help="Facts about this entity (id, name or alias), as subject or object.")
@click.option("--predicate")
@click.option("--type", "entity_type", help="Only subjects of this entity type.")
@click.option("--source", help="Only facts whose source contains this text.")
@click.option("--valid-on", callback=parse_date, metavar="YYYY-MM-DD", help="Only facts valid that day.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@common_options
def facts_list(subject, predicate, entity_type, source, valid_on, limit, fmt, db_url, rule_dirs) -> None:
    """List facts, filtered.

    \b
    Example:
        factcheck facts list --subject "Wang Yi" --predicate holds_office --valid-on 2023-03-01
    """
    from factcheck.store.maintenance import list_facts

    store = make_context(db_url, rule_dirs).store()
    _print_facts(list_facts(store, subject=subject, predicate=predicate, entity_type=entity_type,
                            source=source, valid_on=valid_on, limit=limit), fmt)


@facts.command("show")
@click.argument("fact_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def facts_show(fact_id, fmt, db_url, rule_dirs) -> None:
    """One fact with its provenance and history.

    \b
    Example:
        factcheck facts show 17
    """
    import json

    from factcheck.store.maintenance import fact_history, fact_record, get_fact

    store = make_context(db_url, rule_dirs).store()
    fact = get_fact(store, fact_id)
    data = {"id": fact.id, **fact_record(fact), "history": fact_history(store, fact_id)}
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from factcheck.report.text import printable

    for key, value in data.items():
        if key != "history":
            click.echo(printable(f"{key}: {value}"))
    for event in data["history"]:
        click.echo(f"  {event['at']} {event['action']} by {event.get('actor') or '?'}"
                   + (f" from {event['origin']}" if event.get("origin") else ""))


@facts.command("history")
@click.argument("fact_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per event with the fields it changed; json: one JSON object per line.")
@common_options
def facts_history(fact_id, fmt, db_url, rule_dirs) -> None:
    """Who brought a fact, and every change since (also for removed facts).

    \b
    Example:
        factcheck facts history 17
    """
    import json

    from factcheck.report.text import printable
    from factcheck.store.maintenance import fact_history, history_line

    for event in fact_history(make_context(db_url, rule_dirs).store(), fact_id):
        if fmt == "json":
            click.echo(json.dumps(event, ensure_ascii=False, sort_keys=True))
        else:
            click.echo(printable(history_line(event, gone="removed")))


@facts.command("edit")
@click.argument("fact_id", type=int)
@click.option("--object", "object_ref")
@click.option("--value")
@click.option("--unit")
@click.option("--from", "valid_from", metavar="DATE")
@click.option("--until", "valid_until", metavar="DATE")
@click.option("--as-of", "as_of", metavar="DATE")
@click.option("--source")
@click.option("--note")
@click.option("--rank", type=click.Choice(["preferred", "normal", "deprecated"]))
@_REASON
@common_options
def facts_edit(fact_id, object_ref, value, unit, valid_from, valid_until, as_of, source, note, rank,
               reason, db_url, rule_dirs) -> None:
    """Change fields of a fact (the change is kept in its history).

    \b
    Example:
        factcheck facts edit 17 --source https://www.gov.cn/ --rank preferred
    """
    from factcheck.store.maintenance import edit_fact

    context = make_context(db_url, rule_dirs)
    changes = {key: item for key, item in (
        ("object", object_ref), ("value", _literal(value) if value else None), ("unit", unit),
        ("valid_from", valid_from), ("valid_until", valid_until), ("as_of", as_of),
        ("source", source), ("note", note), ("rank", rank)) if item is not None}
    if not changes:
        raise InputError("nothing to change: give at least one option")
    edit_fact(context.store(), fact_id, changes, predicate_kinds(context), reason=reason)
    click.echo(f"fact #{fact_id} changed")


@facts.command("retire")
@click.argument("fact_id", type=int)
@click.option("--on", "day", callback=parse_date, metavar="YYYY-MM-DD",
              help="Last day the fact holds (default: today).")
@_REASON
@common_options
def facts_retire(fact_id, day, reason, db_url, rule_dirs) -> None:
    """End a fact's validity and keep it (history and past verdicts stay right).

    \b
    Example:
        factcheck facts retire 17 --on 2025-01-20
    """
    from factcheck.store.maintenance import retire_fact

    context = make_context(db_url, rule_dirs)
    fact = retire_fact(context.store(), fact_id, day or date.today(), predicate_kinds(context), reason=reason)
    click.echo(f"fact #{fact_id} now holds until {fact.valid_until}")


@facts.command("remove")
@click.argument("fact_ids", nargs=-1, type=int, required=True)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_REASON
@common_options
def facts_remove(fact_ids, yes, reason, db_url, rule_dirs) -> None:
    """Delete facts (their history keeps what they were). Asks first unless --yes.

    \b
    Example:
        factcheck facts remove 17 18 --yes
    """
    from factcheck.store.maintenance import remove_facts

    store = make_context(db_url, rule_dirs).store()
    if not yes:
        if not sys.stdin.isatty():
            raise InputError("remove needs confirmation: run it in a terminal or add --yes")
        click.confirm(f"Remove {len(fact_ids)} fact(s)?", abort=True)
    click.echo(f"removed {remove_facts(store, list(fact_ids), reason=reason)} fact(s)")
