"""The registration rush: 2,000 parallel attempts for 500 seats, through HTTP, on SQLite and PostgreSQL.

Starts `rapfang serve --no-worker` on a throwaway data folder (and, for PostgreSQL, a throwaway database), opens
registration on an event with 500 seats, and sends every attempt to `POST /api/v1/events/{id}/registrations`
from several client processes with keep-alive connections, with an API key whose limit is out of the way.
Side by side: a bare insert of one row (an audit entry) through the same stack (gunicorn, Django's middleware,
one transaction), served by a bench-only URL added by a settings shim in the data folder.

    .venv/bin/python benches/registration.py [--attempts 2000] [--seats 500] [--clients 16] [--databases sqlite]

PostgreSQL is taken from RAPFANG_BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres); it is
skipped with a note when unreachable. Prints attempts per second and p50/p99 latency; checks that exactly
`seats` attempts were confirmed, the rest waitlisted with positions 1..n, and none failed. Exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
RUSH_TIMEOUT = 600  # seconds: a rush that takes longer has failed

SETUP = """
import django, json, sys
django.setup()
from datetime import timedelta
from django.utils import timezone
from rapfang.accounts.services import apikey_create
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.demo.loader import demo_load
from rapfang.hearings.services import event_save
demo_load(phase="registration")
consultation = Consultation.objects.get(slug="dg2-2560-2564")
now = timezone.now()
event = event_save(
    actor=SYSTEM, consultation=consultation, kind="workshop", title_th="การทดสอบการลงทะเบียนพร้อมกัน",
    title_en="Registration rush", starts_at=now + timedelta(days=7), ends_at=now + timedelta(days=7, hours=3),
    capacity=int(sys.argv[1]), registration_required=True, registration_opens_at=now - timedelta(hours=1),
    registration_closes_at=now + timedelta(days=1),
)
_key, raw = apikey_create(actor=SYSTEM, name="rush", requests_per_minute=10_000_000)
print(json.dumps({"event": event.pk, "key": raw}))
"""

VERIFY = """
import django, json, sys
django.setup()
from django.db.models import Count
from rapfang.hearings.models import Event, Registration
event = Event.objects.get(pk=int(sys.argv[1]))
rows = Registration.objects.filter(event=event)
statuses = dict(rows.values_list("status").annotate(n=Count("id")))
print(json.dumps({
    "taken": event.taken, "statuses": statuses, "total": rows.count(),
    "emails": rows.values("email_key").distinct().count(),
    "references": rows.values("reference").distinct().count(),
    "waitlist_numbers": rows.filter(status="waitlisted").values("waitlist_number").distinct().count(),
}))
"""

SHIM_SETTINGS = """from rapfang.settings import *  # noqa: F403
ROOT_URLCONF = "bench_urls"
"""
SHIM_URLS = '''import json
from django.db import transaction
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from rapfang.core.models import AuditEntry
from rapfang.urls import urlpatterns as site

@csrf_exempt
def bare_insert(request):
    """One row, one transaction: the floor under any write through this stack."""
    body = json.loads(request.body)
    with transaction.atomic():
        entry = AuditEntry.objects.create(action="bench.insert", data={"email": body.get("email", "")})
    return JsonResponse({"id": entry.pk}, status=201)

urlpatterns = [path("bench/insert", bare_insert), *site]
'''


@dataclass
class Rush:
    name: str
    attempts: int
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]
    bodies: list[dict[str, object]] = field(default_factory=list)
    server_cpu: float = 0.0

    @property
    def cpu_ms(self) -> float:
        """The server's CPU per attempt: steadier than attempts/s when other processes share the machine."""
        return self.server_cpu / self.attempts * 1000 if self.attempts else 0.0

    @property
    def rate(self) -> float:
        return self.attempts / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] * 1000 if ordered else float("nan")

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status not in (200, 201))


# --- the server ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RAPFANG_TASKS", "RAPFANG_DEBUG"}}
    env.update(RAPFANG_DATA_DIR=str(data_dir), PYTHAINLP_OFFLINE="1", RAPFANG_ACCESS_LOG="/dev/null")
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a production process refuses to start without one
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(data_dir), env.get("PYTHONPATH", "")]))
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def django_run(code: str, env: dict[str, str], *args: str) -> dict[str, object]:
    command = [str(PYTHON), "-c", code, *args]
    done = subprocess.run(
        command, env={**env, "DJANGO_SETTINGS_MODULE": "rapfang.settings"}, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def prepare(data_dir: Path, env: dict[str, str], seats: int) -> tuple[int, str]:
    (data_dir / "bench_settings.py").write_text(SHIM_SETTINGS)
    (data_dir / "bench_urls.py").write_text(SHIM_URLS)
    migrate = [str(PYTHON), "-m", "rapfang.cli", "manage", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, env=env, check=True, capture_output=True, timeout=300)
    facts = django_run(SETUP, env, str(seats))
    return int(str(facts["event"])), str(facts["key"])


@contextlib.contextmanager
def serving(env: dict[str, str], workers: int) -> Iterator[tuple[int, int]]:
    """`rapfang serve --no-worker` with the bench's settings shim, on a free port; stopped with SIGTERM."""
    port = free_port()
    command = [str(PYTHON), "-m", "rapfang.cli", "serve", "--host", HOST, "--port", str(port), "--no-worker"]
    command += ["--workers", str(workers)]
    log = open(Path(env["RAPFANG_DATA_DIR"]) / f"server-{port}.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        command, env={**env, "DJANGO_SETTINGS_MODULE": "bench_settings"}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        try:
            wait_ready(port, server, timeout=120)
        except RuntimeError as error:
            log.flush()
            tail = (Path(env["RAPFANG_DATA_DIR"]) / f"server-{port}.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{error}; it printed:\n{tail}") from None
        yield port, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the session started above for this server only
            server.wait()
        log.close()


def wait_ready(port: int, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


# --- the load --------------------------------------------------------------------------------------------------


def person(n: int) -> dict[str, object]:
    return {
        "name": f"ผู้ลงทะเบียน {n}", "organisation": "หน่วยงานทดสอบ", "position": "", "stakeholder_type": "citizen",
        "email": f"rush{n}@example.org", "phone": f"09{n:08d}", "needs": "", "consent": True,
    }  # fmt: skip


def client_run(args: tuple[int, str, str, list[int], float]) -> list[tuple[int, float, str]]:
    """One client: its share of the attempts, in order, over one keep-alive connection."""
    port, path, key, numbers, start = args
    while time.monotonic() < start:
        time.sleep(0.001)
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Content-Type": "application/json", "X-API-Key": key, "Accept-Language": "en"}
    results = []
    for n in numbers:
        began = time.monotonic()
        try:
            connection.request("POST", path, body=json.dumps(person(n)), headers=headers)
            response = connection.getresponse()
            status, body = response.status, response.read().decode()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            status, body = 0, str(error)
        results.append((status, time.monotonic() - began, body))
    connection.close()
    return results


def process_tree_cpu(pid: int) -> float:
    """User and system CPU seconds of a process and its descendants (Linux /proc)."""
    total = 0.0
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for task in os.listdir(f"/proc/{pid}/task"):
            for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split():
                total += process_tree_cpu(int(child))
    return total


def rush(name: str, port: int, path: str, key: str, attempts: int, clients: int, server_pid: int = 0) -> Rush:
    numbers = list(range(1, attempts + 1))
    start = time.monotonic() + 1.0  # the client processes are started by then
    jobs = [(port, path, key, numbers[i::clients], start) for i in range(clients)]
    cpu_before = process_tree_cpu(server_pid) if server_pid else 0.0
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        outcome = pool.map_async(client_run, jobs).get(timeout=RUSH_TIMEOUT)
    ended = time.monotonic()
    cpu = process_tree_cpu(server_pid) - cpu_before if server_pid else 0.0
    flat = [result for results in outcome for result in results]
    statuses: dict[int, int] = {}
    for status, _latency, _body in flat:
        statuses[status] = statuses.get(status, 0) + 1
    bodies = [json.loads(body) if status in (200, 201) else {"error": body[:200]} for status, _l, body in flat]
    return Rush(name, attempts, ended - start, [latency for _s, latency, _b in flat], statuses, bodies, cpu)


# --- databases -------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_database(admin_url: str) -> Iterator[str | None]:
    """A throwaway database on the server at `admin_url`, dropped afterwards; None when unreachable."""
    try:
        import psycopg

        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except Exception:
        yield None
        return
    name = f"rapfang_rush_{os.getpid()}_{int(time.time())}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextlib.contextmanager
def database(kind: str) -> Iterator[str | None]:
    if kind == "sqlite":
        yield ""
        return
    with postgres_database(os.environ.get("RAPFANG_BENCH_POSTGRES", DEFAULT_POSTGRES)) as url:
        yield url


@dataclass
class Outcome:
    database: str
    registration: Rush
    bare: Rush | None
    verified: dict[str, object]


def run_one(kind: str, attempts: int, seats: int, clients: int, workers: int, *, bare: bool = True) -> Outcome | None:
    """The rush on `kind`'s database, then (with `bare`) the same number of bare inserts to compare with."""
    with database(kind) as url:
        if url is None:
            print(f"{kind}: no PostgreSQL reachable; skipped", file=sys.stderr)
            return None
        data_dir = Path(tempfile.mkdtemp(prefix="rapfang-rush-"))
        try:
            env = environment(data_dir, url or None)
            env.setdefault("RAPFANG_MAX_IN_FLIGHT", str(clients))  # every client served at once: the rule, not overload
            event_id, key = prepare(data_dir, env, seats)
            with serving(env, workers) as (port, pid):
                path = f"/api/v1/events/{event_id}/registrations"
                registration = rush("registration", port, path, key, attempts, clients, pid)
                inserts = rush("bare insert", port, "/bench/insert", key, attempts, clients, pid) if bare else None
            verified = django_run(VERIFY, env, str(event_id))
            return Outcome(kind, registration, inserts, verified)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)


def problems(outcome: Outcome, attempts: int, seats: int) -> list[str]:
    """Everything that is not exactly `seats` confirmed and the rest waitlisted, with nothing lost or doubled."""
    found = []
    rush_ = outcome.registration
    if rush_.errors:
        found.append(f"{rush_.errors} attempts failed: {rush_.statuses}")
    answered = [body.get("status") for body in rush_.bodies]
    if answered.count("confirmed") != seats or answered.count("waitlisted") != attempts - seats:
        found.append(f"answers: {answered.count('confirmed')} confirmed, {answered.count('waitlisted')} waitlisted")
    positions = sorted(int(str(b["waitlist_position"])) for b in rush_.bodies if b.get("status") == "waitlisted")
    if positions and len(set(positions)) != len(positions):
        found.append("two waitlisted attempts were told the same position")
    v = outcome.verified
    expected = {"confirmed": seats, "waitlisted": attempts - seats}
    if v["statuses"] != expected or v["taken"] != seats or v["total"] != attempts:
        found.append(f"stored: {v}")
    if not (v["emails"] == v["references"] == attempts and v["waitlist_numbers"] == attempts - seats):
        found.append(f"lost or doubled registrations: {v}")
    return found


def report(outcomes: list[Outcome], attempts: int, seats: int, clients: int, workers: int) -> None:
    print(f"cores: {os.cpu_count()}; {attempts} attempts for {seats} seats; {clients} client processes, keep-alive;")
    print(
        f"server: rapfang serve --no-worker --workers {workers} (gunicorn gthread), load generator on the same machine"
    )
    header = (
        f"{'database':<10}{'target':<14}{'attempts/s':>11}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'seconds':>9}"
        f"{'srv cpu ms':>12}"
    )
    print(header)
    print("-" * len(header))
    for outcome in outcomes:
        for r in (outcome.registration, *([outcome.bare] if outcome.bare else [])):
            print(
                f"{outcome.database:<10}{r.name:<14}{r.rate:>11,.0f}{r.percentile(0.5):>9.1f}{r.percentile(0.99):>9.1f}"
                f"{r.errors:>8}{r.seconds:>9.2f}{r.cpu_ms:>12.2f}"
            )
        ratio = outcome.registration.rate / outcome.bare.rate if outcome.bare and outcome.bare.rate else 0.0
        print(f"{'':<10}registration / bare insert: {ratio:.2f} (attempts/s)")
    print("srv cpu ms: the server's CPU per attempt, all its processes; steadier than rates on a shared machine")
    print(f"load average (1 min) after the run: {os.getloadavg()[0]:.2f}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16, help="client processes (16)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="server processes (cores)")
    parser.add_argument("--databases", default="sqlite,postgres")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    outcomes = []
    failures = []
    for kind in args.databases.split(","):
        outcome = run_one(kind.strip(), args.attempts, args.seats, args.clients, args.workers)
        if outcome is not None:
            outcomes.append(outcome)
            failures += [f"{kind}: {problem}" for problem in problems(outcome, args.attempts, args.seats)]
    report(outcomes, args.attempts, args.seats, args.clients, args.workers)
    for failure in failures:
        print("FAILED " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
