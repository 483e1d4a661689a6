"""The close decided on the moment a comment arrived, not the moment its turn came to be written (decision 19)."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest
import time_machine
from comment_helpers import CLOSES, DURING, OPENS

from gate import release
from rapfang.comments import views
from rapfang.comments.forms import form_stamp
from rapfang.comments.models import Comment
from rapfang.comments.selectors import consultation_for_comment
from rapfang.core.arrival import ARRIVED, arrived_at

SLUG = "dg2-2560-2564"
API = f"/api/v1/consultations/{SLUG}/comments"
FORM = f"/consultations/{SLUG}/comment/"
SECOND = timedelta(seconds=1)


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.COMMENT_MIN_SECONDS = 2
    settings.RATE_LIMIT_ANONYMOUS = "50/60"


def api_body():
    return {"text": "ควรเปิดให้แสดงความคิดเห็นทางไปรษณีย์ด้วย", "anonymous": True, "stakeholder_type": "citizen",
            "consent": True}  # fmt: skip


def form_body():
    return {"text": "ควรเปิดให้แสดงความคิดเห็นทางไปรษณีย์ด้วย", "anonymous": "on", "stakeholder_type": "citizen",
            "consent": "on", "website": "", "shown": form_stamp(DURING.timestamp())}  # fmt: skip


def delayed(monkeypatch, module, traveller, until):
    """The request waits for its turn: the clock stands at `until` by the time the view reads the consultation."""

    def late_turn(**kwargs):
        traveller.move_to(until)
        return consultation_for_comment(**kwargs)

    monkeypatch.setattr(module, "consultation_for_comment", late_turn)


@pytest.mark.parametrize("arrives", [CLOSES, CLOSES + timedelta(microseconds=999_999)])
def test_an_api_comment_that_arrived_before_the_close_is_accepted_though_written_after_it(
    client, demo, monkeypatch, arrives
):
    from rapfang.api import comments as api_comments

    with time_machine.travel(arrives, tick=False) as traveller:
        delayed(monkeypatch, api_comments, traveller, CLOSES + 5 * SECOND)
        response = client.post(API, json.dumps(api_body()), content_type="application/json")
    assert response.status_code == 201
    comment = Comment.objects.get(receipt=response.json()["receipt"])
    assert comment.submitted_at == arrives
    assert not comment.is_late


def test_an_api_comment_that_arrived_at_the_close_is_refused_whenever_it_is_written(client, demo, monkeypatch):
    from rapfang.api import comments as api_comments

    with time_machine.travel(CLOSES + SECOND, tick=False) as traveller:
        delayed(monkeypatch, api_comments, traveller, CLOSES - 5 * SECOND)  # even a clock that goes back
        response = client.post(API, json.dumps(api_body()), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (409, "comments_closed")
    assert not Comment.objects.exists()


def test_a_form_comment_that_arrived_in_the_last_second_is_accepted_though_written_after_the_close(
    client, demo, monkeypatch
):
    with time_machine.travel(CLOSES, tick=False) as traveller:
        delayed(monkeypatch, views, traveller, CLOSES + 3 * SECOND)
        response = client.post(FORM, form_body())
    assert response.status_code == 302
    assert Comment.objects.get().submitted_at == CLOSES


def test_a_form_comment_that_arrived_after_the_close_is_refused(client, demo, monkeypatch):
    with time_machine.travel(CLOSES + SECOND, tick=False):
        response = client.post(FORM, form_body())
    assert response.status_code == 409
    assert not Comment.objects.exists()


def test_a_comment_that_arrived_before_the_opening_is_refused_though_written_after_it(client, demo, monkeypatch):
    from rapfang.api import comments as api_comments

    with time_machine.travel(OPENS - SECOND, tick=False) as traveller:
        delayed(monkeypatch, api_comments, traveller, OPENS + SECOND)
        response = client.post(API, json.dumps(api_body()), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (409, "comments_not_open")


def test_the_arrival_is_stamped_first_and_read_back(rf):
    request = rf.get("/")
    with time_machine.travel(DURING, tick=False):
        assert arrived_at(request) == DURING  # no stamp: now
    request.META[ARRIVED] = CLOSES
    assert arrived_at(request) == CLOSES


def test_the_arrival_middleware_is_the_first(settings):
    assert settings.MIDDLEWARE[0] == "rapfang.core.arrival.ArrivalMiddleware"


# A submission refused for overload keeps its arrival in a signed token (decision 21).


def refused_api(client, when, body=None, key="surge-1"):
    with time_machine.travel(when, tick=False):
        response = client.post(API, json.dumps(body or api_body()), content_type="application/json",
                               headers={"Idempotency-Key": key})  # fmt: skip
    assert response.status_code == 503 and response["Retry-After"]
    return response["Arrival-Token"]


def sent_again(client, when, token, body=None, key="surge-1"):
    with time_machine.travel(when, tick=False):
        return client.post(API, json.dumps(body or api_body()), content_type="application/json",
                           headers={"Idempotency-Key": key, "Arrival-Token": token})  # fmt: skip


@pytest.mark.parametrize("arrives", [CLOSES, CLOSES + timedelta(microseconds=999_999)])
def test_an_api_comment_refused_for_overload_in_the_last_second_is_in_time_when_sent_again_after_it(
    client, demo, full, arrives
):
    token = refused_api(client, arrives)
    release()
    response = sent_again(client, CLOSES + 90 * SECOND, token)
    assert response.status_code == 201
    comment = Comment.objects.get(receipt=response.json()["receipt"])
    assert comment.submitted_at == arrives
    assert not comment.is_late
    again = sent_again(client, CLOSES + 95 * SECOND, token)  # once more: the same receipt, one comment
    assert again.json()["receipt"] == comment.receipt and Comment.objects.count() == 1


def test_a_comment_first_sent_after_the_close_stays_late_however_it_is_refused(client, demo, full):
    token = refused_api(client, CLOSES + SECOND)
    release()
    response = sent_again(client, CLOSES + 2 * SECOND, token)
    assert (response.status_code, response.json()["code"]) == (409, "comments_closed")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"body": {**api_body(), "text": "ข้อความอื่นที่ไม่ได้ส่งมาก่อนปิดรับความคิดเห็น"}}, id="other-content"),
        pytest.param({"key": "surge-2"}, id="other-key"),
        pytest.param({"token": "forged"}, id="forged"),
        pytest.param({"when": CLOSES + timedelta(minutes=31)}, id="too-old"),
    ],
)
def test_an_arrival_token_counts_only_for_the_same_submission_within_its_time(client, demo, full, change):
    token = refused_api(client, CLOSES - SECOND)
    release()
    if change.get("token") == "forged":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = sent_again(client, change.get("when", CLOSES + 60 * SECOND), token, change.get("body"),
                          change.get("key", "surge-1"))  # fmt: skip
    assert (response.status_code, response.json()["code"]) == (409, "comments_closed")
    assert not Comment.objects.exists()


def test_a_refused_comment_form_sent_again_after_the_close_keeps_its_arrival(client, demo, full, settings):
    data = {**form_body(), "shown": form_stamp(CLOSES.timestamp() - 30), "idempotency_key": "form-1"}
    with time_machine.travel(CLOSES, tick=False):
        refused = client.post(FORM, data)
    assert refused.status_code == 503
    page = refused.content.decode()
    token = re.search(r'name="arrival_token" value="([^"]+)"', page).group(1)
    assert token == refused["Arrival-Token"]
    release()
    with time_machine.travel(CLOSES + 40 * SECOND, tick=False):
        late = client.post(FORM, {**data, "idempotency_key": "form-2"})  # without the token: late
        assert late.status_code == 409
        again = client.post(FORM, {**data, "arrival_token": html.unescape(token)})
    assert again.status_code == 302
    assert Comment.objects.get().submitted_at == CLOSES


def test_no_token_is_given_for_a_password(client, db, full):
    from django.urls import reverse

    refused = client.post(reverse("login"), {"username": "somchai", "password": "secret-pass-1234"})
    assert refused.status_code == 503 and "Arrival-Token" not in refused


# Behind our own nginx, the request arrived when nginx had read it: its X-Request-Start stamp (decision 21's addendum).


def proxy_stamped(client, stamp, when):
    with time_machine.travel(when, tick=False):
        return client.post(API, json.dumps(api_body()), content_type="application/json",
                           headers={"X-Request-Start": stamp})  # fmt: skip


def nginx_msec(moment):
    """`moment` as nginx writes $msec: seconds since 1970 with three decimals."""
    return f"t={int(moment.timestamp())}.{moment.microsecond // 1000:03d}"


@pytest.mark.parametrize("arrives", [CLOSES, CLOSES + timedelta(milliseconds=999)])
def test_behind_the_proxy_a_comment_it_read_before_the_close_is_in_time_though_we_saw_it_after(
    client, demo, settings, arrives
):
    settings.PROXY_ARRIVAL = True
    response = proxy_stamped(client, nginx_msec(arrives), CLOSES + 40 * SECOND)
    assert response.status_code == 201
    comment = Comment.objects.get(receipt=response.json()["receipt"])
    assert comment.submitted_at == arrives and not comment.is_late


def test_behind_the_proxy_a_comment_it_read_at_the_close_is_refused(client, demo, settings):
    settings.PROXY_ARRIVAL = True
    response = proxy_stamped(client, nginx_msec(CLOSES + SECOND), CLOSES + 2 * SECOND)
    assert (response.status_code, response.json()["code"]) == (409, "comments_closed")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("believed", "stamp"),
    [
        pytest.param(False, nginx_msec(CLOSES), id="not-behind-a-proxy"),
        pytest.param(True, nginx_msec(CLOSES + 3 * SECOND), id="later-than-we-saw-it"),
        pytest.param(True, nginx_msec(CLOSES + 2 * SECOND - timedelta(seconds=121)), id="older-than-any-wait"),
        pytest.param(True, "t=abc", id="not-a-number"),
        pytest.param(True, "t=1.5e9", id="not-msec"),
        pytest.param(True, "t=-1479920399", id="negative"),
        pytest.param(True, "", id="empty"),
    ],
)
def test_a_proxy_stamp_is_believed_only_from_our_proxy_and_only_when_it_can_be_true(
    client, demo, settings, believed, stamp
):
    settings.PROXY_ARRIVAL = believed
    response = proxy_stamped(client, stamp, CLOSES + 2 * SECOND)
    assert (response.status_code, response.json()["code"]) == (409, "comments_closed")
    assert not Comment.objects.exists()


def test_a_refusal_behind_the_proxy_carries_the_proxys_moment_in_its_token(client, demo, full, settings):
    settings.PROXY_ARRIVAL = True
    headers = {"Idempotency-Key": "surge-1", "X-Request-Start": nginx_msec(CLOSES)}
    with time_machine.travel(CLOSES + 3 * SECOND, tick=False):
        refused = client.post(API, json.dumps(api_body()), content_type="application/json", headers=headers)
    assert refused.status_code == 503
    release()
    response = sent_again(client, CLOSES + 60 * SECOND, refused["Arrival-Token"])
    assert response.status_code == 201
    assert Comment.objects.get().submitted_at == CLOSES
