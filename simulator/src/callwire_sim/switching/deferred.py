"""Work a step of the switch leaves for later, and timers.

A step is one request, one timer firing or one far-end action. Inside it the call model queues follow-ups
(`after`: what an agent does when its station goes idle, which must see the step's events first), zero-delay
actions when no event loop runs (`soon`), and the stations whose DMCC phone state changed (`touch`). `flush`
runs them at the end of the step, in that order, so the phone events come after the call events that caused
them.

Timers (far ends answering, IVR ports hanging up) run on a `Scheduler`: the running loop's `call_later` by
default, a manual clock in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from .errors import SwitchError
from .model import Connection, Device, Scheduler, StationDevice, Timer

__all__ = ["Deferred"]

# One logger for the whole switch, named after its façade, so that log settings keep working after the split.
log = logging.getLogger("callwire_sim.switch")


class Deferred:
    """The end-of-step queues and the timers of one switch."""

    def __init__(self, scheduler: Scheduler | None) -> None:
        self._scheduler = scheduler
        self._dirty: dict[str, StationDevice] = {}
        self._after: list[Callable[[], None]] = []
        self._soon: list[Callable[[], None]] = []
        self._timers: set[Timer] = set()
        self._closed = False
        #: Redraws a station's DMCC phone; installed by the phone (which sits above the call model).
        self.redraw: Callable[[StationDevice], None] = lambda _dev: None

    def touch(self, dev: Device) -> None:
        """`dev`'s phone state may have changed: recompute it at the end of the step."""
        if isinstance(dev, StationDevice):
            self._dirty[dev.id] = dev

    def after(self, fn: Callable[[], None]) -> None:
        """Run `fn` once the current action's events are out (see `run_after`)."""
        self._after.append(fn)

    def run_after(self) -> None:
        while self._after:
            self._after.pop(0)()

    def later(self, conn: Connection | None, ms: int, fn: Callable[[], None]) -> None:
        """Run `fn` as a step of its own after `ms`; a timer of `conn` is cancelled when `conn` leaves."""
        if self._closed:
            return
        scheduler = self._scheduler
        if scheduler is None:
            try:
                scheduler = asyncio.get_running_loop().call_later
            except RuntimeError:
                if ms <= 0:
                    self._soon.append(fn)
                return
        holder: list[Timer] = []

        def run() -> None:
            if holder:
                self._timers.discard(holder[0])
            if self._closed:
                return
            try:
                fn()
            except SwitchError:
                pass
            except Exception:
                log.exception("simulated switch timer failed")
            self.flush()

        handle = scheduler(max(ms, 0) / 1000, run)
        holder.append(handle)
        self._timers.add(handle)
        if conn is not None:
            conn.timers.append(handle)

    def cancel_timers(self, conn: Connection) -> None:
        for t in conn.timers:
            t.cancel()
            self._timers.discard(t)
        conn.timers.clear()

    def flush(self) -> None:
        """End of step: zero-delay actions without a loop, agent follow-ups, then DMCC phone state."""
        for _ in range(100):
            self.run_after()
            if not self._soon:
                break
            soon, self._soon = self._soon, []
            for fn in soon:
                with contextlib.suppress(SwitchError):
                    fn()
        self.run_after()
        if self._dirty:
            dirty, self._dirty = self._dirty, {}
            for dev in dirty.values():
                self.redraw(dev)

    def close(self) -> None:
        """Cancel every timer; nothing runs afterwards."""
        self._closed = True
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        self._soon.clear()
