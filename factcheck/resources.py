"""Where the rule packs, the reference data tables and the migrations are, installed or in a
checkout; the bundled lexicon files as data."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any


def _data_dir(name: str) -> Path:
    installed = Path(str(resources.files("factcheck"))) / "_data" / name
    if installed.is_dir():
        return installed
    # A checkout or an editable install: the folders sit beside the package.
    return Path(__file__).resolve().parent.parent / name


def rules_dir() -> Path:
    return _data_dir("rules")


def data_dir() -> Path:
    """The reference data tables the packs and pulls are built with (``data/`` in a checkout)."""
    return _data_dir("data")


def migrations_dir() -> Path:
    return _data_dir("db")


@functools.cache
def lexicon_file(name: str) -> dict[str, Any]:
    """The bundled pack's ``lexicon/<name>.toml`` as parsed TOML, read once per process.

    For the text analysis, whose word tables (hedges, units, currencies) live there: the rule
    loader checks the same files when it loads the pack. The result is shared: read it, never
    change it.
    """
    return tomllib.loads((rules_dir() / "lexicon" / f"{name}.toml").read_text(encoding="utf-8"))
