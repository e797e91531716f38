"""The on-disk cache between runs: what it keeps, where, and how an entry goes stale.

It keeps two things, each a pickle named by a digest of everything it depends on, so a stale
entry is never read (it is simply not found):

- ``rules``: compiled rule packs (patterns parsed by pyparsing and compiled by ``re``), keyed by
  the code version and every rule file's path, size and modification time;
- ``lexicon``: the names of a large store (20,000 names or more) as ``build_lexicon`` builds
  them, keyed by the store's fingerprint (which changes with every import, alias and merge) and
  the packs' titles. A :class:`~factcheck.checker.Checker` does not load a store that large
  (10,000 names or more) whole: it looks each document's names up in the store's names table.

The library caches nothing on disk unless it is handed a :class:`Cache`; the CLI hands it
``Cache.default()``. A cache that cannot be written (a read-only home) only costs time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Cache:
    """A folder of cached pickles; ``folder=None`` keeps nothing."""

    folder: Path | None

    @classmethod
    def default(cls) -> Cache:
        """``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return cls(Path(base) / "factcheck")

    def path(self, kind: str, key: Iterable[str]) -> Path | None:
        """Where the entry of ``kind`` for ``key`` (the strings it depends on) is kept."""
        if self.folder is None:
            return None
        digest = hashlib.sha256()
        for part in key:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return self.folder / f"{kind}-{digest.hexdigest()[:32]}.pickle"

    def read(self, kind: str, key: Iterable[str], expected: type):
        """The cached value when there is one of type ``expected``, else None."""
        path = self.path(kind, key)
        if path is None:
            return None
        try:
            with open(path, "rb") as handle:
                value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None
        return value if isinstance(value, expected) else None

    def write(self, kind: str, key: Iterable[str], value) -> None:
        """Write atomically, so a concurrent reader sees the old entry or the new one, never half."""
        path = self.path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            pass


#: Caches nothing: the library's default.
NO_CACHE = Cache(None)
