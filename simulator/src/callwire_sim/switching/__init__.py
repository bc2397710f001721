"""The simulated switch's call model, split along its seams; `callwire_sim.switch.Switch` composes it.

Each module holds one collaborator, and a collaborator uses only those below it (nothing imports upwards, so
the module graph has no cycle); where a lower part must cause work in a higher one, the higher one installs a
hook at composition time (a station going idle wakes the agent logic; a step's end redraws the DMCC phones):

    model, errors                        state and the negative acknowledgement (no behaviour)
    state                                registries built from the site, and the lookups requests use
    deferred                             end-of-step follow-ups, timers, phones to redraw
    events                               CSTA forms of the model (IDs, private data) and the event builders
    calls                                the connection life cycle: add, drop, release, answer, hold, divert
    scripts                              far ends and IVR ports acting on a call (answer, digits, hang up)
    acd                                  queueing and distribution to agents, the split queries
    routing                              offering a call: station, forwarding, VDN/split, trunk
    agents                               login, work modes, pending modes, agent queries
    features                             send-all-calls, forwarding, message waiting
    phone                                the DMCC phone: lamps, display, hookswitch, ringer, buttons, registration
    monitors                             MonitorStart/MonitorStop
    queries                              snapshots and the Avaya queries
    call_control, transfer               the call-control requests

This package does no I/O; it imports nothing from its own `__init__` (kept empty on purpose).
"""
