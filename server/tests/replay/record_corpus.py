"""Record the replay corpus from the simulated switch: `python server/tests/replay/record_corpus.py`.

Each flow runs a real CstaLink against the simulator; the link's protocol trace becomes `corpus/NAME.jsonl`
(the format of `callwire ctl trace on --save`), and what the link derived live becomes `NAME.expected.json`.
`test_replay.py` checks that replaying the capture derives the same. Re-record after a deliberate change of
the simulator's flows; a capture from a real switch goes in the same folder with its expected lines.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, Endpoint, LinkConfig
from callwire_server.replay import describe
from callwire_server.tracefile import TraceFrame
from callwire_sim.site import demo_site
from callwire_sim.switch import Switch
from callwire_sim.transport import SimulatorServer

CORPUS = Path(__file__).parent / "corpus"

Flow = Callable[[CstaLink], Awaitable[None]]


def _dev(value: str) -> csta.DeviceID:
    return csta.DeviceID(value=value)


async def _make(link: CstaLink, calling: str, called: str) -> str:
    made = await link.request(csta.MakeCall(calling_device=_dev(calling), called_directory_number=_dev(called)))
    assert isinstance(made, csta.MakeCallResponse)
    return made.calling_device.call_id or ""


async def basic_call(link: CstaLink) -> None:
    await link.monitor("101")
    await link.monitor("102")
    call = await _make(link, "101", "102")
    await link.request(csta.AnswerCall(call_to_be_answered=csta.ConnectionID(call_id=call, device_id=_dev("102"))))
    await link.request(
        csta.ClearConnection(connection_to_be_cleared=csta.ConnectionID(call_id=call, device_id=_dev("101")))
    )


async def busy_external(link: CstaLink) -> None:
    await link.monitor("101")
    call = await _make(link, "101", "67890000")
    await link.request(
        csta.ClearConnection(connection_to_be_cleared=csta.ConnectionID(call_id=call, device_id=_dev("101")))
    )


async def unassigned_number(link: CstaLink) -> None:
    await link.monitor("101")
    call = await _make(link, "101", "1999")
    await link.request(
        csta.ClearConnection(connection_to_be_cleared=csta.ConnectionID(call_id=call, device_id=_dev("101")))
    )


async def hold_retrieve(link: CstaLink) -> None:
    await link.monitor("103")
    await link.monitor("104")
    call = await _make(link, "103", "104")
    await link.request(csta.AnswerCall(call_to_be_answered=csta.ConnectionID(call_id=call, device_id=_dev("104"))))
    await link.request(csta.HoldCall(call_to_be_held=csta.ConnectionID(call_id=call, device_id=_dev("103"))))
    await link.request(csta.RetrieveCall(call_to_be_retrieved=csta.ConnectionID(call_id=call, device_id=_dev("103"))))
    await link.request(csta.ClearCall(call_to_be_cleared=csta.ConnectionID(call_id=call, device_id=_dev("103"))))


FLOWS: dict[str, Flow] = {
    "basic_call": basic_call,
    "busy_external": busy_external,
    "unassigned_number": unassigned_number,
    "hold_retrieve": hold_retrieve,
}


async def record(flow: Flow) -> tuple[list[TraceFrame], list[str]]:
    switch = Switch(demo_site())
    sim = SimulatorServer(switch, port=0, username="ctiuser", password="ctipass")
    await sim.start()
    frames: list[TraceFrame] = []
    derived: list[str] = []
    link = CstaLink(
        LinkConfig(endpoints=(Endpoint("127.0.0.1", sim.port, name="sim"),), username="ctiuser", password="ctipass")
    )

    def on_frame(direction: str, invoke_id: int, xml: bytes) -> None:
        frames.append(
            TraceFrame(time.time(), "sent" if direction == "out" else "received", f"{invoke_id:04d}", xml.decode())
        )

    link.add_trace_listener(on_frame)
    link.add_event_listener(lambda event: derived.append(describe(event)))
    try:
        await link.start()
        await flow(link)
        await link.request(csta.RequestSystemStatus())  # a round trip: every event before it has been read
    finally:
        await link.stop()
        await sim.stop()
        switch.close()
    return frames, derived


async def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for name, flow in FLOWS.items():
        frames, derived = await record(flow)
        (CORPUS / f"{name}.jsonl").write_text("".join(f.line() + "\n" for f in frames), encoding="utf-8")
        (CORPUS / f"{name}.expected.json").write_text(json.dumps(derived, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(frames)} frames, {len(derived)} events")


if __name__ == "__main__":
    asyncio.run(main())
