"""The one gate of the staff pages: a consultation's pages are seen only by its agency's staff (404 for others)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from rapfang.accounts.permissions import Perm
from rapfang.consultations.selectors import consultation_get_for_staff

View = Callable[..., HttpResponse]


def staff_consultation(perm: Perm = Perm.VIEW) -> Callable[[View], View]:
    """Decorate a view taking `slug`: it receives the consultation instead, if the user holds `perm` in its agency.

    Anyone else gets a 404, so that nothing reveals another agency's consultation, even its existence.
    """

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            consultation = consultation_get_for_staff(actor=request.user, slug=slug, perm=perm)
            if consultation is None:
                raise Http404
            return view(request, consultation, *args, **kwargs)

        return wrapped

    return decorate
