"""When results may be published: only once the online comment period has closed and the main hearing has met.

Both windows are inclusive to the second (`core.windows`): at the moment the comment period closes it is still open,
so results may be published from one second after.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation, Milestone, MilestoneKind
from rapfang.core.errors import Conflict
from rapfang.core.i18n import current_language
from rapfang.core.thai import format_datetime
from rapfang.core.windows import Window, WindowState, to_second
from rapfang.hearings.models import Event

ONE_SECOND = timedelta(seconds=1)


def results_guard(*, consultation: Consultation, now: datetime) -> None:
    """Raise Conflict, saying why and until when, while results may not be published at `now`."""
    period = Milestone.objects.filter(consultation=consultation, kind=MilestoneKind.COMMENTS).first()
    if period is not None and period.starts_at is not None and period.ends_at is None:
        message = _("Results cannot be published while the online comment period has no end: set its end first.")
        raise Conflict(message, code="comments_open")
    if period is not None and Window(period.starts_at, period.ends_at).state(now) is not WindowState.CLOSED:
        message = _("Results cannot be published before the online comment period has closed: it closes on %(end)s.")
        raise Conflict(message % {"end": _moment(period.ends_at)}, code="comments_open")
    hearing = Event.objects.filter(consultation=consultation, is_main=True).first()
    if hearing is not None and Window(hearing.starts_at, hearing.ends_at).state(now) is not WindowState.CLOSED:
        message = _("Results cannot be published before the hearing has met: it ends on %(end)s.")
        raise Conflict(message % {"end": _moment(hearing.ends_at)}, code="hearing_not_met")


def results_allowed_from(*, consultation: Consultation) -> datetime | None:
    """The first second at which results may be published; None when nothing holds them back."""
    periods = Milestone.objects.filter(consultation=consultation, kind=MilestoneKind.COMMENTS, ends_at__isnull=False)
    hearings = Event.objects.filter(consultation=consultation, is_main=True)
    ends = [end for end in (*periods.values_list("ends_at", flat=True), *hearings.values_list("ends_at", flat=True))
            if end is not None]  # fmt: skip
    return to_second(max(ends)) + ONE_SECOND if ends else None


def _moment(moment: datetime | None) -> str:
    return format_datetime(moment, lang=current_language()) if moment else ""
