"""When each moment of a consultation falls, read from its timeline and its published results, to the second.

- opens: the comment period's first second;
- closes_soon: three days before the period is over (its last second plus one);
- hearing_soon: three days before the hearing begins (the timeline's `hearing` step);
- responses: when the first response was published; report: when the first version of the report was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Min

from rapfang.consultations.models import Milestone, MilestoneKind
from rapfang.core.windows import to_second
from rapfang.participation.models import Moment
from rapfang.reports.models import Report, ReportStatus, Response

AHEAD = timedelta(days=3)
SECOND = timedelta(seconds=1)
REPORT_SHOWN = (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED)


def moments_of(consultation_ids: Iterable[int]) -> dict[int, dict[str, datetime]]:
    """Each consultation's moments that have a date (not only past ones), in three queries."""
    ids = list(consultation_ids)
    found: dict[int, dict[str, datetime]] = defaultdict(dict)
    steps = Milestone.objects.filter(consultation_id__in=ids, kind__in=[MilestoneKind.COMMENTS, MilestoneKind.HEARING])
    for consultation_id, kind, starts_at, ends_at in steps.values_list(
        "consultation_id", "kind", "starts_at", "ends_at"
    ):
        found[consultation_id].update(_step_moments(kind, starts_at, ends_at))
    responses = Response.objects.filter(issue__consultation_id__in=ids, published_at__isnull=False)
    for consultation_id, first in responses.values_list("issue__consultation_id").annotate(first=Min("published_at")):
        found[consultation_id][Moment.RESPONSES] = to_second(first)
    reports = Report.objects.filter(consultation_id__in=ids, status__in=REPORT_SHOWN, published_at__isnull=False)
    for consultation_id, first in reports.values_list("consultation_id").annotate(first=Min("published_at")):
        found[consultation_id][Moment.REPORT] = to_second(first)
    return dict(found)


def _step_moments(kind: str, starts_at: datetime | None, ends_at: datetime | None) -> dict[str, datetime]:
    if kind == MilestoneKind.HEARING:
        return {Moment.HEARING_SOON: to_second(starts_at) - AHEAD} if starts_at else {}
    moments: dict[str, datetime] = {}
    if starts_at:
        moments[Moment.OPENS] = to_second(starts_at)
    if ends_at:
        closes_soon = to_second(ends_at) + SECOND - AHEAD
        if not starts_at or closes_soon > to_second(starts_at):  # a period shorter than three days has no reminder
            moments[Moment.CLOSES_SOON] = closes_soon
    return moments
