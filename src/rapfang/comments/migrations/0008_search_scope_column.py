"""SQLite's search index keeps each comment's consultation and status in a column of their own, `scope`, which
queries never search for people's words; before, they were two more words among the comment's own (`rfc12`,
`rfpub`), which a comment could write itself. The index is rebuilt from the comments. Nothing changes on PostgreSQL,
whose searches filter on the comments' columns.
"""

from django.db import migrations

from rapfang.comments.search import FTS_TOKENCHARS, SQLITE_CREATE, SQLITE_DROP, SQLITE_FILL

EARLIER_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS comments_search USING fts5(terms, "
    f"tokenize = \"unicode61 remove_diacritics 0 tokenchars '{FTS_TOKENCHARS}'\")"
)
EARLIER_FILL = (
    "INSERT INTO comments_search(rowid, terms) SELECT id, search_terms || ' rfc' || consultation_id || "
    "CASE WHEN status = 'published' THEN ' rfpub' ELSE '' END FROM comments_comment WHERE search_terms != ''"
)


def run(*statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("comments", "0007_comment_moderation_note")]
    operations = [
        migrations.RunPython(
            run(SQLITE_DROP, SQLITE_CREATE, SQLITE_FILL), run(SQLITE_DROP, EARLIER_CREATE, EARLIER_FILL)
        )
    ]
