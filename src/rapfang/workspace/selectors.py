"""Reads of the staff workspace: a staff member's consultations with their figures and what needs attention.

Each figure is one grouped query over all the consultations shown, never one query per consultation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, Membership
from rapfang.accounts.permissions import Perm, agencies_where, can
from rapfang.comments.models import Comment, CommentStatus
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.selectors import (
    comment_period_check,
    consultation_list_for_staff,
    consultation_status,
    milestone_list_in_order,
)
from rapfang.consultations.timeline import Status
from rapfang.documents.models import Attachment
from rapfang.hearings.models import ACTIVE, Event, MailOutbox, Registration
from rapfang.questionnaires.models import Answer
from rapfang.reports.models import Report, ReportStatus

CLOSING_SOON = timedelta(days=3)


@dataclass(frozen=True)
class Attention:
    """Something on a consultation that a staff member should look at, with where to go."""

    kind: str  # moderation, flagged, personal_data, mail, closing, short_period, results_due
    message: str
    level: str = "warning"  # warning or danger


@dataclass
class ConsultationRow:
    consultation: Consultation
    status: Status
    can_organise: bool
    counts: dict[str, int] = field(default_factory=dict)
    attention: list[Attention] = field(default_factory=list)


@dataclass
class AgencyBlock:
    agency: Agency
    roles: list[str]
    rows: list[ConsultationRow]


def staff_home(*, actor: Any, now: datetime | None = None) -> list[AgencyBlock]:
    """The actor's consultations grouped by agency (the agencies they hold a role in; every one for administrators)."""
    now = now or timezone.now()
    consultations = list(
        consultation_list_for_staff(actor)
        .prefetch_related(_milestones())
        .order_by("agency__name_th", "-page_date", "-id")
    )
    rows = [_row(actor, consultation, now) for consultation in consultations]
    _add_counts(rows)
    for row in rows:
        row.attention = _attention(row, now)
    return _blocks(actor, rows)


def _milestones() -> Prefetch[Any]:
    return Prefetch("milestones", queryset=milestone_list_in_order())


def _row(actor: Any, consultation: Consultation, now: datetime) -> ConsultationRow:
    return ConsultationRow(
        consultation=consultation,
        status=consultation_status(consultation, now),
        can_organise=can(actor, Perm.ORGANISE, consultation.agency_id),
    )


def _blocks(actor: Any, rows: list[ConsultationRow]) -> list[AgencyBlock]:
    agency_ids = agencies_where(actor, Perm.VIEW)
    agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=agency_ids)
    roles = _roles(actor)
    by_agency: dict[int, list[ConsultationRow]] = defaultdict(list)
    for row in rows:
        by_agency[row.consultation.agency_id].append(row)
    return [
        AgencyBlock(agency=agency, roles=sorted(roles.get(agency.pk, set())), rows=by_agency.get(agency.pk, []))
        for agency in agencies.order_by("name_th")
        if agency_ids is not None or by_agency.get(agency.pk)
    ]


def _roles(actor: Any) -> dict[int, set[str]]:
    user = getattr(actor, "user", actor)
    if not getattr(user, "is_authenticated", False):
        return {}
    roles: dict[int, set[str]] = defaultdict(set)
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        roles[agency_id].add(role)
    return roles


def _grouped(queryset: QuerySet[Any], key: str, **aggregates: Any) -> dict[int, dict[str, int]]:
    return {row.pop(key): row for row in queryset.values(key).annotate(**aggregates).order_by()}


def _add_counts(rows: list[ConsultationRow]) -> None:
    ids = [row.consultation.pk for row in rows]
    comments = _grouped(
        Comment.objects.filter(consultation_id__in=ids),
        "consultation_id",
        comments=Count("pk"),
        pending=Count("pk", filter=Q(status=CommentStatus.PENDING)),
        flagged=Count("pk", filter=Q(status=CommentStatus.PUBLISHED, flag_count__gt=0)),
    )
    answers = _grouped(
        Answer.objects.filter(consultation_id__in=ids, status=CommentStatus.PENDING),
        "consultation_id",
        answers_pending=Count("pk"),
    )
    registrations = _grouped(
        Registration.objects.filter(event__consultation_id__in=ids, status__in=ACTIVE),
        "event__consultation_id",
        registrations=Count("pk"),
    )
    downloads = _grouped(
        Attachment.objects.filter(consultation_id__in=ids), "consultation_id", downloads=Sum("downloads")
    )
    mail = _grouped(
        MailOutbox.objects.filter(registration__event__consultation_id__in=ids, attempts__gt=0),
        "registration__event__consultation_id",
        mail=Count("pk"),
    )
    published = set(
        Report.objects.filter(consultation_id__in=ids, status=ReportStatus.PUBLISHED).values_list(
            "consultation_id", flat=True
        )
    )
    for row in rows:
        pk = row.consultation.pk
        counts = {"views": row.consultation.views, "results_published": int(pk in published)}
        for source in (comments, answers, registrations, downloads, mail):
            counts.update({name: int(value or 0) for name, value in source.get(pk, {}).items()})
        row.counts = counts


def _attention(row: ConsultationRow, now: datetime) -> list[Attention]:
    counts, consultation = row.counts, row.consultation
    items = []
    if pending := counts.get("pending", 0):
        items.append(Attention("moderation", _("%(n)s comments await moderation.") % {"n": pending}))
    if answers := counts.get("answers_pending", 0):
        waiting = _("%(n)s answers to the questionnaire have written reasons awaiting review.") % {"n": answers}
        items.append(Attention("answers", waiting))
    if flagged := counts.get("flagged", 0):
        items.append(Attention("flagged", _("%(n)s published comments were flagged by the public.") % {"n": flagged}))
    if mail := counts.get("mail", 0):
        items.append(Attention("mail", _("%(n)s messages to registrants could not be delivered yet.") % {"n": mail}))
    items.extend(_closing(consultation, now))
    check = comment_period_check(consultation)
    if check is not None and not check.meets_minimum:
        message = _("The online comment period is %(days)s days, shorter than the legal minimum of %(minimum)s days.")
        items.append(Attention("short_period", message % vars(check), "danger"))
    if due := _results_due(consultation, counts, now):
        items.append(due)
    return items


def _closing(consultation: Consultation, now: datetime) -> Iterable[Attention]:
    names: dict[str, Any] = {
        MilestoneKind.COMMENTS: _("The online comment period"),
        MilestoneKind.REGISTRATION: _("Registration"),
    }
    for milestone in consultation.milestones.all():
        if milestone.kind not in names or milestone.ends_at is None:
            continue
        started = milestone.starts_at is None or milestone.starts_at <= now
        if started and now <= milestone.ends_at <= now + CLOSING_SOON:
            yield Attention("closing", _("%(what)s closes within three days.") % {"what": names[milestone.kind]})


def _results_due(consultation: Consultation, counts: dict[str, int], now: datetime) -> Attention | None:
    period = next((m for m in consultation.milestones.all() if m.kind == MilestoneKind.COMMENTS), None)
    if counts.get("results_published") or period is None or period.ends_at is None:
        return None
    days = (now - period.ends_at).days
    if days < settings.RESULTS_DUE_DAYS:
        return None
    return Attention(
        "results_due", _("The comments closed %(days)s days ago and no results are published.") % {"days": days}
    )


def consultation_overview(*, actor: Any, consultation: Consultation, now: datetime | None = None) -> ConsultationRow:
    """One consultation as the home shows it (status, figures, what needs attention), with its timeline in order."""
    now = now or timezone.now()
    consultation = (
        Consultation.objects.select_related("agency", "published_by")
        .prefetch_related(_milestones())
        .get(pk=consultation.pk)
    )
    row = _row(actor, consultation, now)
    _add_counts([row])
    row.attention = _attention(row, now)
    return row


def main_hearing(consultation: Consultation) -> Event | None:
    """The consultation's main hearing event: when there is one, it writes the hearing (and registration) steps."""
    return Event.objects.filter(consultation=consultation, is_main=True).first()


def steps_owned_by_event(consultation: Consultation) -> dict[str, Event]:
    """The timeline steps the main hearing event writes, by kind: the hearing, and registration when it takes any."""
    event = main_hearing(consultation)
    if event is None:
        return {}
    owned = {MilestoneKind.HEARING.value: event}
    if event.registration_required:
        owned[MilestoneKind.REGISTRATION.value] = event
    return owned


def topic_sources(*, actor: Any, consultation: Consultation) -> QuerySet[Consultation]:
    """Consultations whose topics `consultation` may take: the actor's agencies' and published ones, with topics."""
    agencies = agencies_where(actor, Perm.VIEW)
    visible = Q() if agencies is None else Q(is_published=True) | Q(agency_id__in=agencies)
    return (
        Consultation.objects.filter(visible, topics__isnull=False)
        .exclude(pk=consultation.pk)
        .select_related("agency")
        .distinct()
        .order_by("-created_at")
    )
