"""Generate the Python SDK's service surface and error classes from the contracts' descriptors.

Run by `make generate` after `buf generate` (which writes the betterproto2 messages). It reads a descriptor set
that `buf build` writes with source info, so each method's docstring is the RPC's proto comment, and writes
`sdk/python/src/callwire_sdk/_surface.py`: one client class per service with one method per RPC (keyword
arguments for the request fields), and one exception class per common.v1.ErrorReason. Nothing here is listed by
hand: an RPC added to the contracts gets its method at the next `make generate`, and the freshness check fails
until it is committed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2

from callwire.common.v1 import options_pb2  # registers the error_surface option before parsing

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sdk/python/src/callwire_sdk/_surface.py"
BUF = ROOT / "tools/node_modules/.bin/buf"

F = descriptor_pb2.FieldDescriptorProto
SCALARS = {
    F.TYPE_STRING: "str",
    F.TYPE_BYTES: "bytes",
    F.TYPE_BOOL: "bool",
    F.TYPE_DOUBLE: "float",
    F.TYPE_FLOAT: "float",
}
WELL_KNOWN = {".google.protobuf.Timestamp": "datetime.datetime", ".google.protobuf.Duration": "datetime.timedelta"}
# The attribute of the Client each service is reached by.
SERVICE_ATTRS = {
    "AdminService": "admin",
    "AgentService": "agent",
    "CallControlService": "call_control",
    "DeviceService": "device",
    "EventService": "events",
    "QueryService": "query",
    "StationService": "station",
    "UserDataService": "user_data",
}
PYTHON_KEYWORDS = {"from", "class", "def", "global", "import", "in", "is", "lambda", "pass", "return", "type"}


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def load() -> descriptor_pb2.FileDescriptorSet:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "image.binpb"
        subprocess.run([str(BUF), "build", "--as-file-descriptor-set", "-o", str(out)], check=True, cwd=ROOT)
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString(out.read_bytes())
        return fds


def comments(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    return {tuple(loc.path): loc.leading_comments for loc in file.source_code_info.location if loc.leading_comments}


class Types:
    """Maps fully qualified proto names to the betterproto2 Python names the generated code imports."""

    def __init__(self, fds: descriptor_pb2.FileDescriptorSet) -> None:
        self.messages: dict[str, descriptor_pb2.DescriptorProto] = {}
        self.python: dict[str, str] = {}
        self.modules: set[str] = set()
        for file in fds.file:
            if not file.package.startswith("callwire."):
                continue
            for msg in file.message_type:
                self._add(file.package, "", msg)
            for enum in file.enum_type:
                self.python["." + file.package + "." + enum.name] = self._alias(file.package) + "." + enum.name

    def _alias(self, package: str) -> str:
        self.modules.add(package)
        return package.replace("callwire.", "").replace(".", "_")

    def _add(self, package: str, outer: str, msg: descriptor_pb2.DescriptorProto) -> None:
        full = f".{package}.{outer}{msg.name}"
        self.messages[full] = msg
        self.python[full] = self._alias(package) + "." + (outer.replace(".", "") + msg.name)
        for nested in msg.nested_type:
            self._add(package, f"{outer}{msg.name}.", nested)
        for enum in msg.enum_type:
            self.python[f"{full}.{enum.name}"] = (
                self._alias(package) + "." + outer.replace(".", "") + msg.name + enum.name
            )

    def annotation(self, field: descriptor_pb2.FieldDescriptorProto) -> str:
        if field.type == F.TYPE_MESSAGE:
            entry = self.messages.get(field.type_name)
            if entry is not None and entry.options.map_entry:
                key, value = entry.field
                return f"dict[{self._single(key)}, {self._single(value)}]"
        single = self._single(field)
        return f"list[{single}]" if field.label == F.LABEL_REPEATED else single

    def _single(self, field: descriptor_pb2.FieldDescriptorProto) -> str:
        if field.type in SCALARS:
            return SCALARS[field.type]
        if field.type in (F.TYPE_MESSAGE, F.TYPE_ENUM):
            if field.type_name in WELL_KNOWN:
                return WELL_KNOWN[field.type_name]
            if field.type == F.TYPE_ENUM:
                # mypy sees betterproto2 enum members as ints, so the plain values are accepted too.
                return f"{self.python[field.type_name]} | int"
            return self.python[field.type_name]
        return "int"


def docstring(text: str, indent: str) -> str:
    lines = [line[1:] if line.startswith(" ") else line for line in text.strip("\n").splitlines()]
    body = "\n".join((indent + line).rstrip() for line in lines).replace("\\", "\\\\").replace('"""', "'''")
    return f'{indent}"""\n{body}\n{indent}"""\n'


def safe(name: str) -> str:
    return name + "_" if name in PYTHON_KEYWORDS or name in ("request", "timeout", "request_id", "metadata") else name


def retry_safe_reasons(fds: descriptor_pb2.FileDescriptorSet) -> tuple[list[tuple[str, int, str]], set[str]]:
    """The ErrorReason values (name, gRPC code, comment) and the ones whose comment says a retry is safe."""
    for file in fds.file:
        if file.package != "callwire.common.v1":
            continue
        notes = comments(file)
        for index, enum in enumerate(file.enum_type):
            if enum.name != "ErrorReason":
                continue
            values: list[tuple[str, int, str]] = []
            safe_set: set[str] = set()
            for number, value in enumerate(enum.value):
                if value.number == 0:
                    continue
                name = value.name.removeprefix("ERROR_REASON_")
                text = notes.get((5, index, 2, number), "")
                code: int = value.options.Extensions[options_pb2.error_surface].grpc_code  # type: ignore[index]
                values.append((name, code, text))
                if "safe to retry" in text.lower():
                    safe_set.add(name)
            return values, safe_set
    raise SystemExit("common.v1.ErrorReason not found in the contracts")


def class_name(reason: str) -> str:
    name = "".join(part.capitalize() for part in reason.split("_"))
    return name if name.endswith("Error") else name + "Error"


def generate(fds: descriptor_pb2.FileDescriptorSet) -> str:
    types = Types(fds)
    reasons, safe_reasons = retry_safe_reasons(fds)
    services: list[str] = []
    registry: list[str] = []
    for file in sorted(fds.file, key=lambda f: f.name):
        if not file.package.startswith("callwire.") or not file.service:
            continue
        notes = comments(file)
        for s_index, service in enumerate(file.service):
            cls = service.name.removesuffix("Service") + "ServiceClient"
            out = [f"class {cls}:\n"]
            out.append(docstring(notes.get((6, s_index), service.name), "    "))
            out.append(f'\n    service_name = "{file.package}.{service.name}"\n\n')
            out.append("    def __init__(self, transport: Transport) -> None:\n        self._transport = transport\n")
            for m_index, method in enumerate(service.method):
                request = types.messages[method.input_type]
                req_cls = types.python[method.input_type]
                resp_cls = types.python[method.output_type]
                path = f"/{file.package}.{service.name}/{method.name}"
                params = []
                assigns = []
                for field in request.field:
                    ann = types.annotation(field)
                    py = safe(field.name)
                    params.append(f"        {py}: {ann} | None = None,\n")
                    attr = field.name + "_" if field.name in PYTHON_KEYWORDS else field.name
                    assigns.append(f'("{attr}", {py})')
                name = snake(method.name)
                doc = notes.get((6, s_index, 2, m_index), method.name)
                registry.append(f'    "{path}": ("{SERVICE_ATTRS[service.name]}", "{name}", {req_cls}, {resp_cls}),\n')
                if method.server_streaming:
                    ret = f"AsyncIterator[{resp_cls}]"
                    head = f"    def {name}(\n"
                else:
                    ret = resp_cls
                    head = f"    async def {name}(\n"
                sig = head + f"        self,\n        request: {req_cls} | None = None,\n"
                sig += "        *,\n"
                sig += "".join(params)
                sig += "        timeout: float | None = None,\n        request_id: str | None = None,\n"
                sig += "        metadata: Sequence[tuple[str, str]] = (),\n"
                sig += f"    ) -> {ret}:\n"
                out.append("\n" + sig + docstring(doc, "        "))
                fields = "(" + ", ".join(assigns) + ("," if len(assigns) == 1 else "") + ")" if assigns else "()"
                out.append(f"        message = _build({req_cls}, request, {fields})\n")
                if method.server_streaming:
                    out.append(
                        f'        return self._transport.stream("{path}", message, {resp_cls}, '
                        "timeout=timeout, request_id=request_id, metadata=metadata)\n"
                    )
                else:
                    out.append(
                        f'        return await self._transport.unary("{path}", message, {resp_cls}, '
                        "timeout=timeout, request_id=request_id, metadata=metadata)\n"
                    )
            services.append("".join(out))

    imports = "".join(
        f"from ._gen.{pkg.rsplit('.', 1)[0]} import {pkg.rsplit('.', 1)[1]} as "
        f"{pkg.replace('callwire.', '').replace('.', '_')}\n"
        for pkg in sorted(types.modules)
    )
    errors = []
    for name, code, text in reasons:
        errors.append(
            f"class {class_name(name)}(CallwireError):\n"
            + docstring(text or name, "    ")
            + f'\n    reason = "{name}"\n    grpc_code = {code}\n    retry_safe = {name in safe_reasons}\n'
        )
    error_map = "".join(f'    "{name}": {class_name(name)},\n' for name, _, _ in reasons)
    all_names = sorted(
        [class_name(n) for n, _, _ in reasons]
        + [s.split("(")[0].split(":")[0].removeprefix("class ") for s in services]
        + ["ERRORS", "RPCS"]
    )
    return (
        '"""Generated by tools/gen_sdk_surface.py from the contracts (`make generate`). Do not edit.\n\n'
        "One client class per service, one method per RPC (docstrings are the proto comments), and one exception\n"
        'class per common.v1.ErrorReason.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "import datetime\n"
        "from collections.abc import AsyncIterator, Sequence\n"
        "from typing import Any\n\n"
        "from ._errors import CallwireError\n"
        + imports
        + "from ._transport import Transport, _build\n\n"
        + f"__all__ = {all_names!r}\n\n"
        + "datetime = datetime  # imported for the annotations of Timestamp and Duration fields\n\n\n"
        + "\n\n".join(errors)
        + "\n\nERRORS: dict[str, type[CallwireError]] = {\n"
        + error_map
        + "}\n\n\n"
        + "\n\n".join(services)
        + "\n\n# Every RPC: its path, the client attribute and method that call it, its request and response classes.\n"
        + "RPCS: dict[str, tuple[str, str, type[Any], type[Any]]] = {\n"
        + "".join(registry)
        + "}\n"
    )


def main() -> None:
    OUT.write_text(generate(load()))
    ruff = ROOT / ".venv/bin/ruff"
    subprocess.run([str(ruff), "format", "--quiet", str(OUT)], check=True)
    subprocess.run([str(ruff), "check", "--quiet", "--fix", "--select", "I,F401", str(OUT)], check=False)
    subprocess.run([str(ruff), "format", "--quiet", str(OUT)], check=True)
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
