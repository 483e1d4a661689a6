"""Comments that carry an e-mail address, a telephone number and a valid national ID, written plainly and in the
forms people use to slip past a filter: none of them reaches any public page, API answer, feed, open-data file or
published report, while the moderators see the originals, flagged."""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile

import pytest
from django.conf import settings

from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.comments.selectors import comment_personal_data_counts
from rapfang.core.actors import SYSTEM
from rapfang.documents.models import Paragraph
from rapfang.reports.services.issues import (
    issue_comments_add,
    issue_create,
    issue_update,
    response_publish,
    response_save,
)
from rapfang.reports.services.reports import report_execute, report_publish, report_request
from reports.report_helpers import comments_with_personal_data, roles, submit
from reports.summary_fixtures import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.long]
SLUG = "dg2-2560-2564"
# What is written, and what must never be read back (digits without their separators, lower case).
WRITTEN = [
    "ติดต่อ kanya.private@example.org หรือโทร (081)2345671 เลขบัตร 1\u200b1017\u200b00203\u200b45\u200b0",
    "ส่งเอกสารถึง wichai at example dot com หรือ malee＠example.net โทร ๐๘๙ ๑๒๓ ๔๕๖๗",
    "เลขประจำตัว 1/1017/00203/45/0 ติดต่อ somsri [at] example [dot] co [dot] th โทร +66 (0) 62 555 0199",
]
NEVER = ["kanya.private", "wichai", "malee", "somsri", "0812345671", "1101700203450", "0891234567", "625550199",
         "025550123"]  # fmt: skip
ORGANISATION = "ชมรมผู้ใช้บริการ โทร 02-555-0123"


def readable(text: str) -> str:
    """Text as a reader takes it in: NFKC, no zero-width characters, Arabic digits, no separators between digits."""
    text = unicodedata.normalize("NFKC", text).translate(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff")))
    text = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).lower()
    return re.sub(r"(?<=\d)[\s\-./_()–]+(?=\d)", "", text)


def leaks(text: str) -> list[str]:
    flat = readable(text)
    return [secret for secret in NEVER if secret in flat]


@pytest.fixture
def hearing(demo, settings, tmp_path):
    """The comments above, published; an issue answered with them; a published report."""
    settings.DATA_DIR = tmp_path / "data"
    people = roles(demo)
    comments_with_personal_data(demo)  # post-moderation, and the shared set's own personal data
    ours = [submit(demo, text, 19) for text in WRITTEN]
    ours.append(submit(demo, "ขอให้ลงทะเบียนออนไลน์ได้", 20, anonymous=False, name="สมหญิง", organisation=ORGANISATION))
    analysis_run_execute(run_id=analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False).pk, workers=1)
    organiser = people["organiser"]
    issue = issue_create(actor=organiser, consultation=demo, title_th="การติดต่อ")
    issue_comments_add(actor=organiser, issue=issue, comment_ids=[c.pk for c in ours])
    issue_update(actor=organiser, issue=issue, title_th="การติดต่อ", representative=ours[0])
    later = Paragraph.objects.filter(version__document__consultation=demo, version__number=2).first()
    response_save(actor=organiser, issue=issue, decision="accepted", reasons_th="รับไว้", paragraph_ids=[later.pk])
    response_publish(actor=organiser, issue=issue)
    report = report_request(actor=organiser, consultation=demo, enqueue=False)
    report_publish(actor=organiser, report=report_execute(report_id=report.pk))
    return {"consultation": demo, "comments": ours, "people": people}


def pages(client, receipts):
    urls = [f"/consultations/{SLUG}/", f"/consultations/{SLUG}/comments/", f"/consultations/{SLUG}/responses/",
            "/feeds/timeline.atom", "/feeds/consultations.atom"]  # fmt: skip
    urls += [f"/consultations/{SLUG}/comments/?q={word}" for word in ("ติดต่อ", "โทร", "example")]
    urls += [f"/comments/receipts/{receipt}/" for receipt in receipts]
    urls += [f"/consultations/{SLUG}/responses/?receipt={receipt}" for receipt in receipts]
    return urls + ["/en" + url for url in urls]


def api_answers(client):
    base = f"/api/v1/consultations/{SLUG}"
    urls = [f"{base}/comments", f"{base}/comments?q=ติดต่อ", f"{base}/comments?q=kanya", f"{base}/issues",
            f"{base}/issues/1", f"{base}/responses", f"{base}/reports", f"{base}/open-data", base]  # fmt: skip
    return {url: client.get(url).content.decode() for url in urls}


def test_no_public_page_shows_them(client, hearing):
    receipts = [comment.receipt for comment in hearing["comments"]]
    for url in pages(client, receipts):
        response = client.get(url)
        assert response.status_code == 200, url
        assert leaks(response.content.decode()) == [], url
    listed = client.get(f"/en/consultations/{SLUG}/comments/").content.decode()
    assert "[e-mail withheld]" in listed and "[national ID withheld]" in listed  # the comments are there, masked


def test_no_api_answer_gives_them_and_search_cannot_find_them(client, hearing):
    for url, body in api_answers(client).items():
        assert leaks(json.dumps(json.loads(body), ensure_ascii=False)) == [], url
    for word in ("0812345671", "kanya", "example", "1101700203450", "wichai"):
        found = client.get(f"/api/v1/consultations/{SLUG}/comments", {"q": word}).json()
        assert found["count"] == 0, word


def test_no_open_data_file_holds_them(client, hearing):
    response = client.get(f"/consultations/{SLUG}/open-data.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    for name in archive.namelist():
        assert leaks(archive.read(name).decode("utf-8-sig")) == [], name


def test_no_published_report_file_holds_them(client, hearing):
    files = client.get(f"/api/v1/consultations/{SLUG}/reports").json()[0]["files"]
    assert {file["format"] for file in files} == {"pdf", "docx", "xlsx", "html"}
    for file in files:
        response = client.get(file["url"].removeprefix(settings.SITE_URL))
        data = b"".join(response.streaming_content)
        assert leaks(text_of(file["format"], data)) == [], file["format"]


def test_moderators_see_the_originals_flagged(client, hearing):
    demo = hearing["consultation"]
    assert all(comment.has_personal_data for comment in hearing["comments"])
    assert comment_personal_data_counts(consultation=demo) == {"published": 6}
    client.force_login(hearing["people"]["moderator"])
    queue = client.get(f"/en/staff/consultations/{SLUG}/moderation/", {"state": "published"}).content.decode()
    assert "kanya.private@example.org" in queue and "(081)2345671" in queue
    assert queue.count('data-testid="personal-data"') == 6
    only = {"state": "published", "personal_data": "on"}
    flagged = client.get(f"/en/staff/consultations/{SLUG}/moderation/", only).content.decode()
    assert all(comment.receipt in flagged for comment in hearing["comments"])
    assert flagged.count('data-testid="personal-data"') == 6 and "ระบบบริการภาครัฐควรใช้งาน" not in flagged
