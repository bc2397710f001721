"""The composite call-control functions: a call request, then a wait for the call to connect or end.

MakePhantomCall and VerifyPin start a call (a MakeCall from a phantom device of the pool; a single-step
conference of the PIN device) and then wait (`CallTracker.wait_for`) for the call to connect or be released.
The wait resumes after the hub sequence read before the request, so no event that arrives between the
switch's answer and the start of the wait is lost.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from callwire.callcontrol.v1 import enums_pb2, message_pb2
from callwire.callcontrol.v1 import request_response_pb2 as rr
from callwire.events.v1 import enums_pb2 as events_enums_pb2
from callwire.events.v1 import message_pb2 as events_pb2
from callwire_csta import codec as csta

from ..core import Core
from ._common import CallwireError, extension_of, invalid_argument, require, seconds
from .callchoice import CallChoosing, same_device, ucid_of

EV = events_enums_pb2


class CompositeCalls(CallChoosing):
    """MakePhantomCall and VerifyPin, with the pool of phantom devices they draw from."""

    def __init__(self, core: Core) -> None:
        super().__init__(core)
        #: Phantom devices taken by a MakePhantomCall in progress.
        self._phantoms_busy: set[str] = set()

    async def _wait_duration(self, request: Any) -> float:
        limit = await self.core.numeric_setting("phantom_max_duration", self.core.config.phantom_max_duration)
        if not request.HasField("duration"):
            raise invalid_argument("duration", "is required")
        wait = seconds(request.duration)
        if not 0 < wait <= limit:
            raise invalid_argument("duration", f"must be more than 0 s and at most {limit:g} s")
        return wait

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
            self.core.calls.note_originated(phantom, call_id, ucid_of(response))
            ucid = ucid_of(response) or (await self._ucid(call_id, phantom) if call_id else "")
            outcome = message_pb2.CallOutcome(call=self._ref(call_id, ucid))
            result = ""  # "connected", "ended" or "failed"; empty: the wait timed out

            def watch(event: events_pb2.Event) -> bool:
                nonlocal result
                if event.call.call_id != call_id:
                    return False
                kind = event.event_type
                if kind == EV.EVENT_TYPE_CONNECTED:
                    answering = event.connected.answering
                    if answering and not same_device(answering, phantom):
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
            if not (same_device(releasing, destination) or same_device(releasing, extension)):
                return False
            outcome.releasing = releasing
            outcome.hangup_data = event.disconnected.user_data
            return True

        seen = await self.core.calls.wait_for(extension, watch, self._remaining(deadline), after_sequence=after)
        done = seen is not None
        outcome.timed_out = not done
        return rr.VerifyPinResponse(outcome=outcome)
