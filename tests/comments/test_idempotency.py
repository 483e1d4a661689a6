"""No double comment on a retry: the same key to the same consultation within a day gives the first receipt and stores
nothing, from the API's `Idempotency-Key` and from the key the web form is drawn with, even when two copies race."""

from __future__ import annotations

import json
import re
import threading
from datetime import timedelta

import pytest
import time_machine
from comment_helpers import CLOSES, DURING, valid
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapfang.comments import services
from rapfang.comments.forms import form_stamp
from rapfang.comments.models import Comment
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import Conflict, InvalidInput, RateLimited

SLUG = "dg2-2560-2564"
API = f"/api/v1/consultations/{SLUG}/comments"
FORM = f"/consultations/{SLUG}/comment/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.COMMENT_MIN_SECONDS = 2
    settings.RATE_LIMIT_ANONYMOUS = "50/60"


def body(**changes):
    return {"text": "ควรมีช่องทางแสดงความคิดเห็นทางโทรศัพท์", "anonymous": True, "stakeholder_type": "citizen",
            "consent": True, **changes}  # fmt: skip


def post(client, key, **changes):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(API, json.dumps(body(**changes)), content_type="application/json", headers=headers)


@time_machine.travel(DURING, tick=False)
def test_the_api_gives_the_same_receipt_for_the_same_key_and_stores_one_comment(client, demo):
    first, again = post(client, "a7f3-retry"), post(client, "a7f3-retry")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert Comment.objects.count() == 1 and Comment.objects.get().sent_under_key == "a7f3-retry"
    assert post(client, "another-key").json()["receipt"] != first.json()["receipt"]
    assert post(client, "").json()["receipt"] != first.json()["receipt"]
    assert Comment.objects.count() == 3


@time_machine.travel(DURING, tick=False)
def test_the_same_key_with_other_content_is_refused_and_stores_nothing(client, demo):
    post(client, "key-1")
    response = post(client, "key-1", text="ข้อความอื่น")
    assert (response.status_code, response.json()["code"]) == (409, "idempotency_key_reused")
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("key", ["has space", "ก" * 3, "x" * 101])
@time_machine.travel(DURING, tick=False)
def test_a_malformed_key_is_refused_with_422(client, demo, key):
    response = client.post(API, json.dumps(body()), content_type="application/json",
                           headers={"Idempotency-Key": key.encode().decode("latin-1")})  # fmt: skip
    assert response.status_code == 422
    assert not Comment.objects.exists()


def test_a_retry_after_the_close_of_a_comment_taken_before_it_gets_its_receipt(client, demo):
    with time_machine.travel(CLOSES, tick=False):
        first = post(client, "last-second")
    with time_machine.travel(CLOSES + timedelta(minutes=5), tick=False):
        again = post(client, "last-second")
        fresh = post(client, "too-late")
    assert again.status_code == 201 and again.json() == first.json()
    assert fresh.status_code == 409
    assert Comment.objects.count() == 1


def test_a_retry_past_its_addresss_limit_gets_its_receipt_and_a_new_comment_is_refused(demo, settings):
    settings.RATE_LIMIT_IDENTITY = "1/3600"
    data = valid(email="writer@example.org")
    first = comment_submit(actor=PUBLIC, consultation=demo, data=data, idempotency_key="limited", now=DURING)
    assert comment_submit(actor=PUBLIC, consultation=demo, data=data, idempotency_key="limited", now=DURING) == first
    with pytest.raises(RateLimited):
        comment_submit(actor=PUBLIC, consultation=demo, data=data, idempotency_key="another", now=DURING)
    assert Comment.objects.filter(email="writer@example.org").count() == 1


def test_a_key_is_kept_for_a_day_then_may_name_a_new_comment(demo):
    first = comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="daily", now=DURING)
    within = DURING + timedelta(hours=23, minutes=59)
    assert comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="daily", now=within) == first
    later = comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="daily",
                           now=DURING + timedelta(hours=24, seconds=1))  # fmt: skip
    assert later.receipt != first.receipt
    assert Comment.objects.get(sent_under_key="daily") == later


def _writes(queries: CaptureQueriesContext) -> list[str]:
    """The statements that write, each by its verb and table."""
    statements = [" ".join(query["sql"].split()[:3]) for query in queries.captured_queries]
    return [sql for sql in statements if sql.upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_new_key_is_one_insert_and_a_key_older_than_a_day_is_taken_from_its_comment(demo, settings):
    settings.COMMENT_FOLLOWUP_INLINE = False  # the intake's statements alone, as the job worker leaves them
    with CaptureQueriesContext(connection) as new:
        first = comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="once", now=DURING)
    assert _writes(new) == ['INSERT INTO "comments_comment"']  # the key is in the row, and is not looked for
    assert not [query for query in new.captured_queries if 'FROM "comments_comment"' in query["sql"]]
    with CaptureQueriesContext(connection) as old:
        later = comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="once",
                               now=DURING + timedelta(days=2))  # fmt: skip
    table = '"comments_comment"'
    assert _writes(old) == [f"INSERT INTO {table}", f"UPDATE {table} SET", f"INSERT INTO {table}"]
    assert later.receipt != first.receipt
    assert Comment.objects.get(sent_under_key="once") == later
    assert Comment.objects.get(pk=first.pk).sent_under_key == ""


def test_the_service_checks_the_key(demo):
    with pytest.raises(InvalidInput):
        comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="a b", now=DURING)
    comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key="k", now=DURING)
    with pytest.raises(Conflict):
        comment_submit(actor=PUBLIC, consultation=demo, data=valid(name="อีกคน"), idempotency_key="k", now=DURING)


@time_machine.travel(DURING, tick=False)
def test_the_web_form_is_drawn_with_a_key_and_sent_twice_stores_one_comment(client, demo):
    page = client.get(FORM).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    assert len(key) >= 20 and key not in client.get(FORM).content.decode()  # each drawing its own
    data = {"text": "ควรเพิ่มล่ามภาษามือ", "anonymous": "on", "stakeholder_type": "citizen", "consent": "on",
            "website": "", "shown": form_stamp(DURING.timestamp() - 10), "idempotency_key": key}  # fmt: skip
    first = client.post(FORM, data)
    again = client.post(FORM, data, headers={"HX-Request": "true"})
    assert first.status_code == 302 and again.status_code == 200
    receipt = Comment.objects.get().receipt
    assert receipt in first["Location"] and receipt in again.content.decode()


@time_machine.travel(DURING, tick=False)
def test_a_form_kept_by_back_and_changed_comes_back_with_its_text_and_a_new_key(client, demo):
    page = client.get(FORM).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    data = {"text": "ควรเพิ่มล่ามภาษามือ", "anonymous": "on", "stakeholder_type": "citizen", "consent": "on",
            "website": "", "shown": form_stamp(DURING.timestamp() - 10), "idempotency_key": key}  # fmt: skip
    assert client.post(FORM, data).status_code == 302
    changed = client.post("/en" + FORM, {**data, "text": "ควรเพิ่มคำบรรยายใต้ภาพในวิดีโอ"})
    html = changed.content.decode()
    assert changed.status_code == 409 and "This form had already sent a different comment" in html
    assert "ควรเพิ่มคำบรรยายใต้ภาพในวิดีโอ" in html and "Idempotency-Key" not in html
    renewed = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    assert renewed != key and Comment.objects.count() == 1
    assert (
        client.post(FORM, {**data, "text": "ควรเพิ่มคำบรรยายใต้ภาพในวิดีโอ", "idempotency_key": renewed}).status_code == 302
    )
    assert Comment.objects.count() == 2


def race(demo, key: str, copies: int) -> list[str]:
    """`copies` threads send the same comment under `key`; all are ready to write before any writes."""
    ready = threading.Barrier(copies, timeout=30)
    first_write = threading.local()
    original = services.comment_insert

    def wait_then_write(*args, **kwargs):
        if not getattr(first_write, "done", False):
            first_write.done = True
            ready.wait()  # every copy has passed its checks: all write at once
        return original(*args, **kwargs)

    receipts: list[str] = []
    errors: list[BaseException] = []

    def send():
        try:
            comment = comment_submit(actor=PUBLIC, consultation=demo, data=valid(), idempotency_key=key, now=DURING)
            receipts.append(comment.receipt)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    services.comment_insert = wait_then_write
    try:
        threads = [threading.Thread(target=send) for _copy in range(copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        services.comment_insert = original
    assert not errors, errors
    return receipts


def test_copies_sent_at_the_same_moment_store_one_comment(transactional_db):
    from rapfang.demo.loader import demo_load

    demo = demo_load().consultation
    receipts = race(demo, "same-moment", copies=4)
    assert len(receipts) == 4 and len(set(receipts)) == 1
    assert Comment.objects.filter(consultation=demo, is_demo=False).count() == 1
    assert Comment.objects.filter(sent_under_key="same-moment").count() == 1


def test_the_openapi_description_documents_the_key_and_the_overload_answer(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/consultations/{slug}/comments"]["post"]
    header = next(p for p in operation["parameters"] if p["in"] == "header")
    assert header["name"] == "Idempotency-Key" and not header.get("required")
    assert "24 hours" in header["description"] and "idempotency_key_reused" in header["description"]
    assert "Idempotency-Key" in operation["description"]
    assert {"201", "409", "429", "503"} <= set(operation["responses"])
    assert "Retry-After" in operation["responses"]["503"]["description"]


def test_a_copy_sent_again_under_its_key_is_not_counted_against_its_e_mail_address(demo, settings):
    settings.RATE_LIMIT_IDENTITY = "2/3600"
    settings.RATE_LIMIT_MAIL = "2/3600"
    settings.COMMENT_FOLLOWUP_INLINE = False  # the receipt mail as the intake leaves it owed
    data = valid(email="retrying@example.org")
    first = comment_submit(actor=PUBLIC, consultation=demo, data=data, idempotency_key="sent-thrice", now=DURING)
    for _ in range(3):  # a form sent again after timeouts: its address's comments and mails are not used up
        assert comment_submit(actor=PUBLIC, consultation=demo, data=data, idempotency_key="sent-thrice",
                              now=DURING) == first  # fmt: skip
    second = comment_submit(actor=PUBLIC, consultation=demo, data=valid(email="retrying@example.org", text="อีกเรื่อง"),
                            idempotency_key="another-comment", now=DURING)  # fmt: skip
    assert second.receipt != first.receipt and second.receipt_mail_due
    with pytest.raises(RateLimited):
        comment_submit(actor=PUBLIC, consultation=demo, data=valid(email="retrying@example.org", text="เรื่องที่สาม"),
                       idempotency_key="third", now=DURING)  # fmt: skip
