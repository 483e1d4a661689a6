"""Reads about consultations, with visibility rules and related rows already fetched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from rapfang.accounts.models import Agency
from rapfang.accounts.permissions import Perm, agencies_where, can
from rapfang.consultations.models import Consultation, Milestone, MilestoneKind
from rapfang.consultations.timeline import PeriodCheck, Status, Step, derive_status, next_change, window_days
from rapfang.core.windows import Window, WindowState


def consultation_list_public() -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(is_published=True)
        .select_related("agency")
        .prefetch_related(Prefetch("milestones", queryset=milestone_list_in_order()))
    )


def milestone_list_in_order() -> QuerySet[Milestone]:
    """Timeline steps by when they happen: a step known only by its end (a deadline) sits at its end."""
    return Milestone.objects.order_by(Coalesce("starts_at", "ends_at"), "ends_at", "id")


def consultation_get_public(*, slug: str) -> Consultation:
    """A published consultation with everything its public page shows; raises DoesNotExist."""
    return (
        consultation_list_public()
        .prefetch_related("agency__contacts", "topics")
        .select_related("agency__successor")
        .get(slug=slug)
    )


def consultation_list_for_staff(actor: Any, perm: Perm = Perm.VIEW) -> QuerySet[Consultation]:
    """The consultations of the agencies in which `actor` holds `perm` (every one for administrators)."""
    queryset = Consultation.objects.select_related("agency")
    agencies = agencies_where(actor, perm)
    return queryset if agencies is None else queryset.filter(agency_id__in=agencies)


def consultation_get_for_staff(*, actor: Any, slug: str, perm: Perm = Perm.VIEW) -> Consultation | None:
    """The consultation at `slug` if `actor` holds `perm` in its agency; None otherwise (shown as 404)."""
    consultation = Consultation.objects.select_related("agency").filter(slug=slug).first()
    if consultation is None or not can(actor, perm, consultation.agency_id):
        return None
    return consultation


def consultation_steps(consultation: Consultation) -> list[Step]:
    """The timeline as windows; uses prefetched milestones when present."""
    return [Step(kind=m.kind, window=Window(m.starts_at, m.ends_at)) for m in consultation.milestones.all()]


def consultation_status(consultation: Consultation, now: datetime | None = None) -> Status:
    return derive_status(
        consultation_steps(consultation),
        now or timezone.now(),
        published=consultation.is_published,
        archived=consultation.is_archived,
    )


def consultation_next_change(consultation: Consultation, now: datetime | None = None) -> datetime | None:
    return next_change(consultation_steps(consultation), now or timezone.now())


@dataclass(frozen=True)
class TimelineEvent:
    """A moment at which a step of a consultation's timeline began or ended."""

    consultation: Consultation
    milestone: Milestone
    edge: str  # "start" or "end"
    at: datetime


def timeline_events_past(*, now: datetime | None = None, limit: int = 50) -> list[TimelineEvent]:
    """The latest starts and ends of timeline steps of published consultations, newest first."""
    now = now or timezone.now()
    events = [
        TimelineEvent(consultation, milestone, edge, moment)
        for consultation in consultation_list_public()
        for milestone in consultation.milestones.all()
        for edge, moment in (("start", milestone.starts_at), ("end", milestone.ends_at))
        if moment is not None and moment <= now
    ]
    return sorted(events, key=lambda event: event.at, reverse=True)[:limit]


def comment_period_check(consultation: Consultation) -> PeriodCheck | None:
    """How long the online comment period runs against the legal minimum; None when it has no two ends."""
    period = next((m for m in consultation.milestones.all() if m.kind == "comments"), None)
    if period is None or period.starts_at is None or period.ends_at is None:
        return None
    return PeriodCheck(window_days(period.starts_at, period.ends_at), settings.LEGAL_MINIMUM_DAYS)


def comment_window(consultation: Consultation) -> Window | None:
    """The consultation's online comment period, or None when it has none. One indexed row, no ordering."""
    period = Milestone.objects.filter(consultation_id=consultation.pk, kind=MilestoneKind.COMMENTS).order_by()
    row = next(iter(period.values_list("starts_at", "ends_at")[:1]), None)
    return Window(*row) if row else None


def notice_controllers(*, agency_slug: str = "") -> list[Agency]:
    """The agencies a privacy notice names as controllers, with their contact persons: the one asked for when it
    runs a published consultation, else every agency that does (the notice is the site's)."""
    agencies = Agency.objects.filter(consultations__is_published=True).distinct().prefetch_related("contacts")
    if agency_slug and (chosen := list(agencies.filter(slug=agency_slug))):
        return chosen
    return list(agencies.order_by("name_th"))


@dataclass(frozen=True)
class StepNow:
    """One step of the timeline and whether it is open at a moment."""

    milestone: Milestone
    state: WindowState


def consultation_step_now(consultation: Consultation, kind: str, now: datetime | None = None) -> StepNow | None:
    """The consultation's step of `kind` (e.g. the online comment period) and its state now; None without one."""
    milestone = Milestone.objects.filter(consultation_id=consultation.pk, kind=kind).order_by().first()
    if milestone is None:
        return None
    return StepNow(milestone, Window(milestone.starts_at, milestone.ends_at).state(now or timezone.now()))
