"""A login flood against the administrator: are visitors still served, and can the administrator still log in?

Starts `rapfang serve --no-worker` (SQLite) on a throwaway data folder with the demo consultation and an
administrator whose password uses Django's real hasher. The administrator logs in once from their browser (which
keeps its device cookie). Then, for --seconds, on loopback: --flooders threads send wrong passwords for "admin"
from sixteen addresses (127.0.0.30-45), each with a fresh login page, while --visitors visitors read public pages.
Halfway through, the administrator logs in from a new address with their browser, and a stranger tries the right
password from an unknown address.

    .venv/bin/python benches/login_flood.py [--flooders 16] [--visitors 4] [--seconds 30] [--unthrottled]

--unthrottled raises every login limit out of reach, to show what the flood costs without them.

Prints the flood's answers and the server's CPU per try, the cost of one password check, what the visitors got,
and whether the administrator got in. Exits 1 when the administrator was kept out or visitors were not served.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from slow_clients import HOST, PYTHON, free_port, start_server

PASSWORD = "a-Long-admin-pass-2016"  # noqa: S105 (the bench's own throwaway administrator)
SETUP = f"""
import django, time
django.setup()
from django.contrib.auth.hashers import make_password
from rapfang.accounts.models import User
from rapfang.demo.loader import demo_load
demo_load()
admin = User.objects.get(username="admin")  # the demo's administrator, with a password of the bench's
admin.set_password("{PASSWORD}")
admin.save()
started = time.process_time()
make_password("{PASSWORD}")
print(round((time.process_time() - started) * 1000))
"""


class Browser:
    """Cookies and a CSRF token, as a browser keeps them; one connection per request from its own address."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30, source_address=(self.address, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, urlencode(body) if body is not None else None, headers)
            response = connection.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";")[0]
            return response.status, response.read().decode(errors="replace")
        except OSError:
            return 0, ""
        finally:
            connection.close()

    def log_in(self, password: str) -> int:
        _status, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = {"username": "admin", "password": password, "next": "/admin/",
                "csrfmiddlewaretoken": token.group(1) if token else ""}  # fmt: skip
        return self.request("POST", "/accounts/login/", form)[0]


def server_cpu(pid: int) -> float:
    """CPU seconds of the server and every process of its session (the web workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[3]) == pid:  # the session's process group
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def flood(port: int, lane: int, until: float, answers: Counter) -> None:
    while time.monotonic() < until:
        answers[Browser(port, f"127.0.0.{30 + lane % 16}").log_in(f"guess-{lane}-{time.monotonic()}")] += 1


def visit(port: int, until: float, results: list[tuple[int, float]]) -> None:
    browser = Browser(port, "127.0.0.2")
    pages = ["/", "/consultations/dg2-2560-2564/", "/en/"]
    while time.monotonic() < until:
        started = time.monotonic()
        status, _page = browser.request("GET", pages[len(results) % len(pages)])
        results.append((status, time.monotonic() - started))


def scene(args: argparse.Namespace, port: int, server: subprocess.Popen[bytes]) -> dict:
    admin = Browser(port, "127.0.0.5")
    first = admin.log_in(PASSWORD)
    answers: Counter = Counter()
    visits: list[tuple[int, float]] = []
    cpu_before, until = server_cpu(server.pid), time.monotonic() + args.seconds
    threads = [threading.Thread(target=flood, args=(port, n, until, answers)) for n in range(args.flooders)]
    threads += [threading.Thread(target=visit, args=(port, until, visits)) for _ in range(args.visitors)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds / 2)
    admin.address, admin.cookies = "127.0.0.99", {k: v for k, v in admin.cookies.items() if k == "rapfang_device"}
    during = {"admin": admin.log_in(PASSWORD), "stranger": Browser(port, "127.0.0.98").log_in(PASSWORD)}
    for thread in threads:
        thread.join(timeout=args.seconds + 60)
    return {"first": first, "during": during, "answers": answers, "visits": visits,
            "cpu": server_cpu(server.pid) - cpu_before}  # fmt: skip


def report(result: dict, hash_ms: int, seconds: float) -> int:
    answers, visits = result["answers"], result["visits"]
    tries = sum(answers.values())
    answered = sorted(s for status, s in visits if status == 200)
    print(f"one password check: {hash_ms} ms of CPU (Django's PBKDF2)")
    print(f"flood answers: {dict(answers)}")
    print(f"flood: {tries} tries in {seconds:.0f} s: {answers[200]} wrong-password answers (hashed, about "
          f"{answers[200] * hash_ms / 1000:.1f} s of CPU), {answers[429]} refused before hashing; "
          f"the server's CPU in all (flood and visitors): {result['cpu']:.1f} s")  # fmt: skip
    print(
        f"visitors: {len(visits)} page requests, {len(answered)} answered"
        + (f", p50 {statistics.median(answered) * 1000:.0f} ms, max {answered[-1] * 1000:.0f} ms" if answered else "")
    )
    during = result["during"]
    print(f"administrator: before the flood {result['first']}, during it from a new address with their browser "
          f"{during['admin']}; the password from a new browser at a new address {during['stranger']}")  # fmt: skip
    served = len(answered) >= 0.99 * max(len(visits), 1)
    return 0 if result["during"]["admin"] == 302 and served else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flooders", type=int, default=16)
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--unthrottled", action="store_true", help="login limits out of reach, for comparison")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="rapfang-login-") as folder:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        env.update(RAPFANG_DATA_DIR=folder, DJANGO_SETTINGS_MODULE="rapfang.settings")
        subprocess.run([PYTHON, "-m", "rapfang.cli", "manage", "migrate", "-v0"], env=env, check=True)
        hash_ms = int(subprocess.run([PYTHON, "-c", SETUP], env=env, capture_output=True, text=True, check=True).stdout)
        limits = {
            f"RAPFANG_RATE_LIMIT_LOGIN_{name}": "1000000/60" for name in ("ADDRESS", "FAILURES", "ACCOUNT", "SITE")
        }
        server = start_server(Path(folder), port, RAPFANG_LOG_LEVEL="ERROR", **(limits if args.unthrottled else {}))
        try:
            return report(scene(args, port, server), hash_ms, args.seconds)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
