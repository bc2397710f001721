"""`callwire` subcommands contributed by other distributions, found through entry points.

A separate module from `cli` so that `python -m callwire_server.cli` (where `cli` runs as `__main__`) and the
plugins agree on one `Command` class.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

log = logging.getLogger("callwire.cli")

#: Entry-point group through which other distributions add `callwire` subcommands: each entry point names a
#: `Command`. The launcher distribution (callwire-launcher) adds `up` and `gateway`, which compose the simulator,
#: the server and the gateway; the server itself depends on neither of those (see the README's layout).
COMMAND_GROUP = "callwire.commands"


@dataclass(frozen=True)
class Command:
    """A `callwire` subcommand contributed by another distribution."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], Coroutine[Any, Any, int]]
    #: The OpenTelemetry `service.name` of a long-running command (None: no telemetry; OTEL_SERVICE_NAME wins).
    service_name: str | None = None
    #: Whether telemetry is exported when nothing says where to (False for `up`: nobody runs a collector for it).
    export_by_default: bool = True


def plugin_commands() -> dict[str, Command]:
    """The subcommands installed distributions contribute, by name (a broken plugin is skipped with a warning)."""
    found: dict[str, Command] = {}
    for entry in entry_points(group=COMMAND_GROUP):
        try:
            command = entry.load()
        except Exception as exc:  # an installed but broken plugin must not take `callwire ctl` down with it
            log.warning("the `callwire %s` command of %s did not load: %s", entry.name, entry.value, exc)
            continue
        if not isinstance(command, Command):
            log.warning("the entry point %s (%s) is not a callwire_server.commands.Command", entry.name, entry.value)
            continue
        found[entry.name] = command
    return found
