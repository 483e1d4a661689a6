"""The full-text index: an FTS5 table on SQLite, a GIN index on PostgreSQL (see comments/search.py)."""

from django.db import migrations

from rapfang.comments.search import POSTGRES_CREATE, POSTGRES_DROP, SQLITE_CREATE, SQLITE_DROP


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
