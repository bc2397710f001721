"""Test vectors for every registered CSTA message, checked both ways, plus realistic peer variants and hostile input.

Each vector is a message instance with its fields filled and the exact XML bytes the codec must produce
(`encode_xml(msg) == expected`) and accept (`decode_xml(expected) == msg`), in the style of websockets'
`assertFrameData`. Grouped by module, which follows the standard's clauses: call control, monitoring and
snapshot, logical and physical device features, events, Avaya private data and services, system services,
ECMA-354 sessions. `test_every_registered_message_has_a_vector` fails when a new message has none.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from callwire_csta.codec import (
    AgentBusyEvent,
    AgentInfoItem,
    AgentLoggedOffEvent,
    AgentLoggedOffEventPrivateData,
    AgentLoggedOnEvent,
    AgentLoginExtensionEvent,
    AgentNotReadyEvent,
    AgentNotReadyEventPrivateData,
    AgentReadyEvent,
    AgentReadyEventPrivateData,
    AgentState,
    AgentStateCondition,
    AgentStateEntry,
    AgentWorkingAfterCallEvent,
    AgentWorkingAfterCallEventPrivateData,
    AgentWorkingAfterCallPendingState,
    AlternateCall,
    AlternateCallResponse,
    AnswerCall,
    AnswerCallResponse,
    ApplicationInfo,
    ApplicationSessionTerminated,
    ApplicationSpecificInfo,
    AutoOriginate,
    AvayaEvents,
    ButtonInformationEvent,
    ButtonItem,
    ButtonPress,
    ButtonPressEvent,
    ButtonPressResponse,
    CallAssociatedEvents,
    CallClearedEvent,
    CallClearedEventPrivateData,
    CallControlEvents,
    CallControlPrivateEvents,
    CallLinkageData,
    CallLinkageDataList,
    CallOrigination,
    CallPrivateData,
    CallState,
    CallwireServices,
    ChangeDeviceSecurityCode,
    ChangeDeviceSecurityCodeResponse,
    ChannelType,
    CharacterSet,
    ClearCall,
    ClearCallResponse,
    ClearConnection,
    ClearConnectionPrivateData,
    ClearConnectionResponse,
    CompoundCallState,
    ConferenceCall,
    ConferenceCallResponse,
    ConferenceCallResponsePrivateData,
    ConferencedEvent,
    ConferencedEventPrivateData,
    ConnectionClearedEvent,
    ConnectionID,
    ConnectionListItem,
    ConnectionListItemEndpoint,
    ConsultationCall,
    ConsultationCallPrivateData,
    ConsultationCallResponse,
    ConsultationCallResponsePrivateData,
    ConsultOptions,
    CorrelatorData,
    CSTAErrorCode,
    DeflectCall,
    DeflectCallResponse,
    DeliveredEvent,
    DeliveredEventPrivateData,
    DependencyMode,
    DeviceID,
    DeviceType,
    DigitMode,
    DigitsGeneratedEvent,
    DirectedPickupCall,
    DirectedPickupCallResponse,
    DisplayListItem,
    DisplayUpdatedEvent,
    DivertedEvent,
    DoNotDisturbEvent,
    DropResource,
    EnteredDigitsEvent,
    Escape,
    EscapeResponse,
    EstablishedEvent,
    EstablishedEventPrivateData,
    EventCause,
    ExtendedDeviceID,
    FailedEvent,
    ForwardDefault,
    ForwardingEvent,
    ForwardingType,
    ForwardListItem,
    GenerateDigits,
    GenerateDigitsResponse,
    GetAcdSplit,
    GetAcdSplitResponse,
    GetAgentLogin,
    GetAgentLoginResponse,
    GetAgentState,
    GetAgentStateResponse,
    GetAgentStateResponsePrivateData,
    GetButtonInformation,
    GetButtonInformationResponse,
    GetCallClassifierInfo,
    GetCallClassifierInfoResponse,
    GetCallLinkageData,
    GetCallLinkageDataResponse,
    GetDeviceId,
    GetDeviceIdResponse,
    GetDeviceInfo,
    GetDeviceInfoResponse,
    GetDisplay,
    GetDisplayResponse,
    GetDoNotDisturb,
    GetDoNotDisturbResponse,
    GetForwarding,
    GetForwardingResponse,
    GetHookswitchStatus,
    GetHookswitchStatusResponse,
    GetLampMode,
    GetLampModeResponse,
    GetMessageWaitingIndicator,
    GetMessageWaitingIndicatorResponse,
    GetMessageWaitingIndicatorResponsePrivateData,
    GetPhysicalDeviceName,
    GetPhysicalDeviceNameResponse,
    GetRegistrationState,
    GetRegistrationStateResponse,
    GetRingerStatus,
    GetRingerStatusResponse,
    GetThirdPartyDeviceId,
    GetThirdPartyDeviceIdResponse,
    GetTimeOfDay,
    GetTimeOfDayResponse,
    GetTrunkGroupInfo,
    GetTrunkGroupInfoResponse,
    GlobalCallData,
    GlobalCallLinkageID,
    GroupPickupCall,
    GroupPickupCallResponse,
    HeldEvent,
    HoldCall,
    HoldCallResponse,
    HookswitchEvent,
    HookswitchStatusItem,
    InterflowPriority,
    InterflowType,
    IPAddress,
    LampBrightness,
    LampModeEvent,
    LampModeItem,
    LocalConnectionState,
    LogicalDeviceFeatureEvents,
    LogicalDeviceFeaturePrivateEvents,
    LoginInfo,
    LookAheadInfo,
    MakeCall,
    MakeCallPrivateData,
    MakeCallResponse,
    MakeCallResponsePrivateData,
    MediaInfo,
    MediaMode,
    Message,
    MessageWaitingEvent,
    MonitorFilter,
    MonitorObject,
    MonitorStart,
    MonitorStartResponse,
    MonitorStartResponsePrivateData,
    MonitorStop,
    MonitorStopResponse,
    MonitorType,
    MWIApplicationType,
    OriginalCallInfo,
    OriginatedEvent,
    OriginatedEventPrivateData,
    ParticipationType,
    PendingAgentState,
    PhysicalDeviceFeatureEvents,
    PhysicalDeviceFeaturesPrivateEvents,
    Private,
    PrivateData,
    PrivateEvent,
    QueuedEvent,
    ReasonCode,
    ReconnectCall,
    ReconnectCallPrivateData,
    ReconnectCallResponse,
    RedirectionDeviceID,
    RegisteredEvent,
    RegisterFailedEvent,
    RegisterTerminalEventsFilter,
    RegisterTerminalRequest,
    RegisterTerminalResponse,
    RegistrationState,
    ReleaseDeviceId,
    ReleaseDeviceIdResponse,
    ReqAgentState,
    RequestSystemStatus,
    RequestSystemStatusResponse,
    RequestTypes,
    ResetApplicationSessionTimer,
    ResetApplicationSessionTimerNegResponse,
    ResetApplicationSessionTimerPosResponse,
    RetrieveCall,
    RetrieveCallResponse,
    RetrievedEvent,
    RingerStatusEvent,
    RingerStatusItem,
    RingMode,
    SelectiveListening,
    SelectiveListeningHold,
    SelectiveListeningHoldResponse,
    SelectiveListeningRetrieve,
    SelectiveListeningRetrieveResponse,
    SendDTMFTone,
    SendDTMFToneResponse,
    ServiceInitiatedEvent,
    ServiceLinkStatusEvent,
    ServiceState,
    SessionEndReason,
    SessionErrorCode,
    SessionLoginInfo,
    SessionTermReason,
    SetAgentState,
    SetAgentStatePrivateData,
    SetAgentStateResponse,
    SetAgentStateResponsePrivateData,
    SetDoNotDisturb,
    SetDoNotDisturbResponse,
    SetForwarding,
    SetForwardingResponse,
    SetHookswitchStatus,
    SetHookswitchStatusResponse,
    SetMessageWaitingIndicator,
    SetMessageWaitingIndicatorResponse,
    SingleStepConferenceCall,
    SingleStepConferenceCallResponse,
    SingleStepConferenceCallResponsePrivateData,
    SingleStepTransferCall,
    SingleStepTransferCallResponse,
    SingleStepTransferCallResponsePrivateData,
    SnapshotCall,
    SnapshotCallCrossRefIDorSnapshotData,
    SnapshotCallResponse,
    SnapshotCallResponseInfo,
    SnapshotDevice,
    SnapshotDeviceCrossRefIDorSnapshotData,
    SnapshotDevicePrivateData,
    SnapshotDeviceResponse,
    SnapshotDeviceResponseInfo,
    SnapshotDeviceResponsePrivateData,
    StartApplicationSession,
    StartApplicationSessionNegResponse,
    StartApplicationSessionPosResponse,
    StationStatus,
    StatusFilter,
    StopApplicationSession,
    StopApplicationSessionNegResponse,
    StopApplicationSessionPosResponse,
    SystemRegister,
    SystemRegisterResponse,
    SystemStatus,
    SystemStatusResponse,
    SystemStatusValue,
    TalkState,
    TerminalEvents,
    TerminalUnregisteredEvent,
    TransferCall,
    TransferCallResponse,
    TransferCallResponsePrivateData,
    TransferedEvent,
    TransferredEventPrivateData,
    TrunkInterfaceInfoItem,
    TypeOfCall,
    TypeOfNumber,
    UnknownMessageError,
    UnregisterTerminalRequest,
    UnregisterTerminalResponse,
    UserData,
    UserEnteredCode,
    UserEnteredCodeIndicator,
    UserEnteredCodeType,
    ValidateDeviceSecurityCode,
    ValidateDeviceSecurityCodeResponse,
    Volume,
    WorkMode,
    XmlDecodeError,
    decode_xml,
    encode_xml,
    private,
    private_items,
    registered_messages,
)

VECTORS: list[tuple[Message, bytes]] = [
    # --- _avaya
    (
        GetDeviceId(
            switch_name="CM1",
            switch_ip_interface="switch-ip-interface",
            extension="1001",
            device_instance=2,
            controllable_by_other_sessions=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDeviceId xmlns=\"http://www.avaya.com/csta\"><switchName>CM1</switchName><switchIPInterface>switch-ip-interface</switchIPInterface><extension>1001</extension><deviceInstance>2</deviceInstance><controllableByOtherSessions>true</controllableByOtherSessions></GetDeviceId>",
    ),
    (
        GetDeviceIdResponse(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDeviceIdResponse xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetDeviceIdResponse>",
    ),
    (
        GetThirdPartyDeviceId(switch_name="CM1", extension="1001", device_instance=2),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetThirdPartyDeviceId xmlns=\"http://www.avaya.com/csta\"><switchName>CM1</switchName><extension>1001</extension><deviceInstance>2</deviceInstance></GetThirdPartyDeviceId>",
    ),
    (
        GetThirdPartyDeviceIdResponse(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetThirdPartyDeviceIdResponse xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetThirdPartyDeviceIdResponse>",
    ),
    (
        ReleaseDeviceId(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ReleaseDeviceId xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></ReleaseDeviceId>",
    ),
    (
        ReleaseDeviceIdResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ReleaseDeviceIdResponse xmlns=\"http://www.avaya.com/csta\"/>",
    ),
    (
        RegisterTerminalRequest(
            device=DeviceID(value="1001:CM1::0"),
            login_info=LoginInfo(
                e911="e911",
                force_login=True,
                unicode_script=3,
                shared_control=True,
                password="secret",
                telecommuter_extension="telecommuter-extension",
                media_mode=MediaMode.NONE,
                dependency_mode=DependencyMode.MAIN,
            ),
            local_media_info=MediaInfo(
                rtp_address=IPAddress(address="address", port=3),
                rtcp_address=IPAddress(address="address", port=3),
                codecs=("codecs",),
                packet_size=3,
                encryption_list=("encryption-list",),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RegisterTerminalRequest xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device><loginInfo><e911>e911</e911><forceLogin>true</forceLogin><unicodeScript>3</unicodeScript><sharedControl>true</sharedControl><password>secret</password><telecommuterExtension>telecommuter-extension</telecommuterExtension><mediaMode>NONE</mediaMode><dependencyMode>MAIN</dependencyMode></loginInfo><localMediaInfo><rtpAddress><address>address</address><port>3</port></rtpAddress><rtcpAddress><address>address</address><port>3</port></rtcpAddress><codecs>codecs</codecs><packetSize>3</packetSize><encryptionList>encryption-list</encryptionList></localMediaInfo></RegisterTerminalRequest>",
    ),
    (
        RegisterTerminalResponse(
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            signaling_encryption="signaling-encryption",
            code="code",
            reason="reason",
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RegisterTerminalResponse xmlns=\"http://www.avaya.com/csta\"><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><signalingEncryption>signaling-encryption</signalingEncryption><code>code</code><reason>reason</reason></RegisterTerminalResponse>",
    ),
    (
        UnregisterTerminalRequest(device=DeviceID(value="1001:CM1::0"), force_logout=True),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<UnregisterTerminalRequest xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device><forceLogout>true</forceLogout></UnregisterTerminalRequest>",
    ),
    (
        UnregisterTerminalResponse(
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")), code="code", reason="reason"
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<UnregisterTerminalResponse xmlns=\"http://www.avaya.com/csta\"><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><code>code</code><reason>reason</reason></UnregisterTerminalResponse>",
    ),
    (
        GetRegistrationState(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetRegistrationState xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetRegistrationState>",
    ),
    (
        GetRegistrationStateResponse(
            registration_state=RegistrationState.IDLE, gatekeeper_address="gatekeeper-address"
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetRegistrationStateResponse xmlns=\"http://www.avaya.com/csta\"><registrationState>IDLE</registrationState><gatekeeperAddress>gatekeeper-address</gatekeeperAddress></GetRegistrationStateResponse>",
    ),
    (
        ChangeDeviceSecurityCode(
            device=DeviceID(value="1001:CM1::0"),
            old_security_code="old-security-code",
            new_security_code="new-security-code",
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ChangeDeviceSecurityCode xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device><oldSecurityCode>old-security-code</oldSecurityCode><newSecurityCode>new-security-code</newSecurityCode></ChangeDeviceSecurityCode>",
    ),
    (
        ChangeDeviceSecurityCodeResponse(response="response", reason="reason"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ChangeDeviceSecurityCodeResponse xmlns=\"http://www.avaya.com/csta\"><response>response</response><reason>reason</reason></ChangeDeviceSecurityCodeResponse>",
    ),
    (
        ValidateDeviceSecurityCode(device=DeviceID(value="1001:CM1::0"), security_code="security-code"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ValidateDeviceSecurityCode xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device><securityCode>security-code</securityCode></ValidateDeviceSecurityCode>",
    ),
    (
        ValidateDeviceSecurityCodeResponse(response="response", reason="reason"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ValidateDeviceSecurityCodeResponse xmlns=\"http://www.avaya.com/csta\"><response>response</response><reason>reason</reason></ValidateDeviceSecurityCodeResponse>",
    ),
    (
        RegisteredEvent(
            monitor_cross_ref_id="7", device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0"))
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RegisteredEvent xmlns=\"http://www.avaya.com/csta\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device></RegisteredEvent>",
    ),
    (
        RegisterFailedEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            reason="reason",
            code="code",
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RegisterFailedEvent xmlns=\"http://www.avaya.com/csta\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><reason>reason</reason><code>code</code></RegisterFailedEvent>",
    ),
    (
        TerminalUnregisteredEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            reason="reason",
            code="code",
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<TerminalUnregisteredEvent xmlns=\"http://www.avaya.com/csta\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><reason>reason</reason><code>code</code></TerminalUnregisteredEvent>",
    ),
    (
        AvayaEvents(
            invert_filter=True,
            terminal=TerminalEvents(registered=True, unregistered=True, register_failed=True),
            physical_device_features_private_events=PhysicalDeviceFeaturesPrivateEvents(
                e911_call_blocked=True, service_link_status_changed=True
            ),
            call_control_private=CallControlPrivateEvents(entered_digits=True),
            logical_device_feature_private=LogicalDeviceFeaturePrivateEvents(agent_login_extension=True),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AvayaEvents xmlns=\"http://www.avaya.com/csta\"><invertFilter>true</invertFilter><terminal><registered>true</registered><unregistered>true</unregistered><registerFailed>true</registerFailed></terminal><physicalDeviceFeaturesPrivateEvents><e911CallBlocked>true</e911CallBlocked><serviceLinkStatusChanged>true</serviceLinkStatusChanged></physicalDeviceFeaturesPrivateEvents><callControlPrivate><enteredDigits>true</enteredDigits></callControlPrivate><logicalDeviceFeaturePrivate><agentLoginExtension>true</agentLoginExtension></logicalDeviceFeaturePrivate></AvayaEvents>",
    ),
    (
        MonitorStartResponsePrivateData(
            used_filter=AvayaEvents(
                invert_filter=True,
                terminal_unregistered_event=RegisterTerminalEventsFilter(unregistered=True, reregistered=True),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MonitorStartResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><usedFilter><invertFilter>true</invertFilter><terminalUnregisteredEvent><unregistered>true</unregistered><reregistered>true</reregistered></terminalUnregisteredEvent></usedFilter></MonitorStartResponsePrivateData>",
    ),
    (
        CallwireServices(service=("GetCallClassifierInfo", "GetDeviceInfo")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<CallwireServices xmlns=\"urn:callwire:csta\"><service>GetCallClassifierInfo</service><service>GetDeviceInfo</service></CallwireServices>",
    ),
    (
        MakeCallPrivateData(
            call_private_data=CallPrivateData(
                dest_route=DeviceID(value="1001:CM1::0"),
                acd_group=DeviceID(value="1001:CM1::0"),
                type_of_call=TypeOfCall.NORMAL,
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MakeCallPrivateData xmlns=\"http://www.avaya.com/csta\"><callPrivateData><destRoute>1001:CM1::0</destRoute><acdGroup>1001:CM1::0</acdGroup><typeOfCall>normal</typeOfCall></callPrivateData></MakeCallPrivateData>",
    ),
    (
        MakeCallResponsePrivateData(
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MakeCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></MakeCallResponsePrivateData>",
    ),
    (
        ConsultationCallPrivateData(
            call_private_data=CallPrivateData(
                dest_route=DeviceID(value="1001:CM1::0"),
                acd_group=DeviceID(value="1001:CM1::0"),
                type_of_call=TypeOfCall.NORMAL,
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConsultationCallPrivateData xmlns=\"http://www.avaya.com/csta\"><callPrivateData><destRoute>1001:CM1::0</destRoute><acdGroup>1001:CM1::0</acdGroup><typeOfCall>normal</typeOfCall></callPrivateData></ConsultationCallPrivateData>",
    ),
    (
        ConsultationCallResponsePrivateData(
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConsultationCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></ConsultationCallResponsePrivateData>",
    ),
    (
        TransferCallResponsePrivateData(
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<TransferCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></TransferCallResponsePrivateData>",
    ),
    (
        ConferenceCallResponsePrivateData(
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConferenceCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></ConferenceCallResponsePrivateData>",
    ),
    (
        SingleStepTransferCallResponsePrivateData(
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SingleStepTransferCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></SingleStepTransferCallResponsePrivateData>",
    ),
    (
        SingleStepConferenceCallResponsePrivateData(
            globally_unique_call_linkage_id="00001001791428242051",
            resulting_connections=(ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SingleStepConferenceCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID><resultingConnections><connection><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection></resultingConnections></SingleStepConferenceCallResponsePrivateData>",
    ),
    (
        ClearConnectionPrivateData(drop_resource=DropResource.DR_CALL_CLASSIFIER),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ClearConnectionPrivateData xmlns=\"http://www.avaya.com/csta\"><dropResource>DR_CALL_CLASSIFIER</dropResource></ClearConnectionPrivateData>",
    ),
    (
        ReconnectCallPrivateData(drop_resource=DropResource.DR_CALL_CLASSIFIER, user_data=UserData(string=b"\x01\xab")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ReconnectCallPrivateData xmlns=\"http://www.avaya.com/csta\"><dropResource>DR_CALL_CLASSIFIER</dropResource><userData><string>01AB</string></userData></ReconnectCallPrivateData>",
    ),
    (
        SelectiveListeningHold(
            selective_listening=SelectiveListening(
                subject_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                all_parties=True,
                selected_party=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SelectiveListeningHold xmlns=\"http://www.avaya.com/csta\"><selectiveListening><subjectConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></subjectConnection><allParties>true</allParties><selectedParty><callID>179</callID><deviceID>1001:CM1::0</deviceID></selectedParty></selectiveListening></SelectiveListeningHold>",
    ),
    (
        SelectiveListeningHoldResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SelectiveListeningHoldResponse xmlns=\"http://www.avaya.com/csta\"/>",
    ),
    (
        SelectiveListeningRetrieve(
            selective_listening=SelectiveListening(
                subject_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                all_parties=True,
                selected_party=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SelectiveListeningRetrieve xmlns=\"http://www.avaya.com/csta\"><selectiveListening><subjectConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></subjectConnection><allParties>true</allParties><selectedParty><callID>179</callID><deviceID>1001:CM1::0</deviceID></selectedParty></selectiveListening></SelectiveListeningRetrieve>",
    ),
    (
        SelectiveListeningRetrieveResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SelectiveListeningRetrieveResponse xmlns=\"http://www.avaya.com/csta\"/>",
    ),
    (
        SendDTMFTone(
            sender=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            tones="1234",
            tone_duration=3,
            pause_duration=3,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SendDTMFTone xmlns=\"http://www.avaya.com/csta\"><sender><callID>179</callID><deviceID>1001:CM1::0</deviceID></sender><tones>1234</tones><toneDuration>3</toneDuration><pauseDuration>3</pauseDuration></SendDTMFTone>",
    ),
    (
        SendDTMFToneResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SendDTMFToneResponse xmlns=\"http://www.avaya.com/csta\"/>",
    ),
    (
        GetCallLinkageData(call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetCallLinkageData xmlns=\"http://www.avaya.com/csta\"><call><callID>179</callID><deviceID>1001:CM1::0</deviceID></call></GetCallLinkageData>",
    ),
    (
        GetCallLinkageDataResponse(
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetCallLinkageDataResponse xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></GetCallLinkageDataResponse>",
    ),
    (
        SetAgentStatePrivateData(work_mode=WorkMode.AUTO_IN, reason_code=3, enable_pending=True),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetAgentStatePrivateData xmlns=\"http://www.avaya.com/csta\"><workMode>autoIn</workMode><reasonCode>3</reasonCode><enablePending>true</enablePending></SetAgentStatePrivateData>",
    ),
    (
        SetAgentStateResponsePrivateData(is_pending=True),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetAgentStateResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><isPending>true</isPending></SetAgentStateResponsePrivateData>",
    ),
    (
        GetAgentStateResponsePrivateData(
            work_mode=WorkMode.AUTO_IN, talk_state=TalkState.ON_CALL, reason_code=3, pending_reason_code=3
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAgentStateResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><workMode>autoIn</workMode><talkState>onCall</talkState><reasonCode>3</reasonCode><pendingReasonCode>3</pendingReasonCode></GetAgentStateResponsePrivateData>",
    ),
    (
        AgentReadyEventPrivateData(reason_code=3, pending_work_mode=WorkMode.AUTO_IN, pending_reason_code=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentReadyEventPrivateData xmlns=\"http://www.avaya.com/csta\"><reasonCode>3</reasonCode><pendingWorkMode>autoIn</pendingWorkMode><pendingReasonCode>3</pendingReasonCode></AgentReadyEventPrivateData>",
    ),
    (
        AgentNotReadyEventPrivateData(reason_code=3, pending_work_mode=WorkMode.AUTO_IN, pending_reason_code=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentNotReadyEventPrivateData xmlns=\"http://www.avaya.com/csta\"><reasonCode>3</reasonCode><pendingWorkMode>autoIn</pendingWorkMode><pendingReasonCode>3</pendingReasonCode></AgentNotReadyEventPrivateData>",
    ),
    (
        AgentWorkingAfterCallEventPrivateData(reason_code=3, pending_work_mode=WorkMode.AUTO_IN, pending_reason_code=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentWorkingAfterCallEventPrivateData xmlns=\"http://www.avaya.com/csta\"><reasonCode>3</reasonCode><pendingWorkMode>autoIn</pendingWorkMode><pendingReasonCode>3</pendingReasonCode></AgentWorkingAfterCallEventPrivateData>",
    ),
    (
        AgentLoggedOffEventPrivateData(reason_code=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentLoggedOffEventPrivateData xmlns=\"http://www.avaya.com/csta\"><reasonCode>3</reasonCode></AgentLoggedOffEventPrivateData>",
    ),
    (
        GetAcdSplit(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAcdSplit xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetAcdSplit>",
    ),
    (
        GetAcdSplitResponse(available_agents=3, calls_in_queue=3, agents_logged_in=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAcdSplitResponse xmlns=\"http://www.avaya.com/csta\"><availableAgents>3</availableAgents><callsInQueue>3</callsInQueue><agentsLoggedIn>3</agentsLoggedIn></GetAcdSplitResponse>",
    ),
    (
        GetAgentLogin(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAgentLogin xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetAgentLogin>",
    ),
    (
        GetAgentLoginResponse(agent_login_extension_list=("agent-login-extension-list",)),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAgentLoginResponse xmlns=\"http://www.avaya.com/csta\"><agentLoginExtensionList><agentExtension>agent-login-extension-list</agentExtension></agentLoginExtensionList></GetAgentLoginResponse>",
    ),
    (
        AgentLoginExtensionEvent(
            monitor_cross_ref_id="7", agent_login_extension_list=("agent-login-extension-list",), is_final_response=True
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentLoginExtensionEvent xmlns=\"http://www.avaya.com/csta\"><monitorCrossRefID>7</monitorCrossRefID><agentLoginExtensionList><agentExtension>agent-login-extension-list</agentExtension></agentLoginExtensionList><isFinalResponse>true</isFinalResponse></AgentLoginExtensionEvent>",
    ),
    (
        GetMessageWaitingIndicatorResponsePrivateData(mwi_application_type=(MWIApplicationType.CTI_ASAI,)),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetMessageWaitingIndicatorResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><mwiApplicationType>CTI_ASAI</mwiApplicationType></GetMessageWaitingIndicatorResponsePrivateData>",
    ),
    (
        SnapshotDevicePrivateData(get_station_status=True),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotDevicePrivateData xmlns=\"http://www.avaya.com/csta\"><getStationStatus>true</getStationStatus></SnapshotDevicePrivateData>",
    ),
    (
        SnapshotDeviceResponsePrivateData(station_status=StationStatus.BUSY, service_state=ServiceState.IN_SERVICE),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotDeviceResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><stationStatus>busy</stationStatus><serviceState>inService</serviceState></SnapshotDeviceResponsePrivateData>",
    ),
    (
        DeliveredEventPrivateData(
            trunk_group="12",
            trunk_member="3",
            acd_group=DeviceID(value="1001:CM1::0"),
            look_ahead_info=LookAheadInfo(
                type=InterflowType.NO_INTERFLOW,
                priority=InterflowPriority.NOT_IN_QUEUE,
                hours=3,
                minutes=3,
                seconds=3,
                source_vdn="source-vdn",
            ),
            user_entered_code=UserEnteredCode(
                user_entered_code_type=UserEnteredCodeType.ANY,
                user_entered_code_indicator=UserEnteredCodeIndicator.COLLECT,
                data="data",
                collect_vdn=DeviceID(value="1001:CM1::0"),
            ),
            distributing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            distributing_vdn=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            original_call_info=OriginalCallInfo(
                reason=3,
                network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                trunk_group="12",
                trunk_member="3",
                look_ahead_info=LookAheadInfo(
                    type=InterflowType.NO_INTERFLOW,
                    priority=InterflowPriority.NOT_IN_QUEUE,
                    hours=3,
                    minutes=3,
                    seconds=3,
                    source_vdn="source-vdn",
                ),
                user_entered_code=UserEnteredCode(
                    user_entered_code_type=UserEnteredCodeType.ANY,
                    user_entered_code_indicator=UserEnteredCodeIndicator.COLLECT,
                    data="data",
                    collect_vdn=DeviceID(value="1001:CM1::0"),
                ),
                user_data=UserData(string=b"\x01\xab"),
                call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
            ),
            channel_type=ChannelType.UNKNOWN,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DeliveredEventPrivateData xmlns=\"http://www.avaya.com/csta\"><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><acdGroup>1001:CM1::0</acdGroup><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><distributingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingDevice><distributingVDN><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingVDN><originalCallInfo><reason>3</reason><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><userData><string>01AB</string></userData><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></originalCallInfo><channelType>UNKNOWN</channelType></DeliveredEventPrivateData>",
    ),
    (
        EstablishedEventPrivateData(
            trunk_group="12",
            trunk_member="3",
            acd_group=DeviceID(value="1001:CM1::0"),
            look_ahead_info=LookAheadInfo(
                type=InterflowType.NO_INTERFLOW,
                priority=InterflowPriority.NOT_IN_QUEUE,
                hours=3,
                minutes=3,
                seconds=3,
                source_vdn="source-vdn",
            ),
            user_entered_code=UserEnteredCode(
                user_entered_code_type=UserEnteredCodeType.ANY,
                user_entered_code_indicator=UserEnteredCodeIndicator.COLLECT,
                data="data",
                collect_vdn=DeviceID(value="1001:CM1::0"),
            ),
            reason=ReasonCode.NONE,
            distributing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            distributing_vdn=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            original_call_info=OriginalCallInfo(
                reason=3,
                network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                trunk_group="12",
                trunk_member="3",
                look_ahead_info=LookAheadInfo(
                    type=InterflowType.NO_INTERFLOW,
                    priority=InterflowPriority.NOT_IN_QUEUE,
                    hours=3,
                    minutes=3,
                    seconds=3,
                    source_vdn="source-vdn",
                ),
                user_entered_code=UserEnteredCode(
                    user_entered_code_type=UserEnteredCodeType.ANY,
                    user_entered_code_indicator=UserEnteredCodeIndicator.COLLECT,
                    data="data",
                    collect_vdn=DeviceID(value="1001:CM1::0"),
                ),
                user_data=UserData(string=b"\x01\xab"),
                call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
            ),
            channel_type=ChannelType.UNKNOWN,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<EstablishedEventPrivateData xmlns=\"http://www.avaya.com/csta\"><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><acdGroup>1001:CM1::0</acdGroup><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><reason>none</reason><distributingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingDevice><distributingVDN><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingVDN><originalCallInfo><reason>3</reason><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><userData><string>01AB</string></userData><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></originalCallInfo><channelType>UNKNOWN</channelType></EstablishedEventPrivateData>",
    ),
    (
        OriginatedEventPrivateData(logical_agent="logical-agent", user_data=UserData(string=b"\x01\xab")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<OriginatedEventPrivateData xmlns=\"http://www.avaya.com/csta\"><logicalAgent>logical-agent</logicalAgent><userData><string>01AB</string></userData></OriginatedEventPrivateData>",
    ),
    (
        TransferredEventPrivateData(
            distributing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            distributing_vdn=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            trunk_list=(
                TrunkInterfaceInfoItem(
                    connection_asn=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    trunk_group="12",
                    trunk_member="3",
                ),
            ),
            original_call_info=OriginalCallInfo(
                reason=3,
                network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                trunk_group="12",
                trunk_member="3",
                look_ahead_info=LookAheadInfo(
                    type=InterflowType.NO_INTERFLOW,
                    priority=InterflowPriority.NOT_IN_QUEUE,
                    hours=3,
                    minutes=3,
                    seconds=3,
                    source_vdn="source-vdn",
                ),
                user_entered_code=UserEnteredCode(
                    user_entered_code_type=UserEnteredCodeType.ANY,
                    user_entered_code_indicator=UserEnteredCodeIndicator.COLLECT,
                    data="data",
                    collect_vdn=DeviceID(value="1001:CM1::0"),
                ),
                user_data=UserData(string=b"\x01\xab"),
                call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<TransferredEventPrivateData xmlns=\"http://www.avaya.com/csta\"><distributingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingDevice><distributingVDN><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingVDN><trunkList><trunkInterfaceInfoItem><connection_asn><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection_asn><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember></trunkInterfaceInfoItem></trunkList><originalCallInfo><reason>3</reason><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><userData><string>01AB</string></userData><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></originalCallInfo></TransferredEventPrivateData>",
    ),
    (
        ConferencedEventPrivateData(
            distributing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            distributing_vdn=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            trunk_list=(
                TrunkInterfaceInfoItem(
                    connection_asn=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    trunk_group="12",
                    trunk_member="3",
                ),
            ),
            original_call_info=OriginalCallInfo(
                reason=3,
                network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                trunk_group="12",
                trunk_member="3",
                look_ahead_info=LookAheadInfo(
                    type=InterflowType.NO_INTERFLOW,
                    priority=InterflowPriority.NOT_IN_QUEUE,
                    hours=3,
                    minutes=3,
                    seconds=3,
                    source_vdn="source-vdn",
                ),
                user_entered_code=UserEnteredCode(
                    user_entered_code_type=UserEnteredCodeType.ANY,
                    user_entered_code_indicator=UserEnteredCodeIndicator.COLLECT,
                    data="data",
                    collect_vdn=DeviceID(value="1001:CM1::0"),
                ),
                user_data=UserData(string=b"\x01\xab"),
                call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConferencedEventPrivateData xmlns=\"http://www.avaya.com/csta\"><distributingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingDevice><distributingVDN><deviceIdentifier>1001:CM1::0</deviceIdentifier></distributingVDN><trunkList><trunkInterfaceInfoItem><connection_asn><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection_asn><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember></trunkInterfaceInfoItem></trunkList><originalCallInfo><reason>3</reason><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><lookAheadInfo><type>noInterflow</type><priority>notInQueue</priority><hours>3</hours><minutes>3</minutes><seconds>3</seconds><sourceVDN>source-vdn</sourceVDN></lookAheadInfo><userEnteredCode><userEnteredCodeType>any</userEnteredCodeType><userEnteredCodeIndicator>collect</userEnteredCodeIndicator><data>data</data><collectVDN>1001:CM1::0</collectVDN></userEnteredCode><userData><string>01AB</string></userData><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></originalCallInfo></ConferencedEventPrivateData>",
    ),
    (
        CallClearedEventPrivateData(reason=ReasonCode.NONE),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<CallClearedEventPrivateData xmlns=\"http://www.avaya.com/csta\"><reason>none</reason></CallClearedEventPrivateData>",
    ),
    (
        ServiceLinkStatusEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            service_link_up=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ServiceLinkStatusEvent xmlns=\"http://www.avaya.com/csta\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><serviceLinkUp>true</serviceLinkUp></ServiceLinkStatusEvent>",
    ),
    (
        EnteredDigitsEvent(
            monitor_cross_ref_id="7",
            connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            digits="42",
            local_connection_info=LocalConnectionState.NULL,
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<EnteredDigitsEvent xmlns=\"http://www.avaya.com/csta\"><monitorCrossRefID>7</monitorCrossRefID><connection><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection><digits>42</digits><localConnectionInfo>null</localConnectionInfo><cause>aCDBusy</cause></EnteredDigitsEvent>",
    ),
    (
        GetTimeOfDay(switch_name="CM1"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetTimeOfDay xmlns=\"http://www.avaya.com/csta\"><switchName>CM1</switchName></GetTimeOfDay>",
    ),
    (
        GetTimeOfDayResponse(switch_name="CM1", year=3, month=3, day=3, hour=3, minute=3, second=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetTimeOfDayResponse xmlns=\"http://www.avaya.com/csta\"><switchName>CM1</switchName><year>3</year><month>3</month><day>3</day><hour>3</hour><minute>3</minute><second>3</second></GetTimeOfDayResponse>",
    ),
    (
        GetPhysicalDeviceName(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetPhysicalDeviceName xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetPhysicalDeviceName>",
    ),
    (
        GetPhysicalDeviceNameResponse(device_type=DeviceType.ACD_SPLIT, device="device", name="name"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetPhysicalDeviceNameResponse xmlns=\"http://www.avaya.com/csta\"><deviceType>acdSplit</deviceType><device>device</device><name>name</name></GetPhysicalDeviceNameResponse>",
    ),
    (
        GetDeviceInfo(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDeviceInfo xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetDeviceInfo>",
    ),
    (
        GetDeviceInfoResponse(
            device=DeviceID(value="1001:CM1::0"),
            device_type=DeviceType.ACD_SPLIT,
            device_class="other",
            extension_class="hunt",
            associated_class="other",
            associated_device=DeviceID(value="1001:CM1::0"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDeviceInfoResponse xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device><deviceType>acdSplit</deviceType><deviceClass>other</deviceClass><extensionClass>hunt</extensionClass><associatedClass>other</associatedClass><associatedDevice>1001:CM1::0</associatedDevice></GetDeviceInfoResponse>",
    ),
    (
        GetTrunkGroupInfo(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetTrunkGroupInfo xmlns=\"http://www.avaya.com/csta\"><device>1001:CM1::0</device></GetTrunkGroupInfo>",
    ),
    (
        GetTrunkGroupInfoResponse(idle_trunks=3, used_trunks=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetTrunkGroupInfoResponse xmlns=\"http://www.avaya.com/csta\"><idleTrunks>3</idleTrunks><usedTrunks>3</usedTrunks></GetTrunkGroupInfoResponse>",
    ),
    (
        GetCallClassifierInfo(switch_name="CM1"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetCallClassifierInfo xmlns=\"http://www.avaya.com/csta\"><switchName>CM1</switchName></GetCallClassifierInfo>",
    ),
    (
        GetCallClassifierInfoResponse(num_avail_ports=3, num_in_use_ports=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetCallClassifierInfoResponse xmlns=\"http://www.avaya.com/csta\"><numAvailPorts>3</numAvailPorts><numInUsePorts>3</numInUsePorts></GetCallClassifierInfoResponse>",
    ),
    # --- _callcontrol
    (
        MakeCall(
            calling_device=DeviceID(value="1001:CM1::0"),
            called_directory_number=DeviceID(value="1001:CM1::0"),
            auto_originate=AutoOriginate.PROMPT,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MakeCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callingDevice>1001:CM1::0</callingDevice><calledDirectoryNumber>1001:CM1::0</calledDirectoryNumber><autoOriginate>prompt</autoOriginate><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData></MakeCall>",
    ),
    (
        MakeCallResponse(calling_device=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MakeCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callingDevice><callID>179</callID><deviceID>1001:CM1::0</deviceID></callingDevice></MakeCallResponse>",
    ),
    (
        AnswerCall(
            call_to_be_answered=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AnswerCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callToBeAnswered><callID>179</callID><deviceID>1001:CM1::0</deviceID></callToBeAnswered><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData></AnswerCall>",
    ),
    (
        AnswerCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AnswerCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        ClearConnection(
            connection_to_be_cleared=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            reason=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ClearConnection xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><connectionToBeCleared><callID>179</callID><deviceID>1001:CM1::0</deviceID></connectionToBeCleared><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><reason>aCDBusy</reason></ClearConnection>",
    ),
    (
        ClearConnectionResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ClearConnectionResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        ClearCall(
            call_to_be_cleared=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            user_data=UserData(string=b"\x01\xab"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ClearCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callToBeCleared><callID>179</callID><deviceID>1001:CM1::0</deviceID></callToBeCleared><userData><string>01AB</string></userData></ClearCall>",
    ),
    (
        ClearCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ClearCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        HoldCall(
            call_to_be_held=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            connection_reservation=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<HoldCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callToBeHeld><callID>179</callID><deviceID>1001:CM1::0</deviceID></callToBeHeld><connectionReservation>true</connectionReservation></HoldCall>",
    ),
    (
        HoldCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<HoldCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        RetrieveCall(call_to_be_retrieved=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RetrieveCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callToBeRetrieved><callID>179</callID><deviceID>1001:CM1::0</deviceID></callToBeRetrieved></RetrieveCall>",
    ),
    (
        RetrieveCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RetrieveCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        ConsultationCall(
            existing_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            consulted_device=DeviceID(value="1001:CM1::0"),
            connection_reservation=True,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            consult_options=ConsultOptions.UNRESTRICTED,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConsultationCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><existingCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></existingCall><consultedDevice>1001:CM1::0</consultedDevice><connectionReservation>true</connectionReservation><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><consultOptions>unrestricted</consultOptions></ConsultationCall>",
    ),
    (
        ConsultationCallResponse(initiated_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConsultationCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><initiatedCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></initiatedCall></ConsultationCallResponse>",
    ),
    (
        TransferCall(
            held_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            active_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<TransferCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><heldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></heldCall><activeCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></activeCall></TransferCall>",
    ),
    (
        TransferCallResponse(
            transferred_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            connections=(
                ConnectionListItem(
                    new_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    old_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    endpoint=ConnectionListItemEndpoint(device_id=DeviceID(value="1001:CM1::0")),
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<TransferCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><transferredCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></transferredCall><connections><connectionListItem><newConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></newConnection><oldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></oldConnection><endpoint><deviceID>1001:CM1::0</deviceID></endpoint></connectionListItem></connections></TransferCallResponse>",
    ),
    (
        ConferenceCall(
            held_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            active_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConferenceCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><heldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></heldCall><activeCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></activeCall></ConferenceCall>",
    ),
    (
        ConferenceCallResponse(
            conference_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            connections=(
                ConnectionListItem(
                    new_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    old_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    endpoint=ConnectionListItemEndpoint(device_id=DeviceID(value="1001:CM1::0")),
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConferenceCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><conferenceCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></conferenceCall><connections><connectionListItem><newConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></newConnection><oldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></oldConnection><endpoint><deviceID>1001:CM1::0</deviceID></endpoint></connectionListItem></connections></ConferenceCallResponse>",
    ),
    (
        ReconnectCall(
            active_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            held_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ReconnectCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><activeCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></activeCall><heldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></heldCall></ReconnectCall>",
    ),
    (
        ReconnectCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ReconnectCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        AlternateCall(
            held_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            active_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            connection_reservation=True,
            consult_options=ConsultOptions.UNRESTRICTED,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AlternateCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><heldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></heldCall><activeCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></activeCall><connectionReservation>true</connectionReservation><consultOptions>unrestricted</consultOptions></AlternateCall>",
    ),
    (
        AlternateCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AlternateCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        SingleStepTransferCall(
            active_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            transferred_to=DeviceID(value="1001:CM1::0"),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            reason=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SingleStepTransferCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><activeCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></activeCall><transferredTo>1001:CM1::0</transferredTo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><reason>aCDBusy</reason></SingleStepTransferCall>",
    ),
    (
        SingleStepTransferCallResponse(
            transferred_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            connections=(
                ConnectionListItem(
                    new_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    old_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    endpoint=ConnectionListItemEndpoint(device_id=DeviceID(value="1001:CM1::0")),
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SingleStepTransferCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><transferredCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></transferredCall><connections><connectionListItem><newConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></newConnection><oldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></oldConnection><endpoint><deviceID>1001:CM1::0</deviceID></endpoint></connectionListItem></connections></SingleStepTransferCallResponse>",
    ),
    (
        SingleStepConferenceCall(
            active_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            device_to_join=DeviceID(value="1001:CM1::0"),
            participation_type=ParticipationType.SILENT,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SingleStepConferenceCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><activeCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></activeCall><deviceToJoin>1001:CM1::0</deviceToJoin><participationType>silent</participationType><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData></SingleStepConferenceCall>",
    ),
    (
        SingleStepConferenceCallResponse(
            conferenced_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SingleStepConferenceCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><conferencedCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></conferencedCall></SingleStepConferenceCallResponse>",
    ),
    (
        DeflectCall(
            call_to_be_diverted=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            new_destination=DeviceID(value="1001:CM1::0"),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            reason=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DeflectCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callToBeDiverted><callID>179</callID><deviceID>1001:CM1::0</deviceID></callToBeDiverted><newDestination>1001:CM1::0</newDestination><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><reason>aCDBusy</reason></DeflectCall>",
    ),
    (
        DeflectCallResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DeflectCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        DirectedPickupCall(
            call_to_be_picked_up=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            requesting_device=DeviceID(value="1001:CM1::0"),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DirectedPickupCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callToBePickedUp><callID>179</callID><deviceID>1001:CM1::0</deviceID></callToBePickedUp><requestingDevice>1001:CM1::0</requestingDevice><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData></DirectedPickupCall>",
    ),
    (
        DirectedPickupCallResponse(picked_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DirectedPickupCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><pickedCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></pickedCall></DirectedPickupCallResponse>",
    ),
    (
        GroupPickupCall(
            new_destination=DeviceID(value="1001:CM1::0"),
            pick_group=DeviceID(value="1001:CM1::0"),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GroupPickupCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><newDestination>1001:CM1::0</newDestination><pickGroup>1001:CM1::0</pickGroup><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData></GroupPickupCall>",
    ),
    (
        GroupPickupCallResponse(picked_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GroupPickupCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><pickedCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></pickedCall></GroupPickupCallResponse>",
    ),
    (
        GenerateDigits(
            connection_to_send_digits=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            digit_mode=DigitMode.ROTARY_PULSE,
            characters_to_send="123#",
            tone_duration=3,
            pulse_rate=3,
            pause_duration=3,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GenerateDigits xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><connectionToSendDigits><callID>179</callID><deviceID>1001:CM1::0</deviceID></connectionToSendDigits><digitMode>rotaryPulse</digitMode><charactersToSend>123#</charactersToSend><toneDuration>3</toneDuration><pulseRate>3</pulseRate><pauseDuration>3</pauseDuration></GenerateDigits>",
    ),
    (
        GenerateDigitsResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GenerateDigitsResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    # --- _logical
    (
        SetAgentState(
            device=DeviceID(value="1001:CM1::0"),
            requested_agent_state=ReqAgentState.LOGGED_ON,
            agent_id="5001",
            password=b"\x01\xab",
            group=DeviceID(value="1001:CM1::0"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetAgentState xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><requestedAgentState>loggedOn</requestedAgentState><agentID>5001</agentID><password>01AB</password><group>1001:CM1::0</group></SetAgentState>",
    ),
    (
        SetAgentStateResponse(pending_agent_state=PendingAgentState.AGENT_NOT_READY),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetAgentStateResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><pendingAgentState>agentNotReady</pendingAgentState></SetAgentStateResponse>",
    ),
    (
        GetAgentState(device=DeviceID(value="1001:CM1::0"), acd_group=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAgentState xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><acdGroup>1001:CM1::0</acdGroup></GetAgentState>",
    ),
    (
        GetAgentStateResponse(
            agent_state_list=(
                AgentStateEntry(
                    agent_id="5001",
                    logged_on_state=True,
                    agent_info=(
                        AgentInfoItem(
                            acd_group=DeviceID(value="1001:CM1::0"),
                            agent_state=AgentState.AGENT_NOT_READY,
                            pending_agent_state=PendingAgentState.AGENT_NOT_READY,
                            agent_state_condition=AgentStateCondition.FORCED_PAUSE,
                        ),
                    ),
                ),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetAgentStateResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><agentStateList><agentStateEntry><agentID>5001</agentID><loggedOnState>true</loggedOnState><agentInfo><agentInfoItem><acdGroup>1001:CM1::0</acdGroup><agentState>agentNotReady</agentState><pendingAgentState>agentNotReady</pendingAgentState><agentStateCondition>forcedPause</agentStateCondition></agentInfoItem></agentInfo></agentStateEntry></agentStateList></GetAgentStateResponse>",
    ),
    (
        SetDoNotDisturb(
            device=DeviceID(value="1001:CM1::0"),
            do_not_disturb_on=True,
            call_origination=CallOrigination(external=True),
            calling_device_list=(DeviceID(value="1001:CM1::0"),),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetDoNotDisturb xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><doNotDisturbOn>true</doNotDisturbOn><callOrigination><external>true</external></callOrigination><callingDeviceList><callingDevice>1001:CM1::0</callingDevice></callingDeviceList></SetDoNotDisturb>",
    ),
    (
        SetDoNotDisturbResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetDoNotDisturbResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        GetDoNotDisturb(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDoNotDisturb xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device></GetDoNotDisturb>",
    ),
    (
        GetDoNotDisturbResponse(
            do_not_disturb_on=True,
            call_origination=CallOrigination(external=True),
            calling_device_list=(DeviceID(value="1001:CM1::0"),),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDoNotDisturbResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><doNotDisturbOn>true</doNotDisturbOn><callOrigination><external>true</external></callOrigination><callingDeviceList><callingDevice>1001:CM1::0</callingDevice></callingDeviceList></GetDoNotDisturbResponse>",
    ),
    (
        SetForwarding(
            device=DeviceID(value="1001:CM1::0"),
            forwarding_type=ForwardingType.FORWARD_IMMEDIATE,
            activate_forward=True,
            forward_dn=DeviceID(value="1001:CM1::0"),
            ring_count=3,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetForwarding xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><forwardingType>forwardImmediate</forwardingType><activateForward>true</activateForward><forwardDN>1001:CM1::0</forwardDN><ringCount>3</ringCount></SetForwarding>",
    ),
    (
        SetForwardingResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetForwardingResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        GetForwarding(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetForwarding xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device></GetForwarding>",
    ),
    (
        GetForwardingResponse(
            forwarding_list=(
                ForwardListItem(
                    forwarding_type=ForwardingType.FORWARD_IMMEDIATE,
                    forward_status=True,
                    forward_dn=DeviceID(value="1001:CM1::0"),
                    forward_default=ForwardDefault.FORWARDING_TYPE_AND_FORWARD_DN,
                    ring_count=3,
                ),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetForwardingResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><forwardingList><forwardListItem><forwardingType>forwardImmediate</forwardingType><forwardStatus>true</forwardStatus><forwardDN>1001:CM1::0</forwardDN><forwardDefault>forwardingTypeAndForwardDN</forwardDefault><ringCount>3</ringCount></forwardListItem></forwardingList></GetForwardingResponse>",
    ),
    (
        SetMessageWaitingIndicator(
            device=DeviceID(value="1001:CM1::0"),
            message_waiting_on=True,
            device_for_message=DeviceID(value="1001:CM1::0"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetMessageWaitingIndicator xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><messageWaitingOn>true</messageWaitingOn><deviceForMessage>1001:CM1::0</deviceForMessage></SetMessageWaitingIndicator>",
    ),
    (
        SetMessageWaitingIndicatorResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetMessageWaitingIndicatorResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        GetMessageWaitingIndicator(device=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetMessageWaitingIndicator xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device></GetMessageWaitingIndicator>",
    ),
    (
        GetMessageWaitingIndicatorResponse(
            message_waiting_on=True, device_for_message=DeviceID(value="1001:CM1::0"), lamp_is_present=True
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetMessageWaitingIndicatorResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><messageWaitingOn>true</messageWaitingOn><deviceForMessage>1001:CM1::0</deviceForMessage><lampIsPresent>true</lampIsPresent></GetMessageWaitingIndicatorResponse>",
    ),
    # --- _physical
    (
        GetButtonInformation(device=DeviceID(value="1001:CM1::0"), button="264"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetButtonInformation xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><button>264</button></GetButtonInformation>",
    ),
    (
        GetButtonInformationResponse(
            button_list=(
                ButtonItem(
                    button="264",
                    button_label="button-label",
                    button_label_settable=True,
                    button_function="button-function",
                    button_associated_number=DeviceID(value="1001:CM1::0"),
                    button_associated_number_settable=True,
                    button_press_indicator=True,
                    lamp_list=("lamp-list",),
                ),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetButtonInformationResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><buttonList><buttonItem><button>264</button><buttonLabel>button-label</buttonLabel><buttonLabelSettable>true</buttonLabelSettable><buttonFunction>button-function</buttonFunction><buttonAssociatedNumber>1001:CM1::0</buttonAssociatedNumber><buttonAssociatedNumberSettable>true</buttonAssociatedNumberSettable><buttonPressIndicator>true</buttonPressIndicator><lampList><lampID>lamp-list</lampID></lampList></buttonItem></buttonList></GetButtonInformationResponse>",
    ),
    (
        ButtonPress(device=DeviceID(value="1001:CM1::0"), button="264"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ButtonPress xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><button>264</button></ButtonPress>",
    ),
    (
        ButtonPressResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ButtonPressResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        GetLampMode(device=DeviceID(value="1001:CM1::0"), lamp="lamp"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetLampMode xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><lamp>lamp</lamp></GetLampMode>",
    ),
    (
        GetLampModeResponse(
            lamp_mode_list=(
                LampModeItem(
                    lamp="lamp", lamp_mode=3, lamp_brightness=LampBrightness.UNSPECIFIED, lamp_color=3, button="264"
                ),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetLampModeResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><lampModeList><lampModeItem><lamp>lamp</lamp><lampMode>3</lampMode><lampBrightness>unspecified</lampBrightness><lampColor>3</lampColor><button>264</button></lampModeItem></lampModeList></GetLampModeResponse>",
    ),
    (
        GetDisplay(device=DeviceID(value="1001:CM1::0"), display="display"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDisplay xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><display>display</display></GetDisplay>",
    ),
    (
        GetDisplayResponse(
            display_list=(
                DisplayListItem(
                    display_id="display-id",
                    logical_rows=3,
                    logical_columns=3,
                    physical_rows=3,
                    physical_columns=3,
                    physical_base_row_number=3,
                    physical_base_column_number=3,
                    character_set=CharacterSet.ASCII,
                    contents_of_display="contents-of-display",
                ),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetDisplayResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><displayList><displayListItem><displayID>display-id</displayID><logicalRows>3</logicalRows><logicalColumns>3</logicalColumns><physicalRows>3</physicalRows><physicalColumns>3</physicalColumns><physicalBaseRowNumber>3</physicalBaseRowNumber><physicalBaseColumnNumber>3</physicalBaseColumnNumber><characterSet>ascii</characterSet><contentsOfDisplay>contents-of-display</contentsOfDisplay></displayListItem></displayList></GetDisplayResponse>",
    ),
    (
        GetHookswitchStatus(device=DeviceID(value="1001:CM1::0"), hookswitch="hookswitch"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetHookswitchStatus xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><hookswitch>hookswitch</hookswitch></GetHookswitchStatus>",
    ),
    (
        GetHookswitchStatusResponse(
            hookswitch_status_list=(HookswitchStatusItem(hookswitch="hookswitch", hookswitch_on_hook=True),)
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetHookswitchStatusResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><hookswitchStatusList><hookswitchStatusItem><hookswitch>hookswitch</hookswitch><hookswitchOnHook>true</hookswitchOnHook></hookswitchStatusItem></hookswitchStatusList></GetHookswitchStatusResponse>",
    ),
    (
        SetHookswitchStatus(device=DeviceID(value="1001:CM1::0"), hookswitch="hookswitch", hookswitch_onhook=True),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetHookswitchStatus xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><hookswitch>hookswitch</hookswitch><hookswitchOnhook>true</hookswitchOnhook></SetHookswitchStatus>",
    ),
    (
        SetHookswitchStatusResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SetHookswitchStatusResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        GetRingerStatus(device=DeviceID(value="1001:CM1::0"), ringer="ringer"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetRingerStatus xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>1001:CM1::0</device><ringer>ringer</ringer></GetRingerStatus>",
    ),
    (
        GetRingerStatusResponse(
            ringer_status_list=(
                RingerStatusItem(
                    ringer="ringer",
                    ring_mode=RingMode.RINGING,
                    ring_count="ring-count",
                    ring_pattern=3,
                    ring_vol_abs="ring-vol-abs",
                ),
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<GetRingerStatusResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><ringerStatusList><ringerStatusItem><ringer>ringer</ringer><ringMode>ringing</ringMode><ringCount>ring-count</ringCount><ringPattern>3</ringPattern><ringVolAbs>ring-vol-abs</ringVolAbs></ringerStatusItem></ringerStatusList></GetRingerStatusResponse>",
    ),
    # --- _events
    (
        ServiceInitiatedEvent(
            monitor_cross_ref_id="7",
            initiated_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            initiating_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ServiceInitiatedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><initiatedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></initiatedConnection><initiatingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></initiatingDevice><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></ServiceInitiatedEvent>",
    ),
    (
        OriginatedEvent(
            monitor_cross_ref_id="7",
            originated_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            originating_device=DeviceID(value="1001:CM1::0"),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<OriginatedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><originatedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></originatedConnection><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><originatingDevice>1001:CM1::0</originatingDevice><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></OriginatedEvent>",
    ),
    (
        DeliveredEvent(
            monitor_cross_ref_id="7",
            connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            alerting_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            last_redirection_device=RedirectionDeviceID(number_dialed=DeviceID(value="1001:CM1::0")),
            originating_nid_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DeliveredEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><connection><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection><alertingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></alertingDevice><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><lastRedirectionDevice><numberDialed>1001:CM1::0</numberDialed></lastRedirectionDevice><originatingNIDConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></originatingNIDConnection><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></DeliveredEvent>",
    ),
    (
        EstablishedEvent(
            monitor_cross_ref_id="7",
            established_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            answering_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            last_redirection_device=RedirectionDeviceID(number_dialed=DeviceID(value="1001:CM1::0")),
            originatin_nid_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<EstablishedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><establishedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></establishedConnection><answeringDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></answeringDevice><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><lastRedirectionDevice><numberDialed>1001:CM1::0</numberDialed></lastRedirectionDevice><originatinNIDConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></originatinNIDConnection><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></EstablishedEvent>",
    ),
    (
        ConnectionClearedEvent(
            monitor_cross_ref_id="7",
            dropped_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            releasing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConnectionClearedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><droppedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></droppedConnection><releasingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></releasingDevice><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></ConnectionClearedEvent>",
    ),
    (
        CallClearedEvent(
            monitor_cross_ref_id="7",
            cleared_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<CallClearedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><clearedCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></clearedCall><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></CallClearedEvent>",
    ),
    (
        HeldEvent(
            monitor_cross_ref_id="7",
            held_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            holding_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<HeldEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><heldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></heldConnection><holdingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></holdingDevice><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><cause>aCDBusy</cause><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></HeldEvent>",
    ),
    (
        RetrievedEvent(
            monitor_cross_ref_id="7",
            retrieved_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            retrieving_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RetrievedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><retrievedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></retrievedConnection><retrievingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></retrievingDevice><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><cause>aCDBusy</cause><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></RetrievedEvent>",
    ),
    (
        TransferedEvent(
            monitor_cross_ref_id="7",
            primary_old_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            secondary_old_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            transferring_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            transferred_to_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            transferred_connections=(
                ConnectionListItem(
                    new_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    old_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    endpoint=ConnectionListItemEndpoint(device_id=DeviceID(value="1001:CM1::0")),
                ),
            ),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            call_linkage_data_list=CallLinkageDataList(
                new_call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
                old_call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<TransferedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><primaryOldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></primaryOldCall><secondaryOldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></secondaryOldCall><transferringDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></transferringDevice><transferredToDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></transferredToDevice><transferredConnections><connectionListItem><newConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></newConnection><oldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></oldConnection><endpoint><deviceID>1001:CM1::0</deviceID></endpoint></connectionListItem></transferredConnections><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><callLinkageDataList><newCallLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></newCallLinkageData><oldCallLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></oldCallLinkageData></callLinkageDataList></TransferedEvent>",
    ),
    (
        ConferencedEvent(
            monitor_cross_ref_id="7",
            primary_old_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            secondary_old_call=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            conferencing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            added_party=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            conference_connections=(
                ConnectionListItem(
                    new_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    old_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                    endpoint=ConnectionListItemEndpoint(device_id=DeviceID(value="1001:CM1::0")),
                ),
            ),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            call_linkage_data_list=CallLinkageDataList(
                new_call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
                old_call_linkage_data=CallLinkageData(
                    global_call_data=GlobalCallData(
                        global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                        global_call_linkage_id=GlobalCallLinkageID(
                            globally_unique_call_linkage_id="00001001791428242051"
                        ),
                        call_linkage_id_timestamp="call-linkage-id-timestamp",
                    )
                ),
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ConferencedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><primaryOldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></primaryOldCall><secondaryOldCall><callID>179</callID><deviceID>1001:CM1::0</deviceID></secondaryOldCall><conferencingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></conferencingDevice><addedParty><deviceIdentifier>1001:CM1::0</deviceIdentifier></addedParty><conferenceConnections><connectionListItem><newConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></newConnection><oldConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></oldConnection><endpoint><deviceID>1001:CM1::0</deviceID></endpoint></connectionListItem></conferenceConnections><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><callLinkageDataList><newCallLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></newCallLinkageData><oldCallLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></oldCallLinkageData></callLinkageDataList></ConferencedEvent>",
    ),
    (
        DivertedEvent(
            monitor_cross_ref_id="7",
            connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            diverting_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            new_destination=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            last_redirection_device=RedirectionDeviceID(number_dialed=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DivertedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><connection><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection><divertingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></divertingDevice><newDestination><deviceIdentifier>1001:CM1::0</deviceIdentifier></newDestination><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><lastRedirectionDevice><numberDialed>1001:CM1::0</numberDialed></lastRedirectionDevice><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></DivertedEvent>",
    ),
    (
        FailedEvent(
            monitor_cross_ref_id="7",
            failed_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            failing_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            last_redirection_device=RedirectionDeviceID(number_dialed=DeviceID(value="1001:CM1::0")),
            originating_nid_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<FailedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><failedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></failedConnection><failingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></failingDevice><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><lastRedirectionDevice><numberDialed>1001:CM1::0</numberDialed></lastRedirectionDevice><originatingNIDConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></originatingNIDConnection><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></FailedEvent>",
    ),
    (
        QueuedEvent(
            monitor_cross_ref_id="7",
            queued_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            queue=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            last_redirection_device=RedirectionDeviceID(number_dialed=DeviceID(value="1001:CM1::0")),
            number_queued=3,
            calls_in_front=3,
            local_connection_info=LocalConnectionState.NULL,
            correlator_data=CorrelatorData(string=b"\x01\xab"),
            user_data=UserData(string=b"\x01\xab"),
            cause=EventCause.ACD_BUSY,
            network_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            network_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            associated_called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<QueuedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><queuedConnection><callID>179</callID><deviceID>1001:CM1::0</deviceID></queuedConnection><queue><deviceIdentifier>1001:CM1::0</deviceIdentifier></queue><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><lastRedirectionDevice><numberDialed>1001:CM1::0</numberDialed></lastRedirectionDevice><numberQueued>3</numberQueued><callsInFront>3</callsInFront><localConnectionInfo>null</localConnectionInfo><correlatorData><string>01AB</string></correlatorData><userData><string>01AB</string></userData><cause>aCDBusy</cause><networkCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCallingDevice><networkCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></networkCalledDevice><associatedCallingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCallingDevice><associatedCalledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></associatedCalledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></QueuedEvent>",
    ),
    (
        DigitsGeneratedEvent(
            monitor_cross_ref_id="7",
            connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
            digit_generated_list="digit-generated-list",
            digit_duration_list=(3,),
            pause_duration_list=(3,),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DigitsGeneratedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><connection><callID>179</callID><deviceID>1001:CM1::0</deviceID></connection><digitGeneratedList>digit-generated-list</digitGeneratedList><digitDurationList><digitDuration>3</digitDuration></digitDurationList><pauseDurationList><pauseDuration>3</pauseDuration></pauseDurationList></DigitsGeneratedEvent>",
    ),
    (
        AgentLoggedOnEvent(
            monitor_cross_ref_id="7",
            agent_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            agent_id="5001",
            acd_group=DeviceID(value="1001:CM1::0"),
            agent_password=b"\x01\xab",
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentLoggedOnEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><agentDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></agentDevice><agentID>5001</agentID><acdGroup>1001:CM1::0</acdGroup><agentPassword>01AB</agentPassword><cause>aCDBusy</cause></AgentLoggedOnEvent>",
    ),
    (
        AgentLoggedOffEvent(
            monitor_cross_ref_id="7",
            agent_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            agent_id="5001",
            acd_group=DeviceID(value="1001:CM1::0"),
            agent_password=b"\x01\xab",
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentLoggedOffEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><agentDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></agentDevice><agentID>5001</agentID><acdGroup>1001:CM1::0</acdGroup><agentPassword>01AB</agentPassword><cause>aCDBusy</cause></AgentLoggedOffEvent>",
    ),
    (
        AgentReadyEvent(
            monitor_cross_ref_id="7",
            agent_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            agent_id="5001",
            acd_group=DeviceID(value="1001:CM1::0"),
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentReadyEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><agentDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></agentDevice><agentID>5001</agentID><acdGroup>1001:CM1::0</acdGroup><cause>aCDBusy</cause></AgentReadyEvent>",
    ),
    (
        AgentNotReadyEvent(
            monitor_cross_ref_id="7",
            agent_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            agent_id="5001",
            acd_group=DeviceID(value="1001:CM1::0"),
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentNotReadyEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><agentDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></agentDevice><agentID>5001</agentID><acdGroup>1001:CM1::0</acdGroup><cause>aCDBusy</cause></AgentNotReadyEvent>",
    ),
    (
        AgentWorkingAfterCallEvent(
            monitor_cross_ref_id="7",
            agent_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            agent_id="5001",
            acd_group=DeviceID(value="1001:CM1::0"),
            pending_agent_state=AgentWorkingAfterCallPendingState.NOT_READY,
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentWorkingAfterCallEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><agentDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></agentDevice><agentID>5001</agentID><acdGroup>1001:CM1::0</acdGroup><pendingAgentState>notReady</pendingAgentState><cause>aCDBusy</cause></AgentWorkingAfterCallEvent>",
    ),
    (
        AgentBusyEvent(
            monitor_cross_ref_id="7",
            agent_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            agent_id="5001",
            acd_group=DeviceID(value="1001:CM1::0"),
            pending_agent_state=PendingAgentState.AGENT_NOT_READY,
            cause=EventCause.ACD_BUSY,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<AgentBusyEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><agentDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></agentDevice><agentID>5001</agentID><acdGroup>1001:CM1::0</acdGroup><pendingAgentState>agentNotReady</pendingAgentState><cause>aCDBusy</cause></AgentBusyEvent>",
    ),
    (
        DoNotDisturbEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            do_not_disturb_on=True,
            call_origination=CallOrigination(external=True),
            calling_device_list=(DeviceID(value="1001:CM1::0"),),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DoNotDisturbEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><doNotDisturbOn>true</doNotDisturbOn><callOrigination><external>true</external></callOrigination><callingDeviceList><callingDevice>1001:CM1::0</callingDevice></callingDeviceList></DoNotDisturbEvent>",
    ),
    (
        ForwardingEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            forwarding_type=ForwardingType.FORWARD_IMMEDIATE,
            forward_status=True,
            forward_to=DeviceID(value="1001:CM1::0"),
            forward_default=ForwardDefault.FORWARDING_TYPE_AND_FORWARD_DN,
            ring_count=3,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ForwardingEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><forwardingType>forwardImmediate</forwardingType><forwardStatus>true</forwardStatus><forwardTo>1001:CM1::0</forwardTo><forwardDefault>forwardingTypeAndForwardDN</forwardDefault><ringCount>3</ringCount></ForwardingEvent>",
    ),
    (
        MessageWaitingEvent(
            monitor_cross_ref_id="7",
            target_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            device_for_message=DeviceID(value="1001:CM1::0"),
            message_waiting_on=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MessageWaitingEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><targetDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></targetDevice><deviceForMessage>1001:CM1::0</deviceForMessage><messageWaitingOn>true</messageWaitingOn></MessageWaitingEvent>",
    ),
    (
        HookswitchEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            hookswitch="hookswitch",
            hookswitch_on_hook=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<HookswitchEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><hookswitch>hookswitch</hookswitch><hookswitchOnHook>true</hookswitchOnHook></HookswitchEvent>",
    ),
    (
        LampModeEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            lamp="lamp",
            lamp_label="lamp-label",
            lamp_mode=3,
            lamp_brightness=LampBrightness.UNSPECIFIED,
            lamp_color=3,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<LampModeEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><lamp>lamp</lamp><lampLabel>lamp-label</lampLabel><lampMode>3</lampMode><lampBrightness>unspecified</lampBrightness><lampColor>3</lampColor></LampModeEvent>",
    ),
    (
        DisplayUpdatedEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            display_id="display-id",
            logical_rows=3,
            logical_columns=3,
            physical_rows=3,
            physical_columns=3,
            physical_base_row_number=3,
            physical_base_column_number=3,
            character_set=CharacterSet.ASCII,
            contents_of_display="contents-of-display",
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<DisplayUpdatedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><displayID>display-id</displayID><logicalRows>3</logicalRows><logicalColumns>3</logicalColumns><physicalRows>3</physicalRows><physicalColumns>3</physicalColumns><physicalBaseRowNumber>3</physicalBaseRowNumber><physicalBaseColumnNumber>3</physicalBaseColumnNumber><characterSet>ascii</characterSet><contentsOfDisplay>contents-of-display</contentsOfDisplay></DisplayUpdatedEvent>",
    ),
    (
        RingerStatusEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            ringer="ringer",
            ring_mode=RingMode.RINGING,
            ring_count="ring-count",
            ring_pattern=3,
            ring_volume=Volume(vol_abs=3),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RingerStatusEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><ringer>ringer</ringer><ringMode>ringing</ringMode><ringCount>ring-count</ringCount><ringPattern>3</ringPattern><ringVolume><volAbs>3</volAbs></ringVolume></RingerStatusEvent>",
    ),
    (
        ButtonInformationEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            button="264",
            button_label="button-label",
            button_associated_number=DeviceID(value="1001:CM1::0"),
            button_press_indicator=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ButtonInformationEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><button>264</button><buttonLabel>button-label</buttonLabel><buttonAssociatedNumber>1001:CM1::0</buttonAssociatedNumber><buttonPressIndicator>true</buttonPressIndicator></ButtonInformationEvent>",
    ),
    (
        ButtonPressEvent(
            monitor_cross_ref_id="7",
            device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            button="264",
            button_label="button-label",
            button_associated_number=DeviceID(value="1001:CM1::0"),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ButtonPressEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><device><deviceIdentifier>1001:CM1::0</deviceIdentifier></device><button>264</button><buttonLabel>button-label</buttonLabel><buttonAssociatedNumber>1001:CM1::0</buttonAssociatedNumber></ButtonPressEvent>",
    ),
    (
        PrivateEvent(monitor_cross_ref_id="7", private_data=PrivateData(private=Private())),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<PrivateEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><privateData><private/></privateData></PrivateEvent>",
    ),
    # --- _monitoring
    (
        MonitorStart(
            monitor_object=MonitorObject(device_object=DeviceID(value="1001:CM1::0")),
            requested_monitor_filter=MonitorFilter(
                callcontrol=CallControlEvents(
                    bridged=True,
                    call_cleared=True,
                    conferenced=True,
                    connection_cleared=True,
                    delivered=True,
                    digits_dialed=True,
                    diverted=True,
                    established=True,
                    failed=True,
                    held=True,
                    network_capabilities_changed=True,
                    network_reached=True,
                    offered=True,
                    originated=True,
                    queued=True,
                    retrieved=True,
                    service_initiated=True,
                    transferred=True,
                ),
                call_associated=CallAssociatedEvents(
                    call_information=True,
                    charging=True,
                    digits_generated=True,
                    telephony_tones_generated=True,
                    service_completion_failure=True,
                ),
                physical_device_feature=PhysicalDeviceFeatureEvents(
                    button_information=True,
                    button_press=True,
                    display_updated=True,
                    hookswitch=True,
                    lamp_mode=True,
                    message_waiting=True,
                    microphone_gain=True,
                    microphone_mute=True,
                    ringer_status=True,
                    speaker_mute=True,
                    speaker_volume=True,
                ),
                logical_device_feature=LogicalDeviceFeatureEvents(
                    agent_busy=True,
                    agent_logged_on=True,
                    agent_logged_off=True,
                    agent_not_ready=True,
                    agent_ready=True,
                    agent_working_after_call=True,
                    auto_answer=True,
                    auto_work_mode=True,
                    call_back=True,
                    call_back_message=True,
                    caller_id_status=True,
                    do_not_disturb=True,
                    forwarding=True,
                    routeing_mode=True,
                ),
            ),
            monitor_type=MonitorType.CALL,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MonitorStart xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorObject><deviceObject>1001:CM1::0</deviceObject></monitorObject><requestedMonitorFilter><callcontrol><bridged>true</bridged><callCleared>true</callCleared><conferenced>true</conferenced><connectionCleared>true</connectionCleared><delivered>true</delivered><digitsDialed>true</digitsDialed><diverted>true</diverted><established>true</established><failed>true</failed><held>true</held><networkCapabilitiesChanged>true</networkCapabilitiesChanged><networkReached>true</networkReached><offered>true</offered><originated>true</originated><queued>true</queued><retrieved>true</retrieved><serviceInitiated>true</serviceInitiated><transferred>true</transferred></callcontrol><callAssociated><callInformation>true</callInformation><charging>true</charging><digitsGenerated>true</digitsGenerated><telephonyTonesGenerated>true</telephonyTonesGenerated><serviceCompletionFailure>true</serviceCompletionFailure></callAssociated><physicalDeviceFeature><buttonInformation>true</buttonInformation><buttonPress>true</buttonPress><displayUpdated>true</displayUpdated><hookswitch>true</hookswitch><lampMode>true</lampMode><messageWaiting>true</messageWaiting><microphoneGain>true</microphoneGain><microphoneMute>true</microphoneMute><ringerStatus>true</ringerStatus><speakerMute>true</speakerMute><speakerVolume>true</speakerVolume></physicalDeviceFeature><logicalDeviceFeature><agentBusy>true</agentBusy><agentLoggedOn>true</agentLoggedOn><agentLoggedOff>true</agentLoggedOff><agentNotReady>true</agentNotReady><agentReady>true</agentReady><agentWorkingAfterCall>true</agentWorkingAfterCall><autoAnswer>true</autoAnswer><autoWorkMode>true</autoWorkMode><callBack>true</callBack><callBackMessage>true</callBackMessage><callerIDStatus>true</callerIDStatus><doNotDisturb>true</doNotDisturb><forwarding>true</forwarding><routeingMode>true</routeingMode></logicalDeviceFeature></requestedMonitorFilter><monitorType>call</monitorType></MonitorStart>",
    ),
    (
        MonitorStartResponse(
            monitor_cross_ref_id="7",
            actual_monitor_filter=MonitorFilter(
                callcontrol=CallControlEvents(
                    bridged=True,
                    call_cleared=True,
                    conferenced=True,
                    connection_cleared=True,
                    delivered=True,
                    digits_dialed=True,
                    diverted=True,
                    established=True,
                    failed=True,
                    held=True,
                    network_capabilities_changed=True,
                    network_reached=True,
                    offered=True,
                    originated=True,
                    queued=True,
                    retrieved=True,
                    service_initiated=True,
                    transferred=True,
                ),
                call_associated=CallAssociatedEvents(
                    call_information=True,
                    charging=True,
                    digits_generated=True,
                    telephony_tones_generated=True,
                    service_completion_failure=True,
                ),
                physical_device_feature=PhysicalDeviceFeatureEvents(
                    button_information=True,
                    button_press=True,
                    display_updated=True,
                    hookswitch=True,
                    lamp_mode=True,
                    message_waiting=True,
                    microphone_gain=True,
                    microphone_mute=True,
                    ringer_status=True,
                    speaker_mute=True,
                    speaker_volume=True,
                ),
                logical_device_feature=LogicalDeviceFeatureEvents(
                    agent_busy=True,
                    agent_logged_on=True,
                    agent_logged_off=True,
                    agent_not_ready=True,
                    agent_ready=True,
                    agent_working_after_call=True,
                    auto_answer=True,
                    auto_work_mode=True,
                    call_back=True,
                    call_back_message=True,
                    caller_id_status=True,
                    do_not_disturb=True,
                    forwarding=True,
                    routeing_mode=True,
                ),
            ),
            monitor_existing_calls=True,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MonitorStartResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID><actualMonitorFilter><callcontrol><bridged>true</bridged><callCleared>true</callCleared><conferenced>true</conferenced><connectionCleared>true</connectionCleared><delivered>true</delivered><digitsDialed>true</digitsDialed><diverted>true</diverted><established>true</established><failed>true</failed><held>true</held><networkCapabilitiesChanged>true</networkCapabilitiesChanged><networkReached>true</networkReached><offered>true</offered><originated>true</originated><queued>true</queued><retrieved>true</retrieved><serviceInitiated>true</serviceInitiated><transferred>true</transferred></callcontrol><callAssociated><callInformation>true</callInformation><charging>true</charging><digitsGenerated>true</digitsGenerated><telephonyTonesGenerated>true</telephonyTonesGenerated><serviceCompletionFailure>true</serviceCompletionFailure></callAssociated><physicalDeviceFeature><buttonInformation>true</buttonInformation><buttonPress>true</buttonPress><displayUpdated>true</displayUpdated><hookswitch>true</hookswitch><lampMode>true</lampMode><messageWaiting>true</messageWaiting><microphoneGain>true</microphoneGain><microphoneMute>true</microphoneMute><ringerStatus>true</ringerStatus><speakerMute>true</speakerMute><speakerVolume>true</speakerVolume></physicalDeviceFeature><logicalDeviceFeature><agentBusy>true</agentBusy><agentLoggedOn>true</agentLoggedOn><agentLoggedOff>true</agentLoggedOff><agentNotReady>true</agentNotReady><agentReady>true</agentReady><agentWorkingAfterCall>true</agentWorkingAfterCall><autoAnswer>true</autoAnswer><autoWorkMode>true</autoWorkMode><callBack>true</callBack><callBackMessage>true</callBackMessage><callerIDStatus>true</callerIDStatus><doNotDisturb>true</doNotDisturb><forwarding>true</forwarding><routeingMode>true</routeingMode></logicalDeviceFeature></actualMonitorFilter><monitorExistingCalls>true</monitorExistingCalls></MonitorStartResponse>",
    ),
    (
        MonitorStop(monitor_cross_ref_id="7"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MonitorStop xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><monitorCrossRefID>7</monitorCrossRefID></MonitorStop>",
    ),
    (
        MonitorStopResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MonitorStopResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        SnapshotDevice(snapshot_object=DeviceID(value="1001:CM1::0")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotDevice xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><snapshotObject>1001:CM1::0</snapshotObject></SnapshotDevice>",
    ),
    (
        SnapshotDeviceResponse(
            cross_ref_id_or_snapshot_data=SnapshotDeviceCrossRefIDorSnapshotData(
                snapshot_data=(
                    SnapshotDeviceResponseInfo(
                        connection_identifier=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                        endpoint_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                        local_call_state=CallState(
                            compound_call_state=CompoundCallState(local_connection_state=(LocalConnectionState.NULL,))
                        ),
                    ),
                )
            )
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotDeviceResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><crossRefIDorSnapshotData><snapshotData><snapshotDeviceResponseInfo><connectionIdentifier><callID>179</callID><deviceID>1001:CM1::0</deviceID></connectionIdentifier><endpointDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></endpointDevice><localCallState><compoundCallState><localConnectionState>null</localConnectionState></compoundCallState></localCallState></snapshotDeviceResponseInfo></snapshotData></crossRefIDorSnapshotData></SnapshotDeviceResponse>",
    ),
    (
        SnapshotCall(snapshot_object=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0"))),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><snapshotObject><callID>179</callID><deviceID>1001:CM1::0</deviceID></snapshotObject></SnapshotCall>",
    ),
    (
        SnapshotCallResponse(
            cross_ref_id_or_snapshot_data=SnapshotCallCrossRefIDorSnapshotData(
                snapshot_data=(
                    SnapshotCallResponseInfo(
                        device_on_call=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
                        call_identifier=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
                        local_connection_info=LocalConnectionState.NULL,
                    ),
                )
            ),
            calling_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            called_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
            call_linkage_data=CallLinkageData(
                global_call_data=GlobalCallData(
                    global_call_switching_sub_domain_name="global-call-switching-sub-domain-name",
                    global_call_linkage_id=GlobalCallLinkageID(globally_unique_call_linkage_id="00001001791428242051"),
                    call_linkage_id_timestamp="call-linkage-id-timestamp",
                )
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SnapshotCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><crossRefIDorSnapshotData><snapshotData><snapshotCallResponseInfo><deviceOnCall><deviceIdentifier>1001:CM1::0</deviceIdentifier></deviceOnCall><callIdentifier><callID>179</callID><deviceID>1001:CM1::0</deviceID></callIdentifier><localConnectionInfo>null</localConnectionInfo></snapshotCallResponseInfo></snapshotData></crossRefIDorSnapshotData><callingDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>1001:CM1::0</deviceIdentifier></calledDevice><callLinkageData><globalCallData><globalCallSwitchingSubDomainName>global-call-switching-sub-domain-name</globalCallSwitchingSubDomainName><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID><callLinkageIDTimestamp>call-linkage-id-timestamp</callLinkageIDTimestamp></globalCallData></callLinkageData></SnapshotCallResponse>",
    ),
    # --- _session
    (
        SessionLoginInfo(user_name="cti", password="secret", session_cleanup_delay=3, session_id="A1B2C3"),
        b'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<SessionLoginInfo xmlns="http://www.avaya.com/csta" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="SessionLoginInfo"><userName>cti</userName><password>secret</password><sessionCleanupDelay>3</sessionCleanupDelay><sessionID>A1B2C3</sessionID></SessionLoginInfo>',
    ),
    (
        StartApplicationSession(
            application_info=ApplicationInfo(
                application_id="callwire", application_specific_info=ApplicationSpecificInfo()
            ),
            requested_protocol_versions=("requested-protocol-versions",),
            requested_session_duration=3,
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<StartApplicationSession xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><applicationInfo><applicationID>callwire</applicationID><applicationSpecificInfo/></applicationInfo><requestedProtocolVersions><protocolVersion>requested-protocol-versions</protocolVersion></requestedProtocolVersions><requestedSessionDuration>3</requestedSessionDuration></StartApplicationSession>",
    ),
    (
        StartApplicationSessionPosResponse(
            session_id="A1B2C3", actual_protocol_version="actual-protocol-version", actual_session_duration=3
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<StartApplicationSessionPosResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><sessionID>A1B2C3</sessionID><actualProtocolVersion>actual-protocol-version</actualProtocolVersion><actualSessionDuration>3</actualSessionDuration></StartApplicationSessionPosResponse>",
    ),
    (
        StartApplicationSessionNegResponse(error_code=SessionErrorCode(defined_error="defined-error")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<StartApplicationSessionNegResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><errorCode><definedError>defined-error</definedError></errorCode></StartApplicationSessionNegResponse>",
    ),
    (
        ResetApplicationSessionTimer(session_id="A1B2C3", requested_session_duration=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ResetApplicationSessionTimer xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><sessionID>A1B2C3</sessionID><requestedSessionDuration>3</requestedSessionDuration></ResetApplicationSessionTimer>",
    ),
    (
        ResetApplicationSessionTimerPosResponse(actual_session_duration=3),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ResetApplicationSessionTimerPosResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><actualSessionDuration>3</actualSessionDuration></ResetApplicationSessionTimerPosResponse>",
    ),
    (
        ResetApplicationSessionTimerNegResponse(error_code=SessionErrorCode(defined_error="defined-error")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ResetApplicationSessionTimerNegResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><errorCode><definedError>defined-error</definedError></errorCode></ResetApplicationSessionTimerNegResponse>",
    ),
    (
        StopApplicationSession(
            session_id="A1B2C3", session_end_reason=SessionEndReason(defined_end_reason="defined-end-reason")
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<StopApplicationSession xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><sessionID>A1B2C3</sessionID><sessionEndReason><definedEndReason>defined-end-reason</definedEndReason></sessionEndReason></StopApplicationSession>",
    ),
    (
        StopApplicationSessionPosResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<StopApplicationSessionPosResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"/>",
    ),
    (
        StopApplicationSessionNegResponse(error_code=SessionErrorCode(defined_error="defined-error")),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<StopApplicationSessionNegResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><errorCode><definedError>defined-error</definedError></errorCode></StopApplicationSessionNegResponse>",
    ),
    (
        ApplicationSessionTerminated(
            session_id="A1B2C3", session_term_reason=SessionTermReason(defined_term_reason="defined-term-reason")
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<ApplicationSessionTerminated xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"><sessionID>A1B2C3</sessionID><sessionTermReason><definedTermReason>defined-term-reason</definedTermReason></sessionTermReason></ApplicationSessionTerminated>",
    ),
    # --- _system
    (
        SystemStatus(sys_stat_register_id="sys-stat-register-id", system_status=SystemStatusValue.DISABLED),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SystemStatus xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><sysStatRegisterID>sys-stat-register-id</sysStatRegisterID><systemStatus>disabled</systemStatus></SystemStatus>",
    ),
    (
        SystemStatusResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SystemStatusResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    (
        RequestSystemStatus(sys_stat_register_id="sys-stat-register-id"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RequestSystemStatus xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><sysStatRegisterID>sys-stat-register-id</sysStatRegisterID></RequestSystemStatus>",
    ),
    (
        RequestSystemStatusResponse(system_status=SystemStatusValue.DISABLED),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<RequestSystemStatusResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><systemStatus>disabled</systemStatus></RequestSystemStatusResponse>",
    ),
    (
        SystemRegister(
            request_types=RequestTypes(
                system_status=True,
                request_system_status=True,
                switching_function_caps_changed=True,
                switching_function_devices_changed=True,
            ),
            requested_status_filter=StatusFilter(
                initializing=True,
                enabled=True,
                normal=True,
                message_lost=True,
                disabled=True,
                partially_disabled=True,
                overload_imminent=True,
                overload_reached=True,
                overload_relieved=True,
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SystemRegister xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><requestTypes><systemStatus>true</systemStatus><requestSystemStatus>true</requestSystemStatus><switchingFunctionCapsChanged>true</switchingFunctionCapsChanged><switchingFunctionDevicesChanged>true</switchingFunctionDevicesChanged></requestTypes><requestedStatusFilter><initializing>true</initializing><enabled>true</enabled><normal>true</normal><messageLost>true</messageLost><disabled>true</disabled><partiallyDisabled>true</partiallyDisabled><overloadImminent>true</overloadImminent><overloadReached>true</overloadReached><overloadRelieved>true</overloadRelieved></requestedStatusFilter></SystemRegister>",
    ),
    (
        SystemRegisterResponse(
            sys_stat_register_id="sys-stat-register-id",
            actual_status_filter=StatusFilter(
                initializing=True,
                enabled=True,
                normal=True,
                message_lost=True,
                disabled=True,
                partially_disabled=True,
                overload_imminent=True,
                overload_reached=True,
                overload_relieved=True,
            ),
        ),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<SystemRegisterResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><sysStatRegisterID>sys-stat-register-id</sysStatRegisterID><actualStatusFilter><initializing>true</initializing><enabled>true</enabled><normal>true</normal><messageLost>true</messageLost><disabled>true</disabled><partiallyDisabled>true</partiallyDisabled><overloadImminent>true</overloadImminent><overloadReached>true</overloadReached><overloadRelieved>true</overloadRelieved></actualStatusFilter></SystemRegisterResponse>",
    ),
    (
        Escape(escape_register_id="escape-register-id", private_data=PrivateData(private=Private())),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<Escape xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><escapeRegisterID>escape-register-id</escapeRegisterID><privateData><private/></privateData></Escape>",
    ),
    (
        EscapeResponse(),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<EscapeResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>",
    ),
    # --- _error_code
    (
        CSTAErrorCode(operation="operation"),
        b"<?xml version='1.0' encoding='UTF-8'?>\n<CSTAErrorCode xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><operation>operation</operation></CSTAErrorCode>",
    ),
]


def assert_message_bytes(msg: Message, expected: bytes) -> None:
    assert encode_xml(msg) == expected
    assert decode_xml(expected) == msg


@pytest.mark.parametrize(("msg", "expected"), VECTORS, ids=[type(m).__name__ for m, _ in VECTORS])
def test_vector(msg: Message, expected: bytes) -> None:
    assert_message_bytes(msg, expected)


def test_every_registered_message_has_a_vector() -> None:
    covered = {type(msg) for msg, _ in VECTORS}
    missing = sorted(cls.__name__ for cls in registered_messages().values() if cls not in covered)
    assert missing == [], f"messages without a test vector: {missing}"


# ------------------------------------------------------------------------------------------ private data

UCID = "00001001791428242051"


def test_make_call_response_carries_the_ucid_in_private_data() -> None:
    msg = MakeCallResponse(
        calling_device=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
        extensions=private(MakeCallResponsePrivateData(call_linkage_data=CallLinkageData.for_ucid(UCID))),
    )
    assert_message_bytes(
        msg,
        b"<?xml version='1.0' encoding='UTF-8'?>\n<MakeCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><callingDevice><callID>179</callID><deviceID>1001:CM1::0</deviceID></callingDevice><extensions><privateData><private><MakeCallResponsePrivateData xmlns=\"http://www.avaya.com/csta\"><callLinkageData><globalCallData><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID></globalCallData></callLinkageData></MakeCallResponsePrivateData></private></privateData></extensions></MakeCallResponse>",
    )
    (item,) = private_items(msg.extensions)
    assert isinstance(item, MakeCallResponsePrivateData)
    assert item.call_linkage_data is not None
    assert item.call_linkage_data.ucid == UCID


def test_delivered_event_with_trunk_party_and_avaya_private_data() -> None:
    msg = DeliveredEvent(
        monitor_cross_ref_id="7",
        connection=ConnectionID(call_id="179", device_id=DeviceID(value="1002:CM1::0")),
        alerting_device=ExtendedDeviceID(device_identifier=DeviceID(value="1002:CM1::0")),
        calling_device=ExtendedDeviceID(
            device_identifier=DeviceID(value="T13815#2", type_of_number=TypeOfNumber.DYNAMIC)
        ),
        called_device=ExtendedDeviceID(device_identifier=DeviceID(value="3001")),
        last_redirection_device=RedirectionDeviceID(not_known=True),
        local_connection_info=LocalConnectionState.ALERTING,
        cause=EventCause.NEW_CALL,
        extensions=private(
            DeliveredEventPrivateData(
                trunk_group="12",
                trunk_member="3",
                acd_group=DeviceID(value="3001"),
                distributing_vdn=ExtendedDeviceID(device_identifier=DeviceID(value="4001")),
                original_call_info=OriginalCallInfo(
                    user_data=UserData(string=b"\xc0\xff\xee"), call_linkage_data=CallLinkageData.for_ucid(UCID)
                ),
            )
        ),
    )
    assert_message_bytes(
        msg,
        b'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<DeliveredEvent xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorCrossRefID>7</monitorCrossRefID><connection><callID>179</callID><deviceID>1002:CM1::0</deviceID></connection><alertingDevice><deviceIdentifier>1002:CM1::0</deviceIdentifier></alertingDevice><callingDevice><deviceIdentifier typeOfNumber="dynamic">T13815#2</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>3001</deviceIdentifier></calledDevice><lastRedirectionDevice><notKnown/></lastRedirectionDevice><localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause><extensions><privateData><private><DeliveredEventPrivateData xmlns="http://www.avaya.com/csta"><trunkGroup>12</trunkGroup><trunkMember>3</trunkMember><acdGroup>3001</acdGroup><distributingVDN><deviceIdentifier>4001</deviceIdentifier></distributingVDN><originalCallInfo><userData><string>C0FFEE</string></userData><callLinkageData><globalCallData><globalCallLinkageID><globallyUniqueCallLinkageID>00001001791428242051</globallyUniqueCallLinkageID></globalCallLinkageID></globalCallData></callLinkageData></originalCallInfo></DeliveredEventPrivateData></private></privateData></extensions></DeliveredEvent>',
    )


def test_monitor_start_with_avaya_event_filter() -> None:
    msg = MonitorStart(
        monitor_object=MonitorObject(
            device_object=DeviceID(
                value="1001:CM1:192.0.2.10:0", type_of_number=TypeOfNumber.OTHER, media_class="notKnown"
            )
        ),
        requested_monitor_filter=MonitorFilter(callcontrol=CallControlEvents(delivered=True, established=True)),
        extensions=private(
            AvayaEvents(invert_filter=True, call_control_private=CallControlPrivateEvents(entered_digits=True))
        ),
    )
    assert_message_bytes(
        msg,
        b'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<MonitorStart xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorObject><deviceObject typeOfNumber="other" mediaClass="notKnown">1001:CM1:192.0.2.10:0</deviceObject></monitorObject><requestedMonitorFilter><callcontrol><delivered>true</delivered><established>true</established></callcontrol></requestedMonitorFilter><extensions><privateData><private><AvayaEvents xmlns="http://www.avaya.com/csta"><invertFilter>true</invertFilter><callControlPrivate><enteredDigits>true</enteredDigits></callControlPrivate></AvayaEvents></private></privateData></extensions></MonitorStart>',
    )


def test_start_application_session_with_dmcc_login() -> None:
    msg = StartApplicationSession(
        application_info=ApplicationInfo(
            application_id="callwire",
            application_specific_info=ApplicationSpecificInfo(
                items=(SessionLoginInfo(user_name="cti", password="secret", session_cleanup_delay=60),)
            ),
        ),
        requested_protocol_versions=("http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv5",),
        requested_session_duration=180,
    )
    assert_message_bytes(
        msg,
        b'<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<StartApplicationSession xmlns="http://www.ecma-international.org/standards/ecma-354/appl_session"><applicationInfo><applicationID>callwire</applicationID><applicationSpecificInfo><SessionLoginInfo xmlns="http://www.avaya.com/csta" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="SessionLoginInfo"><userName>cti</userName><password>secret</password><sessionCleanupDelay>60</sessionCleanupDelay></SessionLoginInfo></applicationSpecificInfo></applicationInfo><requestedProtocolVersions><protocolVersion>http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv5</protocolVersion></requestedProtocolVersions><requestedSessionDuration>180</requestedSessionDuration></StartApplicationSession>',
    )
    assert msg.login == SessionLoginInfo(user_name="cti", password="secret", session_cleanup_delay=60)


# ------------------------------------------------------------------------------- realistic peer variants

ANSWER_179 = AnswerCall(
    call_to_be_answered=ConnectionID(
        call_id="179",
        device_id=DeviceID(value="1001:CM1:192.0.2.10:0", type_of_number=TypeOfNumber.OTHER, media_class="notKnown"),
    )
)


def test_decode_priv5_namespace_and_device_id_before_call_id() -> None:
    # f-me/dmcc: the negotiated protocol version as default namespace, deviceID written before callID.
    data = (
        b'<AnswerCall xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv5">'
        b'<callToBeAnswered><deviceID typeOfNumber="other" mediaClass="notKnown">1001:CM1:192.0.2.10:0</deviceID>'
        b"<callID>179</callID></callToBeAnswered></AnswerCall>"
    )
    assert decode_xml(data) == ANSWER_179


def test_decode_prefixed_ed3_root_with_priv5_children() -> None:
    data = (
        b'<csta:AnswerCall xmlns:csta="http://www.ecma-international.org/standards/ecma-323/csta/ed3" '
        b'xmlns:p="http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv5">'
        b'<p:callToBeAnswered><p:callID>179</p:callID><p:deviceID typeOfNumber="other" mediaClass="notKnown">'
        b"1001:CM1:192.0.2.10:0</p:deviceID></p:callToBeAnswered></csta:AnswerCall>"
    )
    assert decode_xml(data) == ANSWER_179


def test_decode_pretty_printed_document() -> None:
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<HeldEvent xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">
  <monitorCrossRefID>7</monitorCrossRefID>
  <heldConnection>
    <callID>179</callID>
    <deviceID>1001:CM1::0</deviceID>
  </heldConnection>
  <holdingDevice>
    <deviceIdentifier>1001:CM1::0</deviceIdentifier>
  </holdingDevice>
  <localConnectionInfo>hold</localConnectionInfo>
  <cause>normal</cause>
</HeldEvent>
"""
    assert decode_xml(data) == HeldEvent(
        monitor_cross_ref_id="7",
        held_connection=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
        holding_device=ExtendedDeviceID(device_identifier=DeviceID(value="1001:CM1::0")),
        local_connection_info=LocalConnectionState.HOLD,
        cause=EventCause.NORMAL,
    )


def test_unknown_elements_are_ignored() -> None:
    data = (
        b'<HoldCall xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">'
        b"<callToBeHeld><callID>179</callID><deviceID>1001:CM1::0</deviceID><segmentID>1</segmentID></callToBeHeld>"
        b'<futureThing a="b"><nested>1</nested></futureThing><connectionReservation>false</connectionReservation>'
        b"<!-- comment --><?pi x?></HoldCall>"
    )
    assert decode_xml(data) == HoldCall(
        call_to_be_held=ConnectionID(call_id="179", device_id=DeviceID(value="1001:CM1::0")),
        connection_reservation=False,
    )


def test_unknown_private_elements_are_skipped() -> None:
    data = (
        b'<ClearConnectionResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">'
        b'<extensions><privateData><private><scx:extendedServicesPermitted xmlns:scx="http://www.siemens.com/schema/csta"/>'
        b'<ClearConnectionPrivateData xmlns="http://www.avaya.com/csta"><dropResource>DR_CALL_CLASSIFIER</dropResource>'
        b'</ClearConnectionPrivateData><UnknownPrivateData xmlns="http://www.avaya.com/csta"><x>1</x></UnknownPrivateData>'
        b"</private></privateData></extensions></ClearConnectionResponse>"
    )
    msg = decode_xml(data)
    assert isinstance(msg, ClearConnectionResponse)
    assert private_items(msg.extensions) == (ClearConnectionPrivateData(drop_resource=DropResource.DR_CALL_CLASSIFIER),)


def test_decode_numeric_booleans_and_padded_numbers() -> None:
    data = (
        b'<GetAcdSplitResponse xmlns="http://www.avaya.com/csta"><availableAgents> 2 </availableAgents>'
        b"<callsInQueue>0</callsInQueue><agentsLoggedIn>5</agentsLoggedIn></GetAcdSplitResponse>"
    )
    assert decode_xml(data) == GetAcdSplitResponse(available_agents=2, calls_in_queue=0, agents_logged_in=5)
    mwi = b'<GetMessageWaitingIndicatorResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><messageWaitingOn>1</messageWaitingOn></GetMessageWaitingIndicatorResponse>'
    assert decode_xml(mwi) == GetMessageWaitingIndicatorResponse(message_waiting_on=True)


# ------------------------------------------------------------------------------------------ hostile input

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<MonitorStop xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorCrossRefID>&lol4;</monitorCrossRefID></MonitorStop>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<MonitorStop xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorCrossRefID>&x;</monitorCrossRefID></MonitorStop>"""


@pytest.mark.parametrize(
    "data",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, BILLION_LAUGHS.decode().replace('"?>', '" encoding="UTF-16"?>').encode("utf-16")],
    ids=["billion-laughs", "external-entity", "utf16-dtd"],
)
def test_dtd_and_entities_are_refused(data: bytes) -> None:
    with pytest.raises(XmlDecodeError, match="document type declarations"):
        decode_xml(data)


def test_deep_nesting_of_unknown_elements_is_refused() -> None:
    data = b'<MonitorStop xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">' + b"<a>" * 5000
    data += b"</a>" * 5000 + b"<monitorCrossRefID>1</monitorCrossRefID></MonitorStop>"
    with pytest.raises(XmlDecodeError, match="malformed XML"):
        decode_xml(data)


def test_deep_nesting_of_private_data_is_refused() -> None:
    ns = b' xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"'
    opening = b"<HoldCallResponse" + ns + b"><extensions><privateData><private>"
    closing = b"</private></privateData></extensions></HoldCallResponse>"
    data = opening * 20 + b"<HoldCallResponse" + ns + b"/>" + closing * 20
    with pytest.raises(XmlDecodeError, match="nesting deeper than"):
        decode_xml(data)


def test_wrong_scalar_type() -> None:
    data = (
        b'<GetAgentStateResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><agentStateList>'
        b"<agentStateEntry><agentID>5001</agentID><loggedOnState>maybe</loggedOnState></agentStateEntry>"
        b"</agentStateList></GetAgentStateResponse>"
    )
    with pytest.raises(XmlDecodeError, match=r"loggedOnState: 'maybe' is not a valid bool"):
        decode_xml(data)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b"<localConnectionInfo>ringing</localConnectionInfo>",
            r"localConnectionInfo: 'ringing' is not a valid LocalConnectionState",
        ),
        (b"<userData><string>XYZ</string></userData>", r"userData/string: 'XYZ' is not a valid bytes"),
        (b"<cause>normal<x/></cause>", r"cause: expected text, found child elements"),
    ],
)
def test_wrong_values_name_the_element(data: bytes, problem: str) -> None:
    doc = (
        b'<ConnectionClearedEvent xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">'
        b"<monitorCrossRefID>7</monitorCrossRefID><droppedConnection><callID>1</callID></droppedConnection>"
        + data
        + b"</ConnectionClearedEvent>"
    )
    with pytest.raises(XmlDecodeError, match=problem):
        decode_xml(doc)


def test_huge_integer_is_refused() -> None:
    data = b'<GetAcdSplitResponse xmlns="http://www.avaya.com/csta"><availableAgents>' + b"9" * 10000
    data += b"</availableAgents><callsInQueue>0</callsInQueue><agentsLoggedIn>5</agentsLoggedIn></GetAcdSplitResponse>"
    with pytest.raises(XmlDecodeError, match="availableAgents"):
        decode_xml(data)


def test_missing_required_element() -> None:
    with pytest.raises(XmlDecodeError, match="HoldCall/callToBeHeld: required element is missing"):
        decode_xml(b'<HoldCall xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>')


def test_unknown_root() -> None:
    with pytest.raises(UnknownMessageError, match="unknown message <Bogus> in namespace 'urn:x'") as info:
        decode_xml(b'<Bogus xmlns="urn:x"><a/></Bogus>')
    assert (info.value.namespace, info.value.tag) == ("urn:x", "Bogus")


@pytest.mark.parametrize("data", [b"", b"<", b"\xff\xfe\x00<", b"<a></b>", b"not xml", b"<?xml version='1.0'?>"])
def test_malformed_xml(data: bytes) -> None:
    with pytest.raises(XmlDecodeError):
        decode_xml(data)
