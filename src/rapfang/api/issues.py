"""What the agency heard and did: published issues and their responses. No personal data.

A comment's text passes through `core.redact` (e-mail addresses, telephone numbers and national IDs replaced by a
label); campaigns count as one representative plus their number, as on the public page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from rapfang.api.schemas import ErrorOut, InvalidOut
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.i18n import masked
from rapfang.reports.models import Issue
from rapfang.reports.selectors.issues import issue_get_public, issue_list_public, issue_receipts_public

router = Router(tags=["responses"])


class ChangedParagraphOut(Schema):
    """A paragraph of a later version of a draft that the response changed; `document` is the draft's slug."""

    document: str
    version: int
    anchor: str
    text: str


class ResponseOut(Schema):
    """`decision`: accepted, partly, not_accepted or out_of_scope."""

    decision: str
    reasons_th: str
    reasons_en: str
    published_at: datetime
    changed_paragraphs: list[ChangedParagraphOut]


class CampaignOut(Schema):
    """A campaign counted under the issue: its representative comment's receipt and how many comments it holds."""

    representative_receipt: str
    size: int


class CountsOut(Schema):
    """Published comments counted under the issue: `unique` ones, and `campaigns` (one representative plus the
    others each): `comments` = `unique` + the campaigns' sizes."""

    comments: int
    unique: int
    campaigns: list[CampaignOut]


class RepresentativeOut(Schema):
    receipt: str
    text: str


class IssueOut(Schema):
    number: int
    title_th: str
    title_en: str
    summary_th: str
    summary_en: str
    domain: str | None
    counts: CountsOut
    representative: RepresentativeOut | None
    response: ResponseOut


class IssueDetailOut(IssueOut):
    """The issue, and the receipt numbers of every published comment counted under it."""

    receipts: list[str]


class ResponseItemOut(ResponseOut):
    issue_number: int
    issue_title_th: str
    issue_title_en: str


def _consultation(slug: str) -> Consultation | None:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist:
        return None


def _not_found(message: str) -> Any:
    return Status(404, {"code": "not_found", "message": message})


def _no_consultation() -> Any:
    return _not_found(_("No published consultation has this address."))


def _text(text: str) -> str:
    return masked(text)


def _response(issue: Issue) -> dict[str, Any]:
    response = issue.response
    paragraphs = [
        {"document": p.version.document.slug, "version": p.version.number, "anchor": p.anchor, "text": p.text}
        for p in response.changed_paragraphs.all()
    ]
    return {"decision": response.decision, "reasons_th": response.reasons_th, "reasons_en": response.reasons_en,
            "published_at": response.published_at, "changed_paragraphs": paragraphs}  # fmt: skip


def _issue(issue: Any) -> dict[str, Any]:
    counts, shown = issue.counts, issue.shown
    return {
        "number": issue.number, "title_th": issue.title_th, "title_en": issue.title_en,
        "summary_th": issue.summary_th, "summary_en": issue.summary_en,
        "domain": issue.domain.key if issue.domain else None,
        "counts": {"comments": counts.comments, "unique": counts.unique,
                   "campaigns": [{"representative_receipt": c.representative.receipt, "size": c.size}
                                 for c in counts.campaigns]},
        "representative": {"receipt": shown.receipt, "text": _text(shown.text)} if shown else None,
        "response": _response(issue),
    }  # fmt: skip


@router.get(
    "/consultations/{slug}/issues", response={200: list[IssueOut], 404: ErrorOut}, url_name="consultation_issues"
)
def issue_list(request: HttpRequest, slug: str) -> Any:
    """The issues raised in the comments whose response is published, in order of their number."""
    consultation = _consultation(slug)
    if consultation is None:
        return _no_consultation()
    return Status(200, [_issue(issue) for issue in issue_list_public(consultation=consultation)])


@router.get(
    "/consultations/{slug}/issues/{number}",
    response={200: IssueDetailOut, 404: ErrorOut, 422: InvalidOut},
    url_name="issue_detail",
)
def issue_detail(request: HttpRequest, slug: str, number: int) -> Any:
    """One issue with a published response, with the receipt numbers of its published comments; 422 when `number`
    is not a whole number."""
    consultation = _consultation(slug)
    if consultation is None:
        return _no_consultation()
    issue = issue_get_public(consultation=consultation, number=number) if 0 < number < 2**31 else None
    if issue is None:
        return _not_found(_("This consultation has no published response to an issue of this number."))
    return Status(200, {**_issue(issue), "receipts": issue_receipts_public(issue=issue)})


@router.get(
    "/consultations/{slug}/responses",
    response={200: list[ResponseItemOut], 404: ErrorOut},
    url_name="consultation_responses",
)
def response_list(request: HttpRequest, slug: str) -> Any:
    """Every published response, with the number and titles of its issue."""
    consultation = _consultation(slug)
    if consultation is None:
        return _no_consultation()
    return Status(200, [
        {**_response(issue), "issue_number": issue.number, "issue_title_th": issue.title_th,
         "issue_title_en": issue.title_en}
        for issue in issue_list_public(consultation=consultation)
    ])  # fmt: skip
