"""The user's cache folder for compiled rule packs and lexicons.

Entries are named by a digest of everything they depend on, so a stale entry is never read;
a cache that cannot be written (a read-only home) only costs time.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def read_pickle(path: Path):
    """The cached value, or None when there is none (or it was written by another version)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None


def write_pickle(path: Path, value) -> None:
    """Write atomically, so a concurrent reader sees the old entry or the new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass
