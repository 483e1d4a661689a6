"""Following by e-mail: the confirmation mail on the real SMTP server (double opt-in), the confirmation and
unsubscribe pages without JavaScript, the one-click POST of RFC 8058, and the same answer for any address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from participation.helpers import ASKED, links, path_of
from rapfang.core.actors import PUBLIC
from rapfang.core.models import AuditEntry
from rapfang.participation.models import Follow
from rapfang.participation.services import follow_confirm, follow_request, follows_unconfirmed_purge

pytestmark = pytest.mark.django_db(transaction=True)


def ask(client, consultation, email="somsri@example.org", target="consultation", prefix=""):
    return client.post(f"{prefix}/consultations/{consultation.slug}/follow/", {"target": target, "email": email})


def test_following_sends_a_confirmation_and_nothing_counts_until_it_is_opened(client, hearing, smtp):
    response = ask(client, hearing)
    assert response.status_code == 302 and response["Location"].endswith("/follow/sent/")
    follow = Follow.objects.get()
    assert follow.email == "somsri@example.org" and follow.consultation == hearing and not follow.active
    [message] = smtp.to("somsri@example.org")
    assert smtp.subject(message).startswith("โปรดยืนยัน")
    body = smtp.body(message)
    assert "ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ" in body
    confirm = next(link for link in links(body) if "/confirm/" in link)
    page = client.get(path_of(confirm))
    assert page.status_code == 200 and not Follow.objects.get().active  # opening the link shows a button only
    assert page["Cache-Control"].startswith("max-age=0") and page["Referrer-Policy"] == "strict-origin"
    done = client.post(path_of(confirm))
    assert done.status_code == 200 and 'data-testid="follow-confirmed"' in done.content.decode()
    assert Follow.objects.get().active
    assert AuditEntry.objects.filter(action="participation.follow.confirm").count() == 1


def test_following_an_agency_in_english(client, hearing, smtp):
    ask(client, hearing, email="Jane@Example.org", target="agency", prefix="/en")
    follow = Follow.objects.get()
    assert follow.agency == hearing.agency and follow.consultation is None and follow.language == "en"
    [message] = smtp.to("jane@example.org")
    assert smtp.subject(message) == "Please confirm that you wish to follow: Digital Government Development Agency"
    assert "/en/follows/" in smtp.body(message)


@pytest.mark.parametrize(
    ("email", "message"),
    [("", "กรุณาระบุที่อยู่อีเมล"), ("not-an-address", "ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ไม่ถูกต้อง")],
)
def test_a_refused_follow_says_why_beside_the_field(client, hearing, smtp, email, message):
    response = ask(client, hearing, email=email)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Follow.objects.exists() and not smtp.messages


def test_the_answer_is_the_same_for_an_address_already_following(client, hearing, smtp):
    first, second = ask(client, hearing), ask(client, hearing)
    assert first["Location"] == second["Location"]
    assert Follow.objects.count() == 1


def test_the_unsubscribe_link_asks_on_get_and_ends_on_a_one_click_post(client, hearing, smtp):
    ask(client, hearing)
    follow = Follow.objects.get()
    client.post(f"/follows/{follow.token}/confirm/")
    [message] = smtp.to("somsri@example.org")
    unsubscribe = next(link for link in links(smtp.body(message)) if "/unsubscribe/" in link)
    assert client.get(path_of(unsubscribe)).status_code == 200
    assert Follow.objects.get().active
    # A mail client's one click (RFC 8058): a POST with no form token and no cookie.
    one_click = Client(enforce_csrf_checks=True).post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert not Follow.objects.get().active
    assert 'data-testid="unsubscribed"' in client.get(path_of(unsubscribe)).content.decode()


def test_following_again_after_unsubscribing_starts_over(client, hearing, smtp):
    ask(client, hearing)
    follow = Follow.objects.get()
    client.post(f"/follows/{follow.token}/confirm/")
    client.post(f"/follows/{follow.token}/unsubscribe/")
    assert Follow.objects.get().email == ""  # the address is kept no longer than it is needed
    ask(client, hearing)
    again = Follow.objects.get(email="somsri@example.org")
    assert again.token != follow.token and not again.active
    assert "การติดตามนี้สิ้นสุดแล้ว" in client.get(f"/follows/{follow.token}/confirm/").content.decode()
    assert client.post(f"/follows/{follow.token}/confirm/").status_code == 404  # an ended follow is not revived


def test_the_consultation_page_links_to_following_and_its_feeds_without_a_form_token(client, hearing):
    page = client.get(f"/consultations/{hearing.slug}/").content.decode()
    assert f"/consultations/{hearing.slug}/follow/" in page and "csrfmiddlewaretoken" not in page
    assert f"/consultations/{hearing.slug}/news.atom" in page and f"/consultations/{hearing.slug}/calendar.ics" in page
    assert "/my-participation/" in page


def test_an_administrator_ends_a_follow_at_the_persons_request(admin_client, hearing, smtp):
    ask(client=admin_client, consultation=hearing)
    follow = Follow.objects.get()
    found = admin_client.get("/admin/participation/follow/", {"q": "somsri@example.org"})
    assert found.status_code == 200 and f"/admin/participation/follow/{follow.pk}/" in found.content.decode()
    admin_client.post("/admin/participation/follow/", {"action": "end", "_selected_action": [follow.pk]})
    follow.refresh_from_db()
    assert follow.unsubscribed_at is not None and follow.email == ""


def test_a_follow_never_confirmed_is_deleted_after_seven_days(hearing, smtp):
    waiting = follow_request(actor=PUBLIC, email="unsure@example.org", consultation=hearing, now=ASKED)
    follow_request(actor=PUBLIC, email="sure@example.org", consultation=hearing, now=ASKED)
    follow_confirm(actor=PUBLIC, token=Follow.objects.get(email="sure@example.org").token, now=ASKED)
    assert follows_unconfirmed_purge(now=ASKED + timedelta(days=7)) == 0
    assert follows_unconfirmed_purge(now=ASKED + timedelta(days=7, seconds=1)) == 1
    assert not Follow.objects.filter(pk=waiting.pk).exists()
    assert Follow.objects.get().email == "sure@example.org"
