"""Saved CSTA traces: one JSON object per line, per frame, as `callwire ctl trace on --save FILE` writes them.

Each line: `{"time": <epoch seconds>, "direction": "sent" | "received", "invoke_id": "0001", "link": "...",
"xml": "<...>"}`, seen from Callwire's side of the link ("sent" goes to the switch). Credentials are masked
before a line is written (the server already masks the session password; agent passwords, station security
codes and user names are masked here too), so a capture from a real AES can be shared as a regression test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Elements whose text is a credential (any namespace prefix). Their text becomes `***`.
SECRET_ELEMENTS = (
    "password",
    "agentPassword",
    "userName",
    "securityCode",
    "oldSecurityCode",
    "newSecurityCode",
)
_SECRET = re.compile(r"(<(?:[\w.-]+:)?(?:" + "|".join(SECRET_ELEMENTS) + r")(?:\s[^>]*)?>)([^<]*)(</)")

DIRECTIONS = ("sent", "received")


def mask_credentials(xml: str) -> str:
    """`xml` with the text of every credential element replaced by `***`."""
    return _SECRET.sub(lambda m: f"{m.group(1)}***{m.group(3)}" if m.group(2) else m.group(0), xml)


@dataclass(frozen=True, slots=True)
class TraceFrame:
    time: float
    direction: str
    invoke_id: str
    xml: str
    link: str = ""

    def line(self) -> str:
        """The frame as one JSON line (credentials masked), without the newline."""
        record = {
            "time": round(self.time, 6),
            "direction": self.direction,
            "invoke_id": self.invoke_id,
            "link": self.link,
            "xml": mask_credentials(self.xml),
        }
        return json.dumps(record, ensure_ascii=False)


def parse_lines(lines: Iterable[str], where: str = "trace") -> Iterator[TraceFrame]:
    """Frames of a saved trace; a bad line raises ValueError naming its line number."""
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            continue
        try:
            record = json.loads(text)
            direction = record["direction"]
            if direction not in DIRECTIONS:
                raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
            yield TraceFrame(
                time=float(record["time"]),
                direction=direction,
                invoke_id=str(record["invoke_id"]),
                xml=str(record["xml"]),
                link=str(record.get("link", "")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{where}:{number}: not a trace line: {exc}") from None


def load(path: Path) -> list[TraceFrame]:
    with path.open(encoding="utf-8") as handle:
        return list(parse_lines(handle, str(path)))
