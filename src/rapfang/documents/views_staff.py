"""Staff pages of a consultation's drafts: the list, a new draft or version (with a dry run while comments may be
affected), how a version was split, and removing a version whose split was wrong. Organisers write; moderators read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.accounts.permissions import Perm, can
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.documents import pending as kept
from rapfang.documents.forms import DocumentEditForm, DraftNewForm, VersionNewForm
from rapfang.documents.models import Document, Version
from rapfang.documents.selectors import (
    attachment_list_for_staff,
    document_list_for_staff,
    paragraph_comment_counts,
    version_comment_counts,
    version_needs_confirmation,
    version_structure,
)
from rapfang.documents.services import (
    document_create,
    document_create_checked,
    document_delete,
    document_save,
    version_import,
    version_remove,
)
from rapfang.documents.versioning import draft_parse, version_plan

readers = staff_consultation(Perm.VIEW)
organisers = staff_consultation(Perm.ORGANISE)
NEW_DOCUMENT = 0  # the document of an upload kept for a new draft (it has none yet)


def form_refused(form: forms.Form, error: DomainError, field: str | None = None) -> None:
    """Show a service's refusal beside the fields it names, or beside `field`, or above the form."""
    errors = error.params.get("errors") if isinstance(error, InvalidInput) else None
    for name, problems in (errors or {None: [str(error.message)]}).items():
        target = name or field
        form.add_error(target if target in form.fields else None, problems)


def _page(request: HttpRequest, template: str, context: dict[str, Any], form: forms.Form | None = None) -> HttpResponse:
    return render(request, template, context, status=422 if form is not None and form.errors else 200)


def _document(consultation: Consultation, slug: str) -> Document:
    document = consultation.documents.filter(slug=slug).first()
    if document is None:
        raise Http404
    return document


def _version(document: Document, number: int) -> Version:
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def _drafts_url(consultation: Consultation) -> str:
    return reverse("documents:staff_drafts", args=[consultation.slug])


def _version_url(version: Version) -> str:
    document = version.document
    return reverse("documents:staff_version", args=[document.consultation.slug, document.slug, version.number])


@readers
def drafts(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The consultation's drafts with their versions, and its files."""
    context = {
        "consultation": consultation,
        "documents": document_list_for_staff(consultation=consultation),
        "attachments": attachment_list_for_staff(consultation=consultation),
        "can_organise": can(request.user, Perm.ORGANISE, consultation.agency_id),
    }
    return render(request, "documents/staff/drafts.html", context)


@organisers
def document_new(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """A new draft document and its first version, from one upload. On a published consultation the draft would be
    public at once: it is first read and shown to the organiser, who confirms it (`document_confirm`)."""
    form = DraftNewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, upload = form.cleaned_data, form.cleaned_data["file"]
        typed = {"title_th": data["title_th"], "title_en": data["title_en"], "slug": data["slug"]}
        try:
            if consultation.is_published:
                return _document_kept(request, consultation, typed, data, upload.name, upload.read())
            version = document_create(
                actor=request.user, consultation=consultation, **typed, content=upload.read(), filename=upload.name,
                note_th=data["note_th"], note_en=data["note_en"],
            )  # fmt: skip
        except DomainError as error:
            form_refused(form, error, "file")
        else:
            return _imported(request, version)
    return _page(request, "documents/staff/document_new.html", {"consultation": consultation, "form": form}, form)


def _document_kept(
    request: HttpRequest, consultation: Consultation, typed: dict[str, str], data: dict[str, Any], filename: str,
    content: bytes,
) -> HttpResponse:  # fmt: skip
    """Check and read the new draft (a refusal is shown on the form), keep the upload, and ask for confirmation."""
    document_create_checked(consultation=consultation, title_th=typed["title_th"], slug=typed["slug"],
                            content=content, filename=filename)  # fmt: skip
    pending = kept.pending_put(
        request.session, user_id=request.user.pk, document_id=NEW_DOCUMENT, content=content, filename=filename,
        note_th=data["note_th"], note_en=data["note_en"], **typed,
    )  # fmt: skip
    return redirect(reverse("documents:staff_document_confirm", args=[consultation.slug, pending.token]))


@organisers
def document_confirm(request: HttpRequest, consultation: Consultation, token: str) -> HttpResponse:
    """A new draft of a published consultation as it was read, and the organiser's confirmation or cancellation;
    nothing is public until it is confirmed."""

    def write(pending: kept.PendingDraft) -> Version:
        return document_create(
            actor=request.user, consultation=consultation, title_th=pending.title_th, title_en=pending.title_en,
            slug=pending.slug, content=kept.pending_read(pending), filename=pending.filename,
            note_th=pending.note_th, note_en=pending.note_en,
        )  # fmt: skip

    def page(pending: kept.PendingDraft, status: int) -> HttpResponse:
        parsed = draft_parse(consultation, kept.pending_read(pending), pending.filename)
        context = {"consultation": consultation, "pending": pending, "sections": parsed.sections,
                   "paragraph_count": sum(len(section.paragraphs) for section in parsed.sections)}  # fmt: skip
        return render(request, "documents/staff/document_confirm.html", context, status=status)

    again = reverse("documents:staff_document_new", args=[consultation.slug])
    cancelled = _("Nothing was changed: the draft was not added.")
    return _confirmation(request, consultation, token, NEW_DOCUMENT, again, cancelled, write, page)


def _confirmation(
    request: HttpRequest,
    consultation: Consultation,
    token: str,
    document_id: int,
    again: str,
    cancelled: str,
    write: Callable[[kept.PendingDraft], Version],
    page: Callable[[kept.PendingDraft, int], HttpResponse],
) -> HttpResponse:
    """An upload kept for confirmation: gone after 30 minutes (uploaded `again`), cancelled (nothing changed), or
    confirmed and written by `write`; else the `page` that asks, with the refusal of a write that failed."""
    pending = kept.pending_get(request.session, token, user_id=request.user.pk, document_id=document_id)
    if pending is None:
        messages.error(request, _("The uploaded file is no longer kept (after 30 minutes). Please upload it again."))
        return redirect(again)
    if request.method == "POST" and "cancel" in request.POST:
        kept.pending_drop(request.session, token)
        messages.info(request, cancelled)
        return redirect(_drafts_url(consultation))
    status = 200
    if request.method == "POST":
        try:
            version = write(pending)
        except DomainError as error:
            messages.error(request, str(error.message))
            status = error.status
        else:
            kept.pending_drop(request.session, token)
            return _imported(request, version)
    return page(pending, status)


def _imported(request: HttpRequest, version: Version) -> HttpResponse:
    counts = {"number": version.number, "sections": version.sections.count(), "paragraphs": version.paragraphs.count()}
    message = _(
        "Version %(number)s was imported: %(sections)s sections, %(paragraphs)s paragraphs. Check how it was split."
    )
    messages.success(request, message % counts)
    return redirect(_version_url(version))


@organisers
def document_edit(request: HttpRequest, consultation: Consultation, document: str) -> HttpResponse:
    draft = _document(consultation, document)
    initial = {"title_th": draft.title_th, "title_en": draft.title_en}
    form = DocumentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        document_save(
            actor=request.user, consultation=consultation, slug=draft.slug, title_th=form.cleaned_data["title_th"],
            title_en=form.cleaned_data["title_en"], order=draft.order, is_demo=draft.is_demo,
        )  # fmt: skip
        messages.success(request, _("The draft's titles are saved."))
        return redirect(_drafts_url(consultation))
    context = {"consultation": consultation, "document": draft, "form": form}
    return _page(request, "documents/staff/document_edit.html", context, form)


@organisers
def document_remove(request: HttpRequest, consultation: Consultation, document: str) -> HttpResponse:
    """Remove a draft nobody has commented on, with its versions (confirmed on its own page)."""
    draft = _document(consultation, document)
    if request.method == "POST":
        try:
            document_delete(actor=request.user, document=draft)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The draft is removed."))
        return redirect(_drafts_url(consultation))
    return render(request, "documents/staff/document_remove.html", {"consultation": consultation, "document": draft})


@organisers
def version_new(request: HttpRequest, consultation: Consultation, document: str) -> HttpResponse:
    """A new version: imported at once, or first compared (dry run) while comments may be affected."""
    draft = _document(consultation, document)
    form = VersionNewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            return _version_take(request, draft, form.cleaned_data)
        except DomainError as error:
            form_refused(form, error, "file")
    latest = draft.versions.order_by("-number").first()
    context = {"consultation": consultation, "document": draft, "form": form, "latest": latest,
               "confirm": version_needs_confirmation(document=draft, now=timezone.now())}  # fmt: skip
    return _page(request, "documents/staff/version_new.html", context, form)


def _version_take(request: HttpRequest, document: Document, data: dict[str, Any]) -> HttpResponse:
    upload = data["file"]
    content = upload.read()
    if not version_needs_confirmation(document=document, now=timezone.now()):
        version = version_import(actor=request.user, document=document, content=content, filename=upload.name,
                                 note_th=data["note_th"], note_en=data["note_en"])  # fmt: skip
        return _imported(request, version)
    draft_parse(document.consultation, content, upload.name)  # a file that cannot be read is refused here, not later
    pending = kept.pending_put(
        request.session, user_id=request.user.pk, document_id=document.pk, content=content, filename=upload.name,
        note_th=data["note_th"], note_en=data["note_en"],
    )  # fmt: skip
    args = [document.consultation.slug, document.slug, pending.token]
    return redirect(reverse("documents:staff_version_confirm", args=args))


@organisers
def version_confirm(request: HttpRequest, consultation: Consultation, document: str, token: str) -> HttpResponse:
    """The dry run's result, and the organiser's confirmation or cancellation; the upload is not asked for again."""
    draft = _document(consultation, document)

    def write(pending: kept.PendingDraft) -> Version:
        return version_import(
            actor=request.user, document=draft, content=kept.pending_read(pending), filename=pending.filename,
            note_th=pending.note_th, note_en=pending.note_en, after=_int(request.POST.get("after")),
        )  # fmt: skip

    again = reverse("documents:staff_version_new", args=[consultation.slug, draft.slug])
    cancelled = _("Nothing was changed: the new version was not imported.")
    return _confirmation(request, consultation, token, draft.pk, again, cancelled, write,
                         lambda pending, status: _confirm_page(request, draft, pending, status))  # fmt: skip


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # never a version number: the import is refused as out of date


def _confirm_page(request: HttpRequest, document: Document, pending: kept.PendingDraft, status: int) -> HttpResponse:
    previous = document.versions.order_by("-number").first()
    parsed = draft_parse(document.consultation, kept.pending_read(pending), pending.filename)
    plan = version_plan(previous=previous, draft=parsed, comments=paragraph_comment_counts(document=document))
    context = {"consultation": document.consultation, "document": document, "pending": pending, "plan": plan,
               "previous": previous}  # fmt: skip
    return render(request, "documents/staff/version_confirm.html", context, status=status)


@readers
def version_detail(request: HttpRequest, consultation: Consultation, document: str, number: int) -> HttpResponse:
    """How a version was split: its sections and paragraphs, their anchors, topic tags and comments."""
    draft = _document(consultation, document)
    version = _version(draft, number)
    latest = draft.versions.order_by("-number").values_list("number", flat=True).first()
    context = {
        "consultation": consultation, "document": draft, "version": version,
        "structure": version_structure(version=version), "is_latest": latest == version.number,
        "made_on": version_comment_counts(consultation_id=consultation.pk).get(version.pk, 0),
        "can_organise": can(request.user, Perm.ORGANISE, consultation.agency_id),
    }  # fmt: skip
    return render(request, "documents/staff/version_detail.html", context)


@organisers
def version_delete(request: HttpRequest, consultation: Consultation, document: str, number: int) -> HttpResponse:
    """Remove the latest version while no comment names it (confirmed on its own page)."""
    draft = _document(consultation, document)
    version = _version(draft, number)
    if request.method != "POST":
        context = {"consultation": consultation, "document": draft, "version": version}
        return render(request, "documents/staff/version_remove.html", context)
    try:
        version_remove(actor=request.user, version=version)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(_version_url(version))
    messages.success(request, _("Version %(number)s is removed.") % {"number": number})
    return redirect(_drafts_url(consultation))
