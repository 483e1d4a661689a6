"""The report's annex: every published comment, without personal data, streamed from the database in chunks.

A campaign (an analysis duplicate group) is one row, its representative's, with the receipt numbers of the other
members listed under it. Texts pass through `redact_personal_data`; names, e-mail addresses and telephone numbers
of commenters are never read; the organisation is shown for named comments only, as on the public pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from rapfang.accounts.models import StakeholderType
from rapfang.analysis.models import CommentAnalysis, DuplicateGroup
from rapfang.comments.models import CommentChannel, CommentStatus
from rapfang.consultations.models import Consultation
from rapfang.core.i18n import localized
from rapfang.core.redact import Labels, labels_for, redact_personal_data
from rapfang.documents.models import Document, Paragraph, Section
from rapfang.reports.models import IssueComment
from rapfang.reports.participation import published_comments

if TYPE_CHECKING:
    from rapfang.reports.content import Formatter

CHUNK = 2000  # rows fetched from the database at a time
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no place in XML, DOCX or XLSX
SECTION_TITLE_LENGTH = 80

_COLUMNS = (
    "id", "receipt", "submitted_at", "stakeholder_type", "anonymous", "organisation", "channel", "document_id",
    "version_id", "section_anchor", "paragraph_anchor", "text", "language",
)  # fmt: skip


def public_text(text: str, labels: Labels) -> str:
    """A commenter's text as the report shows it: personal data withheld, control characters dropped."""
    return _CONTROL.sub("", redact_personal_data(text, labels=labels))


@dataclass(frozen=True)
class AnnexRow:
    receipt: str
    date: str
    stakeholder: str
    organisation: str
    channel: str
    where: str
    text: str
    issues: str
    language: str = "th"  # the comment's own language, for the lang attribute of its text
    campaign: tuple[str, ...] = ()  # receipt numbers of the campaign's other members, when this row represents one


@dataclass
class Campaigns:
    """Campaigns among the published comments: each has a representative and its other members."""

    members: dict[int, list[str]] = field(default_factory=dict)  # representative's id -> other members' receipts
    representative_of_group: dict[int, int] = field(default_factory=dict)  # duplicate group id -> representative id
    folded: set[int] = field(default_factory=set)  # members shown under their representative, not as rows

    @property
    def comment_count(self) -> int:
        return sum(len(others) + 1 for others in self.members.values())


@dataclass
class AnnexSource:
    consultation_id: int
    fmt: Formatter
    total: int
    campaigns: Campaigns
    issue_numbers: dict[int, list[int]]
    places: dict[tuple[int, str], str]

    def rows(self, limit: int | None = None) -> Iterator[AnnexRow]:
        """The rows in order of receipt (time, then id), at most `limit` of them."""
        labels = labels_for(self.fmt.language)
        stakeholders = {key: str(label) for key, label in StakeholderType.choices}
        channels = {key: str(label) for key, label in CommentChannel.choices}
        whole = _("The draft as a whole")
        queryset = published_comments(self.consultation_id).order_by("submitted_at", "id").values_list(*_COLUMNS)
        shown = 0
        for row in queryset.iterator(chunk_size=CHUNK):
            if limit is not None and shown >= limit:
                return
            (pk, receipt, submitted_at, stakeholder, anonymous, organisation, channel, _document, version_id,
             section, paragraph, text, language) = row  # fmt: skip
            if pk in self.campaigns.folded:
                continue
            shown += 1
            place = self.places.get((version_id, paragraph or section), whole) if (section or paragraph) else whole
            yield AnnexRow(
                receipt=receipt, date=self.fmt.short_date(submitted_at), stakeholder=stakeholders.get(stakeholder, ""),
                organisation="" if anonymous else public_text(organisation, labels),
                channel=channels.get(channel, channel), where=place, text=public_text(text, labels),
                issues=", ".join(self.fmt.num(number) for number in self.issue_numbers.get(pk, ())),
                language=language or "th", campaign=tuple(self.campaigns.members.get(pk, ())),
            )  # fmt: skip


def annex_source(*, consultation: Consultation, fmt: Formatter) -> AnnexSource:
    campaigns = campaigns_of(consultation.pk)
    total = published_comments(consultation.pk).count() - len(campaigns.folded)
    numbers: dict[int, list[int]] = {}
    memberships = IssueComment.objects.filter(issue__consultation=consultation).order_by("issue__number")
    for comment_id, number in memberships.values_list("comment_id", "issue__number").iterator(chunk_size=CHUNK):
        numbers.setdefault(comment_id, []).append(number)
    return AnnexSource(
        consultation_id=consultation.pk, fmt=fmt, total=total, campaigns=campaigns, issue_numbers=numbers,
        places=_places(consultation, fmt),
    )  # fmt: skip


def campaigns_of(consultation_id: int) -> Campaigns:
    """Duplicate groups with at least two published members; the group's representative stands for it when it is
    itself published, else its earliest published member."""
    chosen = dict(DuplicateGroup.objects.filter(consultation_id=consultation_id).values_list("id", "representative_id"))
    members: dict[int, list[tuple[int, str]]] = {}
    rows = (
        CommentAnalysis.objects.filter(
            consultation_id=consultation_id, group__isnull=False, comment__status=CommentStatus.PUBLISHED,
            comment__erased_at__isnull=True,
        )
        .order_by("comment__submitted_at", "comment_id")
        .values_list("group_id", "comment_id", "comment__receipt")
    )  # fmt: skip
    for group_id, comment_id, receipt in rows.iterator(chunk_size=CHUNK):
        members.setdefault(group_id, []).append((comment_id, receipt))
    campaigns = Campaigns()
    for group_id, found in members.items():
        if len(found) < 2:
            continue
        ids = [comment_id for comment_id, _receipt in found]
        representative = chosen.get(group_id) if chosen.get(group_id) in ids else ids[0]
        assert representative is not None
        campaigns.representative_of_group[group_id] = representative
        campaigns.members[representative] = [receipt for comment_id, receipt in found if comment_id != representative]
        campaigns.folded.update(comment_id for comment_id in ids if comment_id != representative)
    return campaigns


def _places(consultation: Consultation, fmt: Formatter) -> dict[tuple[int, str], str]:
    """Where a comment was made, by (version, anchor): the section's title, and the paragraph's number in it."""
    documents = list(Document.objects.filter(consultation=consultation))
    titles = {document.pk: localized(document, "title", fmt.language) for document in documents}
    sections = Section.objects.filter(version__document__consultation=consultation)
    places: dict[tuple[int, str], str] = {}
    section_text: dict[int, str] = {}
    for pk, version_id, anchor, title, document_id in sections.values_list(
        "pk", "version_id", "anchor", "title", "version__document_id"
    ):
        short = title if len(title) <= SECTION_TITLE_LENGTH else title[: SECTION_TITLE_LENGTH - 1] + "…"
        text = f"{titles[document_id]}: {short}" if len(documents) > 1 else short
        section_text[pk] = text
        places[(version_id, anchor)] = f"{text} ({anchor})"
    paragraphs = Paragraph.objects.filter(version__document__consultation=consultation).order_by("section_id", "order")
    position, last_section = 0, None
    for version_id, anchor, section_id in paragraphs.values_list("version_id", "anchor", "section_id"):
        position = position + 1 if section_id == last_section else 1
        last_section = section_id
        label = _("paragraph %(number)s") % {"number": fmt.num(position)}
        places[(version_id, anchor)] = f"{section_text.get(section_id, '')}, {label} ({anchor})"
    return places
