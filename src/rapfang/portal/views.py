"""Public pages. Anonymous visitors get pages cached until the timeline's next change."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from rapfang.consultations.counters import consultation_view_record
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_next_change
from rapfang.core.i18n import current_language
from rapfang.core.public import public_version
from rapfang.portal.page_cache import Page, cached_page, page_lifetime
from rapfang.portal.selectors import consultation_cards, consultation_page


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponse(_render_home(request).html)
    page = cached_page(f"portal:home:{public_version()}:{current_language()}", lambda: _home_for_cache(request))
    assert page is not None
    return HttpResponse(page.html)


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if request.user.is_authenticated:
        page, _lifetime = _render_consultation(request, slug)
    else:
        key = f"portal:consultation:{public_version()}:{current_language()}:{slug}"
        page = cached_page(key, lambda: _render_consultation(request, slug))
    if page is None:
        raise Http404
    if page.consultation_id is not None:
        consultation_view_record(page.consultation_id)
    return HttpResponse(page.html)


def _render_home(request: HttpRequest) -> Page:
    cards = consultation_cards()
    html = render(request, "portal/home.html", {"cards": cards}).content
    return Page(html, None, 0)


def _home_for_cache(request: HttpRequest) -> tuple[Page, int]:
    now = timezone.now()
    changes = [
        moment for card in consultation_cards(now) if (moment := consultation_next_change(card.consultation, now))
    ]
    return _render_home(request), page_lifetime(min(changes, default=None))


def _render_consultation(request: HttpRequest, slug: str) -> tuple[Page | None, int]:
    try:
        data = consultation_page(slug=slug, user=request.user)
    except Consultation.DoesNotExist:
        return None, 0
    context = {"page": data, "consultation": data.consultation, "thai_digits": data.consultation.thai_digits}
    html = render(request, "portal/consultation_detail.html", context).content
    lifetime = page_lifetime(data.next_change) if data.consultation.is_published else 0
    return Page(html, data.consultation.pk, 0), lifetime
