"""Where the rule packs, the reference data tables and the migrations are, installed or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


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
