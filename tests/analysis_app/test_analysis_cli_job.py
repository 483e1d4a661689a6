"""`rapfang analyze --consultation SLUG` and the background job: both go through the same services."""

from __future__ import annotations

import pytest
from django_tasks import TaskResultStatus

from rapfang.analysis.models import AnalysisRun, CommentAnalysis, RunStatus
from rapfang.analysis.services import analysis_run_start
from rapfang.analysis.tasks import analysis_run_task
from rapfang.cli import main
from rapfang.core.actors import SYSTEM


@pytest.mark.django_db
def test_analyze_consultation_draws_stage_bars_on_stderr_and_prints_a_summary(demo, sample_comments, capsys):
    code = main(["analyze", "--consultation", demo.slug])

    captured = capsys.readouterr()
    assert code == 0
    assert "segment [" in captured.err and "100%" in captured.err
    assert (
        f"comments: {len(sample_comments)} analysed ({len(sample_comments)} segmented anew, 0 reused)" in captured.err
    )
    run = AnalysisRun.objects.get(consultation=demo)
    assert run.status == RunStatus.DONE and run.requested_by is None
    assert CommentAnalysis.objects.filter(consultation=demo).count() == len(sample_comments)


@pytest.mark.django_db
def test_analyze_consultation_twice_reuses_every_comment_the_second_time(demo, sample_comments, capsys):
    main(["analyze", "--consultation", demo.slug, "--quiet"])
    capsys.readouterr()

    assert main(["analyze", "--consultation", demo.slug, "--quiet"]) == 0

    err = capsys.readouterr().err
    assert f"(0 segmented anew, {len(sample_comments)} reused)" in err
    assert "[" not in err  # quiet: no bars


@pytest.mark.django_db
def test_analyze_an_unknown_consultation_says_so_and_fails(capsys):
    assert main(["analyze", "--consultation", "no-such-hearing"]) == 1
    assert "no-such-hearing" in capsys.readouterr().err


@pytest.mark.django_db
def test_analyze_while_a_run_is_queued_refuses_with_the_conflict(demo, capsys):
    analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)

    assert main(["analyze", "--consultation", demo.slug]) == 1
    assert "analysis_running" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_job_carries_out_the_run_it_is_given(demo, sample_comments):
    run = analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)

    result = analysis_run_task.enqueue(run.pk)

    run.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert (run.status, run.progress, run.comments) == (RunStatus.DONE, 100, len(sample_comments))


@pytest.mark.django_db
def test_starting_a_run_enqueues_the_job_once_the_transaction_commits(
    demo, sample_comments, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = analysis_run_start(actor=organiser, consultation=demo)

    run.refresh_from_db()
    assert [c.__qualname__ for c in callbacks].count("analysis_run_start.<locals>.<lambda>") == 1  # the job, once
    assert run.status == RunStatus.DONE and run.requested_by == organiser
