"""Durability under a crash: `rapfang serve` (the web server's processes and the job worker) is killed with SIGKILL
in the middle of a burst of comments posted through the API, each under an `Idempotency-Key` of its own, and started
again on the same data folder and database.

Every comment that was answered 201 is in the database with its receipt, and the restarted job worker writes the
search terms of every stored comment, whether or not the killed one had. Every request that got no answer or an
error, sent again under the same key, gets 201: the receipt stored before the crash when its comment was stored, and
one comment per key in any case. A few that were answered 201, sent again, get the same receipt and store nothing.
On SQLite, and on PostgreSQL in a database of the test's own (skipped with the reason when PostgreSQL does not
answer, except under CI, where it must). Every process the test started is stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests

from servers import free_port, run_database, static_kept

pytestmark = [pytest.mark.long, pytest.mark.postgresql_too]  # its servers run on this run's database

ADMIN_URL = os.environ.get("RAPFANG_CLUSTER_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
RAPFANG = [sys.executable, "-m", "rapfang.cli"]
COMMENTS, CLIENTS, KILL_AFTER = 150, 8, 40  # the server is killed once this many receipts came back
SECONDS_PER_DATABASE = 120  # 27-95 s a database on two busy cores
MARK = "crash-"  # every key starts with it, and every comment's text ends with its key in brackets
SETUP = """
import json
import django
django.setup()
from rapfang.accounts.services import apikey_create
from rapfang.core.actors import SYSTEM
from rapfang.demo.loader import demo_load
consultation = demo_load(phase="comments").consultation
_key, raw_key = apikey_create(actor=SYSTEM, name="crash", requests_per_minute=1_000_000)
print(json.dumps({"slug": consultation.slug, "key": raw_key}))
"""
STORED = """SELECT receipt, text, NULLIF(sent_under_key, '') FROM comments_comment
WHERE text LIKE '%[crash-%'"""  # the texts of MARK's keys
OWED = """SELECT count(*) FROM comments_comment WHERE text LIKE '%[crash-%' AND (followup_due OR search_terms = '')"""


class Deadline:
    """The time left for one database's run; every wait is bounded by it."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.at - time.monotonic()
        assert remaining > 0, "the crash test ran past its deadline"
        return remaining


class Site:
    """`rapfang serve` on a data folder (and database) that outlives it: started, killed, started again."""

    def __init__(self, folder: Path, database_url: str, deadline: Deadline) -> None:
        self.deadline = deadline
        drop = {"DATABASE_URL", "RAPFANG_TASKS", "REDIS_URL", "RAPFANG_DEVELOPMENT", "RAPFANG_DEBUG"}
        self.env = {key: value for key, value in os.environ.items() if key not in drop}
        self.env.update(RAPFANG_DATA_DIR=str(folder), SECRET_KEY=secrets.token_urlsafe(50), RAPFANG_ACCESS_LOG="off",
                        RAPFANG_LOG_LEVEL="ERROR", DJANGO_SETTINGS_MODULE="rapfang.settings")  # fmt: skip
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.servers: list[subprocess.Popen[bytes]] = []
        self.url = ""

    def prepare(self) -> dict[str, str]:
        """Migrate, load the demo consultation with its comment period open, make an API key: slug and key."""
        subprocess.run([*RAPFANG, "migrate"], env=self.env, check=True, timeout=self.deadline.left(),  # noqa: S603
                       stdout=subprocess.DEVNULL)  # fmt: skip
        done = subprocess.run([sys.executable, "-c", SETUP], env=self.env, check=True, capture_output=True,  # noqa: S603
                              timeout=self.deadline.left())  # fmt: skip
        return json.loads(done.stdout.decode().strip().splitlines()[-1])

    def start(self) -> None:
        port = free_port()
        command = [*RAPFANG, "serve", "--port", str(port), "--workers", "2"]
        self.servers.append(subprocess.Popen(command, env=self.env, start_new_session=True,  # noqa: S603
                                             stdout=subprocess.DEVNULL))  # fmt: skip
        self.url = f"http://127.0.0.1:{port}"
        while not ready(self.url):
            assert self.servers[-1].poll() is None, "rapfang serve stopped on its own"
            self.deadline.left()
            time.sleep(0.3)

    def kill(self) -> None:
        """SIGKILL to the server's whole process group: the supervisor, granian's processes, the job worker."""
        server = self.servers[-1]
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)

    def stop(self) -> None:
        for server in self.servers:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)  # anything of its group still there
            server.wait(timeout=10)


def ready(url: str) -> bool:
    with contextlib.suppress(requests.RequestException):
        return requests.get(f"{url}/readyz", timeout=3).status_code == 200
    return False


def post(site: Site, slug: str, api_key: str, key: str) -> tuple[int, str]:
    """One comment under `key`: the status and the receipt (0 and "" when no answer came)."""
    body = {"text": f"ความเห็นที่ส่งระหว่างเครื่องดับ [{key}]", "anonymous": True, "consent": True,
            "stakeholder_type": "citizen"}  # fmt: skip
    headers = {"X-API-Key": api_key, "Idempotency-Key": key}
    try:
        answer = requests.post(f"{site.url}/api/v1/consultations/{slug}/comments", json=body, headers=headers,
                               timeout=(3, 15))  # fmt: skip
    except requests.RequestException:
        return 0, ""
    return answer.status_code, answer.json().get("receipt", "") if answer.status_code == 201 else ""


def burst(site: Site, slug: str, api_key: str, keys: list[str]) -> dict[str, tuple[int, str]]:
    """`keys` posted by CLIENTS threads; the server is killed once KILL_AFTER receipts came back. Every answer, by
    key; keys not yet sent when the server died are left out."""
    todo: queue.Queue[str] = queue.Queue()
    for key in keys:
        todo.put(key)
    answers: dict[str, tuple[int, str]] = {}
    killed = threading.Event()
    lock = threading.Lock()

    def client() -> None:
        while not killed.is_set():
            try:
                key = todo.get_nowait()
            except queue.Empty:
                return
            answer = post(site, slug, api_key, key)
            with lock:
                answers[key] = answer
                if not killed.is_set() and sum(s == 201 for s, _r in answers.values()) >= KILL_AFTER:
                    killed.set()
                    site.kill()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=site.deadline.left())
    assert killed.is_set(), f"the burst ended before {KILL_AFTER} receipts: {Counter(s for s, _r in answers.values())}"
    return answers


def stored(database_url: str, folder: Path, query: str = STORED) -> list[tuple[Any, ...]]:
    """(receipt, text, key) of every comment the burst may have stored, read from the database itself."""
    if database_url:
        with psycopg.connect(database_url, connect_timeout=5) as connection:
            return connection.execute(query).fetchall()
    with contextlib.closing(sqlite3.connect(folder / "rapfang.sqlite3", timeout=10)) as connection:
        return connection.execute(query).fetchall()


def followed_up(database_url: str, folder: Path, deadline: Deadline, within: float = 30) -> int:
    """Wait until the restarted job worker has written every stored comment's search terms (decision 22); the
    number still owed when `within` seconds have passed."""
    until = time.monotonic() + min(within, deadline.left())
    while (owed := stored(database_url, folder, OWED)[0][0]) and time.monotonic() < until:
        time.sleep(0.5)
    return int(owed)


@pytest.fixture(params=[run_database()])
def database_url(request):
    """An empty URL for SQLite in the data folder; else a PostgreSQL database of the test's own, dropped after."""
    if request.param == "sqlite":
        yield ""
        return
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
    except psycopg.Error as error:
        reason = f"PostgreSQL does not answer at {ADMIN_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    name = f"rapfang_crash_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_every_receipted_comment_survives_a_kill_and_a_retry_stores_nothing_twice(database_url, tmp_path):
    static_kept(tmp_path)  # before the deadline: collected once for the whole run
    started = time.monotonic()
    deadline = Deadline(SECONDS_PER_DATABASE)
    site = Site(tmp_path, database_url, deadline)
    try:
        given = site.prepare()
        slug, api_key = given["slug"], given["key"]
        site.start()
        keys = [f"{MARK}{uuid.uuid4().hex}" for _ in range(COMMENTS)]
        first = burst(site, slug, api_key, keys)
        site.start()  # the same data folder and database
        before = {key: receipt for receipt, _text, key in stored(database_url, tmp_path)}
        receipted = {key: receipt for key, (status, receipt) in first.items() if status == 201}
        missing = {key: receipt for key, receipt in receipted.items() if before.get(key) != receipt}
        assert not missing, f"{len(missing)} of {len(receipted)} receipted comments are not in the database"

        unanswered = [key for key, (status, _r) in first.items() if status != 201]
        again = {key: post(site, slug, api_key, key) for key in [*unanswered, *list(receipted)[:5]]}
        assert all(status == 201 for status, _r in again.values()), Counter(s for s, _r in again.values())
        changed = [key for key, (_s, receipt) in again.items() if key in before and before[key] != receipt]
        assert not changed, f"{len(changed)} retries got another receipt than the one stored before the crash"

        after = stored(database_url, tmp_path)
        per_key = Counter(text.rsplit("[", 1)[1].rstrip("]") for _receipt, text, _key in after)
        assert set(per_key) == set(first) and set(per_key.values()) == {1}, "one comment per key, and every one"
        by_key = {key: receipt for receipt, _text, key in after}
        assert all(by_key[key] == receipt for key, (_s, receipt) in again.items())
        owed = followed_up(database_url, tmp_path, deadline)
        assert not owed, f"{owed} stored comments still wait for their search terms after the restart"
    finally:
        site.stop()
    in_flight = [key for key in unanswered if key in before]
    print(f"{'PostgreSQL' if database_url else 'SQLite'}: {len(first)} sent, {len(receipted)} receipted before the "
          f"kill, {len(unanswered)} unanswered ({len(in_flight)} of them stored), all found and retried once; "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
