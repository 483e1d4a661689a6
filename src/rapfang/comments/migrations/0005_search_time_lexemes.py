"""PostgreSQL's search vector also names the hour, the six hours, the day and the week (UTC, counted from 1970) in
which each comment was submitted, as lexemes with a space inside that no text can produce, so that one GIN lookup
keeps a search inside a window of time (see comments/pgsearch.py). The generated column is rebuilt (PostgreSQL 15
cannot change a generation expression in place) and the table analysed for the planner. Nothing changes on SQLite.
"""

from django.db import migrations

TERMS = "to_tsvector('simple'::regconfig, search_terms)"
EPOCH_SECONDS = "extract(epoch FROM submitted_at - '1970-01-01 00:00:00+00'::timestamptz)"
PERIODS = {"hour": 3600, "6 hours": 6 * 3600, "day": 86400, "week": 7 * 86400}  # as in comments/pgsearch.py
WHEN = ", ".join(f"'{name} ' || floor({EPOCH_SECONDS} / {seconds})::text" for name, seconds in PERIODS.items())
TIMED = f"{TERMS} || array_to_tsvector(ARRAY[{WHEN}])"


def rebuild(expression):
    return [
        "DROP INDEX IF EXISTS comment_search_vector_gin",
        "ALTER TABLE comments_comment DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE comments_comment ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
        "CREATE INDEX comment_search_vector_gin ON comments_comment USING gin (search_vector)",
        "ANALYZE comments_comment",
    ]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_demo_comments")]
    operations = [migrations.RunPython(run(rebuild(TIMED)), run(rebuild(TERMS)))]
