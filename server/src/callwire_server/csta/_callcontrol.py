"""ECMA-323 call-control services (requests and positive responses)."""

from __future__ import annotations

from ._common import CommonArguments, ConnectionID, DeviceID, UserData
from ._schema import Message, el, message


@message("MakeCall")
class MakeCall(Message):
    calling_device: DeviceID = el("callingDevice")
    called_directory_number: DeviceID = el("calledDirectoryNumber")
    user_data: UserData | None = el("userData", default=None)
    extensions: CommonArguments | None = el("extensions", default=None)


@message("MakeCallResponse")
class MakeCallResponse(Message):
    calling_device: ConnectionID = el("callingDevice")
    extensions: CommonArguments | None = el("extensions", default=None)
