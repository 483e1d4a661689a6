"""Thai full-text search over comments, kept in step with them by the services (never by signals).

Each comment's `search_terms` holds its words and every dictionary word inside its Thai (see
`core.thai.search`), separated by spaces. SQLite keeps them in an FTS5 table whose tokenizer treats Thai
vowel and tone marks as parts of words (so ข้าว is not ข่าว), beside a column for the comment's consultation and
status that no text reaches; whether a hit is shown is decided by the comment's row (decision 15). PostgreSQL
keeps `to_tsvector('simple', search_terms)` and the periods in which the comment was submitted in a stored
generated column `search_vector` (migrations 0003, 0005 and 0006) with a GIN index, and filters on the comments'
columns. Queries are segmented the same way; every query word must match.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.pgsearch import WindowedHits
from rapfang.core.redact import BLANK, redact_personal_data
from rapfang.core.thai.letters import MARKS
from rapfang.core.thai.search import index_terms, query_terms

FTS_TABLE = "comments_search"
FTS_TOKENCHARS = MARKS
# Two columns: `terms`, the comment's words, and `scope`, its consultation and status (such as `published12`),
# written from the row by the services. Queries look for people's words in `terms` only, so no text reaches `scope`.
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(terms, scope, "
    f"tokenize = \"unicode61 remove_diacritics 0 tokenchars '{FTS_TOKENCHARS}'\")"
)
SQLITE_DROP = f"DROP TABLE IF EXISTS {FTS_TABLE}"
SQLITE_FILL = (
    "INSERT INTO comments_search(rowid, terms, scope) SELECT id, search_terms, status || consultation_id "
    "FROM comments_comment WHERE search_terms != ''"
)
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS comment_search_gin ON comments_comment "
    "USING gin (to_tsvector('simple'::regconfig, search_terms))"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS comment_search_gin"
PUBLISHED = CommentStatus.PUBLISHED.value


def terms_for(text: str) -> str:
    """The index terms of a comment's text without its personal data, so that no one can find out by searching
    whether a telephone number or an e-mail address is in a comment."""
    return " ".join(index_terms(redact_personal_data(text, labels=BLANK)))


def _scope(consultation_id: int, status: str) -> str:
    """The `scope` column: one token for the consultation and the status together."""
    return f"{status}{int(consultation_id)}"


def _row(comment: Any) -> tuple[int, str, str]:
    return comment.pk, comment.search_terms, _scope(comment.consultation_id, comment.status)


INSERT = "INSERT INTO comments_search(rowid, terms, scope) VALUES (%s, %s, %s)"


def index_put(comment: Any) -> None:
    """Index (or re-index) one comment with its consultation and status; in the transaction."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL's index follows the column
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM comments_search WHERE rowid = %s", [comment.pk])
        if comment.search_terms:
            cursor.execute(INSERT, list(_row(comment)))


def index_put_many(comments: list[Any]) -> None:
    """Index new comments in bulk (benchmarks, rebuilds)."""
    if connection.vendor != "sqlite" or not comments:
        return
    with connection.cursor() as cursor:
        cursor.executemany(INSERT, [_row(comment) for comment in comments if comment.search_terms])


def index_replace(comments: list[Any]) -> None:
    """Give each of `comments` the index row its terms, consultation and status call for (none without terms),
    whatever rows they had; in the transaction."""
    if connection.vendor != "sqlite" or not comments:
        return
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM comments_search WHERE rowid = %s", [[comment.pk] for comment in comments])
        cursor.executemany(INSERT, [_row(comment) for comment in comments if comment.search_terms])


def index_clear(using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty the SQLite index of database `using` (benchmarks, rebuilds, a flush); PostgreSQL's follows the rows."""
    database = connections[using]
    if database.vendor == "sqlite":
        with database.cursor() as cursor:
            cursor.execute("DELETE FROM comments_search")


def index_clear_if_orphaned(using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty the index when no comment is left (after a flush), so that no row of it can match a later comment
    written under a former comment's id."""
    if not Comment.objects.using(using).exists():
        index_clear(using)


def index_compact() -> None:
    """Merge the SQLite index's segments into one, so that the words of removed rows leave the file (FTS5 only
    marks them deleted until its segments are merged). PostgreSQL's dead index entries go with (auto)vacuum."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO comments_search(comments_search) VALUES ('optimize')")


def index_remove(comment_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM comments_search WHERE rowid = %s", [comment_id])


def _fts_query(terms: list[str], consultation_id: int) -> str:
    """People's words looked for in `terms` alone, and the consultation's published comments by `scope`."""
    words = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return f'terms : ({words}) AND scope : "{_scope(consultation_id, PUBLISHED)}"'


# Counts come from the index alone (its `scope` column, which no text reaches); each page's hits are checked against
# their comments' rows, which decide what is shown. CROSS JOIN keeps the index as the outer loop, in rowid order.
MATCHES = "SELECT rowid FROM comments_search WHERE comments_search MATCH %s"
HITS = (
    "SELECT comments_search.rowid FROM comments_search CROSS JOIN comments_comment AS c "
    "ON c.id = comments_search.rowid WHERE comments_search MATCH %s AND c.consultation_id = %s AND c.status = %s"
)
PAGE_NEWEST = HITS + " ORDER BY comments_search.rowid DESC LIMIT %s OFFSET %s"
PAGE_OLDEST = HITS + " ORDER BY comments_search.rowid ASC LIMIT %s OFFSET %s"
COUNT = "SELECT count(*) FROM (SELECT rowid FROM comments_search WHERE comments_search MATCH %s)"
COUNT_UPTO = "SELECT count(*) FROM (SELECT rowid FROM comments_search WHERE comments_search MATCH %s LIMIT %s)"


class FtsHits:
    """Published comments matching a query on SQLite, newest (highest id) first: counted in the FTS5 index alone,
    each page's hits read in rowid order and checked against their comments' rows, then only that page's rows are
    fetched. Paginator-friendly."""

    def __init__(self, model: Any, fields: tuple[str, ...], consultation_id: int, terms: list[str], newest: bool):
        self.model, self.fields, self.newest = model, fields, newest
        self.consultation_id = int(consultation_id)
        self.match = _fts_query(terms, self.consultation_id)
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            with connection.cursor() as cursor:
                cursor.execute(COUNT, [self.match])
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
            cursor.execute(sql, [self.match, self.consultation_id, PUBLISHED, limit, offset])
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
    terms = query_terms(query)
    if connection.vendor == "postgresql":
        return WindowedHits(model, fields, consultation_id, " ".join(terms), newest), terms
    return FtsHits(model, fields, consultation_id, terms, newest), terms


def search_filter(queryset: QuerySet, query: str, consultation_id: int) -> tuple[QuerySet, list[str]]:
    """`queryset` narrowed to comments matching every word of `query`, and those words (for highlighting)."""
    terms = query_terms(query)
    if not terms:
        return queryset, []
    if connection.vendor == "sqlite":
        return queryset.filter(id__in=RawSQL(MATCHES, [_fts_query(terms, consultation_id)])), terms  # noqa: S611 (constant SQL, bound value)
    matches = RawSQL(
        "comments_comment.search_vector @@ plainto_tsquery('simple'::regconfig, %s)",
        [" ".join(terms)],
        output_field=BooleanField(),
    )
    return queryset.filter(matches), terms
