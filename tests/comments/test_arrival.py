"""The close decided on the moment a comment arrived, not the moment its turn came to be written (decision 19)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from comment_helpers import CLOSES, DURING, OPENS

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
