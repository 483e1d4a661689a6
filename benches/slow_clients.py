"""Slow clients against `rapfang serve` running alone: do other visitors still get their pages?

Starts `rapfang serve --no-worker` on a throwaway data folder (SQLite, migrated, no demo) on a free loopback port.
Then, for --seconds, --slow connections trickle one byte every --every seconds (half send a request's headers,
half a POST body after headers sent at once), opening again whenever the server closes them, while --visitors normal
visitors fetch the home page one after another with a 5 s timeout. Loopback only, bounded in time.

    .venv/bin/python benches/slow_clients.py [--slow 20] [--every 2] [--visitors 8] [--seconds 30]

Prints what the normal visitors got (answers, time-outs, p50/p95/max latency) and how long the server held a slow
connection before closing it. Exits 1 when fewer than 95 % of the visitors' requests were answered.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
BODY_PATH = "/api/v1/consultations/slow/comments"  # the API reads a body before anything else


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int, *, worker: bool = False, **extra: str) -> subprocess.Popen[bytes]:
    """`rapfang serve` on a migrated data folder (SQLite unless `extra` names a DATABASE_URL); ready on return."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RAPFANG_TASKS", "REDIS_URL"}}
    env.update(RAPFANG_DATA_DIR=str(data_dir), RAPFANG_ACCESS_LOG="off", **extra)
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a production process refuses to start without one
    subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "migrate", "-v0"], env=env, check=True)
    command = [PYTHON, "-m", "rapfang.cli", "serve", "--port", str(port), *([] if worker else ["--no-worker"])]
    server = subprocess.Popen(command, env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            if fetch(port, "/healthz", 5)[0] == 200:
                return server
        time.sleep(0.3)
    raise SystemExit("the server did not start")


def fetch(port: int, path: str, timeout: float) -> tuple[int, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started
    finally:
        connection.close()


class Trickler(threading.Thread):
    """One slow client: sends its request a byte at a time, and opens a new connection when closed."""

    def __init__(self, port: int, every: float, until: float, body: bool) -> None:
        super().__init__(daemon=True)
        self.port, self.every, self.until, self.body = port, every, until, body
        self.held: list[float] = []  # seconds each connection lasted until the server closed it

    def request(self) -> bytes:
        if self.body:
            head = f"POST {BODY_PATH} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            return f"{head}Content-Length: 4000\r\n\r\n".encode() + b" " * 4000
        return f"GET / HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: {'slow' * 500}\r\n\r\n".encode()

    def run(self) -> None:
        while time.monotonic() < self.until:
            opened = time.monotonic()
            try:
                with socket.create_connection((HOST, self.port), timeout=5) as sock:
                    self.trickle(sock)
            except OSError:
                pass
            self.held.append(time.monotonic() - opened)

    def trickle(self, sock: socket.socket) -> None:
        request = self.request()
        if self.body:  # the headers at once, then the body a byte at a time
            head, _, request = request.partition(b"\r\n\r\n")
            sock.sendall(head + b"\r\n\r\n")
        for byte in request:
            if time.monotonic() >= self.until:
                return
            sock.sendall(bytes([byte]))
            time.sleep(self.every)


def visitor(port: int, until: float, results: list[tuple[int, float]]) -> None:
    while time.monotonic() < until:
        results.append(fetch(port, "/", 5))


def run(args: argparse.Namespace) -> int:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="rapfang-slow-") as folder:
        server = start_server(Path(folder), port)
        try:
            baseline = [fetch(port, "/", 5) for _ in range(20)]
            until = time.monotonic() + args.seconds
            slow = [Trickler(port, args.every, until, body=n % 2 == 1) for n in range(args.slow)]
            for one in slow:
                one.start()
            time.sleep(min(5.0, args.seconds / 3))  # the slow connections settle in first
            results: list[tuple[int, float]] = []
            visitors = [threading.Thread(target=visitor, args=(port, until, results)) for _ in range(args.visitors)]
            for one in visitors:
                one.start()
            for one in visitors + slow:
                one.join(timeout=args.seconds + 30)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return report(args, baseline, results, [h for one in slow for h in one.held])


def report(args: argparse.Namespace, baseline: list, results: list, held: list[float]) -> int:
    answered = [seconds for status, seconds in results if status == 200]
    share = len(answered) / max(1, len(results))
    quantiles = statistics.quantiles(answered, n=100) if len(answered) >= 2 else [0.0] * 99
    print(f"alone: p50 {statistics.median(s for _st, s in baseline) * 1000:.0f} ms")
    print(f"{args.slow} slow clients (1 byte every {args.every} s) and {args.visitors} visitors for {args.seconds} s:")
    print(f"  visitors' requests: {len(results)}, answered {len(answered)} ({share:.1%}), "
          f"timed out or failed {len(results) - len(answered)}")  # fmt: skip
    if answered:
        print(f"  latency: p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, "
              f"max {max(answered) * 1000:.0f} ms")  # fmt: skip
    if held:
        print(f"  slow connections closed by the server after: median {statistics.median(held):.1f} s, "
              f"max {max(held):.1f} s ({len(held)} connections)")  # fmt: skip
    return 0 if share >= 0.95 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--every", type=float, default=2.0)
    parser.add_argument("--visitors", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
