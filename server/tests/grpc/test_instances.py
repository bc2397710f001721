"""Several server instances on one store: what the console changes through one, the others follow."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import grpc
import pytest
from grpc_stack import Clock

from callwire.admin.v1 import request_response_pb2 as rr
from callwire.admin.v1 import service_pb2_grpc
from callwire.agent.v1 import enums_pb2 as agent_enums
from callwire.events.v1 import request_response_pb2 as events_rr
from callwire.events.v1 import service_pb2_grpc as events_grpc
from callwire_csta import codec as csta
from callwire_csta.link import Endpoint, LinkConfig
from callwire_server.app import RunningServer, start_server
from callwire_server.store import Store, UserDataNotFound
from callwire_testkit import until
from callwire_testkit.demo import demo_simulator, server_config


async def test_an_extension_added_on_one_instance_is_monitored_by_the_other(tmp_path: Path) -> None:
    async with demo_simulator() as sim:
        servers: list[RunningServer] = []
        try:
            for _ in range(2):
                config = server_config(tmp_path, sim.port, monitor=(), reconcile_interval=0.1)
                servers.append(await start_server(config))
            first, second = servers
            async with grpc.aio.insecure_channel(f"127.0.0.1:{first.port}") as channel:
                admin = service_pb2_grpc.AdminServiceStub(channel)
                await admin.AddExtension(rr.AddExtensionRequest(extension="60123"))
                assert "60123" in first.core.link.monitored
                await until(lambda: "60123" in second.core.link.monitored)
                await admin.DeleteExtension(rr.DeleteExtensionRequest(extension="60123"))
                await until(lambda: "60123" not in second.core.link.monitored)
        finally:
            for server in servers:
                await server.stop(grace=0.2)


async def test_expired_user_data_is_purged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="callwire")
    async with demo_simulator() as sim:
        clock = Clock()
        server = await start_server(
            server_config(tmp_path, sim.port, reconcile_interval=0.05, purge_interval=0.0), clock=clock
        )
        try:
            store = server.core.store
            key = await store.set_user_data("short-lived", ttl=timedelta(seconds=50))
            kept = await store.set_user_data("kept")
            clock.advance(60)
            await until(lambda: "purged expired user data count=1" in caplog.text)
            with pytest.raises(UserDataNotFound):
                await store.get_user_data(key)
            assert (await store.get_user_data(kept)).data == "kept"
            assert await store.purge_expired() == 0  # the housekeeping already deleted it
        finally:
            await server.stop(grace=0.2)


async def test_aes_links_set_with_the_console_replace_the_configured_endpoints(tmp_path: Path) -> None:
    """`update parameter aes_link_01 host:port,user,genpass-output` (the reference's ivr_tlink_01) at start."""
    async with demo_simulator() as sim:
        config = server_config(tmp_path, sim.port)
        store = await Store.open(config.store_url, data_dir=config.data_dir)
        token = store.secrets.encrypt("ctipass")
        await store.set_setting("aes_link_01", f"127.0.0.1:{sim.port},ctiuser,{token}", secret=True)
        await store.set_setting("aes_link_02", "127.0.0.1:1,ctiuser,not-a-token", secret=True)  # unusable: skipped
        await store.close()
        dead = LinkConfig(endpoints=(Endpoint("127.0.0.1", 1, name="from-file"),), username="x", password="y")
        server = await start_server(server_config(tmp_path, sim.port, link=dead))
        try:
            link = server.core.link
            assert [e.name for e in link.config.endpoints] == ["aes_link_01"]
            assert link.active_endpoint is not None
            assert link.active_endpoint.name == "aes_link_01"
            assert "101" in link.monitored
        finally:
            await server.stop(grace=0.2)


async def test_a_starting_server_learns_agent_and_feature_state_from_the_switch(tmp_path: Path) -> None:
    """State set before Callwire started (or while its link was down) is in the first snapshot, not unknown."""
    async with demo_simulator() as sim:
        switch = sim.switch
        session = switch.open_session(lambda _event: None)
        device = csta.DeviceID(value="103")
        switch.handle(session, csta.SetDoNotDisturb(device=device, do_not_disturb_on=True))
        switch.handle(session, csta.SetMessageWaitingIndicator(device=device, message_waiting_on=True))
        switch.handle(
            session,
            csta.SetForwarding(
                device=device,
                forwarding_type=csta.ForwardingType.FORWARD_IMMEDIATE,
                activate_forward=True,
                forward_dn=csta.DeviceID(value="104"),
            ),
        )
        switch.handle(
            session,
            csta.SetAgentState(
                device=device,
                requested_agent_state=csta.ReqAgentState.LOGGED_ON,
                agent_id="12346",
                password=b"67890",
                group=csta.DeviceID(value="201"),
            ),
        )
        server = await start_server(server_config(tmp_path, sim.port))
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
                stream = events_grpc.EventServiceStub(channel).StreamEvents(
                    events_rr.StreamEventsRequest(devices=["103"], include_snapshot=True)
                )
                first = await anext(aiter(stream))
                stream.cancel()
            (snapshot,) = first.snapshot.devices
            assert snapshot.do_not_disturb
            assert snapshot.message_waiting
            assert [(f.destination, f.enabled) for f in snapshot.forwarding] == [("104", True)]
            assert snapshot.agent.agent_id == "12346"
            assert snapshot.agent.work_mode == agent_enums.WORK_MODE_AUX
        finally:
            switch.close_session(session)
            await server.stop(grace=0.2)
