"""A crowd behind one address, a flooder, and a mail-bomber: who is served at the default limits?

Starts `rapfang serve` (web server and job worker; SQLite, or REDIS_URL when --redis is given) on a throwaway data
folder with the demo consultation open for registration and comments. For --seconds, on loopback:
- the crowd: --people people behind one address (127.0.0.10), each registering for the event and posting a comment
  through the API at a random moment;
- the flooder, at 127.0.0.20: registrations with made-up e-mail addresses as fast as four threads can send them;
- the mail-bomber, behind the crowd's address: comments naming one victim's e-mail address, one a second.
Then prints what each got, and how many receipts reached the victim's mailbox (the outbox folder).

Before that, the cost of counting: rate-limit hits a second in this process against the database (SQLite, and
PostgreSQL from RAPFANG_BENCH_POSTGRES when reachable) and Redis (--redis), beside a plain cache increment.

    .venv/bin/python benches/flood.py [--people 200] [--seconds 60] [--redis redis://127.0.0.1:6379/7]

Exits 1 when anyone in the crowd was refused or the flooder was not.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from slow_clients import HOST, PYTHON, free_port, start_server

CROWD, FLOODER = "127.0.0.10", "127.0.0.20"
VICTIM = "victim@example.org"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"

SETUP = """
import django, json
django.setup()
from datetime import timedelta
from django.utils import timezone
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.consultations.services import milestone_set
from rapfang.core.actors import SYSTEM
from rapfang.demo.loader import demo_load
from rapfang.hearings.services import event_save
consultation = demo_load(phase="registration").consultation
now = timezone.now()
milestone_set(actor=SYSTEM, consultation=consultation, kind="comments", starts_at=now - timedelta(days=1),
              ends_at=now + timedelta(days=2))
comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
event = event_save(actor=SYSTEM, consultation=consultation, kind="workshop", title_th="ประชุมทดสอบ", title_en="Flood",
                   starts_at=now + timedelta(days=7), ends_at=now + timedelta(days=7, hours=3), capacity=None,
                   registration_required=True, registration_opens_at=now - timedelta(hours=1),
                   registration_closes_at=now + timedelta(days=1))
print(json.dumps({"event": event.pk, "slug": consultation.slug}))
"""

COST = """
import django, sys, time
django.setup()
from django.core.cache import cache
from rapfang.core.ratelimit import Limit, ratelimit_hit
n = int(sys.argv[1])
for label, call in (("rate-limit hit", lambda i: ratelimit_hit(key=f"bench:{i % 50}", limit=Limit(10**9, 3600))),
                    ("plain cache incr", lambda i: cache.get_or_set(f"c{i % 50}", 0) + cache.incr(f"c{i % 50}"))):
    started = time.perf_counter()
    for i in range(n):
        call(i)
    spent = time.perf_counter() - started
    print(f"  {label}: {n / spent:,.0f} a second ({spent / n * 1e6:.0f} µs each)")
"""


def post(port: int, path: str, body: dict, source: str) -> tuple[int, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=30, source_address=(source, 0))
    try:
        connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started
    finally:
        connection.close()


def person(n: int, email: str = "") -> dict:
    return {"name": f"ผู้เข้าร่วม {n}", "organisation": "สำนักงานตัวอย่าง", "position": "", "needs": "",
            "stakeholder_type": "government", "email": email or f"person{n}@office.example.go.th",
            "phone": f"08{n:08d}", "consent": True}  # fmt: skip


def comment(n: int, email: str) -> dict:
    return {"text": f"ความเห็นที่ {n} ต่อร่างแผน", "anonymous": True, "stakeholder_type": "citizen",
            "consent": True, "email": email}  # fmt: skip


class Scene:
    def __init__(self, port: int, event: int, slug: str, seconds: float) -> None:
        self.port, self.seconds = port, seconds
        self.registration, self.comment = (
            f"/api/v1/events/{event}/registrations",
            f"/api/v1/consultations/{slug}/comments",
        )
        self.crowd: list[tuple[int, float]] = []
        self.flood: list[int] = []
        self.bombs: list[int] = []
        self.until = time.monotonic() + seconds

    def one_person(self, n: int) -> None:
        time.sleep(random.uniform(0, self.seconds * 0.9))
        self.crowd.append(post(self.port, self.registration, person(n), CROWD))
        self.crowd.append(post(self.port, self.comment, comment(n, f"person{n}@office.example.go.th"), CROWD))

    def flooder(self, lane: int) -> None:
        n = 0
        while time.monotonic() < self.until:
            n += 1
            self.flood.append(post(self.port, self.registration, person(10**6 * (lane + 1) + n), FLOODER)[0])

    def bomber(self) -> None:
        n = 0
        while time.monotonic() < self.until:
            n += 1
            self.bombs.append(post(self.port, self.comment, comment(n, VICTIM), CROWD)[0])
            time.sleep(1)


def play(scene: Scene, people: int) -> None:
    threads = [threading.Thread(target=scene.one_person, args=(n,)) for n in range(people)]
    threads += [threading.Thread(target=scene.flooder, args=(lane,)) for lane in range(4)]
    threads.append(threading.Thread(target=scene.bomber))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=scene.seconds + 120)


def report(scene: Scene, data_dir: Path, people: int) -> int:
    crowd = Counter(status for status, _s in scene.crowd)
    latencies = sorted(seconds for status, seconds in scene.crowd if status == 201)
    flood, bombs = Counter(scene.flood), Counter(scene.bombs)
    time.sleep(5)  # the worker sends the last receipts
    outbox = data_dir / "outbox"
    mailed = sum(VICTIM in path.read_text(errors="replace") for path in outbox.iterdir()) if outbox.exists() else 0
    print(f"crowd of {people} behind {CROWD} (a registration and a comment each): {dict(crowd)}")
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"  p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"flooder at {FLOODER}: {sum(flood.values())} registrations sent, {flood[201]} taken, {flood[429]} refused")
    print(f"mail-bomber behind {CROWD}: {sum(bombs.values())} comments naming {VICTIM}: {dict(bombs)}; "
          f"receipts mailed to the victim: {mailed}")  # fmt: skip
    return 0 if set(crowd) == {201} and flood[429] > 0 else 1


def cost(data_dir: Path, redis: str) -> None:
    print("the cost of counting (one process, 2,000 hits):")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(RAPFANG_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="rapfang.settings")
    postgres = os.environ.get("RAPFANG_BENCH_POSTGRES", DEFAULT_POSTGRES)
    for label, extra in (("SQLite", {}), ("PostgreSQL", {"DATABASE_URL": postgres}), ("Redis", {"REDIS_URL": redis})):
        if label == "Redis" and not redis:
            continue
        print(f" {label}:")
        done = subprocess.run([PYTHON, "-c", COST, "2000"], env={**env, **extra}, capture_output=True, text=True)
        if label == "PostgreSQL" and done.returncode:
            subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "migrate", "-v0"], env={**env, **extra})
            done = subprocess.run([PYTHON, "-c", COST, "2000"], env={**env, **extra}, capture_output=True, text=True)
        print(done.stdout.rstrip() or f"  (not measured: {done.stderr.strip().splitlines()[-1:]})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--redis", default="", help="a Redis URL: count in Redis instead of the database")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="rapfang-flood-") as folder:
        data_dir = Path(folder)
        extra = {"RAPFANG_LOG_LEVEL": "WARNING", **({"REDIS_URL": args.redis} if args.redis else {})}
        env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "RAPFANG_DATA_DIR": folder, **extra}
        subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "migrate", "-v0"], env=env, check=True)
        setup_env = {**env, "DJANGO_SETTINGS_MODULE": "rapfang.settings"}
        facts = json.loads(subprocess.run([PYTHON, "-c", SETUP], env=setup_env, capture_output=True, text=True,
                                          check=True).stdout)  # fmt: skip
        cost(data_dir, args.redis)
        server = start_server(data_dir, port, worker=True, **extra)
        try:
            scene = Scene(port, facts["event"], facts["slug"], args.seconds)
            play(scene, args.people)
            return report(scene, data_dir, args.people)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
