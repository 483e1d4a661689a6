"""The staff pages (Django admin in Thai) call the services, so every save is audited and scoped by role."""

import pytest

from rapfang.accounts.models import Agency, Role, User
from rapfang.accounts.services import agency_save, membership_grant
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.core.forms_thai import ThaiDateTimeInput
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(demo) -> User:
    user = User.objects.create_user(username="org", password="x-long-password-1", is_staff=True)
    membership_grant(actor=SYSTEM, user=user, agency=demo.agency, role=Role.ORGANISER)
    return user


def test_admin_is_in_thai(client, demo):
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "ระบบงานเจ้าหน้าที่ รับฟัง" in page and "การรับฟังความคิดเห็น" in page


def test_an_organiser_sees_only_the_consultations_of_their_agency(client, demo, organiser):
    other = agency_save(actor=SYSTEM, slug="other", name_th="หน่วยงานอื่น")
    Consultation.objects.create(agency=other, slug="elsewhere", title_th="ร่างของหน่วยงานอื่น")
    client.force_login(organiser)
    listing = client.get("/admin/consultations/consultation/").content.decode()
    assert demo.title_th in listing and "ร่างของหน่วยงานอื่น" not in listing
    assert client.get("/admin/accounts/agency/").status_code == 403


def _admin_form(client, demo, url):
    """The change form as the admin page fills it, every milestone and topic row included."""
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"title_en": "Renamed in the admin"})
    milestones = list(demo.milestones.all())
    data.update({
        "milestones-TOTAL_FORMS": len(milestones), "milestones-INITIAL_FORMS": len(milestones),
        "milestones-MIN_NUM_FORMS": 0, "milestones-MAX_NUM_FORMS": 1000,
    })  # fmt: skip
    for index, milestone in enumerate(milestones):
        prefix = f"milestones-{index}-"
        data.update({
            prefix + "id": milestone.pk, prefix + "consultation": demo.pk, prefix + "kind": milestone.kind,
            prefix + "note_th": milestone.note_th,
            prefix + "note_en": milestone.note_en,
        })  # fmt: skip
        for field in ("starts_at", "ends_at"):
            value = getattr(milestone, field)
            data[prefix + field] = ThaiDateTimeInput().format_value(value) if value else ""
        for flag in ("all_day", "month_precision"):
            if getattr(milestone, flag):
                data[prefix + flag] = "on"
    topics = list(demo.topics.all())
    data.update({
        "topics-TOTAL_FORMS": len(topics), "topics-INITIAL_FORMS": len(topics),
        "topics-MIN_NUM_FORMS": 0, "topics-MAX_NUM_FORMS": 1000,
    })  # fmt: skip
    for index, topic in enumerate(topics):
        for name in (
            "id",
            "order",
            "key",
            "name_th",
            "name_en",
            "description_th",
            "description_en",
            "keywords",
            "note",
        ):
            data[f"topics-{index}-{name}"] = getattr(topic, name if name != "id" else "pk")
        data[f"topics-{index}-consultation"] = demo.pk
    return data, milestones, topics


def test_saving_a_consultation_in_the_admin_goes_through_the_service(client, demo, organiser):
    client.force_login(organiser)
    url = f"/admin/consultations/consultation/{demo.pk}/change/"
    data, milestones, topics = _admin_form(client, demo, url)
    assert "6 วัน ซึ่งสั้นกว่าระยะเวลาขั้นต่ำตามกฎหมาย 15 วัน" in client.get(url).content.decode()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    demo.refresh_from_db()
    assert demo.title_en == "Renamed in the admin"
    entry = AuditEntry.objects.filter(action="consultations.consultation.update").latest("at")
    assert entry.actor == organiser and "title_en" in entry.data["fields"]
    assert demo.milestones.count() == len(milestones)
    assert demo.topics.count() == len(topics)


def test_a_moderator_cannot_open_the_consultation_admin(client, demo):
    moderator = User.objects.create_user(username="mod", password="x-long-password-1", is_staff=True)
    membership_grant(actor=SYSTEM, user=moderator, agency=demo.agency, role=Role.MODERATOR)
    client.force_login(moderator)
    assert client.get("/admin/consultations/consultation/").status_code == 403


def test_only_administrators_manage_agencies(client, demo):
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/admin/accounts/agency/add/",
        {
            "slug": "opdc", "name_th": "สำนักงาน ก.พ.ร.", "name_en": "", "abbr_th": "", "abbr_en": "",
            "phone": "", "fax": "", "email": "", "website": "", "successor": "",
            "contacts-TOTAL_FORMS": 1, "contacts-INITIAL_FORMS": 0, "contacts-MIN_NUM_FORMS": 0,
            "contacts-MAX_NUM_FORMS": 1000, "contacts-0-name_th": "นายสมชาย ใจดี", "contacts-0-phone": "0 2356 9999",
            "contacts-0-order": 0,
        },
    )  # fmt: skip
    assert response.status_code == 302
    agency = Agency.objects.get(slug="opdc")
    assert [c.name_th for c in agency.contacts.all()] == ["นายสมชาย ใจดี"]
    assert AuditEntry.objects.filter(action="accounts.agency.create", object_id=str(agency.pk)).exists()


def test_a_comment_period_reopened_after_the_results_in_the_admin_is_refused_with_a_message(client, demo, organiser):
    from datetime import timedelta

    from django.utils import timezone

    from rapfang.consultations.services import milestone_set
    from rapfang.core.actors import SYSTEM

    now = timezone.now()
    milestone_set(actor=SYSTEM, consultation=demo, kind="results", starts_at=now - timedelta(days=1), ends_at=None)
    closes = demo.milestones.get(kind="comments").ends_at
    client.force_login(organiser)
    url = f"/admin/consultations/consultation/{demo.pk}/change/"
    data, milestones, _topics = _admin_form(client, demo, url)
    index = [milestone.kind for milestone in milestones].index("comments")
    data[f"milestones-{index}-ends_at"] = ThaiDateTimeInput().format_value(now + timedelta(days=10))
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and "ผลการรับฟังความคิดเห็น" in response.content.decode()
    assert demo.milestones.get(kind="comments").ends_at == closes
