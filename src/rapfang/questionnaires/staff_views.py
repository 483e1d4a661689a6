"""The staff's questionnaire pages in the workspace: the editor (works without JavaScript), live results, the
answers to moderate and erase, and answers keyed in from paper and fax forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm, can
from rapfang.comments.models import CommentStatus
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.i18n import current_language
from rapfang.documents.selectors import latest_versions
from rapfang.questionnaires.editing import (
    question_add,
    question_delete,
    question_update,
    questionnaire_locked,
    questions_reorder,
)
from rapfang.questionnaires.forms import ModerateForm, OfflineAnswerForm, QuestionForm
from rapfang.questionnaires.models import Answer, Question
from rapfang.questionnaires.moderation import answer_erase, answers_moderate
from rapfang.questionnaires.results import questionnaire_results
from rapfang.questionnaires.selectors import answer_list_for_staff, question_list, section_titles
from rapfang.questionnaires.services import answer_submit

PAGE_SIZE = 50


def _organiser_only(request: HttpRequest, consultation: Consultation) -> None:
    if not can(request.user, Perm.ORGANISE, consultation.agency_id):
        raise Http404


def _sections(consultation: Consultation) -> list[tuple[str, str]]:
    return [(section.anchor, section.title) for version in latest_versions(consultation_id=consultation.pk)
            for section in version.sections.order_by("order")]  # fmt: skip


def _refused(form: Any, error: DomainError) -> None:
    if isinstance(error, InvalidInput) and error.params.get("errors"):
        for field, problems in error.params["errors"].items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, str(error.message))


def _editor(request: HttpRequest, consultation: Consultation, form: QuestionForm, status: int = 200) -> HttpResponse:
    context = {"consultation": consultation, "questions": list(question_list(consultation=consultation)),
               "form": form, "locked": questionnaire_locked(consultation),
               "can_organise": can(request.user, Perm.ORGANISE, consultation.agency_id),
               "sections": dict(_sections(consultation))}  # fmt: skip
    return render(request, "questionnaires/staff/editor.html", context, status=status)


@staff_consultation(Perm.VIEW)
def questionnaire_editor(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """GET: the questions in their order; POST: a new question at the end."""
    sections = _sections(consultation)
    if request.method != "POST":
        return _editor(request, consultation, QuestionForm(sections=sections))
    _organiser_only(request, consultation)
    form = QuestionForm(request.POST, sections=sections)
    if form.is_valid():
        try:
            question_add(actor=request.user, consultation=consultation, data=form.cleaned_data,
                         choices=form.choice_texts())  # fmt: skip
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("questionnaires:editor", consultation.slug)
    return _editor(request, consultation, form, status=422)


def _question(consultation: Consultation, pk: int) -> Question:
    question = question_list(consultation=consultation).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


@staff_consultation(Perm.VIEW)
def question_edit(request: HttpRequest, consultation: Consultation, pk: int) -> HttpResponse:
    _organiser_only(request, consultation)
    question = _question(consultation, pk)
    sections = _sections(consultation)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_of(question), sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            question_update(actor=request.user, question=question, data=form.cleaned_data,
                            choices=form.choice_texts())  # fmt: skip
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect(reverse("questionnaires:editor", args=[consultation.slug]) + f"#question-{pk}")
    context = {"consultation": consultation, "question": question, "form": form,
               "locked": questionnaire_locked(consultation)}  # fmt: skip
    return render(request, "questionnaires/staff/question_edit.html", context, status=422 if form.errors else 200)


@staff_consultation(Perm.VIEW)
def question_remove(request: HttpRequest, consultation: Consultation, pk: int) -> HttpResponse:
    """GET: the question; POST: the question and its choices are removed (while nobody has answered)."""
    _organiser_only(request, consultation)
    question = _question(consultation, pk)
    if request.method == "POST":
        try:
            question_delete(actor=request.user, question=question)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The question is removed."))
        return redirect("questionnaires:editor", consultation.slug)
    context = {"consultation": consultation, "question": question}
    return render(request, "questionnaires/staff/question_remove.html", context)


@require_POST
@staff_consultation(Perm.VIEW)
def question_move(request: HttpRequest, consultation: Consultation, pk: int) -> HttpResponse:
    """Move a question one place up or down."""
    _organiser_only(request, consultation)
    ids = list(question_list(consultation=consultation).values_list("pk", flat=True))
    if pk not in ids:
        raise Http404
    here = ids.index(pk)
    there = here - 1 if request.POST.get("direction") == "up" else here + 1
    if 0 <= there < len(ids):
        ids[here], ids[there] = ids[there], ids[here]
        try:
            questions_reorder(actor=request.user, consultation=consultation, question_ids=ids)
        except DomainError as error:
            messages.error(request, str(error.message))
    return redirect(reverse("questionnaires:editor", args=[consultation.slug]) + f"#question-{pk}")


@staff_consultation(Perm.VIEW)
def results_staff(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The results as they stand, with every reason and text not hidden."""
    results = questionnaire_results(consultation_id=consultation.pk, public=False)
    context = {"consultation": consultation, "results": results, "staff": True,
               "thai_digits": consultation.thai_digits}  # fmt: skip
    return render(request, "questionnaires/staff/results.html", context)


STATES = [("pending", CommentStatus.PENDING), ("published", CommentStatus.PUBLISHED), ("hidden", CommentStatus.HIDDEN)]


@staff_consultation(Perm.MODERATE)
def answers(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The answers with their written reasons and texts to review (GET); publish or hide the selected (POST)."""
    state = request.GET.get("state", "pending")
    state = state if state in dict(STATES) else "pending"
    form = ModerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = [int(pk) for pk in request.POST.getlist("answers") if pk.isdigit()]
        try:
            data = form.cleaned_data
            count = answers_moderate(actor=request.user, consultation=consultation, answer_ids=ids,
                                     action=data["action"], reason=data["reason"])  # fmt: skip
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Answers changed: %(count)s.") % {"count": count})
        return redirect(reverse("questionnaires:answers", args=[consultation.slug]) + f"?state={state}")
    rows = answer_list_for_staff(consultation_id=consultation.pk, status=state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"consultation": consultation, "page": page, "state": state, "form": form,
               "states": [(value, status.label) for value, status in STATES],
               "can_organise": can(request.user, Perm.ORGANISE, consultation.agency_id)}  # fmt: skip
    return render(request, "questionnaires/staff/answers.html", context)


@require_POST
@staff_consultation(Perm.MODERATE)
def answer_erase_view(request: HttpRequest, consultation: Consultation, pk: int) -> HttpResponse:
    """Erase an answerer's personal data and written texts under the PDPA (organisers only; audited)."""
    answer = Answer.objects.select_related("consultation").filter(pk=pk, consultation=consultation).first()
    if answer is None:
        raise Http404
    try:
        answer_erase(actor=request.user, answer=answer)
        messages.success(request, _("The answerer's personal data and written texts were erased."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(reverse("questionnaires:answers", args=[consultation.slug]) + "?state=hidden")


@staff_consultation(Perm.MODERATE)
def answer_offline(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """Key in answers that came on a paper or faxed reply form, or by e-mail."""
    questions = list(question_list(consultation=consultation))
    form = OfflineAnswerForm(request.POST or None, questions=questions)
    context: dict[str, Any] = {
        "consultation": consultation,
        "form": form,
        "rows": form.question_rows(section_titles(consultation_id=consultation.pk)),
    }
    if request.method == "POST" and form.is_valid():
        try:
            answer = answer_submit(
                actor=request.user, consultation=consultation, data=form.service_data(),
                channel=form.cleaned_data["channel"], language=current_language(),
                received_at=form.cleaned_data["received_at"], accept_late=form.cleaned_data["accept_late"],
            )  # fmt: skip
        except DomainError as error:
            _refused(form, error)
        else:
            message = _("Answers recorded with receipt number %(receipt)s.") % {"receipt": answer.receipt}
            messages.success(request, message)
            return redirect("questionnaires:offline", consultation.slug)
    status = 422 if form.errors else 200
    return render(request, "questionnaires/staff/offline.html", context, status=status)
