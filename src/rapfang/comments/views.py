"""Public pages of a draft and its comments: reading, commenting (htmx or plain), receipt, browsing, flags."""

from __future__ import annotations

import re
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm
from rapfang.comments.forms import CommentForm, FlagForm
from rapfang.comments.models import Comment
from rapfang.comments.moderation import comment_flag
from rapfang.comments.retention import retention_days
from rapfang.comments.rules import comment_period_state
from rapfang.comments.selectors import (
    COUNT_CAP,
    comment_counts_by_anchor,
    comment_get_public,
    comment_list_public,
    comment_page,
    comment_receipt_public,
    consultation_for_comment,
    endorsement_counts,
    receipt_of,
)
from rapfang.comments.services import KEY_REUSED_CODE, Upload, comment_submit
from rapfang.comments.wordings import comment_places, other_wordings
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_for_staff, consultation_get_public, notice_controllers
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.i18n import current_language, masked
from rapfang.core.ratelimit import Decision, request_limit
from rapfang.core.receiptmark import follows_sending, receipt_redirect
from rapfang.core.refusals import too_many_message, too_many_page, with_retry_after
from rapfang.core.storage import stored_response, stored_stream
from rapfang.core.thai.search import highlight
from rapfang.core.windows import WindowState
from rapfang.documents.anchors import paragraph_diff
from rapfang.documents.models import Document, Version
from rapfang.documents.selectors import (
    anchor_locate,
    document_get_public,
    paragraph_pairs,
    version_get,
    version_sections,
)

PAGE_SIZE = 20


def _consultation(slug: str) -> Consultation:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def _document(slug: str, document: str) -> Document:
    try:
        return document_get_public(consultation_slug=slug, document_slug=document)
    except Document.DoesNotExist as error:
        raise Http404 from error


def _version(document: Document, number: Any = None) -> Version:
    try:
        return version_get(document=document, number=int(number) if number else None)
    except (Version.DoesNotExist, ValueError) as error:
        raise Http404 from error


def _context(consultation: Consultation, **more: Any) -> dict[str, Any]:
    state = comment_period_state(consultation, timezone.now())
    return {"consultation": consultation, "thai_digits": consultation.thai_digits, "period": state,
            "period_open": state is WindowState.OPEN, **more}  # fmt: skip


def _readable(request: HttpRequest, slug: str, document: str) -> tuple[Consultation, Document, bool]:
    """A draft of a published consultation; or, for its agency's staff, of one not yet published: a preview."""
    try:
        return _consultation(slug), _document(slug, document), False
    except Http404:
        consultation = consultation_get_for_staff(actor=request.user, slug=slug, perm=Perm.VIEW)
        if consultation is None or consultation.is_published:
            raise
    draft = consultation.documents.filter(slug=document).first()
    if draft is None:
        raise Http404
    return consultation, draft, True


def _draft_context(consultation: Consultation, preview: bool, **more: Any) -> dict[str, Any]:
    if not preview:
        return _context(consultation, **more)
    return {"consultation": consultation, "thai_digits": consultation.thai_digits, "period": None,
            "period_open": False, "preview": True, **more}  # fmt: skip


def _private(response: HttpResponse, preview: bool) -> HttpResponse:
    if preview:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def draft_read(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    """The draft with its table of contents, comment counts per paragraph and links to comment in place; staff of
    the agency preview it before the consultation is published (comment form off, nothing counted)."""
    consultation, draft, preview = _readable(request, slug, document)
    version = _version(draft, request.GET.get("version"))
    sections = version_sections(version=version)
    shown = {paragraph.anchor: paragraph.text for section in sections for paragraph in section.paragraphs.all()}
    context = _draft_context(
        consultation, preview, document=draft, version=version, sections=sections,
        versions=list(draft.versions.order_by("number")), wordings=other_wordings(version=version, shown=shown),
        counts=comment_counts_by_anchor(consultation_id=consultation.pk),
    )  # fmt: skip
    return _private(render(request, "comments/draft_read.html", context), preview)


def draft_compare(request: HttpRequest, slug: str, document: str) -> HttpResponse:
    """Two versions side by side in one column: paragraph by paragraph, word by word."""
    consultation, draft, preview = _readable(request, slug, document)
    newer = _version(draft, request.GET.get("to"))
    older = _version(draft, request.GET.get("from") or max(newer.number - 1, 1))
    changes = paragraph_diff(paragraph_pairs(version=older), paragraph_pairs(version=newer))
    context = _draft_context(consultation, preview, document=draft, older=older, newer=newer, changes=changes,
                             versions=list(draft.versions.order_by("number")))  # fmt: skip
    return _private(render(request, "comments/draft_compare.html", context), preview)


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _form_template(request: HttpRequest) -> str:
    return "comments/_comment_form.html" if _htmx(request) else "comments/comment_new.html"


def comment_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The comment form (GET), and taking the comment (POST): the receipt is shown once it is committed."""
    if request.method == "POST":
        return _comment_take(request, slug)
    consultation = _consultation(slug)
    initial = {"section": request.GET.get("section", "")[:24], "paragraph": request.GET.get("paragraph", "")[:24]}
    form = CommentForm(initial=dict(initial), auto_id=_auto_id(initial))
    context = _context(consultation, form=form, target=_target_text(consultation, initial))
    return render(request, _form_template(request), context)


def _auto_id(initial: dict[str, str]) -> str:
    """Field ids of their own for a form on a paragraph or section, so that forms opened in place side by side
    never share an id (a summary's links and the labels find their own fields)."""
    place = re.sub(r"[^A-Za-z0-9_-]", "", initial.get("paragraph") or initial.get("section") or "")
    return f"id_{place}_%s" if place else "id_%s"


def _comment_take(request: HttpRequest, slug: str) -> HttpResponse:
    """A posted comment. Only what the service needs of the consultation is read, unless the form is shown again."""
    try:
        consultation = consultation_for_comment(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error
    initial = {"section": request.POST.get("section", "")[:24], "paragraph": request.POST.get("paragraph", "")[:24]}
    form = CommentForm(request.POST or None, request.FILES or None, initial=dict(initial), auto_id=_auto_id(initial))
    more: dict[str, Any] = {}
    if not (limit := request_limit(request, "comment")).allowed:
        more["error"] = too_many_message(limit.retry_after)
        return with_retry_after(_form_again(request, slug, form, initial, more, status=429), limit.retry_after)
    status = 422
    if form.is_valid():
        try:
            comment = _submit(request, consultation, form)
        except DomainError as error:
            _show_error(form, more, error)
            status = error.status
            if error.code == KEY_REUSED_CODE:  # the form already sent another comment (a page kept by Back)
                form.renew_key()
                more["error"] = _(
                    "This form had already sent a different comment. What you wrote is kept below in a new form: "
                    "check it and send it again to make it a comment of its own."
                )
        else:
            return _receipt_response(request, comment)
    response = _form_again(request, slug, form, initial, more, status=status)
    return with_retry_after(response, int(more["retry_after"])) if more.get("retry_after") else response


def _form_again(
    request: HttpRequest, slug: str, form: CommentForm, initial: dict[str, str], more: dict[str, Any], *, status: int
) -> HttpResponse:
    consultation = _consultation(slug)
    context = _context(consultation, form=form, target=_target_text(consultation, initial), **more)
    return render(request, _form_template(request), context, status=status)


def _submit(request: HttpRequest, consultation: Consultation, form: CommentForm) -> Comment:
    upload = form.cleaned_data.get("attachment")
    return comment_submit(
        actor=request.user, consultation=consultation,
        data=form.service_data(), upload=Upload(upload.file, upload.name) if upload else None,
        language=current_language(), received_at=arrived_at(request),
        idempotency_key=form.cleaned_data.get("idempotency_key") or "",
    )  # fmt: skip


def _show_error(form: CommentForm, context: dict[str, Any], error: DomainError) -> None:
    if isinstance(error, InvalidInput) and error.params.get("errors"):
        for field, messages in error.params["errors"].items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        context["error"] = str(error.message)
        context["retry_after"] = error.params.get("retry_after", 0)


def _target_text(consultation: Consultation, initial: dict[str, str]) -> str:
    found = anchor_locate(consultation_id=consultation.pk, **initial) if any(initial.values()) else None
    if found is None:
        return ""
    version, section, paragraph = found
    if paragraph:
        return version.paragraphs.get(anchor=paragraph).text
    return version.sections.get(anchor=section).title


FRESH_SALT = "comments.receipt.fresh"


def _receipt_response(request: HttpRequest, comment: Comment) -> HttpResponse:
    """In place (htmx): the receipt, announced and focused, linking to its own page. Without JavaScript: that page."""
    if _htmx(request):
        context = {"receipt": receipt_of(comment), "fresh": True, "in_place": True,
                   "thai_digits": comment.consultation.thai_digits}  # fmt: skip
        return render(request, "comments/_receipt.html", context)
    url = reverse("comments:receipt", args=[comment.receipt])
    return receipt_redirect(url, comment.receipt, salt=FRESH_SALT, anchor=f"receipt-{comment.receipt}")


def comment_receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    """The receipt: its number, time and state, with the reason when not published; the text only once published."""
    if not (limit := request_limit(request, "receipt", name="lookup")).allowed:
        return too_many_page(request, limit, _("Too many receipt numbers looked up from your address. Please wait."))
    try:
        shown = comment_receipt_public(receipt=receipt)
    except Comment.DoesNotExist as error:
        raise Http404 from error
    context = _context(
        shown.consultation, receipt=shown, fresh=follows_sending(request, shown.receipt, salt=FRESH_SALT)
    )
    response = render(request, "comments/receipt.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def comment_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Published comments by paragraph, section or domain; newest or oldest first; Thai search."""
    consultation = _consultation(slug)
    filters = {key: request.GET.get(key, "").strip()[:200] for key in ("q", "section", "paragraph", "domain", "sort")}
    queryset, terms = comment_list_public(consultation=consultation, **{k: v for k, v in filters.items() if v})
    page = comment_page(queryset, request.GET.get("page"), PAGE_SIZE)
    rows = [(comment, highlight(masked(comment.text), terms)) for comment in page.object_list]
    places = comment_places(comments=[comment for comment, _shown in rows])
    endorsements = endorsement_counts(comment_ids=[comment.pk for comment, _shown in rows])
    context = _context(consultation, page=page, rows=rows, filters=filters, terms=terms, flag_form=FlagForm(),
                       cap=COUNT_CAP, domains=consultation.topics.all(), places=places, endorsements=endorsements,
                       demo=any(comment.is_demo for comment, _shown in rows))  # fmt: skip
    return render(request, "comments/comment_list.html", context)


@require_POST
def comment_flag_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    try:
        comment = comment_get_public(comment_id=pk)
    except Comment.DoesNotExist as error:
        raise Http404 from error
    form = FlagForm(request.POST)
    if not (limit := request_limit(request, "flag")).allowed:
        return _flag_flooded(request, slug, limit)
    if not form.is_valid():
        return _flag_refused(request, comment, _("Please choose a reason from the list."), 422)
    comment_flag(comment=comment, reason=form.cleaned_data["reason"])
    message = _("Thank you. A moderator will look at this comment.")
    if _htmx(request):
        return HttpResponse(f'<span role="status">{message}</span>')
    return redirect(reverse("comments:list", args=[slug]) + "?flagged=1")


def _flag_flooded(request: HttpRequest, slug: str, limit: Decision) -> HttpResponse:
    message = _("Too many flags from your address in a short time. Please try again later.")
    if _htmx(request):
        return with_retry_after(HttpResponse(f'<span role="alert">{message}</span>', status=429), limit.retry_after)
    return too_many_page(request, limit, message, back=reverse("comments:list", args=[slug]))


def _flag_refused(request: HttpRequest, comment: Comment, message: str, status: int) -> HttpResponse:
    """A report not recorded: in place (htmx) where the form was, or on a page of its own without JavaScript."""
    template = "comments/_flag_refused.html" if _htmx(request) else "comments/flag_refused.html"
    context = {"comment": comment, "consultation": comment.consultation, "message": message}
    return render(request, template, context, status=status)


def comment_attachment(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A published comment's attachment, as a download with safe headers."""
    try:
        comment = comment_get_public(comment_id=pk)
    except Comment.DoesNotExist as error:
        raise Http404 from error
    if not comment.attachment or comment.consultation.slug != slug:
        raise Http404
    return safe_file_response(comment)


def safe_file_response(comment: Comment) -> FileResponse:
    try:
        handle = stored_stream(comment.attachment.storage, comment.attachment.name)
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"{comment.receipt}{comment.attachment.name[comment.attachment.name.rfind('.') :]}"
    response = stored_response(handle, as_attachment=True, content_type=comment.attachment_type, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def comment_privacy(request: HttpRequest) -> HttpResponse:
    """The personal data notice for commenters: what is kept, why, for how long, who receives it, one's rights."""
    context = {
        "controllers": notice_controllers(agency_slug=request.GET.get("agency", "")[:80]),
        "retention_days": retention_days(),
    }
    return render(request, "comments/privacy_notice.html", {**context, "thai_digits": True})
