"""Background jobs of the reports app (django-tasks): primary keys in, the service does the work."""

from __future__ import annotations

from django_tasks import task

from rapfang.reports.services.reports import report_execute


@task()
def report_execute_task(report_id: int) -> None:
    """Render a queued version of the summary report in every format; its progress is written on the row."""
    report_execute(report_id=report_id)
