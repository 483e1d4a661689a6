"""Public pages. Anonymous visitors get pages cached until the timeline's next change."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rapfang.consultations.counters import consultation_view_record
from rapfang.consultations.models import Consultation
from rapfang.core.i18n import current_language
from rapfang.portal.selectors import consultation_cards, consultation_page


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitors: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    key = f"portal:home:{current_language()}"
    anonymous = not request.user.is_authenticated
    if anonymous and (html := cache.get(key)) is not None:
        return HttpResponse(html)
    response = render(request, "portal/home.html", {"cards": consultation_cards()})
    if anonymous:
        cache.set(key, response.content, settings.PAGE_CACHE_SECONDS)
    return response


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    key = f"portal:consultation:{current_language()}:{slug}"
    anonymous = not request.user.is_authenticated
    if anonymous and (hit := cache.get(key)) is not None:
        consultation_view_record(hit[0])
        return HttpResponse(hit[1])
    try:
        page = consultation_page(slug=slug, user=request.user)
    except Consultation.DoesNotExist as error:
        raise Http404 from error
    consultation_view_record(page.consultation.pk)
    context = {"page": page, "consultation": page.consultation, "thai_digits": page.consultation.thai_digits}
    response = render(request, "portal/consultation_detail.html", context)
    if anonymous and page.consultation.is_published:
        cache.set(key, (page.consultation.pk, response.content), _lifetime(page.next_change))
    return response


def _lifetime(next_change: datetime | None) -> int:
    """Seconds a cached page may live: never past the moment its status changes."""
    lifetime = settings.PAGE_CACHE_SECONDS
    if next_change is not None:
        lifetime = min(lifetime, max(0, int((next_change - timezone.now()).total_seconds())))
    return lifetime
