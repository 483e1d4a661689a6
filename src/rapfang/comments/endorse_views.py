"""The public "I agree with this comment" page: the comment, its count and the form; a plain POST works without
JavaScript (the page comes back with errors beside their fields, or with the receipt)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from rapfang.comments.endorsements import endorsement_add
from rapfang.comments.forms import EndorseForm
from rapfang.comments.models import Comment, Endorsement
from rapfang.comments.rules import comment_period_state
from rapfang.comments.selectors import comment_get_public, endorsement_counts
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.i18n import current_language, masked
from rapfang.core.ratelimit import request_limit
from rapfang.core.refusals import too_many_message, with_retry_after
from rapfang.core.windows import WindowState

DONE_SALT = "comments.endorsement.done"
DONE_SECONDS = 3600


def _comment(slug: str, pk: int) -> Comment:
    try:
        comment = comment_get_public(comment_id=pk)
    except Comment.DoesNotExist as error:
        raise Http404 from error
    if comment.consultation.slug != slug:
        raise Http404
    return comment


def comment_endorse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The page (GET) and the endorsement (POST): the receipt is shown once it is committed."""
    comment = _comment(slug, pk)
    form = EndorseForm(request.POST if request.method == "POST" else None)
    error, status, retry_after = "", 200, 0
    if request.method == "POST":
        status = 422
        if not (limit := request_limit(request, "endorse")).allowed:
            error, status, retry_after = str(too_many_message(limit.retry_after)), 429, limit.retry_after
        elif form.is_valid():
            try:
                endorsement = endorsement_add(actor=request.user, comment=comment, data=form.service_data(),
                                              language=current_language(), received_at=arrived_at(request))  # fmt: skip
            except DomainError as refused:
                error, status, retry_after = _refusal(form, refused)
            else:
                return _done(slug, pk, endorsement)
    response = render(request, "comments/comment_endorse.html", _context(request, comment, form, error), status=status)
    return with_retry_after(response, retry_after) if retry_after else response


def _refusal(form: EndorseForm, refused: DomainError) -> tuple[str, int, int]:
    if isinstance(refused, InvalidInput) and refused.params.get("errors"):
        for field, messages in refused.params["errors"].items():
            form.add_error(field if field in form.fields else None, messages)
        return "", refused.status, 0
    if refused.code == "endorsement_exists":
        form.add_error("email", str(refused.message))
        return "", refused.status, 0
    return str(refused.message), refused.status, int(refused.params.get("retry_after", 0))


def _done(slug: str, pk: int, endorsement: Endorsement) -> HttpResponse:
    done = signing.dumps(endorsement.receipt, salt=DONE_SALT)
    return redirect(reverse("comments:endorse", args=[slug, pk]) + "?" + urlencode({"done": done}) + "#endorsed")


def _receipt_done(request: HttpRequest) -> str:
    try:
        return str(signing.loads(request.GET.get("done", ""), salt=DONE_SALT, max_age=DONE_SECONDS))
    except signing.BadSignature:
        return ""


def _context(request: HttpRequest, comment: Comment, form: EndorseForm, error: str) -> dict[str, object]:
    consultation = comment.consultation
    state = comment_period_state(consultation, timezone.now())
    return {
        "consultation": consultation, "comment": comment, "shown": masked(comment.text), "form": form,
        "count": endorsement_counts(comment_ids=[comment.pk]).get(comment.pk, 0), "error": error,
        "period": state, "period_open": state is WindowState.OPEN, "thai_digits": consultation.thai_digits,
        "receipt": _receipt_done(request),
    }  # fmt: skip
