"""Legacy administration requests: this client's extension, the extension list (and its changes, which need
the console credentials) and the server information."""

from __future__ import annotations

from callwire.admin.v1 import request_response_pb2 as admin

from ..errors import LegacyError
from .request import Handlers, Request, registrar
from .wire import Fields

HANDLERS: Handlers = {}
handler = registrar(HANDLERS)


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
