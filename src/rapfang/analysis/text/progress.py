"""A plain progress bar on stderr: no dependency, quiet when stderr is not a terminal unless asked."""

import sys
import time
from typing import TextIO


class ProgressBar:
    """``with ProgressBar(total, "segment") as bar: bar.advance(n)`` draws ``label [####    ] 40% 4000/10000``.

    Redraws at most ten times a second. On a terminal the bar rewrites one line; elsewhere (a log file) it
    writes a line at each tenth of the way, so logs stay short.
    """

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None, width: int = 30) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._last_tenth = -1
        self._interactive = bool(getattr(self.stream, "isatty", lambda: False)())

    def __enter__(self) -> "ProgressBar":
        self._draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def advance(self, step: int = 1) -> None:
        self.done = min(self.done + step, self.total) if self.total else self.done + step
        self._draw()

    def finish(self) -> None:
        self.done = max(self.done, self.total)
        self._draw(force=True)
        if self._interactive:
            self.stream.write("\n")
        self.stream.flush()

    def render(self) -> str:
        """The bar as text, e.g. ``segment [###########-------] 60% 600/1000 2.1s``."""
        share = self.done / self.total if self.total else 1.0
        filled = round(share * self.width)
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{self.label} [{bar}] {share:4.0%} {self.done}/{self.total} {elapsed:.1f}s"

    def _draw(self, force: bool = False) -> None:
        if self._interactive:
            now = time.monotonic()
            if force or now - self._drawn_at >= 0.1:
                self.stream.write("\r" + self.render())
                self.stream.flush()
                self._drawn_at = now
            return
        tenth = int(10 * self.done / self.total) if self.total else 10
        if tenth > self._last_tenth:
            self.stream.write(self.render() + "\n")
            self._last_tenth = tenth
