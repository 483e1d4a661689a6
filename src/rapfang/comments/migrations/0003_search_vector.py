"""PostgreSQL keeps the search terms' tsvector in a stored generated column with its GIN index, so matching never
parses text at query time. Nothing changes on SQLite (FTS5)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE comments_comment ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_terms)) STORED",
    "DROP INDEX IF EXISTS comment_search_gin",
    "CREATE INDEX IF NOT EXISTS comment_search_vector_gin ON comments_comment USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS comment_search_vector_gin",
    "ALTER TABLE comments_comment DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX IF NOT EXISTS comment_search_gin ON comments_comment "
    "USING gin (to_tsvector('simple'::regconfig, search_terms))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_search_index")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
