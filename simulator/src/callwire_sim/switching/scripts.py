"""Far ends and IVR ports acting on calls: a scripted party answers, enters digits and hangs up on timers.

The scripts themselves (what a number does) live in `callwire_sim.farend`; a station with `auto_answer` in the
site behaves as an IVR port with the same kind of script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from callwire_csta.codec import EventCause, LocalConnectionState

from ..farend import Script
from .model import Connection, StationDevice

if TYPE_CHECKING:
    from .calls import CallModel
    from .deferred import Deferred

__all__ = ["Scripts"]

LS = LocalConnectionState


class Scripts:
    """Starts a party's script when it is offered a call or joins one."""

    def __init__(self, calls: CallModel, deferred: Deferred) -> None:
        self.calls = calls
        self.deferred = deferred
        self.far_end = calls.state.far_end

    def offered_to_station(self, conn: Connection) -> None:
        """A station was offered a call: its run-time script or its IVR (auto-answer) behaviour starts."""
        dev = conn.device
        assert isinstance(dev, StationDevice)
        script = self.far_end.for_station(dev.id)
        if script is None and dev.station is not None and dev.station.auto_answer is not None:
            aa = dev.station.auto_answer
            script = Script(
                answer_after_ms=aa.answer_after_ms,
                hangup_after_ms=aa.hangup_after_ms,
                hangup_user_data=aa.hangup_user_data.encode(),
            )
        if script is not None:
            if script.busy:
                self.calls.release(conn, cause=EventCause.BUSY)
                return
            self.start(conn, script)

    def joined(self, conn: Connection) -> None:
        """A station joined connected (single-step conference, pickup): an IVR port's hang-up script starts."""
        dev = conn.device
        if not isinstance(dev, StationDevice):
            return
        script = self.far_end.for_station(dev.id)
        if script is None and dev.station is not None and dev.station.auto_answer is not None:
            aa = dev.station.auto_answer
            script = Script(hangup_after_ms=aa.hangup_after_ms, hangup_user_data=aa.hangup_user_data.encode())
        if script is not None:
            self.after_answer(conn, script)

    def start(self, conn: Connection, script: Script) -> None:
        """An alerting party answers after the script's delay (never, when it has none)."""
        if script.answer_after_ms is None:
            return

        def answer() -> None:
            if conn.state == LS.ALERTING and not conn.call.ended:
                self.calls.answer(conn)
                self.after_answer(conn, script)

        self.deferred.later(conn, script.answer_after_ms, answer)

    def after_answer(self, conn: Connection, script: Script) -> None:
        """A connected party enters the script's digits, then hangs up after its delay."""
        if script.digits:
            digits = script.digits

            def enter() -> None:
                if conn.state == LS.CONNECTED:
                    self.calls.digits_from(conn, digits)

            self.deferred.later(conn, 0, enter)
        if script.hangup_after_ms is not None:
            hud = script.hangup_user_data or None

            def hangup() -> None:
                if conn.state != LS.NULL:
                    self.calls.release(conn, hud)

            self.deferred.later(conn, script.hangup_after_ms, hangup)
