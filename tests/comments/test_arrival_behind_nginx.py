"""Behind Debian's nginx with the shipped configuration, a comment arrives when nginx has read it: a comment sent in
the closing second and kept waiting past it on its way to the site is in time; a stamp the client writes itself is
never believed (decision 21's addendum). A relay between nginx and the site holds every connection, as a crowd
would.

Runs in CI (`.ci/run` installs nginx); elsewhere it is skipped when nginx is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from django.utils import timezone

from cluster import Nginx
from factories import ConsultationFactory
from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.services import milestone_set
from rapfang.core.actors import SYSTEM
from rapfang.core.windows import to_second
from servers import Relay

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.skipif(not Path(NGINX).exists() and not os.environ.get("CI"), reason="nginx is not installed"),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
HELD = 2.5  # seconds the relay keeps each request from the site: past the closing second


@pytest.fixture
def behind_nginx(live_server, tmp_path):
    port = int(live_server.url.rsplit(":", 1)[1])
    relay = Relay(port, delay=HELD)
    relay.start()
    (tmp_path / "static").mkdir()
    proxy = Nginx(tmp_path / "nginx", [relay.port], tmp_path / "static")
    proxy.start()
    yield f"http://127.0.0.1:{proxy.port}"
    proxy.stop()
    relay.stop()


def test_a_comment_nginx_read_in_the_closing_second_is_in_time_however_long_it_waited_after(
    transactional_db, behind_nginx, settings
):
    settings.PROXY_ARRIVAL = True
    consultation = ConsultationFactory()
    Consultation.objects.filter(pk=consultation.pk).update(is_published=True)
    closes = to_second(timezone.now()) + timedelta(seconds=1)
    milestone_set(actor=SYSTEM, consultation=consultation, kind=MilestoneKind.COMMENTS,
                  starts_at=closes - timedelta(days=5), ends_at=closes)  # fmt: skip
    time.sleep(max(0.0, (closes - timezone.now()).total_seconds()) + 0.05)  # into the closing second
    url = f"{behind_nginx}/api/v1/consultations/{consultation.slug}/comments"
    body = json.dumps({"text": "ขอให้ขยายเวลารับฟังความคิดเห็นออกไปอีกสิบห้าวัน", "anonymous": True,
                       "stakeholder_type": "citizen", "consent": True})  # fmt: skip
    headers = {"Content-Type": "application/json", "Accept-Language": "th"}

    sent = timezone.now()
    in_time = requests.post(url, data=body, headers=headers, timeout=30)
    answered = timezone.now()
    assert answered - closes > timedelta(seconds=HELD)  # the site saw it after the closing second
    assert in_time.status_code == 201, in_time.text
    comment = Comment.objects.get(receipt=in_time.json()["receipt"])
    assert sent - timedelta(milliseconds=5) <= comment.submitted_at < closes + timedelta(seconds=1)
    assert not comment.is_late

    forged = {**headers, "X-Request-Start": f"t={int(closes.timestamp()) - 30}.000"}  # nginx writes its own
    late = requests.post(url, data=body, headers=forged, timeout=30)
    assert (late.status_code, late.json()["code"]) == (409, "comments_closed")
    assert Comment.objects.filter(consultation=consultation).count() == 1
