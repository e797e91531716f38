"""URLs never reach the user's own network unless the user says so.

Loopback, private, link-local, multicast, reserved and unspecified addresses are refused in
every spelling of the host and after every redirect; the host is resolved once and the
connection goes to the address that was checked. No network: the servers are on 127.0.0.1,
names are resolved by a stand-in for ``socket.getaddrinfo``, and the one "public" address a
test connects to has its connection refused by a stand-in for ``socket.create_connection``.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from factcheck.errors import InputError
from factcheck.sources import addresses
from factcheck.sources.addresses import AddressPolicy, address_kind
from factcheck.sources.fetch import fetch_article

from .test_fetch import SEED_TEXT, base, server  # noqa: F401  (the local server fixture)

PUBLIC = "93.184.216.34"       # a global address: never connected to, see fake_network


@pytest.fixture
def fake_network(monkeypatch):
    """Names resolve through ``names`` (others as usual); connections to ``PUBLIC`` are refused
    and recorded, so no test reaches the network."""
    real_getaddrinfo = socket.getaddrinfo
    real_create_connection = socket.create_connection
    state = {"names": {}, "lookups": [], "connections": []}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in state["names"]:
            state["lookups"].append(host)
            answer = state["names"][host]
            if callable(answer):
                answer = answer()
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, port) if ":" not in a else (a, port, 0, 0)) for a in answer]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        state["connections"].append(address)
        if address[0] == PUBLIC:
            raise ConnectionRefusedError(111, "Connection refused")
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return state


def _refused(url: str, *needles: str, **options) -> str:
    with pytest.raises(InputError) as caught:
        fetch_article(url, **options)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot fetch {url}")
    assert "--allow-private-urls" in message
    for needle in needles:
        assert needle in message, message
    return message


# -- the addresses themselves -------------------------------------------------------------------


@pytest.mark.parametrize("address,kind", [
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.0.10", "private"),
    ("fc00::1", "private"), ("fd12:3456::1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("100.64.0.1", "shared"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),      # IPv4-mapped
    ("::127.0.0.1", "loopback"),                                             # IPv4-compatible
    ("2002:7f00:1::", "loopback"), ("2002:a9fe:a9fe::", "link-local"),       # 6to4
    ("64:ff9b::7f00:1", "loopback"), ("64:ff9b::a00:1", "private"),         # NAT64
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),                    # Teredo of 127.0.0.1
    (PUBLIC, None), ("2606:2800:220:1:248:1893:25c8:1946", None), ("::ffff:93.184.216.34", None),
])
def test_address_kinds(address, kind):
    import ipaddress

    assert address_kind(ipaddress.ip_address(address)) == kind


def test_allowed_networks_let_only_those_through():
    import ipaddress

    policy = AddressPolicy(["127.0.0.1/32", "10.1.0.0/16"])
    assert policy.refusal("h", ipaddress.ip_address("127.0.0.1")) is None
    assert policy.refusal("h", ipaddress.ip_address("10.1.200.3")) is None
    assert policy.refusal("h", ipaddress.ip_address("127.0.0.2")).kind == "loopback"
    assert policy.refusal("h", ipaddress.ip_address("10.2.0.1")).kind == "private"
    assert AddressPolicy(True).refusal("h", ipaddress.ip_address("127.0.0.1")) is None
    with pytest.raises(ValueError, match="not a network"):
        AddressPolicy(["10.1.0.0/99"])


# -- every spelling of the host -----------------------------------------------------------------


@pytest.mark.parametrize("url,needle", [
    ("http://127.0.0.1:{port}/seed.html", "127.0.0.1, a loopback address"),
    ("http://2130706433:{port}/seed.html", "2130706433 is 127.0.0.1, a loopback address"),
    ("http://0x7f000001:{port}/seed.html", "is 127.0.0.1, a loopback address"),
    ("http://0x7f.1:{port}/seed.html", "is 127.0.0.1, a loopback address"),
    ("http://127.1:{port}/seed.html", "127.1 is 127.0.0.1, a loopback address"),
    ("http://user@127.0.0.1:{port}/seed.html", "127.0.0.1, a loopback address"),
    ("http://user:secret@localhost:{port}/seed.html", "localhost is 127.0.0.1, a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/seed.html", "a loopback address"),
    ("http://[::1]:{port}/seed.html", "::1, a loopback address"),
    ("http://0:{port}/seed.html", "0 is 0.0.0.0, an unspecified address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address"),
    ("http://[fe80::1]/", "fe80::1, a link-local address"),
    ("http://224.0.0.251/", "a multicast address"),
    ("http://10.0.0.1/", "10.0.0.1, a private address"),
    ("https://192.168.1.1/", "192.168.1.1, a private address"),
])
def test_private_hosts_are_refused_in_every_spelling(server, url, needle):  # noqa: F811
    url = url.format(port=server.server_address[1])
    _refused(url, needle)
    assert server.seen == []            # not even the loopback server heard from us


def test_a_name_that_resolves_to_loopback_is_refused(server, fake_network):  # noqa: F811
    fake_network["names"]["news.example"] = ["127.0.0.1"]
    _refused(f"http://news.example:{server.server_address[1]}/seed.html",
             "news.example is 127.0.0.1, a loopback address")
    assert server.seen == [] and fake_network["connections"] == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(fake_network):
    fake_network["names"]["mixed.example"] = [PUBLIC, "10.0.0.7"]
    _refused("http://mixed.example/a", "mixed.example is 10.0.0.7, a private address")
    assert fake_network["connections"] == []


def test_the_connection_goes_to_the_checked_address(fake_network):
    """A name resolved once per connection, and the socket opened to what was checked: a name
    that would resolve to loopback the second time (DNS rebinding) never gets the chance."""
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    fake_network["names"]["rebind.example"] = lambda: next(answers)
    with pytest.raises(InputError, match="cannot connect"):
        fetch_article("http://rebind.example/a")
    assert fake_network["lookups"] == ["rebind.example"]
    assert fake_network["connections"] == [(PUBLIC, 80)]


def test_https_keeps_the_host_name_for_tls(fake_network):
    """The socket goes to the checked address; the TLS handshake names the host (SNI), so the
    certificate is checked against the name, not the address."""
    fake_network["names"]["secure.example"] = ["127.0.0.1"]
    hello = bytearray()
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        def accept():
            listener.settimeout(5)
            connection, _ = listener.accept()
            with connection:
                connection.settimeout(5)
                with contextlib.suppress(OSError):
                    hello.extend(connection.recv(4096))

        thread = threading.Thread(target=accept)
        thread.start()
        with pytest.raises(InputError):
            fetch_article(f"https://secure.example:{port}/a", allow_private=["127.0.0.0/8"],
                          total_timeout=5)
        thread.join(10)
    assert hello[:1] == b"\x16"                         # a TLS handshake record ...
    assert b"secure.example" in hello                   # ... naming the host, not 127.0.0.1
    assert fake_network["connections"] == [("127.0.0.1", port)]


# -- redirects ----------------------------------------------------------------------------------


@pytest.mark.parametrize("target,needle", [
    ("http://127.0.0.2:{port}/seed.html", "127.0.0.2, a loopback address"),
    ("http://[::1]:{port}/seed.html", "::1, a loopback address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address"),
    ("http://user@10.0.0.1/", "10.0.0.1, a private address"),
    ("http://inside.example/", "inside.example is 192.168.0.5, a private address"),
])
def test_a_redirect_into_the_private_network_is_refused(server, fake_network, monkeypatch,  # noqa: F811
                                                        target, needle):
    """The first server is let through by name (127.0.0.1/32 only); it redirects elsewhere."""
    from .test_fetch import _Handler

    port = server.server_address[1]
    location = target.format(port=port)
    fake_network["names"]["inside.example"] = ["192.168.0.5"]
    monkeypatch.setattr(_Handler, "route_away", lambda self: self._send(302, b"", None, [("Location", location)]),
                        raising=False)
    url = f"{base(server)}/away"
    message = _refused(url, needle, f"(redirected to {location})", allow_private=["127.0.0.1/32"])
    assert message.startswith(f"cannot fetch {url} (redirected to {location}): ")
    assert [path for path, _ in server.seen] == ["/away"]
    assert all(address[0] == "127.0.0.1" for address in fake_network["connections"])


def test_a_redirect_within_the_allowed_network_is_followed(server):  # noqa: F811
    assert fetch_article(f"{base(server)}/redirect", allow_private=["127.0.0.1/32"])[1] is not None
    assert [path for path, _ in server.seen] == ["/redirect", "/seed.html"]


def test_a_given_client_is_checked_at_every_hop(fake_network):
    """With the caller's own client (here a mock transport) the host of each hop is resolved
    and checked before the request is sent."""
    fake_network["names"]["news.example"] = [PUBLIC]
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://2130706433/admin"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        _refused("http://news.example/story", "(redirected to http://2130706433/admin)",
                 "2130706433 is 127.0.0.1, a loopback address", client=client)
    assert seen == ["http://news.example/story"]


def test_allowing_private_addresses_fetches_them(server):  # noqa: F811
    assert fetch_article(f"{base(server)}/plain.txt", allow_private=True) == (SEED_TEXT, None)
    assert fetch_article(f"{base(server)}/plain.txt", allow_private=["127.0.0.0/8"]) == (SEED_TEXT, None)


def test_the_guard_is_the_backend_of_every_connection():
    """The pinned transport reaches httpcore's connections through the pool's network backend."""
    transport = addresses.pinned_transport(AddressPolicy())
    try:
        backend = transport._pool._network_backend
        assert type(backend).__name__ == "PinnedBackend"
        with pytest.raises(addresses.RefusedAddress):
            backend.connect_tcp("127.0.0.1", 80)
    finally:
        transport.close()


# -- a proxy of the environment -----------------------------------------------------------------


class _ProxyHandler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_GET(self):       # a forward proxy sees the absolute URL
        self.server.seen.append(self.path)
        body = f"Fetched {self.path} through the proxy.".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def proxy(monkeypatch):
    """A forward proxy on 127.0.0.1, named by http_proxy as a user behind one would name it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ProxyHandler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY",
                 "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{httpd.server_address[1]}")
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_a_public_url_goes_through_the_environments_proxy(proxy, fake_network):
    fake_network["names"]["news.example"] = [PUBLIC]
    text, _ = fetch_article("http://news.example/story")
    assert text == "Fetched http://news.example/story through the proxy."
    assert proxy.seen == ["http://news.example/story"]
    assert fake_network["lookups"] == ["news.example"]          # checked before it was sent


@pytest.mark.parametrize("url,needle", [
    ("http://inside.example/admin", "inside.example is 192.168.0.5, a private address"),
    ("http://127.0.0.1:9/", "127.0.0.1, a loopback address"),
    ("http://2130706433/", "2130706433 is 127.0.0.1, a loopback address"),
])
def test_a_private_url_is_not_handed_to_the_proxy(proxy, fake_network, url, needle):
    fake_network["names"]["inside.example"] = ["192.168.0.5"]
    _refused(url, needle)
    assert proxy.seen == []


def test_no_proxy_hosts_connect_directly_to_the_checked_address(proxy, fake_network, monkeypatch):
    monkeypatch.setenv("no_proxy", "news.example")
    fake_network["names"]["news.example"] = [PUBLIC]
    with pytest.raises(InputError, match="cannot connect"):
        fetch_article("http://news.example/story")
    assert proxy.seen == [] and fake_network["connections"] == [(PUBLIC, 80)]


# -- the command line and the config file -------------------------------------------------------


def _verify(db: str, *args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", "--db", db, "verify", *args,
                           "--date", "2023-10-25", "--format", "json"],
                          capture_output=True, timeout=120, cwd=cwd)


def test_cli_refuses_a_loopback_url_and_allows_it_when_asked(server, seeded_sqlite_url, tmp_path):  # noqa: F811
    url = f"http://2130706433:{server.server_address[1]}/seed.html"
    refused = _verify(seeded_sqlite_url, url, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode().splitlines() == [
        f"error: cannot fetch {url}: 2130706433 is 127.0.0.1, a loopback address; private "
        "addresses are not fetched unless --allow-private-urls is given"]
    assert server.seen == []
    allowed = _verify(seeded_sqlite_url, url, "--allow-private-urls", cwd=tmp_path)
    assert allowed.returncode in (0, 1), allowed.stderr.decode()
    assert [path for path, _ in server.seen] == ["/seed.html"]


@pytest.mark.parametrize("setting,fetched", [
    ("allow_private_urls = true", True), ('allow_private_urls = ["127.0.0.0/8"]', True),
    ('allow_private_urls = ["10.0.0.0/8"]', False), ("allow_private_urls = false", False),
])
def test_config_key_lets_private_urls_through(server, seeded_sqlite_url, tmp_path, setting,  # noqa: F811
                                              fetched):
    (tmp_path / "factcheck.toml").write_text(setting + "\n", encoding="utf-8")
    result = _verify(seeded_sqlite_url, f"{base(server)}/seed.html", cwd=tmp_path)
    assert (result.returncode in (0, 1)) == fetched, result.stderr.decode()
    assert bool(server.seen) == fetched


@pytest.mark.parametrize("setting,needle", [
    ('allow_private_urls = "yes"', "'allow_private_urls' must be true, false or a list of networks"),
    ('allow_private_urls = ["10.0.0.0/99"]', "'allow_private_urls': not a network"),
])
def test_config_key_of_the_wrong_shape_is_an_error(seeded_sqlite_url, tmp_path, setting, needle):
    (tmp_path / "factcheck.toml").write_text(setting + "\n", encoding="utf-8")
    result = _verify(seeded_sqlite_url, "http://news.example/", cwd=tmp_path)
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2 and len(lines) == 1
    assert lines[0].startswith(f"error: config {tmp_path / 'factcheck.toml'}: ") and needle in lines[0]


def test_claims_command_and_the_batch_api_take_the_allowance(server, seeded_sqlite_url, tmp_path):  # noqa: F811
    from factcheck.batch import check_sources

    url = f"{base(server)}/seed.html"
    refused = subprocess.run([sys.executable, "-m", "factcheck", "--db", seeded_sqlite_url, "claims", url],
                             capture_output=True, timeout=120, cwd=tmp_path)
    assert refused.returncode == 2 and "a loopback address" in refused.stderr.decode()
    assert server.seen == []
    [blocked] = check_sources([url], db=seeded_sqlite_url, extract_only=True)
    assert blocked.error and "a loopback address" in blocked.error
    [allowed] = check_sources([url], db=seeded_sqlite_url, extract_only=True,
                              allow_private_urls=["127.0.0.1/32"])
    assert allowed.error is None and allowed.document["claims"]
    assert [path for path, _ in server.seen] == ["/seed.html"]
