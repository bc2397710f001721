"""Copy the google/api and google/rpc protos the contracts import from the pinned googleapis-common-protos wheel.

The contracts need `google.api.http` annotations and `google.rpc` error details; buf must resolve them without a
remote dependency, so the exact files of the wheel the runtime uses are vendored under proto/google. Run by
`make generate`; the freshness check then fails if the pinned wheel and the vendored copy ever differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import google.api
import google.rpc

FILES = {
    google.api: ["annotations.proto", "http.proto", "field_behavior.proto"],
    google.rpc: ["status.proto", "error_details.proto", "code.proto"],
}


def main() -> None:
    root = Path(__file__).resolve().parent.parent / "proto" / "google"
    for package, names in FILES.items():
        source = Path(next(iter(package.__path__)))
        target = root / source.name
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(source / name, target / name)


if __name__ == "__main__":
    main()
