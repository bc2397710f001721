"""The README's example runs as a user runs it: its own process, against the simulated switch on a real socket."""

from __future__ import annotations

import sys
from pathlib import Path

from callwire_testkit import run
from callwire_testkit.demo import demo_simulator

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "make_call.py"
README = Path(__file__).resolve().parents[1] / "README.md"


async def test_the_make_call_example_places_a_call_and_sees_it_ring() -> None:
    async with demo_simulator() as sim:
        done = await run([sys.executable, str(EXAMPLE), "127.0.0.1", str(sim.port)], timeout=90)
    lines = done.out.splitlines()
    assert done.returncode == 0, done
    assert "101 OriginatedEvent" in lines
    assert "102 DeliveredEvent" in lines
    assert any(line.startswith("call ") and line != "call " for line in lines)


def test_the_readme_shows_the_example_as_it_is() -> None:
    # The README quotes the example's body; a change to one without the other fails here.
    body = EXAMPLE.read_text(encoding="utf-8")
    start = body.index("async def main")
    end = body.index('\n\nif __name__ == "__main__":')
    assert body[start:end] in README.read_text(encoding="utf-8")
