import json

import pytest

pytestmark = pytest.mark.django_db


def test_list_of_consultations(client, demo):
    response = client.get("/api/v1/consultations")
    assert response.status_code == 200
    (item,) = response.json()
    assert item["slug"] == "dg2-2560-2564" and item["status"] == "closed"
    assert item["status_label"] == {"th": "ปิดรับความคิดเห็นแล้ว", "en": "Closed for comments"}


def test_thai_is_not_escaped(client, demo):
    raw = client.get("/api/v1/consultations").content
    assert "แผนพัฒนารัฐบาลดิจิทัล".encode() in raw
    assert b"\\u0e" not in raw


def test_consultation_detail_with_bangkok_datetimes(client, demo):
    data = client.get("/api/v1/consultations/dg2-2560-2564").json()
    assert data["organiser"]["fax"] == "0 2230 6333"
    assert [c["phone"] for c in data["organiser"]["contacts"]] == ["0 2230 6362", "0 2230 6316"]
    comments = next(step for step in data["timeline"] if step["kind"] == "comments")
    assert comments["starts_at"] == "2016-11-18T00:00:00+07:00"
    assert comments["ends_at"] == "2016-11-23T23:59:59+07:00"
    assert data["events"][0]["start"] == "2016-11-18T09:30:00+07:00"
    assert len(data["attachments"]) == 3 and all(a["demo"] for a in data["attachments"])
    assert len(data["domains"]) == 10


def test_no_personal_data_of_contacts_beyond_their_public_phone(client, demo):
    data = json.dumps(client.get("/api/v1/consultations/dg2-2560-2564").json(), ensure_ascii=False)
    assert "password" not in data and "username" not in data


def test_unknown_consultation_is_a_404_with_a_code(client, demo):
    response = client.get("/api/v1/consultations/none", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_openapi_document_is_valid(client, db):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    repeated: list[str] = []

    def unique(pairs):  # a key twice in one object (Swagger UI stops at it; json.loads keeps the last silently)
        keys = [key for key, _value in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    document = json.loads(response.content, object_pairs_hook=unique)
    assert repeated == []
    validate(document)
    assert "/api/v1/consultations/{slug}" in document["paths"]


def test_a_body_of_the_wrong_shape_gets_a_422_with_errors_per_field(client, db):
    from rapfang.demo.loader import demo_load

    event = demo_load(phase="registration").consultation.events.get(is_main=True)
    response = client.post(
        f"/api/v1/events/{event.pk}/registrations",
        data="[]",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and body["message"] == "ข้อมูลบางส่วนไม่ถูกต้อง" and body["errors"]
