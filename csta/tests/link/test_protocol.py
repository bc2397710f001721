"""The link's no-I/O core: invoke-ID allocation, request correlation and the ECMA-354 session machine."""

from __future__ import annotations

import pytest

from callwire_csta import codec as csta
from callwire_csta.codec import (
    ApplicationSessionTerminated,
    CallClearedEvent,
    ConnectionID,
    CSTAErrorCode,
    MonitorStopResponse,
    ResetApplicationSessionTimerNegResponse,
    ResetApplicationSessionTimerPosResponse,
    SessionErrorCode,
    SessionLoginInfo,
    SessionTermReason,
    StartApplicationSessionNegResponse,
    StartApplicationSessionPosResponse,
    StopApplicationSessionPosResponse,
)
from callwire_csta.link import CstaRequestError, LinkDown, LinkError, SessionRefused
from callwire_csta.link._protocol import (
    Broken,
    Correlator,
    Event,
    InvokeIdAllocator,
    Reply,
    Session,
    SessionState,
    Terminated,
    Undecodable,
    Unmatched,
    check_reply,
    redact,
)


def reply_bytes(invoke_id: int, message: csta.Message) -> bytes:
    return csta.encode(invoke_id, message)


def cleared(xref: str = "7") -> CallClearedEvent:
    return CallClearedEvent(monitor_cross_ref_id=xref, cleared_call=ConnectionID(call_id="42"))


# ------------------------------------------------------------------------------------------ invoke IDs


def test_invoke_ids_count_up_from_one() -> None:
    ids = InvokeIdAllocator()
    assert [ids.allocate(()) for _ in range(3)] == [1, 2, 3]


def test_invoke_ids_wrap_after_9998_and_never_use_9999() -> None:
    ids = InvokeIdAllocator(start=9997)
    assert [ids.allocate(()) for _ in range(4)] == [9997, 9998, 1, 2]


def test_invoke_ids_skip_those_in_flight() -> None:
    ids = InvokeIdAllocator(start=9998)
    assert ids.allocate({9998, 1, 2}) == 3
    assert ids.next == 4


def test_invoke_ids_exhausted() -> None:
    ids = InvokeIdAllocator(first=1, last=3)
    with pytest.raises(LinkError, match="all 3 invoke IDs are in flight"):
        ids.allocate({1, 2, 3})


def test_invoke_id_range_must_avoid_the_event_id() -> None:
    with pytest.raises(ValueError, match=r"0\.\.9998"):
        InvokeIdAllocator(last=9999)


def test_a_full_cycle_of_ids_through_the_correlator() -> None:
    """Ten thousand requests answered in turn: IDs 1..9998 then 1 again; each answer finds its token."""
    core: Correlator[int] = Correlator()
    seen = []
    for n in range(10_000):
        invoke_id, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), n)
        seen.append(invoke_id)
        [item] = core.receive_data(reply_bytes(invoke_id, MonitorStopResponse()))
        assert isinstance(item, Reply)
        assert item.token == n
    assert seen[9997] == 9998
    assert seen[9998] == 1
    assert 9999 not in seen
    assert 0 not in seen


def test_correlator_wrap_skips_an_id_still_in_flight() -> None:
    core: Correlator[str] = Correlator(ids=InvokeIdAllocator(start=9998))
    first, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "slow")  # 9998, stays in flight
    for _ in range(9997):  # IDs 1..9997, each answered
        invoke_id, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "fast")
        core.receive_data(reply_bytes(invoke_id, MonitorStopResponse()))
    nxt, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "next")
    assert first == 9998
    assert nxt == 1  # 9998 skipped: still in flight
    assert core.pending_ids() == {9998, 1}


# ------------------------------------------------------------------------------------------ correlation


def test_frame_bytes_and_reply_correlation() -> None:
    core: Correlator[str] = Correlator()
    invoke_id, data = core.send(csta.MonitorStop(monitor_cross_ref_id="5"), "token")
    assert data[4:8] == b"0001"
    assert csta.decode(csta.FrameDecoder().feed(data)[0]) == csta.MonitorStop(monitor_cross_ref_id="5")
    items = core.receive_data(reply_bytes(invoke_id, MonitorStopResponse()))
    assert items == [Reply(invoke_id, "token", MonitorStopResponse(), items[0].payload)]  # type: ignore[union-attr]
    assert core.in_flight == 0


def test_replies_out_of_order_and_split_across_reads() -> None:
    core: Correlator[str] = Correlator()
    a, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "a")
    b, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="2"), "b")
    wire = reply_bytes(b, MonitorStopResponse()) + reply_bytes(a, MonitorStopResponse())
    got = []
    for i in range(0, len(wire), 7):
        got += core.receive_data(wire[i : i + 7])
    assert [(item.invoke_id, item.token) for item in got if isinstance(item, Reply)] == [(b, "b"), (a, "a")]


def test_unmatched_answer_and_events() -> None:
    core: Correlator[str] = Correlator()
    items = core.receive_data(reply_bytes(77, MonitorStopResponse()) + reply_bytes(9999, cleared("12")))
    assert isinstance(items[0], Unmatched)
    assert items[0].invoke_id == 77
    assert isinstance(items[1], Event)
    assert items[1].cross_ref_id == "12"
    assert items[1].message == cleared("12")


def test_forgotten_request_answer_is_unmatched() -> None:
    core: Correlator[str] = Correlator()
    invoke_id, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "late")
    assert core.forget(invoke_id) == "late"
    [item] = core.receive_data(reply_bytes(invoke_id, MonitorStopResponse()))
    assert isinstance(item, Unmatched)


def test_session_terminated_is_its_own_item() -> None:
    core: Correlator[str] = Correlator()
    msg = ApplicationSessionTerminated(
        session_id="S1", session_term_reason=SessionTermReason(defined_term_reason="sessionTimerExpired")
    )
    [item] = core.receive_data(reply_bytes(9999, msg))
    assert isinstance(item, Terminated)
    assert item.reason == "sessionTimerExpired"


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x00\x00\x10GARBAGE!<notxml",  # a frame whose XML is broken
        b"\xff\xff\x00\x10abcdefgh",  # not a DMCC header
        b"\x00\x00\x00\x04XXXX",  # length shorter than the header
    ],
)
def test_garbage_breaks_the_connection_after_the_good_frames(garbage: bytes) -> None:
    core: Correlator[str] = Correlator()
    invoke_id, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "ok")
    items = core.receive_data(reply_bytes(invoke_id, MonitorStopResponse()) + garbage)
    assert isinstance(items[0], Reply) or isinstance(items[-1], Broken)
    assert isinstance(items[-1], Broken)
    assert core.closed
    assert core.receive_data(reply_bytes(9999, cleared())) == []
    with pytest.raises(LinkDown):
        core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "after")


def test_unknown_message_fails_only_its_request() -> None:
    core: Correlator[str] = Correlator()
    invoke_id, _ = core.send(csta.MonitorStop(monitor_cross_ref_id="1"), "x")
    xml = (
        b'<?xml version="1.0"?><NoSuchResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>'
    )
    [item] = core.receive_data(csta.encode_frame(invoke_id, xml))
    assert isinstance(item, Undecodable)
    assert item.token == "x"
    assert not core.closed


def test_close_returns_everything_in_flight() -> None:
    core: Correlator[int] = Correlator()
    for n in range(3):
        core.send(csta.MonitorStop(monitor_cross_ref_id="1"), n)
    assert sorted(core.close()) == [0, 1, 2]
    assert core.in_flight == 0


def test_oversized_request_is_refused_before_it_is_registered() -> None:
    core: Correlator[str] = Correlator(max_frame_size=100)
    with pytest.raises(LinkError, match="cannot send MonitorStop"):
        core.send(csta.MonitorStop(monitor_cross_ref_id="x" * 200), "big")
    assert core.in_flight == 0


def test_csta_error_code_maps_to_a_typed_error() -> None:
    error = check_reply("MonitorStart", CSTAErrorCode.of("operation", "invalidDeviceID"))
    assert isinstance(error, CstaRequestError)
    assert (error.error_class, error.value, error.request) == ("operation", "invalidDeviceID", "MonitorStart")
    assert check_reply("MonitorStop", MonitorStopResponse()) is None


# ------------------------------------------------------------------------------------------ session


def new_session(duration: float = 180) -> Session:
    return Session(
        application_id="callwire",
        username="ctiuser",
        password="ctipass",
        protocol_version=csta.DEFAULT_PROTOCOL_VERSION,
        requested_duration=duration,
        cleanup_delay=60,
    )


def test_session_start_request_carries_credentials_and_version() -> None:
    session = new_session()
    request = session.start_request()
    assert session.state is SessionState.STARTING
    assert request.login == SessionLoginInfo(user_name="ctiuser", password="ctipass", session_cleanup_delay=60)
    assert request.requested_protocol_versions == (csta.DEFAULT_PROTOCOL_VERSION,)
    assert request.requested_session_duration == 180
    assert request.application_info.application_id == "callwire"


def test_session_life_cycle() -> None:
    session = new_session()
    session.start_request()
    session.on_start_reply(
        StartApplicationSessionPosResponse(
            session_id="S1", actual_protocol_version=csta.DEFAULT_PROTOCOL_VERSION, actual_session_duration=60
        )
    )
    assert (session.state, session.session_id, session.keepalive_interval) == (SessionState.ACTIVE, "S1", 30.0)
    assert not session.reattached
    assert session.keepalive_request().session_id == "S1"
    session.on_keepalive_reply(ResetApplicationSessionTimerPosResponse(actual_session_duration=40))
    assert session.keepalive_interval == 20.0
    stop = session.stop_request()
    assert (stop.session_id, stop.session_end_reason.defined_end_reason) == ("S1", "normal")
    session.on_stop_reply(StopApplicationSessionPosResponse())
    assert session.state.value == "ended"


def test_session_refused_then_fresh_start_on_the_same_connection() -> None:
    session = new_session()
    request = session.start_request(reattach_id="OLD")
    assert request.login is not None
    assert request.login.session_id == "OLD"
    with pytest.raises(SessionRefused, match="unknown or active session ID"):
        session.on_start_reply(
            StartApplicationSessionNegResponse(error_code=SessionErrorCode(appl_error="unknown or active session ID"))
        )
    assert session.state is SessionState.IDLE
    session.start_request()
    session.on_start_reply(
        StartApplicationSessionPosResponse(session_id="NEW", actual_protocol_version="v", actual_session_duration=10)
    )
    assert session.session_id == "NEW"
    assert not session.reattached


def test_session_reattached_when_the_peer_returns_the_old_id() -> None:
    session = new_session()
    session.start_request(reattach_id="OLD")
    session.on_start_reply(
        StartApplicationSessionPosResponse(session_id="OLD", actual_protocol_version="v", actual_session_duration=10)
    )
    assert session.reattached


def test_bad_credentials_name_the_defined_error() -> None:
    session = new_session()
    session.start_request()
    with pytest.raises(SessionRefused, match="invalidApplicationInfo") as info:
        session.on_start_reply(
            StartApplicationSessionNegResponse(error_code=SessionErrorCode(defined_error="invalidApplicationInfo"))
        )
    assert info.value.defined_error == "invalidApplicationInfo"


def test_keepalive_refused_is_an_error() -> None:
    session = new_session()
    session.start_request()
    session.on_start_reply(
        StartApplicationSessionPosResponse(session_id="S", actual_protocol_version="v", actual_session_duration=10)
    )
    with pytest.raises(SessionRefused, match="invalidSessionID"):
        session.on_keepalive_reply(
            ResetApplicationSessionTimerNegResponse(error_code=SessionErrorCode(defined_error="invalidSessionID"))
        )


def test_illegal_transitions_are_refused() -> None:
    session = new_session()
    with pytest.raises(LinkError, match="no active session"):
        session.keepalive_request()
    session.start_request()
    with pytest.raises(LinkError, match="not allowed in state 'starting'"):
        session.start_request()
    session.on_lost()
    assert session.state is SessionState.ENDED


def test_redact_masks_the_password_only() -> None:
    request = new_session().start_request(reattach_id="S")
    shown = redact(request)
    assert shown.login is not None
    assert shown.login.password == "***"
    assert shown.login.session_id == "S"
    assert b"ctipass" not in csta.encode_xml(shown)
    stop = csta.MonitorStop(monitor_cross_ref_id="1")
    assert redact(stop) is stop


def test_stop_answer_seen_after_the_close_and_keepalive_during_stop() -> None:
    session = new_session()
    session.start_request()
    session.on_start_reply(
        StartApplicationSessionPosResponse(session_id="S", actual_protocol_version="v", actual_session_duration=10)
    )
    session.stop_request()
    session.on_keepalive_reply(ResetApplicationSessionTimerPosResponse(actual_session_duration=10))
    assert session.state is SessionState.STOPPING
    session.on_lost()  # the peer answered the stop and closed; the close was handled first
    session.on_stop_reply(StopApplicationSessionPosResponse())
    assert session.state.value == "ended"
