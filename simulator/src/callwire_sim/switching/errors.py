"""The switch's negative acknowledgement (a CSTA error code) and shorthands for the two common error classes."""

from __future__ import annotations

from callwire_csta.codec import CSTAErrorCode

__all__ = ["SwitchError", "op_error", "state_error", "switch_error"]


class SwitchError(Exception):
    """A CSTA negative acknowledgement."""

    def __init__(self, error: CSTAErrorCode) -> None:
        super().__init__(f"{error.error_class}/{error.value}")
        self.error = error


def switch_error(error_class: str, value: str = "") -> SwitchError:
    return SwitchError(CSTAErrorCode.of(error_class, value))


def op_error(value: str) -> SwitchError:
    """An `operation` error: the request names something wrong (a device, a call, a parameter)."""
    return switch_error("operation", value)


def state_error(value: str) -> SwitchError:
    """A `stateIncompatibility` error: the request is fine, but not in the current state."""
    return switch_error("stateIncompatibility", value)
