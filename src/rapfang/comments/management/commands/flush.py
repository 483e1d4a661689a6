"""`rapfang manage flush`: Django's flush, which also empties SQLite's full-text index of comments.

The index (`comments_search`, an FTS5 table) is not a model's table, so Django's flush leaves its rows behind. Counts
of search hits come from the index alone (decision 15), so rows of comments that no longer exist would be counted
against the comments written after the flush under the same ids. Django's own test cases flush through this command
too (`call_command("flush")` after each test that commits).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush

from rapfang.comments.search import index_clear_if_orphaned


class Command(flush.Command):
    help = flush.Command.help + " It also empties the full-text index of comments on SQLite."

    def handle(self, **options: Any) -> None:
        super().handle(**options)
        # A flush that was cancelled at the prompt leaves the comments, and the index with them.
        index_clear_if_orphaned(using=options["database"])
