"""The deploy files, checked by the tools that will read them: helm (lint --strict, template), the Kubernetes
schemas of kubernetes-validate (--strict, 1.34), the OpenTelemetry Collector (validate), Callwire's own
configuration loader and command-line parser (every `callwire` command line in the Helm chart, the compose file
and the Dockerfile must parse), and the files each of them mounts or copies.

Building and starting the image needs a container engine with base images, which this machine lacks; what is
checked here is everything up to that.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from telemetry_procs import OTELCOL, ROOT

from callwire_server.cli import parse_args
from callwire_server.config import load_config

DEPLOY = ROOT / "deploy"
CHART = DEPLOY / "helm" / "callwire"
HELM = ROOT / ".tools" / "bin" / "helm"
KUBERNETES_VERSION = "1.34.0"
needs_helm = pytest.mark.skipif(not HELM.exists(), reason="no helm: `make tools` (tools/build-helm) builds it")

#: A second set of values that turns on what the defaults leave off.
VALUES_VARIANT = {
    "gateway": {"replicas": 2, "allowedOrigins": ["https://crm.example.net"]},
    "server": {"replicas": 3, "config": {"monitor": ["101", 60123], "phantomDevices": ["41101"]}},
    "otel": {
        "endpoint": "http://otel-collector.observability:4317",
        "resourceAttributes": "deployment.environment.name=prod",
    },
}


def run(*argv: str | Path) -> str:
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{argv}: {done.stdout}{done.stderr}"
    return done.stdout


def render(tmp_path: Path, values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    args: list[str | Path] = [HELM, "template", "callwire", CHART]
    if values is not None:
        (tmp_path / "values.json").write_text(json.dumps(values))
        args += ["-f", tmp_path / "values.json"]
    text = run(*args)
    (tmp_path / "rendered.yaml").write_text(text)
    return [doc for doc in yaml.safe_load_all(text) if doc]


@needs_helm
def test_helm_lint_strict_passes() -> None:
    out = run(HELM, "lint", "--strict", CHART)
    assert "0 chart(s) failed" in out


@needs_helm
@pytest.mark.parametrize("values", [None, VALUES_VARIANT], ids=["defaults", "variant"])
def test_rendered_chart_is_valid_kubernetes_and_its_commands_and_config_load(
    tmp_path: Path, values: dict[str, Any] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = render(tmp_path, values)
    out = run(
        ROOT / ".venv" / "bin" / "kubernetes-validate", "--strict", "-k", KUBERNETES_VERSION, tmp_path / "rendered.yaml"
    )
    kinds = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in docs)
    assert out.count(" passed for resource ") == len(docs), out
    assert "ConfigMap/callwire" in kinds
    assert {"Deployment/callwire-server", "Service/callwire-server", "PodDisruptionBudget/callwire-server"} <= set(
        kinds
    )
    assert {"Deployment/callwire-gateway", "Service/callwire-gateway"} <= set(kinds)

    # The ConfigMap's callwire.toml is what `callwire serve` reads; its secrets come from the environment.
    (config_map,) = [d for d in docs if d["kind"] == "ConfigMap"]
    (tmp_path / "callwire.toml").write_text(config_map["data"]["callwire.toml"])
    monkeypatch.setenv("CALLWIRE_LINK_PASSWORD", "from-the-secret")
    monkeypatch.setenv("CALLWIRE_STORE_URL", "postgresql+asyncpg://callwire:pw@postgres/callwire")
    config = load_config(tmp_path / "callwire.toml")
    assert config.grpc.address == "0.0.0.0:50051"
    assert config.grpc.require_api_key
    assert [e.host for e in config.link.endpoints] == ["aes1.example.net", "aes2.example.net"]
    if values is not None:
        assert config.monitor == ("101", "60123")

    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for deployment in deployments.values():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        (container,) = pod["containers"]
        args = parse_args(container["args"])
        assert args.metrics_host == "0.0.0.0"
        assert container["resources"]["requests"]["memory"]
        secret_refs = [
            e["valueFrom"]["secretKeyRef"]["name"]
            for e in container["env"]
            if "valueFrom" in e and "secretKeyRef" in e["valueFrom"]
        ]
        assert secret_refs
        assert set(secret_refs) == {"callwire"}
    server = deployments["callwire-server"]["spec"]["template"]["spec"]["containers"][0]
    assert server["readinessProbe"]["grpc"]["port"] == 50051  # ready only while grpc.health.v1 says SERVING
    assert parse_args(server["args"]).command == "serve"
    gateway = parse_args(deployments["callwire-gateway"]["spec"]["template"]["spec"]["containers"][0]["args"])
    assert gateway.server == "callwire-server:50051"
    env = {e["name"]: e.get("value") for e in server["env"]}
    if values is None:
        assert env["OTEL_TRACES_EXPORTER"] == "none"
    else:
        assert env["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://otel-collector.observability:4317"
        assert gateway.allowed_origin == ["https://crm.example.net"]
        assert deployments["callwire-server"]["spec"]["replicas"] == 3


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def test_compose_services_commands_and_mounts() -> None:
    services = compose()["services"]
    assert {"postgres", "collector", "simulator", "server-a", "server-b", "envoy", "gateway"} <= set(services)
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name} mounts {source}, which does not exist"
        image = service.get("image", "")
        assert ":" in image, f"{name}: pin the image ({image})"
        assert not image.endswith(":latest"), f"{name}: pin the image ({image})"
    for name in ("server-a", "server-b", "gateway"):
        args = parse_args(services[name]["command"])
        assert args.metrics_host == "0.0.0.0"
    assert parse_args(services["gateway"]["command"]).server == "server-a:8080"  # through Envoy


def test_compose_server_configs_load_and_are_envoys_upstreams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLWIRE_STORE_URL", raising=False)
    monkeypatch.delenv("CALLWIRE_LINK_PASSWORD", raising=False)
    envoy = yaml.safe_load((DEPLOY / "envoy" / "envoy.yaml").read_text())
    (cluster,) = [c for c in envoy["static_resources"]["clusters"] if c["name"] == "callwire"]
    upstreams = {
        e["endpoint"]["address"]["socket_address"]["port_value"]
        for group in cluster["load_assignment"]["endpoints"]
        for e in group["lb_endpoints"]
    }
    ports = set()
    for instance in ("a", "b"):
        config = load_config(DEPLOY / "compose" / f"callwire-{instance}.toml")
        assert config.store_url.startswith("postgresql+asyncpg://")
        assert config.link.endpoints[0].host == "simulator"
        ports.add(int(config.grpc.address.rpartition(":")[2]))
    # Envoy and server-b share server-a's network namespace: the committed Envoy config's upstreams are the two.
    assert ports == upstreams
    services = compose()["services"]
    assert services["envoy"]["network_mode"] == services["server-b"]["network_mode"] == "service:server-a"


def test_dockerfile_is_multi_stage_non_root_with_a_grpc_health_check() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", text, re.MULTILINE)) >= 2
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users, "no USER"
    assert users[-1].split(":")[0] not in ("root", "0")
    health = re.search(r"^\s+CMD (\[.*\])$", text.split("HEALTHCHECK", 1)[1], re.MULTILINE)
    assert health is not None
    argv = json.loads(health.group(1))
    assert argv[0] == "callwire"
    assert parse_args(argv[1:]).command == "health"
    command = json.loads(re.search(r"^CMD (\[.*\])$", text, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert parse_args(command).command == "serve"
    for line in re.findall(r"^COPY (?!--from)(.+)$", text, re.MULTILINE):
        *sources, _dest = shlex.split(line)
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"


@pytest.mark.skipif(not OTELCOL.exists(), reason="no collector: `make tools` (tools/build-otelcol) builds it")
def test_the_collector_example_is_valid_for_the_collector() -> None:
    run(OTELCOL, "validate", "--config", DEPLOY / "otel-collector.yaml")
