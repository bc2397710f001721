"""AdminService: the ctiSVR console's abilities (extensions, allow/deny lists, address map, parameters,
genpass, svrinfo, link status, live trace) plus API keys, on the shared store so every instance agrees."""

from __future__ import annotations

import asyncio
import ipaddress
import platform
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf import duration_pb2, timestamp_pb2

from callwire.admin.v1 import enums_pb2, message_pb2, service_pb2, service_pb2_grpc
from callwire.admin.v1 import request_response_pb2 as rr
from callwire.common.v1 import enums_pb2 as common_enums
from callwire_csta.link import LinkState

from ..core import Core
from ..errors import CallwireError
from ..security import console_credentials_valid, peer_address
from ..store import AccessKind, AlreadyExists, ApiKey, InvalidValue, NotFound, Role, StoreError
from ..telemetry import INSTANCE_ID
from ._common import extension_of, invalid_argument, require

TRACE_QUEUE = 2_000


@dataclass(frozen=True)
class KnownSetting:
    description: str
    secret: bool = False
    restart_required: bool = False
    kind: type = str


#: The named parameters UpdateSetting accepts (the reference's `update parameter NAME VALUE`).
SETTINGS: dict[str, KnownSetting] = {
    "user_data_max_size": KnownSetting("largest user data in bytes (the reference's ivr_custdatamaxsize)", kind=int),
    "user_data_ttl": KnownSetting("seconds user data is kept after it is set", kind=int),
    "phantom_max_duration": KnownSetting("longest MakePhantomCall/VerifyPin wait, seconds", kind=int),
    "console_username": KnownSetting("console user of legacy addextension/delextension (default tcpgate)"),
    "console_password": KnownSetting(
        "its password (default tcpgate01); legacy clients send it genpass-encrypted", secret=True
    ),
    "license_company": KnownSetting("shown by GetServerInfo (legacy svrinfo licensecompany)"),
    "license_count": KnownSetting("shown by GetServerInfo (legacy svrinfo licensecount)"),
    "license_type": KnownSetting("shown by GetServerInfo (legacy svrinfo licensetype)"),
    **{
        f"aes_link_{n:02d}": KnownSetting(
            "AES endpoint `host:port[:tls],username,encrypted_password` (password from EncryptPassword), "
            "priority by number (the reference's ivr_tlink_NN)",
            secret=True,
            restart_required=True,
        )
        for n in range(1, 10)
    },
}

_KIND_TO_STORE = {enums_pb2.ACCESS_RULE_KIND_ALLOW: AccessKind.ALLOW, enums_pb2.ACCESS_RULE_KIND_DENY: AccessKind.DENY}
_KIND_FROM_STORE = {v: k for k, v in _KIND_TO_STORE.items()}
_ROLE_TO_STORE = {
    enums_pb2.API_KEY_ROLE_AGENT: Role.AGENT,
    enums_pb2.API_KEY_ROLE_SUPERVISOR: Role.SUPERVISOR,
    enums_pb2.API_KEY_ROLE_ADMIN: Role.ADMIN,
    enums_pb2.API_KEY_ROLE_GATEWAY: Role.GATEWAY,
}
_ROLE_FROM_STORE = {v: k for k, v in _ROLE_TO_STORE.items()}


def _ts(when: datetime | float | None) -> timestamp_pb2.Timestamp | None:
    if when is None:
        return None
    out = timestamp_pb2.Timestamp()
    if isinstance(when, datetime):
        out.FromDatetime(when if when.tzinfo else when.replace(tzinfo=UTC))
    else:
        out.FromNanoseconds(int(when * 1e9))
    return out


def _extension_order(extension: str) -> tuple[int, int | str]:
    """Dial plans are numeric: 101 before 1001; anything else after, alphabetically."""
    return (0, int(extension)) if extension.isdigit() else (1, extension)


def _store_error(exc: StoreError, field: str) -> CallwireError:
    if isinstance(exc, AlreadyExists):
        return CallwireError("ALREADY_EXISTS", str(exc), metadata={"field": field})
    if isinstance(exc, NotFound):
        return CallwireError("NOT_FOUND", str(exc), metadata={"field": field})
    if isinstance(exc, InvalidValue):
        return invalid_argument(getattr(exc, "field", field) or field, str(exc))
    return CallwireError("INTERNAL", f"store failure: {exc}")


class AdminServicer(service_pb2_grpc.AdminServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core

    # ------------------------------------------------------------------------------ extensions

    async def GetMyExtension(self, request: rr.GetMyExtensionRequest, context: Any) -> rr.GetMyExtensionResponse:
        address = request.address.strip() or peer_address(context)
        if not address:
            raise invalid_argument("address", "the caller's address is unknown; give `address`")
        try:
            extension = await self.core.store.extension_for_address(address)
        except StoreError as exc:
            raise _store_error(exc, "address") from None
        if extension is None:
            raise CallwireError("NOT_FOUND", f"no extension is mapped to {address}", metadata={"field": "address"})
        return rr.GetMyExtensionResponse(extension=extension, address=address)

    async def ListExtensions(self, request: rr.ListExtensionsRequest, context: Any) -> rr.ListExtensionsResponse:
        # The effective set, not only the store's list: the configuration's extensions (the demo stations of the
        # embedded default) and run-time monitors are monitored too, and an operator asks what is monitored.
        sources: dict[str, enums_pb2.ExtensionSource] = dict.fromkeys(
            self.core.config.monitor, enums_pb2.EXTENSION_SOURCE_CONFIG
        )
        for extension in await self.core.store.list_extensions():
            sources.setdefault(extension, enums_pb2.EXTENSION_SOURCE_STORE)
        for extension in self.core.link.monitored:
            sources.setdefault(extension, enums_pb2.EXTENSION_SOURCE_RUNTIME)
        return rr.ListExtensionsResponse(
            extensions=[self._monitored_extension(e, sources[e]) for e in sorted(sources, key=_extension_order)]
        )

    def _monitored_extension(self, extension: str, source: enums_pb2.ExtensionSource) -> message_pb2.MonitoredExtension:
        link = self.core.link
        failure = link.monitor_failure(extension)
        if link.monitor_active(extension):
            state, reason = enums_pb2.MONITOR_STATE_MONITORED, ""
        elif extension in link.monitored:
            state = enums_pb2.MONITOR_STATE_PENDING
            reason = "link down" if link.state is not LinkState.UP else "monitor being started"
        elif failure is not None:
            state, reason = enums_pb2.MONITOR_STATE_FAILED, failure
        else:  # a store entry another instance added, picked up by the next housekeeping round
            state, reason = enums_pb2.MONITOR_STATE_PENDING, "not started yet"
        return message_pb2.MonitoredExtension(
            extension=extension,
            monitored=state == enums_pb2.MONITOR_STATE_MONITORED,
            reason=reason,
            source=source,
            monitor_state=state,
        )

    async def AddExtension(self, request: rr.AddExtensionRequest, context: Any) -> rr.AddExtensionResponse:
        extension = extension_of(request)
        try:
            added = await self.core.store.add_extension(extension)
        except StoreError as exc:
            raise _store_error(exc, "extension") from None
        if not added:
            raise CallwireError(
                "ALREADY_EXISTS", f"extension {extension} is already configured", metadata={"field": "extension"}
            )
        try:
            await self.core.monitor(extension)
        except CallwireError as exc:
            if exc.reason == "UNKNOWN_EXTENSION":
                await self.core.store.delete_extension(extension)
                raise
            # link down: monitored when it comes back
        source = (
            enums_pb2.EXTENSION_SOURCE_CONFIG
            if extension in self.core.config.monitor
            else enums_pb2.EXTENSION_SOURCE_STORE
        )
        return rr.AddExtensionResponse(extension=self._monitored_extension(extension, source))

    async def DeleteExtension(self, request: rr.DeleteExtensionRequest, context: Any) -> rr.DeleteExtensionResponse:
        extension = extension_of(request)
        if not await self.core.store.delete_extension(extension):
            raise CallwireError(
                "NOT_FOUND", f"extension {extension} is not configured", metadata={"field": "extension"}
            )
        if extension not in self.core.config.monitor:
            try:
                await self.core.unmonitor(extension)
            except CallwireError as exc:
                if exc.reason not in ("LINK_DOWN", "LINK_TIMEOUT"):
                    raise
        return rr.DeleteExtensionResponse()

    # ------------------------------------------------------------------------------ access rules

    async def ListAccessRules(self, request: rr.ListAccessRulesRequest, context: Any) -> rr.ListAccessRulesResponse:
        rules = await self.core.store.list_access_rules()
        return rr.ListAccessRulesResponse(
            rules=[message_pb2.AccessRule(kind=_KIND_FROM_STORE[r.kind], address=r.address, name=r.name) for r in rules]
        )

    async def AddAccessRule(self, request: rr.AddAccessRuleRequest, context: Any) -> rr.AddAccessRuleResponse:
        rule = request.rule
        kind = _KIND_TO_STORE.get(rule.kind)
        if kind is None:
            raise invalid_argument("rule.kind", "give ACCESS_RULE_KIND_ALLOW or ACCESS_RULE_KIND_DENY")
        address = require(rule.address, "rule.address")
        try:
            added = await self.core.store.add_access_rule(kind, address, rule.name)
        except StoreError as exc:
            raise _store_error(exc, "rule.address") from None
        if not added:
            raise CallwireError(
                "ALREADY_EXISTS", f"{kind.value} rule for {address} already exists", metadata={"field": "rule.address"}
            )
        normalised = str(ipaddress.ip_network(address, strict=False)) if "/" in address else address
        self.core.address_rules.invalidate()  # at once here; other instances within their few seconds
        return rr.AddAccessRuleResponse(rule=message_pb2.AccessRule(kind=rule.kind, address=normalised, name=rule.name))

    async def DeleteAccessRule(self, request: rr.DeleteAccessRuleRequest, context: Any) -> rr.DeleteAccessRuleResponse:
        address = require(request.address, "address")
        kinds = [_KIND_TO_STORE[request.kind]] if request.kind in _KIND_TO_STORE else list(AccessKind)
        deleted = False
        for kind in kinds:
            try:
                deleted |= await self.core.store.delete_access_rule(kind, address)
            except StoreError as exc:
                raise _store_error(exc, "address") from None
        if not deleted:
            raise CallwireError("NOT_FOUND", f"no access rule for {address}", metadata={"field": "address"})
        self.core.address_rules.invalidate()
        return rr.DeleteAccessRuleResponse()

    # ------------------------------------------------------------------------------ address map

    async def ListAddressMappings(
        self, request: rr.ListAddressMappingsRequest, context: Any
    ) -> rr.ListAddressMappingsResponse:
        mappings = await self.core.store.list_address_map()
        return rr.ListAddressMappingsResponse(
            mappings=[message_pb2.AddressMapping(address=m.address, extension=m.extension) for m in mappings]
        )

    async def SetAddressMapping(
        self, request: rr.SetAddressMappingRequest, context: Any
    ) -> rr.SetAddressMappingResponse:
        address = require(request.mapping.address, "mapping.address")
        extension = extension_of(request.mapping, "extension")
        try:
            await self.core.store.map_address(address, extension)
        except StoreError as exc:
            raise _store_error(exc, "mapping.address") from None
        return rr.SetAddressMappingResponse(mapping=message_pb2.AddressMapping(address=address, extension=extension))

    async def DeleteAddressMapping(
        self, request: rr.DeleteAddressMappingRequest, context: Any
    ) -> rr.DeleteAddressMappingResponse:
        address = require(request.address, "address")
        try:
            deleted = await self.core.store.unmap_address(address)
        except StoreError as exc:
            raise _store_error(exc, "address") from None
        if not deleted:
            raise CallwireError("NOT_FOUND", f"no mapping for {address}", metadata={"field": "address"})
        return rr.DeleteAddressMappingResponse()

    # ------------------------------------------------------------------------------ settings and links

    async def ListSettings(self, request: rr.ListSettingsRequest, context: Any) -> rr.ListSettingsResponse:
        stored = {s.name: s for s in await self.core.store.list_settings()}
        out = []
        for name, known in SETTINGS.items():
            found = stored.get(name)
            out.append(
                message_pb2.Setting(
                    name=name,
                    value="" if known.secret or found is None else (found.value or ""),
                    secret=known.secret,
                    value_set=found is not None,
                    description=known.description,
                    restart_required=known.restart_required,
                )
            )
        return rr.ListSettingsResponse(settings=out)

    async def UpdateSetting(self, request: rr.UpdateSettingRequest, context: Any) -> rr.UpdateSettingResponse:
        name = require(request.name, "name")
        known = SETTINGS.get(name)
        if known is None:
            raise CallwireError(
                "NOT_FOUND", f"unknown setting {name!r}; ListSettings shows the names", metadata={"field": "name"}
            )
        value = request.value.strip()
        if known.kind is int and not value.isdigit():
            raise invalid_argument("value", f"{name} takes a whole number, got {request.value!r}")
        if name.startswith("aes_link_") and value:
            host_port, _, rest = value.partition(",")
            user, _, password = rest.partition(",")
            if not host_port or not user or not password:
                raise invalid_argument("value", "expected `host:port[:tls],username,encrypted_password`")
            try:
                self.core.store.secrets.decrypt(password)
            except Exception:
                raise invalid_argument("value", "the password must be the output of EncryptPassword") from None
        await self.core.store.set_setting(name, value, secret=known.secret)
        return rr.UpdateSettingResponse(
            setting=message_pb2.Setting(
                name=name,
                value="" if known.secret else value,
                secret=known.secret,
                value_set=True,
                description=known.description,
                restart_required=known.restart_required,
            )
        )

    async def ListLinks(self, request: rr.ListLinksRequest, context: Any) -> rr.ListLinksResponse:
        link = self.core.link
        active = link.active_endpoint
        out = []
        for endpoint in link.config.endpoints:
            label = endpoint.label
            if endpoint == active and link.state is LinkState.UP:
                state = common_enums.LINK_STATE_UP
            elif link.state is LinkState.CONNECTING:
                state = common_enums.LINK_STATE_CONNECTING
            else:
                state = (
                    common_enums.LINK_STATE_DOWN
                    if endpoint == active or active is None
                    else common_enums.LINK_STATE_STANDBY
                )
            changed, error = self.core.link_history.get(label, (0.0, ""))
            out.append(
                message_pb2.Link(
                    name=label,
                    endpoint=f"{'tls' if endpoint.tls else 'tcp'}://{endpoint.host}:{endpoint.port}",
                    state=state,
                    session_id=(link.session_id or "") if endpoint == active else "",
                    state_change_time=_ts(changed) if changed else None,
                    last_error=error,
                )
            )
        return rr.ListLinksResponse(links=out)

    # ------------------------------------------------------------------------------ API keys and passwords

    async def CreateApiKey(self, request: rr.CreateApiKeyRequest, context: Any) -> rr.CreateApiKeyResponse:
        name = require(request.name, "name")
        role = _ROLE_TO_STORE.get(request.role)
        if role is None:
            raise invalid_argument("role", "give API_KEY_ROLE_AGENT, _SUPERVISOR, _ADMIN or _GATEWAY")
        try:
            created = await self.core.store.create_api_key(name, role, list(request.extensions) or None)
        except StoreError as exc:
            raise _store_error(exc, "name") from None
        return rr.CreateApiKeyResponse(key=self._key(created.key), secret=created.secret)

    @staticmethod
    def _key(key: ApiKey) -> message_pb2.ApiKey:
        return message_pb2.ApiKey(
            key_id=key.key_id,
            name=key.name,
            role=_ROLE_FROM_STORE[key.role],
            extensions=list(key.extensions or ()),
            create_time=_ts(key.created_at),
        )

    async def ListApiKeys(self, request: rr.ListApiKeysRequest, context: Any) -> rr.ListApiKeysResponse:
        keys = await self.core.store.list_api_keys(include_revoked=False)
        return rr.ListApiKeysResponse(keys=[self._key(k) for k in keys])

    async def RevokeApiKey(self, request: rr.RevokeApiKeyRequest, context: Any) -> rr.RevokeApiKeyResponse:
        key_id = require(request.key_id, "key_id")
        try:
            revoked = await self.core.store.revoke_api_key(key_id)
        except StoreError as exc:
            raise _store_error(exc, "key_id") from None
        if not revoked:
            raise CallwireError("NOT_FOUND", f"no active API key {key_id}", metadata={"field": "key_id"})
        self.core.key_watch.revoked(key_id)  # at once here; other instances within their key_check_interval
        return rr.RevokeApiKeyResponse()

    async def EncryptPassword(self, request: rr.EncryptPasswordRequest, context: Any) -> rr.EncryptPasswordResponse:
        if not request.password:
            raise invalid_argument("password", "is required")
        return rr.EncryptPasswordResponse(encrypted_password=self.core.store.secrets.encrypt(request.password))

    async def VerifyConsoleCredentials(
        self, request: rr.VerifyConsoleCredentialsRequest, context: Any
    ) -> rr.VerifyConsoleCredentialsResponse:
        username = require(request.username, "username")
        token = require(request.encrypted_password, "encrypted_password")
        valid = await console_credentials_valid(self.core.store, username, token, context)
        return rr.VerifyConsoleCredentialsResponse(valid=valid)

    # ------------------------------------------------------------------------------ server info and trace

    async def GetServerInfo(self, request: rr.GetServerInfoRequest, context: Any) -> rr.GetServerInfoResponse:
        values = {s.name: s.value or "" for s in await self.core.store.list_settings() if not s.secret}
        uptime = duration_pb2.Duration()
        uptime.FromNanoseconds(int((time.time() - self.core.started_at) * 1e9))
        return rr.GetServerInfoResponse(
            version=f"Callwire {self.core.config.version}",
            build=f"python {platform.python_version()}",
            start_time=_ts(self.core.started_at),
            uptime=uptime,
            instance_id=INSTANCE_ID,
            license_company=values.get("license_company", ""),
            license_count=values.get("license_count", ""),
            license_type=values.get("license_type", "open source"),
        )

    async def StreamProtocolTrace(
        self, request: rr.StreamProtocolTraceRequest, context: Any
    ) -> AsyncIterator[rr.StreamProtocolTraceResponse]:
        devices = [d.strip() for d in request.devices if d.strip()]
        needles = [d.encode() for d in devices]
        queue: asyncio.Queue[rr.StreamProtocolTraceResponse] = asyncio.Queue(TRACE_QUEUE)
        missed = 0
        link = self.core.link

        matched: set[int] = set()  # requests that named a traced device: their answers are traced too

        def on_frame(direction: str, invoke_id: int, xml: bytes) -> None:
            nonlocal missed
            if needles:
                if any(n in xml for n in needles):
                    if direction == "out":
                        matched.add(invoke_id)
                elif direction == "in" and invoke_id in matched:
                    matched.discard(invoke_id)
                else:
                    return
            if missed:
                missed += 1
                return
            endpoint = link.active_endpoint
            item = rr.StreamProtocolTraceResponse(
                direction=enums_pb2.TRACE_DIRECTION_SENT if direction == "out" else enums_pb2.TRACE_DIRECTION_RECEIVED,
                invoke_id=f"{invoke_id:04d}",
                time=_ts(time.time()),
                xml=xml.decode("utf-8", "replace"),
                link=endpoint.label if endpoint else "",
            )
            try:
                queue.put_nowait(item)
            except asyncio.QueueFull:
                missed = 1

        self.core.add_trace_subscriber(on_frame)
        try:
            while True:
                if missed:
                    raise CallwireError(
                        "STREAM_OVERFLOW",
                        f"the trace client read too slowly; {missed} frames were dropped",
                        metadata={"missed": str(missed)},
                    )
                if self.core.shutting_down:
                    raise CallwireError("SHUTTING_DOWN", "the server is shutting down")
                try:
                    item = await asyncio.wait_for(queue.get(), 0.5)
                except TimeoutError:
                    continue
                yield item
        finally:
            self.core.remove_trace_subscriber(on_frame)


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_AdminServiceServicer_to_server(AdminServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["AdminService"].full_name
