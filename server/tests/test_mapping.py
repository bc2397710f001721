"""callwire_server.mapping, row by row: every CSTA value the codec knows maps to the contract value written here.

The RPC paths and the event path both convert through this module, so these tables are what a client sees in
an answer, an event and a snapshot alike (`grpc/test_mapping_agreement.py` shows the two paths agree).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import pytest

from callwire.agent.v1 import enums_pb2 as ag
from callwire.common.v1 import enums_pb2 as common_enums
from callwire.device.v1 import enums_pb2 as dev
from callwire.query.v1 import enums_pb2 as qe
from callwire.station.v1 import enums_pb2 as st
from callwire_csta import codec as csta
from callwire_csta.link import LinkState
from callwire_server import mapping
from callwire_server.services.agent import WORK_MODE_TO_CSTA

CS = common_enums.ConnectionState
L = csta.LocalConnectionState


def every(rows: Iterable[tuple[Any, Any]], members: type[enum.Enum]) -> list[tuple[Any, Any]]:
    """`rows`, checked to name every member of the CSTA enum once (a value the codec adds must get a row)."""
    rows = list(rows)
    assert sorted(str(k) for k, _ in rows) == sorted(str(m) for m in members)
    return rows


CONNECTION_ROWS = every(
    [
        (L.NULL, CS.CONNECTION_STATE_NULL),
        (L.INITIATED, CS.CONNECTION_STATE_INITIATED),
        (L.ALERTING, CS.CONNECTION_STATE_ALERTING),
        (L.CONNECTED, CS.CONNECTION_STATE_CONNECTED),
        (L.HOLD, CS.CONNECTION_STATE_HOLD),
        (L.QUEUED, CS.CONNECTION_STATE_QUEUED),
        (L.FAIL, CS.CONNECTION_STATE_FAIL),
    ],
    L,
)


@pytest.mark.parametrize(("value", "expected"), CONNECTION_ROWS)
def test_connection_state(value: csta.LocalConnectionState, expected: int) -> None:
    assert mapping.connection_state(value) == expected
    assert mapping.CONNECTION_STATE[value] == expected


def test_connection_state_absent_is_null() -> None:
    assert mapping.connection_state(None) == CS.CONNECTION_STATE_NULL


S = csta.SimpleCallState
SIMPLE_ROWS = every(
    [
        (S.CALL_NULL, CS.CONNECTION_STATE_NULL),
        (S.CALL_PENDING, CS.CONNECTION_STATE_INITIATED),
        (S.CALL_ORIGINATED, CS.CONNECTION_STATE_CONNECTED),
        (S.CALL_DELIVERED, CS.CONNECTION_STATE_CONNECTED),
        (S.CALL_DELIVERED_HELD, CS.CONNECTION_STATE_HOLD),
        (S.CALL_RECEIVED, CS.CONNECTION_STATE_ALERTING),
        (S.CALL_ESTABLISHED, CS.CONNECTION_STATE_CONNECTED),
        (S.CALL_ESTABLISHED_HELD, CS.CONNECTION_STATE_HOLD),
        (S.CALL_RECEIVED_ON_HOLD, CS.CONNECTION_STATE_ALERTING),
        (S.CALL_ESTABLISHED_ON_HOLD, CS.CONNECTION_STATE_CONNECTED),
        (S.CALL_QUEUED, CS.CONNECTION_STATE_CONNECTED),
        (S.CALL_QUEUED_HELD, CS.CONNECTION_STATE_HOLD),
        (S.CALL_FAILED, CS.CONNECTION_STATE_CONNECTED),
        (S.CALL_FAILED_HELD, CS.CONNECTION_STATE_HOLD),
        (S.CALL_BLOCKED, CS.CONNECTION_STATE_FAIL),
    ],
    S,
)


def _info(call_id: str, state: csta.CallState | None) -> csta.SnapshotDeviceResponseInfo:
    return csta.SnapshotDeviceResponseInfo(
        connection_identifier=csta.ConnectionID(call_id=call_id), local_call_state=state
    )


@pytest.mark.parametrize(("value", "expected"), SIMPLE_ROWS)
def test_own_state_from_a_simple_call_state(value: csta.SimpleCallState, expected: int) -> None:
    assert mapping.own_state(_info("1", csta.CallState(simple_call_state=value))) == expected


@pytest.mark.parametrize(("value", "expected"), CONNECTION_ROWS)
def test_own_state_from_a_compound_call_state(value: csta.LocalConnectionState, expected: int) -> None:
    """The device's own state is the first of the compound state (the others are the other parties')."""
    compound = csta.CompoundCallState(local_connection_state=(value, L.ALERTING))
    assert mapping.own_state(_info("1", csta.CallState(compound_call_state=compound))) == expected


def test_own_states_of_a_snapshot_device_answer() -> None:
    """Both paths read a SnapshotDevice answer the same way: SnapshotDevice (the RPC) and the tracker's own
    state after a resynchronisation, which counts a call listed without a state as connected."""
    answer = csta.SnapshotDeviceResponse(
        cross_ref_id_or_snapshot_data=csta.SnapshotDeviceCrossRefIDorSnapshotData(
            snapshot_data=(
                _info("1", csta.CallState(simple_call_state=S.CALL_RECEIVED)),
                _info(
                    "2", csta.CallState(compound_call_state=csta.CompoundCallState(local_connection_state=(L.HOLD,)))
                ),
                _info("3", None),
                _info("", csta.CallState(simple_call_state=S.CALL_RECEIVED)),
            )
        )
    )
    assert mapping.own_state(_info("3", None)) is None
    assert mapping.own_state(_info("3", csta.CallState(unknown=True))) is None
    assert mapping.own_states(answer) == {
        "1": CS.CONNECTION_STATE_ALERTING,
        "2": CS.CONNECTION_STATE_HOLD,
        "3": CS.CONNECTION_STATE_CONNECTED,
    }


D = csta.DeviceType


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *every(
            [
                (D.STATION, qe.DEVICE_TYPE_STATION),
                (D.ACD_SPLIT, qe.DEVICE_TYPE_ACD_SPLIT),
                (D.VDN, qe.DEVICE_TYPE_VDN),
                (D.TRUNK_ACCESS_CODE, qe.DEVICE_TYPE_TRUNK),
                (D.ANNOUNCEMENT, qe.DEVICE_TYPE_ANNOUNCEMENT),
                (D.LOGICAL_AGENT, qe.DEVICE_TYPE_LOGICAL_AGENT),
                (D.DATA, qe.DEVICE_TYPE_OTHER),
                (D.UNKNOWN, qe.DEVICE_TYPE_OTHER),
            ],
            D,
        ),
        (None, qe.DEVICE_TYPE_OTHER),
    ],
)
def test_device_type(value: csta.DeviceType | None, expected: int) -> None:
    assert mapping.device_type(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("voice", qe.DEVICE_CLASS_VOICE),
        (" Data ", qe.DEVICE_CLASS_DATA),
        ("IMAGE", qe.DEVICE_CLASS_IMAGE),
        ("other", qe.DEVICE_CLASS_OTHER),
        (None, qe.DEVICE_CLASS_OTHER),
    ],
)
def test_device_class(value: str | None, expected: int) -> None:
    assert mapping.device_class(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    every(
        [
            (LinkState.UP, common_enums.LINK_STATE_UP),
            (LinkState.DOWN, common_enums.LINK_STATE_DOWN),
            (LinkState.CONNECTING, common_enums.LINK_STATE_CONNECTING),
            (LinkState.STOPPED, common_enums.LINK_STATE_DOWN),
            (LinkState.IDLE, common_enums.LINK_STATE_DOWN),
        ],
        LinkState,
    ),
)
def test_link_state(value: LinkState, expected: int) -> None:
    assert mapping.LINK_STATE[value] == expected


# ------------------------------------------------------------------------------------------- causes


def test_every_event_cause_has_its_ecma_285_number() -> None:
    """Every cause the codec decodes has a number; numbers are ECMA-285's (1-115), one cause each."""
    assert set(mapping.EVENT_CAUSE_NUMBER) == {c.value for c in csta.EventCause}
    numbers = list(mapping.EVENT_CAUSE_NUMBER.values())
    assert len(set(numbers)) == len(numbers)
    assert all(1 <= n <= 115 for n in numbers)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (csta.EventCause("activeParticipation"), (1, "activeParticipation")),
        (csta.EventCause("busy"), (3, "busy")),
        (csta.EventCause("callCancelled"), (5, "callCancelled")),
        (csta.EventCause("destNotObtainable"), (13, "destNotObtainable")),
        (csta.EventCause("transfer"), (32, "transfer")),
        (csta.EventCause("normalClearing"), (48, "normalClearing")),
        (csta.EventCause("conference"), (63, "conference")),
        (csta.EventCause("numberUnallocated"), (81, "numberUnallocated")),
        (csta.EventCause("unknownOverflow"), (115, "unknownOverflow")),
        (None, (0, "")),
    ],
)
def test_cause(value: csta.EventCause | None, expected: tuple[int, str]) -> None:
    assert mapping.cause(value) == expected


# ------------------------------------------------------------------------------------------- agents

W = csta.WorkMode


@pytest.mark.parametrize(
    ("value", "expected"),
    every(
        [
            (W.AUTO_IN, ag.WORK_MODE_AUTO_IN),
            (W.MANUAL_IN, ag.WORK_MODE_MANUAL_IN),
            (W.AFTER_CALL_WORK, ag.WORK_MODE_AFTER_CALL_WORK),
            (W.AUX_WORK, ag.WORK_MODE_AUX),
        ],
        W,
    ),
)
def test_avaya_work_mode(value: csta.WorkMode, expected: int) -> None:
    assert mapping.WORK_MODE_FROM_CSTA[value] == expected


A = csta.AgentState


def test_the_work_modes_a_request_sends_read_back_as_themselves() -> None:
    """AgentService sends a work mode as its Avaya `workMode` (services/agent.py); reading that back gives it."""
    for mode, (_, work_mode) in WORK_MODE_TO_CSTA.items():
        assert mapping.WORK_MODE_FROM_CSTA[work_mode] == mode


@pytest.mark.parametrize(
    ("value", "expected"),
    every(
        [
            (A.AGENT_NOT_READY, ag.WORK_MODE_AUX),
            (A.AGENT_WORKING_AFTER_CALL, ag.WORK_MODE_AFTER_CALL_WORK),
            (A.AGENT_READY, ag.WORK_MODE_MANUAL_IN),
            (A.AGENT_BUSY, ag.WORK_MODE_MANUAL_IN),
            (A.AGENT_NULL, ag.WORK_MODE_NULL),
        ],
        A,
    ),
)
def test_ecma_agent_state(value: csta.AgentState, expected: int) -> None:
    assert mapping.WORK_MODE_FROM_AGENT_STATE[value] == expected


P = csta.PendingAgentState


@pytest.mark.parametrize(
    ("value", "expected"),
    every(
        [
            (P.AGENT_NOT_READY, ag.WORK_MODE_AUX),
            (P.AGENT_WORKING_AFTER_CALL, ag.WORK_MODE_AFTER_CALL_WORK),
            (P.AGENT_READY, ag.WORK_MODE_MANUAL_IN),
            (P.AGENT_NULL, ag.WORK_MODE_NULL),
        ],
        P,
    ),
)
def test_pending_agent_state(value: csta.PendingAgentState, expected: int) -> None:
    assert mapping.PENDING_WORK_MODE[value] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    every([(csta.TalkState.ON_CALL, ag.TALK_STATE_ON_CALL), (csta.TalkState.IDLE, ag.TALK_STATE_IDLE)], csta.TalkState),
)
def test_talk_state(value: csta.TalkState, expected: int) -> None:
    assert mapping.TALK_STATE[value] == expected


def _answer(
    *,
    logged_on: bool = True,
    state: csta.AgentState | None = None,
    pending: csta.PendingAgentState | None = None,
    private: csta.GetAgentStateResponsePrivateData | None = None,
) -> csta.GetAgentStateResponse:
    info = csta.AgentInfoItem(
        acd_group=csta.DeviceID(value="201:CM::0"), agent_state=state, pending_agent_state=pending
    )
    entry = csta.AgentStateEntry(agent_id="12345" if logged_on else None, logged_on_state=logged_on, agent_info=(info,))
    return csta.GetAgentStateResponse(
        agent_state_list=(entry,), extensions=csta.private(private) if private is not None else None
    )


def _private(**fields: Any) -> csta.GetAgentStateResponsePrivateData:
    return csta.GetAgentStateResponsePrivateData(**fields)


#: (answer, (work_mode, talk_state, reason_code, pending_work_mode, pending_reason_code)).
AGENT_ROWS = [
    # No agent logged on.
    (_answer(logged_on=False), (ag.WORK_MODE_NULL, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_UNSPECIFIED, 0)),
    (
        _answer(logged_on=False, private=_private(talk_state=csta.TalkState.ON_CALL)),
        (ag.WORK_MODE_NULL, ag.TALK_STATE_ON_CALL, 0, ag.WORK_MODE_UNSPECIFIED, 0),
    ),
    # The Avaya private data names the mode and the talk state, and wins over the ECMA-323 state.
    (
        _answer(
            state=A.AGENT_READY,
            private=_private(work_mode=W.AUTO_IN, talk_state=csta.TalkState.IDLE, reason_code=0),
        ),
        (ag.WORK_MODE_AUTO_IN, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_UNSPECIFIED, 0),
    ),
    (
        _answer(state=A.AGENT_BUSY, private=_private(work_mode=W.MANUAL_IN, talk_state=csta.TalkState.IDLE)),
        (ag.WORK_MODE_MANUAL_IN, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_UNSPECIFIED, 0),
    ),
    (
        _answer(
            state=A.AGENT_NOT_READY,
            pending=P.AGENT_NOT_READY,
            private=_private(work_mode=W.AUX_WORK, reason_code=7, pending_reason_code=3),
        ),
        (ag.WORK_MODE_AUX, ag.TALK_STATE_IDLE, 7, ag.WORK_MODE_AUX, 3),
    ),
    # A pending reason code without a pending change is not reported.
    (
        _answer(private=_private(work_mode=W.AUX_WORK, reason_code=7, pending_reason_code=3)),
        (ag.WORK_MODE_AUX, ag.TALK_STATE_IDLE, 7, ag.WORK_MODE_UNSPECIFIED, 0),
    ),
    # A switch that sends ECMA-323 only: the agent state names the mode; busy means on a call.
    (_answer(state=A.AGENT_READY), (ag.WORK_MODE_MANUAL_IN, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_UNSPECIFIED, 0)),
    (_answer(state=A.AGENT_BUSY), (ag.WORK_MODE_MANUAL_IN, ag.TALK_STATE_ON_CALL, 0, ag.WORK_MODE_UNSPECIFIED, 0)),
    (
        _answer(state=A.AGENT_WORKING_AFTER_CALL, pending=P.AGENT_READY),
        (ag.WORK_MODE_AFTER_CALL_WORK, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_MANUAL_IN, 0),
    ),
    # Logged on, but no mode named at all (or the ECMA-323 null state): AUX.
    (_answer(), (ag.WORK_MODE_AUX, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_UNSPECIFIED, 0)),
    (_answer(state=A.AGENT_NULL), (ag.WORK_MODE_AUX, ag.TALK_STATE_IDLE, 0, ag.WORK_MODE_UNSPECIFIED, 0)),
]


@pytest.mark.parametrize(("answer", "expected"), AGENT_ROWS)
def test_agent_state(answer: csta.GetAgentStateResponse, expected: tuple[int, int, int, int, int]) -> None:
    state = mapping.agent_state(answer, lambda device: device.split(":", 1)[0])
    assert (
        state.work_mode,
        state.talk_state,
        state.reason_code,
        state.pending_work_mode,
        state.pending_reason_code,
    ) == expected
    logged_on = expected[0] != ag.WORK_MODE_NULL
    assert (state.agent_id, state.split) == (("12345", "201") if logged_on else ("", ""))


def test_agent_state_reads_the_first_logged_on_agent() -> None:
    off = csta.AgentStateEntry(logged_on_state=False)
    on = csta.AgentStateEntry(agent_id="12346", logged_on_state=True)
    state = mapping.agent_state(csta.GetAgentStateResponse(agent_state_list=(off, on)), str)
    assert (state.agent_id, state.work_mode) == ("12346", ag.WORK_MODE_AUX)


# -------------------------------------------------------------------------------------- forwarding

F = csta.ForwardingType
FORWARDING_ROWS = every(
    [
        (F.FORWARD_IMMEDIATE, st.FORWARDING_TYPE_IMMEDIATE),
        (F.FORWARD_BUSY, st.FORWARDING_TYPE_BUSY),
        (F.FORWARD_NO_ANS, st.FORWARDING_TYPE_NO_ANSWER),
        (F.FORWARD_DND, st.FORWARDING_TYPE_DO_NOT_DISTURB),
        (F.FORWARD_BUSY_INT, st.FORWARDING_TYPE_BUSY_INTERNAL),
        (F.FORWARD_BUSY_EXT, st.FORWARDING_TYPE_BUSY_EXTERNAL),
        (F.FORWARD_NO_ANS_INT, st.FORWARDING_TYPE_NO_ANSWER_INTERNAL),
        (F.FORWARD_NO_ANS_EXT, st.FORWARDING_TYPE_NO_ANSWER_EXTERNAL),
        (F.FORWARD_IMM_INT, st.FORWARDING_TYPE_IMMEDIATE_INTERNAL),
        (F.FORWARD_IMM_EXT, st.FORWARDING_TYPE_IMMEDIATE_EXTERNAL),
        (F.FORWARD_DND_INT, st.FORWARDING_TYPE_DO_NOT_DISTURB_INTERNAL),
        (F.FORWARD_DND_EXT, st.FORWARDING_TYPE_DO_NOT_DISTURB_EXTERNAL),
    ],
    F,
)


@pytest.mark.parametrize(("value", "expected"), FORWARDING_ROWS)
def test_forwarding_type_both_ways(value: csta.ForwardingType, expected: int) -> None:
    assert mapping.FORWARDING_FROM_CSTA[value] == expected
    assert mapping.FORWARDING_TO_CSTA[expected] == value  # type: ignore[index]


def test_every_contract_forwarding_type_reaches_the_switch() -> None:
    named = {v for v in st.ForwardingType.values() if v != st.FORWARDING_TYPE_UNSPECIFIED}
    assert set(mapping.FORWARDING_TO_CSTA) == named


def test_forwarding_entries() -> None:
    answer = csta.GetForwardingResponse(
        forwarding_list=(
            csta.ForwardListItem(
                forwarding_type=F.FORWARD_IMMEDIATE,
                forward_status=True,
                forward_dn=csta.DeviceID(value="102:CM::0"),
                ring_count=None,
            ),
            csta.ForwardListItem(forwarding_type=F.FORWARD_BUSY, forward_status=False),
        )
    )
    entries = mapping.forwarding_entries(answer, lambda device: device.split(":", 1)[0])
    assert [(e.type, e.enabled, e.destination, e.ring_count) for e in entries] == [
        (st.FORWARDING_TYPE_IMMEDIATE, True, "102", 0),
        (st.FORWARDING_TYPE_BUSY, False, "", 0),
    ]


# -------------------------------------------------------------------------------------- DMCC phone

LAMP_MODE_ROWS = [
    (0, (dev.LAMP_MODE_BROKEN_FLUTTER, 0)),
    (1, (dev.LAMP_MODE_FLUTTER, 0)),
    (2, (dev.LAMP_MODE_OFF, 0)),
    (3, (dev.LAMP_MODE_STEADY, 0)),
    (4, (dev.LAMP_MODE_WINK, 0)),
    (5, (dev.LAMP_MODE_OTHER, 5)),
    (101, (dev.LAMP_MODE_OTHER, 101)),
]


@pytest.mark.parametrize(("code", "expected"), LAMP_MODE_ROWS)
def test_lamp_mode(code: int, expected: tuple[int, int]) -> None:
    assert mapping.lamp_mode(code) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (None, (dev.LAMP_COLOR_UNSPECIFIED, 0)),
        (0, (dev.LAMP_COLOR_NO_COLOR, 0)),
        (1, (dev.LAMP_COLOR_RED, 0)),
        (2, (dev.LAMP_COLOR_YELLOW, 0)),
        (3, (dev.LAMP_COLOR_GREEN, 0)),
        (4, (dev.LAMP_COLOR_BLUE, 0)),
        (200, (dev.LAMP_COLOR_OTHER, 200)),
    ],
)
def test_lamp_color(code: int | None, expected: tuple[int, int]) -> None:
    assert mapping.lamp_color(code) == expected


LB = csta.LampBrightness


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *every(
            [
                (LB.UNSPECIFIED, dev.LAMP_BRIGHTNESS_NORMAL),
                (LB.DIM, dev.LAMP_BRIGHTNESS_DIM),
                (LB.BRIGHT, dev.LAMP_BRIGHTNESS_BRIGHT),
            ],
            LB,
        ),
        (None, dev.LAMP_BRIGHTNESS_NORMAL),
    ],
)
def test_lamp_brightness(value: csta.LampBrightness | None, expected: int) -> None:
    assert mapping.lamp_brightness(value) == expected


CHARSET = csta.CharacterSet


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *every(
            [
                (CHARSET.ASCII, dev.CHARACTER_SET_ASCII),
                (CHARSET.UNICODE, dev.CHARACTER_SET_UNICODE),
                (CHARSET.PROPRIETARY, dev.CHARACTER_SET_PROPRIETARY),
            ],
            CHARSET,
        ),
        (None, dev.CHARACTER_SET_ASCII),
    ],
)
def test_character_set(value: csta.CharacterSet | None, expected: int) -> None:
    assert mapping.character_set(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    every(
        [(csta.RingMode.RINGING, dev.RING_MODE_RINGING), (csta.RingMode.NOT_RINGING, dev.RING_MODE_NOT_RINGING)],
        csta.RingMode,
    ),
)
def test_ring_mode(value: csta.RingMode, expected: int) -> None:
    assert mapping.RING_MODE[value] == expected


R = csta.RegistrationState


@pytest.mark.parametrize(
    ("value", "expected"),
    every(
        [
            (R.IDLE, dev.REGISTRATION_STATE_IDLE),
            (R.REGISTERING, dev.REGISTRATION_STATE_REGISTERING),
            (R.REGISTERED, dev.REGISTRATION_STATE_REGISTERED),
            (R.UNREGISTERING, dev.REGISTRATION_STATE_UNREGISTERING),
        ],
        R,
    ),
)
def test_registration_state(value: csta.RegistrationState, expected: int) -> None:
    assert mapping.registration_state(value) == expected


@pytest.mark.parametrize(("code", "_"), LAMP_MODE_ROWS)
@pytest.mark.parametrize("brightness", [None, LB.DIM])
@pytest.mark.parametrize("color", [None, 3, 200])
def test_a_lamp_reads_the_same_from_a_query_and_an_event(
    code: int, _: object, brightness: csta.LampBrightness | None, color: int | None
) -> None:
    item = csta.LampModeItem(lamp="1", lamp_mode=code, lamp_brightness=brightness, lamp_color=color, button="1")
    event = csta.LampModeEvent(
        monitor_cross_ref_id="1",
        device=csta.SubjectDeviceID(device_identifier=csta.DeviceID(value="101")),
        lamp="1",
        lamp_label="a=",
        lamp_mode=code,
        lamp_brightness=brightness,
        lamp_color=color,
    )
    queried, reported = mapping.lamp(item), mapping.lamp(event)
    assert (queried.button, reported.label) == ("1", "a=")
    queried.button, reported.label = "", ""
    assert queried == reported


def test_a_display_reads_the_same_from_a_query_and_an_event() -> None:
    event = csta.DisplayUpdatedEvent(
        monitor_cross_ref_id="1",
        device=csta.SubjectDeviceID(device_identifier=csta.DeviceID(value="101")),
        display_id="0",
        logical_rows=2,
        logical_columns=40,
        contents_of_display="a= Mary 102",
    )
    item = csta.DisplayListItem(display_id="0", logical_rows=2, logical_columns=40, contents_of_display="a= Mary 102")
    queried, reported = mapping.display(item), mapping.display(event)
    assert queried == reported
    assert queried.character_set == dev.CHARACTER_SET_ASCII


def test_a_ringer_reads_the_same_from_a_query_and_an_event() -> None:
    item = csta.RingerStatusItem(ringer="1", ring_mode=csta.RingMode.RINGING, ring_count=" 2", ring_vol_abs="40")
    event = csta.RingerStatusEvent(
        monitor_cross_ref_id="1",
        device=csta.SubjectDeviceID(device_identifier=csta.DeviceID(value="101")),
        ringer="1",
        ring_mode=csta.RingMode.RINGING,
        ring_count="2",
        ring_volume=csta.Volume(vol_abs=40),
    )
    assert mapping.ringer(item) == mapping.ringer(event)
    assert mapping.ringer(item).ring_count == 2
    assert mapping.number("x") == mapping.number(None) == 0


def test_a_button_reads_the_same_from_a_query_and_an_event() -> None:
    number = csta.DeviceID(value="102:CM::0")
    item = csta.ButtonItem(
        button="5", button_label="call-fwd", button_associated_number=number, button_press_indicator=True
    )
    event = csta.ButtonInformationEvent(
        monitor_cross_ref_id="1",
        device=csta.SubjectDeviceID(device_identifier=csta.DeviceID(value="101")),
        button="5",
        button_label="call-fwd",
        button_associated_number=number,
        button_press_indicator=True,
    )
    extension_of = lambda device: device.split(":", 1)[0]  # noqa: E731
    assert mapping.button(item, extension_of) == mapping.button(event, extension_of)
    assert mapping.button(event, extension_of).associated_number == "102"
