"""UserDataService: user data passed between applications with a call, like the legacy uuiSVR.

Set/Get/Update work on the store (`Store.set_user_data` and friends): the data lives under a UUI key that
rides on the call. GetAlertUserData and GetHangupUserData answer from the call tracker: the last call that
alerted at the extension with its call fields, and the last call released there with its hang-up data.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import grpc
from google.protobuf import timestamp_pb2

from callwire.common.v1 import message_pb2 as common_pb2
from callwire.userdata.v1 import message_pb2, service_pb2, service_pb2_grpc
from callwire.userdata.v1 import request_response_pb2 as rr

from ..core import Core
from ..store import InvalidValue, StoreError, UserDataNotFound, UserDataTooLarge
from ..store.uui import normalise_uui_key
from ._common import CallwireError, extension_of, invalid_argument, require

log = logging.getLogger("callwire.userdata")


def _timestamp(when: datetime | None) -> timestamp_pb2.Timestamp | None:
    if when is None:
        return None
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(when.astimezone(UTC))
    return stamp


def _too_large(exc: UserDataTooLarge) -> CallwireError:
    return CallwireError(
        "USER_DATA_TOO_LARGE",
        f"data: user data is {exc.size} bytes, over the limit of {exc.limit} bytes",
        metadata={"size": str(exc.size), "limit": str(exc.limit)},
    )


def _not_found(key: str) -> CallwireError:
    return CallwireError(
        "USER_DATA_NOT_FOUND", f"no user data under UUI key {key} (never set, or expired)", metadata={"uui": key}
    )


def _store_failure(exc: StoreError) -> CallwireError:
    if isinstance(exc, UserDataTooLarge):
        return _too_large(exc)
    if isinstance(exc, InvalidValue):
        return invalid_argument(exc.field, exc.message)
    return CallwireError("INTERNAL", f"the user data store failed: {exc}")


class UserDataServicer(service_pb2_grpc.UserDataServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core

    # ------------------------------------------------------------------------------------------ helpers

    @staticmethod
    def _scope_extension(request: object) -> str | None:
        """The optional `extension` of a request (checked against the key's scope by the interceptor)."""
        if not str(getattr(request, "extension", "")).strip():
            return None
        return extension_of(request)

    @staticmethod
    def _key(request: object) -> str:
        value = require(str(getattr(request, "uui", "")), "uui")
        try:
            return normalise_uui_key(value, "uui")
        except InvalidValue as exc:
            raise invalid_argument("uui", exc.message) from None

    def _monitored(self, request: object) -> str:
        extension = extension_of(request)
        self.core.require_monitored(extension)
        return extension

    async def _current_data(self, uui: str, fallback: str) -> str:
        """What a Callwire UUI key points to now ("" once it expired); `fallback` (the tracker's value from
        the event) when the UUI is no Callwire key or the store cannot be read."""
        try:
            key = normalise_uui_key(uui)
        except InvalidValue:
            return fallback
        try:
            return (await self.core.store.get_user_data(key)).data
        except UserDataNotFound:
            return ""
        except StoreError as exc:
            log.debug("user data of UUI %s not readable now: %s", key, exc)
            return fallback

    # ------------------------------------------------------------------------------------- by UUI key

    async def SetUserData(self, request: rr.SetUserDataRequest, context: Any) -> rr.SetUserDataResponse:
        if not request.data:
            raise invalid_argument("data", "is required")
        extension = self._scope_extension(request)
        try:
            ttl = await self.core.user_data_limits()
            key = await self.core.store.set_user_data(request.data, extension=extension, ttl=ttl)
            stored = await self.core.store.get_user_data(key)
        except StoreError as exc:
            raise _store_failure(exc) from None
        return rr.SetUserDataResponse(uui=key, expire_time=_timestamp(stored.expires_at))

    async def GetUserData(self, request: rr.GetUserDataRequest, context: Any) -> rr.GetUserDataResponse:
        key = self._key(request)
        self._scope_extension(request)
        try:
            stored = await self.core.store.get_user_data(key)
        except UserDataNotFound:
            raise _not_found(key) from None
        except StoreError as exc:
            raise _store_failure(exc) from None
        return rr.GetUserDataResponse(data=stored.data, expire_time=_timestamp(stored.expires_at))

    async def UpdateUserData(self, request: rr.UpdateUserDataRequest, context: Any) -> rr.UpdateUserDataResponse:
        key = self._key(request)
        self._scope_extension(request)
        # Empty data is allowed here: it clears the entry's content while keeping the key valid.
        try:
            ttl = await self.core.user_data_limits()
            stored = await self.core.store.update_user_data(key, request.data, ttl=ttl)
        except UserDataNotFound:
            raise _not_found(key) from None
        except StoreError as exc:
            raise _store_failure(exc) from None
        return rr.UpdateUserDataResponse(expire_time=_timestamp(stored.expires_at))

    # --------------------------------------------------------------------------------- from the calls

    async def GetAlertUserData(self, request: rr.GetAlertUserDataRequest, context: Any) -> rr.GetAlertUserDataResponse:
        extension = self._monitored(request)
        alert = self.core.calls.last_alert(extension)
        if alert is None:
            raise CallwireError(
                "INVALID_STATE",
                f"no call has alerted at {extension} since it was monitored",
                metadata={"extension": extension},
            )
        user_data = await self._current_data(alert.uui, alert.user_data) if alert.uui else alert.user_data
        return rr.GetAlertUserDataResponse(
            call=common_pb2.CallRef(call_id=alert.call_id, ucid=alert.ucid),
            call_data=message_pb2.AlertCallData(
                calling=alert.calling,
                called=alert.called,
                alerting=alert.alerting,
                cli=alert.cli,
                dnis=alert.dnis,
                uec=alert.uec,
                split=alert.split,
                trunk_group=alert.trunk_group,
                trunk_member=alert.trunk_member,
            ),
            user_data=user_data,
        )

    async def GetHangupUserData(
        self, request: rr.GetHangupUserDataRequest, context: Any
    ) -> rr.GetHangupUserDataResponse:
        extension = self._monitored(request)
        hangup = self.core.calls.last_hangup(extension)
        if hangup is None:
            raise CallwireError(
                "INVALID_STATE",
                f"no call has been released at {extension} since it was monitored",
                metadata={"extension": extension},
            )
        return rr.GetHangupUserDataResponse(
            call=common_pb2.CallRef(call_id=hangup.call_id, ucid=hangup.ucid),
            releasing=hangup.releasing,
            user_data=hangup.user_data,
        )


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_UserDataServiceServicer_to_server(UserDataServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["UserDataService"].full_name
