"""`CSTAErrorCode`: the negative acknowledgement of any CSTA request (exactly one class child)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ._schema import Message, el, flag, message

#: Element names of the error classes, in schema order. `systemResourceAvailibility` is the standard's spelling.
ERROR_CLASSES = (
    "operation",
    "performanceManagement",
    "privateData",
    "privateErrorCode",
    "security",
    "stateIncompatibility",
    "subscribedResourceAvailability",
    "systemResourceAvailibility",
    "unspecified",
)


@message("CSTAErrorCode")
class CSTAErrorCode(Message):
    operation: str | None = el("operation", default=None)
    performance_management: str | None = el("performanceManagement", default=None)
    private_data: str | None = el("privateData", default=None)
    private_error_code: str | None = el("privateErrorCode", default=None)
    security: str | None = el("security", default=None)
    state_incompatibility: str | None = el("stateIncompatibility", default=None)
    subscribed_resource_availability: str | None = el("subscribedResourceAvailability", default=None)
    system_resource_availability: str | None = el("systemResourceAvailibility", default=None)
    unspecified: bool = flag("unspecified", default=False)

    @classmethod
    def of(cls, error_class: str, value: str = "") -> CSTAErrorCode:
        """Build the error of class `error_class` (an element name of ERROR_CLASSES) and value."""
        if error_class == "unspecified":
            return cls(unspecified=True)
        if error_class not in ERROR_CLASSES:
            raise ValueError(f"unknown CSTA error class {error_class!r}")
        fields: dict[str, Any] = {_ATTRS[ERROR_CLASSES.index(error_class)]: value}
        return cls(**fields)

    @property
    def error_class(self) -> str:
        for name, attr_name in zip(ERROR_CLASSES, _ATTRS, strict=True):
            if getattr(self, attr_name) not in (None, False):
                return name
        return "unspecified"

    @property
    def value(self) -> str:
        for attr_name in _ATTRS[:-1]:
            found = getattr(self, attr_name)
            if found is not None:
                return str(found)
        return ""


_ATTRS = tuple(f.name for f in dataclasses.fields(CSTAErrorCode))
