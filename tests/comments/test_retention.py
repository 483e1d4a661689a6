"""Commenters' names and e-mail addresses are removed the configured days after the comment period closes; the
texts stay, and the receipts sent to those addresses leave the mail folder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from comment_helpers import CLOSES, DURING, valid
from django.conf import settings as django_settings
from django.core.management import call_command

from rapfang.comments.models import Comment
from rapfang.comments.retention import commenters_purge
from rapfang.comments.services import comment_submit
from rapfang.core.actors import SYSTEM


@pytest.fixture
def written(demo, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    with django_capture_on_commit_callbacks(execute=True):
        named = comment_submit(actor=SYSTEM, consultation=demo, now=DURING,
                               data=valid(text="ขอให้ลงทะเบียนออนไลน์", email="somchai@example.org"))  # fmt: skip
        anonymous = comment_submit(actor=SYSTEM, consultation=demo, now=DURING,
                                   data=valid(text="ไม่ออกนาม", anonymous=True, email="anon@example.org"))  # fmt: skip
    return named, anonymous


def mail_text(settings):
    return "".join(path.read_text(errors="replace") for path in settings.EMAIL_FILE_PATH.iterdir())


def test_names_and_addresses_go_after_the_retention_days(written, settings, django_capture_on_commit_callbacks):
    assert "somchai@example.org" in mail_text(settings)
    with django_capture_on_commit_callbacks(execute=True):
        assert commenters_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=90)) == 0  # not a second past
        assert commenters_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=90, seconds=1)) == 2
    rows = {row["text"]: row for row in Comment.objects.values("text", "name", "email", "organisation", "purged_at")}
    named = rows["ขอให้ลงทะเบียนออนไลน์"]
    assert (named["name"], named["email"], named["organisation"]) == ("", "", "มหาวิทยาลัยตัวอย่าง")
    assert rows["ไม่ออกนาม"]["email"] == "" and all(row["purged_at"] for row in rows.values())
    left = mail_text(settings)
    assert "somchai@example.org" not in left and "anon@example.org" not in left
    assert commenters_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=200)) == 0  # once


def test_a_consultation_whose_period_has_not_closed_keeps_them(written, demo):
    demo.milestones.filter(kind="comments").update(ends_at=None)
    assert commenters_purge(actor=SYSTEM, days=0, now=CLOSES + timedelta(days=3650)) == 0


def test_the_command_and_the_daily_job(written, capsys):
    assert "rapfang.comments.tasks.commenters_purge" in django_settings.DAILY_JOBS
    call_command("purge_commenters", "--days", "0")
    assert "2 comments" in capsys.readouterr().out
    assert not Comment.objects.exclude(name="").exists()


def test_the_public_page_shows_the_organisation_without_a_name(written, client):
    Comment.objects.update(status="published")
    commenters_purge(actor=SYSTEM, days=0, now=CLOSES + timedelta(days=1))
    page = client.get("/en/consultations/dg2-2560-2564/comments/").content.decode()
    assert "มหาวิทยาลัยตัวอย่าง" in page and "สมชาย" not in page
    assert "· มหาวิทยาลัยตัวอย่าง" not in page  # no separator left before it
