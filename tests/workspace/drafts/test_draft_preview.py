"""Before publishing, the agency's staff preview the draft's public reading page, marked as a preview and with
commenting off; the public and other agencies still get 404."""

from __future__ import annotations

import pytest

from rapfang.consultations.services import consultation_update
from rapfang.documents.services import document_create, version_import

from .conftest import MARKDOWN_V1, MARKDOWN_V2

pytestmark = pytest.mark.django_db

READ = "/consultations/land-fees-2027/drafts/draft/"


@pytest.fixture
def draft(organiser, consultation, fees):
    return document_create(actor=organiser, consultation=consultation, title_th="ร่างกฎกระทรวงค่าธรรมเนียม",
                           content=MARKDOWN_V1.encode(), filename="v1.md").document  # fmt: skip


def test_staff_preview_the_unpublished_draft_with_commenting_off(client, organiser, moderator, consultation, draft):
    for user in (organiser, moderator):
        client.force_login(user)
        response = client.get(READ)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="preview"' in html and "ประชาชนยังไม่สามารถเข้าถึงหน้านี้ได้" in html
        assert "ข้อ ๑ กฎกระทรวงนี้เรียกว่า" in html
        assert "/comment/" not in html and "disabled" in html  # no link to the comment form, the button is off
        assert response["Cache-Control"] == "private, no-store"


def test_the_public_and_another_agency_get_404(client, outsider, draft):
    assert client.get(READ).status_code == 404
    client.force_login(outsider)
    assert client.get(READ).status_code == 404
    assert client.get(READ + "compare/?to=1").status_code == 404


def test_the_preview_speaks_english_and_compares_versions(client, organiser, consultation, draft):
    version_import(actor=organiser, document=draft, content=MARKDOWN_V2.encode(), filename="v2.md")
    client.force_login(organiser)
    english = client.get("/en" + READ + "?version=1").content.decode()
    assert "Preview: the public cannot see this page yet." in english
    compare = client.get(READ + "compare/?to=2")
    assert compare.status_code == 200 and 'data-testid="preview"' in compare.content.decode()
    assert "เก้าสิบ" in compare.content.decode()


def test_the_drafts_page_and_the_split_link_to_the_preview(client, organiser, consultation, draft):
    client.force_login(organiser)
    drafts = client.get("/staff/consultations/land-fees-2027/drafts/").content.decode()
    split = client.get("/staff/consultations/land-fees-2027/drafts/draft/versions/1/").content.decode()
    assert f'href="{READ}"' in drafts and "ดูตัวอย่างหน้าอ่านร่าง" in drafts
    assert f'href="{READ}?version=1"' in split


def test_once_published_everyone_reads_it_and_no_preview_is_marked(client, organiser, consultation, draft):
    consultation_update(actor=organiser, consultation=consultation, is_published=True)
    assert client.get(READ).status_code == 200
    client.force_login(organiser)
    assert 'data-testid="preview"' not in client.get(READ).content.decode()


def test_a_draft_without_a_version_is_not_listed_publicly_and_not_readable(client, organiser, consultation, draft):
    version = draft.versions.get()
    client.force_login(organiser)
    client.post(f"/staff/consultations/land-fees-2027/drafts/draft/versions/{version.number}/remove/")
    consultation_update(actor=organiser, consultation=consultation, is_published=True)
    client.logout()
    assert client.get(READ).status_code == 404
    assert READ not in client.get("/consultations/land-fees-2027/").content.decode()


def test_the_unpublished_consultation_page_links_the_staff_to_the_draft_preview(client, organiser, consultation, draft):
    client.force_login(organiser)
    assert f'href="{READ}"' in client.get("/consultations/land-fees-2027/").content.decode()
