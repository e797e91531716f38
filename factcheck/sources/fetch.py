"""Articles from the web and from saved pages: fetch a URL, extract the main text and date.

``fetch_article(url)`` downloads one page with httpx under hard limits (size, time, redirects,
content type) and hands HTML to ``html_to_article``, which uses trafilatura to keep the story
and drop the navigation, sidebars and footers. Both return ``(article_text, published)``:
the text is the title, a blank line, then the paragraphs separated by blank lines; the date
comes from the page's metadata (``article:published_time``, JSON-LD ``datePublished``, ...)
or is None.

Every failure is an ``InputError`` whose message names the URL and what went wrong, e.g.
``cannot fetch https://example.com/a: response larger than 5 MB``.

httpx and trafilatura are imported inside the functions: the CLI only pays for them when it
reads a URL or an HTML file.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
from collections.abc import Iterable
from datetime import date
from urllib.parse import urljoin, urlsplit

from factcheck.errors import InputError

USER_AGENT = "factcheck/0.1.0 (+https://github.com/factcheck/factcheck)"
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"

# WHATWG encoding labels that Python spells differently or treats more strictly.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
    "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_REDIRECTS = (301, 302, 303, 307, 308)


def _size(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000} MB"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000} kB"
    return f"{n} bytes"


def _seconds(value: float) -> str:
    return f"{value:g} s"


class _Watchdog:
    """Shuts down the sockets of a fetch when its overall deadline passes.

    A read timeout only bounds the wait for each single read, so a server that drips one byte
    at a time (in the headers or in the body) could hold a fetch forever. httpcore reports each
    new connection through the documented ``trace`` request extension; the watchdog keeps the
    sockets and, at the deadline, shuts them down, which ends any read blocked on them.
    """

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list = []
        self.fired = False
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def trace(self, event: str, info: dict) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            self._shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shutdown(sock)

    @staticmethod
    def _shutdown(sock) -> None:
        import socket

        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def stop(self) -> None:
        self._timer.cancel()
        if self._timer.is_alive():
            self._timer.join()


def fetch_article(url: str, *, max_bytes: int = 5_000_000, connect_timeout: float = 10.0,
                  read_timeout: float = 20.0, total_timeout: float = 60.0, max_redirects: int = 5,
                  client=None, allow_private: bool | Iterable[str] = False
                  ) -> tuple[str, date | None]:
    """Download ``url`` and return its article text and publication date (None when unknown).

    Only http and https URLs are fetched. The body is streamed and the fetch stops once it
    passes ``max_bytes`` (after decompression) or once ``total_timeout`` seconds have passed
    since the start, whatever the server does; ``connect_timeout`` and ``read_timeout`` bound
    each connection attempt and each read. Redirects are followed up to ``max_redirects``.
    The response must be text/html, application/xhtml+xml or text/plain; HTML goes through
    ``html_to_article``, plain text is returned as it is (with no date).

    ``client`` may be an ``httpx.Client`` to use instead of a new one (its own redirect
    setting is ignored: redirects are followed here, so each hop is checked).

    Hosts that resolve to a loopback, private, link-local, multicast, reserved or unspecified
    address are refused, at the first URL and at every redirect (see :mod:`.addresses` and
    ``_Routes``): a new client connects only to the addresses it checked; through a proxy of
    the environment, or with a given ``client``, each hop's host is resolved and checked before
    the request. ``allow_private=True`` lets every address through; a list of networks
    (``["10.1.0.0/16"]``) lets those through.

    Raises ``InputError`` naming the URL and the problem.
    """
    _check_scheme(url, url)
    import httpx

    from factcheck.sources.addresses import AddressPolicy

    try:
        policy = AddressPolicy(allow_private)
    except ValueError as exc:
        raise InputError(f"cannot fetch {url}: allowed private networks: {exc}") from None
    timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout,
                            pool=connect_timeout)
    routes = _Routes(policy, client)
    headers = {"Accept": _ACCEPT}
    if client is not None and client.headers.get("User-Agent", "").startswith("python-httpx/"):
        headers["User-Agent"] = USER_AGENT
    watchdog = _Watchdog(total_timeout)
    watchdog.start()
    started = time.monotonic()
    try:
        try:
            return _fetch(routes, url, headers, timeout, watchdog, started, max_bytes,
                          total_timeout, max_redirects)
        except httpx.InvalidURL as exc:
            raise InputError(f"cannot fetch {url}: invalid URL ({_first_line(exc)})") from None
        except httpx.HTTPError as exc:
            if watchdog.fired:
                raise _too_slow(url, total_timeout) from None
            raise InputError(f"cannot fetch {url}: {_transport_problem(exc)}") from None
        except InputError:
            raise
        except OSError as exc:  # a socket error that httpx did not wrap
            if watchdog.fired:
                raise _too_slow(url, total_timeout) from None
            raise InputError(f"cannot fetch {url}: {exc.strerror or exc}") from None
    finally:
        watchdog.stop()
        routes.close()


class _Routes:
    """The client a URL goes through, and whether its host is to be checked before sending.

    With private addresses allowed: httpx's usual client (environment proxies included). With
    them refused: a client whose connections go only to checked addresses, or, for a URL the
    environment sends through a proxy (``http_proxy``, ``https_proxy``, ``no_proxy``), a client
    of that proxy, the URL's host resolved and checked first (the proxy resolves it again; the
    proxy is the user's own choice). A given client is used for everything, each host checked
    first.
    """

    def __init__(self, policy, client=None) -> None:
        import urllib.request

        self.policy = policy
        self.given = client
        self.clients: dict[str, object] = {}
        self.proxies = {} if client is not None or policy.allow_all else {
            scheme: address for scheme, address in urllib.request.getproxies().items()
            if scheme in ("http", "https")}

    def route(self, url) -> tuple[object, bool]:
        import urllib.request

        if self.given is not None:
            return self.given, not self.policy.allow_all
        if self.policy.allow_all:
            return self._client("usual"), False
        proxy = self.proxies.get(url.scheme)
        if proxy and not urllib.request.proxy_bypass(url.host):
            return self._client(f"proxy {proxy}", proxy=proxy), True
        return self._client("pinned", pinned=True), False

    def _client(self, key: str, *, proxy: str | None = None, pinned: bool = False):
        if key not in self.clients:
            import httpx

            from factcheck.sources.addresses import pinned_transport

            options: dict = {}
            if proxy:
                options = {"proxy": proxy}
            elif pinned:
                options = {"transport": pinned_transport(self.policy)}
            self.clients[key] = httpx.Client(headers={"User-Agent": USER_AGENT},
                                             follow_redirects=False, **options)
        return self.clients[key]

    def close(self) -> None:
        for made in self.clients.values():
            made.close()


def _too_slow(url: str, total_timeout: float) -> InputError:
    return InputError(f"cannot fetch {url}: no complete response within {_seconds(total_timeout)} "
                      "(total_timeout)")


def _check_scheme(url: str, original: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InputError(f"cannot fetch {original}: {url} is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"not {scheme}:" if scheme else "and this URL has no scheme"
        where = "" if url == original else f" (redirected to {url})"
        raise InputError(f"cannot fetch {original}{where}: only http and https URLs are supported, "
                         f"{shown}")
    if not parts.hostname:
        raise InputError(f"cannot fetch {original}: {url} has no host name")


def _transport_problem(exc) -> str:
    import httpx

    if isinstance(exc, httpx.ConnectTimeout):
        return "connection timed out (connect_timeout)"
    if isinstance(exc, httpx.ReadTimeout):
        return "the server stopped sending (read_timeout)"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({_first_line(exc) or 'connection refused'})"
    if isinstance(exc, httpx.RemoteProtocolError):
        detail = _first_line(exc)
        if "without sending" in detail or "disconnected" in detail.lower():
            return "the server closed the connection without a complete response"
        return f"invalid HTTP response ({detail})"
    if isinstance(exc, httpx.ReadError):
        return f"connection lost while reading ({_first_line(exc) or 'connection reset'})"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return f"invalid URL ({_first_line(exc)})"
    return f"{type(exc).__name__} ({_first_line(exc)})" if _first_line(exc) else type(exc).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


def _fetch(routes: _Routes, url, headers, timeout, watchdog, started, max_bytes, total_timeout,
           max_redirects) -> tuple[str, date | None]:
    import httpx

    from factcheck.sources.addresses import RefusedAddress

    current = url
    for hop in range(max_redirects + 1):
        target_url = httpx.URL(current)
        client, check_first = routes.route(target_url)
        request = client.build_request("GET", target_url, headers=headers, timeout=timeout,
                                       extensions={"trace": watchdog.trace})
        try:
            if check_first:
                routes.policy.resolve(request.url.host, request.url.port or
                                      (443 if request.url.scheme == "https" else 80))
            response = client.send(request, stream=True, follow_redirects=False)
        except RefusedAddress as exc:
            where = "" if current == url else f" (redirected to {current})"
            raise InputError(f"cannot fetch {url}{where}: {exc}") from None
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise InputError(f"cannot fetch {url}: HTTP {response.status_code} redirect "
                                     "without a Location header")
                target = urljoin(str(response.url), location.strip())
                _check_scheme(target, url)
                current = target
                continue
            if response.status_code >= 400:
                reason = f" {response.reason_phrase}" if response.reason_phrase else ""
                where = "" if current == url else f" (after redirects, at {current})"
                raise InputError(f"cannot fetch {url}{where}: HTTP {response.status_code}{reason}")
            if not 200 <= response.status_code < 300:
                raise InputError(f"cannot fetch {url}: unexpected HTTP status "
                                 f"{response.status_code} {response.reason_phrase}".rstrip())
            content_type, charset = _content_type(response.headers.get("Content-Type"))
            if content_type not in ACCEPTED_TYPES:
                problem = (f"content type {content_type} is not an article" if content_type
                           else "the server sent no Content-Type")
                raise InputError(f"cannot fetch {url}: {problem} "
                                 f"(expected {', '.join(ACCEPTED_TYPES)})")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"cannot fetch {url}: response larger than {_size(max_bytes)} "
                                 f"(Content-Length {declared})")
            body = _read_body(response, url, started, max_bytes, total_timeout)
        finally:
            response.close()
        if watchdog.fired:
            raise _too_slow(url, total_timeout)
        text = _decode(body, charset, html=content_type in _HTML_TYPES)
        if content_type in _HTML_TYPES:
            return html_to_article(text, url)
        return text.replace("\r\n", "\n"), None
    raise InputError(f"cannot fetch {url}: too many redirects (more than {max_redirects})")


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _read_body(response, url: str, started: float, max_bytes: int, total_timeout: float) -> bytes:
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise InputError(f"cannot fetch {url}: response larger than {_size(max_bytes)}")
        if time.monotonic() - started > total_timeout:
            raise _too_slow(url, total_timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(body: bytes, charset: str | None, *, html: bool) -> str:
    """Text of a body: a byte-order mark wins, then the header's charset, then (for HTML) the
    meta tag or XML declaration; otherwise, or when the label is unknown, UTF-8. Bytes that do
    not decode become U+FFFD."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace")
    encoding = _codec(charset)
    if encoding is None and html:
        head = body[:4096]
        found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
        encoding = _codec(found.group(1).decode("ascii")) if found else None
        if encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            encoding = None   # a meta tag read as ASCII cannot be UTF-16 (WHATWG)
    return body.decode(encoding or "utf-8", errors="replace")


_IGNORE_COMMENT = re.compile(r"<!--\s*factcheck:\s*ignore\s*-->", re.IGNORECASE)


def html_to_article(html: str, source: str) -> tuple[str, date | None]:
    """The main text of an HTML page and its publication date from the page's metadata.

    The text is the title (when the page has one), a blank line, then the body paragraphs
    separated by blank lines; navigation, sidebars, footers and comments are left out. The
    date is the page's own publication date (``article:published_time``, JSON-LD
    ``datePublished``, and the other metadata trafilatura/htmldate read) or None. A page with
    no extractable text gives "". ``source`` names the page in error messages only: it is not
    given to trafilatura, so the result depends on the HTML alone (no date read from the URL).
    """
    if not html.strip():
        return "", None
    import trafilatura

    # HTML comments do not survive extraction: keep the ignore marker as text so the sentence
    # it sits in (or the one after it) is still silenced.
    html = _IGNORE_COMMENT.sub(" [factcheck: ignore] ", html)
    html = _within_parser_depth(html)

    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,   # the default cache is shared state across calls
            date_extraction_params={
                "extensive_search": False,   # metadata and markup, no guessing from free text
                "original_date": True,       # published, not modified
                "deferred_url_extractor": True,
            },
        )
    except Exception as exc:  # trafilatura/lxml failing on hostile markup
        raise InputError(f"cannot extract the article from {source}: "
                         f"{type(exc).__name__}: {_first_line(exc)}") from None
    if document is None:
        return "", None
    return _article_text(document.title, document.text), _metadata_date(document.date)


#: libxml2 drops everything nested deeper than 256 elements (silently: a page of 200,000
#: nested <div>s came out empty); deeper markup is flattened to this depth first.
MAX_HTML_DEPTH = 200
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?(/?)>")
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_INLINE = frozenset("a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span "
                    "strong sub sup time u var".split())


def _within_parser_depth(html: str) -> str:
    """``html`` as it is when the HTML parser can read it whole, else with the tags nested
    deeper than MAX_HTML_DEPTH taken out (their text kept, a block's edge kept as a line break)."""
    import lxml.etree

    parser = lxml.etree.HTMLParser()
    try:
        lxml.etree.fromstring(html, parser)
    except (lxml.etree.LxmlError, ValueError):
        return html             # trafilatura reports what it cannot read
    if not any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        return html
    return _flatten(html, MAX_HTML_DEPTH)


def _flatten(html: str, limit: int) -> str:
    """One pass over the tags: those that would open or close an element deeper than ``limit``
    become nothing (inline elements) or a line break (blocks)."""
    out: list[str] = []
    depth = pos = 0
    for tag in _TAG.finditer(html):
        out.append(html[pos:tag.start()])
        pos = tag.end()
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name in _VOID or self_closing:
            kept = True
        elif closing:
            depth = max(0, depth - 1)
            kept = depth < limit
        else:
            depth += 1
            kept = depth <= limit
        out.append(tag.group() if kept else "" if name in _INLINE else "\n")
    out.append(html[pos:])
    return "".join(out)


def _article_text(title: str | None, body: str | None) -> str:
    paragraphs = [line.strip() for line in (body or "").splitlines()]
    paragraphs = [p for p in paragraphs if p]
    title = (title or "").strip()
    if title:
        if paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs)


def _metadata_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
