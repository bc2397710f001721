"""A protoc plugin that runs the generators built into the pinned grpcio-tools wheel.

grpcio-tools ships protoc with the Python, pyi and grpc_python generators compiled in, but no
`protoc-gen-grpc_python` executable that buf could call as a local plugin. This plugin receives buf's
CodeGeneratorRequest, hands the already-parsed descriptors to grpc_tools' protoc through a descriptor set,
and returns what it generates. Parameters: a comma list of generators, by default `python,pyi,grpc_python`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2
from grpc_tools import protoc


def main() -> None:
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    generators = (request.parameter or "python,pyi,grpc_python").split(",")
    response = plugin_pb2.CodeGeneratorResponse(
        supported_features=plugin_pb2.CodeGeneratorResponse.FEATURE_PROTO3_OPTIONAL
    )
    with tempfile.TemporaryDirectory() as tmp:
        descriptor_set = Path(tmp) / "input.binpb"
        descriptor_set.write_bytes(descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString())
        out = Path(tmp) / "out"
        out.mkdir()
        args = ["protoc", f"--descriptor_set_in={descriptor_set}"]
        args += [f"--{name}_out={out}" for name in generators]
        args += list(request.file_to_generate)
        if protoc.main(args) != 0:
            response.error = f"grpc_tools.protoc failed for {' '.join(request.file_to_generate)}"
        else:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    response.file.add(name=str(path.relative_to(out)), content=path.read_text())
    sys.stdout.buffer.write(response.SerializeToString())


if __name__ == "__main__":
    main()
