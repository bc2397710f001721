"""Progress of a long start-up step (monitoring every configured extension) for whoever watches it.

On a terminal a progress bar (tqdm) shows it live; otherwise (a service manager, a log shipper) a log line
every tenth of the way says how far it got. Both end with one log line of the total and the time it took.
"""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType
from typing import Any, TextIO

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

#: Fewer items than this finish too fast to need progress; only the closing line is logged.
PROGRESS_MIN = 1_000
#: Progress log lines per run when not on a terminal: one every tenth of the way.
PROGRESS_STEPS = 10


class MonitorProgress:
    """Count the extensions monitored at start out of `total`; use as a context manager around the work."""

    def __init__(self, total: int, *, log: logging.Logger, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self._log = log
        self._stream = stream if stream is not None else sys.stderr
        self._started = 0.0
        self._step = max(1, -(-total // PROGRESS_STEPS))  # ceiling: at most PROGRESS_STEPS lines
        self._next = self._step
        self._bar: tqdm[Any] | None = None
        self._redirect: Any = None

    def __enter__(self) -> MonitorProgress:
        self._started = time.monotonic()
        if self.total >= PROGRESS_MIN and self._stream.isatty():
            # Log records written meanwhile (a refused extension) go above the bar instead of through it.
            self._redirect = logging_redirect_tqdm()
            self._redirect.__enter__()
            self._bar = tqdm(total=self.total, desc="monitoring", unit=" extensions", file=self._stream)
        return self

    def advance(self, *, failed: bool = False) -> None:
        """One extension finished: monitored, or not (`failed`; its own warning says why)."""
        self.done += 1
        self.failed += failed
        if self._bar is not None:
            self._bar.update(1)
        elif self.total >= PROGRESS_MIN and self.done >= self._next and self.done < self.total:
            self._next += self._step
            self._log.info("monitored %s/%s", f"{self.done:,}", f"{self.total:,}")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.close()
            self._redirect.__exit__(kind, exc, tb)
        seconds = time.monotonic() - self._started
        failed = f"; {self.failed:,} not monitored yet (see above)" if self.failed else ""
        monitored = self.done - self.failed
        self._log.info("monitored %s/%s extensions in %.1f s%s", f"{monitored:,}", f"{self.total:,}", seconds, failed)
