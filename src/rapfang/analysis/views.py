"""Staff dashboard of the analysis, for organisers and moderators of the consultation's agency (404 for others)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm
from rapfang.analysis import selectors
from rapfang.analysis.charts import BarChart, bar_chart
from rapfang.analysis.models import AnalysisRun, RunStage
from rapfang.analysis.services import (
    analysis_domain_set,
    analysis_group_set,
    analysis_run_start,
    analysis_staff_choice_clear,
)
from rapfang.analysis.variants import differences
from rapfang.comments.models import Comment, StakeholderType
from rapfang.comments.wordings import comment_places
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError
from rapfang.core.i18n import current_language, localized
from rapfang.core.thai import format_date

View = Callable[..., HttpResponse]
PAGE_SIZE = 25
TOP_GROUPS = 10
MOVE_TARGETS = 50
AUTOMATIC = "auto"  # a move form's choice that hands the decision back to the analysis
STOP_POLLING = 286  # htmx stops polling on this status


staff_only = staff_consultation(Perm.VIEW)


def _context(consultation: Consultation, **extra: Any) -> dict[str, Any]:
    return {"consultation": consultation, "thai_digits": consultation.thai_digits, **extra}


@staff_only
def dashboard(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    run = selectors.run_latest(consultation=consultation)
    counts = selectors.analysis_counts(consultation_id=consultation.pk)
    context = _context(
        consultation, run=run, active=selectors.run_is_active(run), counts=counts,
        groups=selectors.group_list(consultation=consultation)[:TOP_GROUPS],
        clusters=selectors.cluster_list(consultation=consultation), charts=_charts(consultation),
    )  # fmt: skip
    return render(request, "analysis/dashboard.html", context)


def _comments_url(consultation: Consultation, **filters: Any) -> str:
    return reverse("analysis:comments", args=[consultation.slug]) + "?" + urlencode(filters)


def _charts(consultation: Consultation) -> list[BarChart]:
    language = current_language()
    thai_digits = consultation.thai_digits and language == "th"
    domains = [
        (localized(domain, "name") if domain else _("None of these topics"), count,
         _comments_url(consultation, domain=domain.key if domain else "none"))
        for domain, count in selectors.domain_counts(consultation=consultation)
    ]  # fmt: skip
    by_type = selectors.stakeholder_counts(consultation=consultation)
    stakeholders = [
        (str(label), by_type.get(value, 0), _comments_url(consultation, stakeholder=value))
        for value, label in StakeholderType.choices
    ]
    days = [
        (format_date(day, lang=language, style="short", thai_digits=thai_digits), count,
         _comments_url(consultation, day=day.isoformat()))
        for day, count in selectors.day_counts(consultation=consultation)
    ]  # fmt: skip
    return [
        bar_chart("domains", _("Analysed comments per topic"), domains),
        bar_chart("stakeholders", _("Comments per stakeholder type"), stakeholders),
        bar_chart("days", _("Comments per day of submission"), days),
    ]


@staff_only
@require_POST
def run_start(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    try:
        run = analysis_run_start(actor=request.user, consultation=consultation)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("analysis:dashboard", consultation.slug)
    return redirect("analysis:run", consultation.slug, run.pk)


def _run_or_404(consultation: Consultation, run_id: int) -> AnalysisRun:
    run = selectors.run_get(consultation=consultation, run_id=run_id)
    if run is None:
        raise Http404
    return run


@staff_only
def run_detail(request: HttpRequest, consultation: Consultation, run_id: int) -> HttpResponse:
    run = _run_or_404(consultation, run_id)
    labels = dict(RunStage.choices)
    timings = [(labels.get(stage, stage), seconds) for stage, seconds in run.timings.items()]
    context = _context(consultation, run=run, active=selectors.run_is_active(run), timings=timings)
    return render(request, "analysis/run_detail.html", context)


@staff_only
def run_progress(request: HttpRequest, consultation: Consultation, run_id: int) -> HttpResponse:
    """The progress box alone, polled by htmx every second; 286 tells htmx to stop once the run has ended."""
    run = _run_or_404(consultation, run_id)
    active = selectors.run_is_active(run)
    context = _context(consultation, run=run, active=active)
    return render(request, "analysis/_run_progress.html", context, status=200 if active else STOP_POLLING)


@staff_only
def group_detail(request: HttpRequest, consultation: Consultation, group_id: int) -> HttpResponse:
    from rapfang.analysis.text.explain import common_passages, word_share  # the engine, on this page only

    group = selectors.group_get(consultation=consultation, group_id=group_id)
    if group is None:
        raise Http404
    variants = selectors.group_variants(group=group)
    representative = group.representative.text if group.representative else ""
    words = selectors.group_representative_tokens(group=group)
    others = [variant for variant in variants if variant["comment"].pk != group.representative_id]
    for variant in variants:
        variant["pieces"] = differences(representative, variant["comment"].text)
        variant["share"] = round(100 * word_share(words, variant["tokens"]))
    shared = common_passages(words, [variant["tokens"] for variant in others])
    rows = selectors.analysed_comment_list(consultation=consultation, filters={"group": str(group.pk)})
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    _name_closest(page.object_list, consultation)
    context = _context(
        consultation, group=group, variants=variants, page=page, places=_places(page), shared=shared,
        compared=len(others), **_move_choices(consultation),
    )  # fmt: skip
    return render(request, "analysis/group_detail.html", context)


def _name_closest(rows: Any, consultation: Consultation) -> None:
    """Each row's closest topics as (name, score) pairs, for "none of these" and the confidence beside it."""
    names = {topic.key: localized(topic, "name") for topic in consultation.topics.all()}
    for row in rows:
        row.closest_named = [(names[key], score) for key, score in row.closest_domains if key in names]


@staff_only
def comment_list(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """Drill-down: the analysed comments behind a bar, a cluster or a group, with staff's move forms."""
    filters = {name: request.GET.get(name, "") for name in selectors.FILTERS}
    rows = selectors.analysed_comment_list(consultation=consultation, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    _name_closest(page.object_list, consultation)
    query = urlencode({name: value for name, value in filters.items() if value})
    context = _context(
        consultation, page=page, filters=filters, query=query, described=_described(consultation, filters),
        places=_places(page), **_move_choices(consultation),
    )  # fmt: skip
    return render(request, "analysis/comment_list.html", context)


def _places(page: Any) -> dict[int, Any]:
    """Where each comment of the page stands in the draft today (an earlier wording, superseded text)."""
    return comment_places(comments=[row.comment for row in page.object_list])


def _described(consultation: Consultation, filters: dict[str, str]) -> list[tuple[str, str]]:
    """The filters in words, for the heading of the drill-down."""
    described = []
    if filters["domain"]:
        domain = consultation.topics.filter(key=filters["domain"]).first()
        described.append((_("Topic"), localized(domain, "name") if domain else _("No topic")))
    if filters["stakeholder"]:
        described.append((_("Stakeholder type"), str(dict(StakeholderType.choices).get(filters["stakeholder"], "?"))))
    if filters["day"]:
        described.append((_("Day of submission"), _day_text(consultation, filters["day"])))
    if filters["cluster"]:
        cluster = selectors.cluster_list(consultation=consultation).filter(pk=_int(filters["cluster"])).first()
        described.append((_("Cluster"), ", ".join(cluster.keywords[:4]) if cluster else "?"))
    if filters["group"]:
        described.append((_("Campaign"), filters["group"]))
    return described


def _day_text(consultation: Consultation, day: str) -> str:
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return day
    language = current_language()
    return format_date(parsed, lang=language, thai_digits=consultation.thai_digits and language == "th")


def _move_choices(consultation: Consultation) -> dict[str, Any]:
    domains = [(domain.key, localized(domain, "name")) for domain in consultation.topics.order_by("order", "key")]
    groups = selectors.group_list(consultation=consultation)[:MOVE_TARGETS]
    return {"domain_choices": domains, "group_choices": groups}


@staff_only
@require_POST
def comment_move(request: HttpRequest, consultation: Consultation, comment_id: int) -> HttpResponse:
    """Put one comment in another domain (``domain``) or duplicate group (``group``); "none" for neither."""
    comment = Comment.objects.select_related("consultation").filter(pk=comment_id, consultation=consultation).first()
    if comment is None:
        raise Http404
    try:
        _move(request, consultation, comment)
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(_back(request, consultation))


def _move(request: HttpRequest, consultation: Consultation, comment: Comment) -> None:
    released = {
        "domain": _("The next run of the analysis decides this comment's topic again."),
        "group": _("The next run of the analysis decides this comment's campaign again."),
    }
    for field, message in released.items():
        if request.POST.get(field) == AUTOMATIC:
            analysis_staff_choice_clear(actor=request.user, comment=comment, field=field)
            messages.success(request, message)
            return
    if "domain" in request.POST:
        key = request.POST["domain"]
        domain = None if key == "none" else consultation.topics.filter(key=key).first()
        if key != "none" and domain is None:
            raise DomainError(_("Choose one of the consultation's topics."), code="unknown_domain")
        analysis_domain_set(actor=request.user, comment=comment, domain=domain)
        messages.success(request, _("Comment %(receipt)s moved to another topic.") % {"receipt": comment.receipt})
        return
    value = request.POST.get("group", "")
    group = None if value == "none" else selectors.group_get(consultation=consultation, group_id=_int(value))
    if value != "none" and group is None:
        raise DomainError(_("Choose one of the consultation's duplicate groups."), code="unknown_group")
    analysis_group_set(actor=request.user, comment=comment, group=group)
    messages.success(request, _("Comment %(receipt)s moved to another group.") % {"receipt": comment.receipt})


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _back(request: HttpRequest, consultation: Consultation) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("analysis:comments", args=[consultation.slug])


@staff_only
def questionnaire_reasons(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The questionnaire's written reasons analysed like comments: campaigns, topics, the words used most."""
    from rapfang.analysis.reasons import reasons_analyse

    context = _context(consultation, analyses=reasons_analyse(consultation=consultation))
    return render(request, "analysis/questionnaire_reasons.html", context)
