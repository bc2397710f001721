"""Legacy call control requests (make, answer, hold, transfer, conference, phantom calls, monitors, ...) and
the user data requests that belong to a call."""

from __future__ import annotations

import re
from typing import Any

from callwire.callcontrol.v1 import enums_pb2 as cc_enums
from callwire.callcontrol.v1 import request_response_pb2 as cc
from callwire.userdata.v1 import request_response_pb2 as userdata

from ..errors import invalid
from .request import OK, Handlers, Request, callid_number, registrar, seconds
from .wire import Fields

HANDLERS: Handlers = {}
handler = registrar(HANDLERS)


@handler("makecall")
async def _makecall(r: Request) -> Fields:
    msg = cc.MakeCallRequest(
        extension=r.device(), destination=r.device("destination"), user_data=r.text("data", max_len=1 << 20)
    )
    resp = await r.call("callcontrol", "MakeCall", msg)
    return {"callid": resp.call.call_id, "ucid": resp.call.ucid}


@handler("answer")
async def _answer(r: Request) -> Fields:
    msg = cc.AnswerCallRequest(extension=r.device(), call_id=r.text("callid"))
    resp = await r.call("callcontrol", "AnswerCall", msg)
    return {"callid": resp.call.call_id}


@handler("hangup")
async def _hangup(r: Request) -> Fields:
    msg = cc.HangupCallRequest(extension=r.device(), call_id=r.text("callid"), user_data=r.text("data"))
    await r.call("callcontrol", "HangupCall", msg)
    return OK


@handler("dropparty")
async def _dropparty(r: Request) -> Fields:
    msg = cc.DropPartyRequest(extension=r.device(), party=r.device("party"), user_data=r.text("data"))
    await r.call("callcontrol", "DropParty", msg)
    return OK


@handler("hold")
async def _hold(r: Request) -> Fields:
    await r.call("callcontrol", "HoldCall", cc.HoldCallRequest(extension=r.device(), call_id=r.text("callid")))
    return OK


@handler("retrieve")
async def _retrieve(r: Request) -> Fields:
    msg = cc.RetrieveCallRequest(
        extension=r.device(), call_id=r.text("callid"), party=r.device("destination", required=False)
    )
    await r.call("callcontrol", "RetrieveCall", msg)
    return OK


@handler("transfer")
async def _transfer(r: Request) -> Fields:
    msg = cc.TransferCallRequest(
        extension=r.device(),
        destination=r.device("destination", required=False),
        mode=cc_enums.TRANSFER_MODE_AUTO,
        user_data=r.text("data"),
    )
    await r.call("callcontrol", "TransferCall", msg)
    return OK


@handler("conference")
async def _conference(r: Request) -> Fields:
    msg = cc.ConferenceCallRequest(
        extension=r.device(),
        destination=r.device("destination", required=False),
        mode=cc_enums.CONFERENCE_MODE_AUTO,
        user_data=r.text("data"),
    )
    await r.call("callcontrol", "ConferenceCall", msg)
    return OK


@handler("consultation")
async def _consultation(r: Request) -> Fields:
    msg = cc.ConsultationCallRequest(
        extension=r.device(), destination=r.device("destination"), user_data=r.text("data")
    )
    resp = await r.call("callcontrol", "ConsultationCall", msg)
    return {"primarycallid": resp.primary_call_id, "secondarycallid": resp.secondary_call_id, "ucid": resp.ucid}


@handler("reconnect")
async def _reconnect(r: Request) -> Fields:
    await r.call("callcontrol", "ReconnectCall", cc.ReconnectCallRequest(extension=r.device()))
    return OK


@handler("alternate")
async def _alternate(r: Request) -> Fields:
    await r.call("callcontrol", "AlternateCall", cc.AlternateCallRequest(extension=r.device()))
    return OK


@handler("singlestepconference")
async def _singlestepconference(r: Request) -> Fields:
    participation = r.choice(
        "type",
        {
            "active": cc_enums.PARTICIPATION_ACTIVE,
            "passive": cc_enums.PARTICIPATION_SILENT,
            "silent": cc_enums.PARTICIPATION_SILENT,
        },
        default="active",
    )
    msg = cc.SingleStepConferenceCallRequest(
        extension=r.device(), device_to_join=r.device("devicetojoin"), participation=participation
    )
    resp = await r.call("callcontrol", "SingleStepConferenceCall", msg)
    return {"callid": resp.call.call_id, "ucid": resp.call.ucid}


@handler("singlesteptransfer")
async def _singlesteptransfer(r: Request) -> Fields:
    msg = cc.SingleStepTransferCallRequest(
        extension=r.device(), destination=r.device("destination"), user_data=r.text("data")
    )
    resp = await r.call("callcontrol", "SingleStepTransferCall", msg)
    return {"callid": resp.call.call_id, "ucid": resp.call.ucid}


def _listening(r: Request, message: Any) -> Any:
    party = r.device("party")
    if party.lower() == "all":
        return message(extension=r.device(), all_parties=True)
    return message(extension=r.device(), party=party)


@handler("selectivelisteninghold")
async def _slhold(r: Request) -> Fields:
    await r.call("callcontrol", "SelectiveListeningHold", _listening(r, cc.SelectiveListeningHoldRequest))
    return {}


@handler("selectivelisteningretrieve")
async def _slretrieve(r: Request) -> Fields:
    await r.call("callcontrol", "SelectiveListeningRetrieve", _listening(r, cc.SelectiveListeningRetrieveRequest))
    return {}


@handler("dtmf")
async def _dtmf(r: Request) -> Fields:
    digits = r.text("dtmf", required=True, max_len=64)
    if not re.fullmatch(r"[0-9*#A-Da-d]+", digits):
        raise invalid("field `dtmf` may hold only 0-9, *, # and A-D")
    await r.call("callcontrol", "SendDtmf", cc.SendDtmfRequest(extension=r.device(), digits=digits.upper()))
    return OK


@handler("clearcall")
async def _clearcall(r: Request) -> Fields:
    call_id = r.text("callid")
    if call_id:
        msg = cc.ClearCallRequest(call_id=call_id, user_data=r.text("data"))
    else:
        msg = cc.ClearCallRequest(extension=r.device(), user_data=r.text("data"))
    await r.call("callcontrol", "ClearCall", msg)
    return OK


@handler("deflectcall")
async def _deflectcall(r: Request) -> Fields:
    msg = cc.DeflectCallRequest(extension=r.device(), destination=r.device("destination"), call_id=r.text("callid"))
    await r.call("callcontrol", "DeflectCall", msg)
    return OK


@handler("pickupcall")
async def _pickupcall(r: Request) -> Fields:
    msg = cc.PickupCallRequest(extension=r.device(), destination=r.device("destination"), call_id=r.text("callid"))
    await r.call("callcontrol", "PickupCall", msg)
    return OK


_WAIT_EVENTS = {"connect": cc_enums.PHANTOM_WAIT_EVENT_CONNECT, "disconnect": cc_enums.PHANTOM_WAIT_EVENT_DISCONNECT}


def _outcome(outcome: Any) -> Fields:
    return {
        "callid": callid_number(outcome.call.call_id),
        "ucid": outcome.call.ucid,
    }


@handler("makephantomcall")
async def _makephantomcall(r: Request) -> Fields:
    duration = r.integer("duration", default=20, low=1, high=3600)
    msg = cc.MakePhantomCallRequest(
        destination=r.device("destination"),
        duration=seconds(duration),
        wait_event=r.choice("waitevent", _WAIT_EVENTS, default="connect"),
        user_data=r.text("data"),
    )
    resp = await r.call("callcontrol", "MakePhantomCall", msg, timeout=duration + 15.0)
    out = resp.outcome
    return {
        **_outcome(out),
        "phantom": resp.phantom_device,
        "answering": out.answering,
        "releasing": out.releasing,
        "hangupdata": out.hangup_data,
    }


@handler("pinver")
async def _pinver(r: Request) -> Fields:
    # The reference spells it `druation`; `duration` is accepted too.
    name = "duration" if "duration" in r.fields else "druation"
    duration = r.integer(name, default=20, low=1, high=3600)
    msg = cc.VerifyPinRequest(
        extension=r.device(),
        destination=r.device("destination"),
        duration=seconds(duration),
        user_data=r.text("data"),
    )
    resp = await r.call("callcontrol", "VerifyPin", msg, timeout=duration + 15.0)
    out = resp.outcome
    return {**_outcome(out), "answering": out.answering, "releasing": out.releasing, "hangupdata": out.hangup_data}


@handler("startmonitor")
async def _startmonitor(r: Request) -> Fields:
    extension = r.device()
    await r.call("callcontrol", "StartMonitor", cc.StartMonitorRequest(extension=extension))
    await r.session.start_monitor(extension)
    return OK


@handler("stopmonitor")
async def _stopmonitor(r: Request) -> Fields:
    await r.session.stop_monitor(r.device())
    return OK


# ---------------------------------------------------------------------------------------------- user data


@handler("userdata")
async def _userdata(r: Request) -> Fields:
    kind = r.choice("type", {k: k for k in ("alert", "hangup", "get", "set", "update")})
    if kind == "alert":
        resp = await r.call("userdata", "GetAlertUserData", userdata.GetAlertUserDataRequest(extension=r.device()))
        d = resp.call_data
        return {
            "callid": callid_number(resp.call.call_id),
            "calling": d.calling,
            "called": d.called,
            "alerting": d.alerting,
            "cli": d.cli,
            "dnis": d.dnis,
            "uec": d.uec,
            "ucid": resp.call.ucid,
            "split": d.split,
            "trunkgroup": d.trunk_group,
            "trunkmember": d.trunk_member,
            "userdata": resp.user_data,
        }
    if kind == "hangup":
        resp = await r.call("userdata", "GetHangupUserData", userdata.GetHangupUserDataRequest(extension=r.device()))
        return {
            "callid": callid_number(resp.call.call_id),
            "releasing": resp.releasing,
            "ucid": resp.call.ucid,
            "userdata": resp.user_data,
        }
    extension = r.device(required=False)
    if kind == "get":
        get = userdata.GetUserDataRequest(uui=r.text("uui", required=True, max_len=256), extension=extension)
        resp = await r.call("userdata", "GetUserData", get)
        return {"data": resp.data}
    if kind == "set":
        put = userdata.SetUserDataRequest(data=r.text("data", max_len=1 << 20), extension=extension)
        resp = await r.call("userdata", "SetUserData", put)
        return {"uui": resp.uui}
    msg = userdata.UpdateUserDataRequest(
        uui=r.text("uui", required=True, max_len=256), data=r.text("data", max_len=1 << 20), extension=extension
    )
    await r.call("userdata", "UpdateUserData", msg)
    return OK
