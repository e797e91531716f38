"""What every command shares: the --db and --rules options, the context they resolve to, date
parsing, and writing a report to standard output or a file."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

import click

from factcheck.cache import Cache
from factcheck.errors import InputError


#: Whether this process is the command line's own, started by :func:`factcheck.cli.main` (not a
#: program running the commands in its process): only then do the commands freeze the checker
#: they load (see :func:`freeze_loaded`).
OWN_PROCESS = False


def freeze_loaded() -> None:
    """Move every object alive out of reach of Python's cyclic garbage collector (``gc.freeze``),
    in a process that keeps its loaded checker to its end: the command line's own and its worker
    processes. A loaded checker (rules, grammars, lexicon) is over 100,000 objects; each full
    collection walks them all (some 60-80 ms), and reading a long text triggers several per
    megabyte. Frozen objects are still freed when nothing refers to them, but cyclic garbage among
    them never is: not for a program that builds and drops checkers."""
    gc.freeze()


class Context:
    """The store URL, rule pack folders and config file settings a command runs with."""

    def __init__(self, db: str | None, rules: tuple[str, ...], config: dict | None = None) -> None:
        self.db = db
        self.rules = rules
        self.config = config or {}

    def store(self, *, create_folder: bool | None = None):
        from factcheck.store.database import Store

        return Store(self.db, create_folder=create_folder)


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
        with replacing(output) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


@contextmanager
def replacing(output: str) -> Iterator[TextIO]:
    """A text stream whose content replaces the file ``output`` when the block ends without error.

    The stream writes a new file of a unique name in the target's folder, created exclusively
    (so never through a symlink planted there, and never one of the user's files), which is
    then renamed over the target: readers see the old file or the new one, never half of one,
    and a symlink at the target is replaced, not followed. On an error the temporary file is
    removed and the target is as it was.
    """
    target = Path(output)
    folder = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode) if target.is_file() else _new_file_mode()
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise InputError(f"cannot write {output}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
        raise


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the umask (read where the system
    shows it without changing it; 0o644 otherwise)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def predicate_kinds(context: Context) -> dict[str, str]:
    """Each predicate of the loaded rule packs and its kind, as the store's imports take them."""
    from factcheck.rules.loader import load_rules

    return load_rules(context.rules, cache=Cache.default()).predicate_kinds()
