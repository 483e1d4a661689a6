"""Prometheus metrics for a token only, with requests by view, the job queue, the mail outbox and job durations;
log lines as JSON when asked."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from rapfang.core.logjson import JsonFormatter

TOKEN = "scrape-" + "t" * 30


def scrape(client) -> dict[str, list]:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    return {family.name: family.samples for family in text_string_to_metric_families(response.content.decode())}


def value(samples, name, **labels) -> float:
    return sum(s.value for s in samples if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()))


def test_no_metrics_page_without_a_token_configured_and_none_for_a_wrong_token(client, settings, db):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer " + "x" * 36})
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")


def test_requests_are_counted_by_view_not_by_path(client, settings, demo):
    settings.METRICS_TOKEN = TOKEN
    before = scrape(client)["rapfang_http_requests"]
    client.get(f"/consultations/{demo.slug}/")
    client.get("/no-such-page/")
    after = scrape(client)
    requests = after["rapfang_http_requests"]
    view = "portal:consultation"
    assert value(requests, "rapfang_http_requests_total", view=view, status="200") == (
        value(before, "rapfang_http_requests_total", view=view, status="200") + 1
    )
    assert value(requests, "rapfang_http_requests_total", status="404") >= 1
    assert not any("/consultations/" in s.labels.get("view", "") for s in requests)
    latency = after["rapfang_http_request_duration_seconds"]
    assert value(latency, "rapfang_http_request_duration_seconds_count", view=view) >= 1


def test_the_queue_the_outbox_and_job_durations_come_from_the_database(client, settings, db):
    settings.METRICS_TOKEN = TOKEN
    now = timezone.now()
    common = {"args_kwargs": {"args": [], "kwargs": {}}, "backend_name": "default", "queue_name": "default"}
    DBTaskResult.objects.create(task_path="rapfang.reports.tasks.report_generate", status="READY",
                                run_after=now - timedelta(seconds=1), **common)  # fmt: skip
    DBTaskResult.objects.filter().update(enqueued_at=now - timedelta(seconds=90))
    for seconds in (3, 40):
        DBTaskResult.objects.create(task_path="rapfang.analysis.tasks.analysis_run", status="SUCCESSFUL",
                                    run_after=now, started_at=now - timedelta(seconds=seconds), finished_at=now,
                                    **common)  # fmt: skip
    figures = scrape(client)
    assert value(figures["rapfang_jobs_queued"], "rapfang_jobs_queued") == 1
    assert 85 <= value(figures["rapfang_jobs_queued_oldest_seconds"], "rapfang_jobs_queued_oldest_seconds") < 300
    durations = figures["rapfang_job_duration_seconds"]
    labels = {"task": "analysis_run", "outcome": "successful"}
    assert value(durations, "rapfang_job_duration_seconds_count", **labels) == 2
    assert value(durations, "rapfang_job_duration_seconds_bucket", le="5.0", **labels) == 1
    assert value(durations, "rapfang_job_duration_seconds_bucket", le="60.0", **labels) == 2
    assert value(durations, "rapfang_job_duration_seconds_sum", **labels) == pytest.approx(43, abs=0.01)
    assert value(figures["rapfang_mail_outbox_messages"], "rapfang_mail_outbox_messages") == 0


def test_log_records_become_json_lines_with_their_extra_fields():
    record = logging.LogRecord("rapfang.test", logging.WARNING, __file__, 1, "ลงทะเบียน %s", ("เต็ม",), None)
    record.event_id = 7
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "ลงทะเบียน เต็ม" and line["level"] == "WARNING" and line["logger"] == "rapfang.test"
    assert line["event_id"] == 7 and datetime.fromisoformat(line["time"]).tzinfo is not None
    access = logging.LogRecord("granian.access", logging.INFO, __file__, 1, "%(method)s %(path)s", None, None)
    access.args = {"method": "GET", "path": "/readyz", "status": 200, "_h0": "-", "time": "2026-12-03 02:28:16 +0700"}
    entry = json.loads(JsonFormatter().format(access))
    assert entry["message"] == "GET /readyz" and entry["status"] == 200 and "_h0" not in entry
    assert datetime.fromisoformat(entry["time"]).tzinfo is not None  # the line's own time, in one format
