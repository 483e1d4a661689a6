"""The draft and its comments: versions with anchors, published comments (no personal data), and commenting."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema, Status
from pydantic import ConfigDict, StrictBool

from rapfang.api.fields import FILLED, NO_NUL, Consent, OptionalEmail, choice, must_be_filled, text
from rapfang.api.schemas import ErrorOut, InvalidOut
from rapfang.api.security import api_rate_limit
from rapfang.comments.models import CommentChannel, CommentStatus, StakeholderType
from rapfang.comments.rules import KEY_PATTERN
from rapfang.comments.selectors import (
    COUNT_CAP,
    comment_list_public,
    comment_page,
    consultation_for_comment,
    endorsement_counts,
)
from rapfang.comments.services import TEXT_MAX_CHARS, comment_submit
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.actors import PUBLIC
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import InvalidInput
from rapfang.core.i18n import both, current_language, masked
from rapfang.core.thai.search import highlight
from rapfang.documents.selectors import document_list_public, version_sections

router = Router(tags=["comments"])
PAGE_SIZE = 50


class ParagraphOut(Schema):
    anchor: str
    text: str
    list_item: bool
    domains: list[str]


class SectionOut(Schema):
    anchor: str
    title: str
    level: int
    domains: list[str]
    paragraphs: list[ParagraphOut]


class VersionOut(Schema):
    number: int
    note: dict[str, str]
    created_at: datetime
    sections: list[SectionOut]


class DocumentOut(Schema):
    slug: str
    title: dict[str, str]
    versions: list[VersionOut]


class CommentOut(Schema):
    id: int
    text: str
    highlighted: str
    author: str | None
    organisation: str | None
    stakeholder_type: StakeholderType
    channel: CommentChannel
    section: str
    paragraph: str
    submitted_at: datetime
    late: bool
    endorsements: int  # how many people said they agree with the comment


class CommentPageOut(Schema):
    """`count` stops at 1,000 (`more` is then true): narrow the search to page past it."""

    count: int
    more: bool
    page: int
    pages: int
    results: list[CommentOut]


def _named_or_anonymous(schema: dict[str, Any]) -> None:
    """Who comments, as the service decides it: anonymously; or by name as a citizen; or by name and organisation
    for everyone who speaks for an organisation."""
    schema["anyOf"] = [
        {"required": ["anonymous"], "properties": {"anonymous": {"const": True}}},
        {"required": ["name", "stakeholder_type"],
         "properties": {"name": {"pattern": FILLED}, "stakeholder_type": {"const": StakeholderType.CITIZEN.value}}},
        must_be_filled("name", "organisation"),
    ]  # fmt: skip


class CommentIn(Schema):
    """A comment. `section`/`paragraph`: anchors from the documents endpoint (404 when the current draft has no
    such anchor). A comment is anonymous, or gives a `name`; whoever speaks for an agency, a company, an
    institution or a group (every `stakeholder_type` but citizen) gives the `organisation` too. `consent` to the
    personal data notice is required."""

    model_config = ConfigDict(json_schema_extra=_named_or_anonymous)

    text: Annotated[str, text(TEXT_MAX_CHARS, filled=True)]
    section: Annotated[str, text(24)] = ""
    paragraph: Annotated[str, text(24)] = ""
    anonymous: StrictBool = False
    name: Annotated[str, text(200)] = ""
    organisation: Annotated[str, text(300)] = ""
    stakeholder_type: Annotated[str, choice(StakeholderType.values)]
    email: OptionalEmail = ""
    consent: Consent


class ReceiptOut(Schema):
    receipt: str
    status: CommentStatus


def _consultation(slug: str) -> Consultation | None:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist:
        return None


def _not_found() -> Any:
    return Status(404, {"code": "not_found", "message": _("No published consultation has this address.")})


def _keys(domains: Any) -> list[str]:
    return [domain.key for domain in domains.all()]


def _version(version: Any) -> dict[str, Any]:
    sections = [
        {"anchor": s.anchor, "title": s.title, "level": s.level, "domains": _keys(s.topics),
         "paragraphs": [{"anchor": p.anchor, "text": p.text, "list_item": p.is_list_item, "domains": _keys(p.topics)}
                        for p in s.paragraphs.all()]}
        for s in version_sections(version=version)
    ]  # fmt: skip
    return {"number": version.number, "note": both(version, "note"), "created_at": version.created_at,
            "sections": sections}  # fmt: skip


@router.get(
    "/consultations/{slug}/documents", response={200: list[DocumentOut], 404: ErrorOut}, url_name="document_list"
)
def document_list(request: HttpRequest, slug: str) -> Any:
    """The consultation's drafts, each version with its sections and paragraphs and their stable anchors."""
    consultation = _consultation(slug)
    if consultation is None:
        return _not_found()
    documents = document_list_public(consultation_id=consultation.pk).prefetch_related("versions")
    return Status(200, [
        {"slug": d.slug, "title": both(d, "title"), "versions": [_version(v) for v in d.versions.order_by("number")]}
        for d in documents
    ])  # fmt: skip


def _comment(comment: Any, terms: list[str], endorsements: dict[int, int]) -> dict[str, Any]:
    """A published comment as the public sees it: no e-mail address, telephone number or national ID."""
    text = masked(comment.text)
    return {
        "id": comment.pk, "text": text, "highlighted": highlight(text, terms),
        "author": None if comment.anonymous else masked(comment.name) or None,
        "organisation": None if comment.anonymous else masked(comment.organisation),
        "stakeholder_type": comment.stakeholder_type, "channel": comment.channel,
        "section": comment.section_anchor, "paragraph": comment.paragraph_anchor,
        "submitted_at": comment.submitted_at, "late": comment.is_late,
        "endorsements": endorsements.get(comment.pk, 0),
    }  # fmt: skip


@router.get("/consultations/{slug}/comments", response={200: CommentPageOut, 404: ErrorOut}, url_name="comment_list")
def comment_list(
    request: HttpRequest,
    slug: str,
    q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    section: Annotated[str, Query(max_length=24, pattern=NO_NUL)] = "",
    paragraph: Annotated[str, Query(max_length=24, pattern=NO_NUL)] = "",
    domain: Annotated[str, Query(max_length=80, pattern=NO_NUL)] = "",
    sort: Literal["newest", "oldest"] = "newest",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Any:
    """Published comments, newest first; `q` searches Thai and English (`highlighted` marks the matches)."""
    consultation = _consultation(slug)
    if consultation is None:
        return _not_found()
    queryset, terms = comment_list_public(consultation=consultation, q=q, section=section, paragraph=paragraph,
                                          domain=domain, sort=sort)  # fmt: skip
    current = comment_page(queryset, page, PAGE_SIZE)
    count = current.paginator.count
    endorsements = endorsement_counts(comment_ids=[comment.pk for comment in current.object_list])
    return Status(200, {"count": min(count, COUNT_CAP), "more": count > COUNT_CAP, "page": current.number,
                        "pages": current.paginator.num_pages,
                        "results": [_comment(c, terms, endorsements) for c in current.object_list]})  # fmt: skip


@router.post(
    "/consultations/{slug}/comments",
    response={201: ReceiptOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut, 429: ErrorOut},
    url_name="comment_create",
)
def comment_create(
    request: HttpRequest,
    slug: str,
    payload: CommentIn,
    idempotency_key: str = Header(
        "",
        alias="Idempotency-Key",
        max_length=100,
        pattern=f"^(?:{KEY_PATTERN.pattern})?$",
        description="Optional; a key of your own for this submission (1 to 100 visible ASCII characters, e.g. a "
        "UUID). Sent again with the same key to the same consultation within 24 hours, the request stores nothing "
        "and answers 201 with the first receipt; with the same key and other content, 409 "
        "`idempotency_key_reused`. Send it, and send the same key again when you retry after a timeout, a "
        "connection error, a 503 or a 429.",
    ),
) -> Any:
    """Comment on the consultation, a section or a paragraph: 201 with the receipt; 409 outside the period.

    The period is decided on the moment the request arrived, not the moment it is stored: a comment that arrived
    before the close is accepted even when a crowd makes it wait. Retries are safe with an `Idempotency-Key`:
    one comment and one receipt per key. When the server is receiving more than it can answer, 503 `overloaded`
    with `Retry-After` and an `Arrival-Token` header; nothing was stored: send the same comment again (the same key,
    the same content) after that many seconds with that `Arrival-Token` header, and it is judged on the moment it
    first arrived, for 30 minutes.
    """
    api_rate_limit(request, "comment")
    try:
        consultation = consultation_for_comment(slug=slug)
    except Consultation.DoesNotExist:
        return _not_found()
    try:
        comment = comment_submit(actor=PUBLIC, consultation=consultation, data=payload.model_dump(),
                                 channel=CommentChannel.API, language=current_language(),
                                 received_at=arrived_at(request), idempotency_key=idempotency_key)  # fmt: skip
    except InvalidInput as error:
        errors = error.params.get("errors", {})
        if errors and set(errors) <= {"section", "paragraph"}:  # the body is right; the draft has no such place
            message = next(iter(errors.values()))[0]
            return Status(404, {"code": "anchor_not_found", "message": message})
        return Status(422, {"code": error.code, "message": str(error.message), "errors": errors})
    return Status(201, {"receipt": comment.receipt, "status": comment.status})
