"""The description of a simulated Avaya CM site: stations, ACD splits, VDNs, trunks, phantoms, far ends.

A site is immutable configuration loaded from a TOML file; the switch builds its runtime state from it.
`load_site(path)` validates the file and names the offending key on error; `demo_site()` is the site every
reference example runs against (stations 101-110 and the reference's extensions, split 201, trunk group 410).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "Agent",
    "AutoAnswer",
    "Button",
    "FarEndDefault",
    "Site",
    "SiteError",
    "Split",
    "Station",
    "TrunkGroup",
    "Vdn",
    "demo_site",
    "load_site",
    "parse_site",
]


class SiteError(ValueError):
    """A site file is invalid; the message names the offending key."""


@dataclass(frozen=True, slots=True)
class Button:
    """A DMCC button of a station. `function` is `call-appearance` or a feature name (e.g. `send-all-calls`)."""

    id: str
    label: str
    function: str = "call-appearance"
    lamp: str = ""  # the lamp ID lit by this button ("" = the button ID)
    associated_number: str = ""

    @property
    def lamp_id(self) -> str:
        return self.lamp or self.id


@dataclass(frozen=True, slots=True)
class AutoAnswer:
    """A station that answers by itself (an IVR port) and optionally hangs up with user data."""

    answer_after_ms: int = 0
    hangup_after_ms: int | None = None
    hangup_user_data: str = ""


@dataclass(frozen=True, slots=True)
class Station:
    extension: str
    name: str
    type: str = "station"  # station | ivr | phantom
    security_code: str = ""
    pickup_group: int = 0
    buttons: tuple[Button, ...] = ()
    auto_answer: AutoAnswer | None = None


@dataclass(frozen=True, slots=True)
class Agent:
    agent_id: str
    password: str


@dataclass(frozen=True, slots=True)
class Split:
    extension: str
    name: str
    agents: tuple[Agent, ...] = ()


@dataclass(frozen=True, slots=True)
class Vdn:
    extension: str
    name: str
    split: str


@dataclass(frozen=True, slots=True)
class TrunkGroup:
    number: str
    members: int
    #: Members already busy with traffic the simulator does not model (shows in the idle/used query).
    busy_members: int = 0


@dataclass(frozen=True, slots=True)
class FarEndDefault:
    """Default behaviour of an external number (exact `number` or `prefix`)."""

    number: str = ""
    prefix: str = ""
    answer_after_ms: int | None = 500
    busy: bool = False
    hangup_after_ms: int | None = None
    digits: str = ""
    hangup_user_data: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    switch_name: str = "CM"
    node_id: int = 1
    #: The switch's IP addresses (CM's procr / CLAN): AES accepts one of them as `switchName` too.
    switch_addresses: tuple[str, ...] = ()
    stations: tuple[Station, ...] = ()
    splits: tuple[Split, ...] = ()
    vdns: tuple[Vdn, ...] = ()
    trunk_groups: tuple[TrunkGroup, ...] = ()
    #: Trunk group used for calls to external numbers, and the one external callers arrive on.
    outbound_trunk_group: str = ""
    inbound_trunk_group: str = ""
    phantom_pool: tuple[str, ...] = ()
    call_classifier_ports: int = 0
    call_classifier_busy: int = 0
    far_ends: tuple[FarEndDefault, ...] = field(default_factory=tuple)

    def station(self, extension: str) -> Station | None:
        for s in self.stations:
            if s.extension == extension:
                return s
        return None


# ------------------------------------------------------------------------------------------ loading


class _Reader:
    """Typed access to one TOML table that remembers where it is and refuses unknown keys."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise SiteError(f"{where}: expected a table")
        self.data: dict[str, Any] = data
        self.where = where
        self.used: set[str] = set()

    def _get(self, key: str, types: tuple[type, ...], tname: str, default: Any, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise SiteError(f"{self.where}.{key}: required key is missing")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in types:
            raise SiteError(f"{self.where}.{key}: expected {tname}, got {value!r}")
        if not isinstance(value, types):
            raise SiteError(f"{self.where}.{key}: expected {tname}, got {value!r}")
        return value

    def text(self, key: str, default: str = "", *, required: bool = False) -> str:
        value = self._get(key, (str, int), "a string", default, required)
        return str(value)

    def integer(self, key: str, default: int = 0, *, minimum: int = 0, maximum: int | None = None) -> int:
        value: int = self._get(key, (int,), "an integer", default, False)
        if value < minimum or (maximum is not None and value > maximum):
            raise SiteError(f"{self.where}.{key}: {value} is out of range")
        return value

    def opt_int(self, key: str, default: int | None = None) -> int | None:
        value: int | None = self._get(key, (int,), "an integer", default, False)
        if value is not None and value < 0:
            raise SiteError(f"{self.where}.{key}: {value} is out of range")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value: bool = self._get(key, (bool,), "a boolean", default, False)
        return value

    def tables(self, key: str) -> list[_Reader]:
        value = self._get(key, (list,), "an array of tables", [], False)
        return [_Reader(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(value)]

    def table(self, key: str) -> _Reader | None:
        self.used.add(key)
        if key not in self.data:
            return None
        return _Reader(self.data[key], f"{self.where}.{key}")

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key)

    def done(self) -> None:
        extra = sorted(set(self.data) - self.used)
        if extra:
            raise SiteError(f"{self.where}.{extra[0]}: unknown key")


def _extension(r: _Reader, key: str) -> str:
    value = r.text(key, required=True)
    if not value.isdigit():
        raise SiteError(f"{r.where}.{key}: {value!r} is not an extension (digits only)")
    return value


def _extensions(r: _Reader, key: str) -> tuple[str, ...]:
    """A list of extensions; items may be ranges "41101-41110"."""
    value = r.raw(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise SiteError(f"{r.where}.{key}: expected an array")
    out: list[str] = []
    for item in value:
        text = str(item)
        if "-" in text:
            lo, _, hi = text.partition("-")
            if not (lo.isdigit() and hi.isdigit() and len(lo) == len(hi) and int(lo) <= int(hi)):
                raise SiteError(f"{r.where}.{key}: bad range {text!r}")
            out.extend(str(n).zfill(len(lo)) for n in range(int(lo), int(hi) + 1))
        elif text.isdigit():
            out.append(text)
        else:
            raise SiteError(f"{r.where}.{key}: {text!r} is not an extension")
    return tuple(out)


_STATION_TYPES = ("station", "ivr", "phantom")
_DEFAULT_BUTTONS = (
    Button("1", "a=", "call-appearance"),
    Button("2", "b=", "call-appearance"),
    Button("3", "c=", "call-appearance"),
    Button("4", "send-all-calls", "send-all-calls"),
    Button("5", "call-fwd", "call-forwarding"),
    Button("6", "msg-wait", "message-waiting"),
)


def _buttons(r: _Reader) -> tuple[Button, ...]:
    tables = r.tables("buttons")
    if not tables:
        return _DEFAULT_BUTTONS
    out = []
    for b in tables:
        out.append(
            Button(
                id=b.text("id", required=True),
                label=b.text("label", required=True),
                function=b.text("function", "call-appearance"),
                lamp=b.text("lamp"),
                associated_number=b.text("associated_number"),
            )
        )
        b.done()
    ids = [b.id for b in out]
    if len(set(ids)) != len(ids):
        raise SiteError(f"{r.where}.buttons: duplicate button id")
    return tuple(out)


def _station(r: _Reader, extension: str | None = None) -> Station:
    ext = extension if extension is not None else _extension(r, "extension")
    stype = r.text("type", "station")
    if stype not in _STATION_TYPES:
        raise SiteError(f"{r.where}.type: {stype!r} is not one of {', '.join(_STATION_TYPES)}")
    auto = None
    t = r.table("auto_answer")
    if t is not None:
        auto = AutoAnswer(
            answer_after_ms=t.integer("answer_after_ms", 0),
            hangup_after_ms=t.opt_int("hangup_after_ms"),
            hangup_user_data=t.text("hangup_user_data"),
        )
        t.done()
    st = Station(
        extension=ext,
        name=r.text("name", ""),
        type=stype,
        security_code=r.text("security_code", ""),
        pickup_group=r.integer("pickup_group", 0),
        buttons=_buttons(r),
        auto_answer=auto,
    )
    r.done()
    return st


def parse_site(data: dict[str, Any], where: str = "site") -> Site:
    """Build a `Site` from parsed TOML; raises `SiteError` naming the bad key."""
    root = _Reader(data, where)
    sw = root.table("switch") or _Reader({}, f"{where}.switch")
    switch_name = sw.text("name", "CM")
    node_id = sw.integer("node_id", 1, minimum=1, maximum=32767)
    addresses = sw.raw("addresses")
    if addresses is None:
        addresses = []
    if not isinstance(addresses, list) or not all(isinstance(a, str) and a for a in addresses):
        raise SiteError(f"{where}.switch.addresses: expected an array of IP address strings")
    sw.done()

    stations: list[Station] = []
    for st in root.tables("stations"):
        stations.append(_station(st))
    # Ranges of identical stations: [[station_ranges]] from/to/name_prefix.
    for rg in root.tables("station_ranges"):
        lo, hi = _extension(rg, "from"), _extension(rg, "to")
        if len(lo) != len(hi) or int(lo) > int(hi):
            raise SiteError(f"{rg.where}.to: bad range {lo}-{hi}")
        prefix = rg.text("name_prefix", "Station ")
        stype = rg.text("type", "station")
        if stype not in _STATION_TYPES:
            raise SiteError(f"{rg.where}.type: {stype!r} is not one of {', '.join(_STATION_TYPES)}")
        rg.done()
        for n in range(int(lo), int(hi) + 1):
            ext = str(n).zfill(len(lo))
            stations.append(Station(extension=ext, name=f"{prefix}{ext}", type=stype, buttons=_DEFAULT_BUTTONS))

    splits: list[Split] = []
    for sp in root.tables("splits"):
        agents = []
        for ag in sp.tables("agents"):
            agents.append(Agent(agent_id=_extension(ag, "id"), password=ag.text("password", "")))
            ag.done()
        splits.append(Split(extension=_extension(sp, "extension"), name=sp.text("name", ""), agents=tuple(agents)))
        sp.done()

    vdns: list[Vdn] = []
    for vd in root.tables("vdns"):
        vdns.append(Vdn(extension=_extension(vd, "extension"), name=vd.text("name", ""), split=_extension(vd, "split")))
        vd.done()

    trunks: list[TrunkGroup] = []
    for tg in root.tables("trunk_groups"):
        members = tg.integer("members", 1, minimum=1, maximum=9999)
        busy = tg.integer("busy_members", 0, maximum=members)
        trunks.append(TrunkGroup(number=_extension(tg, "number"), members=members, busy_members=busy))
        tg.done()

    trunk_cfg = root.table("trunks") or _Reader({}, f"{where}.trunks")
    outbound = trunk_cfg.text("outbound_group", trunks[0].number if trunks else "")
    inbound = trunk_cfg.text("inbound_group", outbound)
    trunk_cfg.done()

    phantom = root.table("phantom") or _Reader({}, f"{where}.phantom")
    pool = _extensions(phantom, "pool")
    phantom.done()
    known = {s.extension for s in stations}
    stations.extend(
        Station(extension=p, name=f"Phantom {p}", type="phantom", buttons=_DEFAULT_BUTTONS)
        for p in pool
        if p not in known
    )

    cc = root.table("call_classifier") or _Reader({}, f"{where}.call_classifier")
    cc_ports = cc.integer("ports", 0)
    cc_busy = cc.integer("busy", 0, maximum=cc_ports)
    cc.done()

    far_ends: list[FarEndDefault] = []
    for fe in root.tables("far_ends"):
        if ("number" in fe.data) == ("prefix" in fe.data):
            raise SiteError(f'{fe.where}.number: give exactly one of `number` or `prefix` ("" matches all)')
        number, prefix = fe.text("number"), fe.text("prefix")
        far_ends.append(
            FarEndDefault(
                number=number,
                prefix=prefix,
                answer_after_ms=None if fe.flag("no_answer") else fe.integer("answer_after_ms", 500),
                busy=fe.flag("busy"),
                hangup_after_ms=fe.opt_int("hangup_after_ms"),
                digits=fe.text("digits"),
                hangup_user_data=fe.text("hangup_user_data"),
            )
        )
        fe.done()
    root.done()

    site = Site(
        switch_name=switch_name,
        node_id=node_id,
        switch_addresses=tuple(addresses),
        stations=tuple(stations),
        splits=tuple(splits),
        vdns=tuple(vdns),
        trunk_groups=tuple(trunks),
        outbound_trunk_group=outbound,
        inbound_trunk_group=inbound,
        phantom_pool=pool,
        call_classifier_ports=cc_ports,
        call_classifier_busy=cc_busy,
        far_ends=tuple(far_ends),
    )
    _check(site, where)
    return site


def _check(site: Site, where: str) -> None:
    seen: dict[str, str] = {}

    def claim(ext: str, what: str) -> None:
        if ext in seen:
            raise SiteError(f"{where}.{what}: extension {ext} is already used by {seen[ext]}")
        seen[ext] = what

    for s in site.stations:
        claim(s.extension, "stations")
    for sp in site.splits:
        claim(sp.extension, "splits")
    for v in site.vdns:
        claim(v.extension, "vdns")
    split_ext = {sp.extension for sp in site.splits}
    for v in site.vdns:
        if v.split not in split_ext:
            raise SiteError(f"{where}.vdns.split: {v.split} (VDN {v.extension}) is not a split")
    agent_ids: dict[str, str] = {}
    for sp in site.splits:
        for a in sp.agents:
            if a.agent_id in seen:
                raise SiteError(f"{where}.splits.agents.id: {a.agent_id} is already an extension")
            if agent_ids.setdefault(a.agent_id, a.password) != a.password:
                raise SiteError(f"{where}.splits.agents.password: agent {a.agent_id} has two passwords")
    groups = {t.number for t in site.trunk_groups}
    for key, value in (
        ("trunks.outbound_group", site.outbound_trunk_group),
        ("trunks.inbound_group", site.inbound_trunk_group),
    ):
        if value and value not in groups:
            raise SiteError(f"{where}.{key}: {value} is not a trunk group")


def load_site(path: str | Path) -> Site:
    """Load and validate a site file."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SiteError(f"{p.name}: {exc}") from None
    return parse_site(data, p.stem)


def demo_site() -> Site:
    """The demo site shipped with the simulator (`sites/demo.toml`)."""
    text = resources.files("callwire_sim").joinpath("sites/demo.toml").read_text(encoding="utf-8")
    return parse_site(tomllib.loads(text), "demo")
