"""Commands on articles: ``verify`` (claims and verdicts) and ``claims`` (extraction only)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from factcheck.cache import Cache
from factcheck.cli import common
from factcheck.cli.common import Context, common_options, emit, make_context, parse_date, replacing
from factcheck.cli.lint import IGNORE, SELECT, ClaimFilter, lint_options, paint, use_colour
from factcheck.errors import InputError
from factcheck.report import FORMATS
from factcheck.report.text import printable


def _run_batch(sources, published, jobs, scheduler, context: Context, extract_only: bool,
               allow_private_urls: bool = False, time_budget: float | None = None):
    """Results for every source; bad sources are reported on stderr and skipped, and sources cut
    short by the time budget reported on stderr (their documents say so too)."""
    from factcheck.batch import check_sources
    from factcheck.sources.reading import expand_sources

    expanded = expand_sources(sources)
    context.store().engine      # a store URL that cannot be opened is one error, not one per source
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
                                    extract_only=extract_only, progress=progress,
                                    allow_private_urls=allow_private_urls
                                    or context.config.get("allow_private_urls", False),
                                    time_budget=_time_budget(time_budget, context),
                                    after_load=common.freeze_loaded if common.OWN_PROCESS else None):
            if result.error:
                click.echo(f"error: {printable(result.error)}", err=True)
            elif incomplete := result.document.get("incomplete"):
                click.echo(f"error: {printable(result.source)}: not fully checked: {incomplete['reason']} "
                           f"at line {incomplete['line']}; claims from there on are missing "
                           f"(raise it with --time-budget SECONDS, 0 for none)", err=True)
            yield result
    finally:
        if show_progress:
            bar.stop()


#: Seconds one source may take before it is reported as not fully checked.
DEFAULT_TIME_BUDGET = 60.0

_TIME_BUDGET = click.option(
    "--time-budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help=f"Stop checking a source after this long and report it as not fully checked (exit 2; "
         f"the other sources go on). Default: the config's time_budget, else {DEFAULT_TIME_BUDGET:g}; "
         f"0 for none.")


def _time_budget(option: float | None, context: Context) -> float | None:
    budget = option if option is not None else context.config.get("time_budget", DEFAULT_TIME_BUDGET)
    return budget or None


def _review_options(func):
    """The options of --format claimreview: where the reviews are published and by whom."""
    options = [
        click.option("--review-url", metavar="TEMPLATE",
                     help="ClaimReview: where each review is published, e.g. "
                          "'https://desk.example/checks/{doc}#{claim}' ({doc}: the article's name, "
                          "{n}: its number, {claim}: the claim id). Config: review_url."),
        click.option("--reviewer", metavar="NAME", help="ClaimReview author (config: reviewer; default factcheck)."),
        click.option("--claim-author", metavar="NAME",
                     help="ClaimReview: who made the claims, the article's publisher (default: the "
                          "site of a URL source)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _review(config: dict, review_url, reviewer, claim_author) -> dict:
    from factcheck.report.formats import check_review_url

    options: dict = {}
    template = review_url or config.get("review_url")
    if template:
        options["url"] = check_review_url(template)
    options["author_name"] = reviewer or config.get("reviewer") or "factcheck"
    if config.get("reviewer_url"):
        options["author_url"] = config["reviewer_url"]
    if config.get("publisher"):
        options["publisher"] = {"name": config["publisher"],
                                **({"url": config["publisher_url"]} if config.get("publisher_url") else {})}
    if claim_author:
        options["claim_author"] = claim_author
    return options


_ALLOW_PRIVATE_URLS = click.option(
    "--allow-private-urls", is_flag=True,
    help="Let URLs reach loopback, private and link-local addresses (refused by default: a URL "
         "from a feed must not read your own network).")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--date", "published", callback=parse_date, metavar="YYYY-MM-DD",
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
@_TIME_BUDGET
@_ALLOW_PRIVATE_URLS
@_review_options
@lint_options
@common_options
def verify(sources, published, fmt, output, fail_on, quiet, jobs, scheduler, time_budget, allow_private_urls,
           review_url, reviewer, claim_author, select, ignore, baseline, write_baseline, stdin_filename, levels,
           color, db_url, rule_dirs) -> None:
    """Extract the claims of each SOURCE and judge them against the fact store.

    SOURCE is a file (.txt, .md, .html), a folder, a glob, an http(s) URL or - for standard
    input. A source that cannot be read is reported and skipped, and one that takes longer than
    the time budget is reported as not fully checked; the run goes on and exits 2.

    \b
    Example:
        factcheck verify fixtures/articles/000_162457e0331d5697.txt --date 2023-10-25
        factcheck verify drafts/ --jobs 4 --format jsonl -o report.jsonl
        factcheck verify news/ --ignore 'trade.*' --baseline .factcheck-baseline.json
        cat draft.md | factcheck verify - --stdin-filename draft.md --format github
    """
    from factcheck.report.build import dumps_line, report_json
    from factcheck.report.text import summary_line

    context = make_context(db_url, rule_dirs)
    config = context.config
    fmt = fmt or config.get("format", "text")
    fail_on = fail_on or config.get("fail_on", "contradicted")
    if fmt not in FORMATS:
        raise InputError(f"config: format {fmt!r} is not one of {', '.join(FORMATS)}")
    from factcheck.report.github import DEFAULT_LEVELS, parse_levels

    levels = {**DEFAULT_LEVELS, **config.get("levels", {}), **parse_levels(levels, "--level")}
    review = _review(config, review_url, reviewer, claim_author) if fmt == "claimreview" else None
    claim_filter = ClaimFilter(config, lambda: _rule_ids(context), select=select, ignore=ignore,
                               baseline=baseline, stdin_filename=stdin_filename)
    sources = claim_filter.spool_stdin(sources)
    documents, texts, skipped, to_accept, cut_short = [], {}, 0, [], 0
    stream = None
    with contextlib.ExitStack() as outputs:
        if fmt == "jsonl":
            stream = outputs.enter_context(replacing(output)) if output else sys.stdout
        for result in _run_batch(sources, published, jobs, scheduler, context, extract_only=False,
                                 allow_private_urls=allow_private_urls, time_budget=time_budget):
            if result.error:
                skipped += 1
                continue
            cut_short += "incomplete" in result.document
            document = claim_filter.apply(result)
            if write_baseline:
                to_accept.append(claim_filter.apply(result, with_baseline=False)
                                 if baseline else document)
            documents.append(document)
            texts[document["source"]] = result.text
            if stream is not None:
                stream.write(dumps_line(document))
                stream.flush()
    _warn_about_context(documents, context, judged=True)
    report = report_json(documents)
    if fmt == "text":
        _print_text(documents, quiet, output, summary_line(documents, skipped), color)
    elif fmt != "jsonl":
        from factcheck.report import render

        rules = None
        if fmt == "sarif":
            from factcheck.report.formats import rule_metadata
            from factcheck.rules.loader import load_rules

            rules = rule_metadata(load_rules(context.rules, cache=Cache.default()),
                                  docs_url=config.get("rule_docs_url"))
            # A verdict at level none is not reported, except supported claims: passing results.
            levels = {v: level for v, level in levels.items() if level != "none" or v == "supported"}
        originals = None
        if fmt == "sarif":
            from factcheck.cli.lint import html_page

            originals = {d["source"]: page for d in documents if (page := html_page(d["source"])) is not None}
        emit(render(report, fmt, texts=texts, rules=rules, levels=levels, base=Path.cwd(), review=review,
                    originals=originals), output)
    if skipped or cut_short:
        sys.exit(2)
    if write_baseline:
        from factcheck.report.baseline import baseline_json

        emit(baseline_json(to_accept), write_baseline)
        return
    failing = {"contradicted": {"contradicted"}, "unknown": {"contradicted", "unknown"},
               "never": set()}[fail_on]
    if any(c.get("verdict") in failing for doc in documents for c in doc["claims"]):
        sys.exit(1)


def _warn_about_context(documents: list[dict], context: Context, *, judged: bool) -> None:
    """Warnings on standard error where the judgement rests on weak ground: a publication date
    that is only today's, a store with no facts, or none for the article's claims."""
    for document in documents:
        if document.get("published_from") == "today":
            click.echo(f"warning: {printable(document['source'])}: no publication date found (no --date, "
                       f"page metadata or dateline), so claims are read as of today, "
                       f"{document['published']}; pass --date YYYY-MM-DD for an older article", err=True)
    blind = [d for d in documents if judged and d["claims"] and not any(c.get("evidence") for c in d["claims"])]
    if not blind:
        return
    store = context.store()
    if store.stats()["facts"] == 0:
        click.echo(f"warning: the store {printable(store.url)} holds no facts, so every claim is unknown "
                   f"(load some with factcheck facts import FILE, or --pack world)", err=True)
        return
    for document in blind:
        click.echo(f"warning: {printable(document['source'])}: none of its {len(document['claims'])} "
                   f"claims found a fact in the store {printable(store.url)}; is --db the store you meant?",
                   err=True)


def _rule_ids(context: Context) -> list[str]:
    from factcheck.rules.loader import load_rules

    return [rule.id for rule in load_rules(context.rules, cache=Cache.default()).patterns]


def _print_text(documents: list[dict], quiet: bool, output: str | None, summary: str,
                color: str = "auto") -> None:
    """Linter-style lines and the summary; the verdict words coloured when ``color`` says so
    (never in a file)."""
    from factcheck.report.text import text_lines

    colour = not output and use_colour(color, sys.stdout)
    lines = [line for doc in documents for _, line in text_lines(doc, quiet=quiet,
                                                                   paint=paint if colour else None)]
    emit("".join(line + "\n" for line in lines) + summary + "\n", output)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--date", "published", callback=parse_date, metavar="YYYY-MM-DD",
              help="Publication date (default: the page's metadata, a dateline, else today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True)
@_TIME_BUDGET
@_ALLOW_PRIVATE_URLS
@SELECT
@IGNORE
@common_options
def claims(sources, published, fmt, output, jobs, time_budget, allow_private_urls, select, ignore, db_url,
           rule_dirs) -> None:
    """Extraction only: the assertions found in each SOURCE, without verdicts. Rules selected and
    ignored (options, else the config file) and inline ignore comments apply as for verify.

    \b
    Example:
        factcheck claims fixtures/articles/000_162457e0331d5697.txt --date 2023-10-25
        factcheck claims drafts/ --select 'office.*' --format json
    """
    from factcheck.report.build import dumps, report_json
    from factcheck.report.text import summary_line

    context = make_context(db_url, rule_dirs)
    claim_filter = ClaimFilter(context.config, lambda: _rule_ids(context), select=select, ignore=ignore)
    documents, skipped = [], 0
    for result in _run_batch(sources, published, jobs, None, context, extract_only=True,
                             allow_private_urls=allow_private_urls, time_budget=time_budget):
        if result.error:
            skipped += 1
        else:
            documents.append(claim_filter.apply(result))
    _warn_about_context(documents, context, judged=False)
    if fmt == "json":
        emit(dumps(report_json(documents)), output)
    else:
        _print_text(documents, False, output, summary_line(documents, skipped))
    if skipped or any("incomplete" in document for document in documents):
        sys.exit(2)


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the schema to FILE.")
def schema(output) -> None:
    """The JSON Schema (draft 2020-12) of the report of ``verify --format json``.

    \b
    Example:
        factcheck schema -o report.schema.json
    """
    from factcheck.report.build import dumps, report_schema

    emit(dumps(report_schema()), output)
