"""Load the demo consultation (the seed's hearing) through the services. Idempotent.

With no phase, the real 2016 timeline. With a phase, the same hearing shifted by whole days so
that the phase is open now (times of day stay as the seed gives them).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rapfang.accounts.models import Agency, Role, User
from rapfang.accounts.services import (
    agency_contacts_replace,
    agency_save,
    membership_grant,
    user_create_staff,
)
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.services import (
    consultation_create,
    consultation_update,
    milestone_set,
    topic_save,
)
from rapfang.core.actors import SYSTEM
from rapfang.demo import seed
from rapfang.demo.events import demo_events_load
from rapfang.demo.questionnaire import demo_questionnaire_load
from rapfang.demo.responses import demo_record_load
from rapfang.demo.topics import TOPIC_TEXTS
from rapfang.documents.models import Document
from rapfang.documents.services import attachment_add, document_save, version_import
from rapfang.hearings.models import Event
from rapfang.hearings.services import event_save

FILES_DIR = Path(__file__).resolve().parent / "files"
# The day (in the seed's calendar) that each phase makes "today".
PHASE_TODAY = {
    "registration": date(2016, 11, 10),
    "comments": date(2016, 11, 20),
    "closed": date(2016, 11, 30),
}
STAFF = (("admin", None), ("organiser", Role.ORGANISER), ("moderator", Role.MODERATOR))


@dataclass
class DemoResult:
    consultation: Consultation
    phase: str | None
    shift_days: int
    staff: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        timeline = (
            f"shifted {self.shift_days} days so that '{self.phase}' is open now" if self.phase else "real 2016 dates"
        )
        lines = [f"Demo consultation '{self.consultation.slug}' loaded ({timeline})."]
        lines += [f"  staff login: {name} / {password}" for name, password in self.staff.items()]
        return "\n".join(lines)


def phase_shift(phase: str | None, today: date) -> timedelta:
    """Whole days to add to the seed's dates so that `phase` is open on `today`."""
    if phase is None:
        return timedelta(0)
    return timedelta(days=(today - PHASE_TODAY[phase]).days)


def demo_load(*, phase: str | None = None, now: datetime | None = None, comments: bool = False) -> DemoResult:
    """The demo consultation; with `comments`, also its illustrative comments, their analysis and responses."""
    now = now or timezone.now()
    shift = phase_shift(phase, timezone.localtime(now).date())
    with transaction.atomic():
        agency = _agency()
        consultation = _consultation(agency, shift, now)
        _topics(consultation)
        _timeline(consultation, shift)
        _hearing(consultation, shift)
        demo_events_load(consultation, shift)
        _downloads(consultation)
        _draft(consultation, phase)
    if comments:
        demo_record_load(consultation=consultation, shift=shift, now=now)
        demo_questionnaire_load(consultation=consultation, shift=shift, now=now)
    staff = _staff(agency)
    return DemoResult(consultation=consultation, phase=phase, shift_days=shift.days, staff=staff)


def _agency() -> Agency:
    successor = agency_save(actor=SYSTEM, **seed.SUCCESSOR)
    agency = agency_save(actor=SYSTEM, **seed.AGENCY, successor=successor)
    agency_contacts_replace(actor=SYSTEM, agency=agency, contacts=seed.CONTACTS)
    return agency


def _topics(consultation: Consultation) -> None:
    """The demo's taxonomy: the plan's digital capability domains."""
    for order, (key, name_th, name_en, note) in enumerate(seed.DOMAINS):
        description_th, description_en, keywords = TOPIC_TEXTS[key]
        topic_save(
            actor=SYSTEM, consultation=consultation, key=key, name_th=name_th, name_en=name_en, note=note, order=order,
            description_th=description_th, description_en=description_en, keywords=keywords,
        )  # fmt: skip


def _consultation(agency: Agency, shift: timedelta, now: datetime) -> Consultation:
    page_date = date(*seed.PAGE_DATE) if not shift else timezone.localtime(now).date()
    fields: dict[str, Any] = {**seed.CONSULTATION, "page_date": page_date, "contacts": list(agency.contacts.all())}
    existing = Consultation.objects.filter(slug=seed.SLUG).first()
    if existing is None:
        consultation = consultation_create(actor=SYSTEM, agency=agency, slug=seed.SLUG, **fields)
        # The seed page's own count; from here on the site counts.
        Consultation.objects.filter(pk=consultation.pk).update(views=seed.VIEWS)
        consultation.views = seed.VIEWS
    else:
        consultation = consultation_update(actor=SYSTEM, consultation=existing, agency=agency, **fields)
    return consultation


DEMO_TIMELINE_REASON = "the demo's timeline set again"  # when it moves its comment period earlier (the audit log)


def _timeline(consultation: Consultation, shift: timedelta) -> None:
    milestone_set(
        actor=SYSTEM, consultation=consultation, kind=MilestoneKind.PREPARATION, month_precision=True,
        starts_at=seed.PREPARATION_START + shift, ends_at=seed.PREPARATION_END + shift, **seed.PREPARATION_NOTE,
    )  # fmt: skip
    milestone_set(
        actor=SYSTEM, consultation=consultation, kind=MilestoneKind.COMMENTS, all_day=True,
        starts_at=seed.COMMENTS_START + shift, ends_at=seed.COMMENTS_END + shift, reason=DEMO_TIMELINE_REASON,
    )  # fmt: skip


def _hearing(consultation: Consultation, shift: timedelta) -> Event:
    existing = consultation.events.filter(is_main=True).first()
    return event_save(
        actor=SYSTEM, consultation=consultation, event=existing, **seed.HEARING,
        starts_at=seed.HEARING_START + shift, ends_at=seed.HEARING_END + shift,
        registration_closes_at=seed.REGISTRATION_DEADLINE + shift,
    )  # fmt: skip


def _downloads(consultation: Consultation) -> None:
    present = set(consultation.attachments.values_list("kind", flat=True))
    for order, (kind, filename, title_th, title_en) in enumerate(seed.DOWNLOADS, start=1):
        if kind in present:
            continue
        with (FILES_DIR / filename).open("rb") as content:
            attachment_add(
                actor=SYSTEM, consultation=consultation, kind=kind, title_th=title_th, title_en=title_en,
                content=content, filename=filename, order=order, is_demo=True,
            )  # fmt: skip


def _draft(consultation: Consultation, phase: str | None) -> None:
    """The drafts to read and comment on, each imported once; the comments phase takes comments post-moderated."""
    summary = _document(consultation, seed.DRAFT, order=0)
    _import_once(summary, seed.DRAFT_VERSIONS)
    detailed = _document(consultation, seed.DRAFT_DETAILED, order=1)
    _import_once(detailed, [(seed.DRAFT_DETAILED["file"], *seed.DRAFT_VERSIONS[0][1:])])
    if phase == "comments":
        comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)


def _document(consultation: Consultation, facts: dict[str, str], order: int) -> Document:
    return document_save(
        actor=SYSTEM, consultation=consultation, is_demo=True, order=order, slug=facts["slug"],
        title_th=facts["title_th"], title_en=facts["title_en"],
    )  # fmt: skip


def _import_once(document: Document, versions: list[tuple[str, str, str]]) -> None:
    if document.versions.exists():
        return
    for filename, note_th, note_en in versions:
        content = (FILES_DIR / filename).read_bytes()
        version_import(
            actor=SYSTEM, document=document, content=content, filename=filename, note_th=note_th, note_en=note_en
        )


def _staff(agency: Agency) -> dict[str, str]:
    """Demo staff accounts; each password is generated once and kept in the data folder."""
    passwords = {}
    for username, role in STAFF:
        password_file = Path(settings.DATA_DIR) / f"demo-{username}-password"
        if not User.objects.filter(username=username).exists():
            password = secrets.token_urlsafe(12)
            user = user_create_staff(actor=SYSTEM, username=username, password=password, administrator=role is None)
            if role is not None:
                membership_grant(actor=SYSTEM, user=user, agency=agency, role=role)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
        passwords[username] = password_file.read_text().strip() if password_file.exists() else "(set by hand)"
    return passwords
