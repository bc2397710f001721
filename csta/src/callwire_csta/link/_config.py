"""The link's configuration: the switch endpoints in priority order, credentials, timers."""

from __future__ import annotations

import ssl
from dataclasses import KW_ONLY, dataclass, field
from typing import Literal

from callwire_csta.codec import DEFAULT_PROTOCOL_VERSION, MAX_FRAME_SIZE, MAX_INVOKE_ID

#: Upper bound of `LinkConfig.max_in_flight`: the invoke IDs (1..9998) less a few for the session's requests.
MAX_IN_FLIGHT = MAX_INVOKE_ID - 16


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One AES / switch CSTA endpoint: `Endpoint("aes1.example.net", 4722, tls=True)`."""

    host: str
    port: int
    _: KW_ONLY
    tls: bool = False
    """Wrap the connection in TLS (AES serves TLS on 4722, plain TCP on 4721)."""
    ca_file: str | None = None
    """PEM bundle that verifies the switch's certificate; None uses the system's trust store."""
    cert_file: str | None = None
    """Client certificate (PEM) when the switch asks for mutual TLS."""
    key_file: str | None = None
    """Private key of `cert_file` (None: the key is inside `cert_file`)."""
    server_hostname: str | None = None
    """Name checked against the switch's certificate (None: `host`)."""
    name: str = ""
    """A label for logs and state events ("": `host:port`)."""
    ssl_context: ssl.SSLContext | None = field(default=None, compare=False)
    """A ready client TLS context; when set it is used as is and implies `tls`."""

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ValueError(f"endpoint port {self.port} is outside 1..65535")

    @property
    def label(self) -> str:
        return self.name or f"{self.host}:{self.port}"

    def make_ssl_context(self) -> ssl.SSLContext | None:
        """The client TLS context for this endpoint, or None for plain TCP."""
        if self.ssl_context is not None:
            return self.ssl_context
        if not self.tls:
            return None
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=self.ca_file)
        if self.cert_file:
            context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def __repr__(self) -> str:
        return f"Endpoint({self.label!r}, tls={self.tls or self.ssl_context is not None})"


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkConfig:
    """Everything the CSTA link needs. Times are in seconds."""

    endpoints: tuple[Endpoint, ...]
    """The switch endpoints in priority order (the reference's `ivr_tlink_01`, `ivr_tlink_02`, ...)."""
    username: str
    """CTI user of the application session (AES: a CT user)."""
    password: str
    """Its password. Never logged and masked in the protocol trace."""
    application_id: str = "callwire"
    """`applicationInfo/applicationID` of StartApplicationSession."""
    protocol_version: str = DEFAULT_PROTOCOL_VERSION
    """The requested DMCC/CSTA protocol version (default DMCC 6.1, `.../ed3/priv5`)."""
    session_duration: float = 180.0
    """Requested session duration; the keep-alive runs at half the duration the peer grants."""
    session_cleanup_delay: int = 60
    """How long the peer keeps the session (devices, monitors) after the socket drops, for a re-attach."""
    request_timeout: float = 5.0
    """Default deadline of a request (session start included)."""
    connect_timeout: float = 3.0
    """Deadline of the TCP connect plus TLS handshake to one endpoint."""
    backoff_initial: float = 0.1
    """Pause after the first round of failed connection attempts; doubles each round."""
    backoff_max: float = 5.0
    """Upper bound of that pause."""
    device_id_style: Literal["avaya", "plain"] = "avaya"
    """`avaya`: device IDs come from GetThirdPartyDeviceId (`101:CM::0`); `plain`: the extension is the ID."""
    switch_name: str = "CM"
    """The switch connection name AES knows the Communication Manager by (GetThirdPartyDeviceId/switchName)."""
    max_frame_size: int = MAX_FRAME_SIZE
    """Largest frame accepted or sent, header included (the 16-bit length field caps it at 65 535)."""
    max_in_flight: int = 1000
    """Requests on the wire at once; more wait in order until answers free room. The 4-digit invoke ID
    allows 9,998 (ECMA-354 framing, 9999 is the events' ID), and a window keeps a start-up or a failover
    with thousands of stations from running out of IDs or flooding the switch."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "endpoints", tuple(self.endpoints))
        if not self.endpoints:
            raise ValueError("LinkConfig needs at least one endpoint")
        if self.device_id_style not in ("avaya", "plain"):
            raise ValueError(f"device_id_style must be 'avaya' or 'plain', not {self.device_id_style!r}")
        for name in ("session_duration", "request_timeout", "connect_timeout", "backoff_initial", "backoff_max"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if not 1 <= self.max_in_flight <= MAX_IN_FLIGHT:
            # Room is left for the session's own requests (keep-alive), which never wait for the window.
            raise ValueError(f"max_in_flight must be between 1 and {MAX_IN_FLIGHT}, not {self.max_in_flight}")

    def __repr__(self) -> str:  # the password stays out of logs and tracebacks
        return (
            f"LinkConfig(endpoints={self.endpoints!r}, username={self.username!r}, password='***', "
            f"application_id={self.application_id!r})"
        )
