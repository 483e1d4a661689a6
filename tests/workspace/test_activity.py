"""The activity log: every action code in words (Thai and English), Bangkok days, filters, nothing personal, and
each agency's log for its own staff only."""

from __future__ import annotations

import ast
import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation

from clock import bkk
from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.comments.moderation import comment_moderate
from rapfang.consultations.services import consultation_create, consultation_update, topic_save
from rapfang.core.actors import PUBLIC, SYSTEM, Actor
from rapfang.core.audit import audit_log
from rapfang.core.models import AuditEntry
from rapfang.hearings.services import event_save, registration_create, reminders_due_mark
from rapfang.workspace.activity.selectors import describe
from rapfang.workspace.activity.sentences import SENTENCES
from workspace.seeding import open_comments, send, unlike_texts

SRC = Path(__file__).resolve().parents[2] / "src" / "rapfang"
LOG = "/staff/consultations/land-fees-2027/activity/"
AGENCY_LOG = "/staff/agencies/dol/activity/"


def _codes(node: ast.expr) -> list[str] | None:
    """Every code an `action=` expression can give: a literal, either branch of `a if c else b`, or `a + b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(node.body), _codes(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _codes(node.left), _codes(node.right)
        return None if left is None or right is None else [a + b for a, b in itertools.product(left, right)]
    return None


CODE = re.compile(r"[a-z_]+\.[a-z_]+\.[a-z_]+")


def audit_codes() -> dict[str, str]:
    """code → where it is written: every `audit_log(action=…)` in the source, and every `action="app.entity.verb"`
    handed to a helper that passes it on to audit_log."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.update(dict.fromkeys(_call_codes(node, path), f"{path.relative_to(SRC)}:{node.lineno}"))
    return found


def _call_codes(node: ast.Call, path: Path) -> list[str]:
    func = node.func
    name = getattr(func, "id", None) or getattr(func, "attr", None)
    [action] = [keyword.value for keyword in node.keywords if keyword.arg == "action"] or [None]
    if action is None:
        return []
    codes = _codes(action)
    if name != "audit_log":
        return [code for code in codes or [] if CODE.fullmatch(code)]
    if isinstance(action, ast.Name):
        return []  # a helper's parameter: its callers' `action="…"` literals are collected above
    where = f"{path.relative_to(SRC)}:{node.lineno}"
    assert codes is not None, f"{where}: write the action code out (a literal, or `a if c else b`)"
    return codes


def test_every_action_code_in_the_source_has_a_sentence():
    codes = audit_codes()
    assert len(codes) >= 60 and "comments.comment.hide" in codes and "analysis.comment.group_release" in codes
    missing = {code: where for code, where in codes.items() if code not in SENTENCES}
    assert not missing, f"action codes without a sentence in workspace/activity/sentences.py: {missing}"


SAMPLE = {
    "count": 3, "items": 4, "questions": 5, "rows": 6, "comments": 7, "added": 8, "number": 9, "channel": "email",
    "status": "confirmed", "reason": "spam", "moderation": "pre", "decision": "accepted", "format": "docx",
    "formats": "pdf,docx", "cutoff": "2026-12-01T10:00:00+07:00", "receipt": "LF-20261201-ABCD-EFGH",
    "role": "moderator", "user": "wanna@dol.example.go.th", "email": "wanna@dol.example.go.th", "note": "ข้อความอิสระ",
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_every_sentence_reads_in_thai_and_english_with_every_word_filled(code):
    status = {"comments": "pending", "hearings": "confirmed"}.get(code.split(".")[0], "x")
    entry = AuditEntry(action=code, actor_kind="system", object_type="consultations.topic", object_repr="ภาษีที่ดิน",
                       data={**SAMPLE, "status": status}, at=timezone.now())  # fmt: skip
    texts = {}
    for language in ("th", "en"):
        with translation.override(language):
            texts[language] = [describe(entry, n, {}) for n in (1, 2)]
    for text in texts["th"] + texts["en"]:
        assert "%(" not in text and "—" not in text, text
        assert "@" not in text and "ข้อความอิสระ" not in text, text  # no e-mail address, no free text
    assert all(re.search("[ก-๙]", text) for text in texts["th"]), texts["th"]
    assert texts["th"] != texts["en"] and texts["en"][0].startswith("The system")


@pytest.fixture
def hearing(consultation, organiser):
    open_comments(consultation, organiser)
    return consultation


def lines(page):
    return [" ".join(line.split()) for line in re.findall(r'data-testid="activity-line">([^<]*)<', page)]


@pytest.mark.django_db
def test_a_batch_of_moderated_comments_is_one_line_in_the_moderators_words(client, hearing, moderator):
    comments = [send(hearing, text) for text in unlike_texts(12)]
    comment_moderate(actor=moderator, comment_ids=[c.pk for c in comments], action="publish")
    client.force_login(moderator)
    page = client.get(LOG).content.decode()
    assert lines(page)[0] == "malee เผยแพร่ความคิดเห็น 12 รายการ"
    assert lines(page).count(f"บุคคลทั่วไป ส่งความคิดเห็น {comments[0].receipt} (แบบฟอร์มบนเว็บไซต์)") == 1
    english = lines(client.get("/en" + LOG).content.decode())
    assert english[0] == "malee published 12 comments"


@pytest.mark.django_db
def test_the_system_the_public_and_a_registrant_are_named_as_such_and_no_personal_data_shows(
    client, hearing, organiser, moderator
):
    comment = send(hearing, "ข้อความ", anonymous=False, name="สมหญิง รักดี", organisation="บริษัทตัวอย่าง",
                   email="somying@example.com")  # fmt: skip
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", note="ชื่อผู้ส่ง สมหญิง รักดี ปรากฏในข้อความ")
    consultation_update(actor=organiser, consultation=hearing, is_published=True)
    now = timezone.now()
    event = event_save(
        actor=organiser, consultation=hearing, kind="workshop", title_th="ประชุมรับฟังความคิดเห็น",
        starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=4), capacity=10,
        registration_required=True, registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=2), reminder_days=5,
    )  # fmt: skip
    registration = registration_create(actor=PUBLIC, event_id=event.pk, data={
        "name": "ประยุทธ์ ทดสอบ", "organisation": "สมาคมตัวอย่าง", "stakeholder_type": "citizen",
        "email": "prayut@example.com", "phone": "0812345678", "consent": True})  # fmt: skip
    reminders_due_mark()
    audit_log(actor=Actor.registrant(registration.pk), action="hearings.registration.update", target=registration)
    client.force_login(moderator)
    page = client.get(LOG).content.decode()
    said = lines(page)
    assert "ระบบ ส่งอีเมลเตือนเรื่องกิจกรรม ประชุมรับฟังความคิดเห็น ถึงผู้ลงทะเบียน 1 คน" in said
    assert f"ผู้ลงทะเบียน แก้ไขการลงทะเบียนเลขที่ {registration.reference}" in said
    assert f"malee ซ่อนความคิดเห็น {comment.receipt} (เหตุผลที่ระบุเป็นข้อความ)" in said
    for personal in ("สมหญิง", "somying@example.com", "ประยุทธ์", "prayut@example.com", "0812345678", "บริษัทตัวอย่าง"):
        assert personal not in page
    assert "{" not in "".join(said)  # no raw data


@pytest.mark.django_db
def test_days_are_bangkok_days_at_midnight(client, hearing, organiser):
    late = audit_log(actor=organiser, action="consultations.consultation.update", target=hearing)
    topic_save(actor=organiser, consultation=hearing, key="fees", name_th="ค่าธรรมเนียม")
    early = AuditEntry.objects.get(action="consultations.topic.create")
    AuditEntry.objects.filter(consultation_id=hearing.pk).exclude(pk__in=[late.pk, early.pk]).delete()
    AuditEntry.objects.filter(pk=late.pk).update(at=bkk(2026, 12, 31, 23, 59, 59))
    AuditEntry.objects.filter(pk=early.pk).update(at=bkk(2027, 1, 1, 0, 0, 0))
    client.force_login(organiser)
    page = client.get(LOG).content.decode()
    days = re.findall(r'<h2 class="h6[^"]*" id="day-\d+">([^<]+)</h2>', page)
    assert days == ["วันศุกร์ที่ 1 มกราคม 2570", "วันพฤหัสบดีที่ 31 ธันวาคม 2569"]
    assert page.index("00.00 น.") < page.index("somchai เพิ่มหัวข้อ ค่าธรรมเนียม") < page.index("23.59 น.")
    english = client.get("/en" + LOG).content.decode()
    assert re.findall(r'id="day-\d+">([^<]+)<', english) == ["Friday 1 January 2027", "Thursday 31 December 2026"]


@pytest.mark.django_db
def test_the_agency_log_filters_by_consultation_person_and_kind(client, hearing, organiser, moderator, agency):
    second = consultation_create(actor=organiser, agency=agency, slug="land-tax-2027", title_th="ร่างประกาศภาษีที่ดิน")
    topic_save(actor=organiser, consultation=second, key="tax", name_th="ภาษี")
    comment = send(hearing, "ข้อความ")
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="publish")
    client.force_login(organiser)
    everything = lines(client.get(AGENCY_LOG).content.decode())
    assert "somchai เพิ่มหัวข้อ ภาษี" in everything and f"malee เผยแพร่ความคิดเห็น {comment.receipt}" in everything
    only_second = lines(client.get(AGENCY_LOG, {"consultation": second.pk}).content.decode())
    assert "somchai เพิ่มหัวข้อ ภาษี" in only_second and not any("malee" in line for line in only_second)
    only_malee = lines(client.get(AGENCY_LOG, {"person": f"user:{moderator.pk}"}).content.decode())
    assert only_malee == [f"malee เผยแพร่ความคิดเห็น {comment.receipt}"]
    public = lines(client.get(AGENCY_LOG, {"person": "public"}).content.decode())
    assert public == [f"บุคคลทั่วไป ส่งความคิดเห็น {comment.receipt} (แบบฟอร์มบนเว็บไซต์)"]
    topics = lines(client.get(AGENCY_LOG, {"kind": "consultation", "person": f"user:{organiser.pk}"}).content.decode())
    assert topics and all(line.startswith("somchai") for line in topics)
    assert not any("เผยแพร่ความคิดเห็น" in line or "ส่งความคิดเห็น" in line for line in topics)
    refused = client.get(AGENCY_LOG, {"kind": "nonsense"})
    assert refused.status_code == 200 and 'id="id_kind-error"' in refused.content.decode()


@pytest.mark.django_db
def test_each_agency_reads_its_own_log_only(client, hearing, moderator, outsider, other_agency, administrator):
    send(hearing, "ข้อความ")
    consultation_create(actor=outsider, agency=other_agency, slug="roads-2027", title_th="ร่างประกาศทางหลวง")
    client.force_login(outsider)
    assert client.get(LOG).status_code == 404 and client.get(AGENCY_LOG).status_code == 404
    theirs = client.get("/staff/agencies/doh/activity/").content.decode()
    assert "prasert สร้างการรับฟังความคิดเห็น ร่างประกาศทางหลวง" in lines(theirs)
    assert "somchai" not in theirs and "malee" not in theirs and "ค่าธรรมเนียมการออกโฉนด" not in theirs
    assert "บุคคลทั่วไป ส่งความคิดเห็น" not in theirs
    for user in (moderator, administrator):
        client.force_login(user)
        assert client.get(LOG).status_code == 200 and client.get(AGENCY_LOG).status_code == 200
    assert client.get("/staff/agencies/doh/activity/").status_code == 200  # administrators read every agency's


@pytest.mark.django_db
def test_a_staff_member_with_an_e_mail_as_user_name_is_named_without_it(client, hearing, agency, organiser):
    person = user_create_staff(actor=SYSTEM, username="wanna@dol.example.go.th", password="a-long-test-password-1")
    membership_grant(actor=SYSTEM, user=person, agency=agency, role=Role.MODERATOR)
    comment = send(hearing, "ข้อความ")
    comment_moderate(actor=person, comment_ids=[comment.pk], action="publish")
    client.force_login(organiser)
    page = client.get(LOG).content.decode()
    assert f"wanna เผยแพร่ความคิดเห็น {comment.receipt}" in lines(page) and "dol.example.go.th" not in page


@pytest.mark.django_db
def test_the_admin_audit_log_shows_bangkok_time_and_readable_details(client, hearing, moderator, administrator):
    comment = send(hearing, "ข้อความ")
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason="spam")
    entry = AuditEntry.objects.get(action="comments.comment.hide")
    AuditEntry.objects.filter(pk=entry.pk).update(at=bkk(2026, 12, 31, 23, 59, 59))
    client.force_login(administrator)
    page = client.get(f"/admin/core/auditentry/{entry.pk}/change/").content.decode()
    assert "31 ธ.ค. 69 23:59:59" in page  # the title: Bangkok time, not 16:59:59 UTC
    assert "<strong>reason</strong>: spam" in page and "malee ซ่อนความคิดเห็น" in page
    assert "31 ธันวาคม 2569 23:59:59" in client.get("/admin/core/auditentry/").content.decode()
