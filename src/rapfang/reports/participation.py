"""Who took part: registrations and published comments counted by type, channel, domain and day.

Each count is a chart (label, value) for the report, and the same numbers keyed by their codes for its figures.
Hidden comments and comments erased under the PDPA are never counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from rapfang.accounts.models import StakeholderType
from rapfang.comments.models import NOT_COUNTED, Comment, CommentChannel, CommentStatus, Endorsement
from rapfang.consultations.models import Consultation
from rapfang.core.i18n import localized
from rapfang.core.thai import BANGKOK
from rapfang.hearings.models import Channel, Registration, Status

if TYPE_CHECKING:
    from rapfang.reports.content import Formatter

UNASSIGNED = "unassigned"  # the figures' key of comments with no capability domain
DAYS_FILLED = 92  # a period up to this long shows every day, those without comments at zero


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    shown: str  # the value as the report prints it (Thai digits when asked)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    category: str  # the heading of the labels' column
    unit: str  # the heading of the values' column
    bars: list[Bar]

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


@dataclass
class Participation:
    comments_received: int = 0
    comments_published: int = 0
    comments_by_channel: dict[str, int] = field(default_factory=dict)
    comments_by_stakeholder: dict[str, int] = field(default_factory=dict)
    comments_by_domain: dict[str, int] = field(default_factory=dict)
    comments_by_day: dict[str, int] = field(default_factory=dict)
    endorsements: int = 0  # people who agree with a published comment, summed
    registrations: int = 0
    registrations_by_status: dict[str, int] = field(default_factory=dict)
    registrations_by_channel: dict[str, int] = field(default_factory=dict)
    registrations_by_stakeholder: dict[str, int] = field(default_factory=dict)
    check_ins: int = 0
    walk_ins: int = 0
    registration_charts: list[Chart] = field(default_factory=list)
    comment_charts: list[Chart] = field(default_factory=list)


def published_comments(consultation_id: int) -> QuerySet[Comment]:
    """The comments the report may show and count."""
    return Comment.objects.filter(
        consultation_id=consultation_id, status=CommentStatus.PUBLISHED, erased_at__isnull=True
    )


def _counted(queryset: QuerySet[Any], column: str) -> dict[Any, int]:
    rows = queryset.order_by().values(column).annotate(n=Count("pk")).values_list(column, "n")
    return {key: n for key, n in rows}


def participation(*, consultation: Consultation, fmt: Formatter) -> Participation:
    result = Participation()
    _comments(consultation, result)
    _registrations(consultation, result)
    result.registration_charts = _registration_charts(result, fmt)
    result.comment_charts = _comment_charts(consultation, result, fmt)
    return result


def _comments(consultation: Consultation, result: Participation) -> None:
    """The counts of published comments from two grouped queries (the day apart: SQLite computes it in Python)."""
    live = Comment.objects.filter(consultation=consultation, erased_at__isnull=True)
    result.comments_received = live.exclude(status__in=NOT_COUNTED).count()
    by_channel: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    by_domain: Counter[str | None] = Counter()
    by_day: Counter[date] = Counter()
    published = published_comments(consultation.pk).order_by()
    columns = ("channel", "stakeholder_type", "analysis__domain__key")
    for channel, stakeholder_type, domain, n in (
        published.values(*columns).annotate(n=Count("pk")).values_list(*columns, "n")
    ):
        by_channel[channel] += n
        by_type[stakeholder_type] += n
        by_domain[domain] += n
    days = published.annotate(day=TruncDate("submitted_at", tzinfo=BANGKOK))
    by_day.update(_counted(days, "day"))
    result.comments_published = sum(by_channel.values())
    result.comments_by_channel = {key: by_channel[key] for key in CommentChannel.values}
    result.comments_by_stakeholder = {key: by_type[key] for key in StakeholderType.values}
    keys = list(consultation.topics.order_by("order", "key").values_list("key", flat=True))
    keys += sorted(key for key in by_domain if key and key not in keys)
    result.comments_by_domain = {key: by_domain[key] for key in keys} | {UNASSIGNED: by_domain[None]}
    result.comments_by_day = {day.isoformat(): n for day, n in sorted(by_day.items())}
    result.endorsements = Endorsement.objects.filter(comment__in=published, erased_at__isnull=True).count()


def _registrations(consultation: Consultation, result: Participation) -> None:
    registrations = Registration.objects.filter(event__consultation=consultation)
    by_status = _counted(registrations, "status")
    result.registrations_by_status = {key: by_status.get(key, 0) for key in Status.values}
    active = registrations.exclude(status=Status.CANCELLED)
    result.registrations = active.count()
    by_channel = _counted(active, "channel")
    result.registrations_by_channel = {key: by_channel.get(key, 0) for key in Channel.values}
    by_type = _counted(active, "stakeholder_type")
    result.registrations_by_stakeholder = {key: by_type.get(key, 0) for key in StakeholderType.values}
    arrivals = registrations.aggregate(
        check_ins=Count("pk", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("pk", filter=Q(channel=Channel.WALK_IN)),
    )
    result.check_ins, result.walk_ins = arrivals["check_ins"], arrivals["walk_ins"]


def _chart(key: str, title: str, category: str, unit: str, rows: list[tuple[str, int]], fmt: Formatter) -> Chart:
    return Chart(key, title, category, unit, [Bar(label, value, fmt.num(value)) for label, value in rows])


def _registration_charts(result: Participation, fmt: Formatter) -> list[Chart]:
    unit = _("Number of registrations")
    statuses = [(str(Status(key).label), n) for key, n in result.registrations_by_status.items()]
    statuses += [(_("Checked in at the event"), result.check_ins), (_("Of whom walk-ins"), result.walk_ins)]
    types = [(str(StakeholderType(key).label), n) for key, n in result.registrations_by_stakeholder.items()]
    channels = [(str(Channel(key).label), n) for key, n in result.registrations_by_channel.items()]
    return [
        _chart("registrations-status", _("Registrations and attendance"), _("Status"), unit, statuses, fmt),
        _chart("registrations-type", _("Registrations by stakeholder type"), _("Stakeholder type"), unit, types, fmt),
        _chart("registrations-channel", _("Registrations by channel"), _("Channel"), unit, channels, fmt),
    ]


def _comment_charts(consultation: Consultation, result: Participation, fmt: Formatter) -> list[Chart]:
    unit = _("Number of comments")
    channels = [(str(CommentChannel(key).label), n) for key, n in result.comments_by_channel.items()]
    types = [(str(StakeholderType(key).label), n) for key, n in result.comments_by_stakeholder.items()]
    names = {domain.key: localized(domain, "name", fmt.language) for domain in consultation.topics.all()}
    domains = [
        (_("Not sorted into a topic") if key == UNASSIGNED else names.get(key, key), n)
        for key, n in result.comments_by_domain.items()
    ]
    days = [(fmt.short_date(day), n) for day, n in _days_filled(result.comments_by_day)]
    return [
        _chart("comments-channel", _("Comments by channel"), _("Channel"), unit, channels, fmt),
        _chart("comments-type", _("Comments by stakeholder type"), _("Stakeholder type"), unit, types, fmt),
        _chart("comments-domain", _("Comments by topic"), _("Topic"), unit, domains, fmt),
        _chart("comments-day", _("Comments by day"), _("Day"), unit, days, fmt),
    ]


def _days_filled(by_day: dict[str, int]) -> list[tuple[date, int]]:
    """Every day from the first to the last with comments (when the span is short), quiet days at zero."""
    found = {date.fromisoformat(key): n for key, n in by_day.items()}
    if not found:
        return []
    first, last = min(found), max(found)
    if (last - first).days >= DAYS_FILLED:
        return sorted(found.items())
    return [
        (first + timedelta(days=n), found.get(first + timedelta(days=n), 0)) for n in range((last - first).days + 1)
    ]
