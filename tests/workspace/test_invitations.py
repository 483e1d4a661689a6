"""Invitations to an agency's team: mailed through a real SMTP server, a signed link that works once, then expires."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hearings.conftest import Inbox
from rapfang.accounts.invitations import invitation_create
from rapfang.accounts.models import Invitation, InvitationStatus, Membership
from rapfang.core.models import AuditEntry
from workspace.team_helpers import accept_new, invite, link_in

# Real commits: the invitation's mail leaves only when its transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)
User = get_user_model()


def test_an_organiser_invites_a_moderator_who_sets_a_password_and_lands_on_the_staff_home(
    client, smtp, organiser, agency
):
    client.force_login(organiser)
    response = invite(client, agency, "Wilai@Example.go.th", role="moderator")
    assert response.status_code == 302 and response["Location"].endswith("#invitations")
    [message] = smtp.to("wilai@example.go.th")
    body = Inbox.body(message)
    assert Inbox.subject(message) == "คำเชิญเข้าร่วมเป็นเจ้าหน้าที่ของกรมที่ดินในระบบรับฟัง"
    assert "กรมที่ดิน" in body and "ผู้ดูแลความคิดเห็น" in body and "somchai" in body
    invitation = Invitation.objects.get()
    year = str(timezone.localtime(invitation.expires_at).year + 543)
    assert year in body  # the expiry in the Buddhist Era
    path = link_in(message)
    client.logout()
    assert "ตั้งรหัสผ่าน" in client.get(path).content.decode()
    response = accept_new(client, path)
    assert response.status_code == 302 and response["Location"] == "/staff/"
    person = User.objects.get(email="wilai@example.go.th")
    assert person.is_staff and person.get_full_name() == "วิไล ศรีสุข" and person.check_password("a-Strong-passphrase-77")
    assert Membership.objects.filter(user=person, agency=agency, role="moderator").exists()
    home = client.get("/staff/")
    assert home.wsgi_request.user == person and "กรมที่ดิน" in home.content.decode()
    assert AuditEntry.objects.filter(action="accounts.invitation.accept", actor=person, agency_id=agency.pk).exists()


def test_the_link_works_once(client, smtp, organiser, agency):
    client.force_login(organiser)
    invite(client, agency, "once@example.go.th")
    path = link_in(smtp.messages[-1])
    client.logout()
    assert accept_new(client, path).status_code == 302
    client.logout()
    again = client.get(path)
    assert again.status_code == 410 and "ตอบรับคำเชิญนี้แล้ว" in again.content.decode()
    assert accept_new(client, path).status_code == 410
    assert User.objects.filter(email="once@example.go.th").count() == 1


@pytest.mark.parametrize(("seconds", "works"), [(-1, True), (0, True), (1, False)])
def test_the_link_expires_after_seven_days_to_the_second(client, smtp, organiser, agency, seconds, works):
    invitation = invitation_create(actor=organiser, agency=agency, email="late@example.go.th", role="organiser")
    path = link_in(smtp.messages[-1])
    with time_machine.travel(invitation.expires_at + timedelta(seconds=seconds), tick=False):
        page = client.get(path)
        response = accept_new(client, path)
    assert invitation.expires_at == invitation.issued_at + timedelta(days=7)
    if works:
        assert page.status_code == 200 and response.status_code == 302
    else:
        assert page.status_code == 410 and "คำเชิญนี้หมดอายุแล้ว" in page.content.decode()
        assert response.status_code == 410 and not User.objects.filter(email="late@example.go.th").exists()


def test_a_tampered_or_wrong_token_is_refused_in_the_users_language(client, smtp, organiser, agency):
    invitation_create(actor=organiser, agency=agency, email="tamper@example.go.th", role="organiser")
    path = link_in(smtp.messages[-1])
    token = path.split("/")[-2]
    tampered = path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    thai = client.get(tampered)
    assert thai.status_code == 400 and "ลิงก์คำเชิญนี้ไม่ถูกต้อง" in thai.content.decode()
    english = client.get("/en" + tampered)
    assert english.status_code == 400 and "This invitation link is not valid" in english.content.decode()
    assert client.get("/staff/join/not-a-token/").status_code == 400
    assert accept_new(client, tampered).status_code == 400
    assert not User.objects.filter(email="tamper@example.go.th").exists()


def test_a_new_invitation_to_the_same_address_replaces_the_old_link(client, smtp, organiser, agency):
    client.force_login(organiser)
    invite(client, agency, "twice@example.go.th", role="moderator")
    first = link_in(smtp.messages[-1])
    invite(client, agency, "twice@example.go.th", role="organiser")
    second = link_in(smtp.messages[-1])
    client.logout()
    assert client.get(first).status_code == 410
    assert "ถูกแทนที่ด้วยลิงก์ใหม่" in client.get(first).content.decode()
    assert accept_new(client, second).status_code == 302
    assert list(Membership.objects.filter(user__email="twice@example.go.th").values_list("role", flat=True)) == [
        "organiser"
    ]
    statuses = sorted(Invitation.objects.values_list("status", flat=True))
    assert statuses == [InvitationStatus.ACCEPTED, InvitationStatus.REPLACED]


def test_resending_issues_a_new_link_and_a_new_expiry(client, smtp, organiser, agency):
    client.force_login(organiser)
    invite(client, agency, "resend@example.go.th")
    invitation = Invitation.objects.get()
    old = link_in(smtp.messages[-1])
    later = timezone.now() + timedelta(days=5)
    with time_machine.travel(later, tick=False):
        response = client.post(f"/staff/agencies/dol/invitations/{invitation.pk}/resend/")
    assert response.status_code == 302
    new = link_in(smtp.messages[-1])
    assert new != old and len(smtp.to("resend@example.go.th")) == 2
    invitation.refresh_from_db()
    assert invitation.expires_at == later + timedelta(days=7) and invitation.mailed_at is not None
    client.logout()
    assert client.get(old).status_code == 410 and client.get(new).status_code == 200


def test_a_withdrawn_invitation_no_longer_works(client, smtp, organiser, agency):
    client.force_login(organiser)
    invite(client, agency, "withdrawn@example.go.th")
    invitation = Invitation.objects.get()
    path = link_in(smtp.messages[-1])
    assert client.post(f"/staff/agencies/dol/invitations/{invitation.pk}/withdraw/").status_code == 302
    client.logout()
    page = client.get(path)
    assert page.status_code == 410 and "คำเชิญนี้ถูกยกเลิกแล้ว" in page.content.decode()
    assert AuditEntry.objects.filter(action="accounts.invitation.withdraw").count() == 1


def test_the_pending_invitations_are_listed_with_what_the_mail_server_said(client, smtp, organiser, agency, settings):
    client.force_login(organiser)
    invite(client, agency, "listed@example.go.th", role="moderator")
    settings.EMAIL_PORT = 1  # nothing listens there: the mail server is away
    invite(client, agency, "unsent@example.go.th")
    page = client.get("/staff/agencies/dol/").content.decode()
    assert "listed@example.go.th" in page and "ส่งให้เซิร์ฟเวอร์อีเมลแล้ว" in page
    assert "unsent@example.go.th" in page and "เซิร์ฟเวอร์อีเมลไม่รับข้อความ" in page
    assert Invitation.objects.get(email="unsent@example.go.th").mail_error


def test_the_mail_leaves_only_when_the_invitation_is_committed(smtp, organiser, agency):
    with transaction.atomic():
        invitation_create(actor=organiser, agency=agency, email="commit@example.go.th", role="moderator")
        assert smtp.messages == []
    assert len(smtp.to("commit@example.go.th")) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        invitation_create(actor=organiser, agency=agency, email="rolled-back@example.go.th", role="moderator")
        raise RuntimeError
    assert smtp.to("rolled-back@example.go.th") == [] and not Invitation.objects.filter(
        email="rolled-back@example.go.th"
    )


def test_an_english_invitation_is_written_in_english(client, smtp, organiser, agency):
    client.force_login(organiser)
    invite(client, agency, "english@example.go.th", role="organiser", language="en")
    message = smtp.messages[-1]
    assert Inbox.subject(message) == "Invitation to join the staff of Department of Lands on rapfang"
    body = Inbox.body(message)
    assert "as organiser" in body and "/en/staff/join/" in body and str(timezone.now().year) in body


def test_an_existing_user_logs_in_and_gets_the_role_in_another_agency(client, smtp, outsider, other_agency, agency):
    """prasert organises another agency; invited to ours as moderator, he accepts with his account."""
    client.force_login(User.objects.create_superuser("root2", "root2@example.go.th", "x-long-password-1"))
    invite(client, agency, "prasert@example.go.th", role="moderator")
    path = link_in(smtp.messages[-1])
    client.logout()
    page = client.get(path).content.decode()
    assert "เข้าสู่ระบบเพื่อตอบรับ" in page and "first_name" not in page
    assert accept_new(client, path).status_code == 200  # the page again: no second account for the same address
    client.force_login(outsider)
    assert "ตอบรับคำเชิญ" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    roles = set(Membership.objects.filter(user=outsider).values_list("agency__slug", "role"))
    assert roles == {("doh", "organiser"), ("dol", "moderator")}
    assert User.objects.filter(email="prasert@example.go.th").count() == 1


def test_someone_signed_in_with_another_account_cannot_accept(client, smtp, organiser, moderator, agency):
    invitation_create(actor=organiser, agency=agency, email="new-person@example.go.th", role="organiser")
    path = link_in(smtp.messages[-1])
    client.force_login(moderator)
    assert "ออกจากระบบ" in client.get(path).content.decode()
    assert client.post(path).status_code == 200  # nothing to accept as this account
    assert not Membership.objects.filter(user=moderator, role="organiser").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_a_weak_or_mistyped_password_is_refused_in_thai_and_nothing_is_written(client, smtp, organiser, agency):
    invitation_create(actor=organiser, agency=agency, email="weak@example.go.th", role="organiser")
    path = link_in(smtp.messages[-1])
    short = accept_new(client, path, password="1234")
    page = short.content.decode()
    assert short.status_code == 422 and "รหัสผ่านนี้สั้นเกินไป" in page and "ตัวเลขทั้งหมด" in page
    assert 'id="form-errors"' in page and 'aria-describedby="id_password-errors' in page
    assert 'value="วิไล"' in page  # what was typed stays
    mistyped = accept_new(client, path, password_again="another-Strong-pass-1")
    assert mistyped.status_code == 422 and "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in mistyped.content.decode()
    missing = accept_new(client, path, first_name="")
    assert missing.status_code == 422 and "กรุณากรอกชื่อ" in missing.content.decode()
    assert not User.objects.filter(email="weak@example.go.th").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_the_invitation_form_refuses_in_the_users_language(client, smtp, organiser, moderator, agency):
    client.force_login(organiser)
    thai = invite(client, agency, "not-an-address", role="")
    page = thai.content.decode()
    assert thai.status_code == 422 and "กรอกที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ให้ถูกต้อง" in page and "เลือกบทบาท" in page
    assert 'value="not-an-address"' in page
    english = invite(client, agency, "malee@example.go.th", role="moderator", prefix="/en")
    assert english.status_code == 422 and "already in the agency&#x27;s team" in english.content.decode()
    assert not Invitation.objects.exists() and smtp.messages == []
