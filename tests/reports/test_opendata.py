"""The open-data ZIP: every table as CSV and JSON, a README that describes every field, and no personal data."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.core.actors import SYSTEM
from rapfang.documents.models import Paragraph
from rapfang.reports.opendata import fingerprint, opendata_write
from rapfang.reports.opendata_readme import TABLES
from rapfang.reports.services.issues import issue_comments_add, issue_create, response_publish, response_save
from reports.report_helpers import (
    EMAIL,
    NAMED,
    SECRETS,
    comments_with_personal_data,
    registrations,
    roles,
    submit,
)

pytestmark = pytest.mark.django_db
MEMBERS = {"README.md", "datapackage.json"} | {f"{table.name}.{ext}" for table in TABLES for ext in ("csv", "json")}


@pytest.fixture
def hearing(demo, settings, tmp_path):
    """Comments with personal data, registrations, one published and one unpublished response, hidden and erased
    comments, and the analysis run over them."""
    settings.DATA_DIR = tmp_path / "data"
    people = roles(demo)
    organiser = people["organiser"]
    named, anonymous, plain = comments_with_personal_data(demo)
    hidden = submit(demo, f"ความคิดเห็นที่ถูกซ่อน อีเมล {EMAIL}", 21)
    comment_moderate(actor=organiser, comment_ids=[hidden.pk], action="hide", reason="spam")
    erased = submit(demo, "ความคิดเห็นที่เจ้าของขอให้ลบ", 21, anonymous=False, name="ผู้ขอลบ", organisation="บริษัทลบ")
    comment_erase(actor=organiser, comment=erased)
    registrations(demo)
    analysis_run_execute(run_id=analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False).pk, workers=1)
    answered = issue_create(actor=organiser, consultation=demo, title_th="การเปิดเผยข้อมูล",
                            summary_th=f"ผู้แสดงความคิดเห็นขอให้ติดต่อ {EMAIL}")  # fmt: skip
    issue_comments_add(actor=organiser, issue=answered, comment_ids=[anonymous.pk, plain.pk])
    later = Paragraph.objects.filter(version__document__consultation=demo, version__number=2).order_by("order").first()
    response_save(actor=organiser, issue=answered, decision="accepted", reasons_th="ปรับถ้อยคำในฉบับที่ ๒",
                  paragraph_ids=[later.pk])  # fmt: skip
    response_publish(actor=organiser, issue=answered)
    pending = issue_create(actor=organiser, consultation=demo, title_th="ประเด็นที่ยังไม่เผยแพร่")
    issue_comments_add(actor=organiser, issue=pending, comment_ids=[named.pk])
    response_save(actor=organiser, issue=pending, decision="not_accepted", reasons_th="ยังไม่เผยแพร่")
    return {"consultation": demo, "named": named, "anonymous": anonymous, "plain": plain, "hidden": hidden,
            "erased": erased, "paragraph": later, "organiser": organiser}  # fmt: skip


def build(consultation) -> zipfile.ZipFile:
    out = io.BytesIO()
    opendata_write(consultation, out)
    return zipfile.ZipFile(out)


def table(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"))))


def test_every_table_is_there_as_csv_and_json_with_the_same_rows(hearing):
    archive = build(hearing["consultation"])
    assert set(archive.namelist()) == MEMBERS
    for spec in TABLES:
        rows = table(archive, spec.name)
        records = json.loads(archive.read(f"{spec.name}.json"))
        assert len(rows) == len(records), spec.name
        assert all(list(record) == spec.header for record in records)
        raw = archive.read(f"{spec.name}.csv").decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(raw))) == spec.header


def test_members_are_dated_when_made_and_readable_once_extracted(hearing):
    out = io.BytesIO()
    opendata_write(hearing["consultation"], out, now=datetime(2026, 12, 1, 1, 30, tzinfo=UTC))
    for member in zipfile.ZipFile(out).infolist():
        assert member.date_time == (2026, 12, 1, 8, 30, 0), member.filename  # Bangkok time
        assert (member.external_attr >> 16) & 0o777 == 0o644, member.filename


def test_the_readme_describes_every_column_of_every_csv_in_both_languages(hearing):
    archive = build(hearing["consultation"])
    readme = archive.read("README.md").decode()
    for name in archive.namelist():
        if name.endswith(".csv"):
            assert f"`{name}`" in readme
            header = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            section = readme.split(f"## {name[:-4]} (")[1].split("\n## ")[0]
            for column in header:
                assert re.search(rf"^\| `{re.escape(column)}` \| \S.* \| \S.* \|$", section, re.M), (name, column)
    assert "ข้อมูลเปิด" in readme and "Open data" in readme
    assert re.search(r"จัดทำเมื่อ \d{1,2} \S+ 25\d\d", readme)  # the date it was made, in the Buddhist era
    assert "ไม่มีชื่อผู้แสดงความคิดเห็น" in readme and "names of commenters" in readme


def test_no_personal_data_anywhere_in_the_zip(hearing):
    archive = build(hearing["consultation"])
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8-sig")
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} in {name}"
        assert "ผู้ขอลบ" not in text and "บริษัทลบ" not in text
    comments = {row["receipt"]: row for row in table(archive, "comments")}
    named, anonymous = comments[hearing["named"].receipt], comments[hearing["anonymous"].receipt]
    assert "[ปกปิดอีเมล]" in named["text"] and "[ปกปิดหมายเลขโทรศัพท์]" in named["text"]
    assert anonymous["text"].count("[ปกปิดเลขประจำตัวประชาชน]") == 2
    assert named["organisation"] == "สมาคมผู้ประกอบการดิจิทัล" and anonymous["organisation"] == ""
    assert NAMED not in json.dumps(json.loads(archive.read("comments.json")), ensure_ascii=False)


def test_only_published_comments_and_issues_with_a_published_response(hearing):
    archive = build(hearing["consultation"])
    comments = {row["receipt"]: row for row in table(archive, "comments")}
    assert set(comments) == {hearing[key].receipt for key in ("named", "anonymous", "plain")}
    assert comments[hearing["plain"].receipt]["issues"] == "1" and comments[hearing["named"].receipt]["issues"] == ""
    assert comments[hearing["named"].receipt]["paragraph"] == hearing["named"].paragraph_anchor != ""
    assert comments[hearing["plain"].receipt]["submitted_at"] == "2016-11-20T10:00:00+07:00"
    assert comments[hearing["plain"].receipt]["stakeholder_type"] == "academic"
    (issue,) = table(archive, "issues")
    assert (issue["number"], issue["comments"], issue["title_th"]) == ("1", "2", "การเปิดเผยข้อมูล")
    assert "[ปกปิดอีเมล]" in issue["summary_th"]
    (response,) = table(archive, "responses")
    assert (response["issue"], response["decision"]) == ("1", "accepted")
    (changed,) = table(archive, "response_paragraphs")
    assert (changed["issue"], changed["version"], changed["paragraph"]) == ("1", "2", hearing["paragraph"].anchor)
    records = json.loads(archive.read("comments.json"))
    by_receipt = {record["receipt"]: record for record in records}
    assert by_receipt[hearing["plain"].receipt]["issues"] == [1]
    assert by_receipt[hearing["plain"].receipt]["is_late"] is False


def test_documents_paragraphs_and_the_consultation(hearing):
    consultation = hearing["consultation"]
    archive = build(consultation)
    (row,) = table(archive, "consultation")
    assert row["slug"] == consultation.slug and row["title_th"] == consultation.title_th
    assert row["comments_open_at"] == "2016-11-18T00:00:00+07:00" and row["url"].endswith(f"/{consultation.slug}/")
    versions = table(archive, "documents")
    assert {v["version"] for v in versions} == {"1", "2"} and len(versions) == 3  # the summary in two versions
    paragraphs = table(archive, "paragraphs")
    assert len(paragraphs) == Paragraph.objects.filter(version__document__consultation=consultation).count()
    assert any("ดิจิทัล" in paragraph["text"] for paragraph in paragraphs)  # Thai intact


def test_participation_is_counts_only(hearing):
    archive = build(hearing["consultation"])
    counts = {(row["measure"], row["key"]): int(row["count"]) for row in table(archive, "participation")}
    assert counts[("registrations_by_status", "confirmed")] == 2
    assert counts[("registrations_by_stakeholder_type", "government")] == 2
    assert counts[("registrations_by_channel", "web")] == 2
    assert counts[("check_ins", "all")] == 1
    assert counts[("comments_by_stakeholder_type", "citizen")] == 1
    assert counts[("comments_by_day", "2016-11-18")] == 1
    assert sum(n for (measure, _key), n in counts.items() if measure == "comments_by_channel") == 3
    assert sum(n for (measure, _key), n in counts.items() if measure == "comments_by_domain") == 3


def test_the_csv_opens_with_a_byte_order_mark_and_thai_intact(hearing):
    archive = build(hearing["consultation"])
    raw = archive.read("comments.csv")
    assert raw.startswith(codecs.BOM_UTF8)
    assert "ระบบบริการภาครัฐควรใช้งานบนโทรศัพท์มือถือได้ง่าย" in raw.decode("utf-8-sig")
    assert "\\u0e" not in archive.read("comments.json").decode()


def test_the_download_is_kept_until_what_it_holds_changes(hearing, client, settings):
    consultation = hearing["consultation"]
    url = f"/consultations/{consultation.slug}/open-data.zip"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{consultation.slug}-open-data.zip"'
    assert response["X-Content-Type-Options"] == "nosniff"
    first = b"".join(response.streaming_content)
    assert set(zipfile.ZipFile(io.BytesIO(first)).namelist()) == MEMBERS
    folder = Path(settings.MEDIA_ROOT) / "opendata"  # in the file storage, for every machine
    (kept,) = folder.glob("*.zip")
    assert kept.name == f"{consultation.pk}-{fingerprint(consultation)}.zip"
    stamp = kept.stat().st_mtime_ns
    assert b"".join(client.get(url).streaming_content) == first and kept.stat().st_mtime_ns == stamp  # not rebuilt

    submit(consultation, "ความคิดเห็นใหม่หลังดาวน์โหลดครั้งแรก", 22)
    again = zipfile.ZipFile(io.BytesIO(b"".join(client.get(url).streaming_content)))
    assert "ความคิดเห็นใหม่หลังดาวน์โหลดครั้งแรก" in again.read("comments.csv").decode("utf-8-sig")
    (rebuilt,) = folder.glob("*.zip")  # the stale copy is gone
    assert rebuilt != kept


def test_no_open_data_for_an_unpublished_or_unknown_consultation(hearing, client):
    consultation = hearing["consultation"]
    assert client.get("/consultations/none/open-data.zip").status_code == 404
    consultation.is_published = False
    consultation.save()
    assert client.get(f"/consultations/{consultation.slug}/open-data.zip").status_code == 404
