"""The last-minute surge: comments spread over the 60 s before the comment period closes, then a few after it.

For SQLite and for PostgreSQL (when one answers at RAPFANG_BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432/postgres; a throwaway database is made and dropped), side by side in one run:
a throwaway data folder with the demo hearing, its comment period set to close --lead seconds after the site is up,
`rapfang serve` (the production server, no job worker) on a free loopback port, and --count comments POSTed to the
API at an even pace over the last --window seconds before the close, by --clients threads on keep-alive
connections, each with its own Idempotency-Key. A 503 or 429 with Retry-After is sent again after the pause it asks
for, under the same key. Then --after comments are sent after the close.

    .venv/bin/python benches/surge.py [--count 20000] [--window 60] [--clients 64] [--after 300] [--only sqlite]

Prints, per database: comments sent before the close, accepted (201), refused as late although sent before the
close (409), still refused by overload at the end, accepted after the close (must be 0), the answers' latency, and a
chart of comments accepted per 5 s. The goal: every comment sent before the close accepted, none after.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from slow_clients import HOST, PYTHON, free_port, start_server

SLUG = "dg2-2560-2564"
PATH = f"/api/v1/consultations/{SLUG}/comments"
ADMIN = os.environ.get("RAPFANG_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
TEXT = "ขอให้ขยายเวลารับฟังความคิดเห็นและเพิ่มช่องทางออนไลน์สำหรับผู้อยู่ห่างไกล"

SETUP = """
from datetime import timedelta
from django.utils import timezone
from rapfang.accounts.services import apikey_create
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.services import milestone_set
consultation = Consultation.objects.get(slug="{slug}")
closes = timezone.now().replace(microsecond=0) + timedelta(seconds={lead})
milestone_set(actor=None, consultation=consultation, kind=MilestoneKind.COMMENTS,
              starts_at=closes - timedelta(days=5), ends_at=closes)
_key, raw = apikey_create(actor=None, name="surge", requests_per_minute=10_000_000)
print(raw, closes.timestamp())
"""


@dataclass
class Outcome:
    database: str
    sent_before: int = 0
    answers: list[tuple[float, int, float, bool]] = field(default_factory=list)  # (sent at, status, seconds, before)
    retries: int = 0


def send(port: int, key: str, work: queue.Queue, closes: float, outcome: Outcome, lock: threading.Lock) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    while True:
        item = work.get()
        if item is None:
            break
        at, number = item
        pause = at - time.time()
        if pause > 0:
            time.sleep(pause)
        body = json.dumps({"text": f"{TEXT} ({number})", "anonymous": True, "stakeholder_type": "citizen",
                           "consent": True}, ensure_ascii=False).encode()  # fmt: skip
        headers = {"Content-Type": "application/json", "X-API-Key": key, "Idempotency-Key": uuid.uuid4().hex}
        first_sent = time.time()
        while True:
            sent = time.time()
            try:
                connection.request("POST", PATH, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status, wait = response.status, response.getheader("Retry-After")
            except (OSError, http.client.HTTPException):
                connection.close()
                status, wait = 0, "1"
            if status in (429, 503, 0) and wait and time.time() < closes + 30:
                with lock:
                    outcome.retries += 1
                time.sleep(min(float(wait), 5.0))
                continue
            break
        with lock:
            outcome.answers.append((first_sent, status, time.time() - sent, first_sent < closes))


def surge(database: str, args: argparse.Namespace) -> Outcome | None:
    outcome = Outcome(database)
    extra = {"SECRET_KEY": "surge-" + uuid.uuid4().hex * 2}
    name = f"rapfang_surge_{uuid.uuid4().hex[:8]}"
    if database == "PostgreSQL":
        import psycopg

        try:
            with psycopg.connect(ADMIN, autocommit=True, connect_timeout=3) as admin:
                admin.execute(f"CREATE DATABASE {name}")
        except psycopg.Error as error:
            print(f"PostgreSQL: not run ({error})")
            return None
        extra["DATABASE_URL"] = ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        with tempfile.TemporaryDirectory(prefix="rapfang-surge-") as folder:
            data_dir, port = Path(folder), free_port()
            env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RAPFANG_TASKS", "REDIS_URL"}}
            env.update(RAPFANG_DATA_DIR=str(data_dir), **extra)
            subprocess.run([PYTHON, "-m", "rapfang.cli", "demo", "--phase", "comments"], env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            server = start_server(data_dir, port, **extra)
            try:
                lead = args.window + 10
                code = SETUP.format(slug=SLUG, lead=lead)
                printed = subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "shell", "-c", code], env=env,
                                         check=True, capture_output=True, text=True).stdout.split()  # fmt: skip
                key, closes = printed[-2], float(printed[-1])
                run_surge(port, key, closes, outcome, args)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(30)
    finally:
        if database == "PostgreSQL":
            import psycopg

            with psycopg.connect(ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return outcome


def run_surge(port: int, key: str, closes: float, outcome: Outcome, args: argparse.Namespace) -> None:
    work: queue.Queue = queue.Queue()
    start = closes - args.window
    step = args.window / args.count
    for number in range(args.count):
        work.put((start + number * step, number))
    for number in range(args.after):  # after the close, spread over five seconds
        work.put((closes + 1 + number * 5 / max(1, args.after), args.count + number))
    for _ in range(args.clients):
        work.put(None)
    outcome.sent_before = args.count
    lock = threading.Lock()
    threads = [threading.Thread(target=send, args=(port, key, work, closes, outcome, lock), daemon=True)
               for _ in range(args.clients)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.window + 600)
    outcome.answers = [(at - start, status, seconds, before) for at, status, seconds, before in outcome.answers]


def report(outcomes: list[Outcome], args: argparse.Namespace) -> None:
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append((label, values))

    counts = [Counter((before, status) for _at, status, _s, before in o.answers) for o in outcomes]
    row("sent before the close", [f"{o.sent_before:,}" for o in outcomes])
    row("  accepted (201)", [f"{c[True, 201]:,}" for c in counts])
    row("  refused as late (409)", [f"{c[True, 409]:,}" for c in counts])
    row("  still overloaded (503/429)", [f"{c[True, 503] + c[True, 429]:,}" for c in counts])
    row("  other answers", [f"{sum(v for (b, s), v in c.items() if b and s not in (201, 409, 503, 429)):,}"
                            for c in counts])  # fmt: skip
    row("sent again after Retry-After", [f"{o.retries:,}" for o in outcomes])
    row("sent after the close", [f"{args.after:,}" for _ in outcomes])
    row("  accepted after the close", [f"{c[False, 201]:,}" for c in counts])
    for label, pick in (("p50", 0.5), ("p99", 0.99)):
        values = []
        for o in outcomes:
            took = sorted(s for _at, status, s, before in o.answers if before and status == 201)
            values.append(f"{took[min(len(took) - 1, int(len(took) * pick))] * 1000:.0f} ms" if took else "-")
        row(f"latency of an accepted comment, {label}", values)
    goal = []
    for o, c in zip(outcomes, counts, strict=True):
        goal.append("met" if c[True, 201] == o.sent_before and c[False, 201] == 0 else "NOT met")
    row("every one before accepted, none after", goal)
    width = max(len(label) for label, _ in rows) + 2
    print(f"{args.count:,} comments over the last {args.window:.0f} s before the close, {args.clients} clients:")
    print(" " * width + "".join(f"{o.database:>14}" for o in outcomes))
    for label, values in rows:
        print(f"{label:<{width}}" + "".join(f"{value:>14}" for value in values))
    for o in outcomes:
        print(f"\n{o.database}: comments accepted per 5 s of the minute before the close (each # is 2% of the peak)")
        buckets = Counter(int(at // 5) for at, status, _s, before in o.answers if before and status == 201)
        peak = max(buckets.values(), default=1)
        for bucket in range(int(args.window // 5)):
            n = buckets.get(bucket, 0)
            print(f"  {bucket * 5:>3}-{bucket * 5 + 5:<3}s {'#' * round(50 * n / peak):<50} {n:>6}")
        took = [s for _at, status, s, before in o.answers if status == 201]
        if took:
            print(f"  mean latency {statistics.mean(took) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--after", type=int, default=300)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    outcomes = []
    for database in ("SQLite", "PostgreSQL"):
        if args.only and args.only != database.lower():
            continue
        print(f"{database}: preparing…", file=sys.stderr, flush=True)
        outcome = surge(database, args)
        if outcome is not None:
            outcomes.append(outcome)
    report(outcomes, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
