"""The switch's registries, built once from the site, and the lookups that turn a request's identifiers into
model objects, raising the CSTA error a CM gives for a bad one.

Every lookup is a dictionary access: a request never scans the whole switch (a site may have tens of thousands
of stations).
"""

from __future__ import annotations

import itertools
import time
from typing import TYPE_CHECKING

from callwire_csta import codec as c

from .errors import op_error, switch_error
from .model import (
    LAMP_OFF,
    SPLIT,
    STATION,
    TRUNK,
    VDN,
    Agent,
    Call,
    Connection,
    Device,
    Monitor,
    SplitDevice,
    StationDevice,
    SwitchSession,
    TrunkGroupState,
    VdnDevice,
)

if TYPE_CHECKING:
    from ..farend import FarEnd
    from ..site import Site

__all__ = ["EXTERNAL_MIN_DIGITS", "SwitchState", "parse_extension"]

EXTERNAL_MIN_DIGITS = 7


def parse_extension(text: str) -> str:
    """A device's extension from `101`, `101:CM::0` or `101:CM:192.0.2.1:0`."""
    text = text.strip()
    return text.split(":", 1)[0] if ":" in text else text


class SwitchState:
    """Devices, calls, agents, trunk groups, monitors and sessions of one switch."""

    def __init__(self, site: Site, far_end: FarEnd) -> None:
        self.site = site
        self.switch_name = site.switch_name
        self.far_end = far_end
        self.devices: dict[str, Device] = {}
        self.calls: dict[int, Call] = {}
        self.agents: dict[str, Agent] = {}
        self.trunks: dict[str, TrunkGroupState] = {t.number: TrunkGroupState(t) for t in site.trunk_groups}
        self.monitors: dict[str, Monitor] = {}
        self.pickup_groups: dict[int, list[StationDevice]] = {}
        self.sessions: list[SwitchSession] = []
        self._call_ids = itertools.count(1)
        self._xrefs = itertools.count(1)
        self._idle_clock = itertools.count(1)
        self._ucid_seq = 0
        for st in site.stations:
            dev = StationDevice(
                id=st.extension,
                kind=STATION,
                name=st.name,
                station=st,
                buttons=st.buttons,
                security_code=st.security_code,
            )
            self.devices[st.extension] = dev
            if st.pickup_group:
                self.pickup_groups.setdefault(st.pickup_group, []).append(dev)
            for b in st.buttons:
                dev.lamps[b.lamp_id] = LAMP_OFF
        for sp in site.splits:
            self.devices[sp.extension] = SplitDevice(id=sp.extension, kind=SPLIT, name=sp.name, split=sp)
            for a in sp.agents:
                agent = self.agents.get(a.agent_id)
                if agent is None:
                    self.agents[a.agent_id] = Agent(a.agent_id, a.password, (sp.extension,))
                else:
                    agent.splits = (*agent.splits, sp.extension)
        for v in site.vdns:
            self.devices[v.extension] = VdnDevice(id=v.extension, kind=VDN, name=v.name, vdn=v)

    # ----------------------------------------------------------------------------------- counters

    def new_call(self, calling: str, called: str, user_data: bytes | None) -> Call:
        """A new call with the next call ID and a UCID (5-digit node, 5-digit sequence, 10-digit time)."""
        call_id = next(self._call_ids)
        self._ucid_seq = self._ucid_seq % 65535 + 1
        ucid = f"{self.site.node_id:05d}{self._ucid_seq:05d}{int(time.time()):010d}"
        call = Call(id=call_id, ucid=ucid, calling=calling, called=called, user_data=user_data)
        self.calls[call_id] = call
        return call

    def next_xref(self) -> str:
        return str(next(self._xrefs))

    def next_idle(self) -> int:
        """The next value of the switch-wide idle clock (an agent's `idle_since`: smaller = idle longer)."""
        return next(self._idle_clock)

    # ------------------------------------------------------------------------------------ lookups

    def device(self, did: c.DeviceID | None) -> Device:
        if did is None:
            raise op_error("invalidDeviceID")
        dev = self.devices.get(parse_extension(did.value))
        if dev is None:
            raise op_error("invalidDeviceID")
        return dev

    def station(self, did: c.DeviceID | None) -> StationDevice:
        dev = self.device(did)
        if not isinstance(dev, StationDevice):
            raise op_error("requestIncompatibleWithDevice")
        return dev

    def split(self, did: c.DeviceID) -> SplitDevice:
        """A split named by itself or by a VDN that routes to it."""
        dev = self.device(did)
        if isinstance(dev, VdnDevice):
            assert dev.vdn is not None
            dev = self.devices[dev.vdn.split]
        if not isinstance(dev, SplitDevice):
            raise op_error("requestIncompatibleWithDevice")
        return dev

    def call(self, call_id: str | None) -> Call | None:
        """The live call with this CSTA call ID, if any."""
        try:
            return self.calls.get(int(call_id or ""))
        except ValueError:
            return None

    def connection(self, cid: c.ConnectionID | None) -> Connection:
        if cid is None:
            raise op_error("invalidConnectionID")
        if cid.call_id is None:
            # Lenient: a device alone names its only call.
            dev = self.device(cid.device_id)
            if len(dev.connections) != 1:
                raise op_error("invalidCallID")
            return next(iter(dev.connections.values()))
        call = self.call(cid.call_id)
        if call is None:
            raise op_error("invalidCallID")
        if cid.device_id is None:
            raise op_error("invalidConnectionID")
        conn = call.connections.get(parse_extension(cid.device_id.value))
        if conn is None:
            if parse_extension(cid.device_id.value) not in self.devices:
                raise op_error("invalidDeviceID")
            raise op_error("invalidConnectionID")
        return conn

    def is_external(self, number: str) -> bool:
        """Numbers of at least `EXTERNAL_MIN_DIGITS` digits, and numbers with a far-end script, are external."""
        return number.isdigit() and (len(number) >= EXTERNAL_MIN_DIGITS or self.far_end.is_scripted(number))

    def destination(self, did: c.DeviceID | None) -> tuple[Device | None, str]:
        """A dialled destination: (device, number) or (None, external number)."""
        if did is None:
            raise op_error("invalidDeviceID")
        number = parse_extension(did.value)
        dev = self.devices.get(number)
        if dev is not None:
            if dev.kind == TRUNK:
                raise op_error("invalidDestinationDeviceID")
            return dev, number
        if self.is_external(number):
            if not self.site.outbound_trunk_group:
                raise switch_error("systemResourceAvailibility", "networkOutOfService")
            return None, number
        raise op_error("invalidDeviceID")
