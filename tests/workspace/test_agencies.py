"""Agencies in the workspace: administrators create them, organisers edit their own, others see a 404."""

from __future__ import annotations

import pytest

from clock import bkk
from rapfang.accounts.models import Agency, AgencyContact
from rapfang.accounts.services import agency_contacts_replace, agency_save
from rapfang.core.errors import PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.hearings.services import event_save

pytestmark = pytest.mark.django_db

NEW_AGENCY = {
    "slug": "dsi", "name_th": "กรมสอบสวนคดีพิเศษ", "name_en": "Department of Special Investigation",
    "abbr_th": "ดีเอสไอ", "abbr_en": "DSI", "phone": "1202", "fax": "", "email": "saraban@dsi.example.go.th",
    "website": "www.dsi.example.go.th",
}  # fmt: skip


def test_an_administrator_creates_an_agency_and_is_asked_to_invite_its_organiser(client, administrator):
    client.force_login(administrator)
    response = client.post("/staff/agencies/new/", {**NEW_AGENCY, "slug": "DSI"}, follow=True)
    agency = Agency.objects.get(slug="dsi")  # typed as "DSI": addresses are in small letters
    assert response.redirect_chain[-1][0] == "/staff/agencies/dsi/"
    assert agency.website == "https://www.dsi.example.go.th" and agency.abbr_en == "DSI"
    assert "เชิญผู้จัดการรับฟังความคิดเห็นคนแรก" in response.content.decode()
    assert AuditEntry.objects.filter(action="accounts.agency.create", agency_id=agency.pk, actor=administrator).exists()


@pytest.mark.parametrize(
    ("prefix", "slug", "message"),
    [
        ("", "กรมสอบสวน", "ชื่อย่อในที่อยู่ใช้ได้เฉพาะอักษรภาษาอังกฤษ"),
        ("", "dol", "ชื่อย่อนี้มีหน่วยงานอื่นใช้แล้ว"),
        ("", "DOL", "ชื่อย่อนี้มีหน่วยงานอื่นใช้แล้ว"),  # the same address, in capitals
        ("/en", "dol", "Another agency already uses this short name."),
        ("/en", "a b", "Use only Latin letters"),
    ],
)
def test_a_refused_agency_is_not_created_and_keeps_what_was_typed(client, administrator, agency, prefix, slug, message):
    client.force_login(administrator)
    response = client.post(f"{prefix}/staff/agencies/new/", {**NEW_AGENCY, "slug": slug, "website": "not a site"})
    page = response.content.decode()
    assert response.status_code == 422 and message in page
    assert 'id="form-errors"' in page and 'aria-describedby="id_slug-errors' in page
    assert 'value="กรมสอบสวนคดีพิเศษ"' in page
    assert ("เว็บไซต์ให้ถูกต้อง" if not prefix else "Enter a valid web address") in page
    assert Agency.objects.count() == 1


def test_only_administrators_create_agencies(client, organiser):
    client.force_login(organiser)
    assert client.get("/staff/agencies/new/").status_code == 404
    assert client.post("/staff/agencies/new/", NEW_AGENCY).status_code == 404
    assert "เพิ่มหน่วยงาน" not in client.get("/staff/agencies/").content.decode()
    assert not Agency.objects.filter(slug="dsi").exists()


def test_an_organiser_edits_the_agencys_details(client, organiser, agency):
    client.force_login(organiser)
    data = {**NEW_AGENCY, "name_th": "กรมที่ดิน", "name_en": "Department of Lands", "phone": "02 141 5555 ต่อ 1"}
    del data["slug"]
    response = client.post("/staff/agencies/dol/details/", data)
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.phone == "02 141 5555 ต่อ 1" and agency.slug == "dol"
    assert AuditEntry.objects.filter(action="accounts.agency.update", actor=organiser, agency_id=agency.pk).exists()


def test_an_organiser_cannot_name_a_successor_or_edit_another_agency(organiser, agency, other_agency):
    with pytest.raises(PermissionDenied):
        agency_save(actor=organiser, slug="dol", successor=other_agency)
    with pytest.raises(PermissionDenied):
        agency_save(actor=organiser, slug="doh", phone="1586")
    with pytest.raises(PermissionDenied):
        agency_save(actor=organiser, slug="brand-new", name_th="หน่วยงานใหม่")


def test_contact_persons_are_edited_and_kept_ones_stay_named_by_events(client, organiser, agency, consultation):
    first, second = agency_contacts_replace(
        actor=organiser, agency=agency,
        contacts=[{"name_th": "นางสาวกานดา มีสุข", "phone": "02 141 5501"}, {"name_th": "นายประเสริฐ ดีงาม"}],
    )  # fmt: skip
    event = event_save(actor=organiser, consultation=consultation, kind="hearing", title_th="ประชุมรับฟังความคิดเห็น",
                       starts_at=bkk(2027, 3, 1, 9, 0), ends_at=bkk(2027, 3, 1, 12, 0))  # fmt: skip
    event.contacts.set([first, second])
    client.force_login(organiser)
    form = client.get("/staff/agencies/dol/contacts/")
    assert form.status_code == 200 and 'value="นางสาวกานดา มีสุข"' in form.content.decode()
    data = {
        "contacts-TOTAL_FORMS": 4, "contacts-INITIAL_FORMS": 2, "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 1000,
        "contacts-0-id": first.pk, "contacts-0-name_th": "นางสาวกานดา มีสุข", "contacts-0-phone": "02 141 5599",
        "contacts-1-id": second.pk, "contacts-1-name_th": "นายประเสริฐ ดีงาม", "contacts-1-DELETE": "on",
        "contacts-2-name_th": "นายสมศักดิ์ ใจกว้าง", "contacts-2-position_th": "นักวิชาการที่ดิน",
        "contacts-3-name_th": "",
    }  # fmt: skip
    assert client.post("/staff/agencies/dol/contacts/", data).status_code == 302
    contacts = list(agency.contacts.all())
    assert [(c.name_th, c.phone) for c in contacts] == [("นางสาวกานดา มีสุข", "02 141 5599"), ("นายสมศักดิ์ ใจกว้าง", "")]
    assert contacts[0].pk == first.pk and list(event.contacts.all()) == [contacts[0]]


def test_a_contact_without_a_thai_name_is_refused_and_nothing_changes(client, organiser, agency):
    client.force_login(organiser)
    data = {
        "contacts-TOTAL_FORMS": 2, "contacts-INITIAL_FORMS": 0, "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 1000, "contacts-0-name_th": "นายหนึ่ง", "contacts-1-email": "two@example.go.th",
        "contacts-1-phone": "02 000 0000",
    }  # fmt: skip
    response = client.post("/staff/agencies/dol/contacts/", data)
    page = response.content.decode()
    assert response.status_code == 422 and "กรุณากรอกชื่อผู้ประสานงานเป็นภาษาไทย" in page
    assert 'value="two@example.go.th"' in page and 'id="form-errors"' in page
    assert not AgencyContact.objects.exists()


def test_a_moderator_reads_the_agency_page_but_changes_nothing(client, moderator, organiser, agency):
    client.force_login(moderator)
    page = client.get("/staff/agencies/dol/")
    text = page.content.decode()
    assert page.status_code == 200 and "somchai" in text and "malee" in text
    assert "แก้ไขรายละเอียด" not in text and "เชิญเจ้าหน้าที่" not in text and "เปลี่ยนบทบาท" not in text
    for url in ("/staff/agencies/dol/details/", "/staff/agencies/dol/contacts/", "/staff/agencies/dol/invite/"):
        assert client.get(url).status_code == 404
    assert client.post("/staff/agencies/dol/details/", {"name_th": "เปลี่ยน"}).status_code == 404


def test_another_agencys_organiser_gets_404_everywhere_and_sees_nothing_of_ours(
    client, outsider, organiser, moderator, agency
):
    client.force_login(outsider)
    listing = client.get("/staff/agencies/").content.decode()
    assert "กรมทางหลวง" in listing and "กรมที่ดิน" not in listing
    gets = ["/staff/agencies/dol/", "/staff/agencies/dol/details/", "/staff/agencies/dol/contacts/",
            "/staff/agencies/dol/invite/", f"/staff/agencies/dol/team/{moderator.pk}/remove/"]  # fmt: skip
    posts = ["/staff/agencies/dol/details/", "/staff/agencies/dol/contacts/", "/staff/agencies/dol/invite/",
             f"/staff/agencies/dol/team/{moderator.pk}/role/", f"/staff/agencies/dol/team/{moderator.pk}/remove/",
             "/staff/agencies/dol/invitations/1/resend/", "/staff/agencies/dol/invitations/1/withdraw/"]  # fmt: skip
    assert [client.get(url).status_code for url in gets] == [404] * len(gets)
    assert [client.post(url, {"role": "organiser"}).status_code for url in posts] == [404] * len(posts)
    assert client.get("/staff/agencies/nowhere/").status_code == 404  # the same answer as for one that exists


@pytest.mark.parametrize("phone", ["0 2141 5555", "0 2141 5555 ต่อ 101", "๐ ๒๒๓๐ ๖๓๓๓", "โทร. 02 141 5555, 02 141 5556"])
def test_a_telephone_number_as_agencies_write_it_is_taken(client, administrator, phone):
    client.force_login(administrator)
    assert client.post("/staff/agencies/new/", {**NEW_AGENCY, "phone": phone, "fax": phone}).status_code == 302
    assert Agency.objects.get(slug="dsi").phone == phone


@pytest.mark.parametrize("phone", ["abc", "---", "call us"])
def test_a_telephone_number_without_digits_is_refused_beside_it(client, administrator, phone):
    client.force_login(administrator)
    response = client.post("/staff/agencies/new/", {**NEW_AGENCY, "phone": phone})
    assert response.status_code == 422 and "กรุณากรอกหมายเลขโทรศัพท์เป็นตัวเลข" in response.content.decode()
    assert not Agency.objects.filter(slug="dsi").exists()
