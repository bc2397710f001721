"""Legacy queries (snapshot, ACD split, time of day, device and station state) and the station features they
read back (do not disturb, forwarding, message waiting)."""

from __future__ import annotations

from callwire.common.v1 import enums_pb2 as common_enums
from callwire.query.v1 import request_response_pb2 as query
from callwire.station.v1 import enums_pb2 as station_enums
from callwire.station.v1 import request_response_pb2 as station

from .request import OK, Handlers, Request, bool_text, callid_number, registrar
from .wire import Fields

HANDLERS: Handlers = {}
handler = registrar(HANDLERS)

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
            "callid": callid_number(c.call.call_id),
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
    return {"dnd": bool_text(resp.enabled)}


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
    return {"indicator": bool_text(resp.enabled)}


@handler("querystationstatus")
async def _querystationstatus(r: Request) -> Fields:
    resp = await r.call("query", "GetStationStatus", query.GetStationStatusRequest(extension=r.device()))
    return {"busy": bool_text(resp.busy)}


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
