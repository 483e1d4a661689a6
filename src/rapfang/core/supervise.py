"""Keeping processes running: a growing pause between tries, and a supervisor that restarts a child that ended.

Plain Python, no Django: `rapfang serve` runs the web server and the job worker under `supervise`, and the job
worker waits out a database outage with `Backoff`.
"""

from __future__ import annotations

import logging
import random
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger("rapfang.supervise")
STABLE_AFTER = 60.0  # seconds: a child that ran this long starts again after the shortest pause


@dataclass
class Backoff:
    """Pauses of first, 2×first, 4×first ... up to `most` seconds, each with up to a quarter of random spread."""

    first: float = 0.5
    most: float = 10.0
    tries: int = 0

    def next(self) -> float:
        pause = min(self.most, self.first * 2**self.tries)
        self.tries += 1
        return pause * (1 + random.random() / 4)  # noqa: S311 (spreading retries, not security)

    def reset(self) -> None:
        self.tries = 0


@dataclass
class Child:
    name: str
    command: Sequence[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    backoff: Backoff = field(default_factory=lambda: Backoff(first=1.0, most=15.0))

    def start(self) -> None:
        self.process = subprocess.Popen(list(self.command))  # noqa: S603 (our own command lines)
        self.started_at, self.restart_at = time.monotonic(), None

    def check(self, now: float) -> None:
        """Schedule a restart when the process has ended; start it again when its pause is over."""
        if self.restart_at is not None:
            if now >= self.restart_at:
                logger.warning("starting %s again", self.name)
                self.start()
            return
        if self.process is None or (code := self.process.poll()) is None:
            return
        if now - self.started_at >= STABLE_AFTER:
            self.backoff.reset()
        pause = self.backoff.next()
        logger.error("%s ended (exit code %s); starting it again in %.1f s", self.name, code, pause)
        self.restart_at = now + pause

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float = 15.0) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def supervise(children: list[Child], *, tick: float = 0.5) -> int:
    """Run `children` until SIGINT or SIGTERM, restarting any that ends; then stop them all cleanly."""
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for child in children:
        child.start()
    while not stopping:
        time.sleep(tick)
        if stopping:  # the children may have been told too (Ctrl-C reaches the whole group): do not restart them
            break
        for child in children:
            child.check(time.monotonic())
    for child in children:
        child.stop()
    for child in children:
        child.wait()
    return 0
