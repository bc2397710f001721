"""Vendor `buf/validate/validate.proto` (the protovalidate rules the contracts import) under proto/buf/validate.

The Python, npm and Go protovalidate packages ship only generated code; the .proto source is published in the
Maven jar `build.buf:protovalidate`. `make generate` must work offline, so it never downloads: when the pinned
jar is in the local Maven repository (fetched once with the command in MAVEN_FETCH) the file is extracted from
it; either way the vendored file must have the pinned SHA-256, so a hand edit or a different release fails here
and therefore in `make check-generated`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import zipfile
from pathlib import Path

GROUP, ARTIFACT, VERSION = "build.buf", "protovalidate", "1.3.0"
MEMBER = "buf/validate/validate.proto"
#: SHA-256 of MEMBER in the pinned jar: the vendored copy must match it byte for byte.
SHA256 = "817951eab518442950f1982be24b2c3154b214b40e42f49b915cbf5181e6ee80"
MAVEN_FETCH = f"mvn -B -q dependency:get -Dartifact={GROUP}:{ARTIFACT}:{VERSION} -Dtransitive=false"


def _local_jar() -> Path:
    repo = Path(os.environ.get("MAVEN_REPO_LOCAL", Path.home() / ".m2" / "repository"))
    return repo.joinpath(*GROUP.split("."), ARTIFACT, VERSION, f"{ARTIFACT}-{VERSION}.jar")


def main() -> int:
    target = Path(__file__).resolve().parent.parent / "proto" / MEMBER
    jar = _local_jar()
    if jar.is_file():
        with zipfile.ZipFile(jar) as archive:
            data = archive.read(MEMBER)
        if hashlib.sha256(data).hexdigest() != SHA256:
            print(f"{jar}: {MEMBER} does not have the pinned SHA-256; is the jar damaged?", file=sys.stderr)
            return 1
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return 0
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == SHA256:
        return 0  # no jar here (offline machine): the committed copy is the pinned file
    print(
        f"proto/{MEMBER} is missing or differs from {GROUP}:{ARTIFACT}:{VERSION}; fetch the jar with\n"
        f"  {MAVEN_FETCH}\nand run `make generate` again.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
