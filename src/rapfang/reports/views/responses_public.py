"""The public page "what we heard and what we did": published issues and responses, and a receipt lookup.

Every form here is a GET form: the page sets no cookie and opens no session for an anonymous visitor.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.comments.services import receipt_example
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.i18n import localized
from rapfang.core.ratelimit import request_limit
from rapfang.core.refusals import with_retry_after
from rapfang.reports.forms_issues import LookupForm
from rapfang.reports.models import Decision
from rapfang.reports.selectors.issues import (
    consultation_has_demo_comments,
    issue_list_public,
    issue_lookup_by_receipt,
)


def _consultation(slug: str) -> Consultation:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def _filters(request: HttpRequest, consultation: Consultation) -> dict[str, str]:
    """The decision and domain asked for; values that are not choices are ignored."""
    decision = request.GET.get("decision", "")
    domain = request.GET.get("domain", "")
    return {
        "decision": decision if decision in Decision.values else "",
        "domain": domain if domain and consultation.topics.filter(key=domain[:40]).exists() else "",
    }


def responses(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    filters = _filters(request, consultation)
    issues = issue_list_public(consultation=consultation, decision=filters["decision"], domain=filters["domain"])
    context: dict[str, Any] = {
        "consultation": consultation, "thai_digits": consultation.thai_digits, "issues": issues,
        "filters": filters, "filtered": any(filters.values()), "decisions": Decision.choices,
        "domains": [(d.key, localized(d, "name")) for d in consultation.topics.order_by("order", "key")],
        "demo": consultation_has_demo_comments(consultation=consultation),
        "receipt_example": receipt_example(consultation, timezone.now()),
    }  # fmt: skip
    context.update(_lookup(request, consultation))
    response = render(request, "reports/responses_list.html", context, status=429 if context["refused"] else 200)
    if "receipt" in request.GET:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return with_retry_after(response, context["refused"].retry_after) if context["refused"] else response


def _lookup(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    """The receipt form and, when a receipt was given, what became of that comment."""
    if "receipt" not in request.GET:
        return {"lookup_form": LookupForm(), "lookup": None, "refused": None}
    form = LookupForm(request.GET)
    if not (limit := request_limit(request, "receipt", name="lookup")).allowed:
        form.add_error("receipt", _("Too many receipt numbers looked up from your address. Please wait."))
        return {"lookup_form": form, "lookup": None, "refused": limit}
    if not form.is_valid():
        return {"lookup_form": form, "lookup": None, "refused": None}
    lookup = issue_lookup_by_receipt(consultation=consultation, receipt=form.cleaned_data["receipt"])
    return {"lookup_form": form, "lookup": lookup, "refused": None}
