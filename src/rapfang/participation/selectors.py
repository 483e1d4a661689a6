"""Reads for a participant: "my participation" as a list of sections (each a title, a template and its rows),
so that another kind of participation is one more entry in `MINE_SECTIONS`; and a consultation's follow page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rapfang.comments.models import Comment, Endorsement
from rapfang.comments.withdrawal import comment_withdrawable
from rapfang.hearings.links import registration_token
from rapfang.hearings.models import Registration
from rapfang.hearings.rules import identity_keys
from rapfang.questionnaires.selectors import answer_list_by_email


@dataclass
class Section:
    key: str
    title: Any
    template: str
    rows: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class CommentRow:
    comment: Comment
    withdrawable: bool


def _comments(email: str, now: datetime) -> list[Any]:
    comments = (
        Comment.objects.filter(email__iexact=email, erased_at__isnull=True)
        .select_related("consultation")
        .order_by("-submitted_at", "-id")
    )
    return [CommentRow(comment, comment_withdrawable(comment, now)) for comment in comments]


def _endorsements(email: str, now: datetime) -> list[Any]:
    rows = Endorsement.objects.filter(email__iexact=email, erased_at__isnull=True)
    return list(rows.select_related("comment__consultation").order_by("-created_at", "-id"))


@dataclass(frozen=True)
class RegistrationRow:
    registration: Registration
    link: str


def _registrations(email: str, now: datetime) -> list[Any]:
    key = identity_keys(email, "").email
    rows = Registration.objects.filter(email_key=key, purged_at__isnull=True).select_related("event__consultation")
    return [
        RegistrationRow(r, reverse("hearings:registration", args=[registration_token(r)]))  # in the page's language
        for r in rows.order_by("-created_at", "-id")
    ]


def _answers(email: str, now: datetime) -> list[Any]:
    return list(answer_list_by_email(email=email))


SectionRows = Callable[[str, datetime], list[Any]]
MINE_SECTIONS: list[tuple[str, Any, str, SectionRows]] = [
    ("comments", _("My comments"), "participation/_mine_comments.html", _comments),
    ("answers", _("My answers to questionnaires"), "participation/_mine_answers.html", _answers),
    ("endorsements", _("Comments I agreed with"), "participation/_mine_endorsements.html", _endorsements),
    ("registrations", _("My registrations"), "participation/_mine_registrations.html", _registrations),
]


def participation_sections(*, email: str, now: datetime) -> list[Section]:
    """Everything an e-mail address took part in, section by section (empty sections included)."""
    email = email.strip().lower()
    return [Section(key, title, template, rows(email, now)) for key, title, template, rows in MINE_SECTIONS]
