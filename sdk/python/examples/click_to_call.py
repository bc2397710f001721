"""Click-to-call: place a call from an agent's extension with user data, print its call ID and UCID.

python click_to_call.py --target 127.0.0.1:50051 --extension 101 --destination 102 --user-data "ticket=42"
"""

from __future__ import annotations

import argparse
import asyncio
import os

from callwire_sdk import CallwireError, Client


async def click_to_call(target: str, extension: str, destination: str, user_data: str) -> tuple[str, str]:
    async with Client.connect(target, api_key=os.environ.get("CALLWIRE_API_KEY")) as client:
        made = await client.call_control.make_call(extension=extension, destination=destination, user_data=user_data)
        assert made.call is not None
        return made.call.call_id, made.call.ucid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:50051")
    parser.add_argument("--extension", default="101")
    parser.add_argument("--destination", default="102")
    parser.add_argument("--user-data", default="")
    args = parser.parse_args(argv)
    try:
        call_id, ucid = asyncio.run(click_to_call(args.target, args.extension, args.destination, args.user_data))
    except CallwireError as err:
        print(f"call failed: {err.reason or err.code.name}: {err.message}")
        return 1
    print(f"call {call_id} ucid {ucid}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
