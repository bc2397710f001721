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

The servicer is built in three layers: `CallChoosing` (callchoice.py: which call a request acts on, user data,
UCIDs), `CompositeCalls` (composite.py: MakePhantomCall and VerifyPin, a call request and then a wait for the
call to connect or end), and the RPCs here.
"""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf import duration_pb2

from callwire.callcontrol.v1 import enums_pb2, service_pb2, service_pb2_grpc
from callwire.callcontrol.v1 import request_response_pb2 as rr
from callwire.common.v1 import enums_pb2 as common_enums_pb2
from callwire.common.v1 import message_pb2 as common_pb2
from callwire.events.v1 import enums_pb2 as events_enums_pb2
from callwire_csta import codec as csta

from ..core import Core
from ._common import CallwireError, extension_of, invalid_argument, require, seconds
from .callchoice import Call, same_device, ucid_of, unknown_party
from .composite import CompositeCalls

_DTMF_DIGITS = frozenset("0123456789*#ABCD")
_MAX_TONE_MS = 10_000

EV = events_enums_pb2
CS = common_enums_pb2.ConnectionState


class CallControlServicer(CompositeCalls, service_pb2_grpc.CallControlServiceServicer):
    """The RPCs; choosing the call is `CallChoosing`'s (callchoice.py), the composites `CompositeCalls`'s."""

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
        self.core.calls.note_originated(extension, call_id, ucid_of(response))
        ucid = ucid_of(response) or (await self._ucid(call_id, extension) if call_id else "")
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
                message = f"{party} is not on call {call.call_id} of extension {extension}"
                raise unknown_party(err, party, message) from None
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
            ucid = ucid_of(response) or held.ucid
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
        return self._ref(response.transferred_call.call_id or call.call_id, ucid_of(response) or call.ucid)

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
            return rr.ConferenceCallResponse(call=self._ref(call_id, ucid_of(response) or held.ucid), mode=mode)
        destination = require(request.destination, "destination")
        ref = await self._single_step_conference(
            extension, destination, csta.ParticipationType.ACTIVE, request.user_data
        )
        return rr.ConferenceCallResponse(call=ref, mode=mode)

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
        self.core.calls.note_originated(extension, secondary, ucid_of(response))
        ucid = ucid_of(response) or (await self._ucid(secondary, extension) if secondary else "")
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
            if same_device(device, extension):
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
        ms = round(seconds(value) * 1000)
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

    async def _clear(self, call: Call, device: str, user_data: csta.UserData | None) -> None:
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
                raise unknown_party(err, destination, f"unknown destination {destination}: {err.message}") from None
            raise
        self.core.calls.note_released(extension, call.call_id)
        return rr.PickupCallResponse()

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
