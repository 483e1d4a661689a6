"""The drafts page from nothing: upload a draft in each format, refusals that write nothing, how it was split,
removing a version before it has comments (and not after), and who may see or do what."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rapfang.core.models import AuditEntry
from rapfang.documents.models import Document, Paragraph, Version
from rapfang.documents.versioning import DRAFT_MAX_BYTES

from .conftest import EXE, MARKDOWN_V1, PDF, comment_on, docx_bytes, upload

pytestmark = pytest.mark.django_db

DRAFTS = "/staff/consultations/land-fees-2027/drafts/"


def _upload(client, name, content, **fields):
    data = {"title_th": "ร่างกฎกระทรวงค่าธรรมเนียม", "title_en": "", "slug": "", "note_th": "", "note_en": "",
            "file": upload(name, content), **fields}  # fmt: skip
    return client.post(DRAFTS + "new/", data)


def _new_draft(client, name, content, **fields):
    """The upload, confirmed when the consultation is published (it asks first)."""
    response = _upload(client, name, content, **fields)
    if response.status_code == 302 and "/new/confirm/" in response["Location"]:
        return client.post(response["Location"])
    return response


def test_an_organiser_uploads_a_markdown_draft_and_sees_how_it_was_split(client, organiser, consultation, fees):
    client.force_login(organiser)
    response = _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    assert response.status_code == 302 and response["Location"] == DRAFTS + "draft/versions/1/"
    version = Version.objects.get(document__consultation=consultation)
    assert (version.number, version.source_format, version.sections.count(), version.paragraphs.count()) == (
        1, "markdown", 2, 4,
    )  # fmt: skip
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "นำเข้าร่างฉบับที่ 1 แล้ว" in "".join(str(m) for m in page.context["messages"])
    for paragraph in version.paragraphs.all():
        assert paragraph.anchor in html
    assert html.count("ค่าธรรมเนียม</span>") >= 2  # the topic tag on the section and on ข้อ ๒
    assert "2 ย่อหน้า" in html and 'data-testid="paragraph-count">4<' in html


def test_a_docx_draft_is_split_by_its_heading_styles(client, organiser, consultation):
    client.force_login(organiser)
    assert _new_draft(client, "ร่าง.docx", docx_bytes(), slug="ministerial-regulation").status_code == 302
    version = Version.objects.get(document__slug="ministerial-regulation")
    assert version.source_format == "docx"
    assert list(version.sections.values_list("title", "level")) == [("หมวด ๑ บททั่วไป", 1), ("หมวด ๒ ค่าธรรมเนียม", 2)]
    assert version.paragraphs.get(order=1).is_list_item


def test_a_plain_text_draft_in_utf16_from_notepad_is_read(client, organiser, consultation):
    client.force_login(organiser)
    text = "ข้อ ๑ ย่อหน้าแรก\r\n\r\nข้อ ๒ ย่อหน้าที่สอง\r\n"
    assert _new_draft(client, "draft.txt", text.encode("utf-16")).status_code == 302
    version = Version.objects.get(document__consultation=consultation)
    assert version.source_format == "text"
    assert list(version.paragraphs.values_list("text", flat=True)) == ["ข้อ ๑ ย่อหน้าแรก", "ข้อ ๒ ย่อหน้าที่สอง"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [("draft.pdf", PDF, "PDF ไม่สามารถแบ่งเป็นย่อหน้าได้"), ("draft.md", PDF, "PDF ไม่สามารถแบ่งเป็นย่อหน้าได้"),
     ("setup.exe", EXE, "กรุณาบันทึกร่างเป็นไฟล์ DOCX"), ("draft.md", EXE, "กรุณาบันทึกร่างเป็นไฟล์ DOCX")],
)  # fmt: skip
def test_a_pdf_or_a_program_is_refused_in_thai_beside_the_file_and_nothing_is_written(
    client, organiser, consultation, name, content, words
):
    client.force_login(organiser)
    entries = AuditEntry.objects.count()
    response = _new_draft(client, name, content)
    assert response.status_code == 422
    form = response.context["form"]
    assert words in " ".join(form.errors["file"])
    html = response.content.decode()
    assert 'id="form-errors"' in html and 'aria-describedby="id_file-errors' in html and "is-invalid" in html
    assert 'value="ร่างกฎกระทรวงค่าธรรมเนียม"' in html  # what was typed is kept
    assert not Document.objects.exists() and AuditEntry.objects.count() == entries


def test_the_refusal_is_in_english_on_the_english_page(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post("/en" + DRAFTS + "new/", {"title_th": "ร่าง", "file": upload("x.pdf", PDF)})
    assert response.status_code == 422
    assert "A PDF cannot be split into paragraphs" in " ".join(response.context["form"].errors["file"])


def test_a_draft_over_the_size_limit_is_refused(client, organiser, consultation):
    client.force_login(organiser)
    big = b"x" * (DRAFT_MAX_BYTES + 1)
    response = _new_draft(client, "big.txt", big)
    assert response.status_code == 422
    assert "มีขนาดเกิน 20 เมกะไบต์" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_a_topic_the_consultation_does_not_have_is_named_and_nothing_is_written(client, organiser, consultation):
    client.force_login(organiser)
    response = _new_draft(client, "draft.md", MARKDOWN_V1.encode())  # no "fees" topic yet
    assert response.status_code == 422
    assert "fees" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_an_address_already_used_or_not_a_slug_is_refused_beside_its_field(client, organiser, consultation, fees):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    taken = _new_draft(client, "draft.md", MARKDOWN_V1.encode(), slug="draft")
    thai = _new_draft(client, "draft.md", MARKDOWN_V1.encode(), slug="ร่าง")
    assert taken.status_code == thai.status_code == 422
    assert "ใช้ชื่อย่อนี้แล้ว" in " ".join(taken.context["form"].errors["slug"])
    assert "ตัวอักษรภาษาอังกฤษตัวพิมพ์เล็ก" in " ".join(thai.context["form"].errors["slug"])
    assert Document.objects.count() == 1
    assert _new_draft(client, "draft.md", MARKDOWN_V1.encode()).status_code == 302
    assert set(Document.objects.values_list("slug", flat=True)) == {"draft", "draft-2"}


def test_the_drafts_page_counts_versions_sections_paragraphs_and_comments(
    client, organiser, consultation, fees, open_for_comments
):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode(), note_th="ฉบับรับฟังความคิดเห็น")
    paragraph = Paragraph.objects.get(order=0)
    comment_on(consultation, paragraph.anchor)
    page = client.get(DRAFTS)
    version = page.context["documents"][0].versions.all()[0]
    assert (version.section_count, version.paragraph_count, version.comment_count) == (2, 4, 1)
    html = page.content.decode()
    assert "ฉบับรับฟังความคิดเห็น" in html and "Markdown" in html
    assert f"{timezone.localdate().year + 543} เวลา" in html  # the import's date, in the Buddhist Era


def test_a_version_is_removed_while_it_has_no_comments_and_refused_once_it_has(
    client, organiser, consultation, fees, open_for_comments
):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    remove = DRAFTS + "draft/versions/1/remove/"
    assert "ลบฉบับนี้" in client.get(remove).content.decode()  # asks first
    comment_on(consultation, Paragraph.objects.get(order=0).anchor)
    refused = client.post(remove, follow=True)
    assert "มีผู้แสดงความคิดเห็นต่อฉบับนี้แล้ว" in refused.content.decode()
    assert Version.objects.count() == 1


def test_a_wrong_split_is_removed_and_the_draft_is_empty_again(client, organiser, consultation, fees):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    response = client.post(DRAFTS + "draft/versions/1/remove/")
    assert response.status_code == 302 and response["Location"] == DRAFTS
    assert not Version.objects.exists() and not Paragraph.objects.exists()
    assert AuditEntry.objects.filter(action="documents.version.remove").count() == 1
    assert client.post(DRAFTS + "draft/remove/").status_code == 302
    assert not Document.objects.exists()


def test_moderators_read_the_drafts_but_cannot_upload_or_remove(client, organiser, moderator, consultation, fees):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    client.force_login(moderator)
    page = client.get(DRAFTS)
    assert page.status_code == 200 and "อัปโหลด" not in page.content.decode()
    assert client.get(DRAFTS + "draft/versions/1/").status_code == 200
    for url in ("new/", "draft/versions/new/", "draft/edit/", "draft/versions/1/remove/"):
        assert client.get(DRAFTS + url).status_code == 404
    assert client.post(DRAFTS + "draft/versions/1/remove/").status_code == 404
    assert Version.objects.count() == 1


def test_another_agencys_organiser_gets_404_everywhere(client, organiser, outsider, consultation, fees):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    client.force_login(outsider)
    gets = ["", "new/", "draft/edit/", "draft/remove/", "draft/versions/new/", "draft/versions/1/",
            "draft/versions/1/remove/", "draft/versions/confirm/anything/", "new/confirm/anything/"]  # fmt: skip
    for url in gets:
        assert client.get(DRAFTS + url).status_code == 404, url
    assert client.post(DRAFTS + "draft/versions/1/remove/").status_code == 404
    assert _new_draft(client, "draft.md", MARKDOWN_V1.encode()).status_code == 404
    assert Version.objects.count() == 1 and Document.objects.count() == 1


def test_the_titles_are_edited_and_the_english_page_speaks_english(client, organiser, consultation, fees):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    refused = client.post(DRAFTS + "draft/edit/", {"title_th": "", "title_en": "Draft"})
    assert refused.status_code == 422 and "โปรดกรอกข้อมูลในช่องนี้" in refused.content.decode()
    assert client.post(DRAFTS + "draft/edit/", {"title_th": "ร่างใหม่", "title_en": "New draft"}).status_code == 302
    assert Document.objects.get().title_en == "New draft"
    english = client.get("/en" + DRAFTS).content.decode()
    assert "Draft documents" in english and "New draft" in english


def test_a_draft_nobody_commented_on_is_removed_whole_and_one_with_comments_is_kept(
    client, organiser, consultation, fees, open_for_comments
):
    client.force_login(organiser)
    _new_draft(client, "draft.md", MARKDOWN_V1.encode())
    _new_draft(client, "draft.md", MARKDOWN_V1.encode(), slug="annex")
    comment_on(consultation, Version.objects.get(document__slug="draft").paragraphs.first().anchor)
    page = client.get(DRAFTS).content.decode()
    assert DRAFTS + "annex/remove/" in page and DRAFTS + "draft/remove/" not in page
    assert client.post(DRAFTS + "annex/remove/").status_code == 302
    refused = client.post(DRAFTS + "draft/remove/", follow=True).content.decode()
    assert "ความคิดเห็น" in refused
    assert list(Document.objects.values_list("slug", flat=True)) == ["draft"]


def _published(consultation):
    consultation.is_published = True
    consultation.save(update_fields=["is_published"])


def test_a_new_draft_of_a_published_consultation_is_public_only_after_the_organiser_confirms_its_split(
    client, organiser, consultation, fees
):
    _published(consultation)
    client.force_login(organiser)
    response = _upload(client, "draft.md", MARKDOWN_V1.encode(), slug="fees-draft")
    assert response.status_code == 302 and response["Location"].startswith(DRAFTS + "new/confirm/")
    assert not Document.objects.exists()
    assert client.get(f"/consultations/{consultation.slug}/drafts/fees-draft/").status_code == 404
    confirm = client.get(response["Location"])
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "ร่างกฎกระทรวงค่าธรรมเนียม" in page
    assert 'data-testid="split-counts"' in page and "2 หัวข้อ" in page and "4 ย่อหน้า" in page

    added = client.post(response["Location"])
    assert added.status_code == 302 and added["Location"] == DRAFTS + "fees-draft/versions/1/"
    assert Version.objects.get(document__slug="fees-draft").paragraphs.count() == 4
    assert client.get(f"/consultations/{consultation.slug}/drafts/fees-draft/").status_code == 200
    assert client.post(response["Location"]).status_code == 302  # the kept upload is gone: asked to upload again
    assert Document.objects.count() == 1


def test_a_new_draft_of_a_published_consultation_cancelled_or_refused_adds_nothing(
    client, organiser, consultation, fees
):
    _published(consultation)
    client.force_login(organiser)
    refused = _upload(client, "draft.pdf", PDF)
    assert refused.status_code == 422 and not Document.objects.exists()
    response = _upload(client, "draft.md", MARKDOWN_V1.encode())
    cancelled = client.post(response["Location"], {"cancel": "1"})
    assert cancelled.status_code == 302 and cancelled["Location"] == DRAFTS
    assert not Document.objects.exists()
