"""Helpers for driving the real simulated switch in-process with codec messages."""

from __future__ import annotations

from typing import Any

import pytest

from callwire_server import csta as c
from callwire_sim.switch import Switch, SwitchError


def D(value: str) -> c.DeviceID:
    return c.DeviceID(value=value, type_of_number=None, media_class=None)


def C(call_id: int | str, device: str) -> c.ConnectionID:
    return c.ConnectionID(call_id=str(call_id), device_id=D(device))


class Client:
    """One application session: collects its events and knows its monitors' cross-ref IDs."""

    def __init__(self, switch: Switch) -> None:
        self.switch = switch
        self.events: list[c.Message] = []
        self.session = switch.open_session(self.events.append)
        self.xref: dict[str, str] = {}

    def monitor(self, *devices: str) -> None:
        for d in devices:
            r = self.req(c.MonitorStart(monitor_object=c.MonitorObject(device_object=D(d))))
            assert isinstance(r, c.MonitorStartResponse)
            self.xref[d] = r.monitor_cross_ref_id

    def req(self, msg: c.Message) -> Any:
        return self.switch.handle(self.session, msg)

    def error(self, msg: c.Message) -> str:
        with pytest.raises(SwitchError) as info:
            self.switch.handle(self.session, msg)
        return f"{info.value.error.error_class}/{info.value.error.value}"

    def of(self, device: str, *, physical: bool = False) -> list[Any]:
        """Events received for `device`'s monitor (call/logical events; DMCC phone events if `physical`)."""
        xref = self.xref[device]
        out = [e for e in self.events if getattr(e, "monitor_cross_ref_id", None) == xref]
        if not physical:
            out = [e for e in out if type(e).__name__ not in PHYSICAL]
        return out

    def names(self, device: str, *, physical: bool = False) -> list[str]:
        return [type(e).__name__ for e in self.of(device, physical=physical)]

    def clear(self) -> None:
        self.events.clear()


PHYSICAL = {"HookswitchEvent", "LampModeEvent", "DisplayUpdatedEvent", "RingerStatusEvent", "ButtonPressEvent"}


def dev(x: Any) -> str | None:
    """The extension behind an ExtendedDeviceID / DeviceID / ConnectionID in an event."""
    if x is None:
        return None
    if isinstance(x, c.ConnectionID):
        return dev(x.device_id)
    if isinstance(x, c.ExtendedDeviceID):
        return dev(x.device_identifier)
    value: str = x.value
    return value.split(":", 1)[0]


def make_call(cl: Client, caller: str, called: str, **kw: Any) -> c.MakeCallResponse:
    r = cl.req(c.MakeCall(calling_device=D(caller), called_directory_number=D(called), **kw))
    assert isinstance(r, c.MakeCallResponse)
    return r


def call_id(r: c.MakeCallResponse) -> str:
    assert r.calling_device.call_id is not None
    return r.calling_device.call_id


def priv(extensions: c.CommonArguments | None) -> Any:
    """The single private-data item of a message's extensions."""
    (item,) = c.private_items(extensions)
    return item
