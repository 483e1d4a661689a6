"""Staff import a new version of a draft from the admin; the moderation mode is set there too."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.comments.models import CommentPolicy
from rapfang.core.actors import SYSTEM
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Document
from rapfang.documents.services import attachment_download_record


def test_an_organiser_imports_a_version_and_sets_post_moderation(client, demo):
    organiser = user_create_staff(actor=SYSTEM, username="org-admin", password="pw-org-admin-1", administrator=False)
    membership_grant(actor=SYSTEM, user=organiser, agency=demo.agency, role=Role.ORGANISER)
    client.force_login(organiser)
    document = Document.objects.get(consultation=demo, slug="draft")
    source = SimpleUploadedFile("v3.md", "# หัวข้อ\n\nย่อหน้าใหม่ของฉบับที่สาม\n".encode())
    response = client.post(
        f"/admin/documents/document/{document.pk}/change/",
        {"consultation": demo.pk, "slug": "draft", "title_th": document.title_th, "title_en": "", "order": 0,
         "new_version": source, "note_th": "ฉบับที่ ๓", "note_en": "", "versions-TOTAL_FORMS": 0,
         "versions-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    assert document.versions.order_by("-number").first().note_th == "ฉบับที่ ๓"
    response = client.post("/admin/comments/commentpolicy/add/", {"consultation": demo.pk, "moderation": "post"})
    assert response.status_code == 302
    assert CommentPolicy.objects.get(consultation=demo).moderation == "post"


def test_an_attachment_changed_in_the_admin_goes_through_the_service_and_keeps_its_counter(client, demo):
    organiser = user_create_staff(actor=SYSTEM, username="org-files", password="pw-org-files-1", administrator=False)
    membership_grant(actor=SYSTEM, user=organiser, agency=demo.agency, role=Role.ORGANISER)
    client.force_login(organiser)
    attachment = demo.attachments.order_by("order").first()
    attachment_download_record(attachment_id=attachment.pk)
    response = client.post(
        f"/admin/documents/attachment/{attachment.pk}/change/",
        {"kind": attachment.kind, "title_th": "กำหนดการ (ปรับปรุง)", "title_en": "Agenda (revised)", "order": 9},
    )
    assert response.status_code == 302, response.content[:2000]
    attachment.refresh_from_db()
    assert (attachment.title_th, attachment.order, attachment.is_public, attachment.downloads) == (
        "กำหนดการ (ปรับปรุง)", 9, False, 1,
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="documents.attachment.update", object_id=str(attachment.pk)).exists()
