"""Accepted comments per second through the whole stack, next to a bare one-row insert through the same stack.

    .venv/bin/python benches/comments.py [--count 2000] [--only sqlite|postgresql] [--keyed]

SQLite (in a temporary folder) and PostgreSQL (a throwaway database on the server at RAPFANG_BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards; skipped when none answers) are measured one after
the other, each in a process of its own, and printed side by side.

Both go through Django's request handling in this process (middleware, URL routing, the API's JSON parsing and
rendering), one request after another: `POST /api/v1/consultations/{slug}/comments` runs the comment intake
(period check, validation, receipt, the row and its audit entry in one transaction; decision 22), while the bare
endpoint, added for this bench only, inserts one audit row and answers 201. The ratio is the cost of the intake.
With --keyed every request carries an Idempotency-Key of its own, as every web form's comment does.
The two are timed in alternate blocks of 100 requests, so that other work on a shared machine weighs on both
alike; besides the rates, the CPU time this process spent per request in its least disturbed block (thread time:
PostgreSQL's own work and the waits for the disk are not in it). Then the job worker's follow-up of the comments
taken (search terms, index rows), timed apart: comments completed per second, in batches as the worker takes them.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapfang.core.actors import SYSTEM

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
TEXTS = [
    "ขอให้เพิ่มช่องทางลงทะเบียนออนไลน์สำหรับผู้สูงอายุ และเชื่อมข้อมูลระหว่างหน่วยงาน",
    "ควรพัฒนาขีดความสามารถของบุคลากรภาครัฐด้านดิจิทัลอย่างต่อเนื่อง",
    "The plan should publish open data on procurement in machine-readable formats.",
]


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["RAPFANG_DATA_DIR"] = tempfile.mkdtemp(prefix="rapfang-comments-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = __name__
    call_command("migrate", verbosity=0)


def bare_insert(request):  # type: ignore[no-untyped-def]
    from django.http import JsonResponse

    from rapfang.core.models import AuditEntry

    entry = AuditEntry.objects.create(action="bench.bare.insert", data={"size": len(request.body)})
    return JsonResponse({"id": entry.pk}, status=201)


def urlpatterns_for_bench() -> list:  # type: ignore[type-arg]
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    from rapfang.urls import urlpatterns as site

    return [path("bench/bare", csrf_exempt(bare_insert)), *site]


BLOCK = 100


def timed(client, url: str, count: int, key: str, first: int = 0) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """`count` requests: the wall time and this thread's CPU time they took."""
    keyed = os.environ.get("RAPFANG_BENCH_KEYED") == "1"
    started, cpu = time.perf_counter(), time.thread_time()
    for number in range(first, first + count):
        body = {"text": f"{TEXTS[number % len(TEXTS)]} ({number})", "anonymous": True,
                "stakeholder_type": "citizen", "consent": True}  # fmt: skip
        headers = {"X-API-Key": key, **({"Idempotency-Key": secrets.token_hex(12)} if keyed else {})}
        response = client.post(url, json.dumps(body, ensure_ascii=False), content_type="application/json",
                                headers=headers)  # fmt: skip
        assert response.status_code == 201, response.content
    return time.perf_counter() - started, time.thread_time() - cpu


def alternated(client, urls: tuple[str, str], count: int, key: str) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Each of `urls` `count` times, in alternate blocks: the total wall time of each, and its least CPU time per
    request in a block (the block least disturbed by other work on the machine)."""
    totals = [(0.0, float("inf")), (0.0, float("inf"))]
    for first in range(0, count, BLOCK):
        for index, url in enumerate(urls):
            size = min(BLOCK, count - first)
            wall, cpu = timed(client, url, size, key, first)
            totals[index] = (totals[index][0] + wall, min(totals[index][1], cpu / size))
    return totals


def followup_timed() -> tuple[int, float]:
    """The job worker's follow-up of every comment still owed it, batch by batch: how many, and the wall time."""
    from rapfang.comments.followup import comments_followup_poll

    done, started = 0, time.perf_counter()
    while handled := comments_followup_poll():
        done += handled
    return done, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--only", choices=DATABASES)
    parser.add_argument("--keyed", action="store_true", help="each comment with an Idempotency-Key, as from the form")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # one database, in this process
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.count)))
        return
    if args.keyed:
        os.environ["RAPFANG_BENCH_KEYED"] = "1"  # the children read it
    results = {kind: run_child(kind, args.count) for kind in ([args.only] if args.only else DATABASES)}
    report(results, args.count)


DATABASES = ("sqlite", "postgresql")


def run_child(kind: str, count: int) -> dict[str, float] | None:
    """The bench on `kind`'s database in a process of its own (Django's settings are per process)."""
    from registration import database

    with database(kind) as url:
        if url is None:
            return None
        env = (
            {**os.environ, "DATABASE_URL": url} if url else {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        )
        done = subprocess.run([sys.executable, __file__, "--child", "--count", str(count)], env=env, check=True,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: dict[str, dict[str, float] | None], count: int) -> None:
    """The figures of each database side by side."""
    kinds = list(results)
    keyed = ", each comment with an Idempotency-Key" if os.environ.get("RAPFANG_BENCH_KEYED") == "1" else ""
    print(f"{count:,} requests each, one after another, in alternate blocks of {BLOCK}, in one process a database"
          f"{keyed}")  # fmt: skip
    rows = [
        ("accepted comments/s", lambda r: f"{r['comments']:,.0f}"),
        ("bare one-row insert/s", lambda r: f"{r['bare']:,.0f}"),
        ("ratio (goal: 2.0 or less)", lambda r: f"{r['bare'] / r['comments']:.1f}×"),
        ("CPU per comment (least block)", lambda r: f"{r['comments_cpu'] * 1000:.2f} ms"),
        ("CPU per bare insert", lambda r: f"{r['bare_cpu'] * 1000:.2f} ms"),
        ("follow-up by the job worker", lambda r: f"{r['followup']:,.0f}/s" if r["followup"] else "-"),
    ]
    print(f"{'':32}" + "".join(f"{kind:>14}" for kind in kinds))
    for label, cell in rows:
        print(f"{label:32}" + "".join(f"{cell(results[kind]) if results[kind] else 'not run':>14}" for kind in kinds))
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def measure(count: int) -> dict[str, float]:
    """The bench on this process's database (DATABASE_URL, else SQLite in a temporary folder)."""
    setup()
    globals()["urlpatterns"] = urlpatterns_for_bench()
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from rapfang.accounts.services import apikey_create
    from rapfang.consultations.services import milestone_set
    from rapfang.demo.loader import demo_load

    consultation = demo_load(phase="comments").consultation
    now = timezone.now()
    milestone_set(actor=SYSTEM, consultation=consultation, kind="comments", starts_at=now - timedelta(days=1),
                  ends_at=now + timedelta(days=1))  # fmt: skip
    _key, raw = apikey_create(actor=SYSTEM, name="bench", requests_per_minute=10_000_000)
    client = Client()
    urls = (f"/api/v1/consultations/{consultation.slug}/comments", "/bench/bare")
    for url in urls:
        timed(client, url, 5, raw)  # warm up: word list, first queries
    followup_timed()
    (comments_wall, comments_cpu), (bare_wall, bare_cpu) = alternated(client, urls, count, raw)
    done, followup_wall = followup_timed()
    print(f"{connection.vendor}: done", file=sys.stderr)
    return {"comments": count / comments_wall, "bare": count / bare_wall, "comments_cpu": comments_cpu,
            "bare_cpu": bare_cpu, "followup": done / followup_wall if done else 0.0}  # fmt: skip


urlpatterns: list = []  # type: ignore[type-arg]
if __name__ == "__main__":
    main()
