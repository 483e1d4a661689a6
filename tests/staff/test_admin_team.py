"""The admin, for what remains there: roles given through the one service, choices narrowed, refusals said once."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from clock import bkk
from rapfang.accounts.models import Membership, Role, User
from rapfang.accounts.services import agency_save, membership_grant
from rapfang.consultations.models import Consultation
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Document
from rapfang.hearings.services import event_save

pytestmark = pytest.mark.django_db
PASSWORD = "x-long-password-1"


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", "root@example.go.th", PASSWORD)


@pytest.fixture
def organiser(demo) -> User:
    user = User.objects.create_user(username="org", password=PASSWORD)
    membership_grant(actor=SYSTEM, user=user, agency=demo.agency, role=Role.ORGANISER)
    return user


@pytest.fixture
def hidden(db) -> Consultation:
    """Another agency's unpublished consultation: its title must never show to our organiser."""
    other = agency_save(actor=SYSTEM, slug="other", name_th="หน่วยงานอื่น")
    return consultation_create(actor=SYSTEM, agency=other, slug="secret", title_th="ร่างลับของหน่วยงานอื่น")


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_person_given_a_role_in_the_admin_can_log_in(client, root, demo):
    person = User.objects.create_user(username="newcomer", password=PASSWORD)  # as the admin's "add user" makes one
    assert not person.is_staff
    client.force_login(root)
    data = {"user": person.pk, "agency": demo.agency.pk, "role": "moderator"}
    response = client.post("/admin/accounts/membership/add/", data, follow=True)
    assert response.status_code == 200
    assert any("เรียบร้อยแล้ว" in message for message in said(response))  # the admin's own message, in Thai
    person.refresh_from_db()
    assert person.is_staff
    assert AuditEntry.objects.filter(action="accounts.membership.grant", actor=root).count() == 1
    browser = Client()
    staff_login = browser.post("/accounts/login/", {"username": "newcomer", "password": PASSWORD})
    assert staff_login.status_code == 302 and staff_login["Location"] == "/staff/"
    admin_login = Client().post("/admin/login/", {"username": "newcomer", "password": PASSWORD, "next": "/admin/"})
    assert admin_login.status_code == 302


def test_removing_a_role_in_the_admin_goes_through_the_service(client, root, organiser, demo):
    membership = Membership.objects.get(user=organiser)
    client.force_login(root)
    actions = client.get("/admin/accounts/membership/").content.decode()
    assert "delete_selected" not in actions  # one at a time, through the service
    response = client.post(f"/admin/accounts/membership/{membership.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.status_code == 200 and not Membership.objects.filter(user=organiser).exists()
    assert AuditEntry.objects.filter(action="accounts.membership.revoke", actor=root).exists()
    organiser.refresh_from_db()
    assert not organiser.is_staff


def test_the_add_forms_offer_only_the_users_agencies(client, organiser, demo, hidden):
    client.force_login(organiser)
    for url in ("/admin/hearings/event/add/", "/admin/documents/attachment/add/", "/admin/documents/document/add/",
                "/admin/comments/commentpolicy/add/", "/admin/consultations/consultation/add/"):  # fmt: skip
        page = client.get(url).content.decode()
        assert "ร่างลับของหน่วยงานอื่น" not in page and "หน่วยงานอื่น" not in page, url
    event_page = client.get("/admin/hearings/event/add/").content.decode()
    assert demo.title_th in event_page


def test_choosing_another_agencys_consultation_is_refused_on_the_form(client, organiser, demo, hidden):
    client.force_login(organiser)
    response = client.post(
        "/admin/documents/document/add/",
        {"consultation": hidden.pk, "slug": "stolen", "title_th": "ร่าง", "title_en": "", "order": 0},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "เลือกตัวเลือกที่ถูกต้อง" in page
    assert not said(response) and not Document.objects.filter(slug="stolen").exists()


def test_a_service_refusal_is_one_clear_error_and_nothing_is_written(client, organiser, demo):
    """A PDF as a draft: the import service refuses; the document saved before it is rolled back too."""
    client.force_login(organiser)
    pdf = ("draft.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf")

    data = {"consultation": demo.pk, "slug": "second-draft", "title_th": "ร่างที่สอง", "title_en": "", "order": 1,
            "new_version": SimpleUploadedFile(*pdf), "versions-TOTAL_FORMS": 0, "versions-INITIAL_FORMS": 0,
            "versions-MIN_NUM_FORMS": 0, "versions-MAX_NUM_FORMS": 1000}  # fmt: skip
    response = client.post("/admin/documents/document/add/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "นำเข้าร่างได้เฉพาะไฟล์ DOCX, Markdown และข้อความธรรมดาเท่านั้น" in page
    assert 'value="ร่างที่สอง"' in page  # what was typed stays
    assert not said(response)  # no "added successfully" beside the refusal
    assert not Document.objects.filter(slug="second-draft").exists()
    assert not AuditEntry.objects.filter(action="documents.document.create", object_repr__contains="ร่างที่สอง")


def test_a_refused_delete_says_why_and_deletes_nothing(client, root, demo):
    client.force_login(root)
    url = f"/admin/consultations/consultation/{demo.pk}/delete/"
    response = client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200 and Consultation.objects.filter(pk=demo.pk).exists()
    assert any("ไม่สามารถลบการรับฟังความคิดเห็นที่เผยแพร่แล้ว" in message for message in said(response))
    assert not any("เรียบร้อยแล้ว" in message for message in said(response))


def test_deletes_in_the_admin_go_through_services(client, root, demo):
    mistake = consultation_create(actor=SYSTEM, agency=demo.agency, slug="by-mistake", title_th="สร้างผิด")
    event = event_save(actor=SYSTEM, consultation=mistake, kind="hearing", title_th="ประชุม",
                       starts_at=bkk(2027, 3, 1, 9, 0), ends_at=bkk(2027, 3, 1, 12, 0))  # fmt: skip
    client.force_login(root)
    assert client.post(f"/admin/hearings/event/{event.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.post(f"/admin/consultations/consultation/{mistake.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Consultation.objects.filter(slug="by-mistake").exists()
    actions = set(AuditEntry.objects.filter(actor=root).values_list("action", flat=True))
    assert {"hearings.event.delete", "consultations.consultation.delete"} <= actions


def test_policies_and_keys_cannot_be_deleted_in_the_admin(client, root, demo):
    from rapfang.comments.models import CommentPolicy
    from rapfang.comments.services import comment_policy_set

    policy = comment_policy_set(actor=SYSTEM, consultation=demo, moderation="post")
    client.force_login(root)
    assert client.post(f"/admin/comments/commentpolicy/{policy.pk}/delete/", {"post": "yes"}).status_code == 403
    assert CommentPolicy.objects.filter(pk=policy.pk).exists()


def test_the_admin_speaks_english_at_en(client, root, demo):
    person = User.objects.create_user(username="english", password=PASSWORD)
    client.force_login(root)
    data = {"user": person.pk, "agency": demo.agency.pk, "role": "organiser"}
    response = client.post("/en/admin/accounts/membership/add/", data, follow=True)
    assert any("was added successfully" in message for message in said(response))
