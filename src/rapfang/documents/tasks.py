"""Background jobs of documents: the daily clearing of draft uploads that were never confirmed."""

from __future__ import annotations

from django_tasks import task

from rapfang.documents.pending import pending_purge


@task()
def pending_drafts_purge() -> int:
    """Delete the draft uploads kept for a confirmation that never came, once their time has passed."""
    return pending_purge()
