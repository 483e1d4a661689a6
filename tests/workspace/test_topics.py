"""A consultation's own topics in the workspace: added, edited, removed, reordered and copied from another."""

from __future__ import annotations

import pytest

from rapfang.consultations.models import Topic
from rapfang.consultations.services import consultation_create, consultation_update, topic_save
from rapfang.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


def _url(consultation, tail=""):
    return f"/staff/consultations/{consultation.slug}/topics/{tail}"


def _topic(**fields):
    return {"name_th": "", "name_en": "", "description_th": "", "description_en": "", "key": "", **fields}


def _keys(consultation):
    return list(consultation.topics.values_list("key", flat=True))


def test_a_topic_gets_a_key_made_from_its_name(client, organiser, consultation):
    client.force_login(organiser)
    client.post(_url(consultation), _topic(name_th="ค่าธรรมเนียม", name_en="Fees", description_th="อัตราที่เรียกเก็บ"))
    client.post(_url(consultation), _topic(name_th="การรังวัดที่ดิน"))
    client.post(_url(consultation), _topic(name_th="ค่าธรรมเนียมอื่น", name_en="Fees"))
    assert _keys(consultation) == ["fees", "kan-rangwat-thidin", "fees-2"]
    page = client.get(_url(consultation)).content.decode()
    assert "ค่าธรรมเนียม" in page and "อัตราที่เรียกเก็บ" in page


def test_a_thai_key_is_refused_with_a_latin_one_filled_in(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(_url(consultation), _topic(name_th="ค่าธรรมเนียม", key="ค่าธรรมเนียม"))
    page = response.content.decode()
    assert response.status_code == 422 and not Topic.objects.exists()
    assert "รหัสต้องประกอบด้วยอักษรละติน" in page and 'value="khatamniam"' in page


def test_a_key_in_use_is_refused_not_overwritten(client, organiser, consultation):
    topic_save(actor=SYSTEM, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม")
    client.force_login(organiser)
    response = client.post(_url(consultation), _topic(name_th="อื่น ๆ", key="fees"))
    assert response.status_code == 422 and 'value="fees-2"' in response.content.decode()
    assert Topic.objects.get(key="fees").name_th == "ค่าธรรมเนียม"


def test_a_topic_is_edited_and_removed_after_a_question(client, organiser, consultation):
    topic_save(actor=SYSTEM, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม")
    client.force_login(organiser)
    client.post(_url(consultation, "fees/edit/"), _topic(name_th="ค่าธรรมเนียมและค่าใช้จ่าย", name_en="Fees and costs"))
    assert Topic.objects.get(key="fees").name_en == "Fees and costs"
    assert "ต้องการลบหมวดหมู่" in client.get(_url(consultation, "fees/remove/")).content.decode()
    assert Topic.objects.exists()
    client.post(_url(consultation, "fees/remove/"))
    assert not Topic.objects.exists()


def test_topics_are_reordered_up_and_down(client, organiser, consultation):
    for order, key in enumerate(["a", "b", "c"]):
        topic_save(actor=SYSTEM, consultation=consultation, key=key, name_th=key, order=order)
    client.force_login(organiser)
    client.post(_url(consultation, "c/move/"), {"direction": "up"})
    assert _keys(consultation) == ["a", "c", "b"]
    client.post(_url(consultation, "a/move/"), {"direction": "down"})
    assert _keys(consultation) == ["c", "a", "b"]
    client.post(_url(consultation, "c/move/"), {"direction": "up"})  # already first: nothing moves
    assert _keys(consultation) == ["c", "a", "b"]


def test_topics_are_copied_from_our_consultations_and_published_ones_only(client, organiser, consultation, agency,
                                                                         other_agency):  # fmt: skip
    earlier = consultation_create(actor=SYSTEM, agency=agency, slug="earlier", title_th="ร่างครั้งก่อน")
    published = consultation_create(actor=SYSTEM, agency=other_agency, slug="published", title_th="ร่างที่เผยแพร่",
                                    is_published=True)  # fmt: skip
    hidden = consultation_create(actor=SYSTEM, agency=other_agency, slug="hidden", title_th="ร่างที่ยังไม่เผยแพร่")
    for source, key in ((earlier, "fees"), (published, "roads"), (hidden, "secret")):
        topic_save(actor=SYSTEM, consultation=source, key=key, name_th=key)
    topic_save(actor=SYSTEM, consultation=consultation, key="own", name_th="ของเดิม")
    client.force_login(organiser)
    page = client.get(_url(consultation)).content.decode()
    assert "ร่างครั้งก่อน" in page and "ร่างที่เผยแพร่" in page and "ร่างที่ยังไม่เผยแพร่" not in page
    client.post(_url(consultation, "copy/"), {"source": earlier.pk})
    client.post(_url(consultation, "copy/"), {"source": published.pk})
    assert client.post(_url(consultation, "copy/"), {"source": hidden.pk}).status_code == 422
    assert _keys(consultation) == ["own", "fees", "roads"]


def test_moderators_read_the_topics_and_change_nothing(client, moderator, consultation):
    topic_save(actor=SYSTEM, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม")
    client.force_login(moderator)
    page = client.get(_url(consultation)).content.decode()
    assert "ค่าธรรมเนียม" in page and _url(consultation, "fees/edit/") not in page
    assert client.post(_url(consultation), _topic(name_th="ใหม่")).status_code == 404
    assert client.post(_url(consultation, "fees/remove/")).status_code == 404
    assert _keys(consultation) == ["fees"]


def test_the_public_page_lists_the_topics_under_a_neutral_heading(client, consultation):
    topic_save(actor=SYSTEM, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม")
    consultation_update(actor=SYSTEM, consultation=consultation, is_published=True)
    page = client.get(f"/consultations/{consultation.slug}/").content.decode()
    assert "หมวดหมู่ของการรับฟังความคิดเห็นนี้" in page and "ค่าธรรมเนียม" in page
    assert "ขีดความสามารถ" not in page and "(ร่าง) แผน" not in page and "ร่างแผนนี้" not in page
    assert 'data-testid="draft-label">ร่างกฎกระทรวง<' in page
    english = client.get(f"/en/consultations/{consultation.slug}/").content.decode()
    assert "Topics of this consultation" in english and "apability" not in english
