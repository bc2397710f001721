"""Logical features, queries, snapshots and DMCC phone state of the simulated CM."""

from __future__ import annotations

from simhelpers import C, Client, D, call_id, dev, make_call, priv, register

from callwire_csta import codec as c
from callwire_sim.switch import Switch

FLUTTER, OFF, STEADY, WINK = 1, 2, 3, 4


def test_do_not_disturb(switch: Switch, a: Client) -> None:
    register(a, "101")
    a.monitor("101")
    a.req(c.SetDoNotDisturb(device=D("101:CM::0"), do_not_disturb_on=True))
    (ev,) = a.of("101")
    assert isinstance(ev, c.DoNotDisturbEvent)
    assert ev.do_not_disturb_on is True
    assert a.req(c.GetDoNotDisturb(device=D("101"))).do_not_disturb_on is True
    lamp = [e for e in a.of("101", physical=True) if isinstance(e, c.LampModeEvent)][-1]
    assert lamp.lamp == "4"
    assert lamp.lamp_mode == STEADY


def test_forwarding_diverts_calls(switch: Switch, a: Client, b: Client) -> None:
    b.monitor("102", "104")
    a.monitor("101")
    b.req(c.SetForwarding(device=D("102"), activate_forward=True, forward_dn=D("104")))
    fwd = b.of("102")[0]
    assert isinstance(fwd, c.ForwardingEvent)
    assert fwd.forward_status
    assert dev(fwd.forward_to) == "104"
    got = b.req(c.GetForwarding(device=D("102")))
    assert got.forwarding_list[0].forward_status
    assert dev(got.forwarding_list[0].forward_dn) == "104"
    cid = call_id(make_call(a, "101", "102"))
    assert a.names("101")[-2:] == ["DivertedEvent", "DeliveredEvent"]
    assert b.names("104") == ["DeliveredEvent"]
    d = b.of("104")[0]
    assert d.last_redirection_device.number_dialed.value.startswith("102")
    assert switch.parties(int(cid)) == ["101", "104"]
    err = b.error(c.SetForwarding(device=D("102"), activate_forward=True, forward_dn=D("555")))
    assert err == "operation/invalidForwardingDestination"
    b.req(c.SetForwarding(device=D("102"), activate_forward=False))
    assert b.req(c.GetForwarding(device=D("102"))).forwarding_list[0].forward_status is False


def test_message_waiting(switch: Switch, a: Client) -> None:
    a.monitor("101")
    a.req(c.SetMessageWaitingIndicator(device=D("101"), message_waiting_on=True))
    (ev,) = a.of("101")
    assert isinstance(ev, c.MessageWaitingEvent)
    assert ev.message_waiting_on is True
    r = a.req(c.GetMessageWaitingIndicator(device=D("101")))
    assert r.message_waiting_on is True


def test_snapshots_and_linkage(switch: Switch, a: Client) -> None:
    cid = call_id(make_call(a, "101", "67896789"))
    snap = a.req(
        c.SnapshotDevice(
            snapshot_object=D("101"), extensions=c.private(c.SnapshotDevicePrivateData(get_station_status=True))
        )
    )
    (info,) = snap.cross_ref_id_or_snapshot_data.snapshot_data
    assert info.connection_identifier.call_id == cid
    assert info.local_call_state.compound_call_state.local_connection_state == (
        c.LocalConnectionState.CONNECTED,
        c.LocalConnectionState.ALERTING,
    )
    assert priv(snap.extensions).station_status == c.StationStatus.BUSY
    sc = a.req(c.SnapshotCall(snapshot_object=C(cid, "101")))
    parties = [dev(i.device_on_call) for i in sc.cross_ref_id_or_snapshot_data.snapshot_data]
    assert parties == ["101", f"T{cid}#2"]  # the reference's `T13815#2` shape
    link = a.req(c.GetCallLinkageData(call=C(cid, "101")))
    assert link.call_linkage_data.ucid == switch.ucid(int(cid))
    assert a.error(c.GetCallLinkageData(call=C(999, "101"))) == "operation/invalidCallID"


def test_avaya_queries(switch: Switch, a: Client) -> None:
    r = a.req(c.GetThirdPartyDeviceId(switch_name="CM", extension="101"))
    assert r.device.value == "101:CM::0"
    r2 = a.req(c.GetDeviceId(switch_name="CM", extension="101"))
    assert r2.device.value == "101:CM::0"
    assert a.error(c.GetThirdPartyDeviceId(extension="999")) == "operation/invalidDeviceID"
    name = a.req(c.GetPhysicalDeviceName(device=D("101")))
    assert name.name == "Peter"
    assert name.device_type == c.DeviceType.STATION
    info = a.req(c.GetDeviceInfo(device=D("201")))
    assert info.device_type == c.DeviceType.ACD_SPLIT
    tod = a.req(c.GetTimeOfDay(switch_name="CM"))
    assert 0 <= tod.year <= 99
    assert 1 <= tod.month <= 12
    cc = a.req(c.GetCallClassifierInfo())
    assert (cc.num_avail_ports, cc.num_in_use_ports) == (444, 0)
    make_call(a, "101", "67896789")
    tg = a.req(c.GetTrunkGroupInfo(device=D("410")))
    assert (tg.idle_trunks, tg.used_trunks) == (91, 1)
    assert a.error(c.GetTrunkGroupInfo(device=D("411"))) == "operation/invalidDeviceID"
    assert a.error(c.GetAcdSplit(device=D("101"))) == "operation/requestIncompatibleWithDevice"


def test_phone_state_follows_call(switch: Switch, a: Client, b: Client) -> None:
    register(a, "101")
    register(b, "102")
    a.monitor("101")
    b.monitor("102")
    cid = call_id(make_call(a, "101", "102"))
    phys = [type(e).__name__ for e in b.of("102", physical=True)]
    assert phys == ["DeliveredEvent", "RingerStatusEvent", "LampModeEvent", "DisplayUpdatedEvent"]
    ring, lamp, disp = b.of("102", physical=True)[1:]
    assert ring.ring_mode == c.RingMode.RINGING
    assert (lamp.lamp, lamp.lamp_mode) == ("1", FLUTTER)
    assert "Peter" in disp.contents_of_display
    assert "101" in disp.contents_of_display
    hook = [e for e in a.of("101", physical=True) if isinstance(e, c.HookswitchEvent)]
    assert hook[-1].hookswitch_on_hook is False
    assert a.req(c.GetRingerStatus(device=D("102"))).ringer_status_list[0].ring_mode == c.RingMode.RINGING
    b.clear()
    # pressing the flashing call appearance answers
    b.req(c.ButtonPress(device=D("102"), button="1"))
    names = b.names("102", physical=True)
    assert names[:2] == ["ButtonPressEvent", "EstablishedEvent"]
    assert set(names[2:]) >= {"RingerStatusEvent", "HookswitchEvent", "LampModeEvent"}
    assert switch.connection_state(int(cid), "102") == c.LocalConnectionState.CONNECTED
    lamps = {i.lamp: i.lamp_mode for i in b.req(c.GetLampMode(device=D("102"))).lamp_mode_list}
    assert lamps["1"] == STEADY
    b.req(c.HoldCall(call_to_be_held=C(cid, "102")))
    lamps = {i.lamp: i.lamp_mode for i in b.req(c.GetLampMode(device=D("102"))).lamp_mode_list}
    assert lamps["1"] == WINK
    b.req(c.RetrieveCall(call_to_be_retrieved=C(cid, "102")))
    hs = b.req(c.GetHookswitchStatus(device=D("102")))
    assert hs.hookswitch_status_list[0].hookswitch_on_hook is False
    # on-hook clears the active call
    b.req(c.SetHookswitchStatus(device=D("102"), hookswitch="0", hookswitch_onhook=True))
    assert switch.call_ids() == []
    assert a.req(c.GetDisplay(device=D("101"))).display_list[0].contents_of_display == ""
    buttons = a.req(c.GetButtonInformation(device=D("101"))).button_list
    assert [bt.button_function for bt in buttons][:3] == ["call-appearance"] * 3


def test_off_hook_answers_alerting_call(switch: Switch, a: Client) -> None:
    cid = call_id(make_call(a, "101", "102"))
    a.req(c.SetHookswitchStatus(device=D("102"), hookswitch="0", hookswitch_onhook=False))
    assert switch.connection_state(int(cid), "102") == c.LocalConnectionState.CONNECTED
    assert a.error(c.ButtonPress(device=D("102"), button="99")) == "operation/invalidButtonIdentifier"


def test_registration_and_security_code(switch: Switch, a: Client) -> None:
    a.monitor("101")
    r = a.req(c.RegisterTerminalRequest(device=D("101"), login_info=c.LoginInfo(password="0000")))
    assert (r.code, r.signaling_encryption) == ("-1", None)
    r = a.req(c.RegisterTerminalRequest(device=D("101"), login_info=c.LoginInfo(password="1234")))
    assert (r.code, r.signaling_encryption) == ("1", "none")
    assert a.names("101") == ["RegisterFailedEvent", "RegisteredEvent"]
    assert a.req(c.GetRegistrationState(device=D("101"))).registration_state == c.RegistrationState.REGISTERED
    assert a.error(c.ValidateDeviceSecurityCode(device=D("101"), security_code="9")) == "security/securityInfoViolated"
    a.req(c.ValidateDeviceSecurityCode(device=D("101"), security_code="1234"))
    a.req(c.ChangeDeviceSecurityCode(device=D("101"), old_security_code="1234", new_security_code="5678"))
    a.req(c.ValidateDeviceSecurityCode(device=D("101"), security_code="5678"))
