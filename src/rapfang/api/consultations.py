"""Consultations: the list and one consultation with its timeline, organiser, domains, downloads and events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from rapfang.api import presenters
from rapfang.api.schemas import ConsultationOut, ConsultationSummaryOut, ErrorOut
from rapfang.consultations.models import Consultation
from rapfang.portal.selectors import consultation_cards, consultation_page

router = Router(tags=["consultations"])


@router.get("/consultations", response=list[ConsultationSummaryOut], url_name="consultation_list")
def consultation_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Published consultations, newest first."""
    return [presenters.consultation_summary(card.consultation, card.status) for card in consultation_cards()]


@router.get("/consultations/{slug}", response={200: ConsultationOut, 404: ErrorOut}, url_name="consultation_get")
def consultation_get(request: HttpRequest, slug: str) -> Any:
    """One published consultation with its timeline, organiser, domains, downloads and events."""
    try:
        page = consultation_page(slug=slug)
    except Consultation.DoesNotExist:
        return Status(404, {"code": "not_found", "message": _("No published consultation has this address.")})
    return Status(200, presenters.consultation_detail(page))
