"""Where the store is and who changes it: the database URL from an option, ``$FACTCHECK_DB``
or the embedded default, and the actor that history records."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FACTCHECK_DB"


def current_actor() -> str:
    """Who is changing the store: $FACTCHECK_ACTOR, else the login name."""
    if os.environ.get("FACTCHECK_ACTOR"):
        return os.environ["FACTCHECK_ACTOR"]
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def default_db_path() -> Path:
    """The embedded store: ``$XDG_DATA_HOME/factcheck/facts.db`` (``~/.local/share/factcheck/facts.db``)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "factcheck" / "facts.db"


def resolve_db_url(url: str | None = None) -> str:
    """``url``, else ``$FACTCHECK_DB``, else the embedded SQLite store."""
    if url:
        return url
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return f"sqlite:///{default_db_path()}"


__all__ = ["ENV_VAR", "current_actor", "default_db_path", "resolve_db_url"]
