"""Background jobs of the analysis (django-tasks): primary keys in, the service does the work."""

from __future__ import annotations

from django_tasks import task

from rapfang.analysis.services import analysis_run_execute


@task()
def analysis_run_task(run_id: int) -> None:
    """Carry out a queued analysis run; its progress is written on the run as it goes."""
    analysis_run_execute(run_id=run_id)
