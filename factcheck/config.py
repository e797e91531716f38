"""Project defaults from ``factcheck.toml`` or the ``[tool.factcheck]`` table of ``pyproject.toml``.

The nearest file in the current folder or its parents wins. Keys: ``db`` (a SQLAlchemy URL),
``rules`` (rule pack folders, relative to the file), ``fail_on``, ``format``, ``select`` and
``ignore`` (rule ids or globs such as ``"trade.*"``), ``levels`` (a table verdict -> error,
warning, note or none, for the SARIF and GitHub formats), ``rule_docs_url`` (the page of each
rule's documentation, ``{rule}`` standing for its id: SARIF's helpUri), ``allow_private_urls``
(true, or a list of networks such as ``"10.1.0.0/16"``, that URLs may reach), ``time_budget``
(seconds one source may take, 0 for no limit), and for ClaimReview ``review_url`` (a template,
see ``verify --review-url``), ``reviewer`` and ``reviewer_url`` (who reviews), ``publisher`` and
``publisher_url`` (who publishes the reviews). Command-line
options and ``$FACTCHECK_DB`` take precedence. A key of the wrong type or value is an error
naming the file and the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from factcheck.errors import InputError

KEYS = {"db", "rules", "fail_on", "format", "select", "ignore", "levels", "rule_docs_url",
        "allow_private_urls", "time_budget", "review_url", "reviewer", "reviewer_url", "publisher",
        "publisher_url"}
FAIL_ON = ("contradicted", "unknown", "never")


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "factcheck.toml"
        if own.is_file():
            return own, _read(own)
        project = candidate / "pyproject.toml"
        if project.is_file():
            table = _read(project).get("tool", {}).get("factcheck")
            if table is not None:
                return project, table
    return None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read config {path}: {exc}") from None
    except RecursionError:
        raise InputError(f"cannot read config {path}: nested too deeply") from None


def load_config(start: Path | None = None) -> dict:
    found = find_config(start)
    if found is None:
        return {}
    path, table = found
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise InputError(f"config {path}: unknown key '{unknown[0]}' (known: {', '.join(sorted(KEYS))})")
    config = dict(table)
    if "rules" in config:
        rules = config["rules"]
        if isinstance(rules, str):
            rules = [rules]
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise InputError(f"config {path}: 'rules' must be a folder or a list of folders")
        config["rules"] = [str((path.parent / r).resolve()) for r in rules]
    for key in ("select", "ignore"):
        if key in config:
            patterns = [config[key]] if isinstance(config[key], str) else config[key]
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise InputError(f"config {path}: '{key}' must be a rule id, a glob or a list of them")
            config[key] = patterns
    if "levels" in config:
        from factcheck.report.github import parse_levels

        if not isinstance(config["levels"], dict):
            raise InputError(f"config {path}: 'levels' must be a table such as {{unknown = \"note\"}}")
        config["levels"] = parse_levels(config["levels"], f"config {path}: levels")
    _check_values(path, config)
    return config


def _check_values(path: Path, config: dict) -> None:
    from factcheck.report import FORMATS

    db = config.get("db")
    if db is not None and (not isinstance(db, str) or not db.strip()):
        raise InputError(f"config {path}: 'db' must be a database URL in quotes, not {db!r}")
    for key, choices in (("fail_on", FAIL_ON), ("format", FORMATS)):
        value = config.get(key)
        if value is not None and value not in choices:
            raise InputError(f"config {path}: '{key}' must be one of {', '.join(choices)}, "
                             f"not {value!r}")
    for key in ("review_url", "reviewer", "reviewer_url", "publisher", "publisher_url"):
        if key in config and (not isinstance(config[key], str) or not config[key].strip()):
            raise InputError(f"config {path}: '{key}' must be a non-empty string, not {config[key]!r}")
    budget = config.get("time_budget")
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, (int, float))
                               or not 0 <= budget < float("inf")):
        raise InputError(f"config {path}: 'time_budget' must be a number of seconds (0 for none), "
                         f"not {budget!r}")
    allow = config.get("allow_private_urls")
    if allow is not None and not isinstance(allow, bool):
        from factcheck.sources.addresses import AddressPolicy

        if not isinstance(allow, list) or not all(isinstance(n, str) for n in allow):
            raise InputError(f"config {path}: 'allow_private_urls' must be true, false or a list "
                             f"of networks such as \"10.1.0.0/16\", not {allow!r}")
        try:
            AddressPolicy(allow)
        except ValueError as exc:
            raise InputError(f"config {path}: 'allow_private_urls': {exc}") from None
