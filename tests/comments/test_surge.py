"""A surge through HTTP against a live server: parallel clients post comments through the last minute of the
period and past its close. Every 201 has its row, nothing is accepted after the close, no 5xx.

The number of comments is RAPFANG_SURGE_COMMENTS (1,500 unless set), sent as fast as the clients can from 8 s
before the close, so that on this kind of machine the close passes while they are being written; run on SQLite and
on PostgreSQL. 20,000 paced over the last minute are `benches/surge.py`'s (figures, not checks).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from rapfang.accounts.services import apikey_create
from rapfang.comments.models import Comment
from rapfang.consultations.models import MilestoneKind
from rapfang.consultations.services import milestone_set
from rapfang.core.actors import SYSTEM

pytestmark = [pytest.mark.filterwarnings("ignore:No directory at:UserWarning"), pytest.mark.long]
CLIENT = Path(__file__).with_name("surge_client.py")
COUNT = int(os.environ.get("RAPFANG_SURGE_COMMENTS", "1500"))
LEAD = timedelta(seconds=8)
AFTER_CLOSE = 300
WORKERS = 16


def blast(url: str, key: str, count: int, workers: int = WORKERS) -> list[tuple[int, str]]:
    output = subprocess.run(  # noqa: S603 (our own client script, our own arguments)
        [sys.executable, str(CLIENT), url, key, str(count), str(workers)], capture_output=True, text=True, check=True,
        timeout=3600,
    ).stdout  # fmt: skip
    return [(int(status), receipt) for status, receipt in (line.split() for line in output.splitlines())]


def test_a_surge_in_the_last_minute_keeps_every_receipt_and_stops_at_the_close(
    transactional_db, live_server, settings, tmp_path
):
    from rapfang.demo.loader import demo_load

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAX_IN_FLIGHT = WORKERS  # every client served at once: the close is checked here, overload elsewhere
    consultation = demo_load().consultation
    closes = timezone.now().replace(microsecond=0) + LEAD
    milestone_set(actor=SYSTEM, consultation=consultation, kind=MilestoneKind.COMMENTS,
                  starts_at=closes - timedelta(days=5), ends_at=closes)  # fmt: skip
    _key, raw_key = apikey_create(actor=SYSTEM, name="surge", requests_per_minute=10_000_000)
    url = f"{live_server.url}/api/v1/consultations/{consultation.slug}/comments"

    results = blast(url, raw_key, COUNT)
    wait = (closes - timezone.now()).total_seconds() + 1.5
    if wait > 0:  # the surge ended before the close: post the rest just after it
        with time_machine.travel(closes + timedelta(seconds=1), tick=True):
            results += blast(url, raw_key, AFTER_CLOSE)
    else:
        results += blast(url, raw_key, AFTER_CLOSE)

    statuses = Counter(status for status, _receipt in results)
    accepted = {receipt for status, receipt in results if status == 201}
    print(f"surge: {dict(statuses)}")
    assert set(statuses) <= {201, 409}, statuses
    assert statuses[409] >= AFTER_CLOSE
    rows = Comment.objects.filter(consultation=consultation)
    assert set(rows.values_list("receipt", flat=True)) == accepted
    assert not rows.filter(submitted_at__gte=closes + timedelta(seconds=1)).exists()
