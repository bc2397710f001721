"""ECMA-354 application session messages, with the Avaya DMCC login info."""

from __future__ import annotations

from ._schema import AVAYA_NS, SESSION_NS, Message, any_el, complex_type, el, message

__all__ = [  # noqa: RUF022
    "ApplicationInfo",
    "ApplicationSessionTerminated",
    "ApplicationSpecificInfo",
    "CALLWIRE_DEFINED_SERVICES",
    "CALLWIRE_NS",
    "CallwireServices",
    "DEFAULT_PROTOCOL_VERSION",
    "ResetApplicationSessionTimer",
    "ResetApplicationSessionTimerNegResponse",
    "ResetApplicationSessionTimerPosResponse",
    "SessionEndReason",
    "SessionErrorCode",
    "SessionExtensions",
    "SessionLoginInfo",
    "SessionTermReason",
    "StartApplicationSession",
    "StartApplicationSessionNegResponse",
    "StartApplicationSessionPosResponse",
    "StopApplicationSession",
    "StopApplicationSessionNegResponse",
    "StopApplicationSessionPosResponse",
]

#: DMCC 6.1 protocol version (`.../ed3/priv5`); configurable on the link.
DEFAULT_PROTOCOL_VERSION = "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv5"


@message("SessionLoginInfo", AVAYA_NS, xsi_type="SessionLoginInfo")
class SessionLoginInfo(Message):
    user_name: str = el("userName")
    password: str = el("password")
    session_cleanup_delay: int | None = el("sessionCleanupDelay", default=None)
    #: The old session ID, to re-attach after a short drop (devices and monitors survive).
    session_id: str | None = el("sessionID", default=None)


@complex_type
class ApplicationSpecificInfo:
    items: tuple[Message, ...] = any_el(default=())


@complex_type
class ApplicationInfo:
    application_id: str = el("applicationID")
    application_specific_info: ApplicationSpecificInfo | None = el("applicationSpecificInfo", default=None)


@message("StartApplicationSession", SESSION_NS)
class StartApplicationSession(Message):
    application_info: ApplicationInfo = el("applicationInfo")
    requested_protocol_versions: tuple[str, ...] = el("requestedProtocolVersions", item="protocolVersion", default=())
    requested_session_duration: int | None = el("requestedSessionDuration", default=None)

    @property
    def login(self) -> SessionLoginInfo | None:
        spec = self.application_info.application_specific_info
        for item in spec.items if spec else ():
            if isinstance(item, SessionLoginInfo):
                return item
        return None


@complex_type
class SessionExtensions:
    """ECMA-354 `extensions` (any elements): where a switch may say more about itself."""

    items: tuple[Message, ...] = any_el(default=())


#: Namespace of Callwire's own elements; none of them is ever sent to a switch that did not advertise it.
CALLWIRE_NS = "urn:callwire:csta"

#: Requests in the Avaya namespace that no public Avaya schema has (see the README): the link sends them only
#: to a switch that lists them in CallwireServices.
CALLWIRE_DEFINED_SERVICES = frozenset({"GetDeviceInfo", "GetTrunkGroupInfo", "GetCallClassifierInfo"})


@message("CallwireServices", CALLWIRE_NS)
class CallwireServices(Message):
    """The Callwire-defined services a switch offers (the simulator), advertised in the session's
    StartApplicationSessionPosResponse `extensions`. A real AES sends no such element."""

    service: tuple[str, ...] = el("service", default=())


@message("StartApplicationSessionPosResponse", SESSION_NS)
class StartApplicationSessionPosResponse(Message):
    session_id: str = el("sessionID")
    actual_protocol_version: str = el("actualProtocolVersion")
    actual_session_duration: int = el("actualSessionDuration")
    extensions: SessionExtensions | None = el("extensions", default=None)

    @property
    def callwire_services(self) -> frozenset[str]:
        """The Callwire-defined services this switch advertised (empty for AES)."""
        for item in self.extensions.items if self.extensions else ():
            if isinstance(item, CallwireServices):
                return frozenset(item.service)
        return frozenset()


@complex_type
class SessionErrorCode:
    defined_error: str | None = el("definedError", default=None)
    appl_error: str | None = el("applError", default=None)


@message("StartApplicationSessionNegResponse", SESSION_NS)
class StartApplicationSessionNegResponse(Message):
    error_code: SessionErrorCode = el("errorCode")


@message("ResetApplicationSessionTimer", SESSION_NS)
class ResetApplicationSessionTimer(Message):
    session_id: str = el("sessionID")
    requested_session_duration: int | None = el("requestedSessionDuration", default=None)


@message("ResetApplicationSessionTimerPosResponse", SESSION_NS)
class ResetApplicationSessionTimerPosResponse(Message):
    actual_session_duration: int | None = el("actualSessionDuration", default=None)


@message("ResetApplicationSessionTimerNegResponse", SESSION_NS)
class ResetApplicationSessionTimerNegResponse(Message):
    error_code: SessionErrorCode = el("errorCode")


@complex_type
class SessionEndReason:
    defined_end_reason: str | None = el("definedEndReason", default=None)
    app_end_reason: str | None = el("appEndReason", default=None)


@message("StopApplicationSession", SESSION_NS)
class StopApplicationSession(Message):
    session_id: str = el("sessionID")
    session_end_reason: SessionEndReason = el("sessionEndReason")


@message("StopApplicationSessionPosResponse", SESSION_NS)
class StopApplicationSessionPosResponse(Message):
    pass


@message("StopApplicationSessionNegResponse", SESSION_NS)
class StopApplicationSessionNegResponse(Message):
    error_code: SessionErrorCode = el("errorCode")


@complex_type
class SessionTermReason:
    defined_term_reason: str | None = el("definedTermReason", default=None)
    server_term_reason: str | None = el("serverTermReason", default=None)


@message("ApplicationSessionTerminated", SESSION_NS)
class ApplicationSessionTerminated(Message):
    session_id: str = el("sessionID")
    session_term_reason: SessionTermReason = el("sessionTermReason")
