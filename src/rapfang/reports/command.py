"""``rapfang report SLUG --format F --out FILE``: the hearing summary report of the current state, written atomically.

The file is written beside its destination under a temporary name and renamed into place once complete, so a
failure leaves nothing half-written. A progress bar goes to stderr.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from rapfang.analysis.text.progress import ProgressBar
from rapfang.consultations.models import Consultation
from rapfang.reports.content import report_content
from rapfang.reports.render import FORMATS, render

USAGE_ERROR = 2


class _Bar:
    """The renderer's (done, total) calls drawn as one bar."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label, self.stream = label, stream
        self.bar: ProgressBar | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = ProgressBar(total, self.label, stream=self.stream)
        self.bar.total = max(total, 0)
        if done > self.bar.done:
            self.bar.advance(done - self.bar.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.finish()


def _writable_temp(out: Path) -> tuple[int, str] | str:
    """A temporary file beside `out`, or the reason there cannot be one."""
    if out.is_dir():
        return f"{out} is a folder; give a file name"
    folder = out.parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    try:
        return tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as error:
        return f"cannot write in {folder}: {error.strerror or error}"


def report_command(
    slug: str,
    *,
    fmt: str,
    out: str,
    language: str = "th",
    thai_digits: bool | None = None,
    stream: TextIO | None = None,
) -> int:
    """Render the report; 0 when written, 2 for a bad argument, 1 when rendering failed."""
    err = stream or sys.stderr
    if fmt not in FORMATS:
        err.write(f"rapfang report: unknown format {fmt!r}; use one of {', '.join(FORMATS)}\n")
        return USAGE_ERROR
    consultation = Consultation.objects.select_related("agency").filter(slug=slug).first()
    if consultation is None:
        err.write(f"rapfang report: there is no consultation with the short name {slug!r}\n")
        return USAGE_ERROR
    target = Path(out).expanduser().absolute()
    temp = _writable_temp(target)
    if isinstance(temp, str):
        err.write(f"rapfang report: cannot write the report to {target}: {temp}\n")
        return USAGE_ERROR
    handle, temp_path = temp
    bar = _Bar(f"report {fmt}", err)
    try:
        content = report_content(consultation=consultation, language=language, thai_digits=thai_digits)
        with os.fdopen(handle, "wb") as file:
            render(content, fmt, file, progress=bar)
        os.chmod(temp_path, 0o644)
        os.replace(temp_path, target)
    except Exception as error:
        bar.close()
        Path(temp_path).unlink(missing_ok=True)
        err.write(f"rapfang report: the report could not be made: {type(error).__name__}: {error}\n")
        return 1
    bar.close()
    err.write(f"rapfang report: wrote {target} ({target.stat().st_size:,} bytes)\n")
    return 0
