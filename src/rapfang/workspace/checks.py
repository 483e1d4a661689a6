"""The checks before a consultation goes live, read across the apps that hold what they look at.

A blocking check that fails keeps the consultation off the public site (`workspace.services.consultation_publish`
refuses and says which). The legal minimum is met either by a comment period at least `LEGAL_MINIMUM_DAYS` long,
counted as `consultations.timeline.window_days` counts, or by a recorded reason to go ahead shorter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.selectors import comment_period_check
from rapfang.documents.models import Version
from rapfang.hearings.models import Event
from rapfang.hearings.notices import BUILT_IN_VERSION, notice_version_at


@dataclass(frozen=True)
class Check:
    """One line of the checklist: whether it passes, in words, and the step (URL name) where it is put right."""

    key: str
    passed: bool
    message: Any
    fix: str = ""
    blocking: bool = True

    @property
    def fails(self) -> bool:
        return self.blocking and not self.passed


def going_live_checks(consultation: Consultation, *, now: datetime, reason: str | None = None) -> list[Check]:
    """The checklist of `consultation` at `now`; `reason` is a reason for a shorter period given with the request."""
    reason = consultation.short_period_reason if reason is None else reason
    return [
        _comment_period(consultation),
        _legal_minimum(consultation, reason.strip()),
        _registration(consultation),
        _contacts(consultation),
        _privacy_notice(now),
        _draft(consultation),
    ]


def failing(checks: list[Check]) -> list[Check]:
    return [check for check in checks if check.fails]


def _period(consultation: Consultation) -> Any:
    return next((m for m in consultation.milestones.all() if m.kind == MilestoneKind.COMMENTS), None)


def _comment_period(consultation: Consultation) -> Check:
    period = _period(consultation)
    if period is None or period.starts_at is None or period.ends_at is None:
        return Check("comment_period", False, _("The online comment period has no start or no end."), "timeline")
    return Check("comment_period", True, _("The online comment period is set."), "timeline")


def _legal_minimum(consultation: Consultation, reason: str) -> Check:
    check = comment_period_check(consultation)
    if check is None:
        return Check("legal_minimum", False, _("The comment period must be set before its length can be counted."),
                     "timeline")  # fmt: skip
    days = {"days": check.days, "minimum": check.minimum}
    if check.meets_minimum:
        return Check("legal_minimum", True, _("The comment period runs %(days)s days; the legal minimum is "
                                              "%(minimum)s days.") % days, "timeline")  # fmt: skip
    if reason:
        message = _("The comment period runs %(days)s days, shorter than the legal minimum of %(minimum)s days; "
                    "the reason to go ahead is recorded.")  # fmt: skip
        return Check("legal_minimum", True, message % days, "timeline")
    message = _("The comment period runs %(days)s days, shorter than the legal minimum of %(minimum)s days: "
                "lengthen it, or record the reason to go ahead shorter.")  # fmt: skip
    return Check("legal_minimum", False, message % days, "timeline")


def _registration(consultation: Consultation) -> Check:
    event = Event.objects.filter(consultation=consultation, is_main=True).first()
    if event is None:
        return Check("registration", True, _("There is no main hearing event, so no registration to check."),
                     "events")  # fmt: skip
    has_window = bool(event.registration_opens_at or event.registration_closes_at or event.capacity)
    if has_window and not event.registration_required:
        message = _("The main hearing has a registration window or a capacity, but registration is off: "
                    "turn registration on, or clear the window and the capacity.")  # fmt: skip
        return Check("registration", False, message, "events")
    if event.registration_required:
        return Check("registration", True, _("Registration for the main hearing is on."), "events")
    return Check("registration", True, _("The main hearing takes no registration."), "events")


def _contacts(consultation: Consultation) -> Check:
    count = consultation.contacts.count()
    if not count:
        return Check("contacts", False, _("No contact person is chosen for the public's enquiries."), "details")
    return Check("contacts", True, _("Contact persons for enquiries: %(count)s.") % {"count": count}, "details")


def _privacy_notice(now: datetime) -> Check:
    version = notice_version_at(now)
    if version == BUILT_IN_VERSION:
        message = _("The built-in privacy notice (version %(version)s) is in force.")
    else:
        message = _("The privacy notice version %(version)s is in force.")
    return Check("privacy_notice", True, message % {"version": version}, blocking=True)


def _draft(consultation: Consultation) -> Check:
    if not Version.objects.filter(document__consultation=consultation).exists():
        return Check("draft", False, _("No version of the draft is uploaded yet."), "drafts")
    return Check("draft", True, _("The draft has at least one version."), "drafts")
