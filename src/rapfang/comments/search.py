"""Thai full-text search over comments, kept in step with them by the services (never by signals).

Each comment's `search_terms` holds its words and every dictionary word inside its Thai (see
`core.thaitext`), separated by spaces. SQLite keeps them in an FTS5 table whose tokenizer treats Thai
vowel and tone marks as parts of words (so ข้าว is not ข่าว); PostgreSQL keeps `to_tsvector('simple',
search_terms)` and the periods in which the comment was submitted in a stored generated column `search_vector`
(migrations 0003, 0005 and 0006) with a GIN index. Queries are segmented the same way; every query word must match.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from rapfang.comments.pgsearch import WindowedHits
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


def _visibility(consultation_id: int, published: bool) -> str:
    """Terms that no word can produce (no Thai, a prefix and a number), so a search stays inside the index."""
    return f" rfc{consultation_id}" + (" rfpub" if published else "")


def index_put(comment: Any) -> None:
    """Index (or re-index) one comment with its consultation and whether it is published; in the transaction."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL's index follows the column
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM comments_search WHERE rowid = %s", [comment.pk])
        if comment.search_terms:
            terms = comment.search_terms + _visibility(comment.consultation_id, comment.status == "published")
            cursor.execute("INSERT INTO comments_search(rowid, terms) VALUES (%s, %s)", [comment.pk, terms])


def index_add(comment: Any) -> None:
    """Index a comment just inserted (it has no index row yet); in the transaction."""
    if connection.vendor != "sqlite" or not comment.search_terms:
        return
    terms = comment.search_terms + _visibility(comment.consultation_id, comment.status == "published")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO comments_search(rowid, terms) VALUES (%s, %s)", [comment.pk, terms])


def index_put_many(comments: list[Any]) -> None:
    """Index new comments in bulk (benchmarks, rebuilds)."""
    if connection.vendor != "sqlite" or not comments:
        return
    rows = [(c.pk, c.search_terms + _visibility(c.consultation_id, c.status == "published")) for c in comments]
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO comments_search(rowid, terms) VALUES (%s, %s)", rows)


def index_clear() -> None:
    """Empty the SQLite index (benchmarks and rebuilds); PostgreSQL's follows the rows."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM comments_search")


def index_remove(comment_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM comments_search WHERE rowid = %s", [comment_id])


def _fts_query(terms: list[str], consultation_id: int) -> str:
    words = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return words + _visibility(consultation_id, True)


PAGE_NEWEST = "SELECT rowid FROM comments_search WHERE comments_search MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s"
PAGE_OLDEST = "SELECT rowid FROM comments_search WHERE comments_search MATCH %s ORDER BY rowid ASC LIMIT %s OFFSET %s"


COUNT_UPTO = "SELECT count(*) FROM (SELECT rowid FROM comments_search WHERE comments_search MATCH %s LIMIT %s)"


class FtsHits:
    """Published comments matching a query on SQLite, newest (highest id) first, read from the FTS5 index alone:
    the count and each page come from the index, then only that page's rows are fetched. Paginator-friendly."""

    def __init__(self, model: Any, fields: tuple[str, ...], match: str, newest: bool) -> None:
        self.model, self.fields, self.match, self.newest = model, fields, match, newest
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM comments_search WHERE comments_search MATCH %s", [self.match])
                self._count = int(cursor.fetchone()[0])
        return self._count

    def count_upto(self, limit: int) -> int:
        with connection.cursor() as cursor:
            cursor.execute(COUNT_UPTO, [self.match, limit])
            return int(cursor.fetchone()[0])

    def __len__(self) -> int:
        return self.count()

    def ids(self, offset: int, limit: int) -> list[int]:
        sql = PAGE_NEWEST if self.newest else PAGE_OLDEST
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def __iter__(self) -> Any:
        return iter(self[0 : self.count()])

    def __getitem__(self, window: slice) -> list[Any]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        ids = self.ids(start, max(0, stop - start))
        rows = self.model.objects.only(*self.fields).in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]


def search_hits(
    model: Any, fields: tuple[str, ...], consultation_id: int, query: str, newest: bool
) -> tuple[Any, list[str]]:
    """Published comments of the consultation matching `query` (index hits that page like a queryset), and its words:
    FTS5 rows in arrival order on SQLite, windows of time on PostgreSQL (see `pgsearch`)."""
    terms = thaitext.query_terms(query)
    if connection.vendor == "postgresql":
        return WindowedHits(model, fields, consultation_id, " ".join(terms), newest), terms
    return FtsHits(model, fields, _fts_query(terms, consultation_id), newest), terms


def search_filter(queryset: QuerySet, query: str, consultation_id: int) -> tuple[QuerySet, list[str]]:
    """`queryset` narrowed to comments matching every word of `query`, and those words (for highlighting)."""
    terms = thaitext.query_terms(query)
    if not terms:
        return queryset, []
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM comments_search WHERE comments_search MATCH %s"
        return queryset.filter(id__in=RawSQL(sql, [_fts_query(terms, consultation_id)])), terms  # noqa: S611 (constant SQL, bound value)
    matches = RawSQL(
        "comments_comment.search_vector @@ plainto_tsquery('simple'::regconfig, %s)",
        [" ".join(terms)],
        output_field=BooleanField(),
    )
    return queryset.filter(matches), terms
