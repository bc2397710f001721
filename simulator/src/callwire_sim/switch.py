"""The simulated Avaya Communication Manager: the CM call model behind an AES CSTA link.

`Switch.handle(session, request)` takes one decoded CSTA request of an application session and returns its
positive response or raises `SwitchError` (the negative acknowledgement); the events it causes go, in the
order a CM sends them, to every monitor of every involved device, each with that monitor's cross-ref ID.
Timers (far ends answering, IVR ports hanging up) run on the running asyncio loop.

This module does no I/O: framing, ECMA-354 sessions and fault injection belong to the transport.

Choices where CM behaviour is not public (see the reference notes):
* Party device IDs in events and responses are in the AES third-party form `<ext>:<switch>::0`; external
  parties are dynamic IDs `T<callid>#<n>` (typeOfNumber="dynamic"), with trunk group/member in private data.
* When a party leaves and fewer than two parties remain, the call is torn down: ConnectionCleared for the
  leaving party, then CallCleared.
* After TransferCall/ConferenceCall the resulting call keeps the held (primary) call's ID and UCID.
* Numbers of at least `EXTERNAL_MIN_DIGITS` digits, and numbers with a far-end script, are external;
  any other unknown number is refused with `operation/invalidDeviceID`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from callwire_server import csta as c
from callwire_server.csta import (
    CSTAErrorCode,
    EventCause,
    LocalConnectionState,
    Message,
)

from ._model import (
    LAMP_FLUTTER,
    LAMP_OFF,
    LAMP_STEADY,
    LAMP_WINK,
    LIVE_STATES,
    SPLIT,
    STATION,
    TRUNK,
    VDN,
    Agent,
    Call,
    Connection,
    Device,
    Forward,
    Monitor,
    Scheduler,
    SplitDevice,
    StationDevice,
    Timer,
    TrunkGroupState,
    VdnDevice,
)
from .farend import FarEnd, Script
from .filters import event_filter
from .site import Site

__all__ = ["EXTERNAL_MIN_DIGITS", "Switch", "SwitchError", "SwitchSession"]

log = logging.getLogger(__name__)

EXTERNAL_MIN_DIGITS = 7
LS = LocalConnectionState
M = TypeVar("M", bound=Message)

_READY_MODES = ("autoIn", "manualIn")


#: RegisterTerminalResponse `code`: "1" is a successful registration (what DMCC clients test for); any other
#: value is a refusal. The refusal value is not in the public schema (see the CSTA README).
REGISTER_OK = "1"
REGISTER_FAILED = "-1"


class SwitchError(Exception):
    """A CSTA negative acknowledgement."""

    def __init__(self, error: CSTAErrorCode) -> None:
        super().__init__(f"{error.error_class}/{error.value}")
        self.error = error


def _err(error_class: str, value: str = "") -> SwitchError:
    return SwitchError(CSTAErrorCode.of(error_class, value))


def _op(value: str) -> SwitchError:
    return _err("operation", value)


def _state(value: str) -> SwitchError:
    return _err("stateIncompatibility", value)


class SwitchSession:
    """One CTI application session (one AES client): its event sink and its monitors."""

    def __init__(self, sink: Callable[[Message], None]) -> None:
        self.sink = sink
        self.monitors: dict[str, Monitor] = {}
        self.closed = False


def _D(value: str, ton: c.TypeOfNumber | None = None) -> c.DeviceID:
    return c.DeviceID(value=value, type_of_number=ton, media_class=None)


def _parse(text: str) -> str:
    """A device's extension from `101`, `101:CM::0` or `101:CM:192.0.2.1:0`."""
    text = text.strip()
    return text.split(":", 1)[0] if ":" in text else text


class Switch:
    """The simulated CM. Build it from a `Site`; the transport opens a session per AES client."""

    def __init__(self, site: Site, *, scheduler: Scheduler | None = None) -> None:
        """`scheduler` runs the far ends' and IVR ports' timers; default: the running loop's `call_later`
        (tests pass a manual clock, so a timer test does not depend on how busy the machine is)."""
        self.site = site
        self._scheduler = scheduler
        self.switch_name = site.switch_name
        self.far_end = FarEnd(self, site.far_ends)
        self._devices: dict[str, Device] = {}
        self._calls: dict[int, Call] = {}
        self._agents: dict[str, Agent] = {}
        self._trunks: dict[str, TrunkGroupState] = {t.number: TrunkGroupState(t) for t in site.trunk_groups}
        self._monitors: dict[str, Monitor] = {}
        self._pickup_groups: dict[int, list[StationDevice]] = {}
        self._sessions: list[SwitchSession] = []
        self._call_ids = itertools.count(1)
        self._xrefs = itertools.count(1)
        self._idle_clock = itertools.count(1)
        self._ucid_seq = 0
        self._dirty: dict[str, StationDevice] = {}
        self._after: list[Callable[[], None]] = []
        self._soon: list[Callable[[], None]] = []
        self._timers: set[Timer] = set()
        self._closed = False
        for st in site.stations:
            dev = StationDevice(
                id=st.extension,
                kind=STATION,
                name=st.name,
                station=st,
                buttons=st.buttons,
                security_code=st.security_code,
            )
            self._devices[st.extension] = dev
            if st.pickup_group:
                self._pickup_groups.setdefault(st.pickup_group, []).append(dev)
            for b in st.buttons:
                dev.lamps[b.lamp_id] = LAMP_OFF
        for sp in site.splits:
            self._devices[sp.extension] = SplitDevice(id=sp.extension, kind=SPLIT, name=sp.name, split=sp)
            for a in sp.agents:
                agent = self._agents.get(a.agent_id)
                if agent is None:
                    self._agents[a.agent_id] = Agent(a.agent_id, a.password, (sp.extension,))
                else:
                    agent.splits = (*agent.splits, sp.extension)
        for v in site.vdns:
            self._devices[v.extension] = VdnDevice(id=v.extension, kind=VDN, name=v.name, vdn=v)
        self._handlers: dict[type[Message], Callable[[SwitchSession, Any], Message]] = {}
        self._register_handlers()

    # ================================================================================== public API

    def open_session(self, sink: Callable[[Message], None]) -> SwitchSession:
        session = SwitchSession(sink)
        self._sessions.append(session)
        return session

    def close_session(self, session: SwitchSession) -> None:
        """End the session's monitors; its calls and agents stay (as on a real switch)."""
        for xref in list(session.monitors):
            self._stop_monitor(session, xref)
        session.closed = True
        if session in self._sessions:
            self._sessions.remove(session)

    def close(self) -> None:
        """Cancel every timer (far ends, IVR ports). The switch must not be used afterwards."""
        self._closed = True
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        self._soon.clear()

    def handle(self, session: SwitchSession, request: Message) -> Message:
        """The positive response to `request`, or `SwitchError`; events go out through the sinks."""
        handler = self._handlers.get(type(request))
        if handler is None:  # a message the codec knows but no service of this switch (e.g. a response)
            raise _op("serviceNotSupported")
        try:
            response = handler(session, request)
        except SwitchError:
            self._flush()
            raise
        except Exception:
            log.exception("simulated switch failed on %s", type(request).__name__)
            self._flush()
            raise _err("unspecified") from None
        self._flush()
        return response

    # ---------------------------------------------------------------------- introspection for tests

    def call_ids(self) -> list[int]:
        return list(self._calls)

    def ucid(self, call_id: int) -> str:
        return self._calls[call_id].ucid

    def connection_state(self, call_id: int, device: str) -> LocalConnectionState | None:
        call = self._calls.get(call_id)
        conn = call.connections.get(_parse(device)) if call else None
        return conn.state if conn else None

    def parties(self, call_id: int) -> list[str]:
        call = self._calls.get(call_id)
        return list(call.connections) if call else []

    def device_id(self, extension: str) -> str:
        """The AES third-party form of a device ID, e.g. `101:CM::0`."""
        return f"{extension}:{self.switch_name}::0"

    # ========================================================================= events and ID helpers

    def _q(self, dev: Device) -> str:
        return dev.id if dev.kind == TRUNK else f"{dev.id}:{self.switch_name}::0"

    def _did(self, dev: Device) -> c.DeviceID:
        if dev.kind == TRUNK:
            return _D(dev.id, c.TypeOfNumber.DYNAMIC)
        return _D(self._q(dev))

    def _num(self, number: str) -> c.DeviceID:
        dev = self._devices.get(number)
        if dev is not None and dev.kind != TRUNK:
            return _D(self._q(dev))
        return _D(number)

    def _xd(self, dev: Device) -> c.ExtendedDeviceID:
        return c.ExtendedDeviceID(device_identifier=self._did(dev))

    def _xn(self, number: str) -> c.ExtendedDeviceID:
        if not number:
            return c.ExtendedDeviceID(not_known=True)
        return c.ExtendedDeviceID(device_identifier=self._num(number))

    def _cid(self, conn: Connection) -> c.ConnectionID:
        return c.ConnectionID(call_id=conn.call.call_id, device_id=self._did(conn.device))

    def _redir(self, call: Call) -> c.RedirectionDeviceID | None:
        if not call.last_redirection:
            return None
        return c.RedirectionDeviceID(number_dialed=self._num(call.last_redirection))

    @staticmethod
    def _ud(data: bytes | None) -> c.UserData | None:
        return c.UserData(string=data) if data else None

    def _send(self, dev: Device, event: Message) -> None:
        name = type(event).__name__
        for m in dev.monitors:
            if m.wants(name):
                m.session.sink(dataclasses.replace(cast(Any, event), monitor_cross_ref_id=m.xref))

    def _emit(self, call: Call, event: Message, *extra: Device) -> None:
        """`event` to every monitored device on `call` (and `extra`), with each one's localConnectionInfo."""
        per_device = hasattr(event, "local_connection_info")
        seen: set[str] = set()
        for dev in itertools.chain((conn.device for conn in call.connections.values()), extra):
            if dev.id in seen:
                continue
            seen.add(dev.id)
            if not dev.monitors:
                continue
            ev = event
            if per_device:
                own = dev.connections.get(call.id)
                state = own.state if own is not None and own.call is call else LS.NULL
                ev = dataclasses.replace(cast(Any, event), local_connection_info=state)
            self._send(dev, ev)

    # ================================================================================= lookups

    def _device(self, did: c.DeviceID | None) -> Device:
        if did is None:
            raise _op("invalidDeviceID")
        dev = self._devices.get(_parse(did.value))
        if dev is None:
            raise _op("invalidDeviceID")
        return dev

    def _station(self, did: c.DeviceID | None) -> StationDevice:
        dev = self._device(did)
        if not isinstance(dev, StationDevice):
            raise _op("requestIncompatibleWithDevice")
        return dev

    def _conn(self, cid: c.ConnectionID | None) -> Connection:
        if cid is None:
            raise _op("invalidConnectionID")
        if cid.call_id is None:
            # Lenient: a device alone names its only call.
            dev = self._device(cid.device_id)
            if len(dev.connections) != 1:
                raise _op("invalidCallID")
            return next(iter(dev.connections.values()))
        try:
            call = self._calls.get(int(cid.call_id))
        except ValueError:
            call = None
        if call is None:
            raise _op("invalidCallID")
        if cid.device_id is None:
            raise _op("invalidConnectionID")
        conn = call.connections.get(_parse(cid.device_id.value))
        if conn is None:
            if _parse(cid.device_id.value) not in self._devices:
                raise _op("invalidDeviceID")
            raise _op("invalidConnectionID")
        return conn

    def _is_external(self, number: str) -> bool:
        return number.isdigit() and (len(number) >= EXTERNAL_MIN_DIGITS or self.far_end.is_scripted(number))

    def _destination(self, did: c.DeviceID | None) -> tuple[Device | None, str]:
        """A dialled destination: (device, number) or (None, external number)."""
        if did is None:
            raise _op("invalidDeviceID")
        number = _parse(did.value)
        dev = self._devices.get(number)
        if dev is not None:
            if dev.kind == TRUNK:
                raise _op("invalidDestinationDeviceID")
            return dev, number
        if self._is_external(number):
            if not self.site.outbound_trunk_group:
                raise _err("systemResourceAvailibility", "networkOutOfService")
            return None, number
        raise _op("invalidDeviceID")

    # ================================================================================== calls

    def _new_call(self, calling: str, called: str, user_data: bytes | None) -> Call:
        call_id = next(self._call_ids)
        self._ucid_seq = self._ucid_seq % 65535 + 1
        ucid = f"{self.site.node_id:05d}{self._ucid_seq:05d}{int(time.time()):010d}"
        call = Call(id=call_id, ucid=ucid, calling=calling, called=called, user_data=user_data)
        self._calls[call_id] = call
        return call

    def _touch(self, dev: Device) -> None:
        if isinstance(dev, StationDevice):
            self._dirty[dev.id] = dev

    def _free_appearance(self, dev: StationDevice) -> str | None:
        used = {conn.appearance for conn in dev.connections.values()}
        for b in dev.buttons:
            if b.function == "call-appearance" and b.id not in used:
                return b.id
        if not any(b.function == "call-appearance" for b in dev.buttons) and len(dev.connections) < 3:
            return f"ca{len(dev.connections) + 1}"
        return None

    def _add(self, call: Call, dev: Device, state: LocalConnectionState, **kw: Any) -> Connection:
        conn = Connection(call=call, device=dev, state=state, **kw)
        if isinstance(dev, StationDevice) and conn.appearance is None:
            conn.appearance = self._free_appearance(dev)
        call.connections[dev.id] = conn
        dev.connections[call.id] = conn
        self._touch(dev)
        return conn

    def _set(self, conn: Connection, state: LocalConnectionState) -> None:
        conn.state = state
        self._touch(conn.device)

    def _add_trunk(self, call: Call, number: str, state: LocalConnectionState, group: str) -> Connection:
        tg = self._trunks.get(group)
        member = tg.seize() if tg is not None else None
        if tg is not None and member is None:
            raise _err("subscribedResourceAvailability", "trunkLimitExceeded")
        call.parties += 1
        dev = Device(id=f"T{call.id}#{len(call.connections) + 1}", kind=TRUNK, name=number)
        while dev.id in self._devices:
            dev.id += "'"
        self._devices[dev.id] = dev
        return self._add(call, dev, state, trunk_group=group, trunk_member=member or 0, external_number=number)

    def _drop(self, conn: Connection) -> None:
        """Remove a connection without events (callers emit them)."""
        call, dev = conn.call, conn.device
        call.connections.pop(dev.id, None)
        if dev.connections.get(call.id) is conn:
            del dev.connections[call.id]
        conn.state = LS.NULL
        for t in conn.timers:
            t.cancel()
            self._timers.discard(t)
        conn.timers.clear()
        if dev.kind == TRUNK:
            tg = self._trunks.get(conn.trunk_group)
            if tg is not None:
                tg.busy.discard(conn.trunk_member)
            self._devices.pop(dev.id, None)
        elif isinstance(dev, SplitDevice):
            if conn in dev.queue:
                dev.queue.remove(conn)
        elif isinstance(dev, StationDevice):
            self._touch(dev)
            agent = dev.agent
            if agent is not None and not dev.connections:
                had_acd = conn.acd
                self._after.append(lambda: self._agent_call_ended(agent, had_acd))

    def _live(self, call: Call) -> int:
        return sum(1 for conn in call.connections.values() if conn.state in LIVE_STATES or conn.state == LS.QUEUED)

    def _release(self, conn: Connection, user_data: bytes | None = None, cause: EventCause | None = None) -> None:
        """A party leaves: ConnectionCleared, and the call ends when fewer than two parties remain."""
        call = conn.call
        if call.ended or call.connections.get(conn.device.id) is not conn:
            return
        event = c.ConnectionClearedEvent(
            monitor_cross_ref_id="",
            dropped_connection=self._cid(conn),
            releasing_device=self._xd(conn.device),
            user_data=self._ud(user_data),
            cause=cause or EventCause.NORMAL_CLEARING,
            call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
        )
        dev = conn.device
        self._drop(conn)
        self._emit(call, event, dev)
        if self._live(call) < 2:
            self._end_call(call, cause or EventCause.NORMAL_CLEARING)
        self._run_after()

    def _end_call(self, call: Call, cause: EventCause = EventCause.NORMAL_CLEARING) -> None:
        if call.ended:
            return
        if call.connections:
            self._emit(
                call,
                c.CallClearedEvent(
                    monitor_cross_ref_id="",
                    cleared_call=c.ConnectionID(call_id=call.call_id),
                    cause=cause,
                    call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
                ),
            )
        for conn in list(call.connections.values()):
            self._drop(conn)
        call.ended = True
        self._calls.pop(call.id, None)

    def _run_after(self) -> None:
        while self._after:
            self._after.pop(0)()

    # ------------------------------------------------------------------------------- offering

    def _offer(
        self,
        call: Call,
        dev: Device | None,
        number: str,
        *,
        cause: EventCause | None = None,
        hops: int = 0,
    ) -> Connection | None:
        """Offer `call` to a destination: alert a station, queue at a split/VDN, or seize a trunk."""
        if dev is None:
            return self._offer_external(call, number)
        if isinstance(dev, StationDevice):
            if dev.forward is not None and hops < 3:
                return self._forward(call, dev, hops)
            if dev.dnd or (appearance := self._free_appearance(dev)) is None or dev.id in call.connections:
                self._fail(call, dev, EventCause.DO_NOT_DISTURB if dev.dnd else EventCause.BUSY)
                return None
            conn = self._add(call, dev, LS.ALERTING, appearance=appearance)
            self._delivered(conn, cause)
            self._script_station(conn)
            return conn
        if isinstance(dev, VdnDevice):
            assert dev.vdn is not None
            call.vdn = dev.id
            split = self._devices[dev.vdn.split]
            assert isinstance(split, SplitDevice)
            return self._acd_offer(call, split)
        if isinstance(dev, SplitDevice):
            return self._acd_offer(call, dev)
        raise _op("invalidDestinationDeviceID")

    def _fail(self, call: Call, dev: Device, cause: EventCause) -> None:
        conn = Connection(call=call, device=dev, state=LS.FAIL)
        self._emit(
            call,
            c.FailedEvent(
                monitor_cross_ref_id="",
                failed_connection=self._cid(conn),
                failing_device=self._xd(dev),
                calling_device=self._xn(call.calling),
                called_device=self._xn(call.called),
                cause=cause,
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
            ),
            dev,
        )

    def _forward(self, call: Call, dev: StationDevice, hops: int) -> Connection | None:
        assert dev.forward is not None
        target = self._devices.get(dev.forward.destination)
        transient = Connection(call=call, device=dev, state=LS.NULL)
        self._emit(
            call,
            c.DivertedEvent(
                monitor_cross_ref_id="",
                connection=self._cid(transient),
                diverting_device=self._xd(dev),
                new_destination=self._xn(dev.forward.destination),
                calling_device=self._xn(call.calling),
                called_device=self._xn(call.called),
                user_data=self._ud(call.user_data),
                cause=EventCause.CALL_FORWARD_IMMEDIATE,
            ),
            dev,
        )
        call.last_redirection = dev.id
        return self._offer(
            call, target, dev.forward.destination, cause=EventCause.CALL_FORWARD_IMMEDIATE, hops=hops + 1
        )

    def _offer_external(self, call: Call, number: str) -> Connection | None:
        script = self.far_end.for_external(number)
        conn = self._add_trunk(call, number, LS.ALERTING, self.site.outbound_trunk_group)
        if script.busy:
            self._set(conn, LS.FAIL)
            self._fail(call, conn.device, EventCause.BUSY)
            return conn
        self._delivered(conn, None)
        self._apply_script(conn, script)
        return conn

    def _script_station(self, conn: Connection) -> None:
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
                self._release(conn, cause=EventCause.BUSY)
                return
            self._apply_script(conn, script)

    def _apply_script(self, conn: Connection, script: Script) -> None:
        if script.answer_after_ms is None:
            return

        def answer() -> None:
            if conn.state == LS.ALERTING and not conn.call.ended:
                self._answer(conn)
                self._after_answer(conn, script)

        self._later(conn, script.answer_after_ms, answer)

    def _after_answer(self, conn: Connection, script: Script) -> None:
        if script.digits:
            digits = script.digits

            def enter() -> None:
                if conn.state == LS.CONNECTED:
                    self._digits_from(conn, digits)

            self._later(conn, 0, enter)
        if script.hangup_after_ms is not None:
            hud = script.hangup_user_data or None

            def hangup() -> None:
                if conn.state != LS.NULL:
                    self._release(conn, hud)

            self._later(conn, script.hangup_after_ms, hangup)

    def _delivered(self, conn: Connection, cause: EventCause | None) -> None:
        call = conn.call
        self._emit(
            call,
            c.DeliveredEvent(
                monitor_cross_ref_id="",
                connection=self._cid(conn),
                alerting_device=self._xd(conn.device),
                calling_device=self._xn(call.calling),
                called_device=self._xn(call.called),
                last_redirection_device=self._redir(call),
                user_data=self._ud(call.user_data),
                cause=cause or (EventCause.DISTRIBUTED if conn.acd else EventCause.NEW_CALL),
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
                extensions=self._call_private(c.DeliveredEventPrivateData, call, conn),
            ),
        )

    def _call_private(self, cls: type[Message], call: Call, conn: Connection | None) -> c.CommonArguments | None:
        """Avaya call-event private data (`cls`): trunk group/member, ACD split, distributing VDN, as far as
        `cls` has those fields."""
        trunk = None
        for other in call.connections.values():
            if other.device.kind == TRUNK:
                trunk = other
                break
        if trunk is None and not call.split:
            return None
        fields: dict[str, Any] = {}
        if trunk is not None:
            fields["trunk_group"] = trunk.trunk_group
            fields["trunk_member"] = str(trunk.trunk_member)
        if call.split:
            fields["acd_group"] = self._num(call.split)
        if call.vdn:
            fields["distributing_vdn"] = self._xn(call.vdn)
        names = {f.name for f in dataclasses.fields(cast(Any, cls))}  # every Message is a dataclass at run time
        return c.private(cls(**{k: v for k, v in fields.items() if k in names}))

    def _answer(self, conn: Connection, cause: EventCause | None = None) -> None:
        call = conn.call
        self._set(conn, LS.CONNECTED)
        self._emit(
            call,
            c.EstablishedEvent(
                monitor_cross_ref_id="",
                established_connection=self._cid(conn),
                answering_device=self._xd(conn.device),
                calling_device=self._xn(call.calling),
                called_device=self._xn(call.called),
                last_redirection_device=self._redir(call),
                user_data=self._ud(call.user_data),
                cause=cause or (EventCause.DISTRIBUTED if conn.acd else EventCause.NEW_CALL),
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
                extensions=self._call_private(c.EstablishedEventPrivateData, call, conn),
            ),
        )

    # ------------------------------------------------------------------------------- timers

    def _later(self, conn: Connection | None, ms: int, fn: Callable[[], None]) -> None:
        if self._closed:
            return
        scheduler = self._scheduler
        if scheduler is None:
            try:
                scheduler = asyncio.get_running_loop().call_later
            except RuntimeError:
                if ms <= 0:
                    self._soon.append(fn)
                return
        holder: list[Timer] = []

        def run() -> None:
            if holder:
                self._timers.discard(holder[0])
            if self._closed:
                return
            try:
                fn()
            except SwitchError:
                pass
            except Exception:
                log.exception("simulated switch timer failed")
            self._flush()

        handle = scheduler(max(ms, 0) / 1000, run)
        holder.append(handle)
        self._timers.add(handle)
        if conn is not None:
            conn.timers.append(handle)

    def _flush(self) -> None:
        """Deferred work: zero-delay actions without a loop, agent follow-ups, then DMCC phone state."""
        for _ in range(100):
            self._run_after()
            if not self._soon:
                break
            soon, self._soon = self._soon, []
            for fn in soon:
                with contextlib.suppress(SwitchError):
                    fn()
        self._run_after()
        if self._dirty:
            dirty, self._dirty = self._dirty, {}
            for dev in dirty.values():
                self._phone_update(dev)

    # ========================================================================= inbound / far-end API

    def incoming_call(self, caller: str, called: str, *, user_data: bytes | None = None) -> int:
        """A call from the network on the inbound trunk group to a station, split or VDN; its call ID."""
        dev = self._devices.get(_parse(called))
        if dev is None or dev.kind == TRUNK:
            raise _op("invalidDeviceID")
        call = self._new_call(caller, dev.id, user_data)
        trunk = self._add_trunk(call, caller, LS.CONNECTED, self.site.inbound_trunk_group)
        call.inbound_trunk = (trunk.trunk_group, trunk.trunk_member)
        self._offer(call, dev, dev.id)
        script = self.far_end.for_external(caller)
        if script.hangup_after_ms is not None:
            self._after_answer(trunk, Script(answer_after_ms=0, hangup_after_ms=script.hangup_after_ms))
        self._flush()
        return call.id

    def external_hangup(self, number: str, *, user_data: bytes | None = None) -> int:
        conns = [
            conn
            for dev in list(self._devices.values())
            if dev.kind == TRUNK and dev.name == number
            for conn in dev.connections.values()
        ]
        for conn in conns:
            self._release(conn, user_data)
        self._flush()
        return len(conns)

    def _digits_from(self, conn: Connection, digits: str) -> None:
        """A far party enters digits: a DigitsGenerated-style report to the call's monitors."""
        for other in conn.call.connections.values():
            if other is not conn:
                self._hear(other, digits)

    def _hear(self, conn: Connection, digits: str) -> None:
        if isinstance(conn.device, StationDevice):
            conn.device.received_digits.append(digits)
        elif conn.device.kind == TRUNK:
            self.far_end.hear_digits(conn.external_number, digits)
        if conn.device.kind != TRUNK:
            self.far_end.hear_digits(conn.device.id, digits)

    # ===================================================================================== handlers

    def _register_handlers(self) -> None:
        for name in dir(self):
            if not name.startswith("_h_"):
                continue
            cls = getattr(c, name[3:], None)
            if cls is None:
                log.debug("codec has no %s yet; request unsupported", name[3:])
                continue
            self._handlers[cls] = getattr(self, name)

    # ---------------------------------------------------------------------------- call control

    def _h_MakeCall(self, s: SwitchSession, r: c.MakeCall) -> Message:
        # The error value says which party was wrong, so that a client can name it.
        if r.calling_device is None or _parse(r.calling_device.value) not in self._devices:
            raise _op("invalidCallingDeviceID")
        caller = self._device(r.calling_device)
        if not isinstance(caller, StationDevice):
            raise _op("requestIncompatibleWithCallingDevice")
        called = _parse(r.called_directory_number.value) if r.called_directory_number is not None else ""
        if called.isdigit() and called not in self._devices and not self._is_external(called):
            return self._make_call_to_unassigned(caller, called, r)
        try:
            dest, number = self._destination(r.called_directory_number)
        except SwitchError as exc:
            if exc.error.value == "invalidDeviceID":
                raise _op("invalidCalledDeviceID") from None
            raise
        appearance = self._free_appearance(caller)
        if appearance is None:
            raise _state("invalidCallingDeviceState")
        if dest is caller:
            raise _op("invalidCalledDeviceID")
        call = self._new_call(caller.id, number, r.user_data.string if r.user_data else None)
        conn = self._originate(call, caller, appearance, number)
        self._offer(call, dest, number)
        return c.MakeCallResponse(
            calling_device=self._cid(conn),
            extensions=c.private(
                c.MakeCallResponsePrivateData(call_linkage_data=c.CallLinkageData.for_ucid(call.ucid))
            ),
        )

    def _make_call_to_unassigned(self, caller: StationDevice, number: str, r: c.MakeCall) -> Message:
        """CM takes a call to a number its dial plan does not assign and gives the caller intercept tone: the
        request succeeds, the caller's connection fails (FailedEvent, cause destNotObtainable) and stays in
        the fail state until the caller hangs up."""
        appearance = self._free_appearance(caller)
        if appearance is None:
            raise _state("invalidCallingDeviceState")
        call = self._new_call(caller.id, number, r.user_data.string if r.user_data else None)
        conn = self._initiate(call, caller, appearance)
        self._set(conn, LS.FAIL)
        self._emit(
            call,
            c.FailedEvent(
                monitor_cross_ref_id="",
                failed_connection=self._cid(conn),
                failing_device=self._xn(number),
                calling_device=self._xd(caller),
                called_device=self._xn(number),
                cause=EventCause.DEST_NOT_OBTAINABLE,
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
            ),
        )
        return c.MakeCallResponse(
            calling_device=self._cid(conn),
            extensions=c.private(
                c.MakeCallResponsePrivateData(call_linkage_data=c.CallLinkageData.for_ucid(call.ucid))
            ),
        )

    def _initiate(self, call: Call, caller: StationDevice, appearance: str) -> Connection:
        """The caller's connection on a call it makes, announced with ServiceInitiated."""
        conn = self._add(call, caller, LS.INITIATED, appearance=appearance)
        self._emit(
            call,
            c.ServiceInitiatedEvent(
                monitor_cross_ref_id="",
                initiated_connection=self._cid(conn),
                initiating_device=self._xd(caller),
                cause=EventCause.MAKE_CALL,
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
            ),
        )
        return conn

    def _originate(self, call: Call, caller: StationDevice, appearance: str, number: str) -> Connection:
        conn = self._initiate(call, caller, appearance)
        self._set(conn, LS.CONNECTED)
        self._emit(
            call,
            c.OriginatedEvent(
                monitor_cross_ref_id="",
                originated_connection=self._cid(conn),
                calling_device=self._xd(caller),
                called_device=self._xn(number),
                cause=EventCause.MAKE_CALL,
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
            ),
        )
        return conn

    def _h_AnswerCall(self, s: SwitchSession, r: c.AnswerCall) -> Message:
        conn = self._conn(r.call_to_be_answered)
        if conn.state != LS.ALERTING:
            raise _state("invalidConnectionState")
        if conn.device.kind != STATION:
            raise _op("requestIncompatibleWithObject")
        self._answer(conn)
        return c.AnswerCallResponse()

    def _h_ClearConnection(self, s: SwitchSession, r: c.ClearConnection) -> Message:
        conn = self._conn(r.connection_to_be_cleared)
        self._release(conn, r.user_data.string if r.user_data else None)
        return c.ClearConnectionResponse()

    def _h_ClearCall(self, s: SwitchSession, r: c.ClearCall) -> Message:
        conn = self._conn(r.call_to_be_cleared)
        call = conn.call
        ud = r.user_data.string if r.user_data else None
        for other in list(call.connections.values()):
            event = c.ConnectionClearedEvent(
                monitor_cross_ref_id="",
                dropped_connection=self._cid(other),
                releasing_device=self._xd(other.device),
                user_data=self._ud(ud),
                cause=EventCause.NORMAL_CLEARING,
            )
            self._emit(call, event)
        self._end_call(call)
        self._run_after()
        return c.ClearCallResponse()

    def _hold(self, conn: Connection) -> None:
        self._set(conn, LS.HOLD)
        self._emit(
            conn.call,
            c.HeldEvent(monitor_cross_ref_id="", held_connection=self._cid(conn), holding_device=self._xd(conn.device)),
        )

    def _retrieve(self, conn: Connection) -> None:
        self._set(conn, LS.CONNECTED)
        self._emit(
            conn.call,
            c.RetrievedEvent(
                monitor_cross_ref_id="", retrieved_connection=self._cid(conn), retrieving_device=self._xd(conn.device)
            ),
        )

    def _h_HoldCall(self, s: SwitchSession, r: c.HoldCall) -> Message:
        conn = self._conn(r.call_to_be_held)
        if conn.device.kind != STATION:
            raise _op("requestIncompatibleWithObject")
        if conn.state != LS.CONNECTED:
            raise _state("invalidConnectionState")
        self._hold(conn)
        return c.HoldCallResponse()

    def _h_RetrieveCall(self, s: SwitchSession, r: c.RetrieveCall) -> Message:
        conn = self._conn(r.call_to_be_retrieved)
        if conn.state != LS.HOLD:
            raise _state("invalidConnectionState")
        self._retrieve(conn)
        return c.RetrieveCallResponse()

    def _h_ConsultationCall(self, s: SwitchSession, r: c.ConsultationCall) -> Message:
        existing = self._conn(r.existing_call)
        dev = existing.device
        if not isinstance(dev, StationDevice):
            raise _op("requestIncompatibleWithObject")
        if existing.state != LS.CONNECTED:
            raise _state("invalidConnectionState")
        dest, number = self._destination(r.consulted_device)
        if dest is dev:
            raise _op("invalidCalledDeviceID")
        appearance = self._free_appearance(dev)
        if appearance is None:
            raise _state("invalidDeviceState")
        self._hold(existing)
        call = self._new_call(dev.id, number, r.user_data.string if r.user_data else None)
        conn = self._originate(call, dev, appearance, number)
        self._offer(call, dest, number)
        return c.ConsultationCallResponse(
            initiated_call=self._cid(conn),
            extensions=self._linkage_private("ConsultationCallResponsePrivateData", call),
        )

    def _linkage_private(self, name: str, call: Call) -> c.CommonArguments | None:
        cls = getattr(c, name, None)
        if cls is None:
            return None
        return c.private(cls(call_linkage_data=c.CallLinkageData.for_ucid(call.ucid)))

    def _pair(self, held_cid: c.ConnectionID, active_cid: c.ConnectionID) -> tuple[Connection, Connection]:
        held, active = self._conn(held_cid), self._conn(active_cid)
        if held.device is not active.device:
            raise _op("notSameDevice")
        if held.call is active.call:
            raise _op("invalidActiveCallID")
        if held.state != LS.HOLD:
            raise _state("invalidHeldConnectionState")
        if active.state not in (LS.CONNECTED, LS.ALERTING, LS.INITIATED, LS.QUEUED):
            raise _state("invalidActiveConnectionState")
        return held, active

    def _merge(self, primary: Call, secondary: Call, leaving: Device | None) -> list[c.ConnectionListItem]:
        """Move secondary's parties into primary; the list of (new, old) connections."""
        items: list[c.ConnectionListItem] = []
        for conn in list(secondary.connections.values()):
            if conn.device is leaving:
                continue
            old = self._cid(conn)
            secondary.connections.pop(conn.device.id)
            conn.device.connections.pop(secondary.id, None)
            if conn.device.id in primary.connections:  # the same device on both calls: keep one connection
                self._drop(conn)
                continue
            conn.call = primary
            primary.connections[conn.device.id] = conn
            conn.device.connections[primary.id] = conn
            if isinstance(conn.device, SplitDevice):
                pass
            items.append(
                c.ConnectionListItem(
                    new_connection=self._cid(conn),
                    old_connection=old,
                    endpoint=c.ConnectionListItemEndpoint(device_id=self._did(conn.device)),
                )
            )
        for conn in primary.connections.values():
            if conn.device is leaving:
                continue
            if not any(i.endpoint and i.endpoint.device_id == self._did(conn.device) for i in items):
                cid = self._cid(conn)
                items.insert(
                    0,
                    c.ConnectionListItem(
                        new_connection=cid,
                        old_connection=cid,
                        endpoint=c.ConnectionListItemEndpoint(device_id=self._did(conn.device)),
                    ),
                )
        if not primary.split and secondary.split:
            primary.split, primary.vdn = secondary.split, secondary.vdn
        secondary.ended = True
        self._calls.pop(secondary.id, None)
        return items

    def _h_TransferCall(self, s: SwitchSession, r: c.TransferCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        primary, secondary = held.call, active.call
        transferring = held.device
        others = [conn.device for conn in secondary.connections.values() if conn.device is not transferring]
        if not others:
            raise _state("invalidActiveConnectionState")
        primary_cid, secondary_cid = self._cid(held), self._cid(active)
        recipients = {
            conn.device.id: conn.device for conn in (*primary.connections.values(), *secondary.connections.values())
        }
        # The transferring device leaves both calls.
        self._drop(held)
        self._drop(active)
        items = self._merge(primary, secondary, transferring)
        event = c.TransferedEvent(
            monitor_cross_ref_id="",
            primary_old_call=primary_cid,
            secondary_old_call=secondary_cid,
            transferring_device=self._xd(transferring),
            transferred_to_device=self._xd(others[0]),
            transferred_connections=tuple(items),
            cause=EventCause.TRANSFER,
            extensions=self._call_private(c.TransferredEventPrivateData, primary, None),
        )
        self._emit(primary, event, *recipients.values())
        if self._live(primary) < 2:
            self._end_call(primary)
        self._run_after()
        return c.TransferCallResponse(
            transferred_call=c.ConnectionID(call_id=primary.call_id),
            connections=tuple(items),
            extensions=self._linkage_private("TransferCallResponsePrivateData", primary),
        )

    def _h_ConferenceCall(self, s: SwitchSession, r: c.ConferenceCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        primary, secondary = held.call, active.call
        conferencing = held.device
        others = [conn.device for conn in secondary.connections.values() if conn.device is not conferencing]
        if not others:
            raise _state("invalidActiveConnectionState")
        primary_cid, secondary_cid = self._cid(held), self._cid(active)
        self._drop(active)
        items = self._merge(primary, secondary, conferencing)
        self._set(held, LS.CONNECTED)
        own = self._cid(held)
        items.insert(
            0,
            c.ConnectionListItem(
                new_connection=own,
                old_connection=primary_cid,
                endpoint=c.ConnectionListItemEndpoint(device_id=self._did(conferencing)),
            ),
        )
        event = c.ConferencedEvent(
            monitor_cross_ref_id="",
            primary_old_call=primary_cid,
            secondary_old_call=secondary_cid,
            conferencing_device=self._xd(conferencing),
            added_party=self._xd(others[0]),
            conference_connections=tuple(items),
            cause=EventCause.CONFERENCE,
            extensions=self._call_private(c.ConferencedEventPrivateData, primary, None),
        )
        self._emit(primary, event)
        self._run_after()
        return c.ConferenceCallResponse(
            conference_call=own,
            connections=tuple(items),
            extensions=self._linkage_private("ConferenceCallResponsePrivateData", primary),
        )

    def _h_ReconnectCall(self, s: SwitchSession, r: c.ReconnectCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        self._release(active)
        self._retrieve(held)
        return c.ReconnectCallResponse()

    def _h_AlternateCall(self, s: SwitchSession, r: c.AlternateCall) -> Message:
        held, active = self._pair(r.held_call, r.active_call)
        if active.state != LS.CONNECTED:
            raise _state("invalidActiveConnectionState")
        self._hold(active)
        self._retrieve(held)
        return c.AlternateCallResponse()

    def _h_SingleStepTransferCall(self, s: SwitchSession, r: c.SingleStepTransferCall) -> Message:
        conn = self._conn(r.active_call)
        if conn.state not in (LS.CONNECTED, LS.HOLD):
            raise _state("invalidConnectionState")
        dest, number = self._destination(r.transferred_to)
        call = conn.call
        if dest is not None and dest.id in call.connections:
            raise _op("invalidDestinationDeviceID")
        if r.user_data is not None:
            call.user_data = r.user_data.string
        transferring = conn.device
        old = self._cid(conn)
        self._drop(conn)
        items = tuple(
            c.ConnectionListItem(
                new_connection=self._cid(other),
                old_connection=self._cid(other),
                endpoint=c.ConnectionListItemEndpoint(device_id=self._did(other.device)),
            )
            for other in call.connections.values()
        )
        self._emit(
            call,
            c.TransferedEvent(
                monitor_cross_ref_id="",
                primary_old_call=old,
                transferring_device=self._xd(transferring),
                transferred_to_device=self._xn(number),
                transferred_connections=items,
                cause=EventCause.SINGLE_STEP_TRANSFER,
            ),
            transferring,
        )
        call.last_redirection = transferring.id
        new = self._offer(call, dest, number, cause=EventCause.SINGLE_STEP_TRANSFER)
        self._run_after()
        return c.SingleStepTransferCallResponse(
            transferred_call=self._cid(new) if new is not None else c.ConnectionID(call_id=call.call_id),
            extensions=self._linkage_private("SingleStepTransferCallResponsePrivateData", call),
        )

    def _h_SingleStepConferenceCall(self, s: SwitchSession, r: c.SingleStepConferenceCall) -> Message:
        conn = self._conn(r.active_call)
        if conn.state not in (LS.CONNECTED, LS.HOLD):
            raise _state("invalidConnectionState")
        joiner = self._device(r.device_to_join)
        if not isinstance(joiner, StationDevice):
            raise _op("invalidDestinationDeviceID")
        call = conn.call
        if joiner.id in call.connections:
            raise _state("invalidDestinationDeviceState")
        appearance = self._free_appearance(joiner)
        if appearance is None:
            raise _state("invalidDestinationDeviceState")
        silent = r.participation_type == c.ParticipationType.SILENT
        new = self._add(call, joiner, LS.CONNECTED, appearance=appearance)
        items = tuple(
            c.ConnectionListItem(
                new_connection=self._cid(other),
                old_connection=self._cid(other),
                endpoint=c.ConnectionListItemEndpoint(device_id=self._did(other.device)),
            )
            for other in call.connections.values()
        )
        self._emit(
            call,
            c.ConferencedEvent(
                monitor_cross_ref_id="",
                primary_old_call=self._cid(conn),
                conferencing_device=self._xd(conn.device),
                added_party=self._xd(joiner),
                conference_connections=items,
                cause=EventCause.SILENT_PARTICIPATION if silent else EventCause.ACTIVE_PARTICIPATION,
            ),
        )
        self._joined(new)
        ext: c.CommonArguments | None = None
        cls = getattr(c, "SingleStepConferenceCallResponsePrivateData", None)
        if cls is not None:
            ext = c.private(
                cls(
                    globally_unique_call_linkage_id=call.ucid,
                    resulting_connections=tuple(self._cid(o) for o in call.connections.values()),
                )
            )
        return c.SingleStepConferenceCallResponse(conferenced_call=self._cid(new), extensions=ext)

    def _joined(self, conn: Connection) -> None:
        """A station joined connected (single-step conference, pickup): an IVR port's hang-up script starts."""
        dev = conn.device
        if not isinstance(dev, StationDevice):
            return
        script = self.far_end.for_station(dev.id)
        if script is None and dev.station is not None and dev.station.auto_answer is not None:
            aa = dev.station.auto_answer
            script = Script(hangup_after_ms=aa.hangup_after_ms, hangup_user_data=aa.hangup_user_data.encode())
        if script is not None:
            self._after_answer(conn, script)

    def _h_DeflectCall(self, s: SwitchSession, r: c.DeflectCall) -> Message:
        conn = self._conn(r.call_to_be_diverted)
        if conn.state != LS.ALERTING or conn.device.kind != STATION:
            raise _state("invalidConnectionState")
        dest, number = self._destination(r.new_destination)
        call = conn.call
        if dest is not None and dest.id in call.connections:
            raise _op("invalidDestinationDeviceID")
        self._divert(conn, number, EventCause.REDIRECTED)
        call.last_redirection = conn.device.id
        self._offer(call, dest, number, cause=EventCause.REDIRECTED)
        self._run_after()
        return c.DeflectCallResponse()

    def _divert(self, conn: Connection, number: str, cause: EventCause) -> None:
        call, dev = conn.call, conn.device
        event = c.DivertedEvent(
            monitor_cross_ref_id="",
            connection=self._cid(conn),
            diverting_device=self._xd(dev),
            new_destination=self._xn(number),
            calling_device=self._xn(call.calling),
            called_device=self._xn(call.called),
            user_data=self._ud(call.user_data),
            cause=cause,
        )
        self._drop(conn)
        self._emit(call, event, dev)

    def _pickup(self, conn: Connection, requester: StationDevice) -> Connection:
        if conn.state != LS.ALERTING or conn.device.kind != STATION:
            raise _state("invalidConnectionState")
        if requester.id in conn.call.connections:
            raise _state("invalidDeviceState")
        appearance = self._free_appearance(requester)
        if appearance is None:
            raise _state("invalidDeviceState")
        call = conn.call
        acd = conn.acd
        self._divert(conn, requester.id, EventCause.CALL_PICKUP)
        call.last_redirection = conn.device.id
        new = self._add(call, requester, LS.ALERTING, appearance=appearance, acd=acd)
        self._answer(new, EventCause.CALL_PICKUP)
        self._run_after()
        return new

    def _h_DirectedPickupCall(self, s: SwitchSession, r: c.DirectedPickupCall) -> Message:
        conn = self._conn(r.call_to_be_picked_up)
        requester = self._station(r.requesting_device)
        new = self._pickup(conn, requester)
        return c.DirectedPickupCallResponse(picked_call=self._cid(new))

    def _h_GroupPickupCall(self, s: SwitchSession, r: c.GroupPickupCall) -> Message:
        requester = self._station(r.new_destination)
        group = requester.station.pickup_group if requester.station else 0
        if r.pick_group is not None:
            try:
                group = int(_parse(r.pick_group.value))
            except ValueError:
                raise _op("invalidParameterValue") from None
        target: Connection | None = None
        for member in self._pickup_groups.get(group, ()):
            if member is requester:
                continue
            for conn in member.connections.values():
                if conn.state == LS.ALERTING and (target is None or conn.call.id < target.call.id):
                    target = conn
        if target is None:
            raise _state("noCallToAnswer")
        new = self._pickup(target, requester)
        return c.GroupPickupCallResponse(picked_call=self._cid(new))

    def _generate(self, conn: Connection, digits: str) -> None:
        if conn.state != LS.CONNECTED:
            raise _state("invalidConnectionState")
        if not digits or any(ch not in "0123456789*#ABCDabcd" for ch in digits):
            raise _op("invalidParameterValue")
        self._emit(
            conn.call,
            c.DigitsGeneratedEvent(monitor_cross_ref_id="", connection=self._cid(conn), digit_generated_list=digits),
        )
        self._digits_from(conn, digits)

    def _h_GenerateDigits(self, s: SwitchSession, r: c.GenerateDigits) -> Message:
        self._generate(self._conn(r.connection_to_send_digits), r.characters_to_send)
        return c.GenerateDigitsResponse()

    def _h_SendDTMFTone(self, s: SwitchSession, r: c.SendDTMFTone) -> Message:
        self._generate(self._conn(r.sender), r.tones)
        return c.SendDTMFToneResponse()

    def _selective(self, r: c.SelectiveListeningHold | c.SelectiveListeningRetrieve, hold: bool) -> None:
        sl = r.selective_listening
        if sl is None:
            raise _op("invalidParameterValue")
        subject = self._conn(sl.subject_connection)
        key = "*"
        if not sl.all_parties:
            party = self._conn(sl.selected_party)
            if party.call is not subject.call or party is subject:
                raise _op("invalidConnectionID")
            key = party.device.id
        if hold:
            subject.listen_held.add(key)
        elif key == "*":
            subject.listen_held.clear()
        else:
            subject.listen_held.discard(key)

    def _h_SelectiveListeningHold(self, s: SwitchSession, r: c.SelectiveListeningHold) -> Message:
        self._selective(r, True)
        return c.SelectiveListeningHoldResponse()

    def _h_SelectiveListeningRetrieve(self, s: SwitchSession, r: c.SelectiveListeningRetrieve) -> Message:
        self._selective(r, False)
        return c.SelectiveListeningRetrieveResponse()

    # ================================================================================= ACD

    def _acd_offer(self, call: Call, split: SplitDevice) -> Connection | None:
        call.split = split.id
        agent = self._pick_agent(split)
        if agent is not None:
            return self._deliver_to_agent(call, agent)
        conn = self._add(call, split, LS.QUEUED)
        split.queue.append(conn)
        self._emit(
            call,
            c.QueuedEvent(
                monitor_cross_ref_id="",
                queued_connection=self._cid(conn),
                queue=self._xd(split),
                calling_device=self._xn(call.calling),
                called_device=self._xn(call.called),
                number_queued=len(split.queue),
                calls_in_front=len(split.queue) - 1,
                user_data=self._ud(call.user_data),
                cause=EventCause.NO_AVAILABLE_AGENTS,
                call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
            ),
        )
        return conn

    @staticmethod
    def _available(agent: Agent) -> bool:
        st = agent.station
        return agent.work_mode in _READY_MODES and st is not None and not st.connections and not st.dnd

    def _pick_agent(self, split: SplitDevice) -> Agent | None:
        best: Agent | None = None
        for agent in split.agents:
            if self._available(agent) and (best is None or agent.idle_since < best.idle_since):
                best = agent
        return best

    def _deliver_to_agent(self, call: Call, agent: Agent) -> Connection:
        st = agent.station
        assert st is not None
        conn = self._add(call, st, LS.ALERTING, acd=True)
        self._delivered(conn, EventCause.DISTRIBUTED)
        self._script_station(conn)
        return conn

    def _serve_queue(self, agent: Agent) -> None:
        if not self._available(agent):
            return
        oldest: Connection | None = None
        for ext in agent.logged_splits:
            split = self._devices[ext]
            assert isinstance(split, SplitDevice)
            if split.queue and (oldest is None or split.queue[0].call.id < oldest.call.id):
                oldest = split.queue[0]
        if oldest is None:
            return
        call = oldest.call
        self._drop(oldest)
        self._deliver_to_agent(call, agent)

    def _agent_call_ended(self, agent: Agent, had_acd: bool) -> None:
        st = agent.station
        if st is None or st.connections:
            return
        agent.idle_since = next(self._idle_clock)
        if agent.pending_mode is not None:
            mode, reason = agent.pending_mode, agent.pending_reason
            agent.pending_mode, agent.pending_reason = None, 0
            if mode == "loggedOff":
                self._logout(agent, reason)
                return
            self._change_mode(agent, mode, reason)
        elif had_acd and agent.work_mode == "manualIn":
            self._change_mode(agent, "afterCallWork", 0)
        self._serve_queue(agent)

    # ----------------------------------------------------------------------------- agent events

    def _agent_private(self, name: str, agent: Agent) -> c.CommonArguments | None:
        cls = getattr(c, name, None)
        if cls is None:
            return None
        fields: dict[str, Any] = {"reason_code": agent.reason_code}
        if agent.pending_mode is not None and agent.pending_mode != "loggedOff":
            fields["pending_work_mode"] = self._work_mode(agent.pending_mode)
            fields["pending_reason_code"] = agent.pending_reason
        names = {f.name for f in dataclasses.fields(cls)}
        return c.private(cls(**{k: v for k, v in fields.items() if k in names}))

    @staticmethod
    def _work_mode(mode: str) -> Any:
        enum_cls = getattr(c, "WorkMode", None)
        return enum_cls(mode) if enum_cls is not None else mode

    def _mode_event(self, agent: Agent) -> None:
        st = agent.station
        if st is None:
            return
        group = self._num(agent.logged_splits[0]) if agent.logged_splits else None
        common: dict[str, Any] = {
            "monitor_cross_ref_id": "",
            "agent_device": self._xd(st),
            "agent_id": agent.agent_id,
            "acd_group": group,
        }
        ev: Message
        if agent.work_mode == "auxWork":
            ev = c.AgentNotReadyEvent(**common, extensions=self._agent_private("AgentNotReadyEventPrivateData", agent))
        elif agent.work_mode == "afterCallWork":
            ev = c.AgentWorkingAfterCallEvent(
                **common, extensions=self._agent_private("AgentWorkingAfterCallEventPrivateData", agent)
            )
        else:
            ev = c.AgentReadyEvent(**common, extensions=self._agent_private("AgentReadyEventPrivateData", agent))
        self._send(st, ev)

    def _change_mode(self, agent: Agent, mode: str, reason: int) -> None:
        agent.work_mode = mode
        agent.reason_code = reason if mode == "auxWork" else 0
        if mode in _READY_MODES:
            agent.idle_since = next(self._idle_clock)
        self._mode_event(agent)

    def _logout(self, agent: Agent, reason: int) -> None:
        st = agent.station
        assert st is not None
        for ext in agent.logged_splits:
            split = self._devices[ext]
            assert isinstance(split, SplitDevice)
            if agent in split.agents:
                split.agents.remove(agent)
        group = self._num(agent.logged_splits[0]) if agent.logged_splits else None
        agent.reason_code = reason
        private = c.private(c.AgentLoggedOffEventPrivateData(reason_code=reason))
        self._send(
            st,
            c.AgentLoggedOffEvent(
                monitor_cross_ref_id="",
                agent_device=self._xd(st),
                agent_id=agent.agent_id,
                acd_group=group,
                extensions=private,
            ),
        )
        agent.station = None
        agent.logged_splits = ()
        agent.work_mode = "auxWork"
        agent.reason_code = 0
        agent.pending_mode = None
        st.agent = None

    def _h_SetAgentState(self, s: SwitchSession, r: c.SetAgentState) -> Message:
        st = self._station(r.device)
        priv = self._find_private(r.extensions, "SetAgentStatePrivateData")
        mode: str | None = None
        reason = 0
        pending = False
        if priv is not None:
            wm = getattr(priv, "work_mode", None)
            mode = str(wm) if wm is not None else None
            reason = int(getattr(priv, "reason_code", None) or 0)
            pending = bool(getattr(priv, "enable_pending", False))
        if not 0 <= reason <= 99:
            raise _op("invalidParameterValue")
        req = r.requested_agent_state
        R = c.ReqAgentState
        if req == R.LOGGED_ON:
            return self._login(st, r, mode, reason)
        agent = st.agent
        if agent is None:
            raise _op("invalidAgentState")
        if r.agent_id and r.agent_id != agent.agent_id:
            raise _op("invalidAgentIdentifier")
        if req == R.LOGGED_OFF:
            target = "loggedOff"
        elif req == R.NOT_READY:
            target = "auxWork"
        elif req == R.READY:
            target = mode if mode in _READY_MODES else "manualIn"
        elif req == R.WORKING_AFTER_CALL:
            target = "afterCallWork"
        else:  # pragma: no cover - enum is closed
            raise _op("invalidAgentState")
        if st.connections and pending:
            agent.pending_mode, agent.pending_reason = target, reason
            return self._agent_response(True)
        if target == "loggedOff":
            if st.connections:
                raise _state("invalidDeviceState")
            self._logout(agent, reason)
            return self._agent_response(False)
        agent.pending_mode = None
        self._change_mode(agent, target, reason)
        self._serve_queue(agent)
        return self._agent_response(False)

    def _agent_response(self, is_pending: bool) -> Message:
        cls = getattr(c, "SetAgentStateResponsePrivateData", None)
        ext = c.private(cls(is_pending=is_pending)) if cls is not None else None
        return c.SetAgentStateResponse(extensions=ext)

    def _login(self, st: StationDevice, r: c.SetAgentState, mode: str | None, reason: int) -> Message:
        if not r.agent_id:
            raise _op("invalidAgentIdentifier")
        agent = self._agents.get(r.agent_id)
        if agent is None:
            raise _op("invalidAgentIdentifier")
        password = r.password.decode("ascii", "replace") if r.password is not None else ""
        if agent.password and password != agent.password:
            raise _op("invalidAgentPassword")
        if r.group is not None:
            group = _parse(r.group.value)
            if group not in agent.splits:
                raise _op("invalidAgentGroup")
            splits: tuple[str, ...] = (group,)
        else:
            splits = agent.splits
        if agent.station is not None or st.agent is not None:
            if agent.station is st:
                raise _op("invalidAgentState")
            raise _op("invalidAgentState")
        agent.station, st.agent = st, agent
        agent.logged_splits = splits
        for ext in splits:
            split = self._devices[ext]
            assert isinstance(split, SplitDevice)
            split.agents.append(agent)
        self._send(
            st,
            c.AgentLoggedOnEvent(
                monitor_cross_ref_id="",
                agent_device=self._xd(st),
                agent_id=agent.agent_id,
                acd_group=self._num(splits[0]),
            ),
        )
        self._change_mode(agent, mode if mode in ("autoIn", "manualIn", "afterCallWork") else "auxWork", reason)
        self._serve_queue(agent)
        return self._agent_response(False)

    def _find_private(self, ext: c.CommonArguments | None, name: str) -> Any:
        for item in c.private_items(ext):
            if type(item).__name__ == name:
                return item
        return None

    def _agent_state_of(self, agent: Agent) -> Any:
        st = agent.station
        A = c.AgentState
        if st is not None and any(conn.acd for conn in st.connections.values()):
            return A.AGENT_BUSY
        return {
            "auxWork": A.AGENT_NOT_READY,
            "afterCallWork": A.AGENT_WORKING_AFTER_CALL,
        }.get(agent.work_mode, A.AGENT_READY)

    def _h_GetAgentState(self, s: SwitchSession, r: c.GetAgentState) -> Message:
        st = self._station(r.device)
        agent = st.agent
        if agent is None:
            entry = c.AgentStateEntry(logged_on_state=False, agent_info=())
            return c.GetAgentStateResponse(agent_state_list=(entry,))
        state = self._agent_state_of(agent)
        P = c.PendingAgentState
        pending = None
        if agent.pending_mode is not None:
            pending = {
                "auxWork": P.AGENT_NOT_READY,
                "afterCallWork": P.AGENT_WORKING_AFTER_CALL,
                "loggedOff": P.AGENT_NULL,
            }.get(agent.pending_mode, P.AGENT_READY)
        splits = agent.logged_splits
        if r.acd_group is not None:
            g = _parse(r.acd_group.value)
            if g not in splits:
                raise _op("invalidAgentGroup")
            splits = (g,)
        info = tuple(
            c.AgentInfoItem(acd_group=self._num(sp), agent_state=state, pending_agent_state=pending) for sp in splits
        )
        ext = None
        cls = getattr(c, "GetAgentStateResponsePrivateData", None)
        if cls is not None:
            talk = getattr(c, "TalkState", None)
            on_call = bool(st.connections)
            fields: dict[str, Any] = {
                "work_mode": self._work_mode(agent.work_mode),
                "talk_state": talk("onCall" if on_call else "idle") if talk else ("onCall" if on_call else "idle"),
                "reason_code": agent.reason_code,
                "pending_reason_code": agent.pending_reason if agent.pending_mode else None,
            }
            names = {f.name for f in dataclasses.fields(cls)}
            ext = c.private(cls(**{k: v for k, v in fields.items() if k in names}))
        entry = c.AgentStateEntry(agent_id=agent.agent_id, logged_on_state=True, agent_info=info)
        return c.GetAgentStateResponse(agent_state_list=(entry,), extensions=ext)

    # ========================================================================= logical features

    def _h_SetDoNotDisturb(self, s: SwitchSession, r: c.SetDoNotDisturb) -> Message:
        st = self._station(r.device)
        st.dnd = r.do_not_disturb_on
        self._touch(st)
        self._send(st, c.DoNotDisturbEvent(monitor_cross_ref_id="", device=self._xd(st), do_not_disturb_on=st.dnd))
        return c.SetDoNotDisturbResponse()

    def _h_GetDoNotDisturb(self, s: SwitchSession, r: c.GetDoNotDisturb) -> Message:
        return c.GetDoNotDisturbResponse(do_not_disturb_on=self._station(r.device).dnd)

    def _h_SetForwarding(self, s: SwitchSession, r: c.SetForwarding) -> Message:
        st = self._station(r.device)
        ftype = r.forwarding_type or c.ForwardingType.FORWARD_IMMEDIATE
        if ftype != c.ForwardingType.FORWARD_IMMEDIATE:
            raise _op("invalidForwardingType")
        if r.activate_forward:
            if r.forward_dn is None:
                raise _op("invalidForwardingDestination")
            dest = _parse(r.forward_dn.value)
            if dest == st.id or (dest not in self._devices and not self._is_external(dest)):
                raise _op("invalidForwardingDestination")
            st.forward = Forward(dest)
        else:
            st.forward = None
        self._touch(st)
        self._send(
            st,
            c.ForwardingEvent(
                monitor_cross_ref_id="",
                device=self._xd(st),
                forwarding_type=ftype,
                forward_status=st.forward is not None,
                forward_to=self._num(st.forward.destination) if st.forward else None,
            ),
        )
        return c.SetForwardingResponse()

    def _h_GetForwarding(self, s: SwitchSession, r: c.GetForwarding) -> Message:
        st = self._station(r.device)
        item = c.ForwardListItem(
            forwarding_type=c.ForwardingType.FORWARD_IMMEDIATE,
            forward_status=st.forward is not None,
            forward_dn=self._num(st.forward.destination) if st.forward else None,
        )
        return c.GetForwardingResponse(forwarding_list=(item,))

    def _h_SetMessageWaitingIndicator(self, s: SwitchSession, r: c.SetMessageWaitingIndicator) -> Message:
        st = self._station(r.device)
        st.mwi = r.message_waiting_on
        self._touch(st)
        self._send(
            st,
            c.MessageWaitingEvent(
                monitor_cross_ref_id="",
                target_device=self._xd(st),
                device_for_message=r.device_for_message,
                message_waiting_on=st.mwi,
            ),
        )
        return c.SetMessageWaitingIndicatorResponse()

    def _h_GetMessageWaitingIndicator(self, s: SwitchSession, r: c.GetMessageWaitingIndicator) -> Message:
        st = self._station(r.device)
        ext = None
        cls = getattr(c, "GetMessageWaitingIndicatorResponsePrivateData", None)
        if cls is not None and st.mwi:
            enum_cls = getattr(c, "MWIApplicationType", None)
            app = enum_cls("CTI_ASAI") if enum_cls is not None else "CTI_ASAI"
            ext = c.private(cls(mwi_application_type=(app,)))
        return c.GetMessageWaitingIndicatorResponse(
            message_waiting_on=st.mwi,
            lamp_is_present=any(b.function == "message-waiting" for b in st.buttons),
            extensions=ext,
        )

    # ============================================================================ monitoring

    def _h_MonitorStart(self, s: SwitchSession, r: c.MonitorStart) -> Message:
        obj = r.monitor_object
        if obj.call_object is not None:
            raise _op("invalidMonitorObjectType")
        dev: Device | None
        if obj.device_object is None or not obj.device_object.value.strip():
            dev = None  # a session-level monitor (DMCC device-services events); nothing to deliver here
        else:
            dev = self._device(obj.device_object)
            if dev.kind == TRUNK:
                raise _op("invalidMonitorObject")
        avaya = self._find_private(r.extensions, "AvayaEvents")
        xref = str(next(self._xrefs))
        monitor = Monitor(xref=xref, session=s, device=dev, wants=event_filter(r.requested_monitor_filter, avaya))
        s.monitors[xref] = monitor
        self._monitors[xref] = monitor
        if dev is not None:
            dev.monitors.append(monitor)
        # Every flag is applied as asked, so the echo is the request: the ECMA groups in actualMonitorFilter,
        # the Avaya ones (invertFilter included) in the private usedFilter.
        return c.MonitorStartResponse(
            monitor_cross_ref_id=xref,
            actual_monitor_filter=r.requested_monitor_filter,
            extensions=c.private(c.MonitorStartResponsePrivateData(used_filter=avaya)) if avaya is not None else None,
        )

    def _stop_monitor(self, s: SwitchSession, xref: str) -> None:
        monitor = s.monitors.pop(xref, None)
        if monitor is None:
            raise _op("invalidMonitorCrossRefID")
        self._monitors.pop(xref, None)
        if monitor.device is not None and monitor in monitor.device.monitors:
            monitor.device.monitors.remove(monitor)

    def _h_MonitorStop(self, s: SwitchSession, r: c.MonitorStop) -> Message:
        self._stop_monitor(s, r.monitor_cross_ref_id)
        return c.MonitorStopResponse()

    def _h_SnapshotDevice(self, s: SwitchSession, r: c.SnapshotDevice) -> Message:
        dev = self._device(r.snapshot_object)
        infos = []
        for conn in dev.connections.values():
            states = (conn.state, *(o.state for o in conn.call.connections.values() if o is not conn))
            infos.append(
                c.SnapshotDeviceResponseInfo(
                    connection_identifier=self._cid(conn),
                    local_call_state=c.CallState(
                        compound_call_state=c.CompoundCallState(local_connection_state=states)
                    ),
                )
            )
        ext = None
        if self._find_private(r.extensions, "SnapshotDevicePrivateData") is not None:
            cls = getattr(c, "SnapshotDeviceResponsePrivateData", None)
            if cls is not None:
                ss = getattr(c, "StationStatus", None)
                sv = getattr(c, "ServiceState", None)
                busy = "busy" if dev.connections else "idle"
                ext = c.private(
                    cls(
                        station_status=ss(busy) if ss else busy,
                        service_state=sv("inService") if sv else "inService",
                    )
                )
        return c.SnapshotDeviceResponse(
            cross_ref_id_or_snapshot_data=c.SnapshotDeviceCrossRefIDorSnapshotData(snapshot_data=tuple(infos)),
            extensions=ext,
        )

    def _h_SnapshotCall(self, s: SwitchSession, r: c.SnapshotCall) -> Message:
        cid = r.snapshot_object
        call: Call | None = None
        if cid.call_id is not None:
            try:
                call = self._calls.get(int(cid.call_id))
            except ValueError:
                call = None
        if call is None:
            raise _op("invalidCallID")
        infos = tuple(
            c.SnapshotCallResponseInfo(
                device_on_call=self._xd(conn.device), call_identifier=self._cid(conn), local_connection_info=conn.state
            )
            for conn in call.connections.values()
        )
        return c.SnapshotCallResponse(
            cross_ref_id_or_snapshot_data=c.SnapshotCallCrossRefIDorSnapshotData(snapshot_data=infos),
            calling_device=self._xn(call.calling),
            called_device=self._xn(call.called),
            call_linkage_data=c.CallLinkageData.for_ucid(call.ucid),
        )

    # ================================================================================ DMCC phone

    def _appearance_mode(self, dev: StationDevice, button_id: str) -> int:
        for conn in dev.connections.values():
            if conn.appearance == button_id:
                return {
                    LS.ALERTING: LAMP_FLUTTER,
                    LS.CONNECTED: LAMP_STEADY,
                    LS.INITIATED: LAMP_STEADY,
                    LS.HOLD: LAMP_WINK,
                }.get(conn.state, LAMP_OFF)
        return LAMP_OFF

    def _desired_lamps(self, dev: StationDevice) -> dict[str, int]:
        out: dict[str, int] = {}
        for b in dev.buttons:
            if b.function == "call-appearance":
                mode = self._appearance_mode(dev, b.id)
            elif b.function == "send-all-calls":
                mode = LAMP_STEADY if dev.dnd else LAMP_OFF
            elif b.function == "call-forwarding":
                mode = LAMP_STEADY if dev.forward else LAMP_OFF
            elif b.function == "message-waiting":
                mode = LAMP_STEADY if dev.mwi else LAMP_OFF
            else:
                mode = dev.lamps.get(b.lamp_id, LAMP_OFF)
            out[b.lamp_id] = mode
        return out

    def _desired_display(self, dev: StationDevice) -> str:
        best: Connection | None = None
        rank = {LS.CONNECTED: 0, LS.INITIATED: 1, LS.ALERTING: 2, LS.HOLD: 3}
        for conn in dev.connections.values():
            if conn.state in rank and (best is None or rank[conn.state] < rank[best.state]):
                best = conn
        if best is None:
            return ""
        call = best.call
        number = call.called if call.calling == dev.id else call.calling
        for other in call.connections.values():
            if other is not best and other.device.kind == STATION and call.calling == dev.id:
                number = other.device.id
                break
        other_dev = self._devices.get(number)
        name = other_dev.name if other_dev is not None and other_dev.kind != TRUNK else ""
        label = ""
        for b in dev.buttons:
            if b.id == best.appearance:
                label = b.label
        return " ".join(part for part in (label, name, number) if part)

    def _phone_update(self, dev: StationDevice) -> None:
        on_hook = not any(conn.state in (LS.CONNECTED, LS.INITIATED) for conn in dev.connections.values())
        ringing = any(conn.state == LS.ALERTING for conn in dev.connections.values())
        lamps = self._desired_lamps(dev)
        display = self._desired_display(dev)
        # AES reports a phone's lamps, display, ringer and hookswitch only for a terminal registered through
        # DMCC (it is AES that runs that phone's signalling); the state is kept either way for the Get queries.
        monitored = bool(dev.monitors) and dev.registered
        who = self._xd(dev) if monitored else None
        if ringing != dev.ringing:
            dev.ringing = ringing
            if who is not None:
                self._send(
                    dev,
                    c.RingerStatusEvent(
                        monitor_cross_ref_id="",
                        device=who,
                        ringer="1",
                        ring_mode=c.RingMode.RINGING if ringing else c.RingMode.NOT_RINGING,
                    ),
                )
        if on_hook != dev.on_hook:
            dev.on_hook = on_hook
            if who is not None:
                self._send(
                    dev,
                    c.HookswitchEvent(monitor_cross_ref_id="", device=who, hookswitch="0", hookswitch_on_hook=on_hook),
                )
        labels = {b.lamp_id: b.label for b in dev.buttons}
        for lamp, mode in lamps.items():
            if dev.lamps.get(lamp) != mode:
                dev.lamps[lamp] = mode
                if who is not None:
                    self._send(
                        dev,
                        c.LampModeEvent(
                            monitor_cross_ref_id="", device=who, lamp=lamp, lamp_label=labels.get(lamp), lamp_mode=mode
                        ),
                    )
        if display != dev.display:
            dev.display = display
            if who is not None:
                self._send(
                    dev,
                    c.DisplayUpdatedEvent(
                        monitor_cross_ref_id="",
                        device=who,
                        display_id="0",
                        logical_rows=2,
                        logical_columns=40,
                        contents_of_display=display,
                    ),
                )

    def _h_GetButtonInformation(self, s: SwitchSession, r: c.GetButtonInformation) -> Message:
        st = self._station(r.device)
        buttons = st.buttons
        if r.button is not None:
            buttons = tuple(b for b in buttons if b.id == r.button)
            if not buttons:
                raise _op("invalidButtonIdentifier")
        items = tuple(
            c.ButtonItem(
                button=b.id,
                button_label=b.label,
                button_label_settable=False,
                button_function=b.function,
                button_associated_number=_D(b.associated_number) if b.associated_number else None,
                lamp_list=(b.lamp_id,),
            )
            for b in buttons
        )
        return c.GetButtonInformationResponse(button_list=items)

    def _h_GetLampMode(self, s: SwitchSession, r: c.GetLampMode) -> Message:
        st = self._station(r.device)
        by_lamp = {b.lamp_id: b for b in st.buttons}
        lamps = list(by_lamp)
        if r.lamp is not None:
            if r.lamp not in by_lamp:
                raise _op("invalidLampID")
            lamps = [r.lamp]
        items = tuple(
            c.LampModeItem(lamp=lamp, lamp_mode=st.lamps.get(lamp, LAMP_OFF), button=by_lamp[lamp].id) for lamp in lamps
        )
        return c.GetLampModeResponse(lamp_mode_list=items)

    def _h_GetDisplay(self, s: SwitchSession, r: c.GetDisplay) -> Message:
        st = self._station(r.device)
        item = c.DisplayListItem(display_id="0", logical_rows=2, logical_columns=40, contents_of_display=st.display)
        return c.GetDisplayResponse(display_list=(item,))

    def _h_GetHookswitchStatus(self, s: SwitchSession, r: c.GetHookswitchStatus) -> Message:
        st = self._station(r.device)
        return c.GetHookswitchStatusResponse(
            hookswitch_status_list=(c.HookswitchStatusItem(hookswitch="0", hookswitch_on_hook=st.on_hook),)
        )

    def _h_GetRingerStatus(self, s: SwitchSession, r: c.GetRingerStatus) -> Message:
        st = self._station(r.device)
        mode = c.RingMode.RINGING if st.ringing else c.RingMode.NOT_RINGING
        return c.GetRingerStatusResponse(ringer_status_list=(c.RingerStatusItem(ringer="1", ring_mode=mode),))

    def _h_SetHookswitchStatus(self, s: SwitchSession, r: c.SetHookswitchStatus) -> Message:
        st = self._station(r.device)
        if r.hookswitch_onhook:
            active = [conn for conn in st.connections.values() if conn.state in (LS.CONNECTED, LS.INITIATED)]
            if not active:
                raise _state("noCallToClear")
            self._release(active[0])
        else:
            alerting = [conn for conn in st.connections.values() if conn.state == LS.ALERTING]
            if alerting:
                self._answer(alerting[0])
            elif not st.on_hook:
                raise _state("invalidDeviceState")
        return c.SetHookswitchStatusResponse()

    def _h_ButtonPress(self, s: SwitchSession, r: c.ButtonPress) -> Message:
        st = self._station(r.device)
        button = next((b for b in st.buttons if b.id == r.button), None)
        if button is None:
            raise _op("invalidButtonIdentifier")
        if st.monitors and st.registered:
            self._send(
                st,
                c.ButtonPressEvent(
                    monitor_cross_ref_id="", device=self._xd(st), button=button.id, button_label=button.label
                ),
            )
        if button.function == "call-appearance":
            conn = next((cn for cn in st.connections.values() if cn.appearance == button.id), None)
            if conn is not None:
                if conn.state == LS.ALERTING:
                    self._answer(conn)
                elif conn.state == LS.HOLD:
                    for other in list(st.connections.values()):
                        if other is not conn and other.state == LS.CONNECTED:
                            self._hold(other)
                    self._retrieve(conn)
        elif button.function == "send-all-calls":
            st.dnd = not st.dnd
            self._touch(st)
            self._send(st, c.DoNotDisturbEvent(monitor_cross_ref_id="", device=self._xd(st), do_not_disturb_on=st.dnd))
        return c.ButtonPressResponse()

    # ============================================================================ Avaya services

    def _switch_named(self, name: str | None) -> bool:
        """AES takes the switch connection name or one of the switch's addresses as `switchName`."""
        if not name:
            return True
        if name == self.switch_name or name in self.site.switch_addresses:
            return True
        log.warning(
            "GetDeviceId: switchName %r is neither the switch connection name %r nor one of its addresses %s",
            name,
            self.switch_name,
            list(self.site.switch_addresses),
        )
        return False

    def _h_GetDeviceId(self, s: SwitchSession, r: c.GetDeviceId) -> Message:
        dev = self._devices.get(_parse(r.extension))
        if dev is None or dev.kind == TRUNK:
            raise _op("invalidDeviceID")
        if not self._switch_named(r.switch_name):
            raise _op("invalidDeviceID")
        instance = r.device_instance or 0
        # Named by its address, the switch's device IDs carry that address (as a DMCC client then writes them).
        by_address = r.switch_name if r.switch_name in self.site.switch_addresses else ""
        ip = r.switch_ip_interface or by_address
        return c.GetDeviceIdResponse(device=_D(f"{dev.id}:{self.switch_name}:{ip}:{instance}"))

    def _h_GetThirdPartyDeviceId(self, s: SwitchSession, r: c.GetThirdPartyDeviceId) -> Message:
        dev = self._devices.get(_parse(r.extension))
        if dev is None or dev.kind == TRUNK:
            raise _op("invalidDeviceID")
        if not self._switch_named(r.switch_name):
            raise _op("invalidDeviceID")
        return c.GetThirdPartyDeviceIdResponse(device=_D(self._q(dev)))

    def _h_ReleaseDeviceId(self, s: SwitchSession, r: c.ReleaseDeviceId) -> Message:
        self._device(r.device)
        return c.ReleaseDeviceIdResponse()

    def _h_GetCallLinkageData(self, s: SwitchSession, r: c.GetCallLinkageData) -> Message:
        cid = r.call
        try:
            call = self._calls.get(int(cid.call_id or ""))
        except ValueError:
            call = None
        if call is None:
            raise _op("invalidCallID")
        return c.GetCallLinkageDataResponse(call_linkage_data=c.CallLinkageData.for_ucid(call.ucid))

    def _split(self, did: c.DeviceID) -> SplitDevice:
        dev = self._device(did)
        if isinstance(dev, VdnDevice):
            assert dev.vdn is not None
            dev = self._devices[dev.vdn.split]
        if not isinstance(dev, SplitDevice):
            raise _op("requestIncompatibleWithDevice")
        return dev

    def _h_GetAcdSplit(self, s: SwitchSession, r: c.GetAcdSplit) -> Message:
        split = self._split(r.device)
        return c.GetAcdSplitResponse(
            available_agents=sum(1 for a in split.agents if self._available(a)),
            calls_in_queue=len(split.queue),
            agents_logged_in=len(split.agents),
        )

    def _h_GetAgentLogin(self, s: SwitchSession, r: c.GetAgentLogin) -> Message:
        split = self._split(r.device)
        extensions = tuple(a.station.id for a in split.agents if a.station is not None)
        # AES answers with an empty response; the extensions follow in AgentLoginExtensionEvents on the
        # session's monitors of the split and its session-level monitors, the last with isFinalResponse.
        for monitor in s.monitors.values():
            if (monitor.device is None or monitor.device is split) and monitor.wants("AgentLoginExtensionEvent"):
                s.sink(
                    c.AgentLoginExtensionEvent(
                        monitor_cross_ref_id=monitor.xref, agent_login_extension_list=extensions, is_final_response=True
                    )
                )
        return c.GetAgentLoginResponse()

    def _h_GetTimeOfDay(self, s: SwitchSession, r: c.GetTimeOfDay) -> Message:
        now = time.localtime()
        return c.GetTimeOfDayResponse(
            switch_name=self.switch_name,
            year=now.tm_year % 100,
            month=now.tm_mon,
            day=now.tm_mday,
            hour=now.tm_hour,
            minute=now.tm_min,
            second=now.tm_sec,
        )

    def _device_type(self, dev: Device) -> c.DeviceType:
        T = c.DeviceType
        return {STATION: T.STATION, SPLIT: T.ACD_SPLIT, VDN: T.VDN}.get(dev.kind, T.UNKNOWN)

    def _h_GetPhysicalDeviceName(self, s: SwitchSession, r: c.GetPhysicalDeviceName) -> Message:
        dev = self._device(r.device)
        return c.GetPhysicalDeviceNameResponse(device_type=self._device_type(dev), device=dev.id, name=dev.name)

    def _h_GetDeviceInfo(self, s: SwitchSession, r: c.GetDeviceInfo) -> Message:
        dev = self._device(r.device)
        return c.GetDeviceInfoResponse(
            device=_D(self._q(dev)),
            device_type=self._device_type(dev),
            device_class="voice" if dev.kind == STATION else "other",
            # CM reports stations as extension class "other"; no associated device, so its class is "other".
            extension_class={SPLIT: "hunt", VDN: "vdn"}.get(dev.kind, "other"),
            associated_class="other",
        )

    def _h_GetTrunkGroupInfo(self, s: SwitchSession, r: c.GetTrunkGroupInfo) -> Message:
        tg = self._trunks.get(_parse(r.device.value))
        if tg is None:
            raise _op("invalidDeviceID")
        return c.GetTrunkGroupInfoResponse(idle_trunks=tg.group.members - tg.used, used_trunks=tg.used)

    def _h_GetCallClassifierInfo(self, s: SwitchSession, r: c.GetCallClassifierInfo) -> Message:
        if r.switch_name and r.switch_name != self.switch_name:
            raise _op("invalidDeviceID")
        ports, busy = self.site.call_classifier_ports, self.site.call_classifier_busy
        return c.GetCallClassifierInfoResponse(num_avail_ports=ports - busy, num_in_use_ports=busy)

    def _h_RegisterTerminalRequest(self, s: SwitchSession, r: c.RegisterTerminalRequest) -> Message:
        st = self._station(r.device)
        password = r.login_info.password if r.login_info is not None else None
        if st.security_code and password != st.security_code:
            if st.monitors:
                self._send(
                    st,
                    c.RegisterFailedEvent(
                        monitor_cross_ref_id="",
                        device=self._xd(st),
                        code=REGISTER_FAILED,
                        reason="security code invalid",
                    ),
                )
            # A refusal has no signalingEncryption: clients tell success from failure by its presence.
            return c.RegisterTerminalResponse(device=self._xd(st), code=REGISTER_FAILED, reason="security code invalid")
        st.registered = True
        if st.monitors:
            self._send(st, c.RegisteredEvent(monitor_cross_ref_id="", device=self._xd(st)))
        return c.RegisterTerminalResponse(
            device=self._xd(st), signaling_encryption="none", code=REGISTER_OK, reason="registered"
        )

    def _h_UnregisterTerminalRequest(self, s: SwitchSession, r: c.UnregisterTerminalRequest) -> Message:
        st = self._station(r.device)
        if not st.registered:
            raise _state("invalidDeviceState")
        st.registered = False
        if st.monitors:
            self._send(st, c.TerminalUnregisteredEvent(monitor_cross_ref_id="", device=self._xd(st), code="0"))
        return c.UnregisterTerminalResponse(device=self._xd(st), code="0")

    def _h_GetRegistrationState(self, s: SwitchSession, r: c.GetRegistrationState) -> Message:
        st = self._station(r.device)
        state = c.RegistrationState.REGISTERED if st.registered else c.RegistrationState.IDLE
        return c.GetRegistrationStateResponse(registration_state=state)

    def _h_ValidateDeviceSecurityCode(self, s: SwitchSession, r: c.ValidateDeviceSecurityCode) -> Message:
        st = self._station(r.device)
        if not st.security_code or r.security_code != st.security_code:
            raise _err("security", "securityInfoViolated")
        return c.ValidateDeviceSecurityCodeResponse(response="valid")

    def _h_ChangeDeviceSecurityCode(self, s: SwitchSession, r: c.ChangeDeviceSecurityCode) -> Message:
        st = self._station(r.device)
        if st.security_code and r.old_security_code != st.security_code:
            raise _err("security", "securityInfoViolated")
        code = r.new_security_code
        if not code.isdigit() or not 3 <= len(code) <= 8:
            raise _op("invalidParameterValue")
        st.security_code = code
        return c.ChangeDeviceSecurityCodeResponse(response="changed")

    def _h_RequestSystemStatus(self, s: SwitchSession, r: c.RequestSystemStatus) -> Message:
        return c.RequestSystemStatusResponse(system_status=c.SystemStatusValue.NORMAL)
