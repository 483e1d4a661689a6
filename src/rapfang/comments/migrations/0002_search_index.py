"""The full-text index: an FTS5 table on SQLite, a GIN index on PostgreSQL (see comments/search.py)."""

from django.db import migrations

from rapfang.comments.search import FTS_TOKENCHARS, POSTGRES_CREATE, POSTGRES_DROP, SQLITE_DROP

# The table as it was made here; migration 0008 gives it a second column.
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS comments_search USING fts5(terms, "
    f"tokenize = \"unicode61 remove_diacritics 0 tokenchars '{FTS_TOKENCHARS}'\")"
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
