"""The issues and responses part of the report: each issue with its count, a representative comment and the answer.

An issue's count is its published comments; a campaign counts as one representative plus its number ("1
ความคิดเห็นตัวแทน + อีก 24 ฉบับในแคมเปญเดียวกัน"). Issues without a response are listed as under consideration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Min, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rapfang.accounts.models import StakeholderType
from rapfang.comments.models import Comment, CommentStatus
from rapfang.consultations.models import Consultation
from rapfang.core.i18n import localized
from rapfang.core.redact import labels_for
from rapfang.reports.annex import public_text
from rapfang.reports.models import Decision, Issue, IssueComment, Response
from rapfang.reports.participation import published_comments
from rapfang.reports.selectors.issues import issue_endorsement_counts

if TYPE_CHECKING:
    from rapfang.reports.annex import Campaigns
    from rapfang.reports.content import Formatter

EXCERPT_LENGTH = 160


@dataclass(frozen=True)
class CampaignCount:
    representative: str  # its representative's receipt number
    others: int
    text: str


@dataclass(frozen=True)
class Quote:
    receipt: str
    date: str
    stakeholder: str
    text: str


@dataclass(frozen=True)
class ChangedParagraph:
    document: str
    version: str
    anchor: str
    excerpt: str


@dataclass(frozen=True)
class IssueEntry:
    number: int
    label: str
    title: str
    summary: str
    domain: str
    count: int
    count_text: str
    breakdown: list[str]
    campaigns: list[CampaignCount]
    representative: Quote | None
    decision_key: str  # empty while the issue has no response
    decision: str
    reasons: str
    published: bool
    changed: list[ChangedParagraph] = field(default_factory=list)
    endorsements: int = 0  # people who agree with its published comments, summed over campaigns' copies


@dataclass
class _Counts:
    individual: int = 0
    campaigns: dict[int, int] = field(default_factory=dict)  # representative comment id -> members under the issue


def issue_entries(*, consultation: Consultation, fmt: Formatter, campaigns: Campaigns) -> list[IssueEntry]:
    issues = list(
        Issue.objects.filter(consultation=consultation)
        .select_related("domain", "response")
        .prefetch_related("response__changed_paragraphs__version__document")
        .order_by("number")
    )
    counts = _counts(consultation, campaigns)
    quotes = _quotes(consultation, issues, campaigns, fmt)
    receipts = dict(
        published_comments(consultation.pk)
        .filter(pk__in=[pk for found in counts.values() for pk in found.campaigns])
        .values_list("pk", "receipt")
    )
    endorsed = issue_endorsement_counts(issue_ids=[issue.pk for issue in issues])
    return [
        _entry(issue, counts.get(issue.pk, _Counts()), quotes.get(issue.pk), receipts, fmt, endorsed.get(issue.pk, 0))
        for issue in issues
    ]


def _counts(consultation: Consultation, campaigns: Campaigns) -> dict[int, _Counts]:
    rows = (
        IssueComment.objects.filter(
            issue__consultation=consultation, comment__status=CommentStatus.PUBLISHED, comment__erased_at__isnull=True
        )
        .order_by()
        .values("issue_id", "comment__analysis__group_id")
        .annotate(n=Count("pk"))
        .values_list("issue_id", "comment__analysis__group_id", "n")
    )
    counts: dict[int, _Counts] = {}
    for issue_id, group_id, n in rows:
        found = counts.setdefault(issue_id, _Counts())
        representative = campaigns.representative_of_group.get(group_id) if group_id else None
        if representative is None or n < 2:
            found.individual += n
        else:
            found.campaigns[representative] = n
    return counts


def _quotes(consultation: Consultation, issues: list[Issue], campaigns: Campaigns, fmt: Formatter) -> dict[int, Quote]:
    """A representative comment per issue: the one staff chose, the campaign's, else the earliest under it."""
    published = published_comments(consultation.pk)
    wanted = {issue.pk: issue.representative_id for issue in issues if issue.representative_id}
    for issue in issues:
        if issue.pk not in wanted and issue.source_group_id in campaigns.representative_of_group:
            wanted[issue.pk] = campaigns.representative_of_group[issue.source_group_id]
    valid = set(published.filter(pk__in=wanted.values()).values_list("pk", flat=True))
    chosen = {issue_id: pk for issue_id, pk in wanted.items() if pk in valid}
    if len(chosen) < len(issues):
        chosen.update(_earliest(consultation, published, exclude=set(chosen)))
    labels = labels_for(fmt.language)
    stakeholders = {key: str(label) for key, label in StakeholderType.choices}
    rows = published.filter(pk__in=chosen.values()).values_list(
        "pk", "receipt", "submitted_at", "stakeholder_type", "text"
    )
    by_pk = {
        pk: Quote(receipt, fmt.short_date(at), stakeholders.get(kind, ""), public_text(text, labels))
        for pk, receipt, at, kind, text in rows
    }
    return {issue_id: by_pk[pk] for issue_id, pk in chosen.items() if pk in by_pk}


def _earliest(consultation: Consultation, published: QuerySet[Comment], exclude: set[int]) -> dict[int, int]:
    """The first published comment (by id) of each issue not in `exclude`."""
    earliest = (
        IssueComment.objects.filter(comment__in=published, issue__consultation=consultation)
        .exclude(issue_id__in=exclude)
        .order_by()
        .values("issue_id")
        .annotate(first=Min("comment_id"))
        .values_list("issue_id", "first")
    )
    return dict(earliest)


def _entry(
    issue: Issue, counts: _Counts, quote: Quote | None, receipts: dict[int, str], fmt: Formatter, endorsements: int
) -> IssueEntry:
    response: Response | None = getattr(issue, "response", None)
    labels = labels_for(fmt.language)
    total = counts.individual + sum(counts.campaigns.values())
    campaigns = [
        CampaignCount(
            representative=receipts.get(pk, ""), others=n - 1,
            text=_("%(one)s representative comment + %(others)s more in the same campaign")
            % {"one": fmt.num(1), "others": fmt.num(n - 1)},
        )
        for pk, n in sorted(counts.campaigns.items(), key=lambda item: -item[1])
    ]  # fmt: skip
    breakdown = []
    if counts.individual and campaigns:
        breakdown.append(
            ngettext("%(count)s comment on its own", "%(count)s comments on their own", counts.individual)
            % {"count": fmt.num(counts.individual)}
        )
    breakdown += [f"{campaign.text} ({campaign.representative})" for campaign in campaigns]
    if endorsements:
        breakdown.append(
            ngettext("%(count)s person agrees with these comments", "%(count)s people agree with these comments",
                     endorsements) % {"count": fmt.num(endorsements)}
        )  # fmt: skip
    return IssueEntry(
        number=issue.number, label=_("Issue %(number)s") % {"number": fmt.num(issue.number)},
        title=public_text(localized(issue, "title", fmt.language), labels),
        summary=public_text(localized(issue, "summary", fmt.language), labels),
        domain=localized(issue.domain, "name", fmt.language) if issue.domain else "",
        count=total, count_text=ngettext("%(count)s comment", "%(count)s comments", total) % {"count": fmt.num(total)},
        breakdown=breakdown, campaigns=campaigns, representative=quote,
        decision_key=response.decision if response else "",
        decision=str(Decision(response.decision).label) if response else _("Under consideration"),
        reasons=public_text(localized(response, "reasons", fmt.language), labels) if response else "",
        published=bool(response and response.published_at), changed=_changed(response, fmt),
        endorsements=endorsements,
    )  # fmt: skip


def _changed(response: Response | None, fmt: Formatter) -> list[ChangedParagraph]:
    if response is None:
        return []
    paragraphs = sorted(
        response.changed_paragraphs.all(), key=lambda p: (p.version.document_id, p.version.number, p.order)
    )
    return [
        ChangedParagraph(
            document=localized(paragraph.version.document, "title", fmt.language),
            version=_("version %(number)s") % {"number": fmt.num(paragraph.version.number)},
            anchor=paragraph.anchor,
            excerpt=paragraph.text if len(paragraph.text) <= EXCERPT_LENGTH else paragraph.text[:EXCERPT_LENGTH] + "…",
        )
        for paragraph in paragraphs
    ]
