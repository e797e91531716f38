"""The command line: a thin layer over the library. Each command parses its options, calls the
library, and turns factcheck's errors into one line on standard error with exit status 2.

Heavy modules (SQLAlchemy, pyparsing, pint) are imported inside the commands that use them,
so ``factcheck --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from factcheck.cache import Cache
from factcheck.errors import FactcheckError, InputError
from factcheck.report import FORMATS


class Context:
    def __init__(self, db: str | None, rules: tuple[str, ...], config: dict | None = None) -> None:
        self.db = db
        self.rules = rules
        self.config = config or {}

    def store(self):
        from factcheck.store.database import Store

        return Store(self.db)


def _parse_date(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def _common(func):
    """--db and --rules on every command as well as on the group."""
    func = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False),
                        help="Add a rule pack folder (repeatable).")(func)
    func = click.option("--db", "db_url", default=None, metavar="URL",
                        help="SQLAlchemy URL of the fact store (default: $FACTCHECK_DB, "
                             "else the embedded SQLite store).")(func)
    return func


def _context(db_url: str | None, rule_dirs: tuple[str, ...]) -> Context:
    """Options, then $FACTCHECK_DB, then the config file (factcheck.toml or [tool.factcheck])."""
    from factcheck.config import load_config

    parent = click.get_current_context().find_object(Context)
    config = load_config()
    db = db_url or (parent.db if parent else None)
    if not db and not os.environ.get("FACTCHECK_DB"):
        db = config.get("db")
    rules = tuple(config.get("rules", ())) + (parent.rules if parent else ()) + tuple(rule_dirs)
    return Context(db, rules, config)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0.1.0", prog_name="factcheck")
@_common
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, rule_dirs: tuple[str, ...]) -> None:
    """factcheck: check the claims of news articles against reference facts.

    \b
    Example:
        factcheck facts import fixtures/facts/*.jsonl
        factcheck verify article.txt --date 2023-10-25
    """
    ctx.obj = Context(db_url, tuple(rule_dirs))


# -- articles ------------------------------------------------------------------------------




def _run_batch(sources, published, jobs, scheduler, context: Context, extract_only: bool):
    """Results for every source; bad sources are reported on stderr and skipped."""
    from factcheck.batch import check_sources
    from factcheck.sources.reading import expand_sources

    expanded = expand_sources(sources)
    show_progress = len(expanded) >= 10 and sys.stderr.isatty()
    progress = None
    if show_progress:
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task("checking", total=len(expanded))
        bar.start()
        progress = lambda n: bar.advance(task, n)  # noqa: E731
    try:
        for result in check_sources(expanded, db=context.db, rule_dirs=context.rules, cache=Cache.default(),
                                    published=published, jobs=jobs, scheduler=scheduler,
                                    extract_only=extract_only, progress=progress):
            if result.error:
                click.echo(f"error: {result.error}", err=True)
            yield result
    finally:
        if show_progress:
            bar.stop()


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--date", "published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date (default: the page's metadata, a dateline, else today).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format (default: text, or the config file's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--fail-on", type=click.Choice(["contradicted", "unknown", "never"]), default=None,
              help="Exit 1 when a claim reaches this verdict (default: contradicted).")
@click.option("--quiet", is_flag=True, help="Text format: show only contradicted claims.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for many sources.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the batch on a Dask distributed scheduler (workers need the same store URL).")
@_common
def verify(sources, published, fmt, output, fail_on, quiet, jobs, scheduler, db_url, rule_dirs) -> None:
    """Extract the claims of each SOURCE and judge them against the fact store.

    SOURCE is a file (.txt, .md, .html), a folder, a glob, an http(s) URL or - for standard
    input. A source that cannot be read is reported and skipped; the run goes on and exits 2.

    \b
    Example:
        factcheck verify fixtures/articles/000_162457e0331d5697.txt --date 2023-10-25
        factcheck verify drafts/ --jobs 4 --format jsonl -o report.jsonl
    """
    from factcheck.report.build import dumps_line, report_json
    from factcheck.report.text import summary_line

    context = _context(db_url, rule_dirs)
    config = context.config
    fmt = fmt or config.get("format", "text")
    fail_on = fail_on or config.get("fail_on", "contradicted")
    if fmt not in FORMATS:
        raise InputError(f"config: format {fmt!r} is not one of {', '.join(FORMATS)}")
    documents, texts, skipped = [], {}, 0
    stream = None
    if fmt == "jsonl":
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for result in _run_batch(sources, published, jobs, scheduler, context, extract_only=False):
            if result.error:
                skipped += 1
                continue
            documents.append(result.document)
            texts[result.source] = result.text
            if stream is not None:
                stream.write(dumps_line(result.document))
                stream.flush()
    finally:
        if stream is not None and output:
            stream.close()
    report = report_json(documents)
    if fmt == "text":
        _print_text(documents, quiet, output, summary_line(documents, skipped))
    elif fmt != "jsonl":
        from factcheck.report import render

        rules = None
        if fmt == "sarif":
            from factcheck.report.formats import rule_metadata
            from factcheck.rules.loader import load_rules

            rules = rule_metadata(load_rules(context.rules, cache=Cache.default()))
        _emit(render(report, fmt, texts=texts, rules=rules), output)
    if skipped:
        sys.exit(2)
    failing = {"contradicted": {"contradicted"}, "unknown": {"contradicted", "unknown"},
               "never": set()}[fail_on]
    if any(c.get("verdict") in failing for doc in documents for c in doc["claims"]):
        sys.exit(1)


_STYLES = {"supported": "green", "contradicted": "bold red", "unknown": "yellow", "": ""}


def _print_text(documents: list[dict], quiet: bool, output: str | None, summary: str) -> None:
    from factcheck.report.text import text_lines

    lines = [pair for doc in documents for pair in text_lines(doc, quiet=quiet)]
    if output or not sys.stdout.isatty():
        _emit("".join(line + "\n" for _, line in lines) + summary + "\n", output)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for verdict, line in lines:
        console.print(Text(line, style=_STYLES.get(verdict, "")))
    console.print(Text(summary, style="bold"))


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--date", "published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date (default: the page's metadata, a dateline, else today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True)
@_common
def claims(sources, published, fmt, output, jobs, db_url, rule_dirs) -> None:
    """Extraction only: the assertions found in each SOURCE, without verdicts.

    \b
    Example:
        factcheck claims fixtures/articles/000_162457e0331d5697.txt --date 2023-10-25
    """
    from factcheck.report.build import dumps, report_json
    from factcheck.report.text import summary_line

    context = _context(db_url, rule_dirs)
    documents, skipped = [], 0
    for result in _run_batch(sources, published, jobs, None, context, extract_only=True):
        if result.error:
            skipped += 1
        else:
            documents.append(result.document)
    if fmt == "json":
        _emit(dumps(report_json(documents)), output)
    else:
        _print_text(documents, False, output, summary_line(documents, skipped))
    if skipped:
        sys.exit(2)


def _emit(text: str, output: str | None) -> None:
    if output:
        target = Path(output)
        temporary = target.with_name(target.name + ".tmp")
        try:
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, target)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror}") from None
    else:
        sys.stdout.write(text)


# -- reference facts -----------------------------------------------------------------------


@cli.group()
def facts() -> None:
    """Maintain the reference facts."""


@facts.command("import")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--pack", type=click.Choice(["world"]),
              help="Load a bundled pack: world = every country and every city above 100,000 people.")
@_common
def facts_import(files, pack, db_url, rule_dirs) -> None:
    """Load entities and facts from JSON Lines or CSV files, each file in one transaction.

    \b
    Example:
        factcheck facts import fixtures/facts/*.jsonl
        factcheck facts import --pack world
    """
    from factcheck.rules.loader import load_rules

    context = _context(db_url, rule_dirs)
    store = context.store()
    predicates = load_rules(context.rules, cache=Cache.default()).predicate_kinds()
    if not files and not pack:
        raise InputError("give fact files to import, or --pack world")
    if pack == "world":
        from factcheck.store.worldpack import world_records

        result = store.import_records(world_records(), predicates, origin="pack:world", kind="pack")
        click.echo(f"world pack: {result.facts_added} new facts ({result.facts_seen} in the pack), "
                   f"{result.entities_changed} entities added or changed")
    for name in files:
        result = store.import_file(name, predicates)
        click.echo(f"{name}: {result.facts_added} new facts ({result.facts_seen} in the file), "
                   f"{result.entities_changed} entities added or changed")


@facts.command("pull")
@click.argument("origin", type=click.Choice(["wikidata"]))
@click.argument("qids", nargs=-1)
@click.option("--sparql", "sparql_file", type=click.Path(exists=True, dir_okay=False),
              help="A SPARQL query file; every entity in its results is pulled.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False),
              help="Keep responses here and reuse them on the next pull.")
@click.option("--base-url", default="https://www.wikidata.org", show_default=True, hidden=True)
@click.option("--endpoint", default="https://query.wikidata.org/sparql", show_default=True, hidden=True)
@_common
def facts_pull(origin, qids, sparql_file, cache_dir, base_url, endpoint, db_url, rule_dirs) -> None:
    """Pull entities and facts from Wikidata (offices with their dates, capitals, populations, ...).

    \b
    Example:
        factcheck facts pull wikidata Q15031 Q6279
        factcheck facts pull wikidata --sparql heads-of-state.rq --cache ~/.cache/factcheck
    """
    from pathlib import Path as _Path

    from factcheck.store.wikidata import pull, pull_sparql

    context = _context(db_url, rule_dirs)
    if not qids and not sparql_file:
        raise InputError("give Wikidata ids (Q15031 ...) or --sparql FILE")
    cache = _Path(cache_dir) if cache_dir else None
    records = []
    if qids:
        records += pull(list(qids), base_url=base_url, cache_dir=cache)
    if sparql_file:
        query = _Path(sparql_file).read_text(encoding="utf-8")
        records += pull_sparql(query, endpoint=endpoint, base_url=base_url, cache_dir=cache)
    result = context.store().import_records(records, _predicates(context), origin=f"{origin}:{' '.join(qids) or sparql_file}",
                                            kind="pull")
    click.echo(f"{origin}: {result.facts_added} new facts ({result.facts_seen} pulled), "
               f"{result.entities_changed} entities added or changed")


@facts.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="csv holds facts only; jsonl holds entities and facts.")
@_common
def facts_export(output, fmt, db_url, rule_dirs) -> None:
    """Everything in the store, in the interchange format.

    \b
    Example:
        factcheck facts export -o backup.jsonl
    """
    import csv
    import io
    import json

    from factcheck.store.interchange import FACT_FIELDS

    store = _context(db_url, rule_dirs).store()
    records = store.export_records()
    if fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        columns = ["subject", "predicate", "object", "value", "unit", "valid_from", "valid_until",
                   "as_of", "source", "note", "rank"]
        assert set(columns) <= FACT_FIELDS
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for record in records:
            if record["kind"] == "fact":
                writer.writerow({k: record.get(k, "") for k in columns})
        text = buffer.getvalue()
    _emit(text, output)


def _predicates(context: Context) -> dict[str, str]:
    from factcheck.rules.loader import load_rules

    return load_rules(context.rules, cache=Cache.default()).predicate_kinds()


def _print_facts(rows, fmt: str) -> None:
    import json

    from factcheck.store.maintenance import fact_record

    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, **fact_record(r)} for r in rows], indent=2,
                              ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("id", "subject", "predicate", "object / value", "valid", "as of", "source"):
        table.add_column(column, overflow="fold")
    for r in rows:
        value = r.object if r.object else f"{r.value}{' ' + r.unit if r.unit else ''}"
        valid = f"{r.valid_from or '…'} – {r.valid_until or '…'}" if (r.valid_from or r.valid_until) else ""
        table.add_row(str(r.id), r.subject, r.predicate, str(value), valid, r.as_of or "",
                      r.source or "")
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
@_common
def facts_add(subject, predicate, object_ref, value, unit, valid_from, valid_until, as_of, source,
              note, rank, db_url, rule_dirs) -> None:
    """Add one fact; SUBJECT and OBJECT are entity ids, names or aliases.

    \b
    Example:
        factcheck facts add "Marco Rubio" holds_office secretary-of-state-of-the-united-states \\
            --from 2025-01-21 --source https://www.state.gov/biographies/marco-rubio/
    """
    from factcheck.store.maintenance import resolve_entity

    context = _context(db_url, rule_dirs)
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
    result = store.import_records([record], _predicates(context), origin="facts add", kind="command")
    click.echo("added 1 fact" if result.facts_added else "the store already has this fact")


def _literal(text: str):
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
@click.option("--valid-on", callback=_parse_date, metavar="YYYY-MM-DD", help="Only facts valid that day.")
@click.option("--limit", type=int)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_common
def facts_list(subject, predicate, entity_type, source, valid_on, limit, fmt, db_url, rule_dirs) -> None:
    """List facts, filtered.

    \b
    Example:
        factcheck facts list --subject "Wang Yi" --predicate holds_office --valid-on 2023-03-01
    """
    from factcheck.store.maintenance import list_facts

    store = _context(db_url, rule_dirs).store()
    _print_facts(list_facts(store, subject=subject, predicate=predicate, entity_type=entity_type,
                            source=source, valid_on=valid_on, limit=limit), fmt)


@facts.command("show")
@click.argument("fact_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_common
def facts_show(fact_id, fmt, db_url, rule_dirs) -> None:
    """One fact with its provenance and history.

    \b
    Example:
        factcheck facts show 17
    """
    import json

    from factcheck.store.maintenance import fact_history, fact_record, get_fact

    store = _context(db_url, rule_dirs).store()
    fact = get_fact(store, fact_id)
    data = {"id": fact.id, **fact_record(fact), "history": fact_history(store, fact_id)}
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key, value in data.items():
        if key != "history":
            click.echo(f"{key}: {value}")
    for event in data["history"]:
        click.echo(f"  {event['at']} {event['action']} by {event.get('actor') or '?'}"
                   + (f" from {event['origin']}" if event.get("origin") else ""))


@facts.command("history")
@click.argument("fact_id", type=int)
@_common
def facts_history(fact_id, db_url, rule_dirs) -> None:
    """Who brought a fact, and every change since (also for removed facts).

    \b
    Example:
        factcheck facts history 17
    """
    import json

    from factcheck.store.maintenance import fact_history

    for event in fact_history(_context(db_url, rule_dirs).store(), fact_id):
        click.echo(json.dumps(event, ensure_ascii=False, sort_keys=True))


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
@_common
def facts_edit(fact_id, object_ref, value, unit, valid_from, valid_until, as_of, source, note, rank,
               db_url, rule_dirs) -> None:
    """Change fields of a fact (the change is kept in its history).

    \b
    Example:
        factcheck facts edit 17 --source https://www.gov.cn/ --rank preferred
    """
    from factcheck.store.maintenance import edit_fact

    context = _context(db_url, rule_dirs)
    changes = {key: item for key, item in (
        ("object", object_ref), ("value", _literal(value) if value else None), ("unit", unit),
        ("valid_from", valid_from), ("valid_until", valid_until), ("as_of", as_of),
        ("source", source), ("note", note), ("rank", rank)) if item is not None}
    if not changes:
        raise InputError("nothing to change: give at least one option")
    edit_fact(context.store(), fact_id, changes, _predicates(context))
    click.echo(f"fact #{fact_id} changed")


@facts.command("retire")
@click.argument("fact_id", type=int)
@click.option("--on", "day", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Last day the fact holds (default: today).")
@_common
def facts_retire(fact_id, day, db_url, rule_dirs) -> None:
    """End a fact's validity and keep it (history and past verdicts stay right).

    \b
    Example:
        factcheck facts retire 17 --on 2025-01-20
    """
    from factcheck.store.maintenance import retire_fact

    context = _context(db_url, rule_dirs)
    fact = retire_fact(context.store(), fact_id, day or date.today(), _predicates(context))
    click.echo(f"fact #{fact_id} now holds until {fact.valid_until}")


@facts.command("remove")
@click.argument("fact_ids", nargs=-1, type=int, required=True)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@_common
def facts_remove(fact_ids, yes, db_url, rule_dirs) -> None:
    """Delete facts (their history keeps what they were). Asks first unless --yes.

    \b
    Example:
        factcheck facts remove 17 18 --yes
    """
    from factcheck.store.maintenance import remove_facts

    store = _context(db_url, rule_dirs).store()
    if not yes:
        if not sys.stdin.isatty():
            raise InputError("remove needs confirmation: run it in a terminal or add --yes")
        click.confirm(f"Remove {len(fact_ids)} fact(s)?", abort=True)
    click.echo(f"removed {remove_facts(store, list(fact_ids))} fact(s)")


@cli.group()
def entities() -> None:
    """Maintain the entities facts are about."""


@entities.command("add")
@click.argument("entity_id")
@click.option("--name", required=True)
@click.option("--type", "entity_type", required=True)
@click.option("--alias", "aliases", multiple=True)
@click.option("--demonym", "demonyms", multiple=True)
@click.option("--title", help="Offices: the title (President, Foreign Minister).")
@click.option("--jurisdiction", help="Offices: the entity whose office it is.")
@click.option("--seats", type=int, help="Offices: holders at a time (default 1).")
@_common
def entities_add(entity_id, name, entity_type, aliases, demonyms, title, jurisdiction, seats,
                 db_url, rule_dirs) -> None:
    """Add or update an entity.

    \b
    Example:
        factcheck entities add olaf-scholz --name "Olaf Scholz" --type person --alias Scholz
    """
    context = _context(db_url, rule_dirs)
    record = {"kind": "entity", "id": entity_id, "name": name, "type": entity_type,
              "aliases": list(aliases), "demonyms": list(demonyms)}
    for key, item in (("title", title), ("jurisdiction", jurisdiction), ("seats", seats)):
        if item is not None:
            record[key] = item
    result = context.store().import_records([record], _predicates(context), origin="entities add")
    click.echo(f"{entity_id}: {'saved' if result.entities_changed else 'unchanged'}")


@entities.command("alias")
@click.argument("entity")
@click.argument("aliases", nargs=-1, required=True)
@click.option("--demonym", is_flag=True, help="The texts are demonyms (Chinese, American).")
@_common
def entities_alias(entity, aliases, demonym, db_url, rule_dirs) -> None:
    """Add ways an entity is written.

    \b
    Example:
        factcheck entities alias china "Middle Kingdom"
    """
    from factcheck.store.maintenance import add_aliases

    added = add_aliases(_context(db_url, rule_dirs).store(), entity, list(aliases),
                        kind="demonym" if demonym else "alias")
    click.echo(f"added {added} alias(es)")


@entities.command("list")
@click.option("--type", "entity_type")
@click.option("--name", help="Only entities whose name or id contains this text.")
@click.option("--limit", type=int)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_common
def entities_list(entity_type, name, limit, fmt, db_url, rule_dirs) -> None:
    """List entities.

    \b
    Example:
        factcheck entities list --type office
    """
    import json

    from factcheck.store.maintenance import list_entities

    rows = list_entities(_context(db_url, rule_dirs).store(), entity_type=entity_type, name=name,
                         limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in ("id", "name", "type"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["id"], row["name"], row["type"])
    Console().print(table)


@entities.command("show")
@click.argument("entity")
@_common
def entities_show(entity, db_url, rule_dirs) -> None:
    """One entity, its aliases and how many facts name it.

    \b
    Example:
        factcheck entities show "Wang Yi"
    """
    import json

    from factcheck.store.maintenance import show_entity

    click.echo(json.dumps(show_entity(_context(db_url, rule_dirs).store(), entity), indent=2,
                          ensure_ascii=False))


@entities.command("merge")
@click.argument("source")
@click.argument("target")
@_common
def entities_merge(source, target, db_url, rule_dirs) -> None:
    """Fold SOURCE into TARGET: facts and aliases move, SOURCE's name becomes an alias.

    \b
    Example:
        factcheck entities merge prc china
    """
    from factcheck.store.maintenance import merge_entities

    moved = merge_entities(_context(db_url, rule_dirs).store(), source, target)
    click.echo(f"moved {moved['facts']} fact(s) and {moved['aliases']} alias(es) into {target}")


# -- database ------------------------------------------------------------------------------


@cli.group()
def db() -> None:
    """Create, migrate and inspect the fact store."""


@db.command("init")
@_common
def db_init(db_url, rule_dirs) -> None:
    """Create the store (or bring it to the current schema).

    \b
    Example:
        factcheck --db sqlite:///facts.db db init
    """
    store = _context(db_url, rule_dirs).store()
    store.ensure_schema()
    click.echo(f"store ready at {store.url} (schema {store.current_revision()})")


@db.command("upgrade")
@click.argument("revision", default="head")
@_common
def db_upgrade(revision, db_url, rule_dirs) -> None:
    """Apply the Alembic migrations up to REVISION (default: head).

    \b
    Example:
        factcheck db upgrade
    """
    store = _context(db_url, rule_dirs).store()
    store.upgrade(revision)
    click.echo(f"store at {store.url} is at schema {store.current_revision()}")


@db.command("check")
@_common
def db_check(db_url, rule_dirs) -> None:
    """The store's integrity check: storage, dangling references, overlapping office holders.

    Exit status 1 when it finds errors; warnings alone exit 0.

    \b
    Example:
        factcheck db check
    """
    report = _context(db_url, rule_dirs).store().check()
    for line in report["errors"]:
        click.echo(f"error: {line}")
    for line in report["warnings"]:
        click.echo(f"warning: {line}")
    click.echo(f"{len(report['errors'])} error(s), {len(report['warnings'])} warning(s)")
    if report["errors"]:
        sys.exit(1)


@db.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_common
def db_stats(fmt, db_url, rule_dirs) -> None:
    """Counts of entities, aliases, facts and imports.

    \b
    Example:
        factcheck db stats --format json
    """
    import json

    stats = _context(db_url, rule_dirs).store().stats()
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


# -- rules ---------------------------------------------------------------------------------


@cli.group()
def rules() -> None:
    """List, check and explain the rule packs."""


@rules.command("list")
@_common
def rules_list(db_url, rule_dirs) -> None:
    """Every claim pattern and predicate of the loaded packs.

    \b
    Example:
        factcheck rules list --rules my-pack/
    """
    from factcheck.rules.loader import load_rules

    loaded = load_rules(_context(db_url, rule_dirs).rules, cache=Cache.default())
    for rule in loaded.patterns:
        click.echo(f"{rule.id}: {rule.description}")
    for name, spec in sorted(loaded.predicates.items()):
        click.echo(f"predicate {name} ({spec.kind}): {spec.description}")


@rules.command("check")
@_common
def rules_check(db_url, rule_dirs) -> None:
    """Load every pack and run each rule's own examples, in the packs' example world (not the store).

    \b
    Example:
        factcheck rules check --rules my-pack/
    """
    from factcheck.rulecheck import check_examples
    from factcheck.rules.loader import load_rules

    context = _context(db_url, rule_dirs)
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
@_common
def rules_explain(rule_id, db_url, rule_dirs) -> None:
    """Show one rule: where it is, its pattern, what it asserts and its examples.

    \b
    Example:
        factcheck rules explain office.appositive
    """
    from factcheck.rules.loader import load_rules

    loaded = load_rules(_context(db_url, rule_dirs).rules, cache=Cache.default())
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


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="factcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(2)
    except FactcheckError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(2)
