"""Staff pages for moderators and organisers of the consultation's agency: the queue, offline comments, erasure."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm
from rapfang.comments.forms import ModerationForm, OfflineCommentForm
from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.comments.selectors import comment_queue
from rapfang.comments.services import Upload, comment_submit
from rapfang.comments.views import safe_file_response
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_for_staff
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.i18n import current_language

QUEUE_SIZE = 50
STATES = [("review", gettext_lazy("To review")), *CommentStatus.choices]


def _consultation_for(request: HttpRequest, slug: str) -> Consultation:
    consultation = consultation_get_for_staff(actor=request.user, slug=slug, perm=Perm.MODERATE)
    if consultation is None:
        raise Http404
    return consultation


@login_required
def moderation_queue(request: HttpRequest, slug: str) -> HttpResponse:
    """Pending and flagged comments first; select several and publish or hide them with a reason."""
    consultation = _consultation_for(request, slug)
    state = request.GET.get("state", "review")
    page = Paginator(comment_queue(user=request.user, consultation=consultation, state=state), QUEUE_SIZE).get_page(
        request.GET.get("page")
    )
    if request.method == "POST":
        form = ModerationForm(request.POST, choices=[comment.pk for comment in page.object_list])
        if form.is_valid():
            _moderate(request, form)
            return redirect(request.get_full_path())
        messages.error(request, _("Choose at least one comment and an action."))
    states = [(value, str(label)) for value, label in STATES]
    context = {"consultation": consultation, "page": page, "state": state, "states": states,
               "form": ModerationForm(choices=[])}  # fmt: skip
    return render(request, "comments/staff/queue.html", context)


def _moderate(request: HttpRequest, form: ModerationForm) -> None:
    data = form.cleaned_data
    try:
        count = comment_moderate(actor=request.user, comment_ids=data["comments"], action=data["action"],
                                 reason=data["reason"])  # fmt: skip
    except DomainError as error:
        messages.error(request, str(error.message))
        return
    messages.success(request, _("Comments updated: %(n)d.") % {"n": count})


@login_required
@require_POST
def comment_erase_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Erase a comment's personal data and text under the PDPA (organisers only; audited)."""
    consultation = _consultation_for(request, slug)
    comment = Comment.objects.select_related("consultation").filter(pk=pk, consultation=consultation).first()
    if comment is None:
        raise Http404
    try:
        comment_erase(actor=request.user, comment=comment, note=request.POST.get("note", ""))
        messages.success(request, _("The comment's personal data and text were erased."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(reverse("comments:queue", args=[slug]) + "?state=hidden")


@login_required
def comment_attachment_staff(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    consultation = _consultation_for(request, slug)
    comment = Comment.objects.filter(pk=pk, consultation=consultation).first()
    if comment is None or not comment.attachment:
        raise Http404
    return safe_file_response(comment)


@login_required
def offline_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Key in a comment that came by letter, e-mail or fax, with its scan."""
    consultation = _consultation_for(request, slug)
    form = OfflineCommentForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"consultation": consultation, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            comment = _offline_submit(request, consultation, form)
        except DomainError as error:
            _errors(form, context, error)
        else:
            messages.success(
                request, _("Comment recorded with receipt number %(receipt)s.") % {"receipt": comment.receipt}
            )
            return redirect(reverse("comments:offline_new", args=[slug]))
    return render(request, "comments/staff/offline_new.html", context, status=422 if form.errors else 200)


def _offline_submit(request: HttpRequest, consultation: Consultation, form: OfflineCommentForm) -> Comment:
    scan = form.cleaned_data.get("attachment")
    return comment_submit(
        actor=request.user, consultation=consultation, data=form.service_data(), channel=form.cleaned_data["channel"],
        upload=Upload(scan.file, scan.name) if scan else None, language=current_language(),
        received_at=form.cleaned_data["received_at"], accept_late=form.cleaned_data["accept_late"],
    )  # fmt: skip


def _errors(form: OfflineCommentForm, context: dict[str, Any], error: DomainError) -> None:
    if isinstance(error, InvalidInput) and error.params.get("errors"):
        for field, problems in error.params["errors"].items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        context["error"] = str(error.message)
