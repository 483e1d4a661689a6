"""A NUL character or a lone surrogate anywhere in a request (path, query, form, JSON body) is refused with 400 in
the caller's language, before any view, on SQLite and PostgreSQL; nothing is stored."""

from __future__ import annotations

import json

import pytest
import time_machine

from rapfang.comments.models import Comment
from rapfang.comments.services import comment_policy_set
from rapfang.core.actors import SYSTEM
from rapfang.hearings.models import Registration

pytestmark = pytest.mark.django_db
SLUG = "dg2-2560-2564"
DURING = "2016-11-20T10:00:00+07:00"
COMMENTS_API = f"/api/v1/consultations/{SLUG}/comments"


def comment_body(text: str) -> str:
    """A comment as JSON, with `text` spliced in raw (so that escapes such as \\ud800 reach the server as sent)."""
    fields = {"anonymous": True, "stakeholder_type": "citizen", "consent": True}
    return json.dumps(fields)[:-1] + f', "text": "{text}"}}'


@pytest.fixture(autouse=True)
def _open(demo, settings):
    settings.RATE_LIMIT_ANONYMOUS = "1000/60"
    comment_policy_set(actor=SYSTEM, consultation=demo, moderation="post")
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.mark.parametrize(
    "raw", [r"\ud800", r"ok \udfff ok", r"\u0000", r"a\u0000b", r"\ud83d", r"\ude00\ud83d"]
)  # fmt: skip
def test_json_with_a_nul_or_a_lone_surrogate_is_refused_in_the_callers_language(client, raw):
    thai = client.post(COMMENTS_API, comment_body(raw), content_type="application/json")
    assert thai.status_code == 400 and thai.json()["code"] == "invalid_characters"
    assert "ไม่สามารถรับ" in thai.json()["message"]
    english = client.post(COMMENTS_API, comment_body(raw), content_type="application/json",
                          headers={"Accept-Language": "en"})  # fmt: skip
    assert english.status_code == 400 and "cannot be accepted" in english.json()["message"]
    assert not Comment.objects.exists()


def test_a_pair_of_surrogates_is_an_ordinary_character(client):
    answer = client.post(COMMENTS_API, comment_body(r"ขอบคุณ \ud83d\ude00"), content_type="application/json")
    assert answer.status_code == 201
    assert Comment.objects.get().text == "ขอบคุณ 😀"


def test_raw_bytes_of_a_lone_surrogate_and_nested_keys_are_refused(client, demo):
    body = comment_body("ok").encode()[:-1] + b', "x": "\xed\xa0\x80"}'
    assert client.post(COMMENTS_API, body, content_type="application/json").status_code == 400
    event = demo.events.get(is_main=True)
    nested = {"name": "สมชาย", "answers": {"a\u0000": "b"}, "email": "a@example.org", "consent": True}
    answer = client.post(
        f"/api/v1/events/{event.pk}/registrations", json.dumps(nested), content_type="application/json"
    )
    assert answer.status_code == 400 and not Registration.objects.exists()


def test_json_that_does_not_parse_is_refused_in_the_callers_language(client):
    answer = client.post(COMMENTS_API, b'{"text": ', content_type="application/json", headers={"Accept-Language": "en"})
    expected = {"code": "invalid_json", "message": "The request's body could not be read as JSON."}
    assert answer.status_code == 400 and answer.json() == expected


@pytest.mark.parametrize(
    "url",
    [f"{COMMENTS_API}?q=%00", f"{COMMENTS_API}?paragraph=p%00", f"/api/v1/consultations/{SLUG}%00"],
)
def test_a_nul_in_an_api_query_or_path_is_refused(client, url):
    answer = client.get(url)
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_characters"


@pytest.mark.parametrize(
    "url",
    [f"/consultations/{SLUG}/comments/?q=%00", f"/consultations/{SLUG}/responses/?receipt=DG2%00",
     "/comments/receipts/DG2-%00/", f"/consultations/{SLUG}/comment/?paragraph=%00"],
)  # fmt: skip
def test_a_nul_on_a_page_is_refused_with_a_page_in_its_language(client, url):
    thai = client.get(url)
    assert thai.status_code == 400 and "ไม่สามารถรับ" in thai.content.decode()
    english = client.get("/en" + url)
    assert english.status_code == 400 and "cannot be accepted" in english.content.decode()


def test_a_nul_in_a_posted_form_is_refused_and_nothing_is_stored(client):
    form = {"text": "ข้อความ", "anonymous": "on", "stakeholder_type": "citizen", "consent": "on", "section": "s\x00"}
    answer = client.post(f"/en/consultations/{SLUG}/comment/", form)
    assert answer.status_code == 400 and "cannot be accepted" in answer.content.decode()
    assert not Comment.objects.exists()
