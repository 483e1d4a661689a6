"""A new consultation from nothing: its details, the kind of instrument, contact persons and a readable address."""

from __future__ import annotations

import pytest

from rapfang.accounts.models import Role
from rapfang.accounts.services import agency_save, membership_grant
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.core.audit import AuditEntry
from workspace.consultation_helpers import contacts

pytestmark = pytest.mark.django_db
NEW = "/staff/consultations/new/"
THAI_TITLE = "ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการรังวัดที่ดิน พ.ศ. ...."


def _form(**fields: object) -> dict[str, object]:
    return {"title_th": THAI_TITLE, "instrument": "ministerial_regulation", "slug": "", **fields}


def test_an_organiser_makes_a_consultation_with_an_address_made_from_the_english_title(client, organiser, agency):
    people = contacts(agency)
    client.force_login(organiser)
    english = "Draft Ministerial Regulation on Survey Fees B.E. ...."
    response = client.post(NEW, _form(agency=agency.pk, title_en=english, summary_th="ปรับอัตราค่าธรรมเนียม",
                                      contacts=[people[0].pk], thai_digits="on"))  # fmt: skip
    made = Consultation.objects.get(title_th=THAI_TITLE)
    assert response.status_code == 302 and response["Location"] == f"/staff/consultations/{made.slug}/"
    assert made.slug == "draft-ministerial-regulation-on-survey-fees"
    assert (made.agency, made.instrument, made.is_published, made.thai_digits) == (agency, "ministerial_regulation",
                                                                                     False, True)  # fmt: skip
    assert list(made.contacts.all()) == [people[0]]
    assert AuditEntry.objects.filter(action="consultations.consultation.create", object_id=str(made.pk)).exists()


def test_a_thai_title_alone_gets_a_working_address_in_latin_letters(client, organiser, agency):
    client.force_login(organiser)
    client.post(NEW, _form(agency=agency.pk))
    made = Consultation.objects.get(title_th=THAI_TITLE)
    assert made.slug.startswith("rang-")
    assert made.slug.isascii() and " " not in made.slug
    assert client.get(f"/staff/consultations/{made.slug}/").status_code == 200


def test_a_made_address_already_in_use_gets_a_number(client, organiser, agency):
    client.force_login(organiser)
    for _ in range(3):
        client.post(NEW, _form(agency=agency.pk, title_en="Land Fees"))
    assert sorted(Consultation.objects.values_list("slug", flat=True)) == ["land-fees", "land-fees-2", "land-fees-3"]


def test_a_thai_address_is_refused_in_thai_with_one_filled_in_and_nothing_saved(client, organiser, agency):
    client.force_login(organiser)
    response = client.post(NEW, _form(agency=agency.pk, slug="ค่าธรรมเนียม-2570", summary_th="สาระที่พิมพ์ไว้"))
    page = response.content.decode()
    assert response.status_code == 422
    assert not Consultation.objects.exists()
    assert "ที่อยู่เว็บต้องประกอบด้วยอักษรละตินตัวพิมพ์เล็ก" in page
    assert "Enter a valid" not in page and "letters, numbers, underscores" not in page
    assert 'value="khatamniam-2570"' in page  # the suggestion, filled in
    assert "สาระที่พิมพ์ไว้" in page  # everything typed is kept
    assert 'id="form-errors"' in page and "autofocus" in page
    # The suggestion, sent as it is, makes the consultation.
    assert client.post(NEW, _form(agency=agency.pk, slug="khatamniam-2570")).status_code == 302


def test_an_invalid_address_is_refused_in_english_on_the_english_page(client, organiser, agency):
    client.force_login(organiser)
    response = client.post("/en" + NEW, _form(agency=agency.pk, slug="Land Fees 2027"))
    page = response.content.decode()
    assert response.status_code == 422
    assert "An address may hold only lower-case Latin letters" in page and 'value="land-fees-2027"' in page


def test_an_address_in_use_is_refused_with_a_free_one_filled_in(client, organiser, agency, consultation):
    client.force_login(organiser)
    response = client.post(NEW, _form(agency=agency.pk, slug=consultation.slug))
    assert response.status_code == 422
    assert f'value="{consultation.slug}-2"' in response.content.decode()
    assert Consultation.objects.count() == 1


def test_the_kind_of_instrument_is_a_required_choice(client, organiser, agency):
    client.force_login(organiser)
    response = client.post(NEW, _form(agency=agency.pk, instrument=""))
    assert response.status_code == 422
    assert response.context["form"].errors["instrument"]
    assert not Consultation.objects.exists()


def test_an_organiser_of_several_agencies_chooses_among_their_own_only(client, organiser, agency, other_agency):
    third = agency_save(actor=SYSTEM, slug="dpt", name_th="กรมโยธาธิการและผังเมือง")
    membership_grant(actor=SYSTEM, user=organiser, agency=third, role=Role.ORGANISER)
    client.force_login(organiser)
    page = client.get(NEW).content.decode()
    assert "กรมโยธาธิการและผังเมือง" in page and "กรมที่ดิน" in page
    assert "กรมทางหลวง" not in page
    response = client.post(NEW, _form(agency=other_agency.pk))
    assert response.status_code == 422 and not Consultation.objects.exists()


def test_contact_persons_of_another_agency_are_neither_listed_nor_accepted(client, outsider, agency, other_agency):
    ours = contacts(agency)
    client.force_login(outsider)
    page = client.get(NEW).content.decode()
    assert "นางสาวมาลัย ดอกไม้" not in page and "กรมที่ดิน" not in page
    response = client.post(NEW, _form(agency=other_agency.pk, contacts=[ours[0].pk]))
    assert response.status_code == 422 and not Consultation.objects.exists()


def test_moderators_and_people_without_a_role_cannot_make_consultations(client, moderator, django_user_model):
    client.force_login(moderator)
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, _form()).status_code == 404
    client.logout()
    assert client.get(NEW).status_code == 302


@pytest.mark.parametrize(("prefix", "words"), [("", "กรุณากรอกไม่เกิน 400 ตัวอักษร"), ("/en", "at most 400 characters")])
def test_an_overlong_title_is_refused_in_the_pages_language(client, organiser, agency, prefix, words):
    client.force_login(organiser)
    response = client.post(prefix + NEW, _form(agency=agency.pk, title_th="ก" * 600))
    page = response.content.decode()
    assert response.status_code == 422 and words in page and "Ensure this value" not in page
    assert not Consultation.objects.exists()
