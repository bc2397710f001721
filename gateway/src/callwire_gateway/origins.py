"""Which web pages may use the gateway: no cross-origin access unless configured.

Legacy requests change state with plain GETs (`/makecall?...`, kept for the reference's clients), and a
browser sends them, with the user's network position, for any page that asks. So a request that a browser
marks as coming from another page is refused unless its origin is allowed:

- a request with an `Origin` header passes only when that origin is the gateway's own (the softphone page:
  the host the browser used, on the gateway's REST or WebSocket port) or listed in `allowed_origins`;
- a request without `Origin` but with `Sec-Fetch-Site: cross-site` or `same-site` (an `<img>` or a link on
  another page) is refused;
- a request with neither (curl, server-side legacy clients, a URL typed into the address bar) passes.

"Own" is decided from the `Host` header only when it names the gateway by IP address, `localhost` or the
address it listens on: a DNS name an attacker controls can be pointed at the gateway (DNS rebinding), so
pages served under a DNS name are allowed by listing their origin.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from .errors import LegacyError

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
_WILDCARD_HOSTS = {"", "0.0.0.0", "::"}

Origin = tuple[str, str, int]


def parse_origin(text: str) -> Origin | None:
    """(scheme, host, port) of an origin such as `https://desk.example.net:8443`, or None when it is not one."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or parts.path not in ("", "/") or parts.query:
        return None
    return scheme, parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS[scheme]


def _host_name(host_header: str) -> str:
    try:
        return (urlsplit("//" + host_header.strip()).hostname or "").lower()
    except ValueError:
        return ""


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class OriginPolicy:
    """`allowed`: origins besides the gateway's own (`https://crm.example.net`); `*` allows every origin."""

    def __init__(self, allowed: Iterable[str] = (), *, listen_host: str = "127.0.0.1") -> None:
        allowed = list(allowed)
        self.any = "*" in allowed
        self.allowed: set[Origin] = set()
        for text in allowed:
            if text == "*":
                continue
            origin = parse_origin(text)
            if origin is None:
                raise ValueError(f"allowed origin {text!r} is not an origin like https://host:port")
            self.allowed.add(origin)
        self.listen_host = listen_host.strip("[]").lower()
        self.ports: set[int] = set()

    def _own(self, origin: Origin, host_header: str) -> bool:
        _, host, port = origin
        name = _host_name(host_header)
        if host != name or port not in self.ports:
            return False
        return _is_ip(name) or name == "localhost" or (name == self.listen_host and name not in _WILDCARD_HOSTS)

    def allows(self, origin_text: str, host_header: str) -> bool:
        if self.any:
            return True
        origin = parse_origin(origin_text)
        return origin is not None and (origin in self.allowed or self._own(origin, host_header))

    def refusal(self, headers: Mapping[str, str]) -> LegacyError | None:
        """Why a request with these headers may not use the gateway, or None."""
        origin = headers.get("Origin")
        if origin is not None:
            if self.allows(origin, headers.get("Host", "")):
                return None
            return LegacyError(
                "PERMISSION_DENIED",
                f"origin {origin[:100]!r} may not use this gateway (list it in the gateway's allowed origins)",
            )
        site = headers.get("Sec-Fetch-Site", "").strip().lower()
        if site in ("cross-site", "same-site") and not self.any:
            return LegacyError("PERMISSION_DENIED", f"a request from another site (Sec-Fetch-Site: {site}) is refused")
        return None
