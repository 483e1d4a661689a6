"""Links from the checks to the steps of the hearing where each is put right (a step's page may not exist yet)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from rapfang.consultations.models import Consultation
from rapfang.workspace.checks import Check

STEP_URL_NAMES = {
    "details": "workspace:consultation_edit",
    "timeline": "workspace:timeline",
    "drafts": "documents:staff_drafts",
    "events": "hearings:staff_consultation_events",
}


def step_url(step: str, consultation: Consultation) -> str:
    """The address of the hearing's step `step`, or "" while it has no page."""
    name = STEP_URL_NAMES.get(step)
    if not name:
        return ""
    try:
        return reverse(name, args=[consultation.slug])
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class CheckRow:
    check: Check
    url: str


def check_rows(checks: list[Check], consultation: Consultation) -> list[CheckRow]:
    return [CheckRow(check, step_url(check.fix, consultation)) for check in checks]
