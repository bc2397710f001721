"""Full call flows: the unsolicited events each monitored extension receives, field by field."""

from __future__ import annotations

import time
from typing import Any

from gwstack import REFERENCE, Client, Stack, open_client
from test_gateway_reference import assert_shape

from callwire_testkit import until


async def _monitor(stack: Stack, extension: str) -> Client:
    client = await open_client(stack)
    resp = await client.request({"id": "m", "request": "startmonitor", "extension": extension})
    assert resp["result"] == "success", resp
    return client


async def _ok(client: Client, body: dict[str, Any]) -> dict[str, Any]:
    resp = await client.request({"id": "r", **body})
    assert resp["result"] == "success", (body, resp)
    return resp


def _check(event: dict[str, Any], eventtype: str, **values: Any) -> None:
    assert event["eventtype"] == eventtype, event
    assert_shape(event, REFERENCE["events"][eventtype])
    assert event["msgtype"] == "event"
    assert abs(event["time"] - time.time()) < 60
    assert event["referenceid"] >= 1
    for key, value in values.items():
        assert event[key] == value, (key, event)


async def _next(client: Client, *skip: str) -> dict[str, Any]:
    while True:
        event = await client.event()
        if event["eventtype"] not in skip:
            return event


async def _until(client: Client, eventtype: str, **values: Any) -> dict[str, Any]:
    """The first event of `eventtype` with these field values; the events before it are passed over. Waiting
    for the last event a step causes, rather than sleeping, is what keeps these tests right on a busy machine."""
    while True:
        event = await client.event()
        if event["eventtype"] == eventtype and all(event.get(k) == v for k, v in values.items()):
            return event


async def _no_events_before_own_call(client: Client, extension: str, destination: str) -> None:
    """`client` (monitoring `extension`) received nothing before the events of a call it places now: the events
    of one upstream stream arrive in order, so anything misrouted earlier would come first."""
    made = await _ok(client, {"request": "makecall", "extension": extension, "destination": destination})
    first = await client.event()
    assert first["callid"] == int(made["callid"]), first


async def test_basic_call_events_field_by_field(stack: Stack) -> None:
    a, b, other = await _monitor(stack, "101"), await _monitor(stack, "102"), await _monitor(stack, "105")
    try:
        made = await _ok(a, {"request": "makecall", "extension": "101", "destination": "102", "data": "hello"})
        callid, ucid = int(made["callid"]), made["ucid"]
        common = {"callid": callid, "ucid": ucid, "calling": "101", "called": "102"}
        alert = await _next(a)
        _check(alert, "alert", alerting="102", origcalling="101", origcalled="102", custdata="hello", **common)
        assert alert["uui"]  # the user data key rides on the call
        offer = await _next(b)
        _check(offer, "offer", alerting="102", custdata="hello", uui=alert["uui"], **common)
        assert offer["referenceid"] != alert["referenceid"]  # one monitor per device

        await _ok(b, {"request": "answer", "extension": "102"})
        for client in (a, b):
            _check(await _next(client), "connect", answering="102", custdata="hello", **common)

        await _ok(a, {"request": "hold", "extension": "101"})
        for client in (a, b):
            _check(await _next(client), "hold", holding="101", callid=callid)
        await _ok(a, {"request": "retrieve", "extension": "101"})
        for client in (a, b):
            _check(await _next(client), "retrieve", retrieving="101", callid=callid)

        await _ok(b, {"request": "hangup", "extension": "102", "data": "bye"})
        for client, ext in ((a, "101"), (b, "102")):
            _check(await _next(client), "disconnect", releasing="102", custdata="bye", callid=callid)
            _check(await _next(client, "disconnect"), "idle", extension=ext)
        await _no_events_before_own_call(other, "105", "106")  # 105 watched nothing of this call
    finally:
        for client in (a, b, other):
            await client.close()


async def test_failed_call_event(stack: Stack) -> None:
    stack.switch.far_end.script("99887766", busy=True)
    a = await _monitor(stack, "101")
    try:
        made = await _ok(a, {"request": "makecall", "extension": "101", "destination": "99887766"})
        event = await _next(a, "alert")
        _check(event, "fail", callid=int(made["callid"]), called="99887766")
        assert event["failing"].startswith("T")  # the busy far end, on its trunk
        assert isinstance(event["cause"], int)
        assert event["cause"] > 0
    finally:
        await a.close()


async def test_demo_site_has_a_busy_number_for_the_fail_event(stack: Stack) -> None:
    # The README's recipe for `fail`: no script, the demo site's own always-busy external number.
    a = await _monitor(stack, "101")
    try:
        made = await _ok(a, {"request": "makecall", "extension": "101", "destination": "67890000"})
        event = await _next(a, "alert")
        _check(event, "fail", callid=int(made["callid"]), called="67890000")
    finally:
        await a.close()


async def test_readme_recipe_shows_every_legacy_event_type(stack: Stack) -> None:
    """The README's "Seeing every legacy event type" steps, in order, give the events it names."""
    a, b, c = await _monitor(stack, "101"), await _monitor(stack, "102"), await _monitor(stack, "103")
    try:
        await _ok(a, {"request": "makecall", "extension": "101", "destination": "102"})
        await _until(a, "alert")
        await _until(b, "offer")
        await _ok(a, {"request": "answer", "extension": "102"})
        await _until(a, "connect")
        await _until(b, "connect")
        await _ok(a, {"request": "hold", "extension": "101"})
        await _until(a, "hold")
        await _ok(a, {"request": "retrieve", "extension": "101"})
        await _until(a, "retrieve")
        await _ok(a, {"request": "consultation", "extension": "101", "destination": "103"})
        await _until(a, "alert", alerting="103")
        await _until(c, "offer")
        await _ok(a, {"request": "answer", "extension": "103"})
        await _until(c, "connect")
        await _ok(a, {"request": "transfer", "extension": "101"})
        await _until(a, "transfer")
        await _ok(a, {"request": "hangup", "extension": "102"})
        await _until(b, "disconnect")
        await _until(b, "idle")
        await _ok(a, {"request": "makecall", "extension": "101", "destination": "67890000"})
        await _until(a, "fail", called="67890000")
        await _ok(a, {"request": "hangup", "extension": "101"})
        await _until(a, "idle")
    finally:
        for client in (a, b, c):
            await client.close()


async def _consult(a: Client, b: Client, c: Client) -> tuple[int, int]:
    made = await _ok(a, {"request": "makecall", "extension": "101", "destination": "102"})
    await _ok(b, {"request": "answer", "extension": "102"})
    consult = await _ok(a, {"request": "consultation", "extension": "101", "destination": "103"})
    await _ok(c, {"request": "answer", "extension": "103"})
    assert consult["primarycallid"] == made["callid"]
    # The last event each of them gets from these steps: what comes next belongs to the test.
    await _until(a, "connect", answering="103")
    await _until(b, "hold")
    await _until(c, "connect", answering="103")
    return int(consult["primarycallid"]), int(consult["secondarycallid"])


async def test_transfer_and_conference_events(stack: Stack) -> None:
    a, b, c = await _monitor(stack, "101"), await _monitor(stack, "102"), await _monitor(stack, "103")
    try:
        primary, secondary = await _consult(a, b, c)
        await _ok(a, {"request": "transfer", "extension": "101"})
        for client in (a, b, c):
            event = await _next(client)
            _check(event, "transfer", transferring="101", primarycallid=primary, secondarycallid=secondary)
            assert event["transferred"] in ("102", "103")
            assert {event["party1"], event["party2"]} == {"102", "103"}
            assert event["party3"] == event["party4"] == event["party5"] == event["party6"] == ""
        await _ok(b, {"request": "hangup", "extension": "102"})
        await _until(b, "idle", extension="102")
        await _until(c, "idle", extension="103")

        primary, secondary = await _consult(a, b, c)
        await _ok(a, {"request": "conference", "extension": "101"})
        for client in (a, b, c):
            event = await _next(client)
            _check(event, "conference", controller="101", primarycallid=primary, secondarycallid=secondary)
            assert {event["party1"], event["party2"], event["party3"]} == {"101", "102", "103"}
    finally:
        for client in (a, b, c):
            await client.close()


async def test_stopmonitor_stops_events_and_one_stream_serves_all(stack: Stack) -> None:
    a, b = await _monitor(stack, "101"), await _monitor(stack, "101")
    try:
        assert stack.gateway.monitor_counts["101"] == 2
        await _ok(a, {"request": "stopmonitor", "extension": "101"})
        await _ok(b, {"request": "makecall", "extension": "101", "destination": "102"})
        _check(await _next(b), "alert", alerting="102")
        await _ok(a, {"request": "startmonitor", "extension": "103"})
        await _no_events_before_own_call(a, "103", "104")
    finally:
        await a.close()
        await b.close()
    # Closing a connection releases its monitors (the gateway does not signal it).
    await until(lambda: "101" not in stack.gateway.monitor_counts, what="the monitor of 101 released")
