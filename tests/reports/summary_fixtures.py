"""A small hearing for the summary report's tests: Thai comments (with ำ), personal data in texts and author fields,
a campaign, hidden and erased comments, issues with and without responses, registrations with check-ins.

Comments go through the comments app's service; the analysis rows, issues, responses and registrations are made
with the ORM, as the analysis and the issue pages would leave them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clock import bkk
from rapfang.analysis.models import CommentAnalysis, DuplicateGroup
from rapfang.comments.models import Comment, CommentStatus, ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import Topic
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.documents.models import Paragraph
from rapfang.hearings.models import Channel, Event, Registration, Status
from rapfang.reports.models import Decision, Issue, IssueComment, Response

TITLE = "(ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ. ๒๕๖๐ – ๒๕๖๔)"
ISSUE_TITLE = "การจัดทำมาตรฐานข้อมูลกลางที่สำนักงานกำหนด"
NAMED_TEXT = "ขอให้สำนักงานจัดทำแผนปฏิบัติการที่กำหนดตัวชี้วัดชัดเจน ติดต่อ somchai.jaidee@example.co.th หรือ 081-234-5678"
ANONYMOUS_TEXT = "ควรกำหนดให้หน่วยงานทำข้อมูลเปิด เลขประจำตัวของฉันคือ 1-2345-67890-12-3 และ ๑๒๓๔๕๖๗๘๙๐๑๒๓"
CAMPAIGN_TEXT = "ขอให้จัดทำระบบลงทะเบียนกลางที่ประชาชนใช้ได้ทุกหน่วยงาน"
ENGLISH_TEXT = "The plan should publish open data on procurement in machine-readable formats."
HIDDEN_TEXT = "ข้อความที่ถูกซ่อนไม่ควรปรากฏในรายงาน"
ERASED_TEXT = "ข้อความที่ถูกลบตามกฎหมายคุ้มครองข้อมูลส่วนบุคคล"
REASONS = "คณะทำงานเห็นควรกำหนดมาตรฐานข้อมูลกลางไว้ในแผนฉบับปรับปรุง"
ORGANISATION = "สำนักงานสถิติแห่งชาติ"

# Personal data that no format of the report may carry.
NAMED = "สมชาย ใจดี"
ANONYMOUS_NAME = "วิภาวรรณ ลับเฉพาะ"
EMAIL = "somchai.jaidee@example.co.th"
AUTHOR_EMAIL = "author.private@example.org"
PHONE = "081-234-5678"
NATIONAL_ID = "1-2345-67890-12-3"
NATIONAL_ID_THAI = "๑๒๓๔๕๖๗๘๙๐๑๒๓"
REGISTRANT = "ประยุทธ ลงทะเบียน"
REGISTRANT_EMAIL = "registrant@example.org"
REGISTRANT_PHONE = "0891112222"
SECRETS = (NAMED, ANONYMOUS_NAME, EMAIL, AUTHOR_EMAIL, PHONE, "0812345678", NATIONAL_ID, "1234567890123",
           NATIONAL_ID_THAI, REGISTRANT, REGISTRANT_EMAIL, REGISTRANT_PHONE, HIDDEN_TEXT, ERASED_TEXT)  # fmt: skip


@dataclass
class Hearing:
    consultation: Any
    named: Comment
    anonymous: Comment
    english: Comment
    campaign: list[Comment]
    issues: list[Issue] = field(default_factory=list)


def submit(consultation: Any, text: str, day: int, **data: Any) -> Comment:
    fields = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "consent": True, **data}
    return comment_submit(actor=PUBLIC, consultation=consultation, data=fields, now=bkk(2016, 11, day, 10, 30, 0))


def _comments(consultation: Any) -> tuple[Comment, Comment, Comment, list[Comment]]:
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    paragraph = Paragraph.objects.filter(version__document__consultation=consultation).order_by("version", "order")[0]
    named = submit(
        consultation, NAMED_TEXT, 18, anonymous=False, name=NAMED, organisation=ORGANISATION, email=AUTHOR_EMAIL,
        stakeholder_type="government", paragraph=paragraph.anchor,
    )  # fmt: skip
    anonymous = submit(consultation, ANONYMOUS_TEXT, 19, stakeholder_type="academic")
    # An anonymous commenter's name and address stay in the database; the report must not take them out.
    Comment.objects.filter(pk=anonymous.pk).update(name=ANONYMOUS_NAME, email=AUTHOR_EMAIL)
    english = submit(consultation, ENGLISH_TEXT, 20, stakeholder_type="private")
    Comment.objects.filter(pk=english.pk).update(language="en", channel="email")
    campaign = [submit(consultation, CAMPAIGN_TEXT, 21 + n % 2) for n in range(5)]
    hidden = submit(consultation, HIDDEN_TEXT, 22)
    Comment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN)
    erased = submit(consultation, ERASED_TEXT, 22)
    Comment.objects.filter(pk=erased.pk).update(erased_at=bkk(2016, 12, 1, 9, 0, 0))
    return named, anonymous, english, campaign


def _analysis(consultation: Any, hearing: Hearing) -> DuplicateGroup:
    domain = Topic.objects.order_by("order").first()
    group = DuplicateGroup.objects.create(consultation=consultation, representative=hearing.campaign[0], size=5)
    rows = [
        CommentAnalysis(comment=comment, consultation=consultation, source_hash=f"{comment.pk:032x}",
                        text_key="campaign", group=group, is_representative=comment == hearing.campaign[0],
                        domain=domain)
        for comment in hearing.campaign
    ]  # fmt: skip
    rows.append(CommentAnalysis(comment=hearing.named, consultation=consultation, source_hash="n" * 32,
                                text_key="n" * 32, domain=domain))  # fmt: skip
    CommentAnalysis.objects.bulk_create(rows)
    return group


def _issues(consultation: Any, hearing: Hearing, group: DuplicateGroup) -> list[Issue]:
    paragraph = Paragraph.objects.filter(version__document__consultation=consultation).order_by("version", "order")[1]
    first = Issue.objects.create(
        consultation=consultation, number=1, title_th=ISSUE_TITLE, title_en="A common data standard",
        summary_th="ผู้แสดงความคิดเห็นเสนอให้จัดทำระบบลงทะเบียนกลาง", source_group=group,
    )  # fmt: skip
    IssueComment.objects.bulk_create([IssueComment(issue=first, comment=c) for c in [*hearing.campaign, hearing.named]])
    response = Response.objects.create(
        issue=first, decision=Decision.ACCEPTED, reasons_th=REASONS, reasons_en="The working group agreed.",
        published_at=bkk(2016, 12, 20, 9, 0, 0),
    )  # fmt: skip
    response.changed_paragraphs.set([paragraph])
    second = Issue.objects.create(consultation=consultation, number=2, title_th="การเปิดเผยข้อมูลส่วนบุคคล",
                                  representative=hearing.anonymous)  # fmt: skip
    IssueComment.objects.create(issue=second, comment=hearing.anonymous)
    Response.objects.create(issue=second, decision=Decision.NOT_ACCEPTED, reasons_th="ไม่อยู่ในขอบเขตของแผน")
    third = Issue.objects.create(consultation=consultation, number=3, title_th="ประเด็นที่ยังไม่ได้พิจารณา")
    IssueComment.objects.create(issue=third, comment=hearing.english)
    return [first, second, third]


def _registrations(consultation: Any) -> None:
    event = Event.objects.get(consultation=consultation, is_main=True)
    received = bkk(2016, 11, 10, 9, 0, 0)
    rows = [
        (REGISTRANT, REGISTRANT_EMAIL, REGISTRANT_PHONE, Status.CONFIRMED, Channel.WEB, True),
        ("มานี มีนา", "second@example.org", "0823334444", Status.CONFIRMED, Channel.FAX, False),
        ("ชูใจ ใจดี", "third@example.org", "", Status.WAITLISTED, Channel.WEB, False),
        ("ปิติ ยกเลิก", "fourth@example.org", "", Status.CANCELLED, Channel.EMAIL, False),
        ("วีระ มาเอง", "", "", Status.CONFIRMED, Channel.WALK_IN, True),
    ]
    for number, (name, email, phone, status, channel, arrived) in enumerate(rows):
        Registration.objects.create(
            event=event, reference=f"T{number:04d}", status=status, channel=channel, name=name, email=email,
            phone=phone, stakeholder_type="citizen" if number % 2 else "private", received_at=received,
            checked_in_at=event.starts_at if arrived else None,
        )  # fmt: skip


@pytest.fixture(name="hearing")
def hearing_fixture(demo: Any) -> Hearing:
    """The demo consultation with the comments, analysis, issues and registrations above."""
    named, anonymous, english, campaign = _comments(demo)
    result = Hearing(demo, named, anonymous, english, campaign)
    group = _analysis(demo, result)
    result.issues = _issues(demo, result, group)
    _registrations(demo)
    return result


def rendered(content: Any, fmt: str) -> bytes:
    """The report in `fmt`, as bytes."""
    import io

    from rapfang.reports.render import render

    out = io.BytesIO()
    render(content, fmt, out)
    return out.getvalue()


def text_of(fmt: str, data: bytes, tmp_path: Any = None) -> str:
    """Every text a reader of the file could see: pdftotext for PDF, the XML parts' text for DOCX and XLSX."""
    import html
    import re
    import tempfile
    import zipfile
    from io import BytesIO
    from pathlib import Path

    if fmt == "html":
        return html.unescape(data.decode("utf-8"))
    if fmt == "pdf":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.pdf"
            path.write_bytes(data)
            return poppler("pdftotext", "-enc", "UTF-8", str(path), "-")
    with zipfile.ZipFile(BytesIO(data)) as package:
        parts = [package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")]
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))


def squeezed(text: str) -> str:
    """Text without any white space, to compare what a PDF gives back across its line breaks."""
    return "".join(text.split())


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (pdftotext, pdfinfo, pdftoppm) by its full path; its standard output."""
    import shutil
    import subprocess

    path = shutil.which(tool)
    assert path is not None, f"{tool} (poppler-utils) is needed by the report's PDF tests"
    return subprocess.run([path, *args], capture_output=True, check=True, text=True).stdout  # noqa: S603
