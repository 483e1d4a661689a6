"""Reads about comments: what the public may see (published, never personal data), queues for staff."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, FilteredRelation, Q, QuerySet
from django.utils.functional import cached_property

from rapfang.accounts.permissions import Perm, can
from rapfang.comments import search
from rapfang.comments.models import (
    Comment,
    CommentChannel,
    CommentFlag,
    CommentStatus,
    Endorsement,
    ModerationMode,
    ModerationReason,
    StakeholderType,
)
from rapfang.comments.rules import IntakeFacts, comment_period_state
from rapfang.consultations.models import Consultation, Milestone, MilestoneKind
from rapfang.core.windows import Window, WindowState
from rapfang.documents.models import Document, Paragraph, Section
from rapfang.documents.selectors import document_list_public, document_list_readable

PUBLIC_FIELDS = (
    "id", "consultation_id", "document_id", "version_id", "section_anchor", "paragraph_anchor", "text", "anonymous",
    "name", "organisation", "stakeholder_type", "channel", "submitted_at", "is_late", "attachment", "attachment_type",
    "is_demo",
)  # fmt: skip
COUNT_CAP = 1000  # searches count up to here, then say "more than"; the first pages still show
SORTS = {"newest": ("-submitted_at", "-id"), "oldest": ("submitted_at", "id")}
# What taking a comment reads of its consultation (receipt prefix, agency for staff checks); the page needs more.
COMMENT_TARGET_FIELDS = ("id", "slug", "agency_id", "short_name", "is_published", "thai_digits")


SLUG_MARK = "\x00slug"  # where the slug goes in the comment target's query, compiled once


@functools.cache
def _comment_target_query() -> tuple[str, tuple[Any, ...]]:
    """The query of a published consultation by its slug with its comment period and moderation mode joined in,
    compiled once per process: building and compiling the joins costs seven times running the query."""
    period = FilteredRelation("milestones", condition=Q(milestones__kind=MilestoneKind.COMMENTS))
    targets = (
        Consultation.objects.only(*COMMENT_TARGET_FIELDS)
        .annotate(intake_period=period)
        .annotate(intake_period_id=F("intake_period__id"), intake_opens_at=F("intake_period__starts_at"),
                  intake_closes_at=F("intake_period__ends_at"), intake_moderation=F("comment_policy__moderation"))
        .filter(slug=SLUG_MARK, is_published=True)
        .order_by()
    )  # fmt: skip
    return targets.query.sql_with_params()


def consultation_for_comment(*, slug: str) -> Consultation:
    """A published consultation, as little of it as taking a comment needs, with its comment period and moderation
    mode (`intake_facts`, which the service's rules use instead of reading them again); one query, so they are as
    fresh as the consultation itself. Raises Consultation.DoesNotExist.

    The public page's selector also fetches the timeline, agency, contacts and domains (six queries): a comment
    needs none of them.
    """
    sql, params = _comment_target_query()
    found = list(Consultation.objects.raw(sql, [slug if value == SLUG_MARK else value for value in params]))
    if not found:
        raise Consultation.DoesNotExist(f"no published consultation {slug!r}")
    row: Any = found[0]  # with the joined columns as attributes
    opens_at, closes_at = _from_db(row.intake_opens_at), _from_db(row.intake_closes_at)
    window = Window(opens_at, closes_at) if row.intake_period_id is not None else None
    row.intake_facts = IntakeFacts(window, row.intake_moderation or ModerationMode.PRE)
    return row


def _from_db(value: Any) -> datetime | None:
    """A moment read by a raw query as the ORM would give it (SQLite gives text): aware, in UTC."""
    column = Milestone._meta.get_field("starts_at").get_col(Milestone._meta.db_table)
    for converter in connection.ops.get_db_converters(column):
        value = converter(value, column, connection)
    return value


def comment_sent_under(*, consultation_id: int, key: str) -> Comment | None:
    """The comment sent under `key` in this consultation, however long ago (the caller decides whether the key still
    counts); None if no comment has it."""
    return Comment.objects.filter(consultation_id=consultation_id, sent_under_key=key).first()


def comment_list_public(
    *,
    consultation: Consultation,
    q: str = "",
    section: str = "",
    paragraph: str = "",
    domain: str = "",
    sort: str = "newest",
) -> tuple[Any, list[str]]:
    """Published comments, filtered and searched (a queryset, or index hits that page like one); the query's words."""
    if q.strip() and not (section or paragraph or domain):
        hits, terms = search.search_hits(Comment, PUBLIC_FIELDS, consultation.pk, q, newest=sort != "oldest")
        if terms:
            return hits, terms
    queryset = Comment.objects.filter(consultation=consultation, status=CommentStatus.PUBLISHED).only(*PUBLIC_FIELDS)
    if paragraph:
        queryset = queryset.filter(paragraph_anchor=paragraph)
    if section:
        queryset = queryset.filter(section_anchor=section)
    if domain:
        queryset = queryset.filter(_domain_anchors(consultation, domain))
    queryset, terms = search.search_filter(queryset, q, consultation.pk)
    return queryset.order_by(*SORTS.get(sort, SORTS["newest"])), terms


def _domain_anchors(consultation: Consultation, domain: str) -> Q:
    """Comments on sections or paragraphs (of any version) tagged with the domain."""
    sections = Section.objects.filter(version__document__consultation=consultation, topics__key=domain)
    paragraphs = Paragraph.objects.filter(version__document__consultation=consultation).filter(
        Q(topics__key=domain) | Q(section__topics__key=domain)
    )
    return Q(section_anchor__in=sections.values("anchor")) | Q(paragraph_anchor__in=paragraphs.values("anchor"))


@dataclass(frozen=True)
class CommentBlock:
    """The draft and the comments, as the consultation page shows them."""

    documents: list[Document]
    count: int
    period_open: bool
    can_moderate: bool

    @property
    def shown(self) -> bool:
        return bool(self.documents or self.count or self.can_moderate)


def comment_block(*, consultation: Consultation, user: Any, now: datetime) -> CommentBlock:
    """The drafts to read (staff who moderate see an unpublished consultation's drafts too, for their preview),
    the published comments' count, and whether the period is open at `now`."""
    staff = bool(user and user.is_authenticated and can(user, Perm.MODERATE, consultation.agency_id))
    documents = (
        document_list_public(consultation_id=consultation.pk)
        if consultation.is_published or not staff
        else document_list_readable(consultation_id=consultation.pk)
    )
    return CommentBlock(
        documents=list(documents),
        count=comment_count_public(consultation_id=consultation.pk),
        period_open=comment_period_state(consultation, now) is WindowState.OPEN,
        can_moderate=staff,
    )


def comment_count_public(*, consultation_id: int) -> int:
    return Comment.objects.filter(consultation_id=consultation_id, status=CommentStatus.PUBLISHED).count()


def comment_counts_by_anchor(*, consultation_id: int) -> dict[str, int]:
    """Published comments per paragraph and per section anchor."""
    rows = Comment.objects.filter(consultation_id=consultation_id, status=CommentStatus.PUBLISHED)
    counts: dict[str, int] = {}
    for field in ("paragraph_anchor", "section_anchor"):
        for row in rows.exclude(**{field: ""}).values(field).annotate(n=Count("id")):
            counts[row[field]] = counts.get(row[field], 0) + row["n"]
    return counts


def endorsement_counts(*, comment_ids: Any, public: bool = True) -> dict[int, int]:
    """Endorsements per comment of `comment_ids` (a list or a queryset of ids), erased ones never; only of published
    comments when `public` (a hidden comment's endorsements are not counted where the public reads)."""
    rows = Endorsement.objects.filter(comment_id__in=comment_ids, erased_at__isnull=True)
    if public:
        rows = rows.filter(comment__status=CommentStatus.PUBLISHED)
    return {row["comment_id"]: row["n"] for row in rows.values("comment_id").annotate(n=Count("id")).order_by()}


def comment_get_public(*, comment_id: int) -> Comment:
    return Comment.objects.select_related("consultation").get(
        pk=comment_id, status=CommentStatus.PUBLISHED, consultation__is_published=True
    )


@dataclass(frozen=True)
class Receipt:
    """What a receipt number shows whoever holds it (receipt numbers are public: open data, the issues API): the
    comment's state, the reason when it is not published, and its text only once published, as the public sees it.
    `state` is "pending", "published", "hidden", "withdrawn" or "erased"."""

    receipt: str
    consultation: Consultation
    comment_id: int
    submitted_at: datetime
    is_late: bool
    state: str
    reason: str
    note: str  # the moderator's reason in words, when not published
    text: str
    emailed: bool


def receipt_of(comment: Comment) -> Receipt:
    state = "erased" if comment.erased_at is not None else comment.status  # "withdrawn" too
    hidden = state == CommentStatus.HIDDEN
    published = state == CommentStatus.PUBLISHED and comment.consultation.is_published
    reason = comment.get_moderation_reason_display() if hidden and comment.moderation_reason else ""
    return Receipt(
        receipt=comment.receipt, consultation=comment.consultation, comment_id=comment.pk,
        submitted_at=comment.submitted_at, is_late=comment.is_late, state=state, reason=str(reason),
        note=comment.moderation_note if hidden else "", text=comment.text if published else "",
        emailed=bool(comment.email),
    )  # fmt: skip


def comment_receipt_public(*, receipt: str) -> Receipt:
    """The receipt of a comment (of a consultation not yet published too: its comments come by letter, fax or
    e-mail, keyed in by staff); raises Comment.DoesNotExist. The text only once the comment and its consultation
    are both published."""
    comment = Comment.objects.select_related("consultation").get(receipt=receipt.strip().upper()[:40])
    return receipt_of(comment)


QUEUE_TABS = ("review", "published", "hidden")


def _queue_tab(tab: str) -> Q:
    """The tabs do not overlap: "review" is pending or flagged by the public; "published" is the rest of it."""
    flagged = Q(status=CommentStatus.PUBLISHED, flag_count__gt=0)
    if tab == "published":
        return Q(status=CommentStatus.PUBLISHED) & ~flagged
    if tab == "hidden":
        return Q(status=CommentStatus.HIDDEN)
    return Q(status=CommentStatus.PENDING) | flagged


@dataclass(frozen=True)
class QueueFilters:
    channel: str = ""
    stakeholder_type: str = ""
    flagged: bool = False
    personal_data: bool = False  # comments the personal-data check marked; see PERSONAL_DATA_FLAG


# The queue filters on comments marked as holding personal data once comments carry that mark.
PERSONAL_DATA_FLAG = any(field.name == "has_personal_data" for field in Comment._meta.get_fields())


def comment_queue(
    *, user: Any, consultation: Consultation, state: str = "review", filters: QueueFilters = QueueFilters()
) -> QuerySet[Comment]:
    """Comments of one tab of the moderation queue, oldest first (flagged first); staff of the agency only."""
    queryset = Comment.objects.filter(consultation=consultation).select_related("document")
    if not can(user, Perm.MODERATE, consultation.agency_id):
        return queryset.none()
    queryset = queryset.filter(_queue_tab(state))
    if filters.channel in CommentChannel.values:
        queryset = queryset.filter(channel=filters.channel)
    if filters.stakeholder_type in StakeholderType.values:
        queryset = queryset.filter(stakeholder_type=filters.stakeholder_type)
    if filters.flagged:
        queryset = queryset.filter(flag_count__gt=0)
    if filters.personal_data and PERSONAL_DATA_FLAG:
        queryset = queryset.filter(**{"has_personal_data": True})
    return queryset.order_by("-flag_count", "submitted_at", "id")


def comment_queue_counts(*, consultation: Consultation) -> dict[str, int]:
    """How many comments each tab holds, in one query."""
    counts = Comment.objects.filter(consultation=consultation).aggregate(
        **{tab: Count("pk", filter=_queue_tab(tab)) for tab in QUEUE_TABS}
    )
    return {tab: int(counts[tab] or 0) for tab in QUEUE_TABS}


def comment_flag_reasons(*, comment_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """The public's reasons for flagging each comment, with how many flagged it for each."""
    rows = (
        CommentFlag.objects.filter(comment_id__in=comment_ids)
        .values("comment_id", "reason")
        .annotate(n=Count("pk"))
        .order_by("comment_id", "-n", "reason")
    )
    labels = dict(ModerationReason.choices)
    reasons: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in rows:
        reasons[row["comment_id"]].append((str(labels.get(row["reason"], row["reason"])), row["n"]))
    return dict(reasons)


def comment_personal_data_list(*, user: Any, consultation: Consultation) -> QuerySet[Comment]:
    """Comments of the consultation in which personal data was found when they were taken (not erased), oldest
    first; staff of the agency only."""
    queryset = comment_queue(user=user, consultation=consultation, state="all")
    return queryset.filter(has_personal_data=True, erased_at__isnull=True).order_by("submitted_at", "id")


def comment_personal_data_counts(*, consultation: Consultation) -> dict[str, int]:
    """How many comments with personal data the consultation has, by status (pending, published, hidden)."""
    rows = Comment.objects.filter(consultation=consultation, has_personal_data=True, erased_at__isnull=True)
    return dict(rows.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 results, so a search that matches a large share of a million comments stays fast."""

    @cached_property
    def count(self) -> int:
        results: Any = self.object_list
        if hasattr(results, "count_upto"):
            return int(results.count_upto(COUNT_CAP + 1))
        return int(results.order_by()[: COUNT_CAP + 1].count())


def comment_page(results: Any, number: Any, size: int) -> Any:
    """One page of results; `page.paginator.count > COUNT_CAP` means "more than COUNT_CAP"."""
    return CappedPaginator(results, size).get_page(number)
