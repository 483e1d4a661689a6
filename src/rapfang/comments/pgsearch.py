"""PostgreSQL search of a consultation's published comments, newest (or oldest) first, read in windows of time.

Each comment's `search_vector` (migration 0006) holds its terms and six lexemes with a space inside, which no text
can produce: the periods of 1, 4, 16, 64, 256 and 1024 hours (counted from 1970, UTC) in which it was submitted,
such as '16h 31182'. A search asks the GIN index for the query's words and for a few of those periods at the newest
end (the oldest, oldest first): the index then hands over the matches of that window only, however common the word,
and only they are read from the table. The window grows until it holds what is asked for (1,001 matches for the
capped count, the matches up to the end of the page for a page), or until it spans the consultation's whole period.

Every comment outside a window was submitted before every comment inside it (after, oldest first), so the first
matches of a window that holds enough of them are the first matches of all: pages come out exactly as a full sort
by `submitted_at` then `id` would give them. The queries run with bitmap scans only: the planner would otherwise
walk the consultation's comments in time order and test each one's vector, which is cheap for a word in every
comment but ruinous for a word in a few thousand. A consultation of a few comments, though, is searched by that
walk, whole: its own comments are fewer than the matches a window would take from larger consultations of the
same hours.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

PERIODS = (1, 4, 16, 64, 256, 1024)  # hours, as in migration 0006
FEW = 2000  # a consultation with no more published comments is searched whole, walking them by its index
NAMED_AT_MOST = 4  # periods a window names: each one more costs the GIN index a pass over its postings per match
SPARE = 1.5  # a window is grown to hold this many times what is asked for, at the density seen so far
# A window grows at most this many times at a step, since matches thin out at the quiet ends of a period: a count
# stops at its cap wherever the window ends, a page reads every match of its window.
GROWTH = {"count": 16, "page": 4}

SPAN = """
    SELECT floor(extract(epoch FROM min(submitted_at) - '1970-01-01 00:00:00+00'::timestamptz) / 3600)::bigint,
           floor(extract(epoch FROM max(submitted_at) - '1970-01-01 00:00:00+00'::timestamptz) / 3600)::bigint,
           (SELECT count(*) FROM (SELECT FROM comments_comment WHERE consultation_id = %s AND status = 'published'
            LIMIT %s) AS few)
    FROM comments_comment WHERE consultation_id = %s AND status = 'published'
"""
WORDS = "plainto_tsquery('simple'::regconfig, %s)"
WORDS_WITHIN = "(plainto_tsquery('simple'::regconfig, %s) && %s::tsquery)"
COUNT = """
    SELECT count(*) FROM comments_comment WHERE search_vector @@ {words}
    AND numnode(plainto_tsquery('simple'::regconfig, %s)) > 0 AND consultation_id = %s AND status = 'published'
"""
COUNT_UPTO = """
    SELECT count(*) FROM (SELECT FROM comments_comment WHERE search_vector @@ {words}
    AND numnode(plainto_tsquery('simple'::regconfig, %s)) > 0 AND consultation_id = %s AND status = 'published'
    LIMIT %s) AS hits
"""
FIRST = """
    SELECT id FROM comments_comment WHERE search_vector @@ {words}
    AND numnode(plainto_tsquery('simple'::regconfig, %s)) > 0 AND consultation_id = %s AND status = 'published'
    ORDER BY submitted_at {order}, id {order} LIMIT %s
"""
EVERY_TIME = ""  # no window: the whole period


@contextmanager
def planned(*, walk: bool) -> Iterator[Any]:
    """A cursor whose queries either walk the consultation's comments by its index, testing each one's vector (for a
    consultation of FEW comments), or take the matches from the GIN index by bitmap scans (for any other), in a
    transaction of their own (a savepoint inside another, which an error rolls back with the settings)."""
    switch = "enable_bitmapscan" if walk else "enable_indexscan"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL enable_seqscan = off; SET LOCAL {switch} = off")
        yield cursor
        cursor.execute(f"RESET enable_seqscan; RESET {switch}")


class WindowedHits:
    """Published comments of a consultation matching a query, newest (or oldest) first; pages like a queryset for
    `Paginator`, fetching only the rows of the page asked for."""

    def __init__(self, model: Any, fields: tuple[str, ...], consultation_id: int, query: str, newest: bool) -> None:
        self.model, self.fields, self.query, self.newest = model, fields, query, newest
        self.consultation_id = int(consultation_id)
        self._span: tuple[int, int] | None = None  # first and last hour of the consultation's published comments
        self._span_read = False
        self._few = False  # whether the consultation has no more than FEW published comments
        self._counted: list[tuple[int, int, bool]] = []  # hours at the newest end, matches there, all of them
        self._every = False  # whether the whole period was counted
        self._count: int | None = None

    def span(self) -> tuple[int, int] | None:
        if not self._span_read:
            with connection.cursor() as cursor:
                cursor.execute(SPAN, [self.consultation_id, FEW + 1, self.consultation_id])
                first, last, published = cursor.fetchone()
            self._span, self._span_read = (None if first is None else (int(first), int(last))), True
            self._few = published <= FEW
        return self._span

    def _hours_in_period(self) -> int:
        span = self.span()
        return 0 if span is None else span[1] - span[0] + 1

    def _window(self, hours: int, newest: bool) -> tuple[str, int]:
        """A tsquery naming the fewest, shortest periods that cover `hours` hours at one end of the consultation's
        period (the newest, or the oldest), and the hours they cover there; EVERY_TIME if that needs more than
        NAMED_AT_MOST periods, covers the whole period, or the consultation has FEW comments."""
        span = self.span()
        whole = self._hours_in_period()
        if span is None or hours >= whole or self._few:
            return EVERY_TIME, whole
        first, last = (span[1] - hours + 1, span[1]) if newest else (span[0], span[0] + hours - 1)
        for length in PERIODS:
            periods = range(first // length, last // length + 1)
            if len(periods) <= NAMED_AT_MOST:
                start, end = periods.start * length, periods.stop * length - 1
                covered = min(end, span[1]) - max(start, span[0]) + 1
                return " | ".join(f"'{length}h {period}'" for period in periods), covered
        return EVERY_TIME, whole

    def _query(self, sql: str, window: str, *extra: Any, order: str = "") -> tuple[str, list[Any]]:
        """`sql` matching the words (within `window`), and its parameters."""
        if window == EVERY_TIME:
            return sql.format(words=WORDS, order=order), [self.query, self.query, self.consultation_id, *extra]
        params = [self.query, window, self.query, self.consultation_id, *extra]
        return sql.format(words=WORDS_WITHIN, order=order), params

    def _sized(self, hours: int, found: int, wanted: int) -> int:
        """Hours to hold `wanted` matches, with room to spare, if `hours` held `found` (at least one)."""
        return math.ceil(hours * wanted * SPARE / found)

    def _grown(self, hours: int, found: int, wanted: int, most: int) -> int:
        """The next window after `hours` held only `found` of `wanted`: sized on that density, at least twice and
        at most `most` times as long."""
        return hours * (most if found == 0 else min(most, max(2, math.ceil(wanted * SPARE / found))))

    def count(self) -> int:
        if self._count is None and self.span() is None:
            self._count = 0
        if self._count is None:
            with planned(walk=self._few) as cursor:
                cursor.execute(*self._query(COUNT, EVERY_TIME))
                self._count = int(cursor.fetchone()[0])
        return self._count

    def count_upto(self, limit: int) -> int:
        """Matches up to `limit`: in the newest hour, then in windows grown until `limit` are found or the whole
        period is counted."""
        if self.span() is None:
            return 0
        hours = 1
        with planned(walk=self._few) as cursor:
            while True:
                window, hours = self._window(hours, newest=True)
                cursor.execute(*self._query(COUNT_UPTO, window, limit))
                found = int(cursor.fetchone()[0])
                self._counted.append((hours, found, found < limit))
                if found >= limit or window == EVERY_TIME:
                    self._every = window == EVERY_TIME
                    return found
                hours = self._grown(hours, found, limit, GROWTH["count"])

    def __len__(self) -> int:
        return self.count()

    def _first_window(self, wanted: int) -> int:
        """Hours of the first window to read for `wanted` matches. After a count of the whole period (at most the
        cap, so cheap to sort), the whole period; else sized on the density of the largest window counted in full
        (or, failing one, stopped at the cap, which understates it), and newest first no larger than the smallest
        window counted with that many."""
        if self._every:
            return self._hours_in_period()
        counted = [(hours, found) for hours, found, full in self._counted if found and full] or [
            (hours, found) for hours, found, _full in self._counted if found
        ]
        if not counted:
            return 1
        sized = self._sized(*max(counted), wanted)
        if self.newest:
            return min([sized] + [hours for hours, found, _full in self._counted if found >= wanted])
        return sized

    def ids(self, offset: int, limit: int) -> list[int]:
        wanted = offset + limit
        if limit <= 0 or self.span() is None:
            return []
        order = "DESC" if self.newest else "ASC"
        hours = self._first_window(wanted)
        with planned(walk=self._few) as cursor:
            while True:
                window, hours = self._window(hours, self.newest)
                cursor.execute(*self._query(FIRST, window, wanted, order=order))
                ids = [row[0] for row in cursor.fetchall()]
                if len(ids) >= wanted or window == EVERY_TIME:
                    return ids[offset:]
                hours = self._grown(hours, len(ids), wanted, GROWTH["page"])

    def __iter__(self) -> Any:
        return iter(self[0 : self.count()])

    def __getitem__(self, window: slice) -> list[Any]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        ids = self.ids(start, max(0, stop - start))
        rows = self.model.objects.only(*self.fields).in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]
