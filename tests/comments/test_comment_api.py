"""The API: documents with anchors, published comments without personal data, commenting with 201/409/422/429."""

from __future__ import annotations

import json

import pytest
import time_machine
from comment_helpers import CLOSES, DURING

from rapfang.accounts.services import apikey_create
from rapfang.comments.models import Comment
from rapfang.core.actors import SYSTEM

SLUG = "dg2-2560-2564"
URL = f"/api/v1/consultations/{SLUG}/comments"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.RATE_LIMIT_ANONYMOUS = "3/60"


def body(**changes):
    data = {"text": "ควรเพิ่มการลงทะเบียนออนไลน์", "anonymous": False, "name": "สมหญิง", "organisation": "บริษัทตัวอย่าง",
            "stakeholder_type": "private", "email": "someone@example.org", "consent": True}  # fmt: skip
    return {**data, **changes}


def post(client, data, **headers):
    return client.post(URL, json.dumps(data), content_type="application/json", headers=headers)


def test_documents_list_versions_sections_and_paragraph_anchors(client, demo):
    documents = client.get(f"/api/v1/consultations/{SLUG}/documents").json()
    assert [d["slug"] for d in documents] == ["draft", "draft-detailed"]
    assert [v["number"] for v in documents[1]["versions"]] == [1]
    versions = documents[0]["versions"]
    assert [v["number"] for v in versions] == [1, 2]
    first_paragraph = versions[1]["sections"][1]["paragraphs"][0]
    assert first_paragraph["anchor"].startswith("p-")
    assert first_paragraph["text"].startswith("ตามที่คณะรัฐมนตรี")


@time_machine.travel(DURING, tick=False)
def test_a_comment_on_a_paragraph_is_published_at_once_under_post_moderation(client, post_moderated, paragraph):
    response = post(client, body(paragraph=paragraph.anchor))
    assert response.status_code == 201
    answer = response.json()
    assert answer["status"] == "published"
    assert Comment.objects.get(receipt=answer["receipt"]).paragraph_anchor == paragraph.anchor
    listed = client.get(URL, {"q": "ทะเบียน", "paragraph": paragraph.anchor}).json()
    assert listed["count"] == 1
    result = listed["results"][0]
    assert "<mark>ทะเบียน</mark>" in result["highlighted"]
    assert "email" not in result and "someone@example.org" not in json.dumps(listed)


@time_machine.travel(DURING, tick=False)
def test_pending_comments_are_not_listed(client, demo):
    assert post(client, body()).json()["status"] == "pending"
    assert client.get(URL).json()["count"] == 0


def test_outside_the_period_409_with_a_reason_code(client, demo):
    with time_machine.travel(CLOSES.timestamp() + 1, tick=False):
        response = post(client, body())
    assert response.status_code == 409
    assert response.json()["code"] == "comments_closed"
    assert not Comment.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_invalid_input_422_names_the_fields(client, demo):
    response = post(client, body(name="", consent=False))
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"name", "consent"}
    response = post(client, body(paragraph="p-nowhere"))  # a well-formed body naming a place the draft lacks
    assert (response.status_code, response.json()["code"]) == (404, "anchor_not_found")
    assert not Comment.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_anonymous_comments_need_no_name(client, post_moderated):
    assert post(client, body(anonymous=True, name="", organisation="")).status_code == 201
    assert client.get(URL).json()["results"][0]["author"] is None


@time_machine.travel(DURING, tick=False)
def test_rate_limit_per_address_and_higher_limits_with_an_api_key(client, demo):
    statuses = [post(client, body()).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    _key, raw = apikey_create(actor=SYSTEM, name="newsroom", requests_per_minute=100)
    assert post(client, body(), **{"X-API-Key": raw}).status_code == 201
    assert post(client, body(), **{"X-API-Key": "wrong"}).status_code == 401
