"""Public pages of following (ask, confirm, one-click unsubscribe) and of "my participation" (ask for the link, the
page itself, withdrawing a comment). Pages that carry a token or personal data are never cached and send only the
site's origin as the referrer; the answer to an address is the same whatever the address."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from rapfang.comments.withdrawal import comment_withdraw
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.actors import PUBLIC
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import DomainError, InvalidInput, NotFound
from rapfang.core.i18n import current_language
from rapfang.core.ratelimit import request_limit
from rapfang.core.refusals import too_many_message, with_retry_after
from rapfang.participation.forms import FollowForm, MineForm
from rapfang.participation.links import mine_email
from rapfang.participation.selectors import participation_sections
from rapfang.participation.services import (
    follow_confirm,
    follow_get,
    follow_request,
    follow_unsubscribe,
    mine_link_request,
)


def personal(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page with a token or personal data: never cached anywhere, and only the site's origin sent as the referrer
    (never the address with its token). Not "no-referrer": under it a browser posts forms with `Origin: null`,
    which the CSRF check refuses."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = never_cache(view)(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapped


def _consultation(slug: str) -> Consultation:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def _refused(form: Any, refused: DomainError) -> tuple[str, int, int]:
    if isinstance(refused, InvalidInput) and refused.params.get("errors"):
        for name, messages in refused.params["errors"].items():
            form.add_error(name if name in form.fields else None, messages)
        return "", refused.status, 0
    return str(refused.message), refused.status, int(refused.params.get("retry_after", 0))


@personal
def follow_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The follow form (GET, from the consultation page's links) and the request (POST): "check your mailbox"."""
    consultation = _consultation(slug)
    initial = {"target": "agency" if request.GET.get("target") == "agency" else "consultation"}
    form = FollowForm(request.POST if request.method == "POST" else None, initial=initial)
    error, status, retry_after = "", 200, 0
    if request.method == "POST":
        status = 422
        if not (limit := request_limit(request, "follow")).allowed:
            error, status, retry_after = str(too_many_message(limit.retry_after)), 429, limit.retry_after
        elif form.is_valid():
            agency = form.cleaned_data["target"] == "agency"
            try:
                follow_request(actor=PUBLIC, email=form.cleaned_data["email"], language=current_language(),
                               consultation=None if agency else consultation,
                               agency=consultation.agency if agency else None)  # fmt: skip
            except DomainError as refused:
                error, status, retry_after = _refused(form, refused)
            else:
                return redirect(reverse("participation:follow_sent", args=[slug]))
    context = {"consultation": consultation, "form": form, "error": error}
    response = render(request, "participation/follow_new.html", context, status=status)
    return with_retry_after(response, retry_after) if retry_after else response


@personal
def follow_sent(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "participation/follow_sent.html", {"consultation": _consultation(slug)})


def _follow(token: str) -> Any:
    try:
        return follow_get(token=token)
    except NotFound as error:
        raise Http404 from error


@personal
def follow_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what is to be confirmed with a button (a mail scanner opening the link confirms nothing); POST
    confirms."""
    follow = _follow(token)
    done = False
    if request.method == "POST":
        try:
            follow = follow_confirm(actor=PUBLIC, token=token)
        except NotFound as error:
            raise Http404 from error
        done = True
    return render(request, "participation/follow_confirm.html", {"follow": follow, "done": done})


@personal
@csrf_exempt  # RFC 8058: a mail client posts "List-Unsubscribe=One-Click" with no form token; the link's token is it
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm with a button; POST (the button, or a mail client's one click) ends the follow."""
    follow = _follow(token)
    done = follow.unsubscribed_at is not None
    if request.method == "POST":
        follow, done = follow_unsubscribe(actor=PUBLIC, token=token), True
    return render(request, "participation/unsubscribe.html", {"follow": follow, "done": done})


@personal
def mine_ask(request: HttpRequest) -> HttpResponse:
    """Ask for the link to "my participation": the same answer for any address."""
    form = MineForm(request.POST if request.method == "POST" else None)
    error, status, retry_after = "", 200, 0
    if request.method == "POST":
        status = 422
        if not (limit := request_limit(request, "mine")).allowed:
            error, status, retry_after = str(too_many_message(limit.retry_after)), 429, limit.retry_after
        elif form.is_valid():
            try:
                mine_link_request(email=form.cleaned_data["email"], language=current_language())
            except DomainError as refused:
                error, status, retry_after = _refused(form, refused)
            else:
                return redirect(reverse("participation:mine_sent"))
    response = render(request, "participation/mine_ask.html", {"form": form, "error": error}, status=status)
    return with_retry_after(response, retry_after) if retry_after else response


@personal
def mine_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "participation/mine_sent.html", {})


def _mine_email(token: str) -> str | None:
    try:
        return mine_email(token)
    except NotFound:
        return None


@personal
def mine(request: HttpRequest, token: str) -> HttpResponse:
    email = _mine_email(token)
    if email is None:
        return render(request, "participation/mine_expired.html", {}, status=410)
    sections = participation_sections(email=email, now=timezone.now())
    context = {"sections": sections, "token": token, "withdrawn": _withdrawn(sections, request.GET.get("withdrawn"))}
    return render(request, "participation/mine.html", context)


def _withdrawn(sections: list[Any], receipt: str | None) -> str:
    """The receipt named after a withdrawal, if it is one of this person's withdrawn comments (else nothing)."""
    rows: list[Any] = next((section.rows for section in sections if section.key == "comments"), [])
    found = any(row.comment.receipt == receipt and row.comment.status == "withdrawn" for row in rows)
    return receipt if receipt and found else ""


@personal
@require_POST
def mine_withdraw(request: HttpRequest, token: str, comment_id: int) -> HttpResponse:
    email = _mine_email(token)
    if email is None:
        return render(request, "participation/mine_expired.html", {}, status=410)
    try:
        comment = comment_withdraw(actor=PUBLIC, comment_id=comment_id, email=email, now=arrived_at(request))
    except NotFound as error:
        raise Http404 from error
    except DomainError as refused:
        sections = participation_sections(email=email, now=timezone.now())
        context = {"sections": sections, "token": token, "error": str(refused.message)}
        return render(request, "participation/mine.html", context, status=refused.status)
    return redirect(reverse("participation:mine", args=[token]) + f"?withdrawn={comment.receipt}#withdrawn")
