"""The switch's request table: every request of the codec is served by one collaborator of the switch, or is
on the short list of requests this switch answers `operation/serviceNotSupported`."""

from __future__ import annotations

import pytest

from callwire_csta import codec as c
from callwire_sim.switch import Switch, SwitchError

#: Codec requests the simulated switch does not serve, as AES does not for a CTI user of this kind.
NOT_SERVED = {"Escape", "SystemRegister", "SystemStatus"}


def _codec_requests() -> set[str]:
    """A request is a message with a response: `XResponse` for `X` (or for `XRequest`)."""
    names = {m.__name__ for m in c.registered_messages().values()}
    return {
        n
        for n in names
        if f"{n}Response" in names or (n.endswith("Request") and f"{n[: -len('Request')]}Response" in names)
    }


def test_every_codec_request_has_a_handler_or_is_not_served(switch: Switch) -> None:
    served = {request.__name__ for request in switch.requests}
    requests = _codec_requests()
    assert served <= requests, f"handlers for what is not a codec request: {sorted(served - requests)}"
    assert requests - served == NOT_SERVED


def test_a_message_outside_the_table_is_not_supported(switch: Switch) -> None:
    session = switch.open_session(lambda _event: None)
    with pytest.raises(SwitchError) as info:
        switch.handle(session, c.MonitorStopResponse())
    assert (info.value.error.error_class, info.value.error.value) == ("operation", "serviceNotSupported")
