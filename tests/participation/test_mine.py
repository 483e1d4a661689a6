"""My participation: the link by e-mail (the same answer for any address), valid 24 hours to the second; the page
with comments, receipts, endorsements and registrations, never cached, no referrer; withdrawing a comment while the
period is open, to the second."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from hearings.conftest import DURING as REGISTRATION_OPEN
from hearings.conftest import make_event, person  # noqa: F401 (a fixture)
from participation.helpers import CLOSES, OPENS, SECOND, links, path_of
from rapfang.comments.endorsements import endorsement_add
from rapfang.comments.models import CommentStatus
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.hearings.services import registration_create
from rapfang.questionnaires.editing import question_add
from rapfang.questionnaires.services import answer_submit

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "somsri@example.org"
ASKED = OPENS + timedelta(days=2)


def comment(consultation, email=EMAIL, text="ควรเปิดเผยข้อมูลงบประมาณเป็นรายไตรมาส"):
    data = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "email": email, "consent": True}
    return comment_submit(actor=PUBLIC, consultation=consultation, data=data, now=OPENS + timedelta(days=1))


def mine_link(client, smtp, email=EMAIL, prefix=""):
    response = client.post(f"{prefix}/my-participation/", {"email": email})
    assert response.status_code == 302 and response["Location"].endswith("/my-participation/sent/")
    body = smtp.body(smtp.to(email.lower())[-1])
    return path_of(next(link for link in links(body) if "/my-participation/" in link))


def test_the_answer_and_the_mail_are_the_same_for_any_address(client, hearing, smtp):
    comment(hearing)
    with time_machine.travel(ASKED, tick=False):
        known = client.post("/my-participation/", {"email": EMAIL})
        unknown = client.post("/my-participation/", {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"]
    assert smtp.subject(smtp.to(EMAIL)[-1]) == smtp.subject(smtp.to("nobody@example.org")[-1])
    refused = client.post("/en/my-participation/", {"email": "not an address"})
    assert refused.status_code == 422 and "This e-mail address is not valid." in refused.content.decode()


def test_the_link_shows_comments_with_receipts_and_is_valid_for_24_hours_to_the_second(client, hearing, smtp):
    mine = comment(hearing)
    other = comment(hearing, email="other@example.org", text="ข้อความของผู้อื่น")
    with time_machine.travel(ASKED, tick=False):
        path = mine_link(client, smtp, email="SomSri@Example.org")
    with time_machine.travel(ASKED + timedelta(hours=24), tick=False):
        page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert mine.receipt in html and other.receipt not in html
    assert page["Referrer-Policy"] == "strict-origin" and "no-store" in page["Cache-Control"]
    with time_machine.travel(ASKED + timedelta(hours=24) + SECOND, tick=False):
        expired = client.get(path)
    assert expired.status_code == 410 and 'data-testid="mine-expired"' in expired.content.decode()
    assert mine.receipt not in expired.content.decode()
    assert client.get(path[:-3] + "xyz/").status_code == 410  # an altered link shows nothing


@pytest.mark.parametrize(("at", "allowed"), [(CLOSES, True), (CLOSES + SECOND, False)])
def test_a_comment_is_withdrawn_from_the_page_while_the_period_is_open_to_the_second(
    client, hearing, smtp, at, allowed
):
    mine = comment(hearing)
    with time_machine.travel(at - timedelta(hours=2), tick=False):
        path = mine_link(client, smtp)
    with time_machine.travel(at - timedelta(hours=1), tick=False):
        assert f"/comments/{mine.pk}/withdraw/" in client.get(path).content.decode()
    with time_machine.travel(at, tick=False):
        response = client.post(f"{path}comments/{mine.pk}/withdraw/")
    mine.refresh_from_db()
    if allowed:
        assert response.status_code == 302 and mine.status == CommentStatus.WITHDRAWN
        with time_machine.travel(at, tick=False):
            page = client.get(response["Location"]).content.decode()
        assert 'data-testid="withdrawn"' in page and f"/comments/{mine.pk}/withdraw/" not in page
        assert client.get(f"/consultations/{hearing.slug}/comments/").content.decode().count(mine.text) == 0
    else:
        assert response.status_code == 409 and mine.status == CommentStatus.PUBLISHED
        assert "สิ้นสุดระยะเวลารับฟังความคิดเห็นแล้ว" in response.content.decode()


def test_no_one_withdraws_a_comment_of_another_address(client, hearing, smtp):
    theirs = comment(hearing, email="other@example.org")
    with time_machine.travel(ASKED, tick=False):
        path = mine_link(client, smtp)
        assert client.post(f"{path}comments/{theirs.pk}/withdraw/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == CommentStatus.PUBLISHED


def test_endorsements_and_registrations_are_listed_with_the_registration_page(client, make_event, smtp):  # noqa: F811
    event = make_event(capacity=10)
    registration = registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=REGISTRATION_OPEN)
    path = mine_link(client, smtp, email="person1@example.go.th", prefix="/en")
    page = client.get(path)
    html = page.content.decode()
    assert registration.reference in html and "/en/registrations/" in html
    assert 'data-testid="section-endorsements"' in html and "None under this e-mail address." in html


def test_an_endorsement_is_listed(client, hearing, smtp):
    endorsed = comment(hearing, email="")
    data = {"anonymous": True, "stakeholder_type": "citizen", "email": EMAIL, "consent": True}
    endorsement = endorsement_add(actor=PUBLIC, comment=endorsed, data=data, now=ASKED)
    with time_machine.travel(ASKED, tick=False):
        path = mine_link(client, smtp)
        html = client.get(path).content.decode()
    assert endorsement.receipt in html and 'data-testid="mine-endorsement"' in html


def test_answers_to_a_questionnaire_are_listed_with_their_receipt(client, hearing, smtp):
    question = question_add(actor=SYSTEM, consultation=hearing, data={"kind": "agree", "required": True,
                            "text_th": "ท่านเห็นด้วยกับร่างนี้หรือไม่", "text_en": "Do you agree with the draft?"})  # fmt: skip
    data = {f"q{question.pk}": "agree", "anonymous": True, "stakeholder_type": "citizen", "email": EMAIL.upper(),
            "consent": True}  # fmt: skip
    answer = answer_submit(actor=PUBLIC, consultation=hearing, data=data, now=OPENS + timedelta(days=1))
    other = answer_submit(actor=PUBLIC, consultation=hearing, data={**data, "email": "other@example.org"},
                          now=OPENS + timedelta(days=1))  # fmt: skip
    with time_machine.travel(ASKED, tick=False):
        path = mine_link(client, smtp)
        html = client.get(path).content.decode()
    assert 'data-testid="section-answers"' in html and html.count('data-testid="mine-answer"') == 1
    assert answer.receipt in html and f"/questionnaires/receipts/{answer.receipt}/" in html
    assert other.receipt not in html
