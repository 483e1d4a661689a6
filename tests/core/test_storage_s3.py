"""Files in an S3-compatible store (moto_server on loopback): every file the site writes goes there, downloads are
streamed through the site's views with their counts and access rules, and nothing is public in the bucket."""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from clock import bkk
from rapfang.comments.models import Comment
from rapfang.comments.services import Upload, comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.core.storage import kept_open, storage_ready
from rapfang.documents import pending
from rapfang.documents.models import Attachment
from rapfang.documents.services import attachment_add
from rapfang.reports.models import ReportFile
from rapfang.reports.selectors.reports import file_links
from rapfang.reports.services.reports import report_execute, report_publish, report_request
from rapfang.settings import s3_storage
from reports.report_helpers import roles
from servers import MotoServer, moto_available

pytestmark = pytest.mark.skipif(
    not moto_available() and not os.environ.get("CI"),
    reason="moto_server is not installed (pip install 'moto[server]')",
)
GROUPS = "http://acs.amazonaws.com/groups/global/"
PUBLIC_GRANTEES = {GROUPS + "AllUsers", GROUPS + "AuthenticatedUsers"}


@pytest.fixture(scope="session")
def moto():
    server = MotoServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def bucket(moto, settings, monkeypatch):
    """A bucket of the test's own as the site's file storage."""
    name = moto.bucket(f"rapfang-{uuid.uuid4().hex[:12]}")
    for key, value in moto.environment(name).items():
        monkeypatch.setenv(key, value)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(name)}
    return name


def download_url(attachment):
    return reverse("attachment_download", args=[attachment.consultation.slug, attachment.pk, attachment.filename])


def objects(moto, bucket):
    return {item["Key"]: item["Size"] for item in moto.client().list_objects_v2(Bucket=bucket).get("Contents", [])}


def public(moto, bucket, key):
    grants = moto.client().get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") in PUBLIC_GRANTEES for grant in grants)


def test_an_attachment_goes_to_the_bucket_and_downloads_counted_through_the_view(bucket, demo, moto, client, settings):
    content = b"%PDF-1.4\n" + "ร่างแผนพัฒนารัฐบาลดิจิทัล ฉบับรับฟังความคิดเห็น\n".encode() * 2000
    attachment = attachment_add(actor=SYSTEM, consultation=demo, kind="draft_detailed", title_th="ร่างฉบับเต็ม",
                                content=io.BytesIO(content), filename="ร่างแผน.pdf")  # fmt: skip
    assert objects(moto, bucket)[attachment.file.name] == len(content)
    assert not public(moto, bucket, attachment.file.name)
    on_disk = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert on_disk == []  # the demo's files neither
    response = client.get(download_url(attachment))
    assert response.status_code == 200 and response["Content-Length"] == str(len(content))
    assert b"".join(response.streaming_content) == content
    assert Attachment.objects.get(pk=attachment.pk).downloads == 1


def test_a_missing_object_is_404_not_500(bucket, demo, moto, client):
    attachment = attachment_add(actor=SYSTEM, consultation=demo, kind="agenda", title_th="กำหนดการ",
                                content=io.BytesIO(b"%PDF-1.4 agenda"), filename="agenda.pdf")  # fmt: skip
    moto.client().delete_object(Bucket=bucket, Key=attachment.file.name)
    assert client.get(download_url(attachment)).status_code == 404
    assert Attachment.objects.get(pk=attachment.pk).downloads == 0


def test_a_comment_attachment_is_stored_in_the_bucket(bucket, demo, moto, client):
    upload = Upload(content=io.BytesIO(b"%PDF-1.4 comment"), filename="แนบ.pdf")
    data = {"text": "ความเห็นพร้อมเอกสารแนบ", "anonymous": True, "stakeholder_type": "citizen", "consent": True}
    comment = comment_submit(actor=PUBLIC, consultation=demo, data=data, upload=upload, now=bkk(2016, 11, 18, 10))
    assert comment.attachment.name in objects(moto, bucket)
    Comment.objects.filter(pk=comment.pk).update(status="published")
    response = client.get(f"/consultations/{demo.slug}/comments/{comment.pk}/attachment/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 comment"


def test_report_files_are_stored_private_and_served_only_once_published(bucket, demo, moto, client):
    people = roles(demo)
    report = report_request(actor=people["organiser"], consultation=demo, enqueue=False)
    report = report_execute(report_id=report.pk)
    stored = objects(moto, bucket)
    rows = ReportFile.objects.filter(report=report)
    assert {row.file.name for row in rows} <= set(stored) and rows.count() == 4
    assert all(stored[row.file.name] == row.size and not public(moto, bucket, row.file.name) for row in rows)
    pdf = next(link.url for link in file_links(report) if link.format == "pdf")
    assert client.get(pdf).status_code == 404  # not published: not public, wherever the bytes are
    report_publish(actor=people["organiser"], report=report)
    response = client.get(pdf)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert ReportFile.objects.get(report=report, format="pdf").downloads == 1


def test_the_open_data_zip_is_kept_in_the_bucket_for_every_machine(bucket, demo, moto, client):
    url = f"/consultations/{demo.slug}/open-data.zip"
    first = b"".join(client.get(url).streaming_content)
    (kept,) = [key for key in objects(moto, bucket) if key.startswith("opendata/")]
    assert kept.startswith(f"opendata/{demo.pk}-") and "README.md" in zipfile.ZipFile(io.BytesIO(first)).namelist()
    built = []
    handle = kept_open(kept, built.append)  # another machine asking for the same state reads the kept copy
    assert handle.read() == first and built == []
    handle.close()


def test_a_draft_upload_kept_for_confirmation_is_in_the_bucket(bucket, moto, db):
    session: dict = {}
    kept = pending.pending_put(session, user_id=1, document_id=2, content=b"# draft", filename="draft.md",
                               note_th="", note_en="")  # fmt: skip
    assert kept.stored in objects(moto, bucket)
    assert pending.pending_read(pending.pending_get(session, kept.token, user_id=1, document_id=2)) == b"# draft"
    pending.pending_drop(session, kept.token)
    assert kept.stored not in objects(moto, bucket)


def test_readyz_checks_the_bucket(bucket, moto, client, db):
    assert storage_ready() == (True, "ok")
    moto.client().delete_bucket(Bucket=bucket)
    ready, detail = storage_ready()
    assert not ready and ("404" in detail or "NoSuchBucket" in detail)
    answer = client.get("/readyz")
    assert answer.status_code == 503 and not answer.json()["checks"]["storage"]["ok"]


def test_the_default_is_the_local_folder(settings, db):
    assert type(default_storage._wrapped if default_storage._wrapped else default_storage).__name__ != "S3Storage"
    assert storage_ready() == (True, "ok")
    assert Path(settings.MEDIA_ROOT).is_dir()
