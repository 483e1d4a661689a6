"""The shapes the API answers with. Only public fields: no personal data."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class Text(Schema):
    th: str
    en: str


class ErrorOut(Schema):
    code: str
    message: str


class InvalidOut(ErrorOut):
    """A 422: the message, and each field's errors."""

    errors: dict[str, list[str]]


class ContactOut(Schema):
    """A contact person; `phone` and `email` are empty strings when the agency gives none."""

    name: Text
    phone: str
    email: str


class AgencyOut(Schema):
    slug: str
    name: Text
    abbreviation: Text
    phone: str
    fax: str
    email: str
    contacts: list[ContactOut]


class MilestoneOut(Schema):
    kind: str
    label: Text
    starts_at: datetime | None
    ends_at: datetime | None
    state: str
    note: Text


class DomainOut(Schema):
    key: str
    name: Text


class AttachmentOut(Schema):
    id: int
    kind: str
    title: Text
    filename: str
    content_type: str
    size: int
    downloads: int
    url: str
    demo: bool


class EventSummaryOut(Schema):
    id: int
    kind: str
    title: Text
    start: datetime
    end: datetime


class ConsultationSummaryOut(Schema):
    slug: str
    short_name: str
    title: Text
    status: str
    status_label: Text
    agency: str
    page_date: date | None
    views: int
    url: str
    api_url: str


class ConsultationOut(ConsultationSummaryOut):
    page_title: Text
    summary: Text
    rationale: Text
    followup: Text
    organiser: AgencyOut
    timeline: list[MilestoneOut]
    domains: list[DomainOut]
    attachments: list[AttachmentOut]
    events: list[EventSummaryOut]
    demo: bool
