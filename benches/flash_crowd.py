"""A flash crowd against `rapfang serve`: what does each client get, and how soon does the site answer again?

Starts `rapfang serve --no-worker` on a throwaway data folder (SQLite, migrated, the demo hearing with its comment
period open) on a free loopback port. Then --clients clients, each on its own keep-alive connection, send for
--seconds a mix of comment POSTs to the API (each with its own Idempotency-Key) and GETs of the draft's page, one
after another with a --timeout. Loopback only, bounded in clients and time.

    .venv/bin/python benches/flash_crowd.py [--clients 300] [--seconds 20] [--posts 0.5] [--threads 32] [--at-once 8]

Prints the answer mix (200/201, 429, 503 with Retry-After, 503 without it, other 5xx, other answers, connection
errors and time-outs), the answers per second, the latency of the answers by kind, and the recovery time: seconds
from the crowd's end until the draft's page answers 200 within 1 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from slow_clients import HOST, PYTHON, free_port, start_server

SLUG = "dg2-2560-2564"
PAGE = f"/consultations/{SLUG}/drafts/draft/"
COMMENTS = f"/api/v1/consultations/{SLUG}/comments"


def comment_body() -> bytes:
    return json.dumps({"text": "ควรเปิดรับฟังความคิดเห็นนานกว่านี้ " + uuid.uuid4().hex[:8], "anonymous": True,
                       "stakeholder_type": "citizen", "consent": True}).encode()  # fmt: skip


class Crowd:
    """Every answer the clients got: (request, kind, seconds)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: list[tuple[str, str, float]] = []

    def add(self, request: str, kind: str, seconds: float) -> None:
        with self.lock:
            self.answers.append((request, kind, seconds))


def kind_of(status: int, retry_after: str | None) -> str:
    if status in (200, 201):
        return "200/201"
    if status == 503:
        return "503 with Retry-After" if retry_after else "503 without Retry-After"
    if status == 429:
        return "429" + ("" if retry_after else " without Retry-After")
    return "other 5xx" if status >= 500 else f"other ({status})"


def client(port: int, until: float, posts: float, timeout: float, crowd: Crowd, seed: int) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    n = seed
    while time.monotonic() < until:
        n += 1
        post = (n % 100) < posts * 100
        request = "POST" if post else "GET"
        started = time.monotonic()
        try:
            if post:
                headers = {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
                connection.request("POST", COMMENTS, body=comment_body(), headers=headers)
            else:
                connection.request("GET", PAGE)
            response = connection.getresponse()
            response.read()
            kind = kind_of(response.status, response.getheader("Retry-After"))
            crowd.add(request, kind, time.monotonic() - started)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            failed = "time-out" if isinstance(error, TimeoutError) else "connection error"
            crowd.add(request, failed, time.monotonic() - started)
            connection.close()
            time.sleep(0.05)
    connection.close()


def recovery(port: int, ended: float, limit: float = 120.0) -> float | None:
    """Seconds from `ended` until the draft's page answers 200 within 1 s; None if not within `limit`."""
    while time.monotonic() - ended < limit:
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=1)
            connection.request("GET", PAGE)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200 and time.monotonic() - started < 1:
                return time.monotonic() - ended
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    return None


def report(args: argparse.Namespace, crowd: Crowd, recovered: float | None) -> None:
    counts = Counter(kind for _request, kind, _seconds in crowd.answers)
    by_request = Counter((request, kind) for request, kind, _seconds in crowd.answers)
    took: dict[str, list[float]] = defaultdict(list)
    for _request, kind, seconds in crowd.answers:
        took[kind].append(seconds)
    total = max(1, len(crowd.answers))
    print(f"{args.clients} clients for {args.seconds:.0f} s, {args.posts:.0%} comment POSTs, the rest page GETs; "
          f"{args.at_once} requests at once per process, {args.threads} threads:")  # fmt: skip
    print(f"  requests: {len(crowd.answers)} ({len(crowd.answers) / args.seconds:.0f}/s)")
    order = ["200/201", "429", "503 with Retry-After", "503 without Retry-After", "other 5xx", "connection error",
             "time-out"]  # fmt: skip
    for kind in order + sorted(set(counts) - set(order)):
        seconds = sorted(took[kind])
        median = f"p50 {statistics.median(seconds) * 1000:.0f} ms, max {seconds[-1] * 1000:.0f} ms" if seconds else ""
        split = f"POST {by_request['POST', kind]:>6}, GET {by_request['GET', kind]:>6}"
        print(f"  {kind:<24} {counts[kind]:>7} ({counts[kind] / total:6.1%})  {split}  {median}")
    shown = f"{recovered:.1f} s" if recovered is not None else "not within 120 s"
    print(f"  recovery: the page answered 200 within 1 s {shown} after the crowd left")


def prepare(data_dir: Path, env_extra: dict[str, str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RAPFANG_TASKS", "REDIS_URL"}}
    env.update(RAPFANG_DATA_DIR=str(data_dir), **env_extra)
    subprocess.run([PYTHON, "-m", "rapfang.cli", "demo", "--phase", "comments"], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="rapfang-crowd-") as folder:
        data_dir, port = Path(folder), free_port()
        extra = {"SECRET_KEY": "crowd-" + uuid.uuid4().hex * 2, "RAPFANG_THREADS": str(args.threads),
                 "RAPFANG_MAX_IN_FLIGHT": str(args.at_once)}  # fmt: skip
        prepare(data_dir, extra)
        server = start_server(data_dir, port, **extra)
        try:
            for _warm in range(5):
                recovery(port, time.monotonic(), limit=10)
            crowd = Crowd()
            until = time.monotonic() + args.seconds
            clients = [threading.Thread(target=client, args=(port, until, args.posts, args.timeout, crowd, n * 37),
                                        daemon=True) for n in range(args.clients)]  # fmt: skip
            for one in clients:
                one.start()
            for one in clients:
                one.join(timeout=args.seconds + args.timeout + 30)
            ended = time.monotonic()
            recovered = recovery(port, ended)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    report(args, crowd, recovered)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--posts", type=float, default=0.5, help="the share of requests that are comment POSTs")
    parser.add_argument("--timeout", type=float, default=10.0, help="a client's time-out for one answer")
    parser.add_argument("--threads", type=int, default=32, help="`rapfang serve --threads`")
    parser.add_argument(
        "--at-once", type=int, default=8, help="RAPFANG_MAX_IN_FLIGHT: requests a process serves at once"
    )
    args = parser.parse_args()
    args.clients, args.seconds = min(args.clients, 1000), min(args.seconds, 120.0)  # bounded whatever is asked
    return run(args)


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    sys.exit(main())
