"""The API of published issues and responses: shapes, campaign counts, no personal data, every status declared."""

from __future__ import annotations

import json

import pytest

from clock import bkk
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(demo):
    hearing = hearing_with_campaign(demo)
    consultation = hearing.consultation
    issue = issue_create_from_group(actor=SYSTEM, group=hearing.group)
    paragraph = consultation.documents.get(slug="draft").versions.get(number=2).paragraphs.order_by("order").first()
    response_save(actor=SYSTEM, issue=issue, decision="accepted", reasons_th="ปรับปรุงแล้ว", reasons_en="Revised.",
                  paragraph_ids=[paragraph.pk])  # fmt: skip
    response_publish(actor=SYSTEM, issue=issue, now=bkk(2016, 12, 1, 10))
    private = submit(consultation, "โทร 02-123-4567 หรือ 1-2345-67890-12-3 ขอระบบนัดหมายแพทย์", name="สมชาย ใจดี",
                     anonymous=False, organisation="โรงพยาบาลตัวอย่าง", email="somchai@example.com")  # fmt: skip
    second = issue_create(actor=SYSTEM, consultation=consultation, title_th="นัดหมายแพทย์", title_en="Appointments",
                          domain=consultation.topics.get(key="public_health"))  # fmt: skip
    issue_comments_add(actor=SYSTEM, issue=second, comment_ids=[private.pk])
    issue_update(actor=SYSTEM, issue=second, title_th="นัดหมายแพทย์", title_en="Appointments",
                 domain=consultation.topics.get(key="public_health"), representative=private)  # fmt: skip
    response_save(actor=SYSTEM, issue=second, decision="out_of_scope", reasons_th="นอกขอบเขต")
    response_publish(actor=SYSTEM, issue=second, now=bkk(2016, 12, 2, 9))
    unanswered = issue_create(actor=SYSTEM, consultation=consultation, title_th="ยังไม่ตอบ")
    response_save(actor=SYSTEM, issue=unanswered, decision="partly", reasons_th="ร่าง")
    hearing.paragraph = paragraph
    return hearing


def base(hearing):
    return f"/api/v1/consultations/{hearing.consultation.slug}"


def test_published_issues_with_counts_and_responses(client, hearing):
    response = client.get(f"{base(hearing)}/issues")
    assert response.status_code == 200
    first, second = response.json()
    assert (first["number"], second["number"]) == (1, 2)
    assert first["counts"]["comments"] == 6 and first["counts"]["unique"] == 0
    assert first["counts"]["campaigns"] == [{"representative_receipt": hearing.group.representative.receipt, "size": 6}]
    assert first["domain"] == "procurement"
    assert first["representative"]["receipt"] == hearing.group.representative.receipt
    assert first["response"]["decision"] == "accepted"
    assert first["response"]["published_at"] == "2016-12-01T10:00:00+07:00"
    (changed,) = first["response"]["changed_paragraphs"]
    assert changed == {"document": "draft", "version": 2, "anchor": hearing.paragraph.anchor,
                       "text": hearing.paragraph.text}  # fmt: skip
    assert second["title_en"] == "Appointments" and second["domain"] == "public_health"
    assert second["response"]["decision"] == "out_of_scope"


def test_no_personal_data(client, hearing):
    raw = client.get(f"{base(hearing)}/issues").content.decode()
    assert "somchai@example.com" not in raw and "02-123-4567" not in raw and "1-2345-67890-12-3" not in raw
    assert "สมชาย" not in raw and "[ปกปิดหมายเลขโทรศัพท์]" in raw and "[ปกปิดเลขประจำตัวประชาชน]" in raw
    assert "\\u0e" not in raw  # Thai unescaped


def test_one_issue_with_its_receipts(client, hearing):
    data = client.get(f"{base(hearing)}/issues/1").json()
    assert sorted(data["receipts"]) == sorted(c.receipt for c in hearing.campaign)
    assert data["response"]["reasons_en"] == "Revised."


@pytest.mark.parametrize(("path", "status"), [
    ("/issues/3", 404), ("/issues/99", 404), ("/issues/0", 404), ("/issues/99999999999", 404),
    ("/issues/abc", 422),
])  # fmt: skip
def test_unknown_or_unanswered_issues(client, hearing, path, status):
    response = client.get(base(hearing) + path)
    assert response.status_code == status
    assert set(response.json()) >= {"code", "message"}


def test_responses_as_a_flat_list(client, hearing):
    data = client.get(f"{base(hearing)}/responses").json()
    assert [(r["issue_number"], r["decision"]) for r in data] == [(1, "accepted"), (2, "out_of_scope")]
    assert data[1]["issue_title_th"] == "นัดหมายแพทย์" and data[1]["published_at"] == "2016-12-02T09:00:00+07:00"


@pytest.mark.parametrize("path", ["/issues", "/issues/1", "/responses"])
def test_unknown_consultation_is_404(client, db, path):
    response = client.get(f"/api/v1/consultations/nothing{path}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_routes_are_documented_with_every_status(client, db):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    detail = paths["/api/v1/consultations/{slug}/issues/{number}"]["get"]["responses"]
    assert set(detail) == {"200", "400", "404", "414", "422", "503"}
    assert set(paths["/api/v1/consultations/{slug}/issues"]["get"]["responses"]) == {
        "200",
        "400",
        "404",
        "414",
        "422",
        "503",
    }
    assert set(paths["/api/v1/consultations/{slug}/responses"]["get"]["responses"]) == {
        "200",
        "400",
        "404",
        "414",
        "422",
        "503",
    }
    json.dumps(document)
