"""Scripted far ends and IVR ports: the switch's timers (answer, busy, hang up with user data) on a manual
clock, so that each test says what happens at which time whatever else the machine is doing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from simhelpers import C, Client, D, ManualClock, call_id, dev, make_call, priv

from callwire_csta import codec as c
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def switch(clock: ManualClock) -> Iterator[Switch]:
    """The conftest's switch, with its timers on `clock`."""
    sw = Switch(demo_site(), scheduler=clock.call_later)
    yield sw
    sw.close()


def test_external_number_answers_then_hangs_up(switch: Switch, a: Client, clock: ManualClock) -> None:
    switch.far_end.script("67896789", answer_after_ms=20, hangup_after_ms=40, hangup_user_data="done")
    a.monitor("101")
    cid = call_id(make_call(a, "101", "67896789"))
    assert a.names("101") == ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent"]
    a.on_switch(clock.advance, 0.019)
    assert a.names("101")[-1] == "DeliveredEvent"
    a.on_switch(clock.advance, 0.001)
    assert a.names("101")[-1] == "EstablishedEvent"
    est = a.of("101")[-1]
    assert dev(est.answering_device) == f"T{cid}#2"
    (priv,) = c.private_items(est.extensions)
    assert isinstance(priv, c.EstablishedEventPrivateData)
    assert priv.trunk_group == "410"
    a.on_switch(clock.advance, 0.039)
    assert a.names("101")[-1] == "EstablishedEvent"
    a.on_switch(clock.advance, 0.001)
    assert a.names("101")[-2:] == ["ConnectionClearedEvent", "CallClearedEvent"]
    assert a.of("101")[-2].user_data.string == b"done"
    tg = a.req(c.GetTrunkGroupInfo(device=D("410")))
    assert (tg.idle_trunks, tg.used_trunks) == (92, 0)


def test_busy_and_no_answer(switch: Switch, a: Client, clock: ManualClock) -> None:
    switch.far_end.script("55512345", busy=True)
    switch.far_end.script("55599999", no_answer=True)
    a.monitor("101", "102")
    make_call(a, "101", "55512345")
    fail = a.of("101")[-1]
    assert isinstance(fail, c.FailedEvent)
    assert fail.cause == c.EventCause.BUSY
    make_call(a, "102", "55599999")
    a.on_switch(clock.advance, 3600)
    assert a.names("102")[-1] == "DeliveredEvent"
    assert clock.pending == 0


def test_pin_verification_port_hangs_up_with_ok(switch: Switch, a: Client, clock: ManualClock) -> None:
    """The reference's `pinver`: 61451 conferences 66711, which hangs up after ~1 s with user data "ok"."""
    a.monitor("61451")
    switch.far_end.script("66711", answer_after_ms=0, hangup_after_ms=30, hangup_user_data="ok")
    cid = call_id(make_call(a, "61451", "67896789"))
    a.on_switch(clock.advance, 0.199)  # 67896789 answers after 200 ms (site default)
    assert switch.connection_state(int(cid), f"T{cid}#2") == c.LocalConnectionState.ALERTING
    a.on_switch(clock.advance, 0.001)
    assert switch.connection_state(int(cid), f"T{cid}#2") == c.LocalConnectionState.CONNECTED
    a.req(c.SingleStepConferenceCall(active_call=C(cid, "61451"), device_to_join=D("66711")))
    a.on_switch(clock.advance, 0.03)
    cleared: list[Any] = [e for e in a.of("61451") if isinstance(e, c.ConnectionClearedEvent)]
    assert dev(cleared[-1].releasing_device) == "66711"
    assert cleared[-1].user_data.string == b"ok"


def test_ivr_port_auto_answers_from_site(switch: Switch, a: Client, clock: ManualClock) -> None:
    a.monitor("101")
    cid = call_id(make_call(a, "101", "66711"))
    a.on_switch(clock.advance, 0)
    assert switch.connection_state(int(cid), "66711") == c.LocalConnectionState.CONNECTED
    assert a.names("101")[-1] == "EstablishedEvent"


def test_inbound_call_and_far_end_digits(switch: Switch, a: Client) -> None:
    a.monitor("102")
    cid = a.on_switch(switch.far_end.call, "98765432", "102", user_data="ctx")
    d = a.of("102")[-1]
    assert type(d).__name__ == "DeliveredEvent"
    assert dev(d.calling_device) == "98765432"
    assert d.user_data.string == b"ctx"
    assert priv(d.extensions).trunk_group == "5"
    a.req(c.AnswerCall(call_to_be_answered=C(cid, "102")))
    a.req(c.GenerateDigits(connection_to_send_digits=C(cid, "102"), characters_to_send="42"))
    assert switch.far_end.received_digits("98765432") == "42"
    assert a.on_switch(switch.far_end.hangup, "98765432") == 1
    assert a.names("102")[-2:] == ["ConnectionClearedEvent", "CallClearedEvent"]


def test_close_cancels_timers(switch: Switch, a: Client, clock: ManualClock) -> None:
    switch.far_end.script("67896789", answer_after_ms=20)
    a.monitor("101")
    make_call(a, "101", "67896789")
    assert clock.pending == 1
    a.on_switch(switch.close)
    assert clock.pending == 0
    a.on_switch(clock.advance, 3600)
    assert a.names("101")[-1] == "DeliveredEvent"
