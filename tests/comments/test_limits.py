"""Limits on the public comment surfaces: the form (page and htmx), flags, receipt lookups, one e-mail address,
and receipts mailed only so often to one address. Every refusal is a 429 with Retry-After in the page's language."""

from __future__ import annotations

import json

import pytest
import time_machine
from comment_helpers import DURING, post_data
from django.core import mail

from rapfang.comments.models import Comment

SLUG = "dg2-2560-2564"
FORM = f"/consultations/{SLUG}/comment/"
API = f"/api/v1/consultations/{SLUG}/comments"


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def test_the_form_refused_keeps_the_text_and_says_when_to_try_again(client, demo, during, settings):
    settings.RATE_LIMIT_ANONYMOUS = "1/60"
    assert client.post(FORM, post_data()).status_code == 302
    refused = client.post("/en" + FORM, post_data(text="ข้อความที่พิมพ์ไว้ยาว ๆ"))
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 61
    page = refused.content.decode()
    assert "Too many requests from your address" in page and "ข้อความที่พิมพ์ไว้ยาว ๆ" in page
    with_htmx = client.post(FORM, post_data(text="อีกข้อความ"), headers={"HX-Request": "true"})
    assert with_htmx.status_code == 429 and "อีกข้อความ" in with_htmx.content.decode()
    assert Comment.objects.count() == 1


def test_the_form_and_the_api_share_the_count_of_one_address(client, demo, during, settings):
    settings.RATE_LIMIT_ANONYMOUS = "2/60"
    assert client.post(FORM, post_data(), REMOTE_ADDR="198.51.100.4").status_code == 302
    body = {"text": "ความเห็นทาง API", "anonymous": True, "stakeholder_type": "citizen", "consent": True}
    api = [client.post(API, json.dumps(body), content_type="application/json", REMOTE_ADDR="198.51.100.4")
           for _ in range(2)]  # fmt: skip
    assert [a.status_code for a in api] == [201, 429]
    assert api[1]["Retry-After"] and api[1].json()["code"] == "rate_limited"


def test_one_e_mail_address_is_limited_whatever_the_sender_address(client, demo, during, settings):
    settings.RATE_LIMIT_IDENTITY = "2/3600"
    statuses = [client.post(FORM, post_data(email="Same@Example.org"), REMOTE_ADDR=f"198.51.100.{n}").status_code
                for n in range(3)]  # fmt: skip
    assert statuses == [302, 302, 429]
    assert Comment.objects.count() == 2


def test_receipts_are_mailed_only_so_often_to_one_address(
    client, demo, during, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMIT_MAIL = "2/3600"
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            data = post_data(text=f"ความเห็นที่ {n}", email="victim@example.org")
            client.post(FORM, data, REMOTE_ADDR=f"192.0.2.{n}")
        client.post(FORM, post_data(email="other@example.org"))
    assert Comment.objects.filter(email="victim@example.org").count() == 3
    assert sum("victim@example.org" in m.to for m in mail.outbox) == 2
    assert sum("other@example.org" in m.to for m in mail.outbox) == 1


def test_flags_past_the_limit_get_a_page_or_a_fragment_with_429(client, post_moderated, during, settings):
    settings.RATE_LIMIT_ANONYMOUS = "1/60"
    client.post(FORM, post_data(), REMOTE_ADDR="192.0.2.50")
    comment = Comment.objects.get()
    flag = f"/consultations/{SLUG}/comments/{comment.pk}/flag/"
    assert client.post(flag, {"reason": "abusive"}).status_code == 302
    page = client.post("/en" + flag, {"reason": "abusive"})
    fragment = client.post(flag, {"reason": "abusive"}, headers={"HX-Request": "true"})
    assert page.status_code == 429 and page["Retry-After"] and "Too many flags" in page.content.decode()
    assert "<html" in page.content.decode() and f"/en/consultations/{SLUG}/comments/" in page.content.decode()
    assert fragment.status_code == 429 and "<html" not in fragment.content.decode()
    comment.refresh_from_db()
    assert comment.flag_count == 1


def test_receipt_lookups_are_limited_per_address(client, post_moderated, during, settings):
    settings.RATE_LIMIT_LOOKUP = "3/60"
    client.post(FORM, post_data())
    receipt = Comment.objects.get().receipt
    statuses = [client.get(f"/comments/receipts/{guess}/").status_code for guess in ("RF-1", "RF-2", receipt)]
    refused = client.get(f"/en/comments/receipts/{receipt}/")
    elsewhere = client.get(f"/comments/receipts/{receipt}/", REMOTE_ADDR="198.51.100.99")
    assert statuses == [404, 404, 200]
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Too many receipt numbers" in refused.content.decode() and "<h1" in refused.content.decode()
    assert elsewhere.status_code == 200


def test_the_responses_lookup_says_beside_the_field_when_an_address_looked_up_too_many(
    client, post_moderated, during, settings
):
    settings.RATE_LIMIT_LOOKUP = "1/60"
    url = f"/en/consultations/{SLUG}/responses/"
    assert client.get(url, {"receipt": "RF-NOPE"}).status_code == 200
    refused = client.get(url, {"receipt": "RF-AGAIN"})
    assert refused.status_code == 429 and refused["Retry-After"]
    page = refused.content.decode()
    assert 'id="receipt-error"' in page and "Too many receipt numbers" in page and 'value="RF-AGAIN"' in page
    assert client.get(url).status_code == 200  # the page itself is not held back
