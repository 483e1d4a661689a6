"""Another agency's organiser gets 404 on every page and action of our consultation and sees nothing of it in a list."""

from __future__ import annotations

import pytest

from rapfang.consultations.models import Consultation, Milestone, Topic
from rapfang.consultations.services import consultation_create, topic_save
from rapfang.core.actors import SYSTEM
from workspace.consultation_helpers import contacts, period

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", ""), ("get", "details/"), ("post", "details/"), ("get", "timeline/"), ("get", "timeline/comments/"),
    ("post", "timeline/comments/"), ("get", "timeline/comments/remove/"), ("post", "timeline/comments/remove/"),
    ("get", "timeline/add/?kind=analysis"), ("get", "timeline/period/?starts_at=01/12/2569&ends_at=15/12/2569"),
    ("get", "topics/"), ("post", "topics/"), ("get", "topics/fees/edit/"), ("post", "topics/fees/edit/"),
    ("get", "topics/fees/remove/"), ("post", "topics/fees/remove/"), ("post", "topics/fees/move/"),
    ("post", "topics/copy/"), ("get", "publish/"), ("post", "publish/"), ("post", "unpublish/"),
]  # fmt: skip
FORM = {"title_th": "ของหน่วยงานอื่น", "instrument": "act", "name_th": "x", "starts_at": "01/01/2570",
        "reason": "x", "direction": "up"}  # fmt: skip


@pytest.fixture
def ours(consultation):
    period(consultation)
    topic_save(actor=SYSTEM, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม")
    return consultation


@pytest.mark.parametrize(("method", "tail"), PAGES)
def test_another_agencys_organiser_gets_404_and_changes_nothing(client, outsider, ours, method, tail):
    client.force_login(outsider)
    url = f"/staff/consultations/{ours.slug}/{tail}"
    response = client.post(url, {**FORM, "source": ours.pk}) if method == "post" else client.get(url)
    assert response.status_code == 404
    assert Consultation.objects.get(pk=ours.pk).title_th == ours.title_th
    assert Milestone.objects.filter(consultation=ours).count() == 1 and Topic.objects.filter(consultation=ours).count()


@pytest.mark.parametrize(("method", "tail"), [page for page in PAGES if page[0] == "get"])
def test_administrators_see_every_page(client, administrator, ours, method, tail):
    client.force_login(administrator)
    assert client.get(f"/staff/consultations/{ours.slug}/{tail}", follow=True).status_code == 200


def test_nothing_of_ours_shows_in_another_agencys_lists(client, outsider, ours, agency, other_agency):
    contacts(agency)
    theirs = consultation_create(actor=SYSTEM, agency=other_agency, slug="roads", title_th="ร่างของกรมทางหลวง")
    client.force_login(outsider)
    for url in ("/staff/", "/staff/consultations/new/", f"/staff/consultations/{theirs.slug}/topics/",
                f"/staff/consultations/{theirs.slug}/details/"):  # fmt: skip
        page = client.get(url).content.decode()
        assert ours.title_th not in page and "กรมที่ดิน" not in page and "นางสาวมาลัย" not in page, url
    assert client.post(f"/staff/consultations/{theirs.slug}/topics/copy/", {"source": ours.pk}).status_code == 422
    assert not theirs.topics.exists()
