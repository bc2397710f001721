"""ECMA-323 ed3 types shared by requests, responses and events (device IDs, connections, private data)."""

from __future__ import annotations

import enum

from ._schema import Message, any_el, attr, complex_type, el, flag, text


class TypeOfNumber(enum.StrEnum):
    DIALING_NUMBER = "dialingNumber"
    DEVICE_NUMBER = "deviceNumber"
    IMPLICIT_PUBLIC = "implicitPublic"
    IMPLICIT_PRIVATE = "implicitPrivate"
    OTHER = "other"
    #: A dynamic device ID (LocalDeviceID only), e.g. an external trunk party `T13815#2` on Avaya CM.
    DYNAMIC = "dynamic"


class LocalConnectionState(enum.StrEnum):
    NULL = "null"
    INITIATED = "initiated"
    ALERTING = "alerting"
    CONNECTED = "connected"
    HOLD = "hold"
    QUEUED = "queued"
    FAIL = "fail"


@complex_type
class DeviceID:
    """A device identifier as text, e.g. `101`, or on Avaya AES `101:CM::0`."""

    value: str = text()
    type_of_number: TypeOfNumber | None = attr("typeOfNumber")
    media_class: str | None = attr("mediaClass")


@complex_type
class ConnectionID:
    """A party in a call: the call ID and the device (schema order: callID, then deviceID)."""

    call_id: str | None = el("callID", default=None)
    device_id: DeviceID | None = el("deviceID", default=None)


@complex_type
class ExtendedDeviceID:
    """A device reference in events (SubjectDeviceID, CallingDeviceID, CalledDeviceID, ...): a choice."""

    device_identifier: DeviceID | None = el("deviceIdentifier", default=None)
    not_known: bool = flag("notKnown", default=False)
    restricted: bool = flag("restricted", default=False)

    @property
    def device(self) -> str | None:
        return self.device_identifier.value if self.device_identifier else None


@complex_type
class RedirectionDeviceID:
    """`lastRedirectionDevice`: a dialled number or one of the empty markers."""

    number_dialed: DeviceID | None = el("numberDialed", default=None)
    not_known: bool = flag("notKnown", default=False)
    not_required: bool = flag("notRequired", default=False)
    not_specified: bool = flag("notSpecified", default=False)
    restricted: bool = flag("restricted", default=False)


@complex_type
class UserData:
    """User-to-user information (UUI): hexBinary in `<string>`."""

    string: bytes | None = el("string", default=None)


@complex_type
class PrivateData:
    """`<privateData>`: vendor messages inside `<private>` (Avaya: namespace http://www.avaya.com/csta)."""

    private: Private | None = el("private", default=None)


@complex_type
class Private:
    items: tuple[Message, ...] = any_el(default=())


@complex_type
class CommonArguments:
    """`<extensions>` (CSTACommonArguments): carries the private data of a message."""

    private_data: PrivateData | None = el("privateData", default=None)


def private(*items: Message) -> CommonArguments:
    """Wrap vendor private-data messages as a message's `extensions`."""
    return CommonArguments(private_data=PrivateData(private=Private(items=items)))


def private_items(extensions: CommonArguments | None) -> tuple[Message, ...]:
    """The private-data messages of an `extensions` value (empty when absent)."""
    if extensions is None or extensions.private_data is None or extensions.private_data.private is None:
        return ()
    return extensions.private_data.private.items


@complex_type
class GlobalCallLinkageID:
    globally_unique_call_linkage_id: str | None = el("globallyUniqueCallLinkageID", default=None)
    sub_domain_call_linkage_id: str | None = el("subDomainCallLinkageID", default=None)


@complex_type
class GlobalCallData:
    global_call_switching_sub_domain_name: str | None = el("globalCallSwitchingSubDomainName", default=None)
    global_call_linkage_id: GlobalCallLinkageID | None = el("globalCallLinkageID", default=None)
    call_linkage_id_timestamp: str | None = el("callLinkageIDTimestamp", default=None)


@complex_type
class CallLinkageData:
    """Carries the Avaya UCID in `globalCallData/globalCallLinkageID/globallyUniqueCallLinkageID`."""

    global_call_data: GlobalCallData | None = el("globalCallData", default=None)

    @classmethod
    def for_ucid(cls, ucid: str) -> CallLinkageData:
        return cls(
            global_call_data=GlobalCallData(
                global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id=ucid)
            )
        )

    @property
    def ucid(self) -> str | None:
        gcd = self.global_call_data
        if gcd is None or gcd.global_call_linkage_id is None:
            return None
        return gcd.global_call_linkage_id.globally_unique_call_linkage_id


@complex_type
class ConnectionListItem:
    new_connection: ConnectionID | None = el("newConnection", default=None)
    old_connection: ConnectionID | None = el("oldConnection", default=None)
    endpoint: ExtendedDeviceID | None = el("endpoint", default=None)
