"""A new version while comments may be affected: a dry run first, computed by the import's own anchor matching,
nothing written until confirmed, the upload kept (not asked for twice) for a short while, and the counts announced
are those that result."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.utils import timezone

from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.comments.models import Comment
from rapfang.comments.wordings import comment_places
from rapfang.core.actors import SYSTEM
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Document, Version
from rapfang.documents.pending import FOLDER, pending_purge
from rapfang.documents.services import document_create, version_import

from .conftest import MARKDOWN_V1, MARKDOWN_V2, PDF, comment_on, upload

pytestmark = pytest.mark.django_db

DRAFT = "/staff/consultations/land-fees-2027/drafts/draft/"


def _post_version(client, content, name="v2.md"):
    return client.post(DRAFT + "versions/new/", {"file": upload(name, content), "note_th": "ปรับปรุง", "note_en": ""})


def _pending_files():
    try:
        return default_storage.listdir(FOLDER)[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def comments(consultation, organiser, fees, open_for_comments):
    """Version 1 with comments: one on ข้อ ๑ (kept), one on ข้อ ๒ (reworded), two on the survey fee (removed)."""
    version = document_create(actor=organiser, consultation=consultation, title_th="ร่างกฎกระทรวง",
                              content=MARKDOWN_V1.encode(), filename="v1.md")  # fmt: skip
    pairs = list(version.paragraphs.values_list("anchor", "text"))

    def starting(words):
        return next(anchor for anchor, text in pairs if text.startswith(words))

    anchors = {"kept": starting("ข้อ ๑"), "changed": starting("ข้อ ๒"), "removed": starting("ค่ารังวัด")}
    made = {kind: [comment_on(consultation, anchor)] for kind, anchor in anchors.items()}
    made["removed"].append(comment_on(consultation, anchors["removed"], "ค่ารังวัดสูงเกินไป"))
    return made


def test_without_comments_and_outside_the_period_a_new_version_is_imported_at_once(
    client, organiser, consultation, fees
):
    document_create(actor=organiser, consultation=consultation, title_th="ร่าง", content=MARKDOWN_V1.encode(),
                    filename="v1.md")  # fmt: skip
    client.force_login(organiser)
    response = _post_version(client, MARKDOWN_V2.encode())
    assert response.status_code == 302 and response["Location"] == DRAFT + "versions/2/"
    page = client.get(response["Location"]).content.decode()
    assert "ย่อหน้าคงเดิม 2 ย่อหน้า ถ้อยคำเปลี่ยนไป 1 ย่อหน้า ย่อหน้าใหม่ 1 ย่อหน้า และตัดออก 1 ย่อหน้า" in page


def test_while_comments_may_be_affected_the_dry_run_writes_nothing_and_says_what_would_happen(
    client, organiser, consultation, comments
):
    client.force_login(organiser)
    assert "ยืนยัน" in client.get(DRAFT + "versions/new/").content.decode()
    entries = AuditEntry.objects.count()
    response = _post_version(client, MARKDOWN_V2.encode())
    assert response.status_code == 302 and "/versions/confirm/" in response["Location"]
    assert Version.objects.count() == 1 and AuditEntry.objects.count() == entries
    assert len(_pending_files()) == 1
    page = client.get(response["Location"])
    plan = page.context["plan"]
    assert {kind: len(fates) for kind, fates in plan.by_kind.items()} == {"kept": 2, "changed": 1, "removed": 1,
                                                                         "added": 1}  # fmt: skip
    assert plan.comment_totals == {"kept": 1, "changed": 1, "removed": 2}
    html = page.content.decode()
    assert ">หกสิบ</del>" in html and ">เก้าสิบ</ins>" in html  # the changed words, before and after
    assert "ค่ารังวัดเพื่อออกโฉนดที่ดิน" in html  # the removed one
    assert Version.objects.count() == 1


def test_confirmed_the_import_does_what_the_dry_run_announced(client, organiser, consultation, comments):
    client.force_login(organiser)
    confirm = _post_version(client, MARKDOWN_V2.encode())["Location"]
    plan = client.get(confirm).context["plan"]
    response = client.post(confirm, {"after": "1"})
    assert response.status_code == 302 and response["Location"] == DRAFT + "versions/2/"
    version = Version.objects.get(number=2)
    assert version.note_th == "ปรับปรุง"  # the notes typed with the upload were kept with it
    old = dict(Version.objects.get(number=1).paragraphs.values_list("anchor", "text"))
    new = dict(version.paragraphs.values_list("anchor", "text"))
    result = {
        "kept": sum(1 for a in new if a in old and old[a] == new[a]),
        "changed": sum(1 for a in new if a in old and old[a] != new[a]),
        "removed": sum(1 for a in old if a not in new),
        "added": sum(1 for a in new if a not in old),
    }
    assert result == {kind: len(fates) for kind, fates in plan.by_kind.items()}
    places = comment_places(comments=Comment.objects.all())
    shown_as = {"kept": "current", "changed": "earlier", "removed": "superseded"}
    shown = {kind: sum(1 for c in made if places[c.pk].kind == shown_as[kind]) for kind, made in comments.items()}
    assert shown == plan.comment_totals == {"kept": 1, "changed": 1, "removed": 2}
    assert places[comments["changed"][0].pk].wording.endswith("หกสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป")
    assert _pending_files() == []
    assert client.post(confirm, {"after": "1"}).status_code == 302  # the token is spent: nothing imported twice
    assert Version.objects.count() == 2


def test_cancelled_nothing_is_written_and_the_upload_is_deleted(client, organiser, consultation, comments):
    client.force_login(organiser)
    confirm = _post_version(client, MARKDOWN_V2.encode())["Location"]
    response = client.post(confirm, {"cancel": "1"})
    assert response.status_code == 302
    assert Version.objects.count() == 1 and _pending_files() == []


def test_a_version_added_meanwhile_refuses_the_confirmation_and_shows_the_new_comparison(
    client, organiser, consultation, comments
):
    client.force_login(organiser)
    confirm = _post_version(client, MARKDOWN_V2.encode())["Location"]
    version_import(actor=organiser, document=Document.objects.get(), content=MARKDOWN_V2.encode(), filename="x.md")
    response = client.post(confirm, {"after": "1"})
    assert response.status_code == 409
    assert "มีการเพิ่มฉบับใหม่" in response.content.decode()
    assert response.context["plan"].after == 2
    assert Version.objects.count() == 2


def test_a_file_that_cannot_be_read_is_refused_before_anything_is_kept(client, organiser, consultation, comments):
    client.force_login(organiser)
    response = _post_version(client, PDF, "v2.pdf")
    assert response.status_code == 422 and "file" in response.context["form"].errors
    assert _pending_files() == [] and Version.objects.count() == 1


def test_the_kept_upload_expires_after_half_an_hour(client, organiser, consultation, comments):
    client.force_login(organiser)
    confirm = _post_version(client, MARKDOWN_V2.encode())["Location"]
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.post(confirm, {"after": "1"}, follow=True)
        assert "เกิน 30 นาที" in response.content.decode()
        assert pending_purge() == 1
    assert Version.objects.count() == 1 and _pending_files() == []


def test_the_upload_is_kept_for_its_uploader_only(client, organiser, moderator, outsider, consultation, comments):
    client.force_login(organiser)
    confirm = _post_version(client, MARKDOWN_V2.encode())["Location"]
    client.force_login(moderator)
    assert client.post(confirm, {"after": "1"}).status_code == 404
    client.force_login(outsider)
    assert client.post(confirm, {"after": "1"}).status_code == 404
    colleague = user_create_staff(actor=SYSTEM, username="somsri", password="x-long-password-1")
    membership_grant(actor=SYSTEM, user=colleague, agency=consultation.agency, role=Role.ORGANISER)
    client.force_login(colleague)
    assert client.post(confirm, {"after": "1"}).status_code == 302  # sent back: the token is not in this session
    assert Version.objects.count() == 1
