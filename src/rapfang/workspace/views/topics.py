"""A consultation's own topics: listed, added, edited, removed (after a question), reordered, copied from another."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.consultations.models import Consultation, Topic
from rapfang.consultations.services import topic_add, topic_delete, topic_save, topics_copy, topics_reorder
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError
from rapfang.workspace.forms_topics import TopicForm, TopicsCopyForm
from rapfang.workspace.selectors import topic_sources
from rapfang.workspace.views.common import READ, may_organise, organiser_only, page, refuse


def _context(request: HttpRequest, consultation: Consultation, **extra: object) -> dict[str, object]:
    organiser = may_organise(request, consultation)
    sources = topic_sources(actor=request.user, consultation=consultation)
    return {
        "consultation": consultation,
        "topics": list(consultation.topics.all()),
        "can_organise": organiser,
        "form": TopicForm(),
        "copy_form": TopicsCopyForm(sources=sources) if organiser else None,
        "has_sources": organiser and sources.exists(),
        **extra,
    }


@staff_consultation(READ)
def topics(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """GET: the topics in their order; POST: a new topic (its key made from its name when not given)."""
    if request.method != "POST":
        return render(request, "workspace/topics.html", _context(request, consultation))
    organiser_only(request, consultation)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            topic = topic_add(actor=request.user, consultation=consultation, key=form.cleaned_data["key"],
                              **form.texts())  # fmt: skip
        except DomainError as error:
            refuse(form, error, "key")
        else:
            messages.success(request, _("The topic %(name)s is added.") % {"name": topic})
            return redirect("workspace:topics", consultation.slug)
    return page(request, "workspace/topics.html", _context(request, consultation, form=form))


def _topic(consultation: Consultation, key: str) -> Topic:
    topic = consultation.topics.filter(key=key).first()
    if topic is None:
        raise Http404
    return topic


@staff_consultation(READ)
def topic_edit(request: HttpRequest, consultation: Consultation, key: str) -> HttpResponse:
    organiser_only(request, consultation)
    topic = _topic(consultation, key)
    form = TopicForm(request.POST or None, initial=TopicForm.initial_of(topic), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            topic_save(actor=request.user, consultation=consultation, key=topic.key, **form.texts())
        except DomainError as error:
            refuse(form, error)
        else:
            messages.success(request, _("The topic is saved."))
            return redirect("workspace:topics", consultation.slug)
    return page(request, "workspace/topic_edit.html", {"consultation": consultation, "topic": topic, "form": form})


@staff_consultation(READ)
def topic_remove(request: HttpRequest, consultation: Consultation, key: str) -> HttpResponse:
    """GET: the question; POST: the topic is removed (comments and issues sorted into it keep their place)."""
    organiser_only(request, consultation)
    topic = _topic(consultation, key)
    if request.method == "POST":
        topic_delete(actor=request.user, topic=topic)
        messages.success(request, _("The topic %(name)s is removed.") % {"name": topic})
        return redirect("workspace:topics", consultation.slug)
    return render(request, "workspace/topic_remove.html", {"consultation": consultation, "topic": topic})


@require_POST
@staff_consultation(READ)
def topic_move(request: HttpRequest, consultation: Consultation, key: str) -> HttpResponse:
    """Move a topic one place up or down."""
    organiser_only(request, consultation)
    keys = list(consultation.topics.values_list("key", flat=True))
    if key not in keys:
        raise Http404
    here = keys.index(key)
    there = here - 1 if request.POST.get("direction") == "up" else here + 1
    if 0 <= there < len(keys):
        keys[here], keys[there] = keys[there], keys[here]
        try:
            topics_reorder(actor=request.user, consultation=consultation, keys=keys)
        except DomainError as error:
            messages.error(request, str(error.message))
    return redirect(reverse("workspace:topics", args=[consultation.slug]) + f"#topic-{key}")


@require_POST
@staff_consultation(READ)
def topics_copy_view(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """Copy the topics of an earlier consultation (the person's agencies', or a published one)."""
    organiser_only(request, consultation)
    sources = topic_sources(actor=request.user, consultation=consultation)
    form = TopicsCopyForm(request.POST, sources=sources)
    if form.is_valid():
        copied = topics_copy(actor=request.user, source=form.cleaned_data["source"], target=consultation)
        messages.success(request, _("Topics copied: %(count)s.") % {"count": len(copied)})
        return redirect("workspace:topics", consultation.slug)
    return page(request, "workspace/topics.html", _context(request, consultation, copy_form=form))
