"""Erasing a comment removes every copy of it: its row in the analysis, its words in the search index, its receipt
in the mail folder, and every report file that quotes it (the version is withdrawn with a public note and a new
version is made for the organisers to publish)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from rapfang.analysis.models import CommentAnalysis, DuplicateGroup
from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.comments.models import Comment
from rapfang.comments.moderation import comment_erase
from rapfang.core.actors import SYSTEM
from rapfang.reports.models import Report, ReportStatus
from rapfang.reports.selectors.reports import report_file_name
from rapfang.reports.services.reports import report_execute, report_publish, report_request
from reports.report_helpers import roles, submit
from reports.summary_fixtures import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.long]
SLUG = "dg2-2560-2564"
ERASED = "zqerased ขอให้ลบความเห็นนี้ เลขบัตร 1101700203450 โทร 0812345671"
CAMPAIGN = "ขอเสนอให้เปิดข้อมูลงบประมาณทุกโครงการ เพื่อให้ประชาชนตรวจสอบได้ทุกขั้นตอน"


@pytest.fixture
def mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    return settings.EMAIL_FILE_PATH


def folder_text(folder: Path) -> str:
    return "".join(path.read_text(encoding="utf-8", errors="replace") for path in folder.glob("*") if path.is_file())


@pytest.fixture
def hearing(demo, mail_folder, settings, tmp_path, django_capture_on_commit_callbacks):
    """A campaign of three (the erased comment among them), another comment, the analysis, a published report."""
    settings.DATA_DIR = tmp_path / "data"
    people = roles(demo)
    from rapfang.comments.services import comment_policy_set

    comment_policy_set(actor=SYSTEM, consultation=demo, moderation="post")
    with django_capture_on_commit_callbacks(execute=True):
        erased = submit(demo, ERASED, 18, email="erase.me@example.org")
        kept = submit(demo, "ความเห็นที่ยังอยู่ zqkept", 19, email="keep.me@example.org")
        campaign = [submit(demo, CAMPAIGN, 20) for _ in range(3)]
    analysis_run_execute(run_id=analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False).pk, workers=1)
    organiser = people["organiser"]
    report = report_request(actor=organiser, consultation=demo, enqueue=False)
    published = report_publish(actor=organiser, report=report_execute(report_id=report.pk))
    return {"demo": demo, "erased": erased, "kept": kept, "campaign": campaign, "report": published,
            "organiser": organiser, "folder": mail_folder}  # fmt: skip


def erase(hearing, comment, callbacks):
    with callbacks(execute=True):
        comment_erase(actor=hearing["organiser"], comment=comment, note="request 7")


def test_the_analysis_keeps_no_row_and_no_word_of_it(hearing, django_capture_on_commit_callbacks):
    tokens = CommentAnalysis.objects.get(comment=hearing["erased"]).tokens
    assert "0812345671" not in tokens and "1101700203450" not in tokens  # never analysed with personal data
    erase(hearing, hearing["erased"], django_capture_on_commit_callbacks)
    assert not CommentAnalysis.objects.filter(comment=hearing["erased"]).exists()
    assert not [row for row in CommentAnalysis.objects.values_list("tokens", flat=True) if "zqerased" in row]


def test_a_campaign_member_erased_leaves_its_campaign_recounted(hearing, django_capture_on_commit_callbacks):
    first, *others = hearing["campaign"]
    group = DuplicateGroup.objects.get(members__comment=first)
    assert (group.size, group.representative_id) == (3, first.pk)
    erase(hearing, first, django_capture_on_commit_callbacks)
    group.refresh_from_db()
    assert group.size == 2 and group.representative_id == others[0].pk


def test_no_search_term_is_left(hearing, django_capture_on_commit_callbacks):
    erase(hearing, hearing["erased"], django_capture_on_commit_callbacks)
    assert Comment.objects.get(pk=hearing["erased"].pk).search_terms == ""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # the index's own tables, after its segments were merged
            cursor.execute("SELECT count(*) FROM comments_search_data WHERE instr(block, CAST(%s AS BLOB)) > 0",
                           ["zqerased"])  # fmt: skip
            assert cursor.fetchone()[0] == 0
            cursor.execute("SELECT count(*) FROM comments_search_content WHERE id = %s", [hearing["erased"].pk])
            assert cursor.fetchone()[0] == 0
            # what is looked for is there to be found, asked of the index's own list of its terms: a term's bytes may
            # not stand whole in a block (FTS5 writes a term after its neighbour's shared prefix, e.g. a receipt's
            # "zq4k" before "zqkept")
            cursor.execute("CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, comments_search, row)")
            cursor.execute("SELECT term FROM temp.search_vocabulary WHERE term IN ('zqkept', 'zqerased')")
            assert [row[0] for row in cursor.fetchall()] == ["zqkept"]
            cursor.execute("DROP TABLE temp.search_vocabulary")
        else:
            cursor.execute("SELECT search_vector::text FROM comments_comment WHERE id = %s", [hearing["erased"].pk])
            assert "zqerased" not in cursor.fetchone()[0]


def test_the_receipt_mail_leaves_the_mail_folder(hearing, django_capture_on_commit_callbacks):
    before = folder_text(hearing["folder"])
    assert "zqerased" in before and "zqkept" in before
    erase(hearing, hearing["erased"], django_capture_on_commit_callbacks)
    after = folder_text(hearing["folder"])
    assert "zqerased" not in after and hearing["erased"].receipt not in after and "erase.me@example.org" not in after
    assert "zqkept" in after and "keep.me@example.org" in after


def test_report_versions_quoting_it_are_withdrawn_and_a_new_one_made(
    hearing, client, django_capture_on_commit_callbacks
):
    report = hearing["report"]
    files = [Path(row.file.path) for row in report.files.all()]
    html_file = report.files.get(format="html")
    url = f"/consultations/{SLUG}/reports/{report.number}/{report_file_name(report, 'html')}"
    assert client.get(url).status_code == 200
    assert all(path.exists() for path in files) and "zqerased" in text_of("html", html_file.file.read())
    erase(hearing, hearing["erased"], django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert (report.status, report.withdrawn_for) == (ReportStatus.WITHDRAWN, "erasure")
    assert not any(path.exists() for path in files) and not report.files.exists()
    assert client.get(f"/api/v1/consultations/{SLUG}/reports").json() == []
    page = client.get(f"/en/consultations/{SLUG}/").content.decode()
    assert "was withdrawn on" in page and "erased at its author" in page
    new = Report.objects.get(consultation=hearing["demo"], number=report.number + 1)
    assert new.status == ReportStatus.READY and new.requested_by is None  # made at once; staff publish it
    html = new.files.get(format="html").file.read().decode()
    assert "zqerased" not in html and "zqkept" in html
    assert client.get(url).status_code == 404


def test_a_version_being_made_is_stopped_and_made_again(hearing, django_capture_on_commit_callbacks):
    waiting = report_request(actor=hearing["organiser"], consultation=hearing["demo"], enqueue=False)
    erase(hearing, hearing["kept"], django_capture_on_commit_callbacks)
    waiting.refresh_from_db()
    assert waiting.status == ReportStatus.FAILED and "erased" in waiting.error
    assert report_execute(report_id=waiting.pk).status == ReportStatus.FAILED  # never generated after all
    newest = Report.objects.filter(consultation=hearing["demo"]).order_by("-number").first()
    assert newest.number == waiting.number + 1 and newest.status == ReportStatus.READY
