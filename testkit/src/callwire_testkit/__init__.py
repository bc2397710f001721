"""Callwire's shared test helpers, one copy for every test folder (dev only).

- waits: `until` a condition holds (no fixed sleeps).
- gRPC errors: `error_info`, `reason_of`, `expect_error`, `outcome`.
- ports: `free_port`, `refused_port`, `accepts`, `wait_port_open`, `wait_port_closed`.
- processes: `run` a command to its end, `start` one with its output collected (`Proc`), `stop` one.

These import nothing from Callwire. `callwire_testkit.demo` (imported by name, not from here) builds the demo
world: the demo site's simulator and a server configured for it.
"""

from .grpc_errors import DOMAIN, error_info, expect_error, outcome, reason_of
from .net import accepts, free_port, refused_port, wait_port_closed, wait_port_open
from .processes import PROCESS_WAIT, Completed, Proc, environment, python_module, run, start, stop
from .waits import WAIT, until

__all__ = [
    "DOMAIN",
    "PROCESS_WAIT",
    "WAIT",
    "Completed",
    "Proc",
    "accepts",
    "environment",
    "error_info",
    "expect_error",
    "free_port",
    "outcome",
    "python_module",
    "reason_of",
    "refused_port",
    "run",
    "start",
    "stop",
    "until",
    "wait_port_closed",
    "wait_port_open",
]
