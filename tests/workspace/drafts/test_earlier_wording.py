"""A comment on a paragraph whose wording changed in a later version is shown as made on the earlier wording, with
that wording, on the public pages and the staff's; the number of queries does not grow with the comments."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analysis_app.test_analysis_services import run
from rapfang.consultations.services import consultation_create, topic_save
from rapfang.documents.services import document_create, version_import

from .conftest import MARKDOWN_V1, MARKDOWN_V2, comment_on, opened

pytestmark = pytest.mark.django_db

EARLIER = "กฎกระทรวงนี้ให้ใช้บังคับเมื่อพ้นกำหนดหกสิบวัน"  # ข้อ ๒ in version 1; version 2 says ninety days
REMOVED = "ค่ารังวัดเพื่อออกโฉนดที่ดิน วันละสามสิบบาท"


@pytest.fixture
def drafted(organiser, consultation, fees, open_for_comments):
    version = document_create(actor=organiser, consultation=consultation, title_th="ร่างกฎกระทรวง",
                              content=MARKDOWN_V1.encode(), filename="v1.md")  # fmt: skip
    pairs = list(version.paragraphs.values_list("anchor", "text"))
    return {words: next(a for a, text in pairs if text.startswith(words)) for words in ("ข้อ ๑", "ข้อ ๒", "ค่ารังวัด")}


def _comments(consultation, anchors, many=1):
    for number in range(many):
        comment_on(consultation, anchors["ข้อ ๒"], f"ควรขยายเวลาให้นานกว่านี้ ความเห็นที่ {number}")
        comment_on(consultation, anchors["ค่ารังวัด"], f"ค่ารังวัดควรลดลง ความเห็นที่ {number}")
        comment_on(consultation, anchors["ข้อ ๑"], f"ชื่อกฎกระทรวงเหมาะสม ความเห็นที่ {number}")


def _version_2(organiser, consultation):
    version_import(actor=organiser, document=consultation.documents.get(), content=MARKDOWN_V2.encode(),
                   filename="v2.md")  # fmt: skip


def test_the_public_comment_list_shows_each_comment_on_the_wording_it_was_made_on(
    client, organiser, consultation, drafted
):
    _comments(consultation, drafted)
    _version_2(organiser, consultation)
    html = client.get("/consultations/land-fees-2027/comments/").content.decode()
    assert html.count('data-testid="earlier"') == 1 and "ต่อถ้อยคำฉบับก่อน" in html
    assert EARLIER in html and "(ฉบับที่ 1)" in html
    assert html.count('data-testid="superseded"') == 1 and REMOVED in html
    assert html.count("ต่อย่อหน้า</a>") == 1  # ข้อ ๑ kept its wording
    english = client.get("/en/consultations/land-fees-2027/comments/").content.decode()
    assert "On an earlier wording" in english and "The wording it was made on (version 1):" in english


def test_a_comment_on_a_wording_kept_through_versions_is_on_the_current_wording(
    client, organiser, consultation, drafted
):
    _comments(consultation, drafted)
    _version_2(organiser, consultation)
    version_import(
        actor=organiser, document=consultation.documents.get(), content=MARKDOWN_V2.encode(), filename="v3.md"
    )  # fmt: skip  (version 3 = version 2: ข้อ ๒'s comment is still on version 1)
    html = client.get("/consultations/land-fees-2027/comments/").content.decode()
    assert html.count('data-testid="earlier"') == 1
    comment_on(consultation, drafted["ข้อ ๒"], "เก้าสิบวันเหมาะสมแล้ว")  # made on version 3's wording
    html = client.get("/consultations/land-fees-2027/comments/").content.decode()
    assert html.count('data-testid="earlier"') == 1


def test_the_reading_page_shows_the_earlier_wording_under_the_paragraph(client, organiser, consultation, drafted):
    _comments(consultation, drafted, many=2)
    _version_2(organiser, consultation)
    html = client.get("/consultations/land-fees-2027/drafts/draft/").content.decode()
    box = html[html.index(f'data-testid="wordings-{drafted["ข้อ ๒"]}"') :]
    assert EARLIER in box[: box.index("</details>")]
    assert "ถ้อยคำเดิมในฉบับที่ 1 ซึ่งมีผู้แสดงความคิดเห็น 2 รายการ" in box
    assert f'data-testid="wordings-{drafted["ข้อ ๑"]}"' not in html


def test_the_moderation_queue_marks_comments_on_an_earlier_wording(client, moderator, organiser, consultation, drafted):
    _comments(consultation, drafted)
    _version_2(organiser, consultation)
    client.force_login(moderator)
    html = client.get("/staff/consultations/land-fees-2027/moderation/?state=published").content.decode()
    assert html.count('data-testid="earlier"') == 1 and EARLIER in html
    assert html.count('data-testid="superseded"') == 1


def test_the_staff_analysis_pages_show_the_earlier_wording(client, organiser, consultation, drafted):
    _comments(consultation, drafted)
    _version_2(organiser, consultation)
    run(consultation)
    client.force_login(organiser)
    html = client.get("/staff/consultations/land-fees-2027/analysis/comments/").content.decode()
    assert 'data-testid="earlier"' in html and EARLIER in html
    assert 'data-testid="superseded"' in html and REMOVED in html


def _hearing(organiser, slug, many):
    """A published consultation whose comments (`many` on each of three paragraphs) predate version 2."""
    agency = organiser.memberships.get().agency
    consultation = consultation_create(actor=organiser, agency=agency, slug=slug, title_th="ร่างกฎกระทรวง")
    topic_save(actor=organiser, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม")
    opened(consultation, organiser)
    version = document_create(actor=organiser, consultation=consultation, title_th="ร่าง",
                              content=MARKDOWN_V1.encode(), filename="v1.md")  # fmt: skip
    pairs = list(version.paragraphs.values_list("anchor", "text"))
    starts = ("ข้อ ๑", "ข้อ ๒", "ค่ารังวัด")
    _comments(consultation, {words: next(a for a, text in pairs if text.startswith(words)) for words in starts}, many)
    _version_2(organiser, consultation)


@pytest.mark.parametrize("page", ["comments/", "drafts/draft/"])
def test_the_number_of_queries_does_not_grow_with_the_comments(client, organiser, page):
    _hearing(organiser, "few", 1)
    _hearing(organiser, "many", 6)
    counts = []
    for slug in ("few", "many"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/consultations/{slug}/{page}")
        assert response.status_code == 200 and "ถ้อยคำ" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
