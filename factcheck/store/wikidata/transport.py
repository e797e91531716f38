"""Reading Wikidata over HTTP: JSON by URL, with retries, backoff and an optional on-disk cache.

Takes URLs; gives parsed JSON, or raises :class:`WikidataError` naming the URL and the status.
A descriptive User-Agent, timeouts (connect 10 s, read 30 s), up to ``max_retries`` attempts per
URL with exponential backoff on 429, 5xx and transport errors, honouring ``Retry-After``
(seconds or an HTTP date); any other 4xx fails at once. With a cache folder every response body
is kept under ``sha256(url)`` and reused without a request. ``httpx`` is imported where it is
used, so importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import FactcheckError

if TYPE_CHECKING:  # httpx is imported where it is used, so the CLI starts fast
    import httpx

USER_AGENT = "factcheck/0.1.0 (https://github.com/factcheck/factcheck; reference-fact import)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_RETRY_AFTER = 600.0         # never sleep longer than this on one Retry-After

#: Pauses between attempts go through this name, so they can be recorded instead of waited.
pause = time.sleep


class WikidataError(FactcheckError):
    """Wikidata could not be read: an HTTP error after the retries, a transport error, bad JSON.

    ``url`` and ``status`` (None for a transport error) say which request failed.
    """

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        self.url = url
        self.status = status
        super().__init__(message)


class Http:
    """GETs JSON with retries, backoff and an optional on-disk cache; owns its client if it made it."""

    def __init__(self, client: httpx.Client | None, cache_dir: Path | None, max_retries: int,
                 backoff: float) -> None:
        self.client = client
        self.owned = client is None
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.attempts = max(1, int(max_retries))
        self.backoff = max(0.0, float(backoff))

    def __enter__(self) -> "Http":
        if self.client is None:
            import httpx

            self.client = httpx.Client(
                headers={"User-Agent": USER_AGENT},
                timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
                follow_redirects=True,
            )
        return self

    def __exit__(self, *exc_info) -> None:
        if self.owned and self.client is not None:
            self.client.close()
            self.client = None

    def _cache_path(self, url: str) -> Path | None:
        """Where the response to ``url`` is cached, or None without a cache folder."""
        if self.cache_dir is None:
            return None
        return self.cache_dir / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get_json(self, url: str, *, accept: str = "application/json") -> Any:
        """The JSON at ``url``, from the cache where it is there; ``WikidataError`` if unreadable."""
        cached = self._cache_path(url)
        if cached is not None and cached.is_file():
            body = cached.read_bytes()
        else:
            body = self._fetch(url, accept)
            if cached is not None:
                write_atomic(cached, body)
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            if cached is not None and cached.is_file():
                cached.unlink()
            raise WikidataError(f"{url}: the response is not JSON ({exc})", url=url) from None

    def _fetch(self, url: str, accept: str) -> bytes:
        """The body at ``url``, retried on 429, 5xx and transport errors; ``WikidataError`` otherwise."""
        import httpx

        headers = {"Accept": accept}
        if self.client.headers.get("User-Agent", "").startswith("python-httpx") or \
                "User-Agent" not in self.client.headers:
            headers["User-Agent"] = USER_AGENT
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = self.client.get(url, headers=headers)
            except httpx.TransportError as exc:
                if last:
                    raise WikidataError(f"{url}: {type(exc).__name__}: {exc} "
                                        f"(after {self.attempts} attempts)", url=url) from None
                pause(self.backoff * 2 ** (attempt - 1))
                continue
            status = response.status_code
            if status == 200:
                return response.content
            retryable = status == 429 or 500 <= status <= 599
            if not retryable or last:
                reason = response.reason_phrase or ""
                tries = f" after {self.attempts} attempts" if retryable else ""
                raise WikidataError(f"{url}: HTTP {status} {reason}{tries}".rstrip(), url=url,
                                    status=status)
            wait = retry_after(response.headers.get("Retry-After"))
            pause(wait if wait is not None else self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover


def retry_after(header: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped; None if absent."""
    if not header:
        return None
    header = header.strip()
    try:
        seconds = float(header)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    if seconds != seconds:   # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def write_atomic(path: Path, body: bytes) -> None:
    """Write ``body`` to ``path`` through a temporary file, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def recorded_client(folder: Path) -> "httpx.Client":
    """An ``httpx.Client`` that answers ``wbgetentities`` from recorded responses, never the network.

    ``folder`` holds ``entities/Q….json`` (or ``Q….json``), one answer per item in the API's
    shape (``{"entities": {"Q…": {...}}}``); a request for several ids gets their entities merged,
    and an id without a file is ``missing``, as Wikidata answers. Anything else is a 404.
    """
    import httpx
    from urllib.parse import parse_qs

    folder = Path(folder)
    if not folder.is_dir():
        raise WikidataError(f"{folder}: no folder of recorded Wikidata responses", url=str(folder))
    files = folder / "entities" if (folder / "entities").is_dir() else folder

    def answer(request: httpx.Request) -> httpx.Response:
        params = parse_qs(request.url.query.decode("ascii", "replace"))
        if params.get("action") != ["wbgetentities"]:
            return httpx.Response(404, json={"error": f"{request.url.path} is not recorded"})
        entities = {}
        for qid in (params.get("ids") or [""])[0].split("|"):
            path = files / f"{qid}.json"
            try:
                entities.update(json.loads(path.read_text(encoding="utf-8")).get("entities", {}))
            except FileNotFoundError:
                entities[qid] = {"id": qid, "missing": ""}
            except (OSError, ValueError, AttributeError) as exc:
                raise WikidataError(f"{path}: not a recorded wbgetentities answer ({exc})",
                                    url=str(path)) from None
        return httpx.Response(200, json={"entities": entities})

    return httpx.Client(transport=httpx.MockTransport(answer))
