"""101 calls 102 over a CSTA link and prints the events of both: `python make_call.py [HOST [PORT]]`."""

import asyncio
import sys

from callwire_csta import codec as csta
from callwire_csta.link import CstaLink, Endpoint, LinkConfig, LinkEvent


async def main(host: str = "127.0.0.1", port: int = 4721) -> None:
    ringing = asyncio.Event()

    def on_event(event: LinkEvent) -> None:  # called on the event loop: must not block
        print(event.extension, type(event.message).__name__)
        if event.extension == "102" and isinstance(event.message, csta.DeliveredEvent):
            ringing.set()

    link = CstaLink(LinkConfig(endpoints=(Endpoint(host, port),), username="ctiuser", password="ctipass"))
    link.add_event_listener(on_event)
    await link.start()
    try:
        for extension in ("101", "102"):
            await link.monitor(extension)
        answer = await link.request(
            csta.MakeCall(
                calling_device=csta.DeviceID(value=await link.resolve_device_id("101")),
                called_directory_number=csta.DeviceID(value=await link.resolve_device_id("102")),
            )
        )
        assert isinstance(answer, csta.MakeCallResponse)
        print("call", answer.calling_device.call_id)
        await asyncio.wait_for(ringing.wait(), timeout=30)
    finally:
        await link.stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(main(args[0] if args else "127.0.0.1", int(args[1]) if len(args) > 1 else 4721))
