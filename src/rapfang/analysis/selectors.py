"""Reads for the analysis: what a run analyses, and what the staff dashboard shows (staff of the agency only)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate

from rapfang.analysis.compute import Item
from rapfang.analysis.models import AnalysisRun, CommentAnalysis, DuplicateGroup, RunStatus, TopicCluster
from rapfang.analysis.text.domains import Domain
from rapfang.comments.models import Comment, CommentStatus, Endorsement
from rapfang.consultations.models import Consultation, Topic
from rapfang.core.redact import BLANK, redact_personal_data
from rapfang.core.thai import BANGKOK
from rapfang.documents.models import Paragraph, Section

ANALYSED_STATUSES = (CommentStatus.PUBLISHED, CommentStatus.PENDING)  # hidden comments (spam, abuse) stay out
READ_BATCH = 5000


def comments_in_scope(*, consultation_id: int) -> QuerySet[Comment]:
    return Comment.objects.filter(consultation_id=consultation_id, status__in=ANALYSED_STATUSES, erased_at__isnull=True)


def analysis_items(*, consultation: Consultation) -> list[Item]:
    """Every comment to analyse, in id order, with its paragraph's domains and its stored words. The text is read
    without its e-mail addresses, telephone numbers and national IDs: no word of the analysis holds them."""
    tags = _anchor_domains(consultation)
    stored = _stored_analysis(consultation)
    rows = comments_in_scope(consultation_id=consultation.pk).order_by("pk")
    items = []
    for pk, text, paragraph, section in rows.values_list("pk", "text", "paragraph_anchor", "section_anchor").iterator(
        chunk_size=READ_BATCH
    ):
        source_hash, tokens, staff_domain, staff_group, group = stored.get(pk, ("", "", None, None, None))
        domains = tags.get(paragraph, ()) if paragraph else tags.get(section, ())
        items.append(
            Item(pk, redact_personal_data(text, labels=BLANK), tuple(domains), source_hash, tokens, staff_domain,
                 staff_group, group)
        )  # fmt: skip
    return items


def _stored_analysis(consultation: Consultation) -> dict[int, tuple]:
    """Per analysed comment: its stored hash and words, staff's topic and campaign (NO_TOPIC for none) when
    staff chose them, and the campaign it is in."""
    from rapfang.analysis.text.pipeline import NO_TOPIC  # the engine, when it is about to run (analysis.compute)

    fields = ("comment_id", "source_hash", "tokens", "domain_by_staff", "domain__key", "group_by_staff", "group_id")
    rows = CommentAnalysis.objects.filter(consultation=consultation).values_list(*fields)
    stored = {}
    for comment_id, source_hash, tokens, by_staff, key, group_by_staff, group in rows.iterator(chunk_size=READ_BATCH):
        staff_domain = (key or NO_TOPIC) if by_staff else None
        staff_group = (group or NO_TOPIC) if group_by_staff else None
        stored[comment_id] = (source_hash, tokens, staff_domain, staff_group, group)
    return stored


def _anchor_domains(consultation: Consultation) -> dict[str, set[str]]:
    """Anchor (of a paragraph or section, any version) → keys of the domains it or its section is tagged with."""
    tags: dict[str, set[str]] = defaultdict(set)
    paragraphs = Paragraph.objects.filter(version__document__consultation=consultation)
    for field in ("topics__key", "section__topics__key"):
        for anchor, key in paragraphs.filter(**{f"{field}__isnull": False}).values_list("anchor", field):
            tags[anchor].add(key)
    sections = Section.objects.filter(version__document__consultation=consultation, topics__isnull=False)
    for anchor, key in sections.values_list("anchor", "topics__key"):
        tags[anchor].add(key)
    return tags


def engine_domains(*, consultation: Consultation) -> tuple[list[Domain], dict[str, int]]:
    """The consultation's capability domains as the engine sees them, and their ids by key."""
    rows = list(consultation.topics.order_by("order", "key"))
    return [_engine_domain(row) for row in rows], {row.key: row.pk for row in rows}


def _engine_domain(row: Topic) -> Domain:
    return Domain(
        key=row.key,
        name_th=row.name_th,
        name_en=row.name_en,
        description=f"{row.description_th} {row.description_en}".strip(),
        keywords=tuple(word.strip() for word in row.keywords.splitlines() if word.strip()),
    )


def analysis_counts(*, consultation_id: int) -> dict[str, int]:
    rows = CommentAnalysis.objects.filter(consultation_id=consultation_id)
    counted = rows.aggregate(
        analysed=Count("pk"), in_groups=Count("pk", filter=Q(group__isnull=False)),
        with_domain=Count("pk", filter=Q(domain__isnull=False)),
    )  # fmt: skip
    counted["groups"] = DuplicateGroup.objects.filter(consultation_id=consultation_id).count()
    counted["clusters"] = TopicCluster.objects.filter(consultation_id=consultation_id).count()
    counted["in_scope"] = comments_in_scope(consultation_id=consultation_id).count()
    return counted


def run_latest(*, consultation: Consultation) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(consultation=consultation).order_by("-created_at", "-id").first()


def run_get(*, consultation: Consultation, run_id: int) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(consultation=consultation, pk=run_id).first()


def run_is_active(run: AnalysisRun | None) -> bool:
    return run is not None and run.status in (RunStatus.QUEUED, RunStatus.RUNNING)


def domain_counts(*, consultation: Consultation) -> list[tuple[Topic | None, int]]:
    """Analysed comments per domain of the consultation (every domain, even with none), then "no domain"."""
    counts: dict[int | None, int] = dict(
        CommentAnalysis.objects.filter(consultation=consultation)
        .values("domain_id")
        .annotate(n=Count("pk"))
        .values_list("domain_id", "n")
    )
    rows: list[tuple[Topic | None, int]] = [
        (domain, counts.get(domain.pk, 0)) for domain in consultation.topics.order_by("order", "key")
    ]
    return [*rows, (None, counts.get(None, 0))]


def stakeholder_counts(*, consultation: Consultation) -> dict[str, int]:
    rows = comments_in_scope(consultation_id=consultation.pk).values("stakeholder_type").annotate(n=Count("pk"))
    return {row["stakeholder_type"]: row["n"] for row in rows}


def day_counts(*, consultation: Consultation) -> list[tuple[date, int]]:
    """Comments per day of submission, in Bangkok time."""
    rows = (
        comments_in_scope(consultation_id=consultation.pk)
        .annotate(day=TruncDate("submitted_at", tzinfo=BANGKOK))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [(row["day"], row["n"]) for row in rows]


def _endorsed(**match: Any) -> Coalesce:
    """Endorsements (not erased) of the comments matching `match` (an OuterRef), counted in one subquery."""
    rows = Endorsement.objects.filter(erased_at__isnull=True, **match).order_by()
    key = next(iter(match))
    return Coalesce(Subquery(rows.values(key).annotate(n=Count("pk")).values("n")[:1]), 0)


def group_list(*, consultation: Consultation) -> QuerySet[DuplicateGroup]:
    """Campaigns, each with `endorsed`: the endorsements of its copies, summed."""
    groups = DuplicateGroup.objects.filter(consultation=consultation).select_related("representative")
    return groups.annotate(endorsed=_endorsed(comment__analysis__group=OuterRef("pk")))


def group_get(*, consultation: Consultation, group_id: int) -> DuplicateGroup | None:
    return group_list(consultation=consultation).filter(pk=group_id).first()


def group_variants(*, group: DuplicateGroup, limit: int = 30) -> list[dict[str, Any]]:
    """The group's most common distinct texts (at most ``limit``): one comment of each and how many carry it."""
    rows = (
        CommentAnalysis.objects.filter(group=group)
        .values("text_key")
        .annotate(n=Count("pk"), first=Min("comment_id"))
        .order_by("-n", "first")
    )
    variants = list(rows[:limit])
    firsts = [row["first"] for row in variants]
    comments = Comment.objects.in_bulk(firsts)
    tokens = dict(CommentAnalysis.objects.filter(comment_id__in=firsts).values_list("comment_id", "tokens"))
    return [
        {"comment": comments[row["first"]], "count": row["n"], "tokens": tokens.get(row["first"], "").split()}
        for row in variants
    ]


def group_representative_tokens(*, group: DuplicateGroup) -> list[str]:
    """The stored words of the group's representative comment."""
    if group.representative_id is None:
        return []
    row = CommentAnalysis.objects.filter(comment_id=group.representative_id).values_list("tokens", flat=True).first()
    return (row or "").split()


def cluster_list(*, consultation: Consultation) -> QuerySet[TopicCluster]:
    return TopicCluster.objects.filter(consultation=consultation).select_related("representative")


FILTERS = ("domain", "group", "cluster", "stakeholder", "day")


def analysed_comment_list(*, consultation: Consultation, filters: dict[str, str]) -> QuerySet[CommentAnalysis]:
    """Analysed comments for the drill-down; filters: domain key (or "none"), group id, cluster id, stakeholder
    type, day (YYYY-MM-DD in Bangkok time). Unknown values match nothing rather than everything."""
    rows: QuerySet[CommentAnalysis] = (
        CommentAnalysis.objects.filter(consultation=consultation)
        .select_related("comment", "domain", "group__representative", "cluster")
        .annotate(endorsed=_endorsed(comment_id=OuterRef("comment_id")))
    )
    domain, group, cluster = filters.get("domain"), filters.get("group"), filters.get("cluster")
    if domain:
        rows = rows.filter(domain__isnull=True) if domain == "none" else rows.filter(domain__key=domain)
    if group:
        rows = rows.filter(group_id=int(group)) if group.isdigit() else rows.none()
    if cluster:
        rows = rows.filter(cluster_id=int(cluster)) if cluster.isdigit() else rows.none()
    if filters.get("stakeholder"):
        rows = rows.filter(comment__stakeholder_type=filters["stakeholder"])
    if filters.get("day"):
        rows = _on_day(rows, filters["day"])
    return rows.order_by("comment__submitted_at", "comment_id")


def _on_day(rows: QuerySet[CommentAnalysis], day: str) -> QuerySet[CommentAnalysis]:
    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        return rows.none()
    return rows.annotate(day=TruncDate("comment__submitted_at", tzinfo=BANGKOK)).filter(day=wanted)
