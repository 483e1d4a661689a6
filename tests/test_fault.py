"""A database outage under a running site: `rapfang serve` (gunicorn and the job worker) reaches PostgreSQL through a
TCP relay of the test's own, which is cut for a few seconds while comments are being posted through the API.

During the cut the API answers JSON 503 with Retry-After, pages the site's 503 page, /healthz stays alive and
/readyz says not ready. After it, the site answers again within 30 s without being restarted, the job worker beats
and mails again, and every comment that got a receipt is in the database. PostgreSQL only (SQLite has no outage
of this kind); every process the test started is stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from rapfang.accounts.services import apikey_create
from rapfang.comments.models import Comment, ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.consultations.models import MilestoneKind
from rapfang.consultations.services import milestone_set
from rapfang.core.actors import SYSTEM
from rapfang.core.models import WorkerHeartbeat
from servers import Relay, free_port, static_kept

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
CUT_SECONDS = 4
BACK_WITHIN = 30


def fetch(url: str, body: dict | None = None, key: str = "") -> tuple[int, dict[str, str], bytes]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "X-API-Key": key}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (our own server on loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (our own server on loopback)
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
    except OSError:
        return 0, {}, b""


class Poster(threading.Thread):
    """Posts a comment every 0.1 s and keeps every answer: (time, status, headers, body)."""

    def __init__(self, url: str, key: str) -> None:
        super().__init__(daemon=True)
        self.url, self.key, self.answers, self.stop = url, key, [], threading.Event()

    def run(self) -> None:
        number = 0
        while not self.stop.is_set():
            number += 1
            body = {"text": f"ความเห็นระหว่างการทดสอบระบบล่ม {number}", "anonymous": True, "consent": True,
                    "stakeholder_type": "citizen", "email": f"p{number}@example.org"}  # fmt: skip
            status, headers, content = fetch(self.url, body, self.key)
            self.answers.append((time.monotonic(), status, headers, content))
            self.stop.wait(0.1)

    def receipts(self) -> set[str]:
        return {json.loads(body)["receipt"] for _t, status, _h, body in self.answers if status == 201}


@pytest.fixture
def open_consultation(transactional_db, demo):
    now = timezone.now()
    milestone_set(actor=SYSTEM, consultation=demo, kind=MilestoneKind.COMMENTS, starts_at=now - timedelta(days=1),
                  ends_at=now + timedelta(days=1))  # fmt: skip
    comment_policy_set(actor=SYSTEM, consultation=demo, moderation=ModerationMode.POST)
    return demo


@pytest.fixture
def relay():
    if connection.vendor != "postgresql":
        pytest.skip("the outage test runs on PostgreSQL (DATABASE_URL=postgres://...)")
    one = Relay(int(connection.settings_dict["PORT"] or 5432))
    one.start()
    yield one
    one.stop()


@pytest.fixture
def site(relay, tmp_path):
    """`rapfang serve` on a port of its own, its database through the relay; stopped with all its children."""
    db = connection.settings_dict
    static_kept(tmp_path)
    port = free_port()
    env = {**os.environ, "RAPFANG_DATA_DIR": str(tmp_path), "RAPFANG_LOG_LEVEL": "ERROR",
           "RAPFANG_ACCESS_LOG": "/dev/null", "SECRET_KEY": "fault-test-" + "k" * 40,
           "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{relay.port}/{db['NAME']}"}  # fmt: skip
    env.pop("RAPFANG_TASKS", None)
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "rapfang.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield server, f"http://127.0.0.1:{port}", tmp_path
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)  # anything of its group still there


def wait_until(check, seconds: float) -> float:
    """Seconds until `check()` held; fails after `seconds`."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "not within the time allowed"
        time.sleep(0.2)
    return time.monotonic() - started


def test_the_site_answers_again_after_the_database_comes_back_and_keeps_every_receipted_comment(
    open_consultation, relay, site
):
    server, base, data_dir = site
    _key, raw_key = apikey_create(actor=SYSTEM, name="fault", requests_per_minute=1_000_000)
    wait_until(lambda: fetch(f"{base}/readyz")[0] == 200, 90)
    poster = Poster(f"{base}/api/v1/consultations/{open_consultation.slug}/comments", raw_key)
    poster.start()
    try:
        wait_until(lambda: len(poster.receipts()) >= 5, 30)
        relay.cut()
        cut_at = time.monotonic()
        time.sleep(1.5)
        during = {
            path: fetch(base + path) for path in ("/healthz", "/readyz", f"/en/consultations/{open_consultation.slug}/")
        }
        time.sleep(max(0.0, CUT_SECONDS - (time.monotonic() - cut_at)))
        relay.mend()
        mended_at, mended_wall = time.monotonic(), timezone.now()
        back = wait_until(lambda: any(t > mended_at and s == 201 for t, s, _h, _b in poster.answers), BACK_WITHIN)
        wait_until(lambda: WorkerHeartbeat.objects.filter(seen_at__gt=mended_wall).exists(), BACK_WITHIN)
        wait_until(lambda: fetch(f"{base}/readyz")[0] == 200, BACK_WITHIN)
        after = [json.loads(b)["receipt"] for t, s, _h, b in poster.answers if t > mended_at and s == 201]
    finally:
        poster.stop.set()
        poster.join(timeout=15)

    print(f"outage of {CUT_SECONDS} s: comments taken again {back:.1f} s after the database came back")
    assert during["/healthz"][0] == 200
    assert during["/readyz"][0] == 503 and not json.loads(during["/readyz"][2])["checks"]["database"]["ok"]
    page = during[f"/en/consultations/{open_consultation.slug}/"]
    assert page[0] == 503 and page[1]["retry-after"] and b"briefly unavailable" in page[2]
    refused = [(h, b) for t, s, h, b in poster.answers if cut_at < t < mended_at and s == 503]
    assert refused and all(h["content-type"] == "application/json" and h["retry-after"] for h, _b in refused)
    assert all(json.loads(b)["code"] == "unavailable" for _h, b in refused)
    assert {s for _t, s, _h, _b in poster.answers} <= {201, 503}, "no 500 and no dropped connection"
    assert after and server.poll() is None  # the same `rapfang serve` came back by itself
    stored = set(Comment.objects.filter(consultation=open_consultation).values_list("receipt", flat=True))
    assert poster.receipts() <= stored
    mailed_to = Comment.objects.get(receipt=after[0]).email  # a comment taken after the outage: its receipt mail
    outbox = data_dir / "outbox"
    wait_until(lambda: outbox.exists() and any(mailed_to in p.read_text() for p in outbox.iterdir()), BACK_WITHIN)
