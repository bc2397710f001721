"""Scripted far ends: how external numbers (and, when scripted, stations) behave when the switch calls them.

A script says what the far party does once it is offered a call: answer after N ms (or never), be busy,
hang up N ms after answering (optionally with hang-up user data), enter digits after answering. Defaults
come from the site file (`[[far_ends]]`, by exact number or prefix); tests change them at run time:

    switch.far_end.script("67896789", answer_after_ms=200, hangup_after_ms=1000)

The far end also records the DTMF digits it "hears" (GenerateDigits / SendDTMFTone towards it) and can place
inbound calls from the network (`far_end.call("98765432", "2001")`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .site import FarEndDefault

if TYPE_CHECKING:
    from .switch import Switch

__all__ = ["FarEnd", "Script"]


@dataclass(frozen=True, slots=True)
class Script:
    """What a far party does when offered a call. `answer_after_ms=None` means it never answers."""

    answer_after_ms: int | None = 500
    busy: bool = False
    hangup_after_ms: int | None = None
    digits: str = ""
    hangup_user_data: bytes = b""


def _ud(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else value


class FarEnd:
    """The scripting API for external numbers and scripted stations of one switch."""

    def __init__(self, switch: Switch, defaults: tuple[FarEndDefault, ...] = ()) -> None:
        self._switch = switch
        self._exact: dict[str, Script] = {}
        self._prefixes: list[tuple[str, Script]] = []
        self._received: dict[str, list[str]] = {}
        for d in defaults:
            script = Script(
                answer_after_ms=d.answer_after_ms,
                busy=d.busy,
                hangup_after_ms=d.hangup_after_ms,
                digits=d.digits,
                hangup_user_data=_ud(d.hangup_user_data),
            )
            if d.number:
                self._exact[d.number] = script
            else:
                self._set_prefix(d.prefix, script)
        self._defaults = (dict(self._exact), list(self._prefixes))

    def _set_prefix(self, prefix: str, script: Script) -> None:
        self._prefixes = [(p, s) for p, s in self._prefixes if p != prefix]
        self._prefixes.append((prefix, script))
        self._prefixes.sort(key=lambda item: -len(item[0]))

    def script(
        self,
        number: str,
        *,
        prefix: bool = False,
        answer_after_ms: int | None = 500,
        no_answer: bool = False,
        busy: bool = False,
        hangup_after_ms: int | None = None,
        digits: str = "",
        hangup_user_data: str | bytes = b"",
    ) -> Script:
        """Script `number` (or every number starting with it when `prefix`); returns the script."""
        script = Script(
            answer_after_ms=None if no_answer else answer_after_ms,
            busy=busy,
            hangup_after_ms=hangup_after_ms,
            digits=digits,
            hangup_user_data=_ud(hangup_user_data),
        )
        if prefix:
            self._set_prefix(number, script)
        else:
            self._exact[number] = script
        return script

    def unscript(self, number: str) -> None:
        """Forget the run-time script of `number` (exact or prefix)."""
        self._exact.pop(number, None)
        self._prefixes = [(p, s) for p, s in self._prefixes if p != number]

    def reset(self) -> None:
        """Back to the site's defaults; forget received digits."""
        self._exact = dict(self._defaults[0])
        self._prefixes = list(self._defaults[1])
        self._received.clear()

    def for_external(self, number: str) -> Script:
        """The behaviour of an external number: its exact script, the longest matching prefix, or the default."""
        found = self._exact.get(number)
        if found is not None:
            return found
        for prefix, script in self._prefixes:
            if number.startswith(prefix):
                return script
        return Script()

    def for_station(self, extension: str) -> Script | None:
        """A station's run-time script, if a test gave it one (stations otherwise wait for CTI requests)."""
        return self._exact.get(extension)

    def is_scripted(self, number: str) -> bool:
        return number in self._exact

    # ---------------------------------------------------------------------------------------- digits

    def hear_digits(self, number: str, digits: str) -> None:
        self._received.setdefault(number, []).append(digits)

    def received_digits(self, number: str) -> str:
        """Every DTMF digit sent towards `number` so far, concatenated."""
        return "".join(self._received.get(number, ()))

    # ------------------------------------------------------------------------------------- inbound

    def call(self, caller: str, called: str, *, user_data: str | bytes | None = None) -> int:
        """An inbound call from the network: `caller` dials `called` (a station, split or VDN); the call ID."""
        return self._switch.incoming_call(caller, called, user_data=_ud(user_data) if user_data is not None else None)

    def hangup(self, number: str, *, user_data: str | bytes | None = None) -> int:
        """The external party `number` hangs up every call it is on; how many it left."""
        return self._switch.external_hangup(number, user_data=_ud(user_data) if user_data is not None else None)
