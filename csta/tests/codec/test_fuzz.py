"""Fuzz harness: whatever bytes arrive, the codec raises only `CodecError` subclasses.

Random bytes and mutations of valid documents and frames (byte flips, truncations, duplicated elements,
random tags, hostile text values) go through `FrameDecoder.feed` and `decode_xml`. Any other exception
(TypeError, RecursionError, UnicodeError, ...) fails the test. Bounded to a few seconds.
"""

# ruff: noqa: E501

from __future__ import annotations

import contextlib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwire_csta.codec import CodecError, FrameDecoder, decode_xml, encode_frame

# Valid documents (copied from the test vectors) with deep structure: lists, choices, enums, private data.
SEEDS: list[bytes] = [
    b"<?xml version='1.0' encoding='UTF-8'?>\n<RegisterTerminalRequest xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device><loginInfo><e911>e911</e911><forceLogin>true</forceLogin><unicodeScript>3</unicodeScript><sharedControl>true</sharedControl><password>secret</password><telecommuterExtension>telecommuter-extension</telecommuterExtension><mediaMode>NONE</mediaMode><dependencyMode>MAIN</dependencyMode></loginInfo><localMediaInfo><rtpAddress><address>address</address><port>3</port></rtpAddress><rtcpAddress><address>address</address><port>3</port></rtcpAddress><codecs>codecs</codecs><packetSize>3</packetSize><encryptionList>encryption-list</encryptionList></localMediaInfo></RegisterTerminalRequest>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<ConferencedEventPrivateData xmlns=\"http://www.avaya.com/csta\"><distributingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingDevice><distributingVDN><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingVDN><trunkList><trunkInterfaceInfoItem><connection_asn><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection_asn><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember></trunkInterfaceInfoItem></trunkList><originalCallInfo><reason>3</reason><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><userData><string>01AB</string></userData><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></originalCallInfo></ConferencedEventPrivateData>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<GetTimeOfDayResponse xmlns=\"http://www.avaya.com/csta\"><switchName>CM1</switchName><year>3</year><month>3</month><day>3</day><hour>3</hour><minute>3</minute><second>3</second></GetTimeOfDayResponse>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<SetAgentState xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><requestedAgentState>loggedOn</requestedAgentState><agentID>5001</agentID><password>01AB</password><group>1001:CM1::0</group></SetAgentState>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAgentStateResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><agentStateList><agentStateEntry><agentID>5001</agentID><loggedOnState>true</loggedOnState><agentInfo><agentInfoItem><acdGroup>1001:CM1::0</acdGroup><agentState>agentNotReady</agentState><pendingAgentState>agentNotReady</pendingAgentState><agentStateCondition>forcedPause</agentStateCondition></agentInfoItem></agentInfo></agentStateEntry></agentStateList></GetAgentStateResponse>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<GetForwardingResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><forwardingList><forwardListItem><forwardingType>forwardImmediate</forwardingType><forwardStatus>true</forwardStatus><forwardDN>1001:CM1::0</forwardDN><forwardDefault>forwardingTypeAndForwardDN</forwardDefault><ringCount>3</ringCount></forwardListItem></forwardingList></GetForwardingResponse>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<GetButtonInformationResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><buttonList><buttonItem><button>264</button><buttonLabel>button-label</buttonLabel><buttonLabelSettable>true</buttonLabelSettable><buttonFunction>button-function</buttonFunction><buttonAssociatedNumber>1001:CM1::0</buttonAssociatedNumber><buttonAssociatedNumberSettable>true</buttonAssociatedNumberSettable><buttonPressIndicator>true</buttonPressIndicator><lampList><lampID>lamp-list</lampID></lampList></buttonItem></buttonList></GetButtonInformationResponse>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<EstablishedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><establishedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></establishedConnection><answeringDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></answeringDevice><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><lastRedirectionDevice><numberDialed>1001:CM1::0</numberDialed></lastRedirectionDevice><originatinNIDConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></originatinNIDConnection><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></EstablishedEvent>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<TransferedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><primaryOldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></primaryOldCall><secondaryOldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></secondaryOldCall><transferringDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></transferringDevice><transferredToDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></transferredToDevice><transferredConnections><connectionListItem><newConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></newConnection><oldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></oldConnection><endpoint><deviceID>1001:CM1::0</deviceID></endpoint></connectionListItem></transferredConnections><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><callLinkageDataList><newCallLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></newCallLinkageData><oldCallLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></oldCallLinkageData></callLinkageDataList></TransferedEvent>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotDeviceResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><crossRefIDorSnapshotData><snapshotData><snapshotDeviceResponseInfo><connectionIdentifier><callID>179</callID><deviceID>1001:CM1::0</deviceID></connectionIdentifier><endpointDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></endpointDevice><localCallState><compoundCallState><localConnectionState>null</localConnectionState></compoundCallState></localCallState></snapshotDeviceResponseInfo></snapshotData></crossRefIDorSnapshotData></SnapshotDeviceResponse>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><crossRefIDorSnapshotData><snapshotData><snapshotCallResponseInfo><deviceOnCall><deviceIdentifier>1001:CM1::0</deviceIdentifier></deviceOnCall><callIdentifier><callID>179</callID><deviceID>1001:CM1::0</deviceID></callIdentifier><localConnectionInfo>null</localConnectionInfo></snapshotCallResponseInfo></snapshotData></crossRefIDorSnapshotData><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></SnapshotCallResponse>",
    b"<?xml version='1.0' encoding='UTF-8'?>\n<CSTAErrorCode xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><operation>operation</operation></CSTAErrorCode>",
    b'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<DeliveredEvent xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorCrossRefID>7</monitorCrossRefID><connection><callID>179</callID><deviceID>1002:CM1::0</deviceID></connection><callingDevice><deviceIdentifier typeOfNumber="dynamic">T13815#2</deviceIdentifier></callingDevice><lastRedirectionDevice><notKnown/></lastRedirectionDevice><localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause><extensions><privateData><private><DeliveredEventPrivateData xmlns="http://www.avaya.com/csta"><trunkGroup>12</trunkGroup><originalCallInfo><userData><string>C0FFEE</string></userData></originalCallInfo></DeliveredEventPrivateData></private></privateData></extensions></DeliveredEvent>',
]

SETTINGS = settings(max_examples=250, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

_ELEMENT = re.compile(rb"<([A-Za-z_][\w.-]*)[^<>]*>[^<>]*</\1>")
_TEXT = re.compile(rb">([^<>]+)<")
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)")

HOSTILE_TEXT = [
    b"",
    b" ",
    b"-1",
    b"9" * 5000,
    b"1e308",
    b"NaN",
    b"true",
    b"maybe",
    b"\xff\xfe",
    b"\xc3\x28",
    b"&#0;",
    b"&#x110000;",
    b"&amp;&lt;",
    b"&undefined;",
    b"<![CDATA[x]]>",
    b"\xe9\x9b\xbb\xe8\xa9\xb1",
    b"ZZ",
]
RANDOM_TAGS = [
    b"a",
    b"callID",
    b"deviceID",
    b"private",
    b"extensions",
    b"privateData",
    b"snapshotData",
    b"HoldCallResponse",
    b"x:y",
]


def _mutate(doc: bytes, data: st.DataObject) -> bytes:
    for _ in range(data.draw(st.integers(1, 4), label="rounds")):
        op = data.draw(
            st.sampled_from(["flip", "truncate", "insert", "duplicate", "text", "tag", "retag", "delete"]), label="op"
        )
        if not doc:
            doc = b"<"
        pos = data.draw(st.integers(0, len(doc)), label="pos")
        if op == "flip" and pos < len(doc):
            bit = data.draw(st.integers(0, 7), label="bit")
            doc = doc[:pos] + bytes([doc[pos] ^ (1 << bit)]) + doc[pos + 1 :]
        elif op == "truncate":
            doc = doc[:pos]
        elif op == "insert":
            doc = doc[:pos] + data.draw(st.binary(max_size=16), label="junk") + doc[pos:]
        elif op == "duplicate":
            found = list(_ELEMENT.finditer(doc))
            if found:
                m = data.draw(st.sampled_from(found), label="element")
                times = data.draw(st.integers(1, 3), label="times")
                doc = doc[: m.end()] + m.group(0) * times + doc[m.end() :]
        elif op == "text":
            found = list(_TEXT.finditer(doc))
            if found:
                m = data.draw(st.sampled_from(found), label="text")
                value = data.draw(st.sampled_from(HOSTILE_TEXT) | st.binary(max_size=12), label="value")
                doc = doc[: m.start(1)] + value + doc[m.end(1) :]
        elif op == "tag":
            tag = data.draw(st.sampled_from(RANDOM_TAGS), label="newtag")
            doc = doc[:pos] + b"<" + tag + b">" + doc[pos:]
        elif op == "retag":
            found = list(_TAG.finditer(doc))
            if found:
                m = data.draw(st.sampled_from(found), label="tagged")
                tag = data.draw(st.sampled_from(RANDOM_TAGS), label="renamed")
                doc = doc[: m.start(2)] + tag + doc[m.end(2) :]
        elif op == "delete":
            end = data.draw(st.integers(pos, min(len(doc), pos + 40)), label="end")
            doc = doc[:pos] + doc[end:]
    return doc


def _decode_only_codec_errors(payload: bytes) -> None:
    with contextlib.suppress(CodecError):
        decode_xml(payload)


def _feed_only_codec_errors(stream: bytes, cuts: list[int]) -> None:
    decoder = FrameDecoder()
    start = 0
    try:
        for cut in [*sorted(c % (len(stream) + 1) for c in cuts), len(stream)]:
            for frame in decoder.feed(stream[start:cut]):
                _decode_only_codec_errors(frame.payload)
            start = max(start, cut)
    except CodecError:
        pass


@SETTINGS
@given(st.binary(max_size=512))
def test_random_bytes(data: bytes) -> None:
    _decode_only_codec_errors(data)
    _feed_only_codec_errors(data, [3, 9])


@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_documents(seed: bytes, data: st.DataObject) -> None:
    _decode_only_codec_errors(_mutate(seed, data))


@SETTINGS
@given(st.sampled_from(SEEDS), st.data(), st.integers(0, 9999), st.lists(st.integers(0, 5000), max_size=4))
def test_mutated_frames(seed: bytes, data: st.DataObject, invoke_id: int, cuts: list[int]) -> None:
    payload = _mutate(seed, data) if data.draw(st.booleans(), label="mutate payload") else seed
    stream = encode_frame(invoke_id, payload) + encode_frame(9999, seed)
    if data.draw(st.booleans(), label="mutate stream"):
        stream = _mutate(stream, data)
    _feed_only_codec_errors(stream, cuts)


@SETTINGS
@given(st.sampled_from(SEEDS))
def test_seeds_are_valid(seed: bytes) -> None:
    decode_xml(seed)
