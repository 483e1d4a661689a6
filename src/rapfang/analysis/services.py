"""Analysing a consultation's comments and staff's corrections. Every write here is a service."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.analysis import selectors
from rapfang.analysis.compute import Item, Progress, compute
from rapfang.analysis.models import AnalysisRun, CommentAnalysis, DuplicateGroup, RunStage, RunStatus, TopicCluster
from rapfang.analysis.store import groups_refresh, results_store
from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation, Topic
from rapfang.core.actors import SYSTEM, acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput, NotFound
from rapfang.core.jobs import RowProgress

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=2)  # a run still "running" after this is taken as dead (its worker stopped)
# Where each stage's progress falls between 0 and 100 %.
STAGE_SPAN = {
    "reading": (0, 5), "normalise": (5, 10), "segment": (10, 60), "dedup": (60, 70), "cluster": (70, 80),
    "classify": (80, 90), "store": (90, 99),
}  # fmt: skip


def _check_staff(actor: Any, consultation: Consultation) -> None:
    require(actor, Perm.MODERATE, consultation.agency_id)


@transaction.atomic
def analysis_run_start(*, actor: Any, consultation: Consultation, enqueue: bool = True) -> AnalysisRun:
    """Queue an analysis of the consultation's comments; Conflict while another one is under way."""
    _check_staff(actor, consultation)
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()  # one start at a time
    active = AnalysisRun.objects.filter(
        consultation=consultation, status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
        created_at__gte=timezone.now() - STALE_AFTER,
    )  # fmt: skip
    if active.exists():
        raise Conflict(_("An analysis of this consultation is already under way."), code="analysis_running")
    run = AnalysisRun.objects.create(consultation=consultation, requested_by=acting_user(actor))
    audit_log(actor=actor, action="analysis.run.start", target=run)
    if enqueue:
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from rapfang.analysis.tasks import analysis_run_task

    analysis_run_task.enqueue(run_id)


def analysis_run_execute(*, run_id: int, progress: Progress | None = None, workers: int | None = None) -> AnalysisRun:
    """Carry out a queued run (the job and the CLI call this); results are saved all at once, or not at all."""
    claimed = AnalysisRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), stage=RunStage.READING
    )
    run = AnalysisRun.objects.select_related("consultation").get(pk=run_id)
    if not claimed:
        return run  # already carried out, or under way elsewhere
    report = RowProgress(AnalysisRun.objects.filter(pk=run_id), STAGE_SPAN, progress)
    try:
        _execute(run, report, workers)
    except Exception as error:
        logger.exception("analysis run %s failed", run_id)
        AnalysisRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    return run


def _execute(run: AnalysisRun, report: RowProgress, workers: int | None) -> None:
    consultation = run.consultation
    report("reading", 0, 1)
    items = selectors.analysis_items(consultation=consultation)
    domains, domain_ids = selectors.engine_domains(consultation=consultation)
    report("reading", 1, 1)
    computed = compute(items, domains, progress=report, workers=workers)
    report("store", 0, 1)
    began = time.monotonic()
    with transaction.atomic():
        results_store(run=run, consultation=consultation, computed=computed, domain_ids=domain_ids)
        timings = {**computed.timings, "store": round(time.monotonic() - began, 3)}
        _finish(run, items, computed.segmented, timings)


def _finish(run: AnalysisRun, items: list[Item], segmented: int, timings: dict[str, float]) -> None:
    counts = selectors.analysis_counts(consultation_id=run.consultation_id)
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, stage=RunStage.DONE, progress=100, finished_at=timezone.now(), timings=timings,
        comments=len(items), segmented=segmented, reused=len(items) - segmented, groups=counts["groups"],
        clusters=counts["clusters"], with_domain=counts["with_domain"],
    )  # fmt: skip
    audit_log(actor=SYSTEM, action="analysis.run.finish", target=run,
              data={"comments": len(items), "segmented": segmented})  # fmt: skip


def _analysis_for(actor: Any, comment: Comment) -> CommentAnalysis:
    _check_staff(actor, comment.consultation)
    row = CommentAnalysis.objects.select_for_update().filter(comment=comment).first()
    if row is None:
        raise NotFound(_("This comment has not been analysed yet; run the analysis first."), code="not_analysed")
    return row


@transaction.atomic
def analysis_domain_set(*, actor: Any, comment: Comment, domain: Topic | None) -> CommentAnalysis:
    """Staff put the comment in ``domain`` (None: no domain); later runs keep their choice."""
    row = _analysis_for(actor, comment)
    if domain is not None and not comment.consultation.topics.filter(pk=domain.pk).exists():
        raise InvalidInput(_("This topic is not one of the consultation's topics."), code="unknown_domain")
    before = row.domain_id
    row.domain, row.domain_by_staff, row.confidence = domain, True, 1.0
    row.save(update_fields=["domain", "domain_by_staff", "confidence"])
    audit_log(actor=actor, action="analysis.comment.domain_set", target=comment,
              data={"from": before, "to": domain.key if domain else None})  # fmt: skip
    return row


@transaction.atomic
def analysis_group_set(*, actor: Any, comment: Comment, group: DuplicateGroup | None) -> CommentAnalysis:
    """Staff move the comment into ``group`` (None: out of any group); later runs keep their choice."""
    row = _analysis_for(actor, comment)
    if group is not None and group.consultation_id != comment.consultation_id:
        raise InvalidInput(_("This group belongs to another consultation."), code="unknown_group")
    before = row.group_id
    row.group, row.group_by_staff = group, True
    row.save(update_fields=["group", "group_by_staff"])
    groups_refresh(consultation_id=comment.consultation_id)
    audit_log(actor=actor, action="analysis.comment.group_set", target=comment,
              data={"from": before, "to": group.pk if group else None})  # fmt: skip
    return row


@transaction.atomic
def analysis_staff_choice_clear(*, actor: Any, comment: Comment, field: str) -> CommentAnalysis:
    """Hand the comment's ``field`` ("domain" or "group") back to the analysis: the next run decides it."""
    if field not in ("domain", "group"):
        raise InvalidInput(code="unknown_field")
    row = _analysis_for(actor, comment)
    setattr(row, f"{field}_by_staff", False)
    row.save(update_fields=[f"{field}_by_staff"])
    audit_log(
        actor=actor,
        action="analysis.comment.domain_release" if field == "domain" else "analysis.comment.group_release",
        target=comment,
    )
    return row


def analysis_comment_forget(*, actor: Any, comment: Comment) -> dict[str, Any]:
    """A step of erasing a comment (`settings.ERASURE_STEPS`), in the erasure's transaction: its row of words,
    keywords and places goes; its campaign is recounted and its topic given another representative."""
    row = CommentAnalysis.objects.filter(comment_id=comment.pk).first()
    if row is None:
        return {}
    row.delete()
    groups_refresh(consultation_id=comment.consultation_id)
    if row.cluster_id is not None:
        members = CommentAnalysis.objects.filter(cluster_id=row.cluster_id).order_by("comment_id")
        first = members.values_list("comment_id", flat=True).first()
        TopicCluster.objects.filter(pk=row.cluster_id).update(size=members.count(), representative_id=first)
    return {"analysis_removed": True}
