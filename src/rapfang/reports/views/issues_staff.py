"""Staff pages of issues and responses: organisers of the consultation's agency write, moderators read.

Anyone else gets a 404, as on the other staff pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm, can
from rapfang.analysis.models import DuplicateGroup, TopicCluster
from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.reports.forms_issues import IssueEditForm, IssueForm, ReceiptsForm, ResponseForm
from rapfang.reports.models import Issue
from rapfang.reports.selectors.issues import (
    candidate_campaigns,
    candidate_topics,
    issue_comment_list,
    issue_get_for_staff,
    issue_list_for_staff,
    paragraph_choices,
    response_of,
)
from rapfang.reports.services.issues import (
    issue_comment_remove,
    issue_comments_add,
    issue_create,
    issue_create_from_cluster,
    issue_create_from_group,
    issue_delete,
    issue_update,
    response_publish,
    response_save,
    response_unpublish,
)

View = Callable[..., HttpResponse]
PAGE_SIZE = 25


staff_only = staff_consultation(Perm.VIEW)


def _context(request: HttpRequest, consultation: Consultation, **extra: Any) -> dict[str, Any]:
    can_write = can(request.user, Perm.ORGANISE, consultation.agency_id)
    return {"consultation": consultation, "thai_digits": consultation.thai_digits, "can_write": can_write, **extra}


def _list_url(consultation: Consultation) -> str:
    return reverse("reports:issues_staff", args=[consultation.slug])


def _issue_url(consultation: Consultation, issue: Issue) -> str:
    return reverse("reports:issue_staff", args=[consultation.slug, issue.number])


def _apply_errors(form: Any, error: DomainError) -> None:
    problems = error.params.get("errors") if isinstance(error, InvalidInput) else None
    for name, messages_ in (problems or {"": [str(error.message)]}).items():
        form.add_error(name if name in form.fields else None, messages_)


@staff_only
def issue_list_staff(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The issues with their figures and response state, the analysis's candidates, and a form for a new issue."""
    form = IssueForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_create(actor=request.user, consultation=consultation, **form.service_data())
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Issue %(number)s was made.") % {"number": issue.number})
            return redirect(_issue_url(consultation, issue))
    context = _context(
        request, consultation, issues=issue_list_for_staff(consultation=consultation), form=form,
        campaigns=candidate_campaigns(consultation=consultation), topics=candidate_topics(consultation=consultation),
    )  # fmt: skip
    return render(request, "reports/staff/issue_list.html", context, status=422 if form.errors else 200)


def _made(request: HttpRequest, consultation: Consultation, make: Callable[[], Issue]) -> HttpResponse:
    try:
        issue = make()
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(_list_url(consultation))
    messages.success(request, _("Issue %(number)s was made.") % {"number": issue.number})
    return redirect(_issue_url(consultation, issue))


@staff_only
@require_POST
def issue_from_group(request: HttpRequest, consultation: Consultation, group_id: int) -> HttpResponse:
    group = (
        DuplicateGroup.objects.select_related("consultation", "representative")
        .filter(pk=group_id, consultation=consultation)
        .first()
    )
    if group is None:
        raise Http404
    return _made(request, consultation, lambda: issue_create_from_group(actor=request.user, group=group))


@staff_only
@require_POST
def issue_from_topic(request: HttpRequest, consultation: Consultation, cluster_id: int) -> HttpResponse:
    cluster = (
        TopicCluster.objects.select_related("consultation", "representative")
        .filter(pk=cluster_id, consultation=consultation)
        .first()
    )
    if cluster is None:
        raise Http404
    return _made(request, consultation, lambda: issue_create_from_cluster(actor=request.user, cluster=cluster))


def _issue(consultation: Consultation, number: int) -> Issue:
    issue = issue_get_for_staff(consultation=consultation, number=number)
    if issue is None:
        raise Http404
    return issue


def _issue_initial(issue: Issue) -> dict[str, Any]:
    return {"title_th": issue.title_th, "title_en": issue.title_en, "summary_th": issue.summary_th,
            "summary_en": issue.summary_en, "domain": issue.domain.key if issue.domain else "",
            "representative": issue.representative.receipt if issue.representative else ""}  # fmt: skip


def _response_initial(issue: Issue) -> dict[str, Any]:
    response = response_of(issue)
    if response is None:
        return {}
    return {"decision": response.decision, "reasons_th": response.reasons_th, "reasons_en": response.reasons_en,
            "paragraphs": [paragraph.pk for paragraph in response.changed_paragraphs.all()]}  # fmt: skip


def _detail(request: HttpRequest, consultation: Consultation, issue: Issue, status: int = 200,
            **forms: Any) -> HttpResponse:  # fmt: skip
    paragraphs = paragraph_choices(consultation=consultation)
    forms.setdefault("issue_form", IssueEditForm(initial=_issue_initial(issue), consultation=consultation))
    forms.setdefault("receipts_form", ReceiptsForm())
    forms.setdefault("response_form", ResponseForm(initial=_response_initial(issue), paragraphs=paragraphs))
    page = Paginator(issue_comment_list(issue=issue), PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = {int(value) for value in _chosen(forms["response_form"])}
    context = _context(request, consultation, issue=issue, response=response_of(issue), page=page,
                       paragraphs=paragraphs, chosen=chosen, **forms)  # fmt: skip
    return render(request, "reports/staff/issue_detail.html", context, status=status)


def _chosen(form: ResponseForm) -> list[Any]:
    """The paragraphs ticked: as sent back (a refused form), or as saved."""
    if form.is_bound:
        return [value for value in form["paragraphs"].value() or [] if str(value).isdigit()]
    return list(form.initial.get("paragraphs", []))


@staff_only
def issue_detail_staff(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    """One issue: its texts (POST changes them), its comments, and its response."""
    issue = _issue(consultation, number)
    if request.method != "POST":
        return _detail(request, consultation, issue)
    form = IssueEditForm(request.POST, consultation=consultation)
    if form.is_valid():
        try:
            issue_update(actor=request.user, issue=issue, **form.service_data(),
                         representative=_representative(consultation, form.cleaned_data["representative"]))  # fmt: skip
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The issue was saved."))
            return redirect(_issue_url(consultation, issue))
    return _detail(request, consultation, issue, status=422, issue_form=form)


def _representative(consultation: Consultation, receipt: str) -> Comment | None:
    receipt = receipt.strip().upper()
    if not receipt:
        return None
    comment = Comment.objects.filter(consultation=consultation, receipt=receipt).first()
    if comment is None:
        message = _("No comment on this consultation has this receipt number.")
        raise InvalidInput(message, code="unknown_representative", errors={"representative": [message]})
    return comment


@staff_only
@require_POST
def issue_comments_add_view(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    issue = _issue(consultation, number)
    form = ReceiptsForm(request.POST)
    if form.is_valid():
        try:
            added = issue_comments_add(actor=request.user, issue=issue, receipts=form.receipt_list())
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Comments added to the issue: %(n)d.") % {"n": added})
            return redirect(_issue_url(consultation, issue) + "#comments-title")
    return _detail(request, consultation, issue, status=422, receipts_form=form)


@staff_only
@require_POST
def issue_comment_remove_view(request: HttpRequest, consultation: Consultation, number: int,
                              comment_id: int) -> HttpResponse:  # fmt: skip
    issue = _issue(consultation, number)
    comment = Comment.objects.filter(pk=comment_id, consultation=consultation).first()
    if comment is None:
        raise Http404
    try:
        issue_comment_remove(actor=request.user, issue=issue, comment=comment)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Comment %(receipt)s is no longer counted under the issue.")
                         % {"receipt": comment.receipt})  # fmt: skip
    return redirect(_issue_url(consultation, issue) + "#comments-title")


@staff_only
@require_POST
def response_save_view(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    issue = _issue(consultation, number)
    form = ResponseForm(request.POST, paragraphs=paragraph_choices(consultation=consultation))
    if form.is_valid():
        data = form.cleaned_data
        try:
            response_save(actor=request.user, issue=issue, decision=data["decision"], reasons_th=data["reasons_th"],
                          reasons_en=data["reasons_en"], paragraph_ids=data["paragraphs"])  # fmt: skip
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The response was saved."))
            return redirect(_issue_url(consultation, issue) + "#response-title")
    return _detail(request, consultation, issue, status=422, response_form=form)


@staff_only
@require_POST
def response_publish_view(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    issue = _issue(consultation, number)
    publish = request.POST.get("publish") != "0"
    try:
        if publish:
            response_publish(actor=request.user, issue=issue)
        else:
            response_unpublish(actor=request.user, issue=issue)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        done = _("The response is published.") if publish else _("The response was taken off the public page.")
        messages.success(request, done)
    return redirect(_issue_url(consultation, issue) + "#response-title")


@staff_only
@require_POST
def issue_delete_view(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    issue = _issue(consultation, number)
    try:
        issue_delete(actor=request.user, issue=issue)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(_issue_url(consultation, issue))
    messages.success(request, _("Issue %(number)s was deleted.") % {"number": number})
    return redirect(_list_url(consultation))
