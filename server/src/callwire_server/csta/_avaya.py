"""Avaya private data and Avaya-only services (namespace http://www.avaya.com/csta).

Private data rides in a message's `<extensions><privateData><private>`; Avaya-only services (GetDeviceId,
GetAcdSplit, SelectiveListeningHold, ...) are root messages in the Avaya namespace.
"""

from __future__ import annotations

from ._common import CallLinkageData
from ._schema import AVAYA_NS, Message, el, message


@message("MakeCallResponsePrivateData", AVAYA_NS)
class MakeCallResponsePrivateData(Message):
    call_linkage_data: CallLinkageData | None = el("callLinkageData", default=None)
