"""How the server turns a link error into the contract's error (moved here from the link's tests: the link
knows nothing of gRPC)."""

from __future__ import annotations

from callwire_csta.link import NotSupportedBySwitch
from callwire_server.errors import from_link_error


def test_a_service_the_switch_does_not_advertise_is_reported_as_not_supported() -> None:
    err = from_link_error(NotSupportedBySwitch("GetTrunkGroupInfo ..."), extension="410")
    assert err.message.startswith("not supported by this switch")
    assert err.metadata["csta_value"] == "serviceNotSupported"
