"""What every command shares: the --db and --rules options, the context they resolve to, date
parsing, and writing a report to standard output or a file."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from factcheck.cache import Cache
from factcheck.errors import InputError


class Context:
    """The store URL, rule pack folders and config file settings a command runs with."""

    def __init__(self, db: str | None, rules: tuple[str, ...], config: dict | None = None) -> None:
        self.db = db
        self.rules = rules
        self.config = config or {}

    def store(self):
        from factcheck.store.database import Store

        return Store(self.db)


def parse_date(ctx, param, value: str | None) -> date | None:
    """Option callback: YYYY-MM-DD as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def common_options(func):
    """--db and --rules on every command as well as on the group."""
    func = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False),
                        help="Add a rule pack folder (repeatable).")(func)
    func = click.option("--db", "db_url", default=None, metavar="URL",
                        help="SQLAlchemy URL of the fact store (default: $FACTCHECK_DB, "
                             "else the embedded SQLite store).")(func)
    return func


def make_context(db_url: str | None, rule_dirs: tuple[str, ...]) -> Context:
    """Options, then $FACTCHECK_DB, then the config file (factcheck.toml or [tool.factcheck])."""
    from factcheck.config import load_config

    parent = click.get_current_context().find_object(Context)
    config = load_config()
    db = db_url or (parent.db if parent else None)
    if not db and not os.environ.get("FACTCHECK_DB"):
        db = config.get("db")
    rules = tuple(config.get("rules", ())) + (parent.rules if parent else ()) + tuple(rule_dirs)
    return Context(db, rules, config)


def emit(text: str, output: str | None) -> None:
    """Write to standard output, or replace FILE whole (a failed write leaves it as it was)."""
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


def predicate_kinds(context: Context) -> dict[str, str]:
    """Each predicate of the loaded rule packs and its kind, as the store's imports take them."""
    from factcheck.rules.loader import load_rules

    return load_rules(context.rules, cache=Cache.default()).predicate_kinds()
