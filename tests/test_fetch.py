"""URL and HTML input: a saved news page read like the plain-text article, and a local server
that misbehaves in every way a real one can. No network: everything is served on 127.0.0.1,
so every fetch here lets private addresses through (tests/test_fetch_guard.py shows the
refusal)."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.sources import fetch as fetching
from factcheck.sources.fetch import USER_AGENT, html_to_article

from .conftest import SEED
from .test_cli import run as run_cli

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SEED_PAGE = PAGES / "seed.html"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_TITLE, _, _ = SEED_TEXT.partition("\n\n")
NBSP = "\u00a0"

DRIP_INTERVAL = 0.2
MAX_HANDLER_SECONDS = 15.0   # no handler of the test server runs longer than this, whatever happens


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format, *args):  # keep pytest's output clean
        pass

    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("User-Agent")))
        route = self.path.split("?")[0]
        handler = getattr(self, "route_" + route.strip("/").replace("-", "_").replace(".", "_"), None)
        try:
            if handler is None:
                self._send(404, b"not here", "text/plain")
            else:
                handler()
        except OSError:
            pass  # the client went away: that is what several tests are about

    def _send(self, status, body: bytes, content_type: str | None, headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _alive(self, started: float) -> bool:
        return not self.server.stopping.is_set() and time.monotonic() - started < MAX_HANDLER_SECONDS

    # -- well-behaved ----------------------------------------------------------------------

    def route_seed_html(self):
        self._send(200, SEED_PAGE.read_bytes(), "text/html; charset=utf-8")

    def route_seed_xhtml(self):
        self._send(200, SEED_PAGE.read_bytes(), "application/xhtml+xml")

    def route_plain_txt(self):
        self._send(200, SEED.read_bytes(), "text/plain; charset=utf-8")

    def route_latin1_html(self):  # no charset in the header: the meta tag says windows-1252
        page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
                "<title>Caf\u00e9 prices</title></head><body><article><h1>Caf\u00e9 prices</h1>"
                + "<p>The caf\u00e9 on the corner raised its prices \u2013 again \u2013 this week, "
                  "its owner said on Tuesday.</p>" * 3 + "</article></body></html>")
        self._send(200, page.encode("cp1252"), "text/html")

    def route_redirect(self):
        self._send(302, b"", None, [("Location", "/seed.html")])

    # -- misbehaving -----------------------------------------------------------------------

    def route_drip(self):
        """Headers at once, then one byte of body every 0.2 s, for as long as the client stays."""
        started = time.monotonic()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><p>")
        while self._alive(started):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(DRIP_INTERVAL)

    def route_drip_headers(self):
        """The status line and headers themselves, one byte every 0.2 s."""
        started = time.monotonic()
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
        while self._alive(started):
            self.wfile.write(b"a")
            self.wfile.flush()
            time.sleep(DRIP_INTERVAL)

    def route_endless(self):
        """An HTML body that never ends (no Content-Length): 16 kB at a time until the client quits."""
        started = time.monotonic()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        chunk = b"<p>" + b"more " * 3275 + b"</p>\n"
        sent = 0
        while self._alive(started) and sent < 50_000_000:
            self.wfile.write(chunk)
            sent += len(chunk)

    def route_huge_declared(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "10000000")
        self.end_headers()
        self.wfile.write(b"<html>")

    def route_loop_a(self):
        self._send(302, b"", None, [("Location", "/loop-b")])

    def route_loop_b(self):
        self._send(301, b"", None, [("Location", "/loop-a")])

    def route_to_ftp(self):
        self._send(302, b"", None, [("Location", "ftp://127.0.0.1/file.txt")])

    def route_pdf(self):
        self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf")

    def route_png(self):
        self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")

    def route_no_type(self):
        self._send(200, b"<html><body><p>Hello</p></body></html>", None)

    def route_error(self):
        self._send(500, b"<h1>Internal Server Error</h1>", "text/html")

    def route_missing(self):
        self._send(404, b"<h1>Not Found</h1>", "text/html")

    def route_close(self):
        """Close the connection without a byte of response."""
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def route_reset(self):
        """Reset the connection (RST) without a byte of response."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = False      # server_close() then joins every handler thread
    block_on_close = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stopping = threading.Event()
        self.seen: list[tuple[str, str | None]] = []

    def handle_error(self, request, client_address):  # a client that went away is expected here
        pass


@pytest.fixture
def server():
    """A local HTTP server in a background thread; stopped, with all its threads joined, after the test."""
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              name="test-http-server")
    thread.start()
    try:
        yield httpd
    finally:
        httpd.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=MAX_HANDLER_SECONDS)
        assert not thread.is_alive()


def fetch_article(url: str, **options):
    """``fetch_article`` as a user who means to reach 127.0.0.1 calls it."""
    options.setdefault("allow_private", True)
    return fetching.fetch_article(url, **options)


def base(httpd: _Server) -> str:
    host, port = httpd.server_address[:2]
    return f"http://{host}:{port}"


def verdict_multiset(checked) -> Counter:
    return Counter((claim.rule, claim.predicate, claim.subject.id if claim.subject else None,
                    claim.object.id if claim.object else None, verdict.verdict)
                   for claim, verdict in checked.verdicts)


def json_verdict_multiset(document: dict) -> Counter:
    return Counter((c["rule"], c["predicate"], (c["subject"] or {}).get("id"),
                    (c["object"] or {}).get("id"), c["verdict"]) for c in document["claims"])


# -- the saved news page ------------------------------------------------------------------------


def test_saved_page_gives_the_seed_article(server):
    text, published = fetch_article(f"{base(server)}/seed.html")
    assert published == date(2023, 10, 25)
    assert text.startswith(SEED_TITLE + "\n\n")
    assert text.count(SEED_TITLE) == 1                 # the <h1> is not repeated after the title
    # trafilatura normalises every run of Unicode whitespace to one ASCII space
    # (trafilatura.utils.trim), so the seed's 11 no-break spaces come out as plain spaces;
    # every other character, curly quotes and dashes included, is kept.
    assert SEED_TEXT.count(NBSP) == 11 and NBSP not in text
    for paragraph in SEED_TEXT.split("\n\n"):
        assert paragraph.replace(NBSP, " ") in text
    assert text == SEED_TEXT.replace(NBSP, " ")        # nothing from the nav, sidebar or footer
    for boilerplate in ("Most read", "Marathon", "Newsletter", "Privacy policy", "Share on X",
                        "All rights reserved", "Skip to content", "The Daily Ledger"):
        assert boilerplate not in text
    assert server.seen == [("/seed.html", USER_AGENT)]


def test_saved_page_has_the_same_verdicts_as_the_text(server, seeded_sqlite_url):
    from factcheck.api import Checker
    from factcheck.store.database import Store

    text, published = fetch_article(f"{base(server)}/seed.html")
    store = Store(seeded_sqlite_url)
    try:
        checker = Checker(store)
        from_page = verdict_multiset(checker.check(text, published))
        from_text = verdict_multiset(checker.check(SEED_TEXT, date(2023, 10, 25)))
    finally:
        store.close()
    assert from_text and sum(from_text.values()) >= 10
    assert from_page == from_text


def test_html_file_path_needs_no_server():
    text, published = html_to_article(SEED_PAGE.read_text(encoding="utf-8"), str(SEED_PAGE))
    assert (text, published) == (SEED_TEXT.replace(NBSP, " "), date(2023, 10, 25))


def test_xhtml_plain_text_and_redirects_are_accepted(server):
    assert fetch_article(f"{base(server)}/seed.xhtml")[1] == date(2023, 10, 25)
    assert fetch_article(f"{base(server)}/redirect")[1] == date(2023, 10, 25)
    assert fetch_article(f"{base(server)}/plain.txt") == (SEED_TEXT, None)


def test_charset_from_the_meta_tag(server):
    text, published = fetch_article(f"{base(server)}/latin1.html")
    assert text.startswith("Caf\u00e9 prices\n\n")
    assert "The caf\u00e9 on the corner raised its prices \u2013 again \u2013" in text
    assert published is None


@pytest.mark.parametrize("html", ["", "   \n", "<html><head></head><body></body></html>",
                                  "<html><body><script>var page = 1;</script></body></html>"])
def test_nothing_to_extract_is_empty_not_an_error(html):
    assert html_to_article(html, "empty.html") == ("", None)


def test_page_without_a_date():
    page = ("<html><head><title>Undated</title></head><body><article><h1>Undated</h1>"
            + "<p>Chinese President Xi Jinping spoke to reporters in the capital.</p>" * 3
            + "</article></body></html>")
    text, published = html_to_article(page, "undated.html")
    assert text.startswith("Undated\n\nChinese President Xi Jinping")
    assert published is None


# -- misbehaving servers ------------------------------------------------------------------------


def _fails(url: str, *needles: str, seconds: float = 5.0, **options) -> str:
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        fetch_article(url, **options)
    elapsed = time.monotonic() - started
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot fetch {url}")
    for needle in needles:
        assert needle in message
    assert elapsed < seconds, f"took {elapsed:.1f} s: {message}"
    return message


def test_slow_drip_body_gives_up_at_the_deadline(server):
    started = time.monotonic()
    _fails(f"{base(server)}/drip", "no complete response within 1.5 s", seconds=3.0,
           total_timeout=1.5, read_timeout=5.0)
    assert time.monotonic() - started >= 1.4


def test_slow_drip_headers_gives_up_at_the_deadline(server):
    started = time.monotonic()
    _fails(f"{base(server)}/drip-headers", "no complete response within 1.5 s", seconds=3.0,
           total_timeout=1.5, read_timeout=5.0)
    assert time.monotonic() - started >= 1.4


def test_read_timeout(server):
    _fails(f"{base(server)}/drip", "read_timeout", read_timeout=0.05, total_timeout=5.0)


def test_endless_body_stops_past_max_bytes(server):
    _fails(f"{base(server)}/endless", "response larger than 100 kB", max_bytes=100_000)


def test_declared_length_over_the_limit_is_refused_before_reading(server):
    _fails(f"{base(server)}/huge-declared", "response larger than 5 MB", "Content-Length 10000000")


def test_redirect_loop(server):
    _fails(f"{base(server)}/loop-a", "too many redirects (more than 5)")
    assert len(server.seen) == 6      # the first request and 5 redirects, then it stops
    _fails(f"{base(server)}/loop-a", "too many redirects (more than 0)", max_redirects=0)


def test_redirect_to_another_scheme_is_not_followed(server):
    _fails(f"{base(server)}/to-ftp", "redirected to ftp://127.0.0.1/file.txt",
           "only http and https URLs are supported, not ftp:")


@pytest.mark.parametrize("path,problem", [
    ("pdf", "content type application/pdf is not an article"),
    ("png", "content type image/png is not an article"),
    ("no-type", "the server sent no Content-Type"),
])
def test_wrong_content_type(server, path, problem):
    _fails(f"{base(server)}/{path}", problem, "expected text/html, application/xhtml+xml, text/plain")


@pytest.mark.parametrize("path,status", [("error", "HTTP 500 Internal Server Error"),
                                         ("missing", "HTTP 404 Not Found")])
def test_http_errors(server, path, status):
    _fails(f"{base(server)}/{path}", status)


def test_connection_closed_without_response(server):
    _fails(f"{base(server)}/close", "closed the connection without a complete response")


def test_connection_reset(server):
    _fails(f"{base(server)}/reset", "connection lost while reading", "Connection reset by peer")


def test_connection_refused():
    with socket.socket() as probe:      # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _fails(f"http://127.0.0.1:{port}/", "cannot connect")


@pytest.mark.parametrize("url,needle", [
    ("ftp://127.0.0.1/article.txt", "not ftp:"),
    ("file:///etc/passwd", "not file:"),
    ("javascript:alert(1)", "not javascript:"),
    ("example.com/article", "has no scheme"),
    ("http:///no-host", "has no host name"),
])
def test_other_schemes_are_refused_without_a_request(url, needle, monkeypatch):
    import httpx

    def no_client(*args, **kwargs):
        raise AssertionError("a client was made")

    monkeypatch.setattr(httpx, "Client", no_client)
    _fails(url, needle, seconds=1.0)


def test_a_given_client_is_used_and_left_open(server):
    import httpx

    with httpx.Client() as client:
        assert fetch_article(f"{base(server)}/plain.txt", client=client)[0] == SEED_TEXT
        assert not client.is_closed
    assert server.seen == [("/plain.txt", USER_AGENT)]


# -- the command line ---------------------------------------------------------------------------


def test_cli_verifies_a_url_like_the_text_file(server, seeded_sqlite_url):
    def verify(*args):
        result = run_cli("verify", *args, "--format", "json", "--allow-private-urls", db=seeded_sqlite_url)
        assert result.exit_code in (0, 1), result.stderr
        [document] = json.loads(result.stdout)["documents"]
        return document

    url = f"{base(server)}/seed.html"
    from_url = verify(url)
    from_file = verify(str(SEED_PAGE))
    from_text = verify(str(SEED), "--date", "2023-10-25")
    assert (from_url["source"], from_url["published"], from_url["published_from"]) == (
        url, "2023-10-25", "metadata")
    assert (from_file["published"], from_file["published_from"]) == ("2023-10-25", "metadata")
    assert json_verdict_multiset(from_url) == json_verdict_multiset(from_text)
    assert json_verdict_multiset(from_file) == json_verdict_multiset(from_text)
    assert from_url["summary"] == from_text["summary"]


def test_cli_reports_a_fetch_error_on_one_line(server, seeded_sqlite_url):
    result = run_cli("verify", f"{base(server)}/error", "--allow-private-urls", db=seeded_sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: cannot fetch {base(server)}/error: HTTP 500 Internal Server Error"]
