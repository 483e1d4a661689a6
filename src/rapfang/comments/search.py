"""Thai full-text search over comments, kept in step with them by the services (never by signals).

Each comment's `search_terms` holds its words and every dictionary word inside its Thai (see
`core.thaitext`), separated by spaces. SQLite keeps them in an FTS5 table whose tokenizer treats Thai
vowel and tone marks as parts of words (so ข้าว is not ข่าว); PostgreSQL indexes them with a GIN index on
`to_tsvector('simple', search_terms)`. Queries are segmented the same way; every query word must match.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from rapfang.core import thaitext

FTS_TABLE = "comments_search"
FTS_TOKENCHARS = thaitext.MARKS
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(terms, "
    f"tokenize = \"unicode61 remove_diacritics 0 tokenchars '{FTS_TOKENCHARS}'\")"
)
SQLITE_DROP = f"DROP TABLE IF EXISTS {FTS_TABLE}"
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS comment_search_gin ON comments_comment "
    "USING gin (to_tsvector('simple'::regconfig, search_terms))"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS comment_search_gin"


def terms_for(text: str) -> str:
    return " ".join(thaitext.index_terms(text))


def index_put(comment_id: int, terms: str) -> None:
    """Index (or re-index) one comment. Call inside the service's transaction."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL's index follows the column
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM comments_search WHERE rowid = %s", [comment_id])
        if terms:
            cursor.execute("INSERT INTO comments_search(rowid, terms) VALUES (%s, %s)", [comment_id, terms])


def index_put_many(rows: list[tuple[int, str]]) -> None:
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO comments_search(rowid, terms) VALUES (%s, %s)", rows)


def index_clear() -> None:
    """Empty the SQLite index (benchmarks and rebuilds); PostgreSQL's follows the rows."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM comments_search")


def index_remove(comment_id: int) -> None:
    index_put(comment_id, "")


def _fts_query(terms: list[str]) -> str:
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def search_filter(queryset: QuerySet, query: str) -> tuple[QuerySet, list[str]]:
    """`queryset` narrowed to comments matching every word of `query`, and those words (for highlighting)."""
    terms = thaitext.query_terms(query)
    if not terms:
        return queryset, []
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM comments_search WHERE comments_search MATCH %s"
        return queryset.filter(id__in=RawSQL(sql, [_fts_query(terms)])), terms  # noqa: S611 (constant SQL, bound value)
    matches = RawSQL(
        "to_tsvector('simple'::regconfig, comments_comment.search_terms) @@ plainto_tsquery('simple'::regconfig, %s)",
        [" ".join(terms)],
        output_field=BooleanField(),
    )
    return queryset.filter(matches), terms
