"""Reads of issues and responses: the public "what we heard and what we did", the staff list, candidates.

Public figures count published comments that are not erased. A campaign (an analysis duplicate group) counts as
one representative plus its number: an issue's figures are its `comments`, its `campaigns` (representative and
size of each) and its `unique` comments, so a page says "1 representative comment + N more".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, F, Max, Min, Prefetch, Q, QuerySet, When
from django.utils import timezone

from rapfang.analysis.models import DuplicateGroup, TopicCluster
from rapfang.comments.models import Comment, CommentStatus
from rapfang.consultations.models import Consultation
from rapfang.documents.models import Paragraph
from rapfang.documents.selectors import latest_versions
from rapfang.reports.models import Decision, Issue, IssueComment

COMMENT_FIELDS = ("id", "consultation_id", "text", "receipt", "status", "erased_at", "submitted_at",
                  "stakeholder_type", "anonymous", "organisation", "is_demo")  # fmt: skip
CANDIDATES = 20
AGREED = Q(comment__endorsements__erased_at__isnull=True)  # endorsements counted beside a published comment


@dataclass(frozen=True)
class Campaign:
    """A campaign's comments counted under an issue: one representative, and how many in all."""

    representative: Comment
    size: int
    endorsements: int = 0  # summed over the campaign's copies under the issue

    @property
    def more(self) -> int:
        return self.size - 1


@dataclass
class Counts:
    comments: int = 0
    unique: int = 0
    campaigns: list[Campaign] = field(default_factory=list)
    endorsements: int = 0  # people who agree with the issue's published comments, summed


def _is_public(comment: Comment | None) -> bool:
    return comment is not None and comment.status == CommentStatus.PUBLISHED and comment.erased_at is None


def _counted(issue_ids: Any) -> QuerySet[IssueComment]:
    return IssueComment.objects.filter(
        issue_id__in=issue_ids, comment__status=CommentStatus.PUBLISHED, comment__erased_at__isnull=True
    )


def issue_counts(*, issue_ids: list[int]) -> dict[int, Counts]:
    """Each issue's public figures, in two queries whatever the number of issues or comments."""
    rows = list(
        _counted(issue_ids)
        .values("issue_id", group=F("comment__analysis__group_id"))
        .annotate(
            n=Count("pk", distinct=True), first=Min("comment_id"),
            agreed=Count("comment__endorsements", distinct=True, filter=AGREED),
            chosen=Max(Case(When(comment_id=F("comment__analysis__group__representative_id"), then=F("comment_id")))),
        )
        .order_by("issue_id", "-n", "first")
    )  # fmt: skip
    campaign_rows = [row for row in rows if row["group"] is not None and row["n"] > 1]
    representatives = Comment.objects.only(*COMMENT_FIELDS).in_bulk(
        [row["chosen"] or row["first"] for row in campaign_rows]
    )
    counts: dict[int, Counts] = defaultdict(Counts)
    for row in rows:
        figures = counts[row["issue_id"]]
        figures.comments += row["n"]
        agreed = row["agreed"]
        figures.endorsements += agreed
        if row["group"] is not None and row["n"] > 1:
            representative = representatives[row["chosen"] or row["first"]]
            figures.campaigns.append(Campaign(representative, row["n"], agreed))
        else:
            figures.unique += row["n"]
    return {issue_id: counts[issue_id] for issue_id in issue_ids}


def issue_endorsement_counts(*, issue_ids: Any) -> dict[int, int]:
    """Endorsements of each issue's published comments, summed (for the open data)."""
    rows = _counted(issue_ids).filter(AGREED).values("issue_id").annotate(n=Count("comment__endorsements")).order_by()
    return {row["issue_id"]: row["n"] for row in rows}


def _with_counts(issues: Sequence[Issue]) -> list[Issue]:
    """Sets `counts` on each issue, and `shown` to its representative comment if the public may see it."""
    counts = issue_counts(issue_ids=[issue.pk for issue in issues])
    for issue in issues:
        issue.counts = counts[issue.pk]  # type: ignore[attr-defined]
        shown = issue.representative if _is_public(issue.representative) else None
        if shown is None and issue.counts.campaigns:  # type: ignore[attr-defined]
            shown = issue.counts.campaigns[0].representative  # type: ignore[attr-defined]
        issue.shown = shown  # type: ignore[attr-defined]
    return list(issues)


def response_of(issue: Issue) -> Any:
    """The issue's response, or None when it has none yet."""
    return getattr(issue, "response", None)


def _paragraphs() -> Prefetch:
    paragraphs = Paragraph.objects.select_related("version__document").order_by(
        "version__document__order", "version__number", "order"
    )
    return Prefetch("response__changed_paragraphs", queryset=paragraphs)


def _issues(consultation: Consultation) -> QuerySet[Issue]:
    return (
        Issue.objects.filter(consultation=consultation)
        .select_related("domain", "response")
        .prefetch_related(Prefetch("representative", queryset=Comment.objects.only(*COMMENT_FIELDS)), _paragraphs())
        .order_by("number")
    )


def issue_list_public(
    *, consultation: Consultation, decision: str = "", domain: str = "", now: datetime | None = None
) -> list[Issue]:
    """Issues whose response is published, with their figures; filtered by decision and by domain key."""
    issues = _issues(consultation).filter(
        consultation__is_published=True, response__published_at__lte=now or timezone.now()
    )
    if decision in Decision.values:
        issues = issues.filter(response__decision=decision)
    if domain:
        issues = issues.filter(domain__key=domain)
    return _with_counts(list(issues))


def issue_get_public(*, consultation: Consultation, number: int, now: datetime | None = None) -> Issue | None:
    """One issue with a published response, with its figures."""
    issues = _issues(consultation).filter(
        consultation__is_published=True, response__published_at__lte=now or timezone.now(), number=number
    )
    found = _with_counts(list(issues))
    return found[0] if found else None


def issue_receipts_public(*, issue: Issue) -> list[str]:
    """Receipt numbers of the issue's published, not erased comments, in order of submission."""
    rows = _counted([issue.pk]).order_by("comment__submitted_at", "comment_id")
    return list(rows.values_list("comment__receipt", flat=True))


def issue_list_for_staff(*, consultation: Consultation) -> list[Issue]:
    """Every issue of the consultation with its public figures and `members` (comments of any status)."""
    issues = list(_issues(consultation).annotate(members=Count("memberships")))
    return _with_counts(issues)


def issue_get_for_staff(*, consultation: Consultation, number: int) -> Issue | None:
    issues = _with_counts(list(_issues(consultation).filter(number=number).annotate(members=Count("memberships"))))
    return issues[0] if issues else None


def issue_comment_list(*, issue: Issue) -> QuerySet[Comment]:
    """The issue's comments (any status), oldest first, for staff."""
    return (
        Comment.objects.filter(issue_memberships__issue=issue)
        .select_related("analysis__group")
        .order_by("submitted_at", "pk")
    )


def candidate_campaigns(*, consultation: Consultation, limit: int = CANDIDATES) -> list[DuplicateGroup]:
    """The largest campaigns of the analysis not yet made into an issue."""
    made = Issue.objects.filter(consultation=consultation, source_group__isnull=False).values("source_group_id")
    groups = DuplicateGroup.objects.filter(consultation=consultation).exclude(pk__in=made)
    return list(groups.select_related("representative").order_by("-size", "pk")[:limit])


def candidate_topics(*, consultation: Consultation, limit: int = CANDIDATES) -> list[TopicCluster]:
    """The largest topics of the analysis not yet made into an issue."""
    made = Issue.objects.filter(consultation=consultation, source_cluster__isnull=False).values("source_cluster_id")
    clusters = TopicCluster.objects.filter(consultation=consultation).exclude(pk__in=made)
    return list(clusters.select_related("representative").order_by("-size", "number")[:limit])


@dataclass(frozen=True)
class Lookup:
    """What became of a comment: `found` (a comment of this consultation with this receipt), its issues."""

    receipt: str
    found: bool
    issues: list[Issue]


def issue_lookup_by_receipt(*, consultation: Consultation, receipt: str, now: datetime | None = None) -> Lookup:
    """The issues with a published response under which the published comment with this receipt is counted."""
    receipt = receipt.strip().upper()[:40]
    comment = Comment.objects.filter(consultation=consultation, receipt=receipt, erased_at__isnull=True).first()
    if comment is None:
        return Lookup(receipt, False, [])
    if comment.status != CommentStatus.PUBLISHED:
        return Lookup(receipt, True, [])
    issues = Issue.objects.filter(
        consultation=consultation, consultation__is_published=True,
        response__published_at__lte=now or timezone.now(), memberships__comment=comment,
    ).select_related("response").order_by("number")  # fmt: skip
    return Lookup(receipt, True, list(issues))


def consultation_has_demo_comments(*, consultation: Consultation) -> bool:
    return Comment.objects.filter(consultation=consultation, is_demo=True).exists()


def paragraph_choices(*, consultation: Consultation) -> list[Paragraph]:
    """The paragraphs of the newest version of each of the consultation's drafts, in reading order."""
    versions = [version.pk for version in latest_versions(consultation_id=consultation.pk)]
    return list(
        Paragraph.objects.filter(version_id__in=versions)
        .select_related("version__document")
        .order_by("version__document__order", "version__document_id", "order")
    )
