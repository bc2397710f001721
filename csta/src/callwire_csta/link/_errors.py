"""The link's errors: every request ends in its response or exactly one of these."""

from __future__ import annotations

from callwire_csta.codec import CSTAErrorCode


class LinkError(Exception):
    """Base of every error the CSTA link raises."""


class LinkDown(LinkError):
    """The link is not up, or it was lost while the request was in flight (the request may or may not have run)."""


class LinkLost(LinkDown):
    """The link was lost after the request was written: the switch may or may not have carried it out."""


class RequestNotSendable(LinkError):
    """The request cannot be written to the link: its frame would exceed 65,535 bytes, or a value holds a character
    XML does not allow. Nothing was sent, so the switch never saw it; the link stays up."""


class LinkTimeout(LinkError):
    """No answer within the request's deadline. The link itself stays up; a late answer is logged and dropped."""


class CstaRequestError(LinkError):
    """The switch refused the request with a `CSTAErrorCode` (e.g. `operation` / `invalidDeviceID`)."""

    def __init__(self, error: CSTAErrorCode, *, request: str = "") -> None:
        self.error = error
        self.request = request
        where = f"{request}: " if request else ""
        super().__init__(f"{where}CSTA error {error.error_class}/{error.value or '-'}")

    @property
    def error_class(self) -> str:
        return self.error.error_class

    @property
    def value(self) -> str:
        return self.error.value


class SessionRefused(LinkError):
    """The peer refused or ended the ECMA-354 application session (bad credentials, unknown session ID, ...)."""

    def __init__(self, reason: str, *, defined_error: str | None = None) -> None:
        self.reason = reason
        self.defined_error = defined_error
        super().__init__(reason)


class ProtocolViolation(LinkError):
    """The peer sent bytes that are not CSTA (broken frame, malformed XML): the connection cannot be trusted."""


class NotSupportedBySwitch(LinkError):
    """The request is a Callwire-defined service the switch did not advertise: it was not sent."""
