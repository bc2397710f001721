"""deploy/envoy/envoy.yaml is a configuration the real Envoy accepts, as committed and as rendered for a run."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from envoy_support import ROOT, SOURCE, self_signed
from google.protobuf import descriptor_pb2

from callwire_server.envoy import EnvoyError, EnvoySettings, envoy_binary, render, validate, write_config


def test_the_committed_configuration_is_valid() -> None:
    # As an operator runs it: from the repository root, the descriptor path relative.
    done = subprocess.run(
        [envoy_binary(), "--mode", "validate", "-c", str(SOURCE), "--log-level", "error"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_every_service_of_the_descriptor_set_is_transcoded() -> None:
    config = yaml.safe_load(SOURCE.read_text())
    hcm = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    (transcoder,) = [f for f in hcm["http_filters"] if f["name"] == "envoy.filters.http.grpc_json_transcoder"]
    descriptors = descriptor_pb2.FileDescriptorSet.FromString((ROOT / "deploy/envoy/callwire.binpb").read_bytes())
    services = {
        f"{file.package}.{service.name}"
        for file in descriptors.file
        if file.package.startswith("callwire.")
        for service in file.service
    }
    assert set(transcoder["typed_config"]["services"]) == services


def test_a_rendered_configuration_with_tls_cors_and_three_upstreams_is_valid(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    settings = EnvoySettings(
        upstreams=[("127.0.0.1", 50061), ("127.0.0.1", 50062), ("127.0.0.1", 50063)],
        port=18443,
        admin_port=19902,
        cors_origins=["https://crm.example.net"],
        tls_cert=cert,
        tls_key=key,
    )
    config = write_config(SOURCE, settings, tmp_path / "envoy.json")
    assert validate(config) == ""
    rendered = render(SOURCE, settings)
    listener = rendered["static_resources"]["listeners"][0]
    assert listener["address"]["socket_address"]["port_value"] == 18443
    assert listener["filter_chains"][0]["transport_socket"]["name"] == "envoy.transport_sockets.tls"
    (cluster,) = rendered["static_resources"]["clusters"]
    ports = [
        e["endpoint"]["address"]["socket_address"]["port_value"]
        for e in cluster["load_assignment"]["endpoints"][0]["lb_endpoints"]
    ]
    assert ports == [50061, 50062, 50063]
    # The source file itself is unchanged: it stays the one source of the configuration.
    assert yaml.safe_load(SOURCE.read_text())["admin"]["address"]["socket_address"]["port_value"] == 9901


def test_rendering_refuses_half_a_tls_pair_and_no_upstream(tmp_path: Path) -> None:
    cert, _ = self_signed(tmp_path)
    with pytest.raises(EnvoyError, match="both"):
        render(SOURCE, EnvoySettings(upstreams=[("127.0.0.1", 1)], tls_cert=cert))
    with pytest.raises(EnvoyError, match="upstream"):
        render(SOURCE, EnvoySettings(upstreams=[]))


def test_every_streaming_rpc_has_a_route_without_timeouts_and_unary_ones_have_one() -> None:
    config = yaml.safe_load(SOURCE.read_text())
    hcm = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    (host,) = hcm["route_config"]["virtual_hosts"]
    routes = {r["match"]["prefix"]: r["route"] for r in host["routes"]}
    descriptors = descriptor_pb2.FileDescriptorSet.FromString((ROOT / "deploy/envoy/callwire.binpb").read_bytes())
    streaming = {
        f"/{file.package}.{service.name}/{method.name}"
        for file in descriptors.file
        if file.package.startswith("callwire.")
        for service in file.service
        for method in service.method
        if method.server_streaming
    }
    assert streaming
    for path in streaming:
        assert routes[path]["timeout"] == "0s", path
        assert routes[path]["idle_timeout"] == "0s", path
    assert routes["/"]["timeout"] == "15s"
    assert set(routes["/"]["retry_policy"]["retry_on"].split(",")) == {"connect-failure", "refused-stream"}
