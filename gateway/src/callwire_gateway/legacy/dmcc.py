"""DMCC phone requests (links, buttons, lamps, display, hookswitch, ringer, registration, security code):
Callwire's own, for the reference has no JSON for them; named and shaped like the reference's."""

from __future__ import annotations

from callwire.device.v1 import enums_pb2 as device_enums
from callwire.device.v1 import request_response_pb2 as device

from .request import OK, Handlers, Request, bool_text, registrar
from .wire import Fields

HANDLERS: Handlers = {}
handler = registrar(HANDLERS)

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
            {"link": k.link_name, "status": "up" if k.up else "down", "autoreconnect": bool_text(k.auto_reconnect)}
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
    return {"onhook": bool_text(on_hook)}


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
    return {"valid": bool_text(resp.valid), "error": resp.reason}


@handler("changedevicesecuritycode")
async def _changedevicesecuritycode(r: Request) -> Fields:
    msg = device.ChangeDeviceSecurityCodeRequest(
        extension=r.device(),
        old_security_code=r.text("oldsecuritycode", required=True, max_len=32),
        new_security_code=r.text("newsecuritycode", required=True, max_len=32),
    )
    resp = await r.call("device", "ChangeDeviceSecurityCode", msg)
    return {"changed": bool_text(resp.changed), "error": resp.reason}


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
