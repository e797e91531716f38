"""The command line: a thin layer over the library. Each command parses its options, calls the
library, and turns factcheck's errors into one line on standard error with exit status 2.

The commands live in one module per group (``articles`` holds ``verify`` and ``claims``); what
they share is in ``common``. Heavy modules (SQLAlchemy, pyparsing, pint) are imported inside the
commands that use them, so ``factcheck --help`` starts fast.
"""

from __future__ import annotations

import sys

import click

from factcheck.cli import articles, db, entities, facts, rules
from factcheck.cli.common import Context, common_options
from factcheck.errors import FactcheckError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0.1.0", prog_name="factcheck")
@common_options
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, rule_dirs: tuple[str, ...]) -> None:
    """factcheck: check the claims of news articles against reference facts.

    \b
    Example:
        factcheck facts import fixtures/facts/*.jsonl
        factcheck verify article.txt --date 2023-10-25
    """
    ctx.obj = Context(db_url, tuple(rule_dirs))


cli.add_command(articles.verify)
cli.add_command(articles.claims)
cli.add_command(articles.schema)
cli.add_command(facts.facts)
cli.add_command(entities.entities)
cli.add_command(db.db)
cli.add_command(rules.rules)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; a usage or input error exits with status 2 and a message, not a traceback."""
    from factcheck.cli import common

    common.OWN_PROCESS = True
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
        from factcheck.report.text import printable

        click.echo(f"error: {printable(str(exc), keep_newlines=True)}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(2)
