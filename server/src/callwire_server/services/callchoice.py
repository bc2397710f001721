"""Choosing the call a CallControlService request acts on, and the switch-side helpers every RPC shares.

A request names the extension it acts for; when it does not name the call, the call comes from the call tracker
(`core.calls`): the extension's active (connected) call, its held call or its alerting call, as the switch has
them now (see callcontrol.py's docstring for how the tracker catches up with the switch first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from callwire.common.v1 import enums_pb2 as common_enums_pb2
from callwire.common.v1 import message_pb2 as common_pb2
from callwire_csta import codec as csta

from ..core import Core
from ..store import InvalidValue, UserDataTooLarge
from ..tracker import CallChoice
from ._common import CallwireError, invalid_argument

CS = common_enums_pb2.ConnectionState

_RETRY_AFTER_SYNC = {"NO_ACTIVE_CALL", "NO_HELD_CALL", "INVALID_STATE"}
T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    """What the service needs of a call: a tracker's choice, or a call the client named."""

    call_id: str
    ucid: str
    parties: tuple[str, ...]
    #: The extension's own connection state (NULL when not known: a call the client named).
    state: int = CS.CONNECTION_STATE_NULL


def _view(choice: CallChoice) -> Call:
    return Call(choice.call_id, choice.ucid, choice.parties, choice.state)


def first(calls: list[Call], *states: int) -> Call | None:
    return next((c for c in calls if c.state in states), None)


def ucid_of(response: csta.Message) -> str:
    """The UCID in a response's Avaya private data (`callLinkageData` or the SSC response's own field)."""
    for item in csta.private_items(getattr(response, "extensions", None)):
        linkage = getattr(item, "call_linkage_data", None)
        if isinstance(linkage, csta.CallLinkageData) and linkage.ucid:
            return linkage.ucid
        ucid = getattr(item, "globally_unique_call_linkage_id", None)
        if isinstance(ucid, str) and ucid:
            return ucid
    return ""


def same_device(a: str, b: str) -> bool:
    return a.split(":", 1)[0].strip().upper() == b.split(":", 1)[0].strip().upper()


def unknown_party(err: CallwireError, party: str, message: str) -> CallwireError:
    """The switch's UNKNOWN_EXTENSION restated to name the party it concerns (the switch does not say which)."""
    return CallwireError("UNKNOWN_EXTENSION", message, metadata={**err.metadata, "extension": party}, csta=err.csta)


class CallChoosing:
    """The base of the call-control servicer: call lookup and choice, user data, UCIDs, party device IDs."""

    def __init__(self, core: Core) -> None:
        self.core = core

    # ----------------------------------------------------------------------------------- switch helpers

    def _conn(self, extension: str, call_id: str) -> csta.ConnectionID:
        return csta.ConnectionID(call_id=call_id, device_id=self.core.device_id(extension))

    def _party_device(self, party: str) -> csta.DeviceID:
        """The device ID of a party as the switch names it: a station, or a dynamic trunk ID (`T1234#2`)."""
        if party[:1] in "Tt" and "#" in party:
            return csta.DeviceID(value=party, type_of_number=csta.TypeOfNumber.DYNAMIC)
        if ":" in party:
            return csta.DeviceID(value=party)
        return self.core.device_id(party)

    async def _monitored(self, extension: str) -> None:
        """NOT_MONITORED for a known but unmonitored extension; UNKNOWN_EXTENSION when the switch has none."""
        if extension in self.core.link.monitored:
            return
        await self.core.invoke(csta.SnapshotDevice(snapshot_object=self.core.device_id(extension)), extension=extension)
        self.core.require_monitored(extension)

    async def _user_data(self, data: str, extension: str | None, field: str = "user_data") -> csta.UserData | None:
        """Store `data` and return the CSTA user data carrying its UUI key; None when there is no data."""
        if not data:
            return None
        ttl = await self.core.user_data_limits()
        try:
            key = await self.core.store.set_user_data(data, extension=extension, ttl=ttl)
        except UserDataTooLarge as exc:
            raise CallwireError(
                "USER_DATA_TOO_LARGE",
                f"{field}: user data is {exc.size} bytes, over the limit of {exc.limit} bytes",
                metadata={"size": str(exc.size), "limit": str(exc.limit), "field": field},
            ) from None
        except InvalidValue as exc:
            raise invalid_argument(field if exc.field == "data" else exc.field, exc.message) from None
        return csta.UserData(string=bytes.fromhex(key))

    async def _ucid(self, call_id: str, extension: str) -> str:
        """The UCID of a call by GetCallLinkageData; empty when the switch does not say."""
        try:
            response = await self.core.invoke(
                csta.GetCallLinkageData(call=self._conn(extension, call_id)), extension=extension, call_id=call_id
            )
        except CallwireError as err:
            if err.reason in {"LINK_DOWN", "LINK_TIMEOUT"}:
                raise
            return ""
        linkage = getattr(response, "call_linkage_data", None)
        return (linkage.ucid or "") if isinstance(linkage, csta.CallLinkageData) else ""

    # ------------------------------------------------------------------------------------ call picking

    async def _current(self, extension: str) -> list[Call]:
        """The calls `extension` is on now, most recent first (see the module docstring)."""
        return [_view(c) for c in await self.core.calls.current_choices(extension)]

    async def _synced(self, extension: str, pick: Callable[[list[Call]], T]) -> T:
        """`pick()` from the extension's current calls; when it finds no suitable call, catch up with the switch
        and pick again.

        A client may ask for the next step right after the previous one answered (answer straight after make
        call), before the switch's events about it have reached the tracker. Rather than refuse, the tracker
        resynchronises the extension (a SnapshotDevice, in order with the events) and the pick is retried once;
        a pick that succeeds costs nothing extra.
        """
        try:
            return pick(await self._current(extension))
        except CallwireError as err:
            if err.reason not in _RETRY_AFTER_SYNC:
                raise
        await self.core.calls.resync(extension)
        return pick(await self._current(extension))

    def _named(self, call_id: str) -> Call:
        """The call the client named (the switch refuses it with CALL_NOT_FOUND when it does not exist)."""
        tracked = self.core.calls.call(call_id)
        if tracked is None:
            return Call(call_id, "", ())
        return Call(tracked.call_id, tracked.ucid, tuple(tracked.parties))

    async def _named_or(self, call_id: str, extension: str, pick: Callable[[list[Call]], Call]) -> Call:
        return self._named(call_id) if call_id else await self._synced(extension, pick)

    @staticmethod
    def _active(extension: str, calls: list[Call]) -> Call:
        call = first(calls, CS.CONNECTION_STATE_CONNECTED, CS.CONNECTION_STATE_INITIATED)
        if call is None:
            raise CallwireError(
                "NO_ACTIVE_CALL", f"extension {extension} has no active call", metadata={"extension": extension}
            )
        return call

    @staticmethod
    def _held(extension: str, calls: list[Call], party: str = "") -> Call:
        if party:
            for call in calls:
                on_hold = call.state == CS.CONNECTION_STATE_HOLD
                if on_hold and any(same_device(p, party) for p in call.parties):
                    return call
            raise CallwireError(
                "NO_HELD_CALL",
                f"extension {extension} has no held call with {party} on it",
                metadata={"extension": extension},
            )
        held = first(calls, CS.CONNECTION_STATE_HOLD)
        if held is None:
            raise CallwireError(
                "NO_HELD_CALL", f"extension {extension} has no held call", metadata={"extension": extension}
            )
        return held

    @staticmethod
    def _alerting(extension: str, calls: list[Call]) -> Call:
        call = first(calls, CS.CONNECTION_STATE_ALERTING)
        if call is None:
            raise CallwireError(
                "INVALID_STATE", f"no call is alerting at extension {extension}", metadata={"extension": extension}
            )
        return call

    def _party_on(self, call: Call, party: str, extension: str) -> str:
        """`party` as the call lists it; UNKNOWN_EXTENSION when it is not on the call."""
        if not call.parties:  # the tracker does not know the parties: let the switch decide
            return party
        for p in call.parties:
            if same_device(p, party):
                return p
        raise CallwireError(
            "UNKNOWN_EXTENSION",
            f"{party} is not on call {call.call_id} of extension {extension}",
            metadata={"extension": party, "call_id": call.call_id},
        )

    @staticmethod
    def _ref(call_id: str | None, ucid: str = "") -> common_pb2.CallRef:
        return common_pb2.CallRef(call_id=call_id or "", ucid=ucid)

    @staticmethod
    def _pair(calls: list[Call]) -> tuple[Call | None, Call | None]:
        active = first(calls, CS.CONNECTION_STATE_CONNECTED, CS.CONNECTION_STATE_INITIATED)
        return first(calls, CS.CONNECTION_STATE_HOLD), active

    def _pair_with_active(self, extension: str, calls: list[Call]) -> tuple[Call | None, Call]:
        """The held call (if any) and the active call; NO_ACTIVE_CALL without an active call."""
        held, active = self._pair(calls)
        if active is None:
            raise CallwireError(
                "NO_ACTIVE_CALL", f"extension {extension} has no active call", metadata={"extension": extension}
            )
        return held, active

    def _two_step(self, extension: str, calls: list[Call]) -> tuple[Call, Call]:
        held, active = self._pair(calls)
        if active is None:
            raise CallwireError(
                "NO_ACTIVE_CALL", f"extension {extension} has no active call", metadata={"extension": extension}
            )
        if held is None:
            raise CallwireError(
                "NO_HELD_CALL", f"extension {extension} has no held call", metadata={"extension": extension}
            )
        return held, active

    async def _single_step_conference(
        self, extension: str, device: str, participation: csta.ParticipationType, data: str = ""
    ) -> common_pb2.CallRef:
        call = await self._synced(extension, lambda c: self._active(extension, c))
        user_data = await self._user_data(data, extension)
        try:
            response = await self.core.invoke(
                csta.SingleStepConferenceCall(
                    active_call=self._conn(extension, call.call_id),
                    device_to_join=self._party_device(device),
                    participation_type=participation,
                    user_data=user_data,
                ),
                expect=csta.SingleStepConferenceCallResponse,
                extension=extension,
                call_id=call.call_id,
            )
        except CallwireError as err:
            if err.reason == "UNKNOWN_EXTENSION":
                raise unknown_party(err, device, f"unknown device to join {device}: {err.message}") from None
            raise
        call_id = response.conferenced_call.call_id or call.call_id
        return self._ref(call_id, ucid_of(response) or call.ucid)
