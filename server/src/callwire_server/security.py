"""Who may call what: API key verification with a bounded cache, roles, and the extension scope of keys.

The interceptor (interceptors.py) calls into this module; it holds no policy of its own. The policy is not
written here either: each RPC's `(callwire.common.v1.access)` option in the contracts names its least role,
whether the legacy gateway may call it, and what each field of its request names (a device, a call, a
destination...). This module reads that table from the descriptors and applies one rule per kind of field:

==============  ==================================================================================================
kind            a key scoped to extensions may give
==============  ==================================================================================================
device          one of its extensions
call            a call ID one of its extensions is a party to (per the call tracker; unknown calls are refused)
party           anything: the RPC resolves the party within the call of the request's own `device`
destination     any number its own device dials or sends its call to
remote          any number the server calls without its devices (phantom), except another monitored extension
lookup          any number (directory facts such as the name; no call state)
user_data       a UUI key stored for one of its extensions, or carried by a call one of them is on, last rang or
                released at
unscoped        anything (reviewed: names no device or call)
all_devices     never (a bool set to true, or a repeated field left empty, selects every device)
==============  ==================================================================================================

Key cache: a request's bearer token is looked up by its SHA-256, never by the token itself, so a cache entry
costs the same whatever a client sends. Only keys that verified are cached (for `KEY_CACHE_SECONDS`, and at most
`KEY_CACHE_SIZE` of them, least recently used first out): a stranger's made-up tokens cost a store lookup each,
never memory.

Open streams (`KeyWatch`) are registered by key and ended when their key is revoked or changed, on every
instance. Legacy clients (`AddressRules`): for calls made with the gateway's key, the allow/deny rules apply to
the client it names in `x-callwire-client-address`, fail closed. The legacy console's writes (`check_console`):
the gateway's key may call an RPC marked `gateway_with_console_credentials` only with the console credentials
its legacy client gave, checked here as VerifyConsoleCredentials checks them (`console_credentials_valid`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import importlib
import ipaddress
import logging
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from google.protobuf import descriptor_pool

from callwire.common.v1 import options_pb2

from .errors import CallwireError
from .store import AccessRule, ApiKey, InvalidValue, NotFound, Role, Store, StoreError, UserDataNotFound, is_allowed
from .store.uui import normalise_uui_key

if TYPE_CHECKING:
    from .core import Core

log = logging.getLogger("callwire.security")

#: Seconds a verified key is trusted without asking the store again; a key revoked on another instance is ended
#: by the key watch (see `KeyWatch`) within `key_check_interval`, and RevokeApiKey on this instance evicts it at once.
KEY_CACHE_SECONDS = 5.0
#: Verified keys held at most; a deployment has far fewer keys than this, so eviction only bounds abuse.
KEY_CACHE_SIZE = 10_000


def token_digest(token: str) -> bytes:
    """What the cache is keyed by: a fixed-size digest instead of a token of any length."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class KeyCache:
    """Verified API keys by token digest: bounded (LRU) and short-lived. Failed lookups are never stored.

    An OrderedDict is all an LRU with a deadline needs here; one small class rather than a new dependency.
    """

    def __init__(self, *, size: int = KEY_CACHE_SIZE, seconds: float = KEY_CACHE_SECONDS) -> None:
        self.size = size
        self.seconds = seconds
        self._entries: OrderedDict[bytes, tuple[ApiKey, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, token: str) -> ApiKey | None:
        """The cached key of `token`, or None when not cached (or its time is up)."""
        digest = token_digest(token)
        found = self._entries.get(digest)
        if found is None:
            return None
        key, until = found
        if until <= time.monotonic():
            del self._entries[digest]
            return None
        self._entries.move_to_end(digest)
        return key

    def put(self, token: str, key: ApiKey) -> None:
        digest = token_digest(token)
        self._entries[digest] = (key, time.monotonic() + self.seconds)
        self._entries.move_to_end(digest)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def evict(self, key_id: str) -> None:
        """Forget every token of the key `key_id` (revoked or changed)."""
        for digest in [d for d, (key, _) in self._entries.items() if key.key_id == key_id]:
            del self._entries[digest]

    def refresh(self, current: Mapping[str, ApiKey]) -> None:
        """Drop the entries whose key is gone from `current` (the store's keys), revoked, or changed."""
        for digest, (key, _) in list(self._entries.items()):
            now = current.get(key.key_id)
            if now is None or not now.active or (now.role, now.extensions) != (key.role, key.extensions):
                del self._entries[digest]

    def key_ids(self) -> set[str]:
        return {key.key_id for key, _ in self._entries.values()}

    def clear(self) -> None:
        self._entries.clear()


# ------------------------------------------------------------------------------------------------ the rule table

#: The order of the agent < supervisor < admin ladder. The gateway role is beside it: it may call exactly the
#: RPCs whose access option says `gateway: true`.
ROLE_RANK: Mapping[Role, int] = {Role.AGENT: 0, Role.SUPERVISOR: 1, Role.ADMIN: 2}
_ROLES: Mapping[int, Role] = {
    options_pb2.ACCESS_ROLE_AGENT: Role.AGENT,
    options_pb2.ACCESS_ROLE_SUPERVISOR: Role.SUPERVISOR,
    options_pb2.ACCESS_ROLE_ADMIN: Role.ADMIN,
}
#: The kinds of request fields, as the fields of `callwire.common.v1.Access` name them.
FIELD_KINDS = ("device", "call", "party", "destination", "remote", "lookup", "user_data", "unscoped")
#: Longest value echoed back in an error message or its metadata.
_ECHO_MAX = 64


@dataclass(frozen=True, slots=True)
class RpcAccess:
    """One RPC's row of the table: its `(callwire.common.v1.access)` option."""

    method: str
    min_role: Role
    gateway: bool
    #: The gateway's key may call it with the legacy console credentials (see `check_console`).
    gateway_with_console_credentials: bool
    #: kind (FIELD_KINDS) -> the request field paths of that kind, e.g. "device" -> ("extension",).
    fields: Mapping[str, tuple[str, ...]]
    all_devices: tuple[str, ...]

    def allows_role(self, role: Role) -> bool:
        """Whether the role alone lets a key call the RPC (without the console credentials of `check_console`)."""
        if role is Role.GATEWAY:
            return self.gateway
        return ROLE_RANK[role] >= ROLE_RANK[self.min_role]


def access_of_method(full_name: str) -> RpcAccess | None:
    """The access row of a method by its descriptor name ("callwire.query.v1.QueryService.GetUcid"), or None when
    the method has no option (the completeness test keeps that from happening)."""
    package = full_name.rsplit(".", 2)[0]
    try:
        # The stubs the server runs on do not load the service descriptors; each package's service.proto does.
        importlib.import_module(f"{package}.service_pb2")
        method = descriptor_pool.Default().FindMethodByName(full_name)
    except (ImportError, KeyError):
        return None
    options = method.GetOptions()
    # The generated stubs type extensions as plain FieldDescriptors, which the typed Extensions API refuses.
    if not options.HasExtension(options_pb2.access):  # type: ignore[arg-type]
        return None
    option: options_pb2.Access = options.Extensions[options_pb2.access]  # type: ignore[index]
    role = _ROLES.get(option.min_role)
    if role is None:
        return None
    return RpcAccess(
        method=full_name,
        min_role=role,
        gateway=option.gateway,
        gateway_with_console_credentials=option.gateway_with_console_credentials,
        fields={kind: tuple(getattr(option, kind)) for kind in FIELD_KINDS},
        all_devices=tuple(option.all_devices),
    )


class AccessTable:
    """The rows by gRPC method path ("/callwire.query.v1.QueryService/GetUcid"), read once per method."""

    def __init__(self) -> None:
        self._rows: dict[str, RpcAccess | None] = {}

    def get(self, method: str) -> RpcAccess | None:
        try:
            return self._rows[method]
        except KeyError:
            row = access_of_method(method.lstrip("/").replace("/", "."))
            self._rows[method] = row
            return row


def _echo(value: str) -> str:
    return value if len(value) <= _ECHO_MAX else value[:_ECHO_MAX] + "..."


def field_values(request: Any, path: str) -> list[Any]:
    """The value(s) at a field path of a request: a list with one value, or the items of a repeated field."""
    head, _, rest = path.partition(".")
    value = getattr(request, head)
    if rest:
        return field_values(value, rest)
    if isinstance(value, str | bool | int):
        return [value]
    return list(value)


def _texts(request: Any, path: str) -> Iterable[str]:
    for value in field_values(request, path):
        text = str(value).strip()
        if text:
            yield text


def _denied(message: str, *, field: str, value: str) -> CallwireError:
    return CallwireError(
        "PERMISSION_DENIED",
        f"{message} (field {field}: {_echo(value)!r})",
        metadata={"field": field, "extension": _echo(value)},
    )


# ------------------------------------------------------------------------------------------------ the decisions


def needs_console(key: ApiKey, row: RpcAccess) -> bool:
    """Whether the key may call the RPC only with the legacy console credentials (`check_console` decides)."""
    return key.role is Role.GATEWAY and not row.gateway and row.gateway_with_console_credentials


def check_role(key: ApiKey, row: RpcAccess) -> None:
    if needs_console(key, row):
        return  # `check_console` decides, after the legacy client's address passed the rules
    if not row.allows_role(key.role):
        who = f"role {row.min_role.value} or above" + (" (or the gateway role)" if row.gateway else "")
        raise CallwireError(
            "PERMISSION_DENIED",
            f"{row.method} needs {who}; this key has {key.role.value}",
            metadata={"role": key.role.value},
        )


async def check_scope(core: Core, key: ApiKey, row: RpcAccess, request: Any) -> None:
    """Refuse the request when a field names something outside the key's extensions (see the module's table)."""
    own = frozenset(key.extensions)
    if not own:
        return
    for path in row.all_devices:
        values = field_values(request, path)
        selects_all = values == [True] if len(values) == 1 and isinstance(values[0], bool) else not values
        if selects_all:
            raise CallwireError(
                "PERMISSION_DENIED",
                f"this key is scoped to extensions; name them in `{path}` instead of selecting every device",
                metadata={"field": path},
            )
    for path in row.fields["device"]:
        for value in _texts(request, path):
            if value not in own:
                raise _denied("this key may not act on this device", field=path, value=value)
    for path in row.fields["call"]:
        for value in _texts(request, path):
            if not own & core.calls.devices_on_call(value):
                raise _denied("none of this key's extensions is on this call", field=path, value=value)
    for path in row.fields["remote"]:
        for value in _texts(request, path):
            if value in core.link.monitored and value not in own:
                raise _denied("this key may not call another monitored extension this way", field=path, value=value)
    for path in row.fields["user_data"]:
        for value in _texts(request, path):
            if not await _owns_user_data(core, own, value):
                raise _denied("this key may not use user data of other extensions", field=path, value=value)


async def _owns_user_data(core: Core, own: frozenset[str], uui: str) -> bool:
    """Whether data under `uui` was stored for one of `own`, or rides on a call one of them is on (or last rang or
    released at). An unknown or malformed key is refused like another's, so keys cannot be probed."""
    try:
        wanted = normalise_uui_key(uui)
    except InvalidValue:
        return False

    def same(raw: str) -> bool:
        try:
            return bool(raw) and normalise_uui_key(raw) == wanted
        except InvalidValue:
            return False

    tracker = core.calls
    for extension in own:
        if any(same(call.uui) for call in tracker.calls_at(extension)):
            return True
        alert, hangup = tracker.last_alert(extension), tracker.last_hangup(extension)
        if (alert is not None and same(alert.uui)) or (hangup is not None and same(hangup.uui)):
            return True
    try:
        stored = await core.store.get_user_data(wanted)
    except UserDataNotFound:
        return False
    except StoreError as exc:
        raise CallwireError("INTERNAL", f"cannot check the owner of user data now: {exc}") from None
    return stored.extension in own


# ------------------------------------------------------------------------------------------------ open streams


class StreamGuard:
    """One open stream of a key: ended from outside (revocation, a scope change) with the error it ends with.

    A stream waiting for its next item is woken by cancelling its task, and the interceptor turns that
    cancellation into `ended`; a stream busy writing sees `ended` before it takes the next item.
    """

    def __init__(self, watch: KeyWatch, key: ApiKey, task: asyncio.Task[Any] | None) -> None:
        self._watch = watch
        self.key = key
        self._task = task
        self.ended: CallwireError | None = None
        self.waiting = False

    def end(self, error: CallwireError) -> None:
        if self.ended is not None:
            return
        self.ended = error
        if self.waiting and self._task is not None:
            self._task.cancel()

    def close(self) -> None:
        self._watch._close(self)


class KeyWatch:
    """The open streams by key, and the check that ends them when their key is revoked or changed.

    RevokeApiKey ends a key's streams on its own instance at once (`revoked`); every instance also reads the
    keys of its open streams and cached keys from the shared store every `key_check_interval` seconds (`run`,
    like the extension reconcile of `Core.housekeeping`), so a key revoked through another instance ends here
    within that time, and one whose role or extensions changed ends its streams so they reopen under the new
    scope.
    """

    def __init__(self, store: Store, cache: KeyCache) -> None:
        self.store = store
        self.cache = cache
        self._streams: dict[str, set[StreamGuard]] = {}

    def open(self, key: ApiKey) -> StreamGuard:
        guard = StreamGuard(self, key, asyncio.current_task())
        self._streams.setdefault(key.key_id, set()).add(guard)
        return guard

    def _close(self, guard: StreamGuard) -> None:
        streams = self._streams.get(guard.key.key_id)
        if streams is not None:
            streams.discard(guard)
            if not streams:
                del self._streams[guard.key.key_id]

    @property
    def open_streams(self) -> int:
        return sum(len(s) for s in self._streams.values())

    def revoked(self, key_id: str) -> None:
        """End the key's streams and forget its cache entries now."""
        self.cache.evict(key_id)
        for guard in tuple(self._streams.get(key_id, ())):
            guard.end(CallwireError("UNAUTHENTICATED", "the API key of this stream was revoked"))

    async def check(self) -> None:
        """Compare the keys in use with the store; end what was revoked or changed."""
        watched = set(self._streams) | self.cache.key_ids()
        if not watched:
            return
        current = {key.key_id: key for key in await self.store.list_api_keys(include_revoked=True)}
        self.cache.refresh(current)
        for key_id in watched:
            key = current.get(key_id)
            if key is None or not key.active:
                self.revoked(key_id)
                continue
            for guard in tuple(self._streams.get(key_id, ())):
                if (guard.key.role, guard.key.extensions) != (key.role, key.extensions):
                    guard.end(
                        CallwireError(
                            "PERMISSION_DENIED",
                            "the role or extensions of this stream's API key changed; open the stream again",
                        )
                    )

    async def run(self, stop: asyncio.Event, interval: float) -> None:
        """`check` every `interval` seconds until `stop` is set."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)
            if stop.is_set():
                return
            try:
                await self.check()
            except StoreError as exc:  # the store may be briefly unreachable; the cache still expires keys
                log.warning("cannot check the API keys of open streams now: %s", exc)
            except Exception:  # never let one bad round stop the watch for the life of the server
                log.exception("API key check failed")


# ------------------------------------------------------------------------------------------------ legacy clients

#: gRPC metadata with which the legacy gateway names the legacy client it calls for.
CLIENT_ADDRESS_HEADER = "x-callwire-client-address"
#: Seconds the allow/deny rules are reused before they are read from the shared store again.
ADDRESS_RULES_SECONDS = 2.0


class AddressRules:
    """The store's allow/deny rules (the reference's whitelist/blacklist) for the legacy clients the gateway calls
    for, re-read every `seconds`. Fail closed: when the rules cannot be read, every legacy client is refused."""

    def __init__(self, store: Store, *, seconds: float = ADDRESS_RULES_SECONDS) -> None:
        self.store = store
        self.seconds = seconds
        self._rules: list[AccessRule] | None = None
        self._until = 0.0
        self._lock = asyncio.Lock()

    def invalidate(self) -> None:
        self._until = 0.0

    async def _current(self) -> list[AccessRule]:
        if time.monotonic() < self._until and self._rules is not None:
            return self._rules
        async with self._lock:  # one store read for the requests that arrive together
            if time.monotonic() >= self._until or self._rules is None:
                try:
                    self._rules = await self.store.list_access_rules()
                except StoreError as exc:
                    self._rules = None
                    raise CallwireError(
                        "PERMISSION_DENIED",
                        "the access rules for legacy clients cannot be read now, so none is let in (fail closed)",
                    ) from exc
                self._until = time.monotonic() + self.seconds
            return self._rules

    async def check(self, address: str) -> None:
        """Refuse unless the rules let a legacy client at `address` in."""
        rules = await self._current()
        try:
            allowed = is_allowed(rules, address.split("%", 1)[0])
        except InvalidValue:
            raise CallwireError(
                "PERMISSION_DENIED",
                f"legacy client address {_echo(address)!r} is not an IP address",
                metadata={"field": CLIENT_ADDRESS_HEADER},
            ) from None
        if not allowed:
            raise CallwireError(
                "PERMISSION_DENIED",
                f"legacy client address {_echo(address)} is not allowed by the access rules",
                metadata={"field": CLIENT_ADDRESS_HEADER},
            )


def client_address(key: ApiKey, metadata: Iterable[tuple[str, str | bytes]] | None) -> str:
    """The legacy client the gateway's key calls for (`x-callwire-client-address`); "" for any other key, whose
    header is ignored, and for the gateway's own calls."""
    if key.role is not Role.GATEWAY:
        return ""
    for name, value in metadata or ():
        if name == CLIENT_ADDRESS_HEADER:
            return value if isinstance(value, str) else value.decode("ascii", "replace")
    return ""


def principal(key: ApiKey, metadata: Iterable[tuple[str, str | bytes]] | None) -> str:
    """Whom a request acts for: the key, and for the gateway's key also the legacy client, so that two legacy
    clients behind one gateway never share what is kept per caller (the idempotency of x-request-id)."""
    address = client_address(key, metadata)
    return f"{key.key_id}@{address}" if address else key.key_id


async def check_client(core: Core, key: ApiKey, address: str) -> None:
    """For the gateway's key, the allow/deny rules on the legacy client it calls for. Only the gateway's key may
    speak for a legacy client: the header from any other key is ignored. A gateway call without it is the
    gateway's own (its rules read, its process-wide event stream)."""
    if key.role is Role.GATEWAY and address:
        await core.address_rules.check(address)


# ------------------------------------------------------------------------------------------------ the legacy console

#: The reference's console account (tcpgate/tcpgate01) until the `console_*` settings change it.
DEFAULT_CONSOLE_USER = "tcpgate"
DEFAULT_CONSOLE_PASSWORD = "tcpgate01"
#: gRPC metadata with which the legacy gateway passes on the console credentials its legacy client gave, on the
#: RPCs marked `gateway_with_console_credentials`. Binary headers (UTF-8 text): a user name or an encrypted
#: password of any characters and length travels as it is, so the check sees exactly what the client sent.
CONSOLE_USER_HEADER = "x-callwire-console-user-bin"
CONSOLE_PASSWORD_HEADER = "x-callwire-console-password-bin"


def peer_address(context: Any) -> str:
    """The client's IP address from the gRPC peer string (`ipv4:1.2.3.4:5`, `ipv6:[::1]:5`)."""
    peer = context.peer() or ""
    kind, _, rest = peer.partition(":")
    if kind == "ipv4":
        return rest.rsplit(":", 1)[0]
    if kind == "ipv6":
        return rest.rsplit(":", 1)[0].strip("[]")
    return ""


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def client_is_local(context: Any) -> bool:
    """Whether the caller is on this machine: a loopback (or Unix socket) peer, and, when it calls for a legacy
    client (`x-callwire-client-address`), that client is on loopback too."""
    peer = context.peer() or ""
    if not (peer.startswith("unix:") or _is_loopback(peer_address(context))):
        return False
    for key, value in context.invocation_metadata() or ():
        if key == CLIENT_ADDRESS_HEADER:
            text = value if isinstance(value, str) else value.decode("ascii", "replace")
            if not _is_loopback(text):
                return False
    return True


async def console_credentials_valid(store: Store, username: str, token: str, context: Any) -> bool:
    """Whether `username` and `token` (a password encrypted by EncryptPassword) are the console account's: the
    check of VerifyConsoleCredentials, and of the gateway's calls that carry the credentials. The default account
    works only from this machine (`client_is_local`); elsewhere it is refused with PERMISSION_DENIED."""
    expected_user = await store.get_setting_value("console_username", DEFAULT_CONSOLE_USER)
    try:
        expected_password = await store.reveal_setting("console_password")
    except NotFound:
        # The reference's password is printed in its manual: good for a demo on this machine, an open door
        # anywhere else.
        if not client_is_local(context):
            raise CallwireError(
                "PERMISSION_DENIED",
                "the default console password works only from this machine (loopback); set your own with "
                "`callwire ctl update parameter console_password NEW_PASSWORD`",
            ) from None
        expected_password = DEFAULT_CONSOLE_PASSWORD
    return hmac.compare_digest(username, expected_user or "") and store.secrets.check_password(token, expected_password)


def _console_header(metadata: Iterable[tuple[str, str | bytes]], name: str) -> str | None:
    for key, value in metadata:
        if key == name:
            try:
                return value.decode("utf-8") if isinstance(value, bytes) else value
            except UnicodeDecodeError:
                raise CallwireError(
                    "PERMISSION_DENIED", f"metadata {name} is not UTF-8 text", metadata={"field": name}
                ) from None
    return None


async def check_console(core: Core, key: ApiKey, row: RpcAccess, context: Any) -> None:
    """For the gateway's key on an RPC marked `gateway_with_console_credentials`: refuse unless the call carries
    the legacy console credentials and they are right. Any other key and RPC pass (`check_role` decided)."""
    if not needs_console(key, row):
        return
    metadata = tuple(context.invocation_metadata() or ())
    username = _console_header(metadata, CONSOLE_USER_HEADER)
    token = _console_header(metadata, CONSOLE_PASSWORD_HEADER)
    if not username or not token:
        raise CallwireError(
            "PERMISSION_DENIED",
            f"{row.method} needs role {row.min_role.value} or above, or the gateway role with the legacy console "
            f"credentials (metadata {CONSOLE_USER_HEADER} and {CONSOLE_PASSWORD_HEADER}); this key has gateway "
            "and the call carries none",
            metadata={"role": key.role.value, "field": CONSOLE_PASSWORD_HEADER if username else CONSOLE_USER_HEADER},
        )
    if not await console_credentials_valid(core.store, username, token, context):
        raise CallwireError(
            "PERMISSION_DENIED",
            f"{row.method} with the gateway role: the legacy console credentials are wrong",
            metadata={"role": key.role.value, "field": CONSOLE_PASSWORD_HEADER},
        )
