"""PostgreSQL's search vector names the periods of 1, 4, 16, 64, 256 and 1024 hours (counted from 1970, UTC) in
which each comment was submitted, in place of its hour, six hours, day and week (migration 0005): periods four times
as long as the next shorter let a window of time grow without jumping from four days to three weeks (see
comments/pgsearch.py). The generated column is rebuilt and the table analysed for the planner. The GIN index keeps
at most 512 kB of new entries in its pending list (4 MB by default), which every search reads through. Nothing
changes on SQLite.
"""

from django.db import migrations

TERMS = "to_tsvector('simple'::regconfig, search_terms)"
EPOCH_SECONDS = "extract(epoch FROM submitted_at - '1970-01-01 00:00:00+00'::timestamptz)"
PERIODS = (1, 4, 16, 64, 256, 1024)  # hours, as in comments/pgsearch.py
WHEN = ", ".join(f"'{hours}h ' || floor({EPOCH_SECONDS} / {hours * 3600})::text" for hours in PERIODS)
EARLIER = {"hour": 3600, "6 hours": 6 * 3600, "day": 86400, "week": 7 * 86400}  # migration 0005's
WHEN_EARLIER = ", ".join(f"'{name} ' || floor({EPOCH_SECONDS} / {seconds})::text" for name, seconds in EARLIER.items())


def rebuild(when, options=""):
    return [
        "DROP INDEX IF EXISTS comment_search_vector_gin",
        "ALTER TABLE comments_comment DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE comments_comment ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"({TERMS} || array_to_tsvector(ARRAY[{when}])) STORED",
        f"CREATE INDEX comment_search_vector_gin ON comments_comment USING gin (search_vector){options}",
        "ANALYZE comments_comment",
    ]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("comments", "0005_search_time_lexemes")]
    operations = [
        migrations.RunPython(run(rebuild(WHEN, " WITH (gin_pending_list_limit = 512)")), run(rebuild(WHEN_EARLIER)))
    ]
