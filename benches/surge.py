"""The last-minute surge: comments spread over the 60 s before the comment period closes, then a few after it.

For SQLite and for PostgreSQL (when one answers at RAPFANG_BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432/postgres; a throwaway database is made and dropped), side by side in one run:
a throwaway data folder with the demo hearing, its comment period set to close --lead seconds after the site is up,
`rapfang serve` (the production server; with --worker its job worker too, which writes each taken comment's search
terms beside the surge, decision 22) on a free loopback port, and --count comments POSTed to the
API at an even pace over the last --window seconds before the close, by --clients keep-alive connections driven
from one asyncio loop, each comment with its own Idempotency-Key. The client is kept light so that the bench
measures the server, which shares the machine with it: requests are written as bytes made before the first is due,
answers read for their status, Retry-After and Arrival-Token only; it prints its own CPU per sending. Each comment
is sent at its moment whatever became of the others (an open crowd), on a connection that is free then: a comment
due while all --clients connections wait for answers is sent late, and counted so. A 503 or 429 with Retry-After
is sent again after the pause it asks for, under the same key and with the refusal's Arrival-Token (decision 21),
for up to --retry-for seconds after the close. Then --after comments are
sent after the close. The closing second is in time (core.windows): "before the close" means before its end.
With --nginx, the comments go through Debian's nginx with the shipped configuration (tests/cluster.py), its limit of
connections per address lifted (the bench is one address, a crowd is many), and the site believes its arrival stamp
(RAPFANG_PROXY_ARRIVAL=1).

    .venv/bin/python benches/surge.py [--count 20000] [--window 60] [--clients 512] [--after 300] [--only sqlite]
                                      [--worker] [--nginx]

Prints, per database: comments sent before the close, accepted (201), refused as late although sent before the
close (409, with how long before the end of the closing second each was first sent), still refused by overload at
the end, accepted after the close (must be 0), the answers' latency, when the last one was answered, and a chart of
comments accepted per 10 s from the start of the last minute to the last answer, with the 503/429 answers of each
10 s beside it. The goal: every comment sent before the close accepted, none after. With --worker, also how many taken
comments still waited for their follow-up at the last answer, and when the worker had done them all.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from slow_clients import HOST, PYTHON, free_port, start_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the shipped nginx, as the tests start it
from cluster import Nginx

PER_ADDRESS = "limit_conn rapfang_per_address 100;"


class CrowdNginx(Nginx):
    """The shipped configuration, but for its limit of connections per address: the bench is one address."""

    def config(self) -> str:
        main = super().config()
        locations = self.folder / "rapfang-proxy.conf"
        shipped = locations.read_text()
        assert PER_ADDRESS in shipped
        locations.write_text(shipped.replace(PER_ADDRESS, "limit_conn rapfang_per_address 60000;"))
        return main


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
from rapfang.core.actors import SYSTEM
consultation = Consultation.objects.get(slug="{slug}")
closes = timezone.now().replace(microsecond=0) + timedelta(seconds={lead})
milestone_set(actor=SYSTEM, consultation=consultation, kind=MilestoneKind.COMMENTS,
              starts_at=closes - timedelta(days=5), ends_at=closes)
_key, raw = apikey_create(actor=SYSTEM, name="surge", requests_per_minute=10_000_000)
print(raw, closes.timestamp())
"""


@dataclass
class Outcome:
    database: str
    sent_before: int = 0
    # (first sent at, status, seconds the last sending took, sent before the close, answered at); comments due before
    # the close that the bench sent, every connection busy, only after it are counted in `sent_late`
    sent_late: int = 0
    # (first sent at, status, seconds the last sending took, sent before the close, answered at)
    answers: list[tuple[float, int, float, bool, float]] = field(default_factory=list)
    retries: int = 0
    last_answer: float = 0.0  # when the last comment was answered (seconds after the close)
    refusals: Counter = field(default_factory=Counter)  # (status, code) of answers other than 201, and "no answer"
    followup_left: int = -1  # comments still owed their follow-up at the last answer (-1: no worker ran)
    followup_done: float = 0.0  # when the worker had followed up every comment (seconds after the close)
    client_cpu: float = 0.0  # the bench's own CPU time while it sent (its process: the server runs in others)
    deadline: float = 0.0  # the end of the closing second, by the bench's clock (seconds from the start, as answers)
    overloaded: list[float] = field(default_factory=list)  # when each 503 or 429 came back (from the start, at the end)


def _late_moments(outcome: Outcome) -> str:
    """When the comments refused as late although sent before the close were first sent: the latest three, in
    seconds before the end of the closing second ("-" when there are none)."""
    moments = sorted(
        outcome.deadline - at for at, status, _s, before, _a in outcome.answers if before and status == 409
    )
    return ", ".join(f"{moment:.3f} s" for moment in moments[:3]) or "-"


@dataclass(order=True)
class Send:
    due: float
    number: int
    first_sent: float = 0.0
    key: str = ""
    token: str = ""
    body: bytes = b""


class Schedule:
    """Comments due at their moments, and refused ones due again after their Retry-After: each is sent when it is
    due whatever happened to the others (an open crowd, not clients waiting their turn)."""

    def __init__(self, sends: list[Send]) -> None:
        self._heap = sends
        heapq.heapify(self._heap)
        self._outstanding = len(sends)
        self._changed = asyncio.Condition()

    async def take(self) -> Send | None:
        async with self._changed:
            while not self._heap:
                if self._outstanding == 0:
                    return None
                await self._changed.wait()
            return heapq.heappop(self._heap)

    async def again(self, item: Send) -> None:
        async with self._changed:
            heapq.heappush(self._heap, item)
            self._changed.notify()

    async def done(self) -> None:
        async with self._changed:
            self._outstanding -= 1
            self._changed.notify_all()


def _code(answer: bytes) -> str:
    try:
        return str(json.loads(answer).get("code", ""))
    except (ValueError, AttributeError):
        return "(not JSON)"


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, as light as a client can be: the request written as bytes
    prepared beforehand, the answer read for its status, two headers and its body (Content-Length or chunked)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, head: bytes, body: bytes) -> tuple[int, dict[bytes, bytes], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(head + body)
        status_line = await self.reader.readuntil(b"\r\n")
        headers: dict[bytes, bytes] = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            answer = b""
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                answer += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        else:
            answer = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return int(status_line.split()[1]), headers, answer

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def request_head(port: int, key: str, item: Send) -> bytes:
    lines = [f"POST {PATH} HTTP/1.1", f"Host: {HOST}:{port}", "Content-Type: application/json", f"X-API-Key: {key}",
             f"Idempotency-Key: {item.key}", f"Content-Length: {len(item.body)}"]  # fmt: skip
    if item.token:
        lines.append(f"Arrival-Token: {item.token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def send(port: int, key: str, schedule: Schedule, deadline: float, give_up: float, outcome: Outcome) -> None:
    """One client: takes the next comment due, waits for its moment, sends it on its connection, and puts it back
    for later when it is refused for the moment."""
    connection = Connection(port)
    while (item := await schedule.take()) is not None:
        pause = item.due - time.time()
        if pause > 0:
            await asyncio.sleep(pause)
        sent = time.time()
        item.first_sent = item.first_sent or sent
        try:
            async with asyncio.timeout(60):
                status, headers, answer = await connection.post(request_head(port, key, item), item.body)
            wait = headers.get(b"retry-after", b"").decode() or None
            if status != 201:
                outcome.refusals[f"{status} {_code(answer)}"] += 1
            item.token = headers.get(b"arrival-token", b"").decode() or item.token
        except (TimeoutError, OSError, EOFError, asyncio.LimitOverrunError, ValueError) as error:
            connection.close()
            status, wait = 0, "1"
            outcome.refusals[f"no answer ({type(error).__name__})"] += 1
        if status in (429, 503):
            outcome.overloaded.append(time.time())
        if status in (429, 503, 0) and wait and time.time() < give_up:
            outcome.retries += 1
            item.due = time.time() + float(wait)
            await schedule.again(item)
            continue
        outcome.sent_late += item.number < outcome.sent_before and item.first_sent >= deadline
        outcome.answers.append((item.first_sent, status, time.time() - sent, item.first_sent < deadline, time.time()))
        outcome.last_answer = max(outcome.last_answer, time.time() - deadline)
        await schedule.done()
    connection.close()


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
            proxied = {"RAPFANG_BEHIND_PROXY": "1", "RAPFANG_TRUSTED_PROXIES": "1", "RAPFANG_PROXY_ARRIVAL": "1"}
            server = start_server(data_dir, port, worker=args.worker, **extra, **(proxied if args.nginx else {}))
            proxy = None
            if args.nginx:
                (data_dir / "static").mkdir(exist_ok=True)
                proxy = CrowdNginx(data_dir / "nginx", [port], data_dir / "static")
                proxy.start()
            try:
                lead = args.window + 10
                code = SETUP.format(slug=SLUG, lead=lead)
                printed = subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "shell", "-c", code], env=env,
                                         check=True, capture_output=True, text=True).stdout.split()  # fmt: skip
                key, closes = printed[-2], float(printed[-1])
                run_surge(proxy.port if proxy else port, key, closes, outcome, args)
                if args.worker:
                    followup_wait(env, closes, outcome)
            finally:
                if proxy is not None:
                    proxy.stop()
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(30)
    finally:
        if database == "PostgreSQL":
            import psycopg

            with psycopg.connect(ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return outcome


def run_surge(port: int, key: str, closes: float, outcome: Outcome, args: argparse.Namespace) -> None:
    deadline = closes + 1  # the closing second is in time (core.windows): late means from the next second on
    start = deadline - args.window
    step = args.window / args.count
    sends = [Send(start + number * step, number) for number in range(args.count)]
    # after the close, spread over five seconds
    sends += [Send(deadline + number * 5 / max(1, args.after), args.count + number) for number in range(args.after)]
    for item in sends:  # everything a sending needs, made before the first one is due
        item.key = uuid.uuid4().hex
        item.body = json.dumps({"text": f"{TEXT} ({item.number})", "anonymous": True, "stakeholder_type": "citizen",
                                "consent": True}, ensure_ascii=False).encode()  # fmt: skip
    outcome.sent_before = args.count
    cpu = time.process_time()
    asyncio.run(crowd(port, key, sends, deadline, deadline + args.retry_for, outcome, args.clients))
    outcome.client_cpu = time.process_time() - cpu
    outcome.answers = [(at - start, status, seconds, before, answered - start)
                       for at, status, seconds, before, answered in outcome.answers]  # fmt: skip
    outcome.overloaded = [at - start for at in outcome.overloaded]
    outcome.deadline = deadline - start


async def crowd(port: int, key: str, sends: list[Send], deadline: float, give_up: float, outcome: Outcome,
                clients: int) -> None:  # fmt: skip
    schedule = Schedule(sends)
    await asyncio.gather(*(send(port, key, schedule, deadline, give_up, outcome) for _ in range(clients)))


FOLLOWUP_OWED = "from rapfang.comments.models import Comment; print(Comment.objects.filter(followup_due=True).count())"


def followup_wait(env: dict[str, str], closes: float, outcome: Outcome, within: float = 300) -> None:
    """Read how many comments the job worker still owes a follow-up, until none (at most `within` seconds)."""
    until = time.time() + within
    while True:
        printed = subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "shell", "-c", FOLLOWUP_OWED], env=env,
                                 check=True, capture_output=True, text=True).stdout.split()  # fmt: skip
        owed = int(printed[-1])
        if outcome.followup_left < 0:
            outcome.followup_left = owed
        if not owed or time.time() > until:
            outcome.followup_done = time.time() - (closes + 1) if not owed else float("nan")
            return
        time.sleep(2)


def report(outcomes: list[Outcome], args: argparse.Namespace) -> None:
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append((label, values))

    counts = [Counter((before, status) for _at, status, _s, before, _answered in o.answers) for o in outcomes]
    row("due before the close", [f"{o.sent_before:,}" for o in outcomes])
    row("  sent after it, every connection busy", [f"{o.sent_late:,}" for o in outcomes])
    row("sent before the close", [f"{o.sent_before - o.sent_late:,}" for o in outcomes])
    row("  accepted (201)", [f"{c[True, 201]:,}" for c in counts])
    row("  refused as late (409)", [f"{c[True, 409]:,}" for c in counts])
    row("    first sent, before the end of the closing second", [_late_moments(o) for o in outcomes])
    row("  still overloaded (503/429)", [f"{c[True, 503] + c[True, 429]:,}" for c in counts])
    row("  other answers", [f"{sum(v for (b, s), v in c.items() if b and s not in (201, 409, 503, 429)):,}"
                            for c in counts])  # fmt: skip
    row("sent again after Retry-After", [f"{o.retries:,}" for o in outcomes])
    row("the bench's own CPU per sending", [f"{o.client_cpu / max(1, len(o.answers) + o.retries) * 1e6:.0f} µs"
                                            for o in outcomes])  # fmt: skip
    row("last one answered, after the close", [f"{o.last_answer:.0f} s" for o in outcomes])
    row("sent after the close", [f"{args.after:,}" for _ in outcomes])
    row("  accepted after the close", [f"{c[False, 201]:,}" for c in counts])
    for label, pick in (("p50", 0.5), ("p99", 0.99)):
        values = []
        for o in outcomes:
            took = sorted(s for _at, status, s, before, _answered in o.answers if before and status == 201)
            values.append(f"{took[min(len(took) - 1, int(len(took) * pick))] * 1000:.0f} ms" if took else "-")
        row(f"latency of an accepted comment, {label}", values)
    goal = []
    for o, c in zip(outcomes, counts, strict=True):
        goal.append("met" if c[True, 201] == o.sent_before - o.sent_late and c[False, 201] == 0 else "NOT met")
    row("every one before accepted, none after", goal)
    if args.worker:
        row("owed a follow-up at the last answer", [f"{o.followup_left:,}" for o in outcomes])
        row("every one followed up, after the close", [f"{o.followup_done:.0f} s" for o in outcomes])
    width = max(len(label) for label, _ in rows) + 2
    through = " through nginx" if args.nginx else ""
    print(
        f"{args.count:,} comments over the last {args.window:.0f} s before the close, {args.clients} clients{through}:"
    )
    print(" " * width + "".join(f"{o.database:>14}" for o in outcomes))
    for label, values in rows:
        print(f"{label:<{width}}" + "".join(f"{value:>14}" for value in values))
    for o in outcomes:
        print(f"\n{o.database}: comments accepted per 10 s, counted from the start of the last minute; the close is at "
              f"{args.window:.0f} s (each # is 2% of the peak), and the 503/429 answers in the same 10 s")  # fmt: skip
        buckets = Counter(int(answered // 10) for _at, status, _s, _before, answered in o.answers if status == 201)
        refused = Counter(int(at // 10) for at in o.overloaded)
        peak = max(buckets.values(), default=1)
        for bucket in range(max([*buckets, *refused], default=0) + 1):
            n = buckets.get(bucket, 0)
            close = " <- the close" if bucket * 10 <= args.window < bucket * 10 + 10 else ""
            busy = f" (503/429: {refused[bucket]:,})" if refused[bucket] else ""
            print(f"  {bucket * 10:>4}-{bucket * 10 + 10:<4}s {'#' * round(50 * n / peak):<50} {n:>6}{busy}{close}")
        print("  answers other than 201, every sending counted: " + (", ".join(
            f"{label} × {n:,}" for label, n in o.refusals.most_common()) or "none"))  # fmt: skip
        took = [s for _at, status, s, before, _answered in o.answers if status == 201]
        if took:
            print(f"  mean latency {statistics.mean(took) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument(
        "--clients", type=int, default=512, help="connections open at once (each sends one comment at a time)"
    )
    parser.add_argument(
        "--retry-for",
        type=float,
        default=600.0,
        help="seconds after the close a refused comment is still sent again (with its Arrival-Token)",
    )
    parser.add_argument("--after", type=int, default=300)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--worker", action="store_true", help="run the job worker beside the server")
    parser.add_argument("--nginx", action="store_true", help="send through nginx, which stamps the arrival")
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
