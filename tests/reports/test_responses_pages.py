"""The public page "what we heard and what we did": content, filters, the receipt lookup, languages, no cookies."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session

from clock import bkk
from rapfang.comments.models import Comment
from rapfang.core.actors import SYSTEM
from rapfang.reports.services.issues import (
    issue_comments_add,
    issue_create,
    issue_create_from_group,
    issue_update,
    response_publish,
    response_save,
)
from reports.issue_helpers import hearing_with_campaign, submit

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
PUBLISHED_AT = bkk(2016, 12, 1, 10)


@pytest.fixture
def hearing(demo):
    return hearing_with_campaign(demo)


@pytest.fixture
def answered(hearing):
    """Issue 1 from the campaign, accepted with a changed paragraph; issue 2 by hand, out of scope."""
    consultation = hearing.consultation
    campaign = issue_create_from_group(actor=SYSTEM, group=hearing.group)
    paragraph = consultation.documents.get(slug="draft").versions.get(number=2).paragraphs.order_by("order").first()
    response_save(actor=SYSTEM, issue=campaign, decision="accepted", reasons_th="ปรับปรุงหมวดการจัดซื้อจัดจ้างแล้ว",
                  reasons_en="The procurement section was revised.", paragraph_ids=[paragraph.pk])  # fmt: skip
    response_publish(actor=SYSTEM, issue=campaign, now=PUBLISHED_AT)
    health = consultation.topics.get(key="public_health")
    private = submit(consultation, "ขอให้ติดต่อกลับที่ somchai@example.com หรือ 081-234-5678 เรื่องระบบนัดหมายแพทย์")
    by_hand = issue_create(actor=SYSTEM, consultation=consultation, title_th="ระบบนัดหมายแพทย์", title_en="Appointments",
                           domain=health)  # fmt: skip
    issue_comments_add(actor=SYSTEM, issue=by_hand, comment_ids=[private.pk, hearing.unique[0].pk])
    issue_update(actor=SYSTEM, issue=by_hand, title_th="ระบบนัดหมายแพทย์", title_en="Appointments", domain=health,
                 representative=private)  # fmt: skip
    response_save(actor=SYSTEM, issue=by_hand, decision="out_of_scope", reasons_th="อยู่นอกขอบเขตของแผน")
    response_publish(actor=SYSTEM, issue=by_hand, now=PUBLISHED_AT)
    return {"campaign": campaign, "by_hand": by_hand, "paragraph": paragraph, "private": private}


def url(consultation, language=""):
    return f"{language}/consultations/{consultation.slug}/responses/"


def test_the_page_shows_each_issue_its_figures_decision_reasons_and_changes(client, hearing, answered):
    page = client.get(url(hearing.consultation))
    assert page.status_code == 200
    text = page.text
    assert '<h1 class="h3">สิ่งที่เราได้รับฟังและสิ่งที่เราดำเนินการ</h1>' in text
    assert "ประเด็นที่ ๑" in text and "ประเด็นที่ ๒" in text  # the consultation writes Thai digits
    assert "ผลการพิจารณา: " in text and "ปรับปรุงหมวดการจัดซื้อจัดจ้างแล้ว" in text
    assert "๑ ความคิดเห็นตัวแทน + อีก ๕ ฉบับในแคมเปญเดียวกัน" in text
    paragraph = answered["paragraph"]
    assert f"/consultations/{hearing.consultation.slug}/drafts/draft/?version=2#{paragraph.anchor}" in text
    assert f"/consultations/{hearing.consultation.slug}/drafts/draft/compare/?from=1&amp;to=2" in text
    assert "๒๕๕๙" in text  # the response's date, in the Buddhist Era


def test_a_representative_comment_shows_without_personal_data(client, hearing, answered):
    text = client.get(url(hearing.consultation)).text
    assert "ระบบนัดหมายแพทย์" in text
    assert "somchai@example.com" not in text and "081-234-5678" not in text
    assert "[ปกปิดอีเมล]" in text and "[ปกปิดหมายเลขโทรศัพท์]" in text
    english = client.get(url(hearing.consultation, "/en")).text
    assert "[e-mail withheld]" in english and "somchai@example.com" not in english


def test_filters_by_decision_and_domain(client, hearing, answered):
    consultation = hearing.consultation
    accepted = client.get(url(consultation), {"decision": "accepted"}).text
    assert 'id="issue-1"' in accepted and 'id="issue-2"' not in accepted
    health = client.get(url(consultation), {"domain": "public_health"}).text
    assert 'id="issue-2"' in health and 'id="issue-1"' not in health
    nothing = client.get(url(consultation), {"decision": "accepted", "domain": "public_health"})
    assert nothing.status_code == 200 and "ไม่มีประเด็นที่ตรงกับตัวกรองนี้" in nothing.text
    odd = client.get(url(consultation), {"decision": "<script>", "domain": "x" * 500, "page": "-1"})
    assert odd.status_code == 200 and 'id="issue-1"' in odd.text and 'id="issue-2"' in odd.text


def test_what_became_of_my_comment(client, hearing, answered):
    consultation = hearing.consultation
    counted = client.get(url(consultation), {"receipt": hearing.campaign[3].receipt.lower()})
    result = re.search(r'data-testid="lookup-result">(.*?)</div>', counted.text, re.S).group(1)
    assert "#issue-1" in result and "#issue-2" not in result
    assert counted["Cache-Control"] == "private, no-store"
    waiting = client.get(url(consultation), {"receipt": hearing.unique[2].receipt}).text
    assert "ยังไม่ได้นับรวมในประเด็นที่เผยแพร่ผลการพิจารณาแล้ว" in waiting
    unknown = client.get(url(consultation), {"receipt": "DG2-20161118-ZZZZ-ZZZZ"})
    assert unknown.status_code == 200 and "ไม่พบความคิดเห็นในการรับฟังความคิดเห็นนี้ที่มีเลขที่หลักฐานการรับ" in unknown.text
    for bad in ("", "x" * 300, "<b>"):
        assert client.get(url(consultation), {"receipt": bad}).status_code == 200


def test_a_hidden_comment_is_not_reported(client, hearing, answered):
    Comment.objects.filter(pk=hearing.campaign[3].pk).update(status="hidden")
    page = client.get(url(hearing.consultation), {"receipt": hearing.campaign[3].receipt})
    assert 'href="/consultations/' not in page.text.split('data-testid="lookup-result"')[1].split("</section>")[0]


def test_the_english_page(client, hearing, answered):
    page = client.get(url(hearing.consultation, "/en"))
    assert page.status_code == 200
    assert "What we heard and what we did" in page.text and "Issue 2: Appointments" in page.text
    assert "1 representative comment + 5 more in the same campaign" in page.text
    assert "The procurement section was revised." in page.text and "2016" in page.text


def test_anonymous_visits_set_no_cookie_and_open_no_session(client, hearing, answered):
    for query in ({}, {"receipt": hearing.campaign[0].receipt}, {"decision": "accepted"}):
        response = client.get(url(hearing.consultation), query)
        assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert not response.cookies and not Session.objects.exists()


def test_nothing_published_yet(client, demo):
    page = client.get(url(demo))
    assert page.status_code == 200 and "หน่วยงานยังไม่ได้เผยแพร่ผลการพิจารณาความคิดเห็น" in page.text


def test_demo_comments_are_said_to_be_illustrative(client, hearing, answered):
    assert 'data-testid="demo-note"' not in client.get(url(hearing.consultation)).text
    Comment.objects.filter(pk=hearing.campaign[0].pk).update(is_demo=True)
    assert 'data-testid="demo-note"' in client.get(url(hearing.consultation)).text


def test_unknown_or_unpublished_consultations_are_404(client, hearing, answered):
    assert client.get("/consultations/nothing/responses/").status_code == 404
    type(hearing.consultation).objects.filter(pk=hearing.consultation.pk).update(is_published=False)
    assert client.get(url(hearing.consultation)).status_code == 404


def test_the_page_costs_a_few_queries(client, hearing, answered, django_assert_max_num_queries):
    # the consultation and its timeline, the issues, their figures; two count the lookup against the address's limits
    with django_assert_max_num_queries(15):
        client.get(url(hearing.consultation), {"receipt": hearing.campaign[0].receipt})


def test_the_receipt_page_leads_to_what_became_of_the_comment(client, hearing, answered):
    comment = hearing.campaign[3]
    receipt_page = client.get(f"/comments/receipts/{comment.receipt}/").text
    link = re.search(r'href="([^"]*/responses/\?receipt=[^"]*)"', receipt_page).group(1).replace("&amp;", "&")
    result = client.get(link).text
    assert re.search(r'data-testid="lookup-result">(.*?)#issue-1', result, re.S)
