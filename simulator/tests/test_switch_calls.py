"""Call control on the simulated CM: the exact events, in order, on every monitored device."""

from __future__ import annotations

import re

import pytest
from simhelpers import C, Client, D, call_id, dev, make_call

from callwire_csta import codec as c
from callwire_sim.switch import Switch

LS = c.LocalConnectionState


def test_make_call_answer_clear_between_stations(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("102")
    r = make_call(a, "101", "102:CM::0", user_data=c.UserData(string=b"hello world"))
    cid = call_id(r)
    assert dev(r.calling_device) == "101"
    (linkage,) = c.private_items(r.extensions)
    assert isinstance(linkage, c.MakeCallResponsePrivateData)
    assert linkage.call_linkage_data is not None
    ucid = linkage.call_linkage_data.ucid
    assert ucid is not None
    assert re.fullmatch(r"00001\d{5}\d{10}", ucid)

    assert a.names("101") == ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent"]
    assert b.names("102") == ["DeliveredEvent"]
    si, orig, deliv = a.of("101")
    assert si.local_connection_info == LS.INITIATED
    assert dev(si.initiated_connection) == "101"
    assert orig.local_connection_info == LS.CONNECTED
    assert dev(orig.called_device) == "102"
    assert deliv.local_connection_info == LS.CONNECTED
    (d102,) = b.of("102")
    assert d102.local_connection_info == LS.ALERTING
    assert d102.connection.call_id == cid
    assert dev(d102.alerting_device) == "102"
    assert dev(d102.calling_device) == "101"
    assert dev(d102.called_device) == "102"
    assert d102.user_data.string == b"hello world"
    assert d102.call_linkage_data.ucid == ucid
    assert all(e.monitor_cross_ref_id == a.xref["101"] for e in a.of("101"))
    assert d102.monitor_cross_ref_id == b.xref["102"]

    b.req(c.AnswerCall(call_to_be_answered=C(cid, "102")))
    assert a.names("101")[-1] == b.names("102")[-1] == "EstablishedEvent"
    est = b.of("102")[-1]
    assert dev(est.answering_device) == "102"
    assert est.user_data.string == b"hello world"
    assert switch.connection_state(int(cid), "101") == LS.CONNECTED

    a.clear()
    b.clear()
    b.req(c.ClearConnection(connection_to_be_cleared=C(cid, "102"), user_data=c.UserData(string=b"bye")))
    # the remaining party sees the call torn down; the party that left sees only its own clearing
    assert a.names("101") == ["ConnectionClearedEvent", "CallClearedEvent"]
    assert b.names("102") == ["ConnectionClearedEvent"]
    for cc in (a.of("101")[0], b.of("102")[0]):
        assert dev(cc.releasing_device) == "102"
        assert cc.user_data.string == b"bye"
        assert cc.local_connection_info in (LS.CONNECTED, LS.NULL)
    assert b.of("102")[0].local_connection_info == LS.NULL
    assert switch.call_ids() == []


def test_same_event_to_each_monitoring_session_with_own_xref(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("101")
    assert a.xref["101"] != b.xref["101"]
    make_call(a, "101", "102")
    assert a.names("101") == b.names("101") == ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent"]
    assert {e.monitor_cross_ref_id for e in b.of("101")} == {b.xref["101"]}


def test_unmonitored_devices_get_nothing_and_monitor_stop_ends_events(switch: Switch, a: Client) -> None:
    a.monitor("101")
    a.req(c.MonitorStop(monitor_cross_ref_id=a.xref["101"]))
    make_call(a, "101", "102")
    assert a.events == []
    assert a.error(c.MonitorStop(monitor_cross_ref_id=a.xref["101"])) == "operation/invalidMonitorCrossRefID"


def test_close_session_ends_its_monitors(switch: Switch, a: Client, b: Client) -> None:
    if not hasattr(a, "session"):
        pytest.skip("in-process only: over the link, session end is covered by the transport tests")
    a.monitor("101")
    switch.close_session(a.session)
    make_call(b, "101", "102")
    assert a.events == []


def test_make_call_to_external_number_uses_trunk_party(switch: Switch, a: Client) -> None:
    a.monitor("101")
    r = make_call(a, "101", "67896789")
    cid = call_id(r)
    deliv = a.of("101")[-1]
    assert type(deliv).__name__ == "DeliveredEvent"
    alerting = deliv.alerting_device.device_identifier
    assert alerting.value == f"T{cid}#2"
    assert alerting.type_of_number == c.TypeOfNumber.DYNAMIC
    assert dev(deliv.called_device) == "67896789"
    (priv,) = c.private_items(deliv.extensions)
    assert isinstance(priv, c.DeliveredEventPrivateData)
    assert priv.trunk_group == "410"
    assert priv.trunk_member == "1"
    # the trunk party is a device for requests too (the reference's `T1234#1` style destinations)
    a.req(c.ClearConnection(connection_to_be_cleared=C(cid, f"T{cid}#2")))
    assert a.names("101")[-2:] == ["ConnectionClearedEvent", "CallClearedEvent"]


def test_call_ids_increment_and_ucids_are_unique(switch: Switch, a: Client) -> None:
    r1, r2 = make_call(a, "101", "102"), make_call(a, "103", "104")
    assert int(call_id(r2)) == int(call_id(r1)) + 1
    assert switch.ucid(int(call_id(r1))) != switch.ucid(int(call_id(r2)))


def test_hold_retrieve(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("102")
    cid = call_id(make_call(a, "101", "102"))
    b.req(c.AnswerCall(call_to_be_answered=C(cid, "102")))
    a.clear()
    b.clear()
    a.req(c.HoldCall(call_to_be_held=C(cid, "101")))
    assert a.names("101") == b.names("102") == ["HeldEvent"]
    held = a.of("101")[0]
    assert dev(held.holding_device) == "101"
    assert held.local_connection_info == LS.HOLD
    assert b.of("102")[0].local_connection_info == LS.CONNECTED
    assert a.error(c.HoldCall(call_to_be_held=C(cid, "101"))) == "stateIncompatibility/invalidConnectionState"
    a.req(c.RetrieveCall(call_to_be_retrieved=C(cid, "101")))
    assert a.names("101") == ["HeldEvent", "RetrievedEvent"]
    assert a.error(c.RetrieveCall(call_to_be_retrieved=C(cid, "101"))) == "stateIncompatibility/invalidConnectionState"


def _consult(a: Client, b: Client) -> tuple[str, str]:
    """101 talks to 102, then consults 103 (which answers)."""
    a.monitor("101")
    b.monitor("102", "103")
    c1 = call_id(make_call(a, "101", "102"))
    b.req(c.AnswerCall(call_to_be_answered=C(c1, "102")))
    a.clear()
    b.clear()
    r = a.req(c.ConsultationCall(existing_call=C(c1, "101"), consulted_device=D("103")))
    assert isinstance(r, c.ConsultationCallResponse)
    c2 = r.initiated_call.call_id
    assert c2 is not None
    assert c2 != c1
    (priv,) = c.private_items(r.extensions)
    assert isinstance(priv, c.ConsultationCallResponsePrivateData)
    assert a.names("101") == ["HeldEvent", "ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent"]
    assert b.names("102") == ["HeldEvent"]
    assert b.names("103") == ["DeliveredEvent"]
    b.req(c.AnswerCall(call_to_be_answered=C(c2, "103")))
    a.clear()
    b.clear()
    return c1, c2


def test_consultation_then_transfer(switch: Switch, a: Client, b: Client) -> None:
    c1, c2 = _consult(a, b)
    r = a.req(c.TransferCall(held_call=C(c1, "101"), active_call=C(c2, "101")))
    assert isinstance(r, c.TransferCallResponse)
    assert r.transferred_call.call_id == c1
    assert a.names("101") == b.names("102") == b.names("103") == ["TransferedEvent"]
    ev = b.of("103")[0]
    assert ev.primary_old_call.call_id == c1
    assert ev.secondary_old_call.call_id == c2
    assert dev(ev.transferring_device) == "101"
    assert dev(ev.transferred_to_device) == "103"
    ends = sorted(str(dev(i.endpoint.device_id)) for i in ev.transferred_connections)
    assert ends == ["102", "103"]
    assert all(i.new_connection.call_id == c1 for i in ev.transferred_connections)
    assert switch.parties(int(c1)) == ["102", "103"]
    assert int(c2) not in switch.call_ids()
    # the transferred parties talk on; 101 is out
    b.req(c.ClearConnection(connection_to_be_cleared=C(c1, "103")))
    assert b.names("102")[-2:] == ["ConnectionClearedEvent", "CallClearedEvent"]
    assert a.names("101") == ["TransferedEvent"]


def test_consultation_then_conference_and_drop(switch: Switch, a: Client, b: Client) -> None:
    c1, c2 = _consult(a, b)
    r = a.req(c.ConferenceCall(held_call=C(c1, "101"), active_call=C(c2, "101")))
    assert isinstance(r, c.ConferenceCallResponse)
    assert r.conference_call.call_id == c1
    assert a.names("101") == b.names("102") == b.names("103") == ["ConferencedEvent"]
    ev = a.of("101")[0]
    assert dev(ev.conferencing_device) == "101"
    assert dev(ev.added_party) == "103"
    assert ev.local_connection_info == LS.CONNECTED
    assert sorted(switch.parties(int(c1))) == ["101", "102", "103"]
    a.clear()
    b.clear()
    a.req(c.ClearConnection(connection_to_be_cleared=C(c1, "101")))
    assert b.names("102") == ["ConnectionClearedEvent"]  # two parties remain: no CallCleared
    assert sorted(switch.parties(int(c1))) == ["102", "103"]


def test_reconnect_and_alternate(switch: Switch, a: Client, b: Client) -> None:
    c1, c2 = _consult(a, b)
    a.req(c.AlternateCall(held_call=C(c1, "101"), active_call=C(c2, "101")))
    assert a.names("101") == ["HeldEvent", "RetrievedEvent"]
    assert switch.connection_state(int(c2), "101") == LS.HOLD
    assert switch.connection_state(int(c1), "101") == LS.CONNECTED
    a.req(c.AlternateCall(held_call=C(c2, "101"), active_call=C(c1, "101")))
    a.clear()
    b.clear()
    a.req(c.ReconnectCall(active_call=C(c2, "101"), held_call=C(c1, "101")))
    assert a.names("101") == ["ConnectionClearedEvent", "RetrievedEvent"]
    assert b.names("103") == ["ConnectionClearedEvent", "CallClearedEvent"]
    assert switch.connection_state(int(c1), "101") == LS.CONNECTED


def test_single_step_transfer(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("102", "104")
    cid = call_id(make_call(a, "101", "102"))
    b.req(c.AnswerCall(call_to_be_answered=C(cid, "102")))
    a.clear()
    b.clear()
    r = b.req(c.SingleStepTransferCall(active_call=C(cid, "102"), transferred_to=D("104")))
    assert isinstance(r, c.SingleStepTransferCallResponse)
    assert dev(r.transferred_call) == "104"
    assert a.names("101") == ["TransferedEvent", "DeliveredEvent"]
    assert b.names("102") == ["TransferedEvent"]
    assert b.names("104") == ["DeliveredEvent"]
    d = b.of("104")[0]
    assert d.last_redirection_device.number_dialed.value.startswith("102")
    assert switch.parties(int(cid)) == ["101", "104"]


def test_single_step_conference_silent_and_active(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("105")
    cid = call_id(make_call(a, "101", "102"))
    a.req(c.AnswerCall(call_to_be_answered=C(cid, "102")))
    a.clear()
    r = a.req(
        c.SingleStepConferenceCall(
            active_call=C(cid, "101"), device_to_join=D("105"), participation_type=c.ParticipationType.SILENT
        )
    )
    assert isinstance(r, c.SingleStepConferenceCallResponse)
    assert dev(r.conferenced_call) == "105"
    (priv,) = c.private_items(r.extensions)
    assert isinstance(priv, c.SingleStepConferenceCallResponsePrivateData)
    assert priv.globally_unique_call_linkage_id == switch.ucid(int(cid))
    assert len(priv.resulting_connections) == 3
    assert a.names("101") == b.names("105") == ["ConferencedEvent"]
    assert a.of("101")[0].cause == c.EventCause.SILENT_PARTICIPATION
    assert switch.connection_state(int(cid), "105") == LS.CONNECTED
    err = a.error(c.SingleStepConferenceCall(active_call=C(cid, "101"), device_to_join=D("105")))
    assert err == "stateIncompatibility/invalidDestinationDeviceState"


def test_deflect_call(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("102", "103")
    cid = call_id(make_call(a, "101", "102"))
    a.clear()
    b.clear()
    b.req(c.DeflectCall(call_to_be_diverted=C(cid, "102"), new_destination=D("103")))
    assert a.names("101") == ["DivertedEvent", "DeliveredEvent"]
    assert b.names("102") == ["DivertedEvent"]
    assert b.names("103") == ["DeliveredEvent"]
    div = b.of("102")[0]
    assert dev(div.diverting_device) == "102"
    assert dev(div.new_destination) == "103"
    assert div.local_connection_info == LS.NULL


def test_directed_and_group_pickup(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("103")
    cid = call_id(make_call(a, "101", "102"))
    a.clear()
    r = b.req(c.DirectedPickupCall(call_to_be_picked_up=C(cid, "102"), requesting_device=D("103")))
    assert dev(r.picked_call) == "103"
    assert a.names("101") == ["DivertedEvent", "EstablishedEvent"]
    assert a.of("101")[1].cause == c.EventCause.CALL_PICKUP
    assert switch.parties(int(cid)) == ["101", "103"]
    # group pickup: 104 and 105 share pickup group 1 in the demo site
    cid2 = call_id(make_call(a, "106", "104"))
    r2 = b.req(c.GroupPickupCall(new_destination=D("105")))
    assert dev(r2.picked_call) == "105"
    assert r2.picked_call.call_id == cid2
    assert b.error(c.GroupPickupCall(new_destination=D("104"))) == "stateIncompatibility/noCallToAnswer"


def test_clear_call_clears_every_party(switch: Switch, a: Client, b: Client) -> None:
    a.monitor("101")
    b.monitor("102")
    cid = call_id(make_call(a, "101", "102"))
    a.clear()
    b.clear()
    a.req(c.ClearCall(call_to_be_cleared=C(cid, "101")))
    assert a.names("101") == ["ConnectionClearedEvent", "ConnectionClearedEvent", "CallClearedEvent"]
    assert b.names("102") == a.names("101")
    assert switch.call_ids() == []


def test_generate_digits_and_send_dtmf_reach_far_party(switch: Switch, a: Client) -> None:
    a.monitor("101")
    cid = call_id(make_call(a, "101", "60123"))
    a.req(c.AnswerCall(call_to_be_answered=C(cid, "60123")))
    a.req(c.GenerateDigits(connection_to_send_digits=C(cid, "101"), characters_to_send="1234#"))
    ev = a.of("101")[-1]
    assert isinstance(ev, c.DigitsGeneratedEvent)
    assert ev.digit_generated_list == "1234#"
    a.req(c.SendDTMFTone(sender=C(cid, "101"), tones="9"))
    assert switch.far_end.received_digits("60123") == "1234#9"
    assert a.error(c.GenerateDigits(connection_to_send_digits=C(cid, "101"), characters_to_send="x")) == (
        "operation/invalidParameterValue"
    )


def test_selective_listening(switch: Switch, a: Client) -> None:
    cid = call_id(make_call(a, "101", "102"))
    a.req(c.AnswerCall(call_to_be_answered=C(cid, "102")))
    sl = c.SelectiveListening(subject_connection=C(cid, "101"), selected_party=C(cid, "102"))
    assert isinstance(a.req(c.SelectiveListeningHold(selective_listening=sl)), c.SelectiveListeningHoldResponse)
    assert isinstance(a.req(c.SelectiveListeningRetrieve(selective_listening=sl)), c.SelectiveListeningRetrieveResponse)
    everyone = c.SelectiveListening(subject_connection=C(cid, "101"), all_parties=True)
    a.req(c.SelectiveListeningHold(selective_listening=everyone))
    bad = c.SelectiveListening(subject_connection=C(cid, "101"), selected_party=C(cid, "109"))
    assert a.error(c.SelectiveListeningHold(selective_listening=bad)) == "operation/invalidConnectionID"


def test_busy_station_fails(switch: Switch, a: Client) -> None:
    a.monitor("101")
    a.req(c.SetDoNotDisturb(device=D("102"), do_not_disturb_on=True))
    make_call(a, "101", "102")
    fail = a.of("101")[-1]
    assert isinstance(fail, c.FailedEvent)
    assert dev(fail.failing_device) == "102"
    assert fail.cause == c.EventCause.DO_NOT_DISTURB


def test_call_control_errors(switch: Switch, a: Client) -> None:
    assert a.error(c.MakeCall(calling_device=D("999"), called_directory_number=D("102"))) == (
        "operation/invalidCallingDeviceID"
    )
    assert a.error(c.MakeCall(calling_device=D("101"), called_directory_number=D("1x4"))) == (
        "operation/invalidCalledDeviceID"
    )
    assert a.error(c.MakeCall(calling_device=D("201"), called_directory_number=D("102"))) == (
        "operation/requestIncompatibleWithCallingDevice"
    )
    cid = call_id(make_call(a, "101", "102"))
    assert a.error(c.AnswerCall(call_to_be_answered=C(cid, "101"))) == "stateIncompatibility/invalidConnectionState"
    assert a.error(c.AnswerCall(call_to_be_answered=C(999, "102"))) == "operation/invalidCallID"
    assert a.error(c.AnswerCall(call_to_be_answered=C("abc", "102"))) == "operation/invalidCallID"
    assert a.error(c.AnswerCall(call_to_be_answered=C(cid, "103"))) == "operation/invalidConnectionID"
    assert a.error(c.ClearConnection(connection_to_be_cleared=C(cid, "999"))) == "operation/invalidDeviceID"
    assert a.error(c.HoldCall(call_to_be_held=C(cid, "102"))) == "stateIncompatibility/invalidConnectionState"
    assert a.error(c.DeflectCall(call_to_be_diverted=C(cid, "101"), new_destination=D("103"))) == (
        "stateIncompatibility/invalidConnectionState"
    )
    assert (
        a.error(c.TransferCall(held_call=C(cid, "101"), active_call=C(cid, "101"))) == "operation/invalidActiveCallID"
    )
    # a request the switch does not serve is refused, not raised
    assert a.error(c.SystemStatus(system_status=c.SystemStatusValue.NORMAL)) == "operation/serviceNotSupported"
