"""Files to download, from nothing: attach each kind (sniffed by content), refuse others, edit titles, kind, order and
visibility with the counter kept, remove after confirming; downloads of hidden or unpublished files are staff-only."""

from __future__ import annotations

import os

import pytest

from rapfang.consultations.services import consultation_update
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Attachment
from rapfang.documents.services import attachment_download_record

from .conftest import EXE, PDF, docx_bytes, png_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

FILES = "/staff/consultations/land-fees-2027/files/"
DRAFTS = "/staff/consultations/land-fees-2027/drafts/"


def _attach(client, name, content, **fields):
    data = {"title_th": "กำหนดการ", "title_en": "", "kind": "agenda", "order": "", "is_public": "on",
            "file": upload(name, content), **fields}  # fmt: skip
    return client.post(FILES + "new/", data)


def _download(client, attachment):
    return client.get(f"/consultations/land-fees-2027/files/{attachment.pk}/{attachment.filename}")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "label"),
    [
        ("agenda.pdf", PDF, "application/pdf", "PDF"),
        ("ร่าง.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
        ("fees.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
        ("map.bin", png_bytes(), "image/png", "PNG"),
    ],
)
def test_each_kind_of_file_is_attached_by_its_content(
    client, organiser, consultation, name, content, content_type, label
):
    client.force_login(organiser)
    response = _attach(client, name, content)
    assert response.status_code == 302 and response["Location"] == DRAFTS + "#files"
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.format_label, attachment.size) == (content_type, label, len(content))
    assert attachment.order == 1
    assert (
        attachment.filename == {"PDF": "agenda.pdf", "DOCX": "ร่าง.docx", "XLSX": "fees.xlsx", "PNG": "map.png"}[label]
    )
    assert label in client.get(DRAFTS).content.decode()


@pytest.mark.parametrize(("name", "content"), [("setup.exe", EXE), ("notes.pdf", b"plain text, not a PDF")])
def test_other_files_are_refused_beside_the_field_and_nothing_is_written(
    client, organiser, consultation, name, content
):
    client.force_login(organiser)
    entries = AuditEntry.objects.count()
    response = _attach(client, name, content, title_th="เอกสาร")
    assert response.status_code == 422
    assert "แนบได้เฉพาะไฟล์ PDF, DOCX, XLSX และรูปภาพ" in " ".join(response.context["form"].errors["file"])
    html = response.content.decode()
    assert 'value="เอกสาร"' in html and 'id="form-errors"' in html
    assert not Attachment.objects.exists() and AuditEntry.objects.count() == entries


def test_a_missing_title_and_kind_are_named_in_the_users_language(client, organiser, consultation):
    client.force_login(organiser)
    thai = _attach(client, "a.pdf", PDF, title_th="", kind="")
    english = client.post("/en" + FILES + "new/", {"title_th": "", "kind": "", "file": upload("a.pdf", PDF)})
    assert thai.status_code == english.status_code == 422
    assert "โปรดกรอกข้อมูลในช่องนี้" in thai.content.decode()
    assert "Please fill in this field." in english.content.decode()
    assert not Attachment.objects.exists()


def test_editing_keeps_the_download_counter_and_the_file(client, organiser, consultation):
    client.force_login(organiser)
    _attach(client, "agenda.pdf", PDF)
    attachment = Attachment.objects.get()
    for _time in range(3):
        attachment_download_record(attachment_id=attachment.pk)
    data = {"title_th": "กำหนดการประชุม", "title_en": "Agenda", "kind": "reply_form", "order": "5"}
    assert client.post(FILES + f"{attachment.pk}/", data).status_code == 302
    attachment.refresh_from_db()
    assert (attachment.title_en, attachment.kind, attachment.order, attachment.is_public) == (
        "Agenda", "reply_form", 5, False,
    )  # fmt: skip
    assert attachment.downloads == 3 and attachment.filename == "agenda.pdf"
    entry = AuditEntry.objects.filter(action="documents.attachment.update").get()
    assert entry.data["is_public"] is False and "filename" not in entry.data


def test_a_bad_order_is_refused_and_nothing_changes(client, organiser, consultation):
    client.force_login(organiser)
    _attach(client, "agenda.pdf", PDF)
    attachment = Attachment.objects.get()
    response = client.post(FILES + f"{attachment.pk}/", {"title_th": "ใหม่", "kind": "agenda", "order": "-1"})
    assert response.status_code == 422 and "ตั้งแต่ 0 ขึ้นไป" in response.content.decode()
    attachment.refresh_from_db()
    assert attachment.title_th == "กำหนดการ"


def test_removing_asks_first_then_removes_the_file(client, organiser, consultation, django_capture_on_commit_callbacks):
    client.force_login(organiser)
    _attach(client, "agenda.pdf", PDF)
    attachment = Attachment.objects.get()
    stored = attachment.file.path
    assert "ต้องการลบ" in client.get(FILES + f"{attachment.pk}/remove/").content.decode()
    assert Attachment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(FILES + f"{attachment.pk}/remove/").status_code == 302
    assert not Attachment.objects.exists()
    assert not os.path.exists(stored)


def test_downloads_of_unpublished_or_hidden_files_are_for_staff_and_uncounted(
    client, organiser, moderator, outsider, consultation
):
    client.force_login(organiser)
    _attach(client, "agenda.pdf", PDF)
    _attach(client, "internal.pdf", PDF, title_th="บันทึกภายใน", is_public="")
    public, hidden = Attachment.objects.order_by("order")
    client.logout()
    assert _download(client, public).status_code == 404  # not published yet
    client.force_login(moderator)
    assert _download(client, public).status_code == 200
    consultation_update(actor=organiser, consultation=consultation, is_published=True)
    client.logout()
    assert _download(client, public).status_code == 200
    assert _download(client, hidden).status_code == 404
    client.force_login(outsider)
    assert _download(client, hidden).status_code == 404
    client.force_login(moderator)
    response = _download(client, hidden)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    public.refresh_from_db()
    hidden.refresh_from_db()
    assert (public.downloads, hidden.downloads) == (1, 0)


def test_moderators_read_the_files_and_another_agency_sees_nothing(
    client, organiser, moderator, outsider, consultation
):
    client.force_login(organiser)
    _attach(client, "agenda.pdf", PDF)
    attachment = Attachment.objects.get()
    client.force_login(moderator)
    page = client.get(DRAFTS).content.decode()
    assert "agenda.pdf" in page and FILES + "new/" not in page and "/remove/" not in page
    for user in (moderator, outsider):
        client.force_login(user)
        assert client.get(FILES + "new/").status_code == 404
        assert client.get(FILES + f"{attachment.pk}/").status_code == 404
        assert client.post(FILES + f"{attachment.pk}/remove/").status_code == 404
        assert _attach(client, "x.pdf", PDF).status_code == 404
    assert client.get(DRAFTS).status_code == 404
    assert Attachment.objects.count() == 1
