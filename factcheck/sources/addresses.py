"""Which network addresses a URL fetch may reach, and connections pinned to checked addresses.

A URL from a feed must not make factcheck read the user's own network (a server-side request
forgery): loopback, private, shared (carrier-grade NAT), link-local, multicast, reserved and
unspecified addresses are refused, in every spelling of the host (``2130706433``, ``0x7f.1``,
``[::ffff:127.0.0.1]``, ``user@127.0.0.1``, a name that resolves there) and after every
redirect. The host is resolved once with ``socket.getaddrinfo``, every address it resolves to
is checked, and the connection goes to a checked address: a name cannot resolve to a public
address for the check and to a private one for the connection. TLS still verifies the
certificate against the host name (httpcore sends the URL's host as SNI).

``AddressPolicy(allow=True)`` lets every address through; ``allow`` may also list networks
(``["10.1.0.0/16"]``) that are let through while the rest stay refused.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Networks Python's ``is_global`` counts as global that embed another address in theirs:
#: NAT64 (RFC 6052) and the IPv4-compatible form; the embedded address is what is reached.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class RefusedAddress(Exception):
    """A host that resolves to an address the policy refuses; the message names both."""

    def __init__(self, host: str, address: Address, kind: str) -> None:
        self.host = host
        self.address = address
        self.kind = kind
        shown = str(address) if _same(host, address) else f"{host} is {address}"
        super().__init__(f"{shown}, {_article(kind)} {kind} address; private addresses are not "
                         "fetched unless --allow-private-urls is given")


def _same(host: str, address: Address) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")) == address
    except ValueError:
        return False


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _embedded(address: Address) -> Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_kind(address: Address) -> str | None:
    """Why ``address`` is not public ("loopback", "private", ...), or None for a public address."""
    inner = _embedded(address)
    if inner is not None:       # the IPv4 address it carries is the one reached
        return address_kind(inner)
    for kind, flag in (("unspecified", address.is_unspecified), ("loopback", address.is_loopback),
                       ("link-local", address.is_link_local), ("multicast", address.is_multicast),
                       ("reserved", address.is_reserved), ("private", address.is_private)):
        if flag:
            return kind
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"):
        return "shared"
    if not address.is_global:
        return "non-global"
    return None


class AddressPolicy:
    """Which addresses a fetch may connect to: public ones, plus ``allow`` (True: all; or a list
    of networks such as ``"10.1.0.0/16"``)."""

    def __init__(self, allow: bool | Iterable[str] = False) -> None:
        self.allow_all = allow is True
        networks = () if isinstance(allow, bool) else allow
        try:
            self.networks = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a network: {exc}") from None

    def refusal(self, host: str, address: Address) -> RefusedAddress | None:
        if self.allow_all:
            return None
        kind = address_kind(address)
        if kind is None or any(address in network for network in self.networks):
            return None
        return RefusedAddress(host, address, kind)

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, each checked; raises ``RefusedAddress`` when any
        is refused (a name that also points inside the network is not trusted for the rest),
        ``OSError`` when the name does not resolve."""
        bare = host.strip("[]")
        infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
        addresses: list[str] = []
        for family, _type, _proto, _name, sockaddr in infos:
            if family not in (socket.AF_INET, socket.AF_INET6):
                continue
            text = sockaddr[0]
            address = ipaddress.ip_address(text.split("%", 1)[0])
            refused = self.refusal(host, address)
            if refused is not None:
                raise refused
            if text not in addresses:
                addresses.append(text)
        if not addresses:
            raise OSError(f"{host} resolves to no IP address")
        return addresses


def pinned_transport(policy: AddressPolicy, **options):
    """An ``httpx.HTTPTransport`` whose connections go only to addresses ``policy`` accepts,
    resolved once per connection and connected to as resolved."""
    import httpcore
    import httpx

    class PinnedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            last: Exception | None = None
            for address in policy.resolve(host, port):
                try:
                    return super().connect_tcp(address, port, timeout=timeout,
                                               local_address=local_address,
                                               socket_options=socket_options)
                except httpcore.ConnectError as exc:
                    last = exc
            assert last is not None
            raise last

    transport = httpx.HTTPTransport(**options)
    # HTTPTransport takes no network backend: its connection pool is given one (the guard
    # tests fail if this stops being the backend every connection goes through).
    transport._pool._network_backend = PinnedBackend()
    return transport
