"""Reads of the moderation queue: one tab of comments, and among those to review, the campaigns grouped.

Comments to review that are copies of one another (a campaign) are shown once, with their count and the variants
of their text, so that a moderator publishes or hides the whole group at once. Two sources make the groups: the
analysis's duplicate groups (with staff's moves) for comments it has seen, and the copy engine of `analysis.text`
run here over the comments to review, which the analysis may not have seen yet. Both are joined: a new copy of an
analysed campaign joins its group.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from rapfang.analysis.models import CommentAnalysis
from rapfang.comments.models import Comment, CommentChannel, StakeholderType
from rapfang.comments.selectors import QueueFilters, comment_flag_reasons, comment_queue, comment_queue_counts
from rapfang.comments.wordings import Place, comment_places
from rapfang.consultations.models import Consultation

PAGE_SIZE = 50
GROUPING_LIMIT = 5000  # campaigns are looked for among this many comments to review, the oldest first
COPIES_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Variant:
    text: str
    count: int


@dataclass
class CampaignGroup:
    """Comments to review that are copies of one another; `key` is the id of its first comment."""

    key: int
    members: list[int]
    representative: Comment | None = None
    variants: list[Variant] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)
    stakeholders: list[tuple[str, int]] = field(default_factory=list)
    flagged: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    place: Place | None = None

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def member_list(self) -> str:
        return ",".join(map(str, self.members))


@dataclass(frozen=True)
class QueueRow:
    comment: Comment
    place: Place | None
    flags: list[tuple[str, int]]


@dataclass
class Queue:
    tab: str
    counts: dict[str, int]
    page: Page[Any]
    rows: list[QueueRow]
    groups: list[CampaignGroup]
    group: CampaignGroup | None  # the one group shown comment by comment, when asked for
    grouping_capped: bool = False


def moderation_queue(
    *, actor: Any, consultation: Consultation, tab: str, filters: QueueFilters, page: Any = 1, group: int | None = None
) -> Queue:
    """One tab of the queue: on "review", the campaigns grouped and the other comments one by one, paged."""
    queryset = comment_queue(user=actor, consultation=consultation, state=tab, filters=filters)
    groups: list[CampaignGroup] = []
    capped, shown = False, None
    if tab == "review":
        review = [Row(*values) for values in queryset.values_list(*Row._fields)]
        capped = len(review) > GROUPING_LIMIT
        groups = campaign_groups(consultation=consultation, rows=review[:GROUPING_LIMIT], scope=queryset)
        shown = next((g for g in groups if g.key == group), None) if group is not None else None
        grouped = {pk for g in groups for pk in g.members}
        singles = shown.members if shown else [row.pk for row in review if row.pk not in grouped]
        paged = _page_of_ids(singles, page)
        groups = [] if shown else groups
    else:
        paged = Paginator(queryset, PAGE_SIZE).get_page(page)
    _representatives(groups)
    comments = list(paged.object_list)
    places = comment_places(comments=comments + [g.representative for g in groups if g.representative])
    flags = comment_flag_reasons(comment_ids=[comment.pk for comment in comments])
    for g in groups:
        g.place = places.get(g.representative.pk) if g.representative else None
    rows = [QueueRow(comment, places.get(comment.pk), flags.get(comment.pk, [])) for comment in comments]
    return Queue(
        tab=tab, counts=comment_queue_counts(consultation=consultation), page=paged, rows=rows, groups=groups,
        group=shown, grouping_capped=capped,
    )  # fmt: skip


class Row(NamedTuple):
    """What grouping reads of each comment to review."""

    pk: int
    text: str
    channel: str
    stakeholder_type: str
    flag_count: int
    submitted_at: datetime


def _page_of_ids(ids: list[int], number: Any) -> Page[Any]:
    """A page of comments given by their ids in order: only the page's rows are read."""
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    found = Comment.objects.select_related("document").in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]  # type: ignore[misc]
    return page


def campaign_groups(*, consultation: Consultation, rows: list[Row], scope: QuerySet[Comment]) -> list[CampaignGroup]:
    """Groups of two or more of `rows` (comments in `scope`), largest first: the analysis's and the engine's joined."""
    position = {row.pk: n for n, row in enumerate(rows)}
    parent = list(range(len(rows)))
    links, released = _analysis_links(consultation, position, scope)
    for first, other in links:
        _join(parent, first, other)
    kept = [rows[n] for n in range(len(rows)) if n not in released]
    for copies in engine_copies(kept):
        for pk in copies[1:]:
            _join(parent, position[copies[0]], position[pk])
    members: dict[int, list[Row]] = {}
    for n, row in enumerate(rows):
        members.setdefault(_root(parent, n), []).append(row)
    groups = [_group(group_rows) for group_rows in members.values() if len(group_rows) > 1]
    return sorted(groups, key=lambda g: (-g.count, g.key))


def engine_copies(rows: list[Row]) -> list[list[int]]:
    """The copy engine's groups (comment ids) among `rows`, kept a while for the same set of comments.

    A comment's text does not change while it awaits review, so the same ids give the same groups: paging, filtering
    and coming back from the confirmation reuse them; any comment moderated or arriving makes a new set.
    """
    from rapfang.analysis.text.copies import copy_groups  # the engine, when the queue is grouped

    ids = ",".join(str(row.pk) for row in rows)
    key = "moderation-copies:" + hashlib.blake2b(ids.encode(), digest_size=16).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return list(cached)
    numbers = copy_groups([row.text for row in rows]).tolist()
    groups: dict[int, list[int]] = {}
    for row, number in zip(rows, numbers, strict=True):
        if number >= 0:
            groups.setdefault(number, []).append(row.pk)
    result = list(groups.values())
    cache.set(key, result, COPIES_CACHE_SECONDS)
    return result


def _analysis_links(
    consultation: Consultation, position: dict[int, int], scope: QuerySet[Comment]
) -> tuple[list[tuple[int, int]], set[int]]:
    """Pairs of positions the analysis put in one group, and the positions staff took out of every group."""
    rows = CommentAnalysis.objects.filter(consultation=consultation, comment__in=scope.values("pk")).values_list(
        "comment_id", "group_id", "group_by_staff"
    )
    links: list[tuple[int, int]] = []
    released: set[int] = set()
    firsts: dict[int, int] = {}
    for comment_id, group_id, by_staff in rows:
        n = position.get(comment_id)
        if n is None:
            continue
        if group_id is None:
            if by_staff:
                released.add(n)
            continue
        links.append((firsts.setdefault(group_id, n), n))
    return links, released


def _root(parent: list[int], n: int) -> int:
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n


def _join(parent: list[int], a: int, b: int) -> None:
    first, second = sorted((_root(parent, a), _root(parent, b)))
    parent[second] = first


def _group(rows: list[Row]) -> CampaignGroup:
    """A group with its variants, the most common text first (its first comment is the representative)."""
    from rapfang.analysis.text.copies import text_keys  # the engine, when the queue is grouped

    keys = text_keys([row.text for row in rows])
    counts = Counter(keys)
    first_of: dict[bytes, Row] = {}
    for row, key in zip(rows, keys, strict=True):
        first_of.setdefault(key, row)
    order = sorted(counts, key=lambda key: (-counts[key], first_of[key].pk))
    times = [row.submitted_at for row in rows]
    return CampaignGroup(
        key=rows[0].pk, members=[row.pk for row in rows],
        representative=Comment(pk=first_of[order[0]].pk),  # the full row is read by _representatives
        variants=[Variant(first_of[key].text, counts[key]) for key in order],
        channels=_tally(dict(CommentChannel.choices), (row.channel for row in rows)),
        stakeholders=_tally(dict(StakeholderType.choices), (row.stakeholder_type for row in rows)),
        flagged=sum(1 for row in rows if row.flag_count), first_at=min(times), last_at=max(times),
    )  # fmt: skip


def _representatives(groups: list[CampaignGroup]) -> None:
    """Each shown group's representative comment, read in full in one query."""
    wanted = [g.representative.pk for g in groups if g.representative]
    found = Comment.objects.select_related("document").in_bulk(wanted) if wanted else {}
    for group in groups:
        group.representative = found.get(group.representative.pk) if group.representative else None


def _tally(labels: dict[str, Any], values: Any) -> list[tuple[str, int]]:
    return [(str(labels.get(value, value)), n) for value, n in Counter(values).most_common()]
