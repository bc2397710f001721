"""Agent desktop: log in at a station, follow its events, answer what rings, and go to after-call work when the
call ends. Stops after `--calls` calls (0: run until interrupted).

    python agent_desktop.py --target 127.0.0.1:50051 --extension 101 --agent 12345 --password 67890 --split 201
"""

from __future__ import annotations

import argparse
import asyncio
import os

from callwire_sdk import Client, agent, events


async def desktop(target: str, extension: str, agent_id: str, password: str, split: str, calls: int) -> int:
    handled = 0
    async with Client.connect(target, api_key=os.environ.get("CALLWIRE_API_KEY")) as client:
        await client.agent.login(
            extension=extension,
            agent_id=agent_id,
            password=password,
            split=split,
            initial_work_mode=agent.WorkMode.AUTO_IN,
        )
        print(f"agent {agent_id} logged in at {extension}", flush=True)
        async for item in client.events.stream(devices=[extension]):
            if isinstance(item, events.Snapshot):
                print("ready", flush=True)  # the stream is live: nothing that rings from now on is missed
            elif isinstance(item, events.ResumeGap):
                print("events were missed; a fresh snapshot follows", flush=True)
            elif isinstance(item, events.Event) and item.device == extension:
                if item.offered is not None and item.call is not None:
                    print(f"ringing: call {item.call.call_id} from {item.offered.calling}", flush=True)
                    await client.call_control.answer_call(extension=extension, call_id=item.call.call_id)
                elif item.connected is not None:
                    print("talking", flush=True)
                elif item.disconnected is not None:
                    await client.agent.set_agent_state(extension=extension, work_mode=agent.WorkMode.AFTER_CALL_WORK)
                    handled += 1
                    print("after-call work", flush=True)
                    if calls and handled >= calls:
                        break
    return handled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:50051")
    parser.add_argument("--extension", default="101")
    parser.add_argument("--agent", default="12345")
    parser.add_argument("--password", default="67890")
    parser.add_argument("--split", default="201")
    parser.add_argument("--calls", type=int, default=0)
    args = parser.parse_args(argv)
    asyncio.run(desktop(args.target, args.extension, args.agent, args.password, args.split, args.calls))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
