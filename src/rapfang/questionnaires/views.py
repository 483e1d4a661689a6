"""Public pages of a questionnaire: answering it while the comment period is open (works without JavaScript), the
receipt once the answers are stored, and the results after the close."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.comments.rules import comment_period_state
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.i18n import current_language
from rapfang.core.ratelimit import request_limit
from rapfang.core.receiptmark import follows_sending, receipt_redirect
from rapfang.core.refusals import too_many_message, too_many_page, with_retry_after
from rapfang.core.windows import WindowState
from rapfang.questionnaires.forms import AnswerForm
from rapfang.questionnaires.models import Answer
from rapfang.questionnaires.results import questionnaire_results
from rapfang.questionnaires.selectors import answer_receipt_public, question_list, section_titles
from rapfang.questionnaires.services import answer_submit

FRESH_SALT = "questionnaires.receipt.fresh"


def _consultation(slug: str) -> Consultation:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def _context(consultation: Consultation, **more: Any) -> dict[str, Any]:
    state = comment_period_state(consultation, timezone.now())
    return {"consultation": consultation, "thai_digits": consultation.thai_digits, "period": state,
            "period_open": state is WindowState.OPEN, "period_closed": state is WindowState.CLOSED, **more}  # fmt: skip


def questionnaire_answer(request: HttpRequest, slug: str) -> HttpResponse:
    """The questionnaire (GET) and taking the answers (POST): the receipt is shown once they are committed."""
    consultation = _consultation(slug)
    questions = list(question_list(consultation=consultation))
    if not questions:
        raise Http404
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    more: dict[str, Any] = {}
    status, retry_after = 200, 0
    if request.method == "POST":
        status = 422
        if not (limit := request_limit(request, "answer")).allowed:
            more["error"], status, retry_after = too_many_message(limit.retry_after), 429, limit.retry_after
        elif form.is_valid():
            try:
                answer = answer_submit(
                    actor=request.user, consultation=consultation, data=form.service_data(),
                    language=current_language(), received_at=arrived_at(request),
                    idempotency_key=form.cleaned_data.get("idempotency_key") or "",
                )  # fmt: skip
            except DomainError as refused:
                status, retry_after = _refusal(form, more, refused)
                if refused.code == "idempotency_key_reused":
                    form.renew_key()
                    more["error"] = _(
                        "This form had already sent other answers. Your answers are kept below in a new form: check "
                        "them and send them again to record them as answers of their own."
                    )
            else:
                return _to_receipt(answer)
    context = _context(
        consultation, form=form, rows=form.question_rows(section_titles(consultation_id=consultation.pk)), **more
    )
    response = render(request, "questionnaires/answer.html", context, status=status)
    return with_retry_after(response, retry_after) if retry_after else response


def _refusal(form: AnswerForm, more: dict[str, Any], refused: DomainError) -> tuple[int, int]:
    if isinstance(refused, InvalidInput) and refused.params.get("errors"):
        for field, messages in refused.params["errors"].items():
            form.add_error(field if field in form.fields else None, messages)
        return refused.status, 0
    more["error"] = str(refused.message)
    return refused.status, int(refused.params.get("retry_after", 0))


def _to_receipt(answer: Answer) -> HttpResponse:
    url = reverse("questionnaires:receipt", args=[answer.receipt])
    return receipt_redirect(url, answer.receipt, salt=FRESH_SALT, anchor="receipt")


def answer_receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    """The receipt: its number, time and state; never the answerer's name or answers (anyone may hold a number)."""
    if not (limit := request_limit(request, "receipt", name="lookup")).allowed:
        return too_many_page(request, limit, _("Too many receipt numbers looked up from your address. Please wait."))
    try:
        answer = answer_receipt_public(receipt=receipt)
    except Answer.DoesNotExist as error:
        raise Http404 from error
    context = _context(
        answer.consultation, answer=answer, fresh=follows_sending(request, answer.receipt, salt=FRESH_SALT)
    )
    response = render(request, "questionnaires/receipt.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def questionnaire_results_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The results per question, once the comment period has closed; before, a page that says when."""
    consultation = _consultation(slug)
    context = _context(consultation)
    if not question_list(consultation=consultation).exists():
        raise Http404
    if context["period_closed"]:
        context["results"] = questionnaire_results(consultation_id=consultation.pk, public=True)
    return render(request, "questionnaires/results.html", context)
