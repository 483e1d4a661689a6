"""The report's content: facts, counts (campaigns as one representative plus their number), issues, the annex."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clock import bkk
from rapfang.accounts.services import agency_save
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM
from rapfang.reports.content import report_content
from rapfang.reports.models import Decision
from reports.summary_fixtures import (  # noqa: F401  (the fixture "hearing")
    ANONYMOUS_NAME,
    CAMPAIGN_TEXT,
    ISSUE_TITLE,
    NAMED,
    ORGANISATION,
    SECRETS,
    Hearing,
    hearing_fixture,
)

pytestmark = pytest.mark.django_db
GENERATED = bkk(2017, 1, 9, 14, 0, 0)


def content_of(hearing: Hearing, **options: Any) -> Any:
    options = {"thai_digits": False, "generated_at": GENERATED, **options}
    return report_content(consultation=hearing.consultation, **options)


def test_figures_count_published_comments_and_campaigns_once(hearing: Hearing) -> None:
    figures = content_of(hearing, version=2).figures
    assert figures["comments_received"] == 8  # hidden and erased comments are not counted
    assert figures["comments_published"] == 8
    assert figures["comments_by_channel"] == {"web": 7, "api": 0, "email": 1, "fax": 0, "letter": 0}
    assert figures["campaigns"] == 1 and figures["comments_in_campaigns"] == 5
    assert figures["annex_rows"] == 4  # the campaign's four other members are listed under its representative
    assert figures["issues"] == 3 and figures["issues_with_response"] == 2 and figures["issues_without_response"] == 1
    assert figures["responses_published"] == 1
    assert figures["decisions"] == {"accepted": 1, "not_accepted": 1}
    assert figures["registrations"] == 4
    assert figures["registrations_by_status"] == {"confirmed": 3, "waitlisted": 1, "cancelled": 1}
    assert figures["check_ins"] == 2 and figures["walk_ins"] == 1
    assert figures["comments_by_domain"]["unassigned"] == 2
    assert sum(figures["comments_by_domain"].values()) == 8
    json.dumps(figures)  # stored with the report version as JSON


def test_the_period_against_the_legal_minimum_is_said_plainly(hearing: Hearing) -> None:
    short = content_of(hearing)
    assert short.period.days == 6 and not short.period.meets_minimum
    assert short.period.sentence == "ระยะเวลารับฟังความคิดเห็น 6 วัน น้อยกว่าระยะเวลาขั้นต่ำ 15 วัน"
    assert short.figures["legal_minimum_met"] is False and short.figures["period_days"] == 6
    assert short.period.when == "18 พฤศจิกายน 2559 เวลา 00.00 น. – 23 พฤศจิกายน 2559 เวลา 23.59 น."
    met = content_of(hearing, legal_minimum_days=5)
    assert met.period.meets_minimum and met.figures["legal_minimum_met"] is True
    assert "ไม่น้อยกว่าระยะเวลาขั้นต่ำ 5 วัน" in met.period.sentence


def test_the_cover_and_the_hearing_facts(hearing: Hearing) -> None:
    content = content_of(hearing, version=2)
    assert content.report_title == "รายงานสรุปผลการรับฟังความคิดเห็น"
    assert content.version_label == "ฉบับที่ 2" and content.date == "9 มกราคม 2560"
    assert content.title == hearing.consultation.title_th
    assert content.hearing is not None and "18 พฤศจิกายน 2559" in content.hearing.when
    assert "09.30" in content.hearing.when and content.hearing.venue
    assert len(content.preparation) == 3
    assert content_of(hearing).version_label == "ฉบับร่าง"


def test_an_issue_counts_a_campaign_as_one_representative_and_its_number(hearing: Hearing) -> None:
    first, second, third = content_of(hearing).issues
    assert first.title == ISSUE_TITLE and first.count == 6
    assert first.breakdown == [
        "ความคิดเห็นแยกรายฉบับ 1 ฉบับ",
        f"1 ความคิดเห็นตัวแทน + อีก 4 ฉบับในแคมเปญเดียวกัน ({hearing.campaign[0].receipt})",
    ]
    assert first.representative is not None and first.representative.text == CAMPAIGN_TEXT
    assert first.decision == str(Decision.ACCEPTED.label) and first.published
    assert [changed.anchor for changed in first.changed]
    assert "[ปกปิดเลขประจำตัวประชาชน]" in second.representative.text
    assert second.decision_key == "not_accepted" and not second.published
    assert third.decision == "อยู่ระหว่างพิจารณา" and third.decision_key == "" and third.count == 1


def test_the_annex_folds_campaigns_and_withholds_personal_data(hearing: Hearing) -> None:
    content = content_of(hearing)
    rows = list(content.annex())
    assert len(rows) == content.annex_total == 4
    by_receipt = {row.receipt: row for row in rows}
    representative = by_receipt[hearing.campaign[0].receipt]
    assert sorted(representative.campaign) == sorted(comment.receipt for comment in hearing.campaign[1:])
    assert representative.issues == "1"
    named = by_receipt[hearing.named.receipt]
    assert named.organisation == ORGANISATION and named.issues == "1"
    assert "[ปกปิดอีเมล]" in named.text and "[ปกปิดหมายเลขโทรศัพท์]" in named.text
    assert by_receipt[hearing.anonymous.receipt].organisation == ""
    assert by_receipt[hearing.english.receipt].language == "en"
    text = json.dumps([row.__dict__ for row in rows], ensure_ascii=False)
    for secret in (*SECRETS, NAMED, ANONYMOUS_NAME):
        assert secret not in text


def test_thai_digits_and_english(hearing: Hearing) -> None:
    thai = content_of(hearing, thai_digits=True, version=2)
    assert thai.version_label == "ฉบับที่ ๒" and thai.date == "๙ มกราคม ๒๕๖๐"
    assert thai.period.sentence == "ระยะเวลารับฟังความคิดเห็น ๖ วัน น้อยกว่าระยะเวลาขั้นต่ำ ๑๕ วัน"
    assert thai.figures["thai_digits"] is True and thai.figures["period_days"] == 6
    english = content_of(hearing, language="en", thai_digits=True, version=2)
    assert english.report_title == "Hearing summary report" and english.version_label == "Version 2"
    assert english.date == "9 January 2017" and english.issues[0].title == "A common data standard"
    assert english.period.sentence == "The comment period ran 6 days, shorter than the legal minimum of 15 days."
    assert english.issues[2].decision == "Under consideration"


def test_the_consultation_setting_decides_the_digits_when_none_is_given(hearing: Hearing) -> None:
    hearing.consultation.thai_digits = True
    assert report_content(consultation=hearing.consultation, generated_at=GENERATED).date == "๙ มกราคม ๒๕๖๐"


def test_an_empty_consultation_has_content(db: Any) -> None:
    agency = agency_save(actor=SYSTEM, slug="empty-agency", name_th="หน่วยงานทดสอบ")
    consultation = consultation_create(actor=SYSTEM, agency=agency, slug="empty", title_th="ร่างที่ยังไม่มีความคิดเห็น")
    content = report_content(consultation=consultation)
    assert content.hearing is None and content.period is None and content.issues == []
    assert content.annex_total == 0 and list(content.annex()) == []
    assert content.figures["comments_published"] == 0 and content.figures["legal_minimum_met"] is None
