"""The Python runner of the conformance suite: executes sdk/conformance/scenarios/*.yaml through the SDK's public API.

The scenario format is described in sdk/conformance/README.md; every SDK's runner implements the same steps.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
from collections.abc import Mapping
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import yaml

import callwire_sdk
from callwire_sdk import CallwireError, Client

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "sdk/conformance"))

from harness import SCENARIOS, conformance_stack  # type: ignore[import-not-found]  # noqa: E402

VAR = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


def scenario_files() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ValueError(f"{path.name}: a scenario is a mapping with a `steps` list")
    return data


def full_method(short: str) -> str:
    """`CallControlService.MakeCall` -> `/callwire.callcontrol.v1.CallControlService/MakeCall`."""
    service, _, method = short.partition(".")
    for path in callwire_sdk.RPCS:
        if path.endswith(f".{service}/{method}"):
            return path
    raise ValueError(f"no RPC {short} in the contracts")


def covered(scenario: Mapping[str, Any]) -> set[str]:
    methods = {full_method(step["call"]) for step in scenario["steps"] if "call" in step}
    methods |= {
        full_method(step.get("rpc", "EventService.StreamEvents")) for step in scenario["steps"] if "open" in step
    }
    return methods


def substitute(value: Any, env: Mapping[str, Any]) -> Any:
    if isinstance(value, str):
        whole = VAR.fullmatch(value)
        if whole:
            return env[whole.group(1)]
        return VAR.sub(lambda m: str(env[m.group(1)]), value)
    if isinstance(value, list):
        return [substitute(v, env) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, env) for k, v in value.items()}
    return value


def matches(pattern: Any, actual: Any) -> bool:
    if pattern == "<any>":
        return actual is not None
    if isinstance(pattern, dict):
        if not isinstance(actual, dict):
            return False
        for key, sub in pattern.items():
            if sub == "<absent>":
                if key in actual:
                    return False
            elif key not in actual or not matches(sub, actual[key]):
                return False
        return True
    if isinstance(pattern, list):
        if not isinstance(actual, list):
            return False
        index = 0
        for sub in pattern:
            while index < len(actual) and not matches(sub, actual[index]):
                index += 1
            if index == len(actual):
                return False
            index += 1
        return True
    if isinstance(pattern, bool) or isinstance(actual, bool):
        return bool(pattern == actual)
    if isinstance(pattern, int | float) and isinstance(actual, str):
        return str(pattern) == actual  # proto3 JSON writes 64-bit integers as strings
    equal: bool = pattern == actual
    return equal


def dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


class Run:
    def __init__(self, name: str, stack: Mapping[str, Any]) -> None:
        self.name = name
        self.stack = stack
        self.env: dict[str, Any] = {}
        self.clients: dict[str | None, Client] = {}
        self.streams: dict[str, tuple[asyncio.Queue[Any], asyncio.Task[None]]] = {}
        self.reading: dict[str, asyncio.Event] = {}
        self.exits = AsyncExitStack()

    async def client(self, key: str | None) -> Client:
        if key not in self.clients:
            api_key = None if key is None else self.stack["keys"].get(key, key)
            self.clients[key] = await self.exits.enter_async_context(
                # A fixed HTTP/2 window (no BDP growth), so that a paused stream stops the server after a
                # bounded number of bytes, as in the other runners.
                Client.connect(
                    self.stack["target"], api_key=api_key, timeout=20.0, options=[("grpc.http2.bdp_probe", 0)]
                )
            )
        return self.clients[key]

    def where(self, index: int, step: Mapping[str, Any]) -> str:
        label = step.get("call") or step.get("open") or step.get("close") or step.get("pause") or "expect_events"
        return f"{self.name} step {index + 1} ({label})"

    def check_error(self, where: str, err: CallwireError, expected: Mapping[str, Any] | None, request_id: Any) -> None:
        if expected is None:
            raise AssertionError(f"{where}: unexpected error {err}") from err
        assert err.code.name == expected["code"], f"{where}: code {err.code.name} != {expected['code']} ({err})"
        if "reason" in expected:
            assert err.reason == expected["reason"], f"{where}: reason {err.reason!r} != {expected['reason']!r}"
        want_md = substitute(expected.get("metadata") or {}, self.env)
        assert matches(want_md, err.metadata), f"{where}: metadata {err.metadata} does not match {want_md}"
        if request_id:
            assert err.request_id == request_id, f"{where}: the error does not carry the request ID"

    async def call(self, index: int, step: Mapping[str, Any]) -> None:
        path = full_method(step["call"])
        attr, method, request_cls, _ = callwire_sdk.RPCS[path]
        client = await self.client(step.get("key"))
        request = request_cls.from_dict(substitute(step.get("request") or {}, self.env))
        request_id = substitute(step.get("request_id"), self.env)
        function = getattr(getattr(client, attr), method)
        where = self.where(index, step)
        failure: CallwireError | None = None
        try:
            response = await function(request, request_id=request_id, timeout=step.get("timeout"))
        except CallwireError as err:
            failure = err
        if failure is not None:
            self.check_error(where, failure, step.get("error"), request_id)
            return
        assert "error" not in step, f"{where}: expected {step['error']}, got {response}"
        if request_id:
            assert callwire_sdk.last_request_id() == request_id
        got = response.to_dict() if response is not None else {}
        want = substitute(step.get("expect") or {}, self.env)
        assert matches(want, got), f"{where}: response {got} does not match {want}"
        for name, field in (step.get("save") or {}).items():
            self.env[name] = dig(got, field)

    async def open(self, step: Mapping[str, Any]) -> None:
        client = await self.client(step.get("key"))
        path = full_method(step.get("rpc", "EventService.StreamEvents"))
        attr, method, request_cls, _ = callwire_sdk.RPCS[path]
        request = request_cls.from_dict(substitute(step.get("request") or {}, self.env))
        function = getattr(getattr(client, attr), method)
        queue: asyncio.Queue[Any] = asyncio.Queue()
        reading = self.reading[step["open"]] = asyncio.Event()
        reading.set()

        async def pump() -> None:
            try:
                async for item in function(request, request_id=step.get("request_id")):
                    await queue.put(item.to_dict())
                    await reading.wait()  # a `pause` step stops taking items off the stream
            except CallwireError as err:
                await queue.put(err)

        self.streams[step["open"]] = (queue, asyncio.create_task(pump()))

    async def expect_events(self, index: int, step: Mapping[str, Any]) -> None:
        spec = step["expect_events"]
        queue, _ = self.streams[spec["stream"]]
        self.reading[spec["stream"]].set()
        deadline = time.monotonic() + float(spec.get("within", 10))
        seen: list[Any] = []
        poke = spec.get("poke")
        for number, pattern in enumerate(spec["events"]):
            pattern = substitute(pattern, self.env)
            save = pattern.pop("save", None) if isinstance(pattern, dict) else None
            error = pattern.pop("error", None) if isinstance(pattern, dict) else None
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{self.where(index, step)}: no item matching {pattern}; saw {seen}")
                if poke is not None and number == 0:
                    # A stream with no first item to show it is live (a trace): repeat the provoking call
                    # until the stream shows its effect.
                    await self.call(index, poke)
                    remaining = min(remaining, 0.25)
                try:
                    item = await asyncio.wait_for(queue.get(), remaining)
                except TimeoutError:
                    continue
                seen.append(item)
                if isinstance(item, CallwireError):
                    if error is not None and item.code.name == error["code"] and item.reason == error.get("reason", ""):
                        break
                    raise AssertionError(f"{self.where(index, step)}: stream failed: {item}")
                if error is None and matches(pattern, item):
                    for name, field in (save or {}).items():
                        self.env[name] = dig(item, field)
                    break
                if spec.get("strict"):
                    raise AssertionError(f"{self.where(index, step)}: {item} does not match {pattern} (strict)")

    def let(self, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            if isinstance(value, dict) and "repeat" in value:
                value = str(value["repeat"]) * int(value["count"])
            self.env[name] = substitute(value, self.env)

    async def close(self, step: Mapping[str, Any]) -> None:
        _, task = self.streams.pop(step["close"])
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async def run(self, steps: list[Mapping[str, Any]]) -> None:
        try:
            for index, step in enumerate(steps):
                if "call" in step:
                    await self.call(index, step)
                elif "open" in step:
                    await self.open(step)
                elif "expect_events" in step:
                    await self.expect_events(index, step)
                elif "close" in step:
                    await self.close(step)
                elif "pause" in step:
                    self.reading[step["pause"]].clear()
                elif "let" in step:
                    self.let(step["let"])
                else:
                    raise ValueError(f"{self.where(index, step)}: unknown step {sorted(step)}")
        finally:
            for name in list(self.streams):
                await self.close({"close": name})
            await self.exits.aclose()


async def run_scenario(path: Path, data_dir: Path) -> None:
    scenario = load(path)
    async with conformance_stack(data_dir, keyed=scenario.get("stack") == "keyed") as stack:
        await Run(path.stem, stack).run(scenario["steps"])
