"""Staff pages of a consultation's files: attach, edit (titles, kind, order, public or not) and remove. Organisers only;
the list is on the drafts and files page, and downloads go through the counting view (staff get non-public files).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rapfang.consultations.models import Consultation
from rapfang.core.errors import DomainError
from rapfang.documents.forms import AttachmentAddForm, AttachmentEditForm
from rapfang.documents.models import Attachment
from rapfang.documents.services import attachment_add, attachment_remove, attachment_update
from rapfang.documents.views_staff import form_refused, organisers

FILES_ANCHOR = "#files"


def _attachment(consultation: Consultation, pk: int) -> Attachment:
    attachment = consultation.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def _back(consultation: Consultation) -> HttpResponse:
    return redirect(reverse("documents:staff_drafts", args=[consultation.slug]) + FILES_ANCHOR)


def _render(request: HttpRequest, template: str, context: dict[str, object], refused: bool) -> HttpResponse:
    return render(request, template, context, status=422 if refused else 200)


@organisers
def attachment_new(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = AttachmentAddForm(request.POST or None, request.FILES or None, initial={"is_public": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attachment_add(
                actor=request.user, consultation=consultation, kind=data["kind"], title_th=data["title_th"],
                title_en=data["title_en"], content=data["file"].file, filename=data["file"].name, order=data["order"],
                is_public=data["is_public"],
            )  # fmt: skip
        except DomainError as error:
            form_refused(form, error, "file")
        else:
            messages.success(request, _("The file is attached."))
            return _back(consultation)
    context = {"consultation": consultation, "form": form}
    return _render(request, "documents/staff/attachment_form.html", context, bool(form.errors))


@organisers
def attachment_edit(request: HttpRequest, consultation: Consultation, pk: int) -> HttpResponse:
    attachment = _attachment(consultation, pk)
    initial = {name: getattr(attachment, name) for name in ("title_th", "title_en", "kind", "order", "is_public")}
    form = AttachmentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            attachment_update(actor=request.user, attachment=attachment, **form.cleaned_data)
        except DomainError as error:
            form_refused(form, error)
        else:
            messages.success(request, _("The file's details are saved."))
            return _back(consultation)
    context = {"consultation": consultation, "form": form, "attachment": attachment}
    return _render(request, "documents/staff/attachment_form.html", context, bool(form.errors))


@organisers
def attachment_delete(request: HttpRequest, consultation: Consultation, pk: int) -> HttpResponse:
    """Remove a file, once confirmed on this page."""
    attachment = _attachment(consultation, pk)
    if request.method == "POST":
        attachment_remove(actor=request.user, attachment=attachment)
        messages.success(request, _("The file is removed."))
        return _back(consultation)
    context = {"consultation": consultation, "attachment": attachment}
    return render(request, "documents/staff/attachment_remove.html", context)
