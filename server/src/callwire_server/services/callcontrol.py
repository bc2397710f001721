"""CallControlService: third-party call control of monitored extensions (ECMA-323 call control over the link).

A request names the extension it acts for; when it does not name the call, the call comes from the call
tracker (`core.calls`), which follows the switch's events: the extension's active (connected) call, its held
call or its alerting call. The call chosen must be the one the switch has now, although the switch answers
a request before its events about it arrive and events may still wait in the tracker: the tracker first
takes what it has received (`settle`), asks the switch when the extension's events still wait, and knows from
this service's own responses which call was just started (`note_originated`) and which the extension just
left (`note_released`). Connection IDs carry the call ID and the switch's device ID of the extension.

User data (`user_data` fields) is stored in the user data store; the 22 bytes of its UUI key travel with the
call as CSTA `userData`, and the far side reads the data back with the key (UserDataService).

MakePhantomCall and VerifyPin are composites: a call request, then a wait (`CallTracker.wait_for`) for the
call to connect or be released. The wait resumes after the hub sequence read before the request, so no event
that arrives between the switch's answer and the start of the wait is lost.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import grpc
from google.protobuf import duration_pb2

from callwire.callcontrol.v1 import enums_pb2, message_pb2, service_pb2, service_pb2_grpc
from callwire.callcontrol.v1 import request_response_pb2 as rr
from callwire.common.v1 import enums_pb2 as common_enums_pb2
from callwire.common.v1 import message_pb2 as common_pb2
from callwire.events.v1 import enums_pb2 as events_enums_pb2
from callwire.events.v1 import message_pb2 as events_pb2
from callwire_csta import codec as csta

from ..core import Core
from ..store import InvalidValue, UserDataTooLarge
from ..tracker import CallChoice
from ._common import CallwireError, extension_of, invalid_argument, require

_DTMF_DIGITS = frozenset("0123456789*#ABCD")
_MAX_TONE_MS = 10_000

EV = events_enums_pb2
CS = common_enums_pb2.ConnectionState


# ----------------------------------------------------------------------------------------------- helpers


_RETRY_AFTER_SYNC = {"NO_ACTIVE_CALL", "NO_HELD_CALL", "INVALID_STATE"}
T = TypeVar("T")


@dataclass(frozen=True)
class _Call:
    """What the service needs of a call: a tracker's choice, or a call the client named."""

    call_id: str
    ucid: str
    parties: tuple[str, ...]
    #: The extension's own connection state (NULL when not known: a call the client named).
    state: int = CS.CONNECTION_STATE_NULL


def _view(choice: CallChoice) -> _Call:
    return _Call(choice.call_id, choice.ucid, choice.parties, choice.state)


def _first(calls: list[_Call], *states: int) -> _Call | None:
    return next((c for c in calls if c.state in states), None)


def _seconds(value: duration_pb2.Duration) -> float:
    return float(value.seconds) + value.nanos / 1e9


def _ucid_of(response: csta.Message) -> str:
    """The UCID in a response's Avaya private data (`callLinkageData` or the SSC response's own field)."""
    for item in csta.private_items(getattr(response, "extensions", None)):
        linkage = getattr(item, "call_linkage_data", None)
        if isinstance(linkage, csta.CallLinkageData) and linkage.ucid:
            return linkage.ucid
        ucid = getattr(item, "globally_unique_call_linkage_id", None)
        if isinstance(ucid, str) and ucid:
            return ucid
    return ""


def _same_device(a: str, b: str) -> bool:
    return a.split(":", 1)[0].strip().upper() == b.split(":", 1)[0].strip().upper()


class CallControlServicer(service_pb2_grpc.CallControlServiceServicer):
    def __init__(self, core: Core) -> None:
        self.core = core
        #: Phantom devices taken by a MakePhantomCall in progress.
        self._phantoms_busy: set[str] = set()

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

    async def _current(self, extension: str) -> list[_Call]:
        """The calls `extension` is on now, most recent first (see the module docstring)."""
        return [_view(c) for c in await self.core.calls.current_choices(extension)]

    async def _synced(self, extension: str, pick: Callable[[list[_Call]], T]) -> T:
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

    def _named(self, call_id: str) -> _Call:
        """The call the client named (the switch refuses it with CALL_NOT_FOUND when it does not exist)."""
        tracked = self.core.calls.call(call_id)
        if tracked is None:
            return _Call(call_id, "", ())
        return _Call(tracked.call_id, tracked.ucid, tuple(tracked.parties))

    async def _named_or(self, call_id: str, extension: str, pick: Callable[[list[_Call]], _Call]) -> _Call:
        return self._named(call_id) if call_id else await self._synced(extension, pick)

    @staticmethod
    def _active(extension: str, calls: list[_Call]) -> _Call:
        call = _first(calls, CS.CONNECTION_STATE_CONNECTED, CS.CONNECTION_STATE_INITIATED)
        if call is None:
            raise CallwireError(
                "NO_ACTIVE_CALL", f"extension {extension} has no active call", metadata={"extension": extension}
            )
        return call

    @staticmethod
    def _held(extension: str, calls: list[_Call], party: str = "") -> _Call:
        if party:
            for call in calls:
                on_hold = call.state == CS.CONNECTION_STATE_HOLD
                if on_hold and any(_same_device(p, party) for p in call.parties):
                    return call
            raise CallwireError(
                "NO_HELD_CALL",
                f"extension {extension} has no held call with {party} on it",
                metadata={"extension": extension},
            )
        held = _first(calls, CS.CONNECTION_STATE_HOLD)
        if held is None:
            raise CallwireError(
                "NO_HELD_CALL", f"extension {extension} has no held call", metadata={"extension": extension}
            )
        return held

    @staticmethod
    def _alerting(extension: str, calls: list[_Call]) -> _Call:
        call = _first(calls, CS.CONNECTION_STATE_ALERTING)
        if call is None:
            raise CallwireError(
                "INVALID_STATE", f"no call is alerting at extension {extension}", metadata={"extension": extension}
            )
        return call

    def _party_on(self, call: _Call, party: str, extension: str) -> str:
        """`party` as the call lists it; UNKNOWN_EXTENSION when it is not on the call."""
        if not call.parties:  # the tracker does not know the parties: let the switch decide
            return party
        for p in call.parties:
            if _same_device(p, party):
                return p
        raise CallwireError(
            "UNKNOWN_EXTENSION",
            f"{party} is not on call {call.call_id} of extension {extension}",
            metadata={"extension": party, "call_id": call.call_id},
        )

    @staticmethod
    def _ref(call_id: str | None, ucid: str = "") -> common_pb2.CallRef:
        return common_pb2.CallRef(call_id=call_id or "", ucid=ucid)

    # ============================================================================================ RPCs

    async def MakeCall(self, request: rr.MakeCallRequest, context: Any) -> rr.MakeCallResponse:
        extension = extension_of(request)
        destination = require(request.destination, "destination")
        await self._monitored(extension)
        user_data = await self._user_data(request.user_data, extension)
        try:
            response = await self.core.invoke(
                csta.MakeCall(
                    calling_device=self.core.device_id(extension),
                    called_directory_number=csta.DeviceID(value=destination),
                    user_data=user_data,
                ),
                expect=csta.MakeCallResponse,
                extension=extension,
            )
        except CallwireError as err:
            raise _name_make_call_party(err, extension, destination) from None
        call_id = response.calling_device.call_id or ""
        self.core.calls.note_originated(extension, call_id, _ucid_of(response))
        ucid = _ucid_of(response) or (await self._ucid(call_id, extension) if call_id else "")
        return rr.MakeCallResponse(call=self._ref(call_id, ucid))

    async def AnswerCall(self, request: rr.AnswerCallRequest, context: Any) -> rr.AnswerCallResponse:
        extension = extension_of(request)
        await self._monitored(extension)
        call = await self._named_or(request.call_id.strip(), extension, lambda c: self._alerting(extension, c))
        await self.core.invoke(
            csta.AnswerCall(call_to_be_answered=self._conn(extension, call.call_id)),
            extension=extension,
            call_id=call.call_id,
        )
        return rr.AnswerCallResponse(call=self._ref(call.call_id, call.ucid))

    async def HangupCall(self, request: rr.HangupCallRequest, context: Any) -> rr.HangupCallResponse:
        extension = extension_of(request)
        await self._monitored(extension)
        call = await self._named_or(request.call_id.strip(), extension, lambda c: self._active(extension, c))
        user_data = await self._user_data(request.user_data, extension)
        await self.core.invoke(
            csta.ClearConnection(connection_to_be_cleared=self._conn(extension, call.call_id), user_data=user_data),
            extension=extension,
            call_id=call.call_id,
        )
        self.core.calls.note_released(extension, call.call_id)
        return rr.HangupCallResponse()

    async def DropParty(self, request: rr.DropPartyRequest, context: Any) -> rr.DropPartyResponse:
        extension = extension_of(request)
        party = require(request.party, "party")
        await self._monitored(extension)
        call = await self._synced(extension, lambda c: self._active(extension, c))
        device = self._party_on(call, party, extension)
        user_data = await self._user_data(request.user_data, extension)
        try:
            await self.core.invoke(
                csta.ClearConnection(
                    connection_to_be_cleared=csta.ConnectionID(
                        call_id=call.call_id, device_id=self._party_device(device)
                    ),
                    user_data=user_data,
                ),
                extension=extension,
                call_id=call.call_id,
            )
        except CallwireError as err:
            if err.reason in {"UNKNOWN_EXTENSION", "CALL_NOT_FOUND"} and err.metadata.get("csta_value") in {
                "invalidConnectionID",
                "invalidDeviceID",
            }:
                raise CallwireError(
                    "UNKNOWN_EXTENSION",
                    f"{party} is not on call {call.call_id} of extension {extension}",
                    metadata={**err.metadata, "extension": party},
                    csta=err.csta,
                ) from None
            raise
        self.core.calls.note_released(device, call.call_id)
        return rr.DropPartyResponse()

    async def HoldCall(self, request: rr.HoldCallRequest, context: Any) -> rr.HoldCallResponse:
        extension = extension_of(request)
        await self._monitored(extension)
        call = await self._named_or(request.call_id.strip(), extension, lambda c: self._active(extension, c))
        await self.core.invoke(
            csta.HoldCall(call_to_be_held=self._conn(extension, call.call_id)),
            extension=extension,
            call_id=call.call_id,
        )
        return rr.HoldCallResponse()

    async def RetrieveCall(self, request: rr.RetrieveCallRequest, context: Any) -> rr.RetrieveCallResponse:
        extension = extension_of(request)
        await self._monitored(extension)
        call = await self._named_or(
            request.call_id.strip(), extension, lambda c: self._held(extension, c, request.party.strip())
        )
        await self.core.invoke(
            csta.RetrieveCall(call_to_be_retrieved=self._conn(extension, call.call_id)),
            extension=extension,
            call_id=call.call_id,
        )
        return rr.RetrieveCallResponse(call=self._ref(call.call_id, call.ucid))

    # ------------------------------------------------------------------------- transfer and conference

    @staticmethod
    def _pair(calls: list[_Call]) -> tuple[_Call | None, _Call | None]:
        active = _first(calls, CS.CONNECTION_STATE_CONNECTED, CS.CONNECTION_STATE_INITIATED)
        return _first(calls, CS.CONNECTION_STATE_HOLD), active

    def _pair_with_active(self, extension: str, calls: list[_Call]) -> tuple[_Call | None, _Call]:
        """The held call (if any) and the active call; NO_ACTIVE_CALL without an active call."""
        held, active = self._pair(calls)
        if active is None:
            raise CallwireError(
                "NO_ACTIVE_CALL", f"extension {extension} has no active call", metadata={"extension": extension}
            )
        return held, active

    def _two_step(self, extension: str, calls: list[_Call]) -> tuple[_Call, _Call]:
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

    async def TransferCall(self, request: rr.TransferCallRequest, context: Any) -> rr.TransferCallResponse:
        extension = extension_of(request)
        mode = request.mode
        if mode not in (
            enums_pb2.TRANSFER_MODE_AUTO,
            enums_pb2.TRANSFER_MODE_SINGLE_STEP,
            enums_pb2.TRANSFER_MODE_TWO_STEP,
        ):
            raise invalid_argument("mode", "give TRANSFER_MODE_AUTO, _SINGLE_STEP or _TWO_STEP")
        await self._monitored(extension)
        if mode == enums_pb2.TRANSFER_MODE_AUTO:
            maybe_held, _ = await self._synced(extension, lambda c: self._pair_with_active(extension, c))
            mode = enums_pb2.TRANSFER_MODE_TWO_STEP if maybe_held is not None else enums_pb2.TRANSFER_MODE_SINGLE_STEP
        if mode == enums_pb2.TRANSFER_MODE_TWO_STEP:
            held, active = await self._synced(extension, lambda c: self._two_step(extension, c))
            response = await self.core.invoke(
                csta.TransferCall(
                    held_call=self._conn(extension, held.call_id), active_call=self._conn(extension, active.call_id)
                ),
                expect=csta.TransferCallResponse,
                extension=extension,
                call_id=held.call_id,
            )
            self.core.calls.note_released(extension, held.call_id)
            self.core.calls.note_released(extension, active.call_id)
            call_id = response.transferred_call.call_id or held.call_id
            ucid = _ucid_of(response) or held.ucid
            return rr.TransferCallResponse(call=self._ref(call_id, ucid), mode=mode)
        destination = require(request.destination, "destination")
        ref = await self._single_step_transfer(extension, destination, request.user_data)
        return rr.TransferCallResponse(call=ref, mode=mode)

    async def _single_step_transfer(self, extension: str, destination: str, data: str) -> common_pb2.CallRef:
        call = await self._synced(extension, lambda c: self._active(extension, c))
        user_data = await self._user_data(data, extension)
        response = await self.core.invoke(
            csta.SingleStepTransferCall(
                active_call=self._conn(extension, call.call_id),
                transferred_to=csta.DeviceID(value=destination),
                user_data=user_data,
            ),
            expect=csta.SingleStepTransferCallResponse,
            extension=extension,
            call_id=call.call_id,
        )
        self.core.calls.note_released(extension, call.call_id)
        return self._ref(response.transferred_call.call_id or call.call_id, _ucid_of(response) or call.ucid)

    async def ConferenceCall(self, request: rr.ConferenceCallRequest, context: Any) -> rr.ConferenceCallResponse:
        extension = extension_of(request)
        mode = request.mode
        if mode not in (
            enums_pb2.CONFERENCE_MODE_AUTO,
            enums_pb2.CONFERENCE_MODE_SINGLE_STEP,
            enums_pb2.CONFERENCE_MODE_TWO_STEP,
        ):
            raise invalid_argument("mode", "give CONFERENCE_MODE_AUTO, _SINGLE_STEP or _TWO_STEP")
        await self._monitored(extension)
        if mode == enums_pb2.CONFERENCE_MODE_AUTO:
            maybe_held, _ = await self._synced(extension, lambda c: self._pair_with_active(extension, c))
            mode = (
                enums_pb2.CONFERENCE_MODE_TWO_STEP if maybe_held is not None else enums_pb2.CONFERENCE_MODE_SINGLE_STEP
            )
        if mode == enums_pb2.CONFERENCE_MODE_TWO_STEP:
            held, active = await self._synced(extension, lambda c: self._two_step(extension, c))
            response = await self.core.invoke(
                csta.ConferenceCall(
                    held_call=self._conn(extension, held.call_id), active_call=self._conn(extension, active.call_id)
                ),
                expect=csta.ConferenceCallResponse,
                extension=extension,
                call_id=held.call_id,
            )
            call_id = response.conference_call.call_id or held.call_id
            return rr.ConferenceCallResponse(call=self._ref(call_id, _ucid_of(response) or held.ucid), mode=mode)
        destination = require(request.destination, "destination")
        ref = await self._single_step_conference(
            extension, destination, csta.ParticipationType.ACTIVE, request.user_data
        )
        return rr.ConferenceCallResponse(call=ref, mode=mode)

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
                raise CallwireError(
                    "UNKNOWN_EXTENSION",
                    f"unknown device to join {device}: {err.message}",
                    metadata={**err.metadata, "extension": device},
                    csta=err.csta,
                ) from None
            raise
        call_id = response.conferenced_call.call_id or call.call_id
        return self._ref(call_id, _ucid_of(response) or call.ucid)

    async def ConsultationCall(self, request: rr.ConsultationCallRequest, context: Any) -> rr.ConsultationCallResponse:
        extension = extension_of(request)
        destination = require(request.destination, "destination")
        await self._monitored(extension)
        call = await self._synced(extension, lambda c: self._active(extension, c))
        user_data = await self._user_data(request.user_data, extension)
        response = await self.core.invoke(
            csta.ConsultationCall(
                existing_call=self._conn(extension, call.call_id),
                consulted_device=csta.DeviceID(value=destination),
                user_data=user_data,
            ),
            expect=csta.ConsultationCallResponse,
            extension=extension,
            call_id=call.call_id,
        )
        secondary = response.initiated_call.call_id or ""
        self.core.calls.note_originated(extension, secondary, _ucid_of(response))
        ucid = _ucid_of(response) or (await self._ucid(secondary, extension) if secondary else "")
        return rr.ConsultationCallResponse(primary_call_id=call.call_id, secondary_call_id=secondary, ucid=ucid)

    async def ReconnectCall(self, request: rr.ReconnectCallRequest, context: Any) -> rr.ReconnectCallResponse:
        extension = extension_of(request)
        await self._monitored(extension)
        held, active = await self._synced(extension, lambda c: self._two_step(extension, c))
        await self.core.invoke(
            csta.ReconnectCall(
                active_call=self._conn(extension, active.call_id), held_call=self._conn(extension, held.call_id)
            ),
            extension=extension,
            call_id=active.call_id,
        )
        self.core.calls.note_released(extension, active.call_id)
        return rr.ReconnectCallResponse()

    async def AlternateCall(self, request: rr.AlternateCallRequest, context: Any) -> rr.AlternateCallResponse:
        extension = extension_of(request)
        await self._monitored(extension)
        held, active = await self._synced(extension, lambda c: self._two_step(extension, c))
        await self.core.invoke(
            csta.AlternateCall(
                held_call=self._conn(extension, held.call_id), active_call=self._conn(extension, active.call_id)
            ),
            extension=extension,
            call_id=active.call_id,
        )
        return rr.AlternateCallResponse()

    async def SingleStepConferenceCall(
        self, request: rr.SingleStepConferenceCallRequest, context: Any
    ) -> rr.SingleStepConferenceCallResponse:
        extension = extension_of(request)
        device = extension_of(request, "device_to_join")
        participation = {
            enums_pb2.PARTICIPATION_ACTIVE: csta.ParticipationType.ACTIVE,
            enums_pb2.PARTICIPATION_SILENT: csta.ParticipationType.SILENT,
        }.get(request.participation)
        if participation is None:
            raise invalid_argument("participation", "give PARTICIPATION_ACTIVE or PARTICIPATION_SILENT")
        await self._monitored(extension)
        ref = await self._single_step_conference(extension, device, participation)
        return rr.SingleStepConferenceCallResponse(call=ref)

    async def SingleStepTransferCall(
        self, request: rr.SingleStepTransferCallRequest, context: Any
    ) -> rr.SingleStepTransferCallResponse:
        extension = extension_of(request)
        destination = require(request.destination, "destination")
        await self._monitored(extension)
        ref = await self._single_step_transfer(extension, destination, request.user_data)
        return rr.SingleStepTransferCallResponse(call=ref)

    # ---------------------------------------------------------------------------- selective listening

    async def _selective(self, request: Any, hold: bool) -> None:
        extension = extension_of(request)
        target = request.WhichOneof("target")
        party = request.party.strip() if target == "party" else ""
        all_parties = (target == "all_parties" and request.all_parties) or party.lower() == "all"
        if not all_parties and not party:
            raise invalid_argument("party", "name the party, or set all_parties")
        await self._monitored(extension)
        call = await self._synced(extension, lambda c: self._active(extension, c))
        selected: csta.ConnectionID | None = None
        if not all_parties:
            device = self._party_on(call, party, extension)
            if _same_device(device, extension):
                raise invalid_argument("party", "the extension cannot listen-hold itself")
            selected = csta.ConnectionID(call_id=call.call_id, device_id=self._party_device(device))
        listening = csta.SelectiveListening(
            subject_connection=self._conn(extension, call.call_id),
            all_parties=True if all_parties else None,
            selected_party=selected,
        )
        message: csta.Message = (
            csta.SelectiveListeningHold(selective_listening=listening)
            if hold
            else csta.SelectiveListeningRetrieve(selective_listening=listening)
        )
        await self.core.invoke(message, extension=extension, call_id=call.call_id)

    async def SelectiveListeningHold(
        self, request: rr.SelectiveListeningHoldRequest, context: Any
    ) -> rr.SelectiveListeningHoldResponse:
        await self._selective(request, True)
        return rr.SelectiveListeningHoldResponse()

    async def SelectiveListeningRetrieve(
        self, request: rr.SelectiveListeningRetrieveRequest, context: Any
    ) -> rr.SelectiveListeningRetrieveResponse:
        await self._selective(request, False)
        return rr.SelectiveListeningRetrieveResponse()

    # ------------------------------------------------------------------------------------------ DTMF

    @staticmethod
    def _tone_ms(request: Any, field: str) -> int | None:
        if not request.HasField(field):
            return None
        value: duration_pb2.Duration = getattr(request, field)
        ms = round(_seconds(value) * 1000)
        if not 0 < ms <= _MAX_TONE_MS:
            raise invalid_argument(field, f"must be more than 0 and at most {_MAX_TONE_MS} ms")
        return ms

    async def SendDtmf(self, request: rr.SendDtmfRequest, context: Any) -> rr.SendDtmfResponse:
        extension = extension_of(request)
        digits = require(request.digits, "digits").upper()
        if any(ch not in _DTMF_DIGITS for ch in digits):
            raise invalid_argument("digits", "DTMF digits are 0-9, *, # and A-D")
        tone = self._tone_ms(request, "tone_duration")
        pause = self._tone_ms(request, "pause_duration")
        await self._monitored(extension)
        call = await self._synced(extension, lambda c: self._active(extension, c))
        await self.core.invoke(
            csta.GenerateDigits(
                connection_to_send_digits=self._conn(extension, call.call_id),
                characters_to_send=digits,
                tone_duration=tone,
                pause_duration=pause,
            ),
            extension=extension,
            call_id=call.call_id,
        )
        return rr.SendDtmfResponse()

    # --------------------------------------------------------------------------- clear, deflect, pickup

    async def _clear(self, call: _Call, device: str, user_data: csta.UserData | None) -> None:
        await self.core.invoke(
            csta.ClearCall(call_to_be_cleared=self._conn(device, call.call_id), user_data=user_data),
            extension=device,
            call_id=call.call_id,
        )
        for party in {device, *call.parties}:
            self.core.calls.note_released(party, call.call_id)

    async def ClearCall(self, request: rr.ClearCallRequest, context: Any) -> rr.ClearCallResponse:
        target = request.WhichOneof("target")
        if target == "call_id":
            call_id = require(request.call_id, "call_id")
            tracked = self.core.calls.call(call_id)
            if tracked is None:
                raise CallwireError(
                    "CALL_NOT_FOUND", f"no current call {call_id} on a monitored device", metadata={"call_id": call_id}
                )
            call = self._named(call_id)
            monitored = self.core.link.monitored
            device = next((p for p in call.parties if p in monitored), "") or self._monitored_party(call_id)
            user_data = await self._user_data(request.user_data, None)
            await self._clear(call, device, user_data)
            return rr.ClearCallResponse(calls=[self._ref(call.call_id, call.ucid)])
        if target != "extension":
            raise invalid_argument("target", "give call_id or extension")
        extension = extension_of(request)
        await self._monitored(extension)
        calls = await self._current(extension)
        if not calls:
            raise CallwireError(
                "NO_ACTIVE_CALL", f"extension {extension} has no call", metadata={"extension": extension}
            )
        user_data = await self._user_data(request.user_data, extension)
        cleared = []
        for call in calls:
            try:
                await self._clear(call, extension, user_data)
            except CallwireError as err:
                if err.reason != "CALL_NOT_FOUND":  # ended meanwhile: it is cleared either way
                    raise
            cleared.append(self._ref(call.call_id, call.ucid))
        return rr.ClearCallResponse(calls=cleared)

    def _monitored_party(self, call_id: str) -> str:
        for extension in self.core.link.monitored:
            if any(c.call_id == call_id for c in self.core.calls.calls_at(extension)):
                return extension
        raise CallwireError("CALL_NOT_FOUND", f"no current call {call_id}", metadata={"call_id": call_id})

    async def DeflectCall(self, request: rr.DeflectCallRequest, context: Any) -> rr.DeflectCallResponse:
        extension = extension_of(request)
        destination = require(request.destination, "destination")
        await self._monitored(extension)
        call = await self._named_or(request.call_id.strip(), extension, lambda c: self._alerting(extension, c))
        await self.core.invoke(
            csta.DeflectCall(
                call_to_be_diverted=self._conn(extension, call.call_id),
                new_destination=csta.DeviceID(value=destination),
            ),
            extension=extension,
            call_id=call.call_id,
        )
        self.core.calls.note_released(extension, call.call_id)
        return rr.DeflectCallResponse()

    async def PickupCall(self, request: rr.PickupCallRequest, context: Any) -> rr.PickupCallResponse:
        extension = extension_of(request)
        destination = extension_of(request, "destination")
        await self._monitored(extension)
        call = await self._named_or(request.call_id.strip(), extension, lambda c: self._alerting(extension, c))
        try:
            await self.core.invoke(
                csta.DirectedPickupCall(
                    call_to_be_picked_up=self._conn(extension, call.call_id),
                    requesting_device=self.core.device_id(destination),
                ),
                extension=extension,
                call_id=call.call_id,
            )
        except CallwireError as err:
            if err.reason == "UNKNOWN_EXTENSION":
                raise CallwireError(
                    "UNKNOWN_EXTENSION",
                    f"unknown destination {destination}: {err.message}",
                    metadata={**err.metadata, "extension": destination},
                    csta=err.csta,
                ) from None
            raise
        self.core.calls.note_released(extension, call.call_id)
        return rr.PickupCallResponse()

    # ------------------------------------------------------------------------------------- composites

    async def _wait_duration(self, request: Any) -> float:
        limit = await self.core.numeric_setting("phantom_max_duration", self.core.config.phantom_max_duration)
        if not request.HasField("duration"):
            raise invalid_argument("duration", "is required")
        seconds = _seconds(request.duration)
        if not 0 < seconds <= limit:
            raise invalid_argument("duration", f"must be more than 0 s and at most {limit:g} s")
        return seconds

    @staticmethod
    def _remaining(deadline: float) -> float:
        return max(deadline - time.monotonic(), 0.001)

    def _take_phantom(self) -> str:
        pool = self.core.config.phantom_devices
        for device in pool:
            if device in self._phantoms_busy:
                continue
            if device in self.core.link.monitored and self.core.calls.calls_at(device):
                continue
            self._phantoms_busy.add(device)
            return device
        raise CallwireError(
            "NO_PHANTOM_DEVICE",
            f"every phantom device of the pool ({len(pool)}) is busy" if pool else "no phantom devices are configured",
            metadata={"pool_size": str(len(pool))},
        )

    async def MakePhantomCall(self, request: rr.MakePhantomCallRequest, context: Any) -> rr.MakePhantomCallResponse:
        destination = require(request.destination, "destination")
        wait = await self._wait_duration(request)
        if request.wait_event not in (enums_pb2.PHANTOM_WAIT_EVENT_CONNECT, enums_pb2.PHANTOM_WAIT_EVENT_DISCONNECT):
            raise invalid_argument("wait_event", "give PHANTOM_WAIT_EVENT_CONNECT or PHANTOM_WAIT_EVENT_DISCONNECT")
        want_connect = request.wait_event == enums_pb2.PHANTOM_WAIT_EVENT_CONNECT
        user_data = await self._user_data(request.user_data, None)
        phantom = self._take_phantom()
        try:
            if phantom not in self.core.link.monitored:
                await self.core.monitor(phantom)
            after = self.core.hub.last_sequence
            deadline = time.monotonic() + wait
            response = await self.core.invoke(
                csta.MakeCall(
                    calling_device=self.core.device_id(phantom),
                    called_directory_number=csta.DeviceID(value=destination),
                    user_data=user_data,
                ),
                expect=csta.MakeCallResponse,
                extension=phantom,
            )
            call_id = response.calling_device.call_id or ""
            self.core.calls.note_originated(phantom, call_id, _ucid_of(response))
            ucid = _ucid_of(response) or (await self._ucid(call_id, phantom) if call_id else "")
            outcome = message_pb2.CallOutcome(call=self._ref(call_id, ucid))
            result = ""  # "connected", "ended" or "failed"; empty: the wait timed out

            def watch(event: events_pb2.Event) -> bool:
                nonlocal result
                if event.call.call_id != call_id:
                    return False
                kind = event.event_type
                if kind == EV.EVENT_TYPE_CONNECTED:
                    answering = event.connected.answering
                    if answering and not _same_device(answering, phantom):
                        outcome.answering = answering
                        if want_connect:
                            result = "connected"
                elif kind == EV.EVENT_TYPE_DISCONNECTED:
                    outcome.releasing = event.disconnected.releasing
                    outcome.hangup_data = event.disconnected.user_data
                    result = "ended"
                elif kind == EV.EVENT_TYPE_IDLE:
                    result = "ended"
                elif kind == EV.EVENT_TYPE_FAILED:
                    result = "failed"
                return bool(result)

            await self.core.calls.wait_for(phantom, watch, self._remaining(deadline), after_sequence=after)
            outcome.timed_out = not result
            if result in ("", "failed"):  # nobody will answer: free the phantom device
                await self._drop_phantom(phantom, call_id)
            return rr.MakePhantomCallResponse(outcome=outcome, phantom_device=phantom)
        finally:
            self._phantoms_busy.discard(phantom)

    async def _drop_phantom(self, phantom: str, call_id: str) -> None:
        if not call_id:
            return
        with contextlib.suppress(CallwireError):
            await self.core.invoke(
                csta.ClearConnection(connection_to_be_cleared=self._conn(phantom, call_id)),
                extension=phantom,
                call_id=call_id,
            )
            self.core.calls.note_released(phantom, call_id)

    async def VerifyPin(self, request: rr.VerifyPinRequest, context: Any) -> rr.VerifyPinResponse:
        extension = extension_of(request)
        destination = extension_of(request, "destination")
        wait = await self._wait_duration(request)
        await self._monitored(extension)
        await self._synced(extension, lambda c: self._active(extension, c))  # NO_ACTIVE_CALL before storing anything
        after = self.core.hub.last_sequence
        deadline = time.monotonic() + wait
        ref = await self._single_step_conference(
            extension, destination, csta.ParticipationType.ACTIVE, request.user_data
        )
        outcome = message_pb2.CallOutcome(call=ref, answering=destination)

        def watch(event: events_pb2.Event) -> bool:
            if event.call.call_id != ref.call_id:
                return False
            if event.event_type == EV.EVENT_TYPE_IDLE:  # the extension's call ended: nothing more to wait for
                return True
            if event.event_type != EV.EVENT_TYPE_DISCONNECTED:
                return False
            releasing = event.disconnected.releasing
            if not (_same_device(releasing, destination) or _same_device(releasing, extension)):
                return False
            outcome.releasing = releasing
            outcome.hangup_data = event.disconnected.user_data
            return True

        seen = await self.core.calls.wait_for(extension, watch, self._remaining(deadline), after_sequence=after)
        done = seen is not None
        outcome.timed_out = not done
        return rr.VerifyPinResponse(outcome=outcome)

    # ------------------------------------------------------------------------------------- monitoring

    async def StartMonitor(self, request: rr.StartMonitorRequest, context: Any) -> rr.StartMonitorResponse:
        extension = extension_of(request)
        await self.core.monitor(extension)
        return rr.StartMonitorResponse()

    async def StopMonitor(self, request: rr.StopMonitorRequest, context: Any) -> rr.StopMonitorResponse:
        extension = extension_of(request)
        config = self.core.config
        if extension in config.monitor or extension in config.phantom_devices:
            return rr.StopMonitorResponse()
        if await self.core.store.has_extension(extension):
            return rr.StopMonitorResponse()
        await self.core.unmonitor(extension)
        return rr.StopMonitorResponse()


def register(server: grpc.aio.Server, core: Core) -> str:
    service_pb2_grpc.add_CallControlServiceServicer_to_server(CallControlServicer(core), server)
    return service_pb2.DESCRIPTOR.services_by_name["CallControlService"].full_name


#: CSTA values that mean "the called number is wrong", and the one that does not say which party was.
_CALLED_WRONG = {"invalidCalledDeviceID", "invalidDestination", "invalidDestinationDeviceID"}


def _name_make_call_party(err: CallwireError, extension: str, destination: str) -> CallwireError:
    """A MakeCall refusal whose message names the party the switch refused, not always the caller."""
    value = err.metadata.get("csta_value", "")
    if err.reason != "UNKNOWN_EXTENSION":
        return err
    what = f"the switch refused the request ({err.metadata.get('csta_class', 'operation')}/{value})"
    if value in _CALLED_WRONG:
        message = f"unknown destination {destination}: {what}"
    elif value == "invalidDeviceID":  # a switch that does not say which (the simulator does)
        message = f"unknown device: extension {extension} or destination {destination}: {what}"
    else:
        return err
    return CallwireError(
        err.reason, message, metadata={**err.metadata, "destination": destination}, code=err.code, csta=err.csta
    )
