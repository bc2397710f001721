"""The DMCC phone of a station: lamps, display, hookswitch and ringer derived from its calls and features,
buttons, terminal registration and the security code.

AES reports a phone's lamps, display, ringer and hookswitch only for a terminal registered through DMCC (it is
AES that runs that phone's signalling); the state is kept either way for the Get queries. The phone is redrawn
at the end of every step that touched the station, so its events follow the call events that caused them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from callwire_csta import codec as c
from callwire_csta.codec import LocalConnectionState, Message

from .errors import op_error, state_error, switch_error
from .events import device_id
from .model import (
    LAMP_FLUTTER,
    LAMP_OFF,
    LAMP_STEADY,
    LAMP_WINK,
    STATION,
    TRUNK,
    Connection,
    Handler,
    StationDevice,
    SwitchSession,
)

if TYPE_CHECKING:
    from .calls import CallModel
    from .features import Features

__all__ = ["REGISTER_FAILED", "REGISTER_OK", "Phone"]

LS = LocalConnectionState

#: RegisterTerminalResponse `code`: "1" is a successful registration (what DMCC clients test for); any other
#: value is a refusal. The refusal value is not in the public schema (see the CSTA README).
REGISTER_OK = "1"
REGISTER_FAILED = "-1"

_APPEARANCE_LAMP = {LS.ALERTING: LAMP_FLUTTER, LS.CONNECTED: LAMP_STEADY, LS.INITIATED: LAMP_STEADY, LS.HOLD: LAMP_WINK}
#: Which call a station's display shows: the connected one first, then initiated, alerting, held.
_DISPLAY_RANK = {LS.CONNECTED: 0, LS.INITIATED: 1, LS.ALERTING: 2, LS.HOLD: 3}


class Phone:
    """DMCC physical-device services of the stations."""

    def __init__(self, calls: CallModel, features: Features) -> None:
        self.calls = calls
        self.features = features
        self.state = calls.state
        self.events = calls.events
        calls.deferred.redraw = self.redraw

    def handlers(self) -> Mapping[type[Message], Handler]:
        return {
            c.GetButtonInformation: self.get_button_information,
            c.GetLampMode: self.get_lamp_mode,
            c.GetDisplay: self.get_display,
            c.GetHookswitchStatus: self.get_hookswitch_status,
            c.GetRingerStatus: self.get_ringer_status,
            c.SetHookswitchStatus: self.set_hookswitch_status,
            c.ButtonPress: self.button_press,
            c.RegisterTerminalRequest: self.register_terminal,
            c.UnregisterTerminalRequest: self.unregister_terminal,
            c.GetRegistrationState: self.get_registration_state,
            c.ValidateDeviceSecurityCode: self.validate_security_code,
            c.ChangeDeviceSecurityCode: self.change_security_code,
        }

    # ---------------------------------------------------------------------------- derived state

    @staticmethod
    def _appearance_mode(dev: StationDevice, button_id: str) -> int:
        for conn in dev.connections.values():
            if conn.appearance == button_id:
                return _APPEARANCE_LAMP.get(conn.state, LAMP_OFF)
        return LAMP_OFF

    def _desired_lamps(self, dev: StationDevice) -> dict[str, int]:
        out: dict[str, int] = {}
        for b in dev.buttons:
            if b.function == "call-appearance":
                mode = self._appearance_mode(dev, b.id)
            elif b.function == "send-all-calls":
                mode = LAMP_STEADY if dev.dnd else LAMP_OFF
            elif b.function == "call-forwarding":
                mode = LAMP_STEADY if dev.forward else LAMP_OFF
            elif b.function == "message-waiting":
                mode = LAMP_STEADY if dev.mwi else LAMP_OFF
            else:
                mode = dev.lamps.get(b.lamp_id, LAMP_OFF)
            out[b.lamp_id] = mode
        return out

    def _desired_display(self, dev: StationDevice) -> str:
        best: Connection | None = None
        for conn in dev.connections.values():
            if conn.state in _DISPLAY_RANK and (best is None or _DISPLAY_RANK[conn.state] < _DISPLAY_RANK[best.state]):
                best = conn
        if best is None:
            return ""
        call = best.call
        number = call.called if call.calling == dev.id else call.calling
        for other in call.connections.values():
            if other is not best and other.device.kind == STATION and call.calling == dev.id:
                number = other.device.id
                break
        other_dev = self.state.devices.get(number)
        name = other_dev.name if other_dev is not None and other_dev.kind != TRUNK else ""
        label = ""
        for b in dev.buttons:
            if b.id == best.appearance:
                label = b.label
        return " ".join(part for part in (label, name, number) if part)

    def redraw(self, dev: StationDevice) -> None:
        """Bring the phone's ringer, hookswitch, lamps and display up to date, with an event for each change."""
        on_hook = not any(conn.state in (LS.CONNECTED, LS.INITIATED) for conn in dev.connections.values())
        ringing = any(conn.state == LS.ALERTING for conn in dev.connections.values())
        lamps = self._desired_lamps(dev)
        display = self._desired_display(dev)
        monitored = bool(dev.monitors) and dev.registered
        who = self.events.xd(dev) if monitored else None
        send = self.events.send
        if ringing != dev.ringing:
            dev.ringing = ringing
            if who is not None:
                ring_mode = c.RingMode.RINGING if ringing else c.RingMode.NOT_RINGING
                send(dev, c.RingerStatusEvent(monitor_cross_ref_id="", device=who, ringer="1", ring_mode=ring_mode))
        if on_hook != dev.on_hook:
            dev.on_hook = on_hook
            if who is not None:
                send(
                    dev,
                    c.HookswitchEvent(monitor_cross_ref_id="", device=who, hookswitch="0", hookswitch_on_hook=on_hook),
                )
        labels = {b.lamp_id: b.label for b in dev.buttons}
        for lamp, mode in lamps.items():
            if dev.lamps.get(lamp) != mode:
                dev.lamps[lamp] = mode
                if who is not None:
                    send(
                        dev,
                        c.LampModeEvent(
                            monitor_cross_ref_id="", device=who, lamp=lamp, lamp_label=labels.get(lamp), lamp_mode=mode
                        ),
                    )
        if display != dev.display:
            dev.display = display
            if who is not None:
                send(
                    dev,
                    c.DisplayUpdatedEvent(
                        monitor_cross_ref_id="",
                        device=who,
                        display_id="0",
                        logical_rows=2,
                        logical_columns=40,
                        contents_of_display=display,
                    ),
                )

    # -------------------------------------------------------------------------------- queries

    def get_button_information(self, s: SwitchSession, r: c.GetButtonInformation) -> Message:
        st = self.state.station(r.device)
        buttons = st.buttons
        if r.button is not None:
            buttons = tuple(b for b in buttons if b.id == r.button)
            if not buttons:
                raise op_error("invalidButtonIdentifier")
        items = tuple(
            c.ButtonItem(
                button=b.id,
                button_label=b.label,
                button_label_settable=False,
                button_function=b.function,
                button_associated_number=device_id(b.associated_number) if b.associated_number else None,
                lamp_list=(b.lamp_id,),
            )
            for b in buttons
        )
        return c.GetButtonInformationResponse(button_list=items)

    def get_lamp_mode(self, s: SwitchSession, r: c.GetLampMode) -> Message:
        st = self.state.station(r.device)
        by_lamp = {b.lamp_id: b for b in st.buttons}
        lamps = list(by_lamp)
        if r.lamp is not None:
            if r.lamp not in by_lamp:
                raise op_error("invalidLampID")
            lamps = [r.lamp]
        items = tuple(
            c.LampModeItem(lamp=lamp, lamp_mode=st.lamps.get(lamp, LAMP_OFF), button=by_lamp[lamp].id) for lamp in lamps
        )
        return c.GetLampModeResponse(lamp_mode_list=items)

    def get_display(self, s: SwitchSession, r: c.GetDisplay) -> Message:
        st = self.state.station(r.device)
        item = c.DisplayListItem(display_id="0", logical_rows=2, logical_columns=40, contents_of_display=st.display)
        return c.GetDisplayResponse(display_list=(item,))

    def get_hookswitch_status(self, s: SwitchSession, r: c.GetHookswitchStatus) -> Message:
        st = self.state.station(r.device)
        return c.GetHookswitchStatusResponse(
            hookswitch_status_list=(c.HookswitchStatusItem(hookswitch="0", hookswitch_on_hook=st.on_hook),)
        )

    def get_ringer_status(self, s: SwitchSession, r: c.GetRingerStatus) -> Message:
        st = self.state.station(r.device)
        mode = c.RingMode.RINGING if st.ringing else c.RingMode.NOT_RINGING
        return c.GetRingerStatusResponse(ringer_status_list=(c.RingerStatusItem(ringer="1", ring_mode=mode),))

    # ---------------------------------------------------------------------------- the user's hands

    def set_hookswitch_status(self, s: SwitchSession, r: c.SetHookswitchStatus) -> Message:
        st = self.state.station(r.device)
        if r.hookswitch_onhook:
            active = [conn for conn in st.connections.values() if conn.state in (LS.CONNECTED, LS.INITIATED)]
            if not active:
                raise state_error("noCallToClear")
            self.calls.release(active[0])
        else:
            alerting = [conn for conn in st.connections.values() if conn.state == LS.ALERTING]
            if alerting:
                self.calls.answer(alerting[0])
            elif not st.on_hook:
                raise state_error("invalidDeviceState")
        return c.SetHookswitchStatusResponse()

    def button_press(self, s: SwitchSession, r: c.ButtonPress) -> Message:
        st = self.state.station(r.device)
        button = next((b for b in st.buttons if b.id == r.button), None)
        if button is None:
            raise op_error("invalidButtonIdentifier")
        if st.monitors and st.registered:
            self.events.send(
                st,
                c.ButtonPressEvent(
                    monitor_cross_ref_id="", device=self.events.xd(st), button=button.id, button_label=button.label
                ),
            )
        if button.function == "call-appearance":
            conn = next((cn for cn in st.connections.values() if cn.appearance == button.id), None)
            if conn is not None:
                if conn.state == LS.ALERTING:
                    self.calls.answer(conn)
                elif conn.state == LS.HOLD:
                    for other in list(st.connections.values()):
                        if other is not conn and other.state == LS.CONNECTED:
                            self.calls.hold(other)
                    self.calls.retrieve(conn)
        elif button.function == "send-all-calls":
            self.features.set_dnd(st, not st.dnd)
        return c.ButtonPressResponse()

    # ------------------------------------------------------------------------- registration, codes

    def register_terminal(self, s: SwitchSession, r: c.RegisterTerminalRequest) -> Message:
        st = self.state.station(r.device)
        xd = self.events.xd(st)
        password = r.login_info.password if r.login_info is not None else None
        if st.security_code and password != st.security_code:
            if st.monitors:
                self.events.send(
                    st,
                    c.RegisterFailedEvent(
                        monitor_cross_ref_id="", device=xd, code=REGISTER_FAILED, reason="security code invalid"
                    ),
                )
            # A refusal has no signalingEncryption: clients tell success from failure by its presence.
            return c.RegisterTerminalResponse(device=xd, code=REGISTER_FAILED, reason="security code invalid")
        st.registered = True
        if st.monitors:
            self.events.send(st, c.RegisteredEvent(monitor_cross_ref_id="", device=xd))
        return c.RegisterTerminalResponse(device=xd, signaling_encryption="none", code=REGISTER_OK, reason="registered")

    def unregister_terminal(self, s: SwitchSession, r: c.UnregisterTerminalRequest) -> Message:
        st = self.state.station(r.device)
        if not st.registered:
            raise state_error("invalidDeviceState")
        st.registered = False
        xd = self.events.xd(st)
        if st.monitors:
            self.events.send(st, c.TerminalUnregisteredEvent(monitor_cross_ref_id="", device=xd, code="0"))
        return c.UnregisterTerminalResponse(device=xd, code="0")

    def get_registration_state(self, s: SwitchSession, r: c.GetRegistrationState) -> Message:
        st = self.state.station(r.device)
        state = c.RegistrationState.REGISTERED if st.registered else c.RegistrationState.IDLE
        return c.GetRegistrationStateResponse(registration_state=state)

    def validate_security_code(self, s: SwitchSession, r: c.ValidateDeviceSecurityCode) -> Message:
        st = self.state.station(r.device)
        if not st.security_code or r.security_code != st.security_code:
            raise switch_error("security", "securityInfoViolated")
        return c.ValidateDeviceSecurityCodeResponse(response="valid")

    def change_security_code(self, s: SwitchSession, r: c.ChangeDeviceSecurityCode) -> Message:
        st = self.state.station(r.device)
        if st.security_code and r.old_security_code != st.security_code:
            raise switch_error("security", "securityInfoViolated")
        code = r.new_security_code
        if not code.isdigit() or not 3 <= len(code) <= 8:
            raise op_error("invalidParameterValue")
        st.security_code = code
        return c.ChangeDeviceSecurityCodeResponse(response="changed")
