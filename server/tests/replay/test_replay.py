"""Replay every capture of the corpus against the real link and compare what it derives with the expected lines.

The corpus is recorded from the simulator's flows (`record_corpus.py`); a capture from a real switch
(`callwire ctl --save FILE trace on`) with its `NAME.expected.json` is checked the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callwire_server.replay import ReplaySwitch, replay
from callwire_server.tracefile import load, parse_lines

CORPUS = Path(__file__).parent / "corpus"
CAPTURES = sorted(CORPUS.glob("*.jsonl"))


def test_the_corpus_is_there() -> None:
    assert len(CAPTURES) >= 4
    for capture in CAPTURES:
        assert capture.with_suffix(".expected.json").exists(), f"{capture.name} has no expected lines"


@pytest.mark.parametrize("capture", CAPTURES, ids=[c.stem for c in CAPTURES])
async def test_replay_derives_what_the_link_derived_live(capture: Path) -> None:
    expected = json.loads(capture.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert await replay(load(capture)) == expected


@pytest.mark.parametrize("capture", CAPTURES, ids=[c.stem for c in CAPTURES])
def test_captures_hold_no_credentials(capture: Path) -> None:
    text = capture.read_text(encoding="utf-8")
    assert "ctipass" not in text
    assert "ctiuser" not in text


def test_a_bad_trace_line_is_named() -> None:
    with pytest.raises(ValueError, match=r"capture:2: not a trace line"):
        list(parse_lines(['{"time": 1, "direction": "sent", "invoke_id": "0001", "xml": "<a/>"}', "{oops"], "capture"))


def test_replay_switch_pairs_requests_with_their_answers_and_events() -> None:
    switch = ReplaySwitch(load(CORPUS / "busy_external.jsonl"))
    make = next(ex for ex in switch.exchanges if ex.request.XML_TAG == "MakeCall")
    assert make.answer is not None
    assert b"MakeCallResponse" in make.answer
    assert any(b"FailedEvent" in event for event in make.events)
