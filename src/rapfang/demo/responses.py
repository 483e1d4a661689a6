"""The demo's record of the hearing: its illustrative comments, their analysis, and five issues with responses.

Idempotent: comments already loaded are kept (and dated anew when the phase shifts the timeline); the analysis
runs when comments were added; the issues are made once, after the comment period. A comment dated after `now`
waits for a later load, so a phase with the period still open shows only the comments sent so far.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from rapfang.analysis.models import CommentAnalysis, DuplicateGroup, RunStatus
from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.comments import search
from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.services import comment_insert
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict
from rapfang.demo import seed
from rapfang.demo.comments import COMMENTS, DemoComment
from rapfang.documents.models import Paragraph, Version
from rapfang.reports.models import Issue, Response
from rapfang.reports.services.issues import (
    issue_comments_add,
    issue_create,
    issue_create_from_group,
    issue_update,
    response_publish,
    response_save,
)

PUBLISHED_AT = datetime(2016, 11, 28, 10, 0, tzinfo=seed.BKK)  # the responses' date, in the seed's calendar


@dataclass(frozen=True)
class DemoIssue:
    tag: str  # the comments it counts (DemoComment.tag)
    campaign: bool  # made from the analysis's campaign of those comments
    domain: str
    title_th: str
    title_en: str
    summary_th: str
    summary_en: str
    decision: str
    reasons_th: str
    reasons_en: str
    changed: bool = False  # links the paragraphs version 2 of the summary draft reworded


ISSUES = (
    DemoIssue(
        "procurement", True, "procurement",
        "การเปิดเผยข้อมูลการจัดซื้อจัดจ้างภาครัฐในรูปแบบข้อมูลเปิด",
        "Publishing government procurement data as open data",
        "ผู้แสดงความคิดเห็นจำนวนมากเสนอให้หน่วยงานของรัฐเปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกขั้นตอน ตั้งแต่แผนการจัดซื้อจัดจ้าง "
        "ราคากลาง ผู้ยื่นข้อเสนอ จนถึงผลการพิจารณาและสัญญา ในรูปแบบข้อมูลเปิดที่เครื่องอ่านได้ เพื่อความโปร่งใสและการตรวจสอบได้",
        "Many commenters asked that agencies publish every stage of their procurement (plans, reference prices, "
        "bidders, results and contracts) as machine-readable open data, for transparency and scrutiny.",
        "accepted",
        "สรอ. เห็นด้วยกับข้อเสนอ และจะกำหนดการเปิดเผยข้อมูลการจัดซื้อจัดจ้างในรูปแบบข้อมูลเปิดเป็นเป้าหมายหนึ่งของขีดความสามารถ"
        "ด้านการจัดซื้อจัดจ้าง โดยจะประสานกับหน่วยงานที่รับผิดชอบระบบการจัดซื้อจัดจ้างภาครัฐในการกำหนดชุดข้อมูล รูปแบบ "
        "และกรอบเวลาการเปิดเผยข้อมูลต่อไป",
        "EGA agrees. Publishing procurement data as open data will be one of the targets of the procurement "
        "capability; EGA will work with the agency responsible for the government procurement system on the datasets, "
        "their format and a timetable.",
    ),
    DemoIssue(
        "health_records", True, "public_health",
        "การแลกเปลี่ยนข้อมูลสุขภาพระหว่างสถานพยาบาลโดยความยินยอมของผู้ป่วย",
        "Exchanging health records between hospitals with the patient's consent",
        "ผู้แสดงความคิดเห็นสนับสนุนให้มีระบบแลกเปลี่ยนข้อมูลสุขภาพอิเล็กทรอนิกส์ระหว่างสถานพยาบาลของรัฐทุกสังกัด "
        "โดยผู้ป่วยต้องให้ความยินยอมก่อนทุกครั้ง และตรวจสอบได้ว่าผู้ใดเข้าถึงข้อมูลของตน",
        "Commenters supported an electronic exchange of health records between public hospitals of every "
        "affiliation, with the patient's prior consent each time and a record, open to the patient, of who read them.",
        "partly",
        "สรอ. เห็นด้วยในหลักการ และจะกำหนดให้การแลกเปลี่ยนข้อมูลสุขภาพโดยความยินยอมของผู้ป่วยเป็นทิศทางหนึ่งของขีดความสามารถ"
        "ด้านสาธารณสุข ส่วนการกำหนดมาตรฐานข้อมูล ขั้นตอนการขอความยินยอม และการบันทึกประวัติการเข้าถึงข้อมูลในรายละเอียด "
        "เป็นอำนาจหน้าที่ของหน่วยงานด้านสาธารณสุขที่เกี่ยวข้อง ซึ่ง สรอ. จะส่งข้อเสนอนี้ให้พิจารณาต่อไป",
        "EGA agrees in principle: exchanging health records with the patient's consent will be one of the "
        "directions of the public health capability. The detailed data standards, consent procedure and access log "
        "are for the health authorities concerned to set, and EGA will forward the proposal to them.",
    ),
    DemoIssue(
        "school_internet", True, "education",
        "อินเทอร์เน็ตความเร็วสูงและอุปกรณ์สำหรับโรงเรียนขนาดเล็กและโรงเรียนในพื้นที่ห่างไกล",
        "High-speed internet and equipment for small and remote schools",
        "ผู้แสดงความคิดเห็นขอให้กำหนดเป้าหมายให้โรงเรียนขนาดเล็กและโรงเรียนในพื้นที่ห่างไกลทุกแห่งมีอินเทอร์เน็ตความเร็วสูง"
        "และอุปกรณ์ที่เพียงพอ เพื่อลดความเหลื่อมล้ำทางการศึกษา",
        "Commenters asked for a target that every small and remote school have high-speed internet and enough "
        "equipment, to narrow the gap in education between town and country.",
        "out_of_scope",
        "การจัดให้มีโครงข่ายอินเทอร์เน็ตและอุปกรณ์สำหรับสถานศึกษาอยู่นอกขอบเขตของแผนฉบับนี้ ซึ่งมุ่งพัฒนาขีดความสามารถ"
        "เชิงดิจิทัลในการบริหารงานและการให้บริการของภาครัฐ สรอ. จะส่งข้อเสนอนี้ให้หน่วยงานที่รับผิดชอบโครงข่ายโทรคมนาคม"
        "และหน่วยงานด้านการศึกษาพิจารณาต่อไป ทั้งนี้ ขีดความสามารถด้านการศึกษาในแผนฯ ครอบคลุมระบบข้อมูลและบริการ"
        "ทางการศึกษาที่จะใช้ประโยชน์จากโครงข่ายดังกล่าว",
        "Providing networks and equipment to schools is outside the scope of this plan, which develops the digital "
        "capabilities of government administration and services. EGA will forward the proposal to the agencies "
        "responsible for telecommunications networks and for education. The plan's education capability covers the "
        "information systems and services that will use those networks.",
    ),
    DemoIssue(
        "wording", False, "",
        "ความกระชับของถ้อยคำในหลักการและเหตุผล และในส่วนการจัดทำ (ร่าง) แผน",
        "Concise wording in the rationale and in the part on how the draft was prepared",
        "ผู้แสดงความคิดเห็นเห็นว่าส่วนที่ ๓ การจัดทำ (ร่าง) แผน มีถ้อยคำซ้ำกับหลักการและเหตุผล บางประโยคยาวเกินไป "
        "และขอให้เรียงขั้นตอนการจัดทำร่างแผนใหม่ให้เข้าใจง่ายขึ้น",
        "Commenters found that part 3, on how the draft was prepared, repeated the rationale, that some sentences "
        "were too long, and asked that the preparation steps be put in an order easier to follow.",
        "accepted",
        "สรอ. เห็นด้วย และได้เรียบเรียงถ้อยคำของย่อหน้าดังกล่าวให้กระชับขึ้น พร้อมเรียงลำดับขั้นตอนการจัดทำใหม่ "
        "ใน (ร่าง) แผน ฉบับที่ ๒ โดยไม่เปลี่ยนแปลงสาระสำคัญ",
        "EGA agrees: version 2 of the draft words these paragraphs more concisely and lists the preparation steps in "
        "a new order, without changing their substance.",
        changed=True,
    ),
    DemoIssue(
        "paper", False, "",
        "การกำหนดให้ยกเลิกเอกสารกระดาษในการติดต่อราชการทั้งหมดภายในปี ๒๕๖๐",
        "A deadline of 2017 for ending all paper in dealings with government",
        "ผู้แสดงความคิดเห็นเสนอให้แผนฯ กำหนดเส้นตายให้ทุกหน่วยงานยกเลิกการใช้เอกสารกระดาษ สำเนาเอกสาร และโทรสาร "
        "ภายในปี ๒๕๖๐ หรือภายในหนึ่งปี",
        "Commenters proposed that the plan set a deadline, 2017 or within one year, by which every agency stops "
        "using paper documents, copies and fax.",
        "not_accepted",
        "สรอ. เห็นด้วยกับเป้าหมายการลดการใช้เอกสารกระดาษ แต่ไม่อาจกำหนดให้ยกเลิกทั้งหมดภายในกรอบเวลาดังกล่าวได้ "
        "เนื่องจากหน่วยงานของรัฐมีความพร้อมด้านระบบและบุคลากรแตกต่างกัน และยังมีประชาชนบางกลุ่มที่จำเป็นต้องติดต่อราชการ"
        "ด้วยเอกสารกระดาษ การลดการใช้กระดาษจึงควรดำเนินการเป็นลำดับขั้นควบคู่กับการพัฒนาบริการทางดิจิทัลที่ทุกคนเข้าถึงได้",
        "EGA shares the aim of using less paper but cannot set an end to all paper by that date: agencies differ in "
        "their systems and staff, and some people still need to deal with government on paper. Paper should be "
        "reduced step by step, together with digital services that everyone can use.",
    ),
)  # fmt: skip


def _at(item: DemoComment, shift: timedelta) -> datetime:
    hour, minute = (int(part) for part in item.time.split(":"))
    return datetime(2016, 11, item.day, hour, minute, tzinfo=seed.BKK) + shift


def _first_version(consultation: Consultation) -> Version | None:
    return Version.objects.filter(document__consultation=consultation, document__slug=seed.DRAFT["slug"],
                                  number=1).first()  # fmt: skip


def _paragraph_of(version: Version | None, start: str) -> dict[str, object]:
    """Where a comment on the paragraph of `version` whose text starts with `start` points."""
    if version is None or not start:
        return {}
    found = (
        Paragraph.objects.filter(version=version, text__startswith=start)
        .select_related("section")
        .order_by("order")
        .first()
    )
    if found is None:
        return {}
    return {"document_id": version.document_id, "version": version, "section_anchor": found.section.anchor,
            "paragraph_anchor": found.anchor}  # fmt: skip


def _matched(consultation: Consultation) -> list[tuple[DemoComment, Comment | None]]:
    """Each demo comment with the stored comment carrying its text (in order), or None when not loaded yet."""
    stored: dict[str, list[Comment]] = defaultdict(list)
    for comment in Comment.objects.filter(consultation=consultation, is_demo=True).order_by("pk"):
        stored[comment.text].append(comment)
    return [(item, stored[item.text].pop(0) if stored[item.text] else None) for item in COMMENTS]


def _new_comment(consultation: Consultation, item: DemoComment, at: datetime, place: dict[str, object]) -> Comment:
    comment = Comment(
        consultation=consultation, text=item.text, anonymous=not item.organisation, name=item.name,
        organisation=item.organisation, stakeholder_type=item.stakeholder, channel=item.channel,
        status=CommentStatus.PUBLISHED, submitted_at=at, consent_at=at, language=item.language, is_demo=True,
        search_terms=search.terms_for(item.text), **place,
    )  # fmt: skip
    comment_insert(comment, consultation, at)
    search.index_put(comment)
    return comment


@transaction.atomic
def demo_comments_load(*, consultation: Consultation, shift: timedelta, now: datetime) -> int:
    """The demo comments dated up to `now`, published, through the comments app's insert and search index; those
    already there are dated anew for this timeline. One audit entry. Returns how many were added."""
    version = _first_version(consultation)
    added, redated = 0, []
    for item, comment in _matched(consultation):
        at = _at(item, shift)
        if comment is None and at <= now:
            _new_comment(consultation, item, at, _paragraph_of(version, item.on))
            added += 1
        elif comment is not None and comment.submitted_at != at:
            comment.submitted_at = at
            redated.append(comment)
    Comment.objects.bulk_update(redated, ["submitted_at"], batch_size=500)
    if added or redated:
        audit_log(actor=SYSTEM, action="demo.comments.load", target=consultation,
                  data={"added": added, "redated": len(redated)})  # fmt: skip
    return added


def demo_analysis_run(*, consultation: Consultation, force: bool) -> bool:
    """Analyse the comments now (in this process) when comments were added or no run has finished yet."""
    if not force and (
        consultation.analysis_runs.filter(status=RunStatus.DONE).exists()
        or not Comment.objects.filter(consultation=consultation, is_demo=True).exists()
    ):
        return False
    try:
        run = analysis_run_start(actor=SYSTEM, consultation=consultation, enqueue=False)
    except Conflict:
        return False  # a worker is analysing them already
    analysis_run_execute(run_id=run.pk, workers=1)
    return True


def _changed_paragraphs(consultation: Consultation) -> list[int]:
    """The paragraphs of version 2 of the summary draft that are new or reworded since version 1."""
    versions = {v.number: v for v in Version.objects.filter(document__consultation=consultation,
                                                             document__slug=seed.DRAFT["slug"])}  # fmt: skip
    if 1 not in versions or 2 not in versions:
        return []
    before = dict(versions[1].paragraphs.values_list("anchor", "text"))
    return [pk for pk, anchor, text in versions[2].paragraphs.order_by("order").values_list("pk", "anchor", "text")
            if before.get(anchor) != text]  # fmt: skip


def _group_of(comments: list[Comment]) -> DuplicateGroup | None:
    row = CommentAnalysis.objects.filter(comment__in=comments, group__isnull=False).select_related("group").first()
    return row.group if row else None


def _issue(consultation: Consultation, spec: DemoIssue, comments: list[Comment]) -> Issue:
    group = _group_of(comments) if spec.campaign else None
    if group is not None:
        issue = issue_create_from_group(actor=SYSTEM, group=group)
    else:
        issue = issue_create(actor=SYSTEM, consultation=consultation, title_th=spec.title_th)
    issue_comments_add(actor=SYSTEM, issue=issue, comment_ids=[comment.pk for comment in comments])
    domain = consultation.topics.filter(key=spec.domain).first() if spec.domain else None
    issue_update(
        actor=SYSTEM, issue=issue, title_th=spec.title_th, title_en=spec.title_en, summary_th=spec.summary_th,
        summary_en=spec.summary_en, domain=domain, representative=issue.representative or comments[0],
    )  # fmt: skip
    return issue


def demo_issues_load(*, consultation: Consultation, shift: timedelta, now: datetime) -> int:
    """The five issues and their published responses, once, when the comment period has ended."""
    if now <= seed.COMMENTS_END + shift or Issue.objects.filter(consultation=consultation).exists():
        return 0
    by_tag: dict[str, list[Comment]] = defaultdict(list)
    for item, comment in _matched(consultation):
        if item.tag and comment is not None:
            by_tag[item.tag].append(comment)
    made = 0
    for spec in ISSUES:
        if not by_tag[spec.tag]:
            continue
        with transaction.atomic():
            issue = _issue(consultation, spec, by_tag[spec.tag])
            response_save(actor=SYSTEM, issue=issue, decision=spec.decision, reasons_th=spec.reasons_th,
                          reasons_en=spec.reasons_en,
                          paragraph_ids=_changed_paragraphs(consultation) if spec.changed else [])  # fmt: skip
            response_publish(actor=SYSTEM, issue=issue, now=min(PUBLISHED_AT + shift, now))
        made += 1
    return made


@transaction.atomic
def demo_responses_redate(*, consultation: Consultation, shift: timedelta) -> int:
    """The demo's published responses (written by the system, not by staff) dated for this timeline."""
    moved = (
        Response.objects.filter(issue__consultation=consultation, responded_by__isnull=True, published_at__isnull=False)
        .exclude(published_at=PUBLISHED_AT + shift)
        .update(published_at=PUBLISHED_AT + shift)
    )
    if moved:
        audit_log(actor=SYSTEM, action="demo.responses.redate", target=consultation, data={"responses": moved})
    return moved


def demo_record_load(*, consultation: Consultation, shift: timedelta, now: datetime) -> None:
    """Comments, their analysis, issues and responses, for the demo consultation on this timeline."""
    added = demo_comments_load(consultation=consultation, shift=shift, now=now)
    demo_analysis_run(consultation=consultation, force=added > 0)
    if not demo_issues_load(consultation=consultation, shift=shift, now=now):
        demo_responses_redate(consultation=consultation, shift=shift)
