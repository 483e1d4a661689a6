"""Staff pages for moderators and organisers of the consultation's agency: offline comments, erasure, attachments.

The moderation queue itself is the workspace's (`workspace:moderation`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm
from rapfang.comments.forms import OfflineCommentForm
from rapfang.comments.models import Comment
from rapfang.comments.moderation import comment_erase
from rapfang.comments.services import Upload, comment_submit
from rapfang.comments.views import safe_file_response
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_for_staff
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.i18n import current_language


def _consultation_for(request: HttpRequest, slug: str) -> Consultation:
    consultation = consultation_get_for_staff(actor=request.user, slug=slug, perm=Perm.MODERATE)
    if consultation is None:
        raise Http404
    return consultation


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
    return redirect(reverse("workspace:moderation", args=[slug]) + "?state=hidden")


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
