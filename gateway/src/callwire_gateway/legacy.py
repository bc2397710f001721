"""The legacy ctiSVR/ivrSVR requests: decode the JSON object, call the RPC, answer the reference's fields.

Each handler takes the decoded request and returns the response fields after the envelope
(`msgtype`, `id`, `result`), with exactly the reference's names, order and JSON types. Ids and numbers are
accepted as strings or numbers; a missing or mistyped field fails with "invalid request: ..." naming it.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn, Protocol

from google.protobuf import duration_pb2

from callwire.admin.v1 import request_response_pb2 as admin
from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.agent.v1 import request_response_pb2 as agent
from callwire.callcontrol.v1 import enums_pb2 as cc_enums
from callwire.callcontrol.v1 import request_response_pb2 as cc
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.device.v1 import enums_pb2 as device_enums
from callwire.device.v1 import request_response_pb2 as device
from callwire.query.v1 import request_response_pb2 as query
from callwire.station.v1 import enums_pb2 as station_enums
from callwire.station.v1 import request_response_pb2 as station
from callwire.userdata.v1 import request_response_pb2 as userdata

from .errors import LegacyError, invalid
from .upstream import Upstream

Fields = dict[str, Any]
log = logging.getLogger("callwire.gateway")

_TYPOGRAPHIC = "“”‘’"
_UNQUOTED_KEY = re.compile(r"[{,]\s*[A-Za-z_][A-Za-z0-9_]*\s*:")
_EXTENSION = re.compile(r"^[^\s\x00-\x1f]{1,32}$")
#: What no field may hold: lone surrogates are not text (JSON can write them as `\ud800`, but nothing can encode
#: them), and the rest are characters XML 1.0 does not allow, which the CSTA link could never send.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Fields of free text that never reach the link (user data is stored, only its key travels): control characters
#: stay allowed there, lone surrogates do not.
_FREE_TEXT = frozenset({"data"})
#: How much of a client's value an error message repeats.
_ECHO = 32


class _NotJson(ValueError):
    """JSON that Python's parser would take but the standard does not (NaN, Infinity, numbers out of range)."""


def _refuse_constant(name: str) -> NoReturn:
    raise _NotJson(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(f"number out of range: {text[:_ECHO]}")
    return value


def decode(text: str | bytes) -> dict[str, Any]:
    """Strict JSON object, or `LegacyError` with a parse error that says what is wrong."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid("the message is not UTF-8 text") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NotJson as exc:
        raise invalid(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise invalid("not valid JSON: it nests too deeply") from None
    except json.JSONDecodeError as exc:
        hint = ""
        if any(c in text for c in _TYPOGRAPHIC):
            hint = ' (typographic quotes are not JSON quotes: use ")'
        elif _UNQUOTED_KEY.search(text):
            hint = " (JSON keys must be quoted)"
        raise invalid(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}{hint}") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise invalid("not valid JSON: a number has too many digits") from None
    if not isinstance(value, dict):
        raise invalid(f"the message must be a JSON object, not {type(value).__name__}")
    return value


def request_id_of(fields: Mapping[str, Any]) -> Any:
    """The `id` to echo: a string or number as given; anything else (or nothing) becomes ""."""
    value = fields.get("id", "")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    if isinstance(value, float) and not math.isfinite(value):  # never answer NaN or Infinity: they are not JSON
        return ""
    return value


class Session(Protocol):
    """What a handler may know about the client connection."""

    address: str

    async def start_monitor(self, extension: str) -> None: ...

    async def stop_monitor(self, extension: str) -> None: ...


@dataclass
class Request:
    """One decoded legacy request with typed accessors for its fields."""

    fields: dict[str, Any]
    session: Session
    upstream: Upstream
    name: str = ""
    request_id: str = ""
    seen: set[str] = field(default_factory=set)

    def text(self, name: str, *, required: bool = False, default: str = "", max_len: int = 65536) -> str:
        value = self.fields.get(name)
        if value is None:
            if required:
                raise invalid(f"missing field `{name}`")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise invalid(f"field `{name}` must be a string, not {_json_type(value)}")
        out = str(value)
        if required and not out.strip():
            raise invalid(f"field `{name}` is empty")
        if len(out) > max_len:
            raise invalid(f"field `{name}` is longer than {max_len} characters")
        bad = (_SURROGATE if name in _FREE_TEXT else _NOT_TEXT).search(out)
        if bad is not None:
            raise invalid(f"field `{name}` holds a character that is not allowed (U+{ord(bad.group()):04X})")
        return out

    def device(self, name: str = "extension", *, required: bool = True) -> str:
        value = self.text(name, required=required, max_len=32).strip()
        if value and not _EXTENSION.match(value):
            raise invalid(f"field `{name}` is not an extension: {value!r}")
        return value

    def integer(self, name: str, *, default: int | None = None, low: int = 0, high: int = 2**31 - 1) -> int:
        value = self.fields.get(name)
        if value is None or value == "":
            if default is None:
                raise invalid(f"missing field `{name}`")
            return default
        if isinstance(value, bool):
            raise invalid(f"field `{name}` must be a number, not boolean")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,10}\s*", value):
            value = int(value)
        if not isinstance(value, int):
            raise invalid(f"field `{name}` must be a number, not {_json_type(value)}")
        if not low <= value <= high:
            raise invalid(f"field `{name}` must be between {low} and {high}")
        return value

    def flag(self, name: str, *, default: bool | None = None) -> bool:
        value = self.fields.get(name)
        if value is None or value == "":
            if default is None:
                raise invalid(f"missing field `{name}`")
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "on", "off", "1", "0", "yes", "no"):
            return value.strip().lower() in ("true", "on", "1", "yes")
        raise invalid(f'field `{name}` must be "true" or "false"')

    def choice(self, name: str, options: Mapping[str, Any], *, default: str | None = None) -> Any:
        value = self.text(name, required=default is None, default=default or "").strip().lower()
        if value not in options:
            shown = value if len(value) <= _ECHO else value[:_ECHO] + "..."
            raise invalid(f"field `{name}` must be one of {', '.join(sorted(options))}, not {shown!r}")
        return options[value]

    async def call(
        self,
        service: str,
        method: str,
        message: Any,
        *,
        console: tuple[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        return await self.upstream.call(
            service,
            method,
            message,
            request_id=self.request_id,
            client_address=self.session.address,
            console=console,
            timeout=timeout,
        )


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", float: "number", str: "string", int: "number", bool: "boolean"}
    return names.get(type(value), "null")


def _callid_number(call_id: str) -> int | str:
    """The reference sends call IDs in events and user data answers as numbers (Avaya's are decimal)."""
    return int(call_id) if call_id.isdigit() and len(call_id) < 16 else call_id


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def _seconds(value: int) -> duration_pb2.Duration:
    return duration_pb2.Duration(seconds=value)


OK: Fields = {"error": ""}

Handler = Callable[[Request], Awaitable[Fields]]
HANDLERS: dict[str, Handler] = {}


def handler(*names: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = fn
        return fn

    return register


# ---------------------------------------------------------------------------------------------------- agent

_WORK_MODES = {
    "aux": agent_enums.WORK_MODE_AUX,
    "acw": agent_enums.WORK_MODE_AFTER_CALL_WORK,
    "manual": agent_enums.WORK_MODE_MANUAL_IN,
    "auto": agent_enums.WORK_MODE_AUTO_IN,
}
_WORK_MODE_NAMES = {
    agent_enums.WORK_MODE_NULL: "null",
    agent_enums.WORK_MODE_UNSPECIFIED: "null",
    agent_enums.WORK_MODE_AUX: "aux",
    agent_enums.WORK_MODE_AFTER_CALL_WORK: "acw",
    agent_enums.WORK_MODE_MANUAL_IN: "manual",
    agent_enums.WORK_MODE_AUTO_IN: "auto",
}
_TALK_STATE_NAMES = {agent_enums.TALK_STATE_IDLE: "idle", agent_enums.TALK_STATE_ON_CALL: "oncall"}


@handler("login")
async def _login(r: Request) -> Fields:
    msg = agent.LoginRequest(
        extension=r.device(),
        agent_id=r.text("agentid", required=True),
        password=r.text("passwd"),
        split=r.text("split"),
    )
    if "state" in r.fields:
        msg.initial_work_mode = r.choice("state", _WORK_MODES)
    await r.call("agent", "Login", msg)
    return OK


@handler("logout")
async def _logout(r: Request) -> Fields:
    msg = agent.LogoutRequest(
        extension=r.device(), agent_id=r.text("agentid"), password=r.text("passwd"), split=r.text("split")
    )
    if "reasoncode" in r.fields:
        msg.reason_code = r.integer("reasoncode", high=99)
    await r.call("agent", "Logout", msg)
    return OK


@handler("setstate")
async def _setstate(r: Request) -> Fields:
    msg = agent.SetAgentStateRequest(
        extension=r.device(),
        work_mode=r.choice("state", _WORK_MODES),
        reason_code=r.integer("reasoncode", default=0, high=99),
        enable_pending=r.flag("enablepending", default=False),
    )
    await r.call("agent", "SetAgentState", msg)
    return OK


@handler("queryagentstate")
async def _queryagentstate(r: Request) -> Fields:
    resp = await r.call(
        "agent", "GetAgentState", agent.GetAgentStateRequest(extension=r.device(), split=r.text("split"))
    )
    state = resp.state
    return {
        "skillmode": _WORK_MODE_NAMES.get(state.work_mode, "null"),
        "talkstate": _TALK_STATE_NAMES.get(state.talk_state, "idle"),
        "reasoncode": state.reason_code,
    }


@handler("queryagentlogin")
async def _queryagentlogin(r: Request) -> Fields:
    resp = await r.call("agent", "GetAgentLogin", agent.GetAgentLoginRequest(split=r.device("split")))
    return {
        "split": resp.split or r.device("split"),
        "numextension": len(resp.extensions),
        "list": [{"extension": e} for e in resp.extensions],
    }


@handler("splitskillstatus")
async def _splitskillstatus(r: Request) -> Fields:
    resp = await r.call("agent", "GetSplitSkillStatus", agent.GetSplitSkillStatusRequest(split=r.device("split")))
    return {
        "split": resp.split or r.device("split"),
        "numagent": len(resp.agents),
        "list": [
            {
                "extension": a.extension,
                "agentid": a.agent_id,
                "skillmode": _WORK_MODE_NAMES.get(a.work_mode, "null"),
                "talkstate": _TALK_STATE_NAMES.get(a.talk_state, "idle"),
                "reasoncode": a.reason_code,
            }
            for a in resp.agents
        ],
    }


# --------------------------------------------------------------------------------------------- call control


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
        "callid": _callid_number(outcome.call.call_id),
        "ucid": outcome.call.ucid,
    }


@handler("makephantomcall")
async def _makephantomcall(r: Request) -> Fields:
    duration = r.integer("duration", default=20, low=1, high=3600)
    msg = cc.MakePhantomCallRequest(
        destination=r.device("destination"),
        duration=_seconds(duration),
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
        duration=_seconds(duration),
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
            "callid": _callid_number(resp.call.call_id),
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
            "callid": _callid_number(resp.call.call_id),
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


# ---------------------------------------------------------------------------------------------------- queries

_STATE_NAMES = {
    common_enums.CONNECTION_STATE_NULL: "null",
    common_enums.CONNECTION_STATE_INITIATED: "initiate",
    common_enums.CONNECTION_STATE_ALERTING: "alert",
    common_enums.CONNECTION_STATE_CONNECTED: "connect",
    common_enums.CONNECTION_STATE_HOLD: "hold",
    common_enums.CONNECTION_STATE_QUEUED: "queue",
    common_enums.CONNECTION_STATE_FAIL: "fail",
}


@handler("snapshot")
async def _snapshot(r: Request) -> Fields:
    extension = r.device()
    resp = await r.call("query", "SnapshotDevice", query.SnapshotDeviceRequest(device=extension))
    calls = [
        {
            "callid": _callid_number(c.call.call_id),
            "state": _STATE_NAMES.get(c.state, "null"),
            "numparty": len(c.parties),
            "party": [{"extension": p.device} for p in c.parties],
        }
        for c in resp.calls
    ]
    return {"error": "", "extension": resp.device or extension, "numcall": len(calls), "list": calls}


@handler("queryacdsplit")
async def _queryacdsplit(r: Request) -> Fields:
    resp = await r.call("query", "GetAcdSplit", query.GetAcdSplitRequest(split=r.device("split")))
    return {
        "agentsavailable": resp.agents_available,
        "callsqueue": resp.calls_in_queue,
        "agentslogon": resp.agents_logged_on,
    }


@handler("querycallclassifier")
async def _querycallclassifier(r: Request) -> Fields:
    resp = await r.call("query", "GetCallClassifier", query.GetCallClassifierRequest())
    return {"availport": resp.idle_ports, "usedport": resp.in_use_ports}


@handler("querytimeofday")
async def _querytimeofday(r: Request) -> Fields:
    t = await r.call("query", "GetTimeOfDay", query.GetTimeOfDayRequest())
    return {
        "year": t.year % 100,
        "month": t.month,
        "day": t.day,
        "hour": t.hour,
        "minute": t.minute,
        "second": t.second,
    }


@handler("querydevicename")
async def _querydevicename(r: Request) -> Fields:
    resp = await r.call("query", "GetDeviceName", query.GetDeviceNameRequest(device=r.device()))
    return {"name": resp.name}


@handler("querydonotdisturb")
async def _querydonotdisturb(r: Request) -> Fields:
    resp = await r.call("query", "GetDoNotDisturb", query.GetDoNotDisturbRequest(extension=r.device()))
    return {"dnd": _bool_text(resp.enabled)}


@handler("querydeviceinfo")
async def _querydeviceinfo(r: Request) -> Fields:
    resp = await r.call("query", "GetDeviceInfo", query.GetDeviceInfoRequest(device=r.device()))
    return {"associatedclass": resp.associated_class, "associateddevice": resp.associated_device}


@handler("queryforwarding")
async def _queryforwarding(r: Request) -> Fields:
    resp = await r.call("query", "GetForwarding", query.GetForwardingRequest(extension=r.device()))
    enabled = [e for e in resp.entries if e.enabled]
    immediate = [e for e in enabled if e.type == station_enums.FORWARDING_TYPE_IMMEDIATE]
    chosen = (immediate or enabled)[:1]
    return {"destination": chosen[0].destination if chosen else ""}


@handler("querymsgwaitingind")
async def _querymsgwaitingind(r: Request) -> Fields:
    resp = await r.call("query", "GetMessageWaiting", query.GetMessageWaitingRequest(extension=r.device()))
    return {"indicator": _bool_text(resp.enabled)}


@handler("querystationstatus")
async def _querystationstatus(r: Request) -> Fields:
    resp = await r.call("query", "GetStationStatus", query.GetStationStatusRequest(extension=r.device()))
    return {"busy": _bool_text(resp.busy)}


@handler("querytrunkgroup")
async def _querytrunkgroup(r: Request) -> Fields:
    resp = await r.call("query", "GetTrunkGroup", query.GetTrunkGroupRequest(trunk_group=r.device("tag")))
    return {"idletrunks": resp.idle_trunks, "usedtrunks": resp.used_trunks}


@handler("queryucid")
async def _queryucid(r: Request) -> Fields:
    resp = await r.call("query", "GetUcid", query.GetUcidRequest(call_id=r.device("callid")))
    return {"ucid": resp.ucid}


# ---------------------------------------------------------------------------------------- station features


@handler("setdonotdisturb")
async def _setdonotdisturb(r: Request) -> Fields:
    msg = station.SetDoNotDisturbRequest(extension=r.device(), enabled=r.flag("dnd"))
    await r.call("station", "SetDoNotDisturb", msg)
    return OK


@handler("setforwarding")
async def _setforwarding(r: Request) -> Fields:
    enabled = r.flag("fwd")
    msg = station.SetForwardingRequest(
        extension=r.device(),
        type=station_enums.FORWARDING_TYPE_IMMEDIATE,
        enabled=enabled,
        destination=r.device("destination", required=enabled),
    )
    await r.call("station", "SetForwarding", msg)
    return OK


@handler("setmsgwaitingind")
async def _setmsgwaitingind(r: Request) -> Fields:
    msg = station.SetMessageWaitingRequest(extension=r.device(), enabled=r.flag("ind"))
    await r.call("station", "SetMessageWaiting", msg)
    return OK


# ------------------------------------------------------------------------------------------------- admin


@handler("myextension")
async def _myextension(r: Request) -> Fields:
    resp = await r.call("admin", "GetMyExtension", admin.GetMyExtensionRequest(address=r.session.address))
    return {"extension": resp.extension}


@handler("listextension")
async def _listextension(r: Request) -> Fields:
    resp = await r.call("admin", "ListExtensions", admin.ListExtensionsRequest())
    return {"numextension": len(resp.extensions), "list": [{"extension": e.extension} for e in resp.extensions]}


async def _check_console(r: Request) -> tuple[str, str]:
    """The console credentials of the request (user, encrypted password), checked first so that wrong ones get
    the legacy answer; the write then carries them, for the server lets a gateway key write only with them."""
    username = r.text("username", required=True, max_len=256)
    passwd = r.text("passwd", required=True, max_len=1024)
    resp = await r.call(
        "admin",
        "VerifyConsoleCredentials",
        admin.VerifyConsoleCredentialsRequest(username=username, encrypted_password=passwd),
    )
    if not resp.valid:
        raise LegacyError("UNAUTHENTICATED", "wrong username or passwd; nothing was changed")
    return username, passwd


_DONE = {"error": "The command completed successfully."}


@handler("addextension")
async def _addextension(r: Request) -> Fields:
    extension = r.device()
    console = await _check_console(r)
    await r.call("admin", "AddExtension", admin.AddExtensionRequest(extension=extension), console=console)
    return _DONE


@handler("delextension")
async def _delextension(r: Request) -> Fields:
    extension = r.device()
    console = await _check_console(r)
    await r.call("admin", "DeleteExtension", admin.DeleteExtensionRequest(extension=extension), console=console)
    return _DONE


@handler("svrinfo")
async def _svrinfo(r: Request) -> Fields:
    resp = await r.call("admin", "GetServerInfo", admin.GetServerInfoRequest())
    return {
        "ver": resp.version,
        "licensecompany": resp.license_company,
        "licensecount": resp.license_count,
        "licensetype": resp.license_type,
        "licensestartdate": resp.license_start_date,
        "licenseenddate": resp.license_end_date,
    }


# --------------------------------------------------------------------------------- DMCC (no reference JSON)

_LAMP_MODES = {
    device_enums.LAMP_MODE_BROKEN_FLUTTER: "brokenflutter",
    device_enums.LAMP_MODE_FLUTTER: "flutter",
    device_enums.LAMP_MODE_OFF: "off",
    device_enums.LAMP_MODE_STEADY: "steady",
    device_enums.LAMP_MODE_WINK: "wink",
    device_enums.LAMP_MODE_OTHER: "other",
}
_LAMP_COLORS = {
    device_enums.LAMP_COLOR_NO_COLOR: "nocolor",
    device_enums.LAMP_COLOR_RED: "red",
    device_enums.LAMP_COLOR_YELLOW: "yellow",
    device_enums.LAMP_COLOR_GREEN: "green",
    device_enums.LAMP_COLOR_BLUE: "blue",
    device_enums.LAMP_COLOR_OTHER: "other",
}
_REGISTRATION = {
    device_enums.REGISTRATION_STATE_IDLE: "idle",
    device_enums.REGISTRATION_STATE_REGISTERING: "registering",
    device_enums.REGISTRATION_STATE_REGISTERED: "registered",
    device_enums.REGISTRATION_STATE_UNREGISTERING: "unregistering",
}
_RING_MODES = {device_enums.RING_MODE_RINGING: "ringing", device_enums.RING_MODE_NOT_RINGING: "notringing"}


@handler("getlinkstatus")
async def _getlinkstatus(r: Request) -> Fields:
    resp = await r.call("device", "GetLinkStatus", device.GetLinkStatusRequest(link_name=r.text("link", max_len=128)))
    return {
        "numlink": len(resp.links),
        "list": [
            {"link": k.link_name, "status": "up" if k.up else "down", "autoreconnect": _bool_text(k.auto_reconnect)}
            for k in resp.links
        ],
    }


@handler("getbuttoninformation")
async def _getbuttoninformation(r: Request) -> Fields:
    msg = device.GetButtonInformationRequest(extension=r.device(), button=r.text("button", max_len=32))
    resp = await r.call("device", "GetButtonInformation", msg)
    return {
        "numbutton": len(resp.buttons),
        "list": [
            {
                "button": b.button,
                "label": b.label,
                "function": b.function,
                "associatednumber": b.associated_number,
                "lamp": ",".join(b.lamp_ids),
            }
            for b in resp.buttons
        ],
    }


@handler("getlampmode")
async def _getlampmode(r: Request) -> Fields:
    msg = device.GetLampModeRequest(extension=r.device(), lamp=r.text("lamp", max_len=32))
    resp = await r.call("device", "GetLampMode", msg)
    return {
        "numlamp": len(resp.lamps),
        "list": [
            {
                "lamp": x.lamp,
                "mode": _LAMP_MODES.get(x.mode, "other"),
                "color": _LAMP_COLORS.get(x.color, "other"),
                "button": x.button,
            }
            for x in resp.lamps
        ],
    }


@handler("getdisplay")
async def _getdisplay(r: Request) -> Fields:
    msg = device.GetDisplayRequest(extension=r.device(), display_id=r.text("displayid", max_len=32))
    resp = await r.call("device", "GetDisplay", msg)
    first = resp.displays[0] if resp.displays else None
    return {
        "display": first.contents if first else "",
        "rows": first.logical_rows if first else 0,
        "columns": first.logical_columns if first else 0,
    }


@handler("gethookswitchstatus")
async def _gethookswitchstatus(r: Request) -> Fields:
    msg = device.GetHookswitchStatusRequest(extension=r.device(), hookswitch=r.text("hookswitch", max_len=32))
    resp = await r.call("device", "GetHookswitchStatus", msg)
    on_hook = all(h.on_hook for h in resp.hookswitches)
    return {"onhook": _bool_text(on_hook)}


@handler("getringerstatus")
async def _getringerstatus(r: Request) -> Fields:
    msg = device.GetRingerStatusRequest(extension=r.device(), ringer=r.text("ringer", max_len=32))
    resp = await r.call("device", "GetRingerStatus", msg)
    first = resp.ringers[0] if resp.ringers else None
    return {
        "ringmode": _RING_MODES.get(first.ring_mode, "notringing") if first else "notringing",
        "ringcount": first.ring_count if first else 0,
    }


@handler("getregistrationstate")
async def _getregistrationstate(r: Request) -> Fields:
    resp = await r.call("device", "GetRegistrationState", device.GetRegistrationStateRequest(extension=r.device()))
    return {"state": _REGISTRATION.get(resp.state, "idle"), "gatekeeper": resp.gatekeeper_address}


@handler("validatedevicesecuritycode")
async def _validatedevicesecuritycode(r: Request) -> Fields:
    msg = device.ValidateDeviceSecurityCodeRequest(
        extension=r.device(), security_code=r.text("securitycode", required=True, max_len=32)
    )
    resp = await r.call("device", "ValidateDeviceSecurityCode", msg)
    return {"valid": _bool_text(resp.valid), "error": resp.reason}


@handler("changedevicesecuritycode")
async def _changedevicesecuritycode(r: Request) -> Fields:
    msg = device.ChangeDeviceSecurityCodeRequest(
        extension=r.device(),
        old_security_code=r.text("oldsecuritycode", required=True, max_len=32),
        new_security_code=r.text("newsecuritycode", required=True, max_len=32),
    )
    resp = await r.call("device", "ChangeDeviceSecurityCode", msg)
    return {"changed": _bool_text(resp.changed), "error": resp.reason}


@handler("buttonpress")
async def _buttonpress(r: Request) -> Fields:
    msg = device.PressButtonRequest(extension=r.device(), button=r.text("button", required=True, max_len=32))
    await r.call("device", "PressButton", msg)
    return OK


@handler("sethookswitchstatus")
async def _sethookswitchstatus(r: Request) -> Fields:
    msg = device.SetHookswitchStatusRequest(
        extension=r.device(), hookswitch=r.text("hookswitch", max_len=32), on_hook=r.flag("onhook")
    )
    await r.call("device", "SetHookswitchStatus", msg)
    return OK


async def dispatch(fields: dict[str, Any], session: Session, upstream: Upstream) -> tuple[Fields, int]:
    """Run one decoded request: the complete response object (success or fail) and its HTTP status."""
    request_id = request_id_of(fields)
    try:
        name = fields.get("request")
        if name is None:
            raise invalid("missing field `request`")
        if not isinstance(name, str):
            raise invalid(f"field `request` must be a string, not {_json_type(name)}")
        fn = HANDLERS.get(name.strip().lower())
        if fn is None:
            raise invalid(f"unknown request {name[:64]!r}")
        req = Request(fields, session, upstream, name=name, request_id=str(request_id))
        out = await fn(req)
    except LegacyError as exc:
        return fail(request_id, exc), exc.http_status
    except Exception as exc:  # a gateway bug must answer, never kill the connection
        log.exception("request %r failed", fields.get("request"))
        err = LegacyError("INTERNAL", f"{type(exc).__name__}: {exc}")
        return fail(request_id, err), err.http_status
    return {"msgtype": "response", "id": request_id, "result": "success", **out}, 200


def fail(request_id: Any, exc: LegacyError) -> Fields:
    return {"msgtype": "response", "id": request_id, "result": "fail", "error": exc.error}
