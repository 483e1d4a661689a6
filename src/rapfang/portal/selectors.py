"""What the public pages show, gathered in few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from rapfang.accounts.models import AgencyContact
from rapfang.comments.selectors import CommentBlock, comment_block
from rapfang.consultations.models import Consultation, Milestone
from rapfang.consultations.selectors import (
    comment_period_check,
    consultation_get_public,
    consultation_list_for_staff,
    consultation_list_public,
    consultation_next_change,
    consultation_status,
    milestone_list_in_order,
)
from rapfang.consultations.timeline import PeriodCheck, Status
from rapfang.core.windows import Window, WindowState
from rapfang.documents.models import Attachment
from rapfang.documents.selectors import attachment_list_public
from rapfang.hearings.models import Event
from rapfang.hearings.selectors import event_list_public
from rapfang.questionnaires.selectors import QuestionnaireBlock, questionnaire_block
from rapfang.reports.selectors.reports import Results, results_public


@dataclass(frozen=True)
class TimelineItem:
    milestone: Milestone
    state: WindowState


@dataclass(frozen=True)
class ConsultationPage:
    consultation: Consultation
    status: Status
    timeline: list[TimelineItem]
    main_event: Event | None
    other_events: list[Event]
    attachments: list[Attachment]
    next_change: datetime | None
    comment_period: PeriodCheck | None
    at: datetime  # the moment the page is read at
    results: Results = field(default_factory=Results)
    contacts: list[AgencyContact] = field(default_factory=list)
    viewer: Any = None  # the signed-in user who reads it, if any

    @cached_property
    def comment_block(self) -> CommentBlock:
        """The draft and the comments (read when the page shows it, not by the API)."""
        return comment_block(consultation=self.consultation, user=self.viewer, now=self.at)

    @cached_property
    def questionnaire_block(self) -> QuestionnaireBlock:
        return questionnaire_block(consultation=self.consultation, now=self.at)

    def step(self, kind: str) -> TimelineItem | None:
        return next((item for item in self.timeline if item.milestone.kind == kind), None)

    @property
    def registration(self) -> TimelineItem | None:
        return self.step("registration")

    @property
    def comments(self) -> TimelineItem | None:
        return self.step("comments")


@dataclass(frozen=True)
class ConsultationCard:
    consultation: Consultation
    status: Status


def consultation_cards(now: datetime | None = None) -> list[ConsultationCard]:
    now = now or timezone.now()
    return [ConsultationCard(c, consultation_status(c, now)) for c in consultation_list_public()]


def consultation_page(*, slug: str, user: Any = None, now: datetime | None = None) -> ConsultationPage:
    """Everything the consultation's page shows; staff who may organise it also see it unpublished."""
    now = now or timezone.now()
    consultation = _find(slug, user)
    events = (
        list(event_list_public(consultation_id=consultation.pk))
        if consultation.is_published
        else list(consultation.events.all())
    )
    main = next((event for event in events if event.is_main), None)
    return ConsultationPage(
        consultation=consultation,
        status=consultation_status(consultation, now),
        timeline=[TimelineItem(m, Window(m.starts_at, m.ends_at).state(now)) for m in consultation.milestones.all()],
        main_event=main,
        other_events=[event for event in events if event is not main],
        attachments=list(consultation.attachments.filter(is_public=True))
        if not consultation.is_published
        else list(attachment_list_public(consultation_id=consultation.pk)),
        next_change=consultation_next_change(consultation, now),
        comment_period=comment_period_check(consultation),
        at=now,
        viewer=user,
        results=results_public(consultation=consultation),
        contacts=consultation_contacts(consultation),
    )


def consultation_contacts(consultation: Consultation) -> list[AgencyContact]:
    """The contact persons chosen for the consultation; the agency's, for one that has none chosen."""
    return list(consultation.contacts.all()) or list(consultation.agency.contacts.all())


def _find(slug: str, user: Any) -> Consultation:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist:
        if user is None or not getattr(user, "is_staff", False):
            raise
    return (
        consultation_list_for_staff(user)
        .select_related("agency")
        .prefetch_related(
            Prefetch("milestones", queryset=milestone_list_in_order()), "agency__contacts", "contacts", "topics"
        )
        .get(slug=slug)
    )
