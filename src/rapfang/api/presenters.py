"""From domain objects to the API's shapes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from rapfang.accounts.models import Agency
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.timeline import Status
from rapfang.core.i18n import both
from rapfang.portal.selectors import ConsultationPage


def _label(choice: Any) -> dict[str, str]:
    texts = {}
    for language in ("th", "en"):
        with translation.override(language):
            texts[language] = str(choice.label)
    return texts


def consultation_summary(consultation: Consultation, status: Status) -> dict[str, Any]:
    with translation.override("th"):
        page = reverse("portal:consultation", args=[consultation.slug])
    return {
        "slug": consultation.slug,
        "short_name": consultation.short_name,
        "title": both(consultation, "title"),
        "status": status.value,
        "status_label": _label(status),
        "agency": consultation.agency.slug,
        "page_date": consultation.page_date,
        "views": consultation.views,
        "url": settings.SITE_URL + page,
        "api_url": settings.SITE_URL + reverse("api:consultation_get", args=[consultation.slug]),
    }


def agency(agency: Agency) -> dict[str, Any]:
    return {
        "slug": agency.slug,
        "name": both(agency, "name"),
        "abbreviation": both(agency, "abbr"),
        "phone": agency.phone,
        "fax": agency.fax,
        "email": agency.email,
        "contacts": [{"name": both(c, "name"), "phone": c.phone, "email": c.email} for c in agency.contacts.all()],
    }


def consultation_detail(page: ConsultationPage) -> dict[str, Any]:
    consultation = page.consultation
    return {
        **consultation_summary(consultation, page.status),
        "page_title": both(consultation, "page_title"),
        "summary": both(consultation, "summary"),
        "rationale": both(consultation, "rationale"),
        "followup": both(consultation, "followup"),
        "organiser": agency(consultation.agency),
        "timeline": [_milestone(item) for item in page.timeline],
        "domains": [{"key": d.key, "name": both(d, "name")} for d in consultation.topics.all()],
        "attachments": [_attachment(consultation, a) for a in page.attachments],
        "events": [_event(e) for e in ([page.main_event] if page.main_event else []) + page.other_events],
        "demo": consultation.is_demo,
    }


def _milestone(item: Any) -> dict[str, Any]:
    milestone = item.milestone
    return {
        "kind": milestone.kind,
        "label": _label(MilestoneKind(milestone.kind)),
        "starts_at": milestone.starts_at,
        "ends_at": milestone.ends_at,
        "state": item.state.value,
        "note": both(milestone, "note"),
    }


def _attachment(consultation: Consultation, attachment: Any) -> dict[str, Any]:
    path = reverse("attachment_download", args=[consultation.slug, attachment.pk, attachment.filename])
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "title": both(attachment, "title"),
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "downloads": attachment.downloads,
        "url": settings.SITE_URL + path,
        "demo": attachment.is_demo,
    }


def _event(event: Any) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "title": both(event, "title"),
        "start": event.starts_at,
        "end": event.ends_at,
    }
