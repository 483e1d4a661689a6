"""`rapfang manage purge_commenters [--days N] [--queue]`: remove commenters' names and e-mail addresses."""

from __future__ import annotations

from rapfang.comments.retention import commenters_purge
from rapfang.comments.tasks import commenters_purge as purge_job
from rapfang.core.purgecommand import PurgeCommand


class Command(PurgeCommand):
    help = "Remove commenters' names and e-mail addresses the retention days after the comment period closed."
    purge = commenters_purge
    job = purge_job
    days_after = "the period"
    done = "Names and e-mail addresses removed from {count} comments; their texts remain."
