"""Running the analysis on a consultation: results stored with the comments, incremental re-runs, staff's moves."""

from __future__ import annotations

from typing import Any

import pytest

from analysis.labelled_sample import accuracy, load_sample, pairwise_precision_recall
from analysis_app.conftest import submit
from rapfang.analysis.models import AnalysisRun, CommentAnalysis, DuplicateGroup, RunStatus, TopicCluster
from rapfang.analysis.services import analysis_domain_set, analysis_group_set, analysis_run_execute, analysis_run_start
from rapfang.comments.moderation import comment_moderate
from rapfang.consultations.models import Topic
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.long


def run(consultation: Any, actor: Any = SYSTEM) -> AnalysisRun:
    started = analysis_run_start(actor=actor, consultation=consultation, enqueue=False)
    return analysis_run_execute(run_id=started.pk, workers=1)


def snapshot(consultation: Any) -> dict[int, tuple]:
    rows = CommentAnalysis.objects.filter(consultation=consultation).select_related("group", "cluster", "domain")
    return {row.comment_id: _facts(row) for row in rows}


def _facts(row: CommentAnalysis) -> tuple:
    group = row.group.representative_id if row.group else None
    cluster = row.cluster.number if row.cluster else None
    domain = row.domain.key if row.domain else None
    return group, cluster, domain, row.confidence, tuple(row.keywords), row.tokens


@pytest.mark.django_db
def test_a_run_stores_groups_clusters_and_domains_with_the_comments(demo, sample_comments):
    finished = run(demo)

    assert finished.status == RunStatus.DONE and finished.progress == 100
    assert finished.comments == len(sample_comments) == finished.segmented and finished.reused == 0
    assert set(finished.timings) >= {"normalise", "segment", "dedup", "cluster", "classify", "store"}
    rows = {row.comment_id: row for row in CommentAnalysis.objects.filter(consultation=demo).select_related("domain")}
    assert len(rows) == len(sample_comments)
    records = load_sample()
    by_id = {record["id"]: rows[sample_comments[record["id"]].pk] for record in records}
    precision, recall = pairwise_precision_recall(
        {key: row.group_id for key, row in by_id.items()}, {r["id"]: r["campaign"] for r in records}
    )
    assert precision >= 0.98 and recall >= 0.95
    domains = {key: row.domain.key if row.domain else None for key, row in by_id.items()}
    assert accuracy(domains, records) >= 0.75
    assert finished.groups == DuplicateGroup.objects.filter(consultation=demo).count() > 0
    assert finished.clusters == TopicCluster.objects.filter(consultation=demo).count() >= 2


@pytest.mark.django_db
def test_each_group_has_its_count_variants_and_one_marked_representative(demo, sample_comments):
    run(demo)

    for group in DuplicateGroup.objects.filter(consultation=demo):
        members = CommentAnalysis.objects.filter(group=group)
        assert group.size == members.count() >= 2
        assert group.variants == len({row.text_key for row in members})
        assert list(members.filter(is_representative=True).values_list("comment_id", flat=True)) == [
            group.representative_id
        ]
    with_keywords = DuplicateGroup.objects.filter(consultation=demo).exclude(keywords=[]).count()
    assert with_keywords >= DuplicateGroup.objects.filter(consultation=demo).count() - 1  # a spam group has none
    assert not CommentAnalysis.objects.filter(group__isnull=True, is_representative=True).exists()


@pytest.mark.django_db
def test_a_rerun_segments_only_new_and_changed_comments_and_equals_a_fresh_run(demo, sample_comments):
    run(demo)
    comment = sample_comments["s002"]
    comment.text = "Publish every tender document and the reference prices openly, before the bids close."
    comment.save(update_fields=["text"])
    added = submit(demo, "ควรเปิดเผยราคากลางและเอกสารประกวดราคาทุกโครงการให้ประชาชนตรวจสอบได้", 3)

    again = run(demo)

    assert (again.segmented, again.reused) == (2, len(sample_comments) - 1)
    incremental = snapshot(demo)
    assert added.pk in incremental
    CommentAnalysis.objects.filter(consultation=demo).delete()
    DuplicateGroup.objects.filter(consultation=demo).delete()
    fresh = run(demo)
    assert fresh.segmented == len(sample_comments) + 1
    assert snapshot(demo) == incremental


@pytest.mark.django_db
def test_a_rerun_with_nothing_new_segments_nothing_and_keeps_the_group_rows(demo, sample_comments):
    run(demo)
    groups = set(DuplicateGroup.objects.filter(consultation=demo).values_list("pk", flat=True))
    before = snapshot(demo)

    again = run(demo)

    assert (again.segmented, again.reused) == (0, len(sample_comments))
    assert set(DuplicateGroup.objects.filter(consultation=demo).values_list("pk", flat=True)) == groups
    assert snapshot(demo) == before


@pytest.mark.django_db
def test_hidden_comments_leave_the_analysis_on_the_next_run(demo, sample_comments, moderator):
    run(demo)
    spam = sample_comments["s004"]
    comment_moderate(actor=moderator, comment_ids=[spam.pk], action="hide", reason="spam")

    again = run(demo)

    assert again.comments == len(sample_comments) - 1
    assert not CommentAnalysis.objects.filter(comment=spam).exists()


@pytest.mark.django_db
def test_staff_moves_of_domain_and_group_survive_a_rerun(demo, sample_comments, moderator):
    run(demo)
    rows = CommentAnalysis.objects.filter(consultation=demo)
    grouped = rows.filter(group__isnull=False).select_related("comment", "group").first()
    unique = rows.filter(group__isnull=True).exclude(domain__key="transport").select_related("comment").first()
    transport = Topic.objects.get(key="transport")
    target = grouped.group

    analysis_domain_set(actor=moderator, comment=unique.comment, domain=transport)
    analysis_group_set(actor=moderator, comment=unique.comment, group=target)
    analysis_group_set(actor=moderator, comment=grouped.comment, group=None)
    target.refresh_from_db()
    size_after_moves = target.size
    run(demo)

    unique.refresh_from_db()
    grouped.refresh_from_db()
    assert (unique.domain_id, unique.domain_by_staff, unique.group_id) == (transport.pk, True, target.pk)
    assert (grouped.group_id, grouped.group_by_staff) == (None, True)
    target.refresh_from_db()
    assert target.size == size_after_moves == CommentAnalysis.objects.filter(group=target).count()
    assert AuditEntry.objects.filter(action="analysis.comment.group_set", actor=moderator).count() == 2
    assert AuditEntry.objects.filter(action="analysis.comment.domain_set", actor=moderator).count() == 1


@pytest.mark.django_db
def test_moves_are_refused_to_outsiders_and_for_foreign_domains(demo, sample_comments, outsider, foreign_topic):
    run(demo)
    comment = sample_comments["s002"]
    foreign = foreign_topic

    with pytest.raises(PermissionDenied):
        analysis_domain_set(actor=outsider, comment=comment, domain=None)
    with pytest.raises(InvalidInput):
        analysis_domain_set(actor=SYSTEM, comment=comment, domain=foreign)
    assert not CommentAnalysis.objects.get(comment=comment).domain_by_staff


@pytest.mark.django_db
def test_a_second_start_while_one_is_queued_is_a_conflict_and_outsiders_cannot_start(demo, outsider, organiser):
    analysis_run_start(actor=organiser, consultation=demo, enqueue=False)

    with pytest.raises(Conflict):
        analysis_run_start(actor=organiser, consultation=demo, enqueue=False)
    with pytest.raises(PermissionDenied):
        analysis_run_start(actor=outsider, consultation=demo, enqueue=False)
    assert AuditEntry.objects.filter(action="analysis.run.start", actor=organiser).count() == 1


@pytest.mark.django_db
def test_a_run_without_comments_finishes_empty(demo):
    finished = run(demo)

    assert (finished.status, finished.comments, finished.groups, finished.clusters) == (RunStatus.DONE, 0, 0, 0)


@pytest.mark.django_db
def test_executing_a_run_twice_does_the_work_once(demo, sample_comments):
    finished = run(demo)

    again = analysis_run_execute(run_id=finished.pk, workers=1)

    assert again.finished_at == finished.finished_at
    assert AuditEntry.objects.filter(action="analysis.run.finish").count() == 1


@pytest.mark.django_db
def test_a_failed_run_is_recorded_and_leaves_the_last_results_as_they_were(demo, sample_comments, monkeypatch):
    run(demo)
    before = snapshot(demo)
    comment = sample_comments["s003"]
    comment.text = "ที่ดินราชพัสดุที่ว่างอยู่ควรแสดงบนแผนที่สาธารณะ"
    comment.save(update_fields=["text"])

    def broken(*args, **kwargs):
        raise MemoryError("no room")

    monkeypatch.setattr("rapfang.analysis.services.results_store", broken)
    started = analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)
    with pytest.raises(MemoryError):
        analysis_run_execute(run_id=started.pk, workers=1)

    started.refresh_from_db()
    assert started.status == RunStatus.FAILED and "no room" in started.error and started.finished_at
    assert snapshot(demo) == before
    analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)  # a failed run does not block the next


@pytest.mark.django_db
def test_a_run_left_running_by_a_dead_worker_stops_blocking_after_a_while(demo):
    from datetime import timedelta

    from django.utils import timezone

    from rapfang.analysis.services import STALE_AFTER

    stuck = analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)
    AnalysisRun.objects.filter(pk=stuck.pk).update(
        status=RunStatus.RUNNING, created_at=timezone.now() - STALE_AFTER - timedelta(seconds=1)
    )

    assert analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False).pk != stuck.pk
