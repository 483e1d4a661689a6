"""`/healthz` and `/readyz`, answered before any other middleware: no HTTPS redirect, no host check, no session.

- `/healthz`: the process is alive and answers. It touches nothing else, so a database outage does not make a
  supervisor restart web servers that would serve again as soon as the database is back.
- `/readyz`: the database answers a query, the cache keeps and returns a value, the file storage answers (the S3
  bucket, or a writable media folder), and a job worker's heartbeat (`WorkerHeartbeat`, refreshed by every job
  worker) is recent. 200 when all four hold, else 503; the JSON body says which check failed and how long each took.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from redis.exceptions import RedisError

from rapfang.core.models import WorkerHeartbeat
from rapfang.core.storage import storage_ready

HEARTBEAT_FRESH = timedelta(seconds=60)  # a worker beats every HEARTBEAT_EVERY seconds


def check_database() -> tuple[bool, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,), "ok"


def check_cache() -> tuple[bool, str]:
    nonce = secrets.token_hex(8)
    cache.set("readyz", nonce, 10)
    kept = cache.get("readyz") == nonce
    return kept, "ok" if kept else "the cache did not keep a value"


def check_storage() -> tuple[bool, str]:
    return storage_ready()


def check_worker() -> tuple[bool, str]:
    latest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    if latest is None:
        return False, "no job worker has started"
    age = (timezone.now() - latest).total_seconds()
    return age <= HEARTBEAT_FRESH.total_seconds(), f"last seen {age:.0f} s ago"


def _run(check: Callable[[], tuple[bool, str]]) -> dict[str, object]:
    started = time.perf_counter()
    try:
        ok, detail = check()
    except (DatabaseError, RedisError, OSError) as error:
        ok, detail = False, f"{type(error).__name__}: {error}"[:200]
    return {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}


def readiness() -> tuple[bool, dict[str, dict[str, object]]]:
    checks = {"database": _run(check_database), "cache": _run(check_cache), "storage": _run(check_storage)}
    checks["worker"] = _run(check_worker) if checks["database"]["ok"] else {"ok": False, "detail": "no database"}
    return all(bool(one["ok"]) for one in checks.values()), checks


def _plain(body: str, status: int, content_type: str) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type=content_type)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # a monitor asks every few seconds: no error log
    return response


class HealthMiddleware:
    """First in MIDDLEWARE: answers the two probes and passes everything else on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            return _plain("ok", 200, "text/plain")
        if request.path_info == "/readyz":
            ready, checks = readiness()
            body = json.dumps({"ready": ready, "checks": checks})
            return _plain(body, 200 if ready else 503, "application/json")
        return self.get_response(request)
