"""The moderation queue: tabs, campaigns at once, select all, a reason for hiding, and a confirmation first."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rapfang.accounts.permissions import Perm, can
from rapfang.comments.models import Comment
from rapfang.comments.moderation import comment_moderate
from rapfang.comments.selectors import QUEUE_TABS
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.workspace.forms_moderation import TAB_LABELS, ModerationForm, QueueFilterForm
from rapfang.workspace.moderation import moderation_queue

PREVIEW = 5  # comments shown on the confirmation page


@staff_consultation(Perm.MODERATE)
def moderation(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """GET: one tab of the queue. POST: publish or hide the chosen comments (hiding several is confirmed first)."""
    filters = QueueFilterForm(request.GET)
    if request.method != "POST":
        return _queue_page(request, consultation, filters, ModerationForm())
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return _refused(request, consultation, filters, form)
    if form.needs_confirmation:
        return _confirm_page(request, consultation, form)
    data = form.cleaned_data
    try:
        count = comment_moderate(
            actor=request.user, consultation=consultation, comment_ids=data["ids"], action=data["action"],
            reason=data["reason"], note=data["note"],
        )  # fmt: skip
    except DomainError as error:
        _add_errors(form, error)
        return _refused(request, consultation, filters, form)
    messages.success(request, _done(data["action"], count))
    return redirect(request.get_full_path())


def _done(action: str, count: int) -> str:
    if action == "publish":
        return ngettext("%(n)s comment published.", "%(n)s comments published.", count) % {"n": count}
    return ngettext("%(n)s comment hidden.", "%(n)s comments hidden.", count) % {"n": count}


def _add_errors(form: ModerationForm, error: DomainError) -> None:
    fields = error.params.get("errors") if isinstance(error, InvalidInput) else None
    if fields:
        for field, problems in fields.items():
            form.add_error(field if field in form.fields else None, problems)
        return
    message = _("Some of the chosen comments are not in this consultation or no longer exist. Nothing was changed.")
    form.add_error(None, message)


def _refused(
    request: HttpRequest, consultation: Consultation, filters: QueueFilterForm, form: ModerationForm
) -> HttpResponse:
    """The form shown back with what was typed and why it was refused, where it was sent from."""
    if request.POST.get("confirmed"):
        return _confirm_page(request, consultation, form, status=422)
    return _queue_page(request, consultation, filters, form, status=422)


def _confirm_page(
    request: HttpRequest, consultation: Consultation, form: ModerationForm, status: int = 200
) -> HttpResponse:
    ids = form.cleaned_data.get("ids") or []
    preview = Comment.objects.filter(consultation=consultation, pk__in=ids[:PREVIEW]).order_by("pk")
    context = {
        "consultation": consultation, "form": form, "count": len(ids), "members": ",".join(map(str, ids)),
        "preview": preview, "more": max(len(ids) - PREVIEW, 0), "back": request.get_full_path(),
    }  # fmt: skip
    return render(request, "workspace/moderation_confirm.html", context, status=status)


def _queue_page(
    request: HttpRequest, consultation: Consultation, filters: QueueFilterForm, form: ModerationForm, status: int = 200
) -> HttpResponse:
    tab = filters.tab()
    queue = moderation_queue(
        actor=request.user, consultation=consultation, tab=tab, filters=filters.filters(),
        page=request.GET.get("page"), group=filters.group_key(),
    )  # fmt: skip
    context = {
        "consultation": consultation, "queue": queue, "filters": filters, "form": form, "selected": form.selected(),
        "tabs": _tabs(filters, tab, queue.counts), "query": _query(filters, tab),
        "page_ids": ",".join(str(comment.pk) for comment in queue.page.object_list),
        "can_erase": tab == "hidden" and can(request.user, Perm.ORGANISE, consultation.agency_id),
    }  # fmt: skip
    return render(request, "workspace/moderation.html", context, status=status)


def _filter_params(filters: QueueFilterForm) -> dict[str, Any]:
    data = filters.cleaned_data if filters.is_valid() else {}
    keys = ("channel", "stakeholder_type", "flagged", "personal_data")
    return {key: "on" if data[key] is True else data[key] for key in keys if data.get(key)}


def _tabs(filters: QueueFilterForm, current: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    params = _filter_params(filters)
    return [_tab(tab, counts[tab], tab == current, params) for tab in QUEUE_TABS]


def _tab(tab: str, count: int, current: bool, params: dict[str, Any]) -> dict[str, Any]:
    url = "?" + urlencode({"state": tab, **params})
    return {"label": TAB_LABELS[tab], "count": count, "current": current, "url": url}


def _query(filters: QueueFilterForm, tab: str) -> str:
    """The query string of this tab and its filters (and group), to which a page number is added."""
    params = {"state": tab, **_filter_params(filters)}
    if (group := filters.group_key()) is not None:
        params["group"] = group
    return urlencode(params)
