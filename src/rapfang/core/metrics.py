"""Prometheus metrics at `/metrics`, for a bearer token (`RAPFANG_METRICS_TOKEN`; without one there is no page).

Two kinds of figures:
- this machine's requests, counted by every web server process: answers by view, method and status, the time
  to answer by view, and the requests refused because the process was full (`rapfang_http_shed_total`, by api
  or page). `rapfang serve` gives its processes one folder to count in (prometheus-client's
  multiprocess mode, `PROMETHEUS_MULTIPROC_DIR`), so any of them answers for all.
- the site's, read from the database at each scrape, the same on every machine (scrape one, or take `max`): the
  job queue's depth and the age of its oldest waiting job, jobs running, how long finished jobs took (analysis,
  reports, every job, by name and outcome), and the figures each app lists in `settings.METRICS_FIGURES` (the
  registrants' mail outbox: messages waiting and the oldest's age).
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
JOB_BUCKETS = (0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

REQUESTS = Counter("rapfang_http_requests", "HTTP requests answered", ["view", "method", "status"])
SHED = Counter(
    "rapfang_http_shed",
    "Requests refused at once with 503: the process was serving all it could (core.overload)",
    ["kind"],
)
LATENCY = Histogram(
    "rapfang_http_request_duration_seconds", "Time to answer an HTTP request", ["view"], buckets=REQUEST_BUCKETS
)


@dataclass(frozen=True)
class Figure:
    """One gauge of the site's state, as an app reports it (settings.METRICS_FIGURES)."""

    name: str
    help: str
    value: float
    labels: dict[str, str] = field(default_factory=dict)


def view_label(request: HttpRequest) -> str:
    """The URL pattern's name that answered (never the path: one series per view, not per page)."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return str(match.view_name or match._func_path)[:100]
    return "static" if request.path_info.startswith(settings.STATIC_URL) else "unmatched"


def request_observe(request: HttpRequest, response: HttpResponse, seconds: float) -> None:
    view = view_label(request)
    REQUESTS.labels(view=view, method=request.method or "", status=str(response.status_code)).inc()
    LATENCY.labels(view=view).observe(seconds)


def site_figures(now: Any = None) -> list[Figure]:
    """The job queue's figures, read from the database."""
    now = now or timezone.now()
    waiting = DBTaskResult.objects.ready().aggregate(n=Count("id"), oldest=Min("enqueued_at"))
    running = DBTaskResult.objects.running().count()
    oldest = (now - waiting["oldest"]).total_seconds() if waiting["oldest"] else 0.0
    return [
        Figure("rapfang_jobs_queued", "Jobs waiting for a worker", waiting["n"]),
        Figure("rapfang_jobs_queued_oldest_seconds", "Age of the oldest job waiting for a worker", max(oldest, 0.0)),
        Figure("rapfang_jobs_running", "Jobs a worker is running", running),
    ]


def job_durations() -> Iterator[tuple[str, str, list[int], int, float]]:
    """Per task and outcome of finished jobs: cumulative counts per bucket, the count, and the seconds summed."""
    took = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    buckets = {f"le{i}": Count("id", filter=Q(took__lte=timedelta(seconds=b))) for i, b in enumerate(JOB_BUCKETS)}
    rows = (
        DBTaskResult.objects.finished()
        .filter(started_at__isnull=False)
        .annotate(took=took)
        .values("task_path", "status")
        .annotate(n=Count("id"), total=Sum("took"), **buckets)
        .order_by("task_path", "status")
    )
    for row in rows:
        counts = [int(row[f"le{i}"]) for i in range(len(JOB_BUCKETS))]
        total = row["total"].total_seconds() if row["total"] else 0.0
        yield row["task_path"].rsplit(".", 1)[-1], str(row["status"]).lower(), counts, int(row["n"]), total


class SiteCollector:
    """The site's figures at each scrape (registered on the scrape's own registry only)."""

    def collect(self) -> Iterator[Metric]:
        figures = site_figures()
        for source in settings.METRICS_FIGURES:
            figures += import_string(source)()
        yield from _gauges(figures)
        histogram = HistogramMetricFamily(
            "rapfang_job_duration_seconds", "Time a finished job ran, by task and outcome", labels=["task", "outcome"]
        )
        for task, outcome, counts, n, total in job_durations():
            edges = [(str(float(b)), count) for b, count in zip(JOB_BUCKETS, counts, strict=True)]
            histogram.add_metric([task, outcome], [*edges, ("+Inf", n)], total)
        yield histogram


def _gauges(figures: list[Figure]) -> Iterator[Metric]:
    families: dict[str, GaugeMetricFamily] = {}
    for figure in figures:
        family = families.get(figure.name)
        if family is None:
            family = families[figure.name] = GaugeMetricFamily(figure.name, figure.help, labels=sorted(figure.labels))
        family.add_metric([figure.labels[key] for key in sorted(figure.labels)], figure.value)
    yield from families.values()


def metrics_text() -> bytes:
    """This machine's request figures (every process's, in multiprocess mode) and the site's."""
    if folder := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        machine = CollectorRegistry()
        MultiProcessCollector(machine, path=folder)
    else:
        machine = REGISTRY
    site = CollectorRegistry(auto_describe=False)
    site.register(SiteCollector())
    return generate_latest(machine) + generate_latest(site)


def token_accepted(request: HttpRequest) -> bool:
    expected = settings.METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


class MetricsMiddleware:
    """Counts every answer after it; answers `/metrics` itself (before redirects and host checks, as /readyz)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/metrics" and settings.METRICS_TOKEN:
            return _metrics_page(request)
        started = time.perf_counter()
        response = self.get_response(request)
        request_observe(request, response, time.perf_counter() - started)
        return response


def _metrics_page(request: HttpRequest) -> HttpResponse:
    if not token_accepted(request):
        response = HttpResponse("a bearer token is needed\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
    else:
        response = HttpResponse(metrics_text(), content_type=CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response
