"""``rapfang analyze --consultation SLUG``: analyse a consultation's stored comments, with a bar per stage on stderr."""

from __future__ import annotations

import sys
from typing import TextIO

from rapfang.analysis.models import AnalysisRun
from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.analysis.text.progress import ProgressBar
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import DomainError


class StageBars:
    """One progress bar per stage: the hook ``analysis_run_execute`` calls with (stage, done, total)."""

    def __init__(self, stream: TextIO, quiet: bool = False) -> None:
        self.stream, self.quiet = stream, quiet
        self.bar: ProgressBar | None = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.bar = stage, ProgressBar(total, stage, stream=self.stream)
        if self.bar is not None and done > self.bar.done:
            self.bar.advance(done - self.bar.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.finish()
            self.bar = None


def analyze_consultation(slug: str, *, quiet: bool = False, stream: TextIO | None = None) -> int:
    """Run the analysis now, in this process; 0 when it finished, 1 when it could not run or failed."""
    out = stream or sys.stderr
    consultation = Consultation.objects.filter(slug=slug).first()
    if consultation is None:
        out.write(f"rapfang analyze: no consultation with the short name {slug!r}\n")
        return 1
    try:
        run = analysis_run_start(actor=SYSTEM, consultation=consultation, enqueue=False)
    except DomainError as error:
        out.write(f"rapfang analyze: {error.code}: {error.message}\n")
        return 1
    bars = StageBars(out, quiet)
    try:
        run = analysis_run_execute(run_id=run.pk, progress=bars)
    except Exception as error:  # recorded on the run by the service; say it briefly here
        bars.close()
        out.write(f"rapfang analyze: the run failed: {type(error).__name__}: {error}\n")
        return 1
    bars.close()
    out.write(summary(run))
    return 0


def summary(run: AnalysisRun) -> str:
    seconds = sum(run.timings.values())
    stages = ", ".join(f"{name} {value:.2f}s" for name, value in run.timings.items())
    return (
        f"comments: {run.comments} analysed ({run.segmented} segmented anew, {run.reused} reused), {seconds:.1f}s\n"
        f"duplicate groups: {run.groups}; topic clusters: {run.clusters}; with a domain: {run.with_domain}\n"
        f"stages: {stages}\n"
    )
