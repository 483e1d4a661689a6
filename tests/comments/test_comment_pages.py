"""The pages over HTTP: reading, commenting without JavaScript and with htmx, bot defences, receipt, browsing, staff."""

from __future__ import annotations

import re

import pytest
import time_machine
from comment_helpers import CLOSES, DURING, OPENS, post_data

from rapfang.comments.forms import form_stamp
from rapfang.comments.models import Comment
from rapfang.comments.moderation import comment_moderate

SLUG = "dg2-2560-2564"
FORM = f"/consultations/{SLUG}/comment/"
LIST = f"/consultations/{SLUG}/comments/"
READ = f"/consultations/{SLUG}/drafts/draft/"


@pytest.fixture(autouse=True)
def _pages(settings):
    settings.COMMENT_MIN_SECONDS = 2
    settings.RATE_LIMIT_ANONYMOUS = "5/60"


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def test_the_reading_page_has_contents_anchors_and_comment_links(client, demo, paragraph, during):
    page = client.get(READ).content.decode()
    assert f'id="{paragraph.anchor}"' in page
    assert f'href="#{paragraph.section.anchor}"' in page
    assert f"{FORM}?paragraph={paragraph.anchor}" in page
    assert "hx-get" in page


def test_a_comment_without_javascript_redirects_to_its_receipt(client, post_moderated, paragraph, during):
    response = client.post(FORM, post_data(paragraph=paragraph.anchor))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"].startswith(f"/comments/receipts/{comment.receipt}/")
    receipt_page = client.get(response["Location"])
    assert comment.receipt in receipt_page.content.decode()
    assert "no-store" in receipt_page["Cache-Control"]
    assert "สมชาย" not in receipt_page.content.decode()


def test_with_htmx_the_receipt_replaces_the_form_in_place(client, demo, paragraph, during):
    response = client.post(FORM, post_data(paragraph=paragraph.anchor), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert Comment.objects.get().receipt in response.content.decode()
    assert "<html" not in response.content.decode()


def test_html_and_script_in_a_comment_are_shown_as_text(client, post_moderated, during):
    client.post(FORM, post_data(text='<script>alert("x")</script><b>ตัวหนา</b> <img src=x onerror=alert(1)>'))
    page = client.get(LIST).content.decode()
    assert "<script>alert" not in page and "<b>ตัวหนา" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;ตัวหนา&lt;/b&gt;" in page
    searched = client.get(LIST, {"q": "ตัวหนา"}).content.decode()
    assert "&lt;b&gt;<mark>ตัวหนา</mark>&lt;/b&gt;" in searched


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"website": "http://spam.example"}, "could not be accepted"), ({"shown": "forged"}, "expired")],
)
def test_the_honeypot_and_a_forged_stamp_are_refused(client, demo, during, changes, message):
    response = client.post("/en" + FORM, post_data(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_a_form_sent_too_quickly_is_refused(client, demo, during):
    response = client.post("/en" + FORM, post_data(shown=form_stamp(DURING.timestamp())))
    assert response.status_code == 422
    assert "too quickly" in response.content.decode()


def test_the_per_address_rate_limit_stops_a_flood(client, demo, during):
    statuses = [client.post(FORM, post_data(text=f"ความเห็น {n}")).status_code for n in range(7)]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert Comment.objects.count() == 5


def test_field_errors_are_shown_in_thai_and_nothing_is_stored(client, demo, during):
    response = client.post(FORM, post_data(name="", consent=""))
    page = response.content.decode()
    assert response.status_code == 422
    assert "ไม่ระบุชื่อ" in page or "name" in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize("moment", [OPENS.timestamp() - 1, CLOSES.timestamp() + 1])
def test_outside_the_period_the_form_says_so_and_takes_nothing(client, demo, moment):
    with time_machine.travel(moment, tick=False):
        assert "comment-form" in client.get(FORM).content.decode()
        assert 'name="text"' not in client.get(FORM).content.decode()
        response = client.post("/en" + FORM, post_data(shown=form_stamp(moment - 10)))
    assert response.status_code == 409
    assert "comment period" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_consultation_page_links_the_draft_and_counts_comments(client, post_moderated, during):
    client.post(FORM, post_data())
    page = client.get(f"/consultations/{SLUG}/").content.decode()
    assert READ in page
    assert re.search(r'data-testid="comment-count">[^<]*๑', page)


def test_attachments_of_published_comments_are_served_with_safe_headers(client, post_moderated, during):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("note.pdf", b"%PDF-1.4 hello", content_type="text/html")
    client.post(FORM, {**post_data(), "attachment": upload})
    comment = Comment.objects.get()
    response = client.get(f"{LIST}{comment.pk}/attachment/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "attachment" in response["Content-Disposition"]


def test_a_lying_extension_is_refused_with_a_clear_message(client, demo, during):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = client.post("/en" + FORM, {**post_data(), "attachment": upload})
    assert response.status_code == 422
    assert "must be a PDF, DOCX or image" in response.content.decode()


def test_comments_on_removed_text_show_as_superseded(client, post_moderated, during):
    from rapfang.documents.models import Version

    first = Version.objects.get(document__slug="draft", number=1)
    current = set(Version.objects.get(document__slug="draft", number=2).paragraphs.values_list("anchor", flat=True))
    gone = first.paragraphs.exclude(anchor__in=current).get()
    Comment.objects.all().delete()
    client.post(FORM, post_data())
    Comment.objects.update(
        paragraph_anchor=gone.anchor, section_anchor=gone.section.anchor, version=first, document=first.document
    )  # made on version 1, whose paragraph version 2 dropped
    page = client.get(LIST).content.decode()
    assert 'data-testid="superseded"' in page and gone.text[:40] in page  # with the text it was made on


def test_the_moderation_queue_is_for_the_agency_staff(client, demo, moderator, outsider, during):
    client.post(FORM, post_data())
    comment = Comment.objects.get()
    client.force_login(outsider)
    assert client.get(f"/staff/consultations/{SLUG}/moderation/").status_code == 404
    client.force_login(moderator)
    page = client.get(f"/staff/consultations/{SLUG}/moderation/")
    assert comment.receipt in page.content.decode()
    response = client.post(
        f"/staff/consultations/{SLUG}/moderation/", {"comments": [comment.pk], "action": "hide", "reason": "spam"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == ("hidden", "spam")


def test_hidden_comments_leave_the_public_list(client, post_moderated, moderator, during):
    client.post(FORM, post_data(text="ข้อความที่จะถูกซ่อน"))
    assert "ข้อความที่จะถูกซ่อน" in client.get(LIST).content.decode()
    comment_moderate(actor=moderator, comment_ids=[Comment.objects.get().pk], action="hide", reason="abusive")
    assert "ข้อความที่จะถูกซ่อน" not in client.get(LIST).content.decode()


def test_the_compare_page_shows_word_changes(client, demo, during):
    page = client.get(f"/consultations/{SLUG}/drafts/draft/compare/?from=1&to=2").content.decode()
    assert 'class="diff-added"' in page and 'class="diff-removed"' in page
    assert 'data-change="removed"' in page


def test_comments_filter_by_capability_domain_and_section(client, post_moderated, during):
    from rapfang.documents.models import Version

    version = Version.objects.get(number=2)
    tagged = version.paragraphs.filter(topics__key="transport").get()
    other = version.paragraphs.filter(topics__isnull=True, section__topics__isnull=True).first()
    client.post(FORM, post_data(text="เรื่องคมนาคมขนส่ง", paragraph=tagged.anchor))
    client.post(FORM, post_data(text="เรื่องอื่นทั่วไป", paragraph=other.anchor))
    page = client.get(LIST, {"domain": "transport"}).content.decode()
    assert "เรื่องคมนาคมขนส่ง" in page and "เรื่องอื่นทั่วไป" not in page
    page = client.get(LIST, {"section": other.section.anchor}).content.decode()
    assert "เรื่องอื่นทั่วไป" in page and "เรื่องคมนาคมขนส่ง" not in page


def test_staff_key_in_a_faxed_comment_with_its_scan(client, demo, organiser, during):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(organiser)
    scan = SimpleUploadedFile("fax.pdf", b"%PDF-1.4 scanned fax", content_type="application/pdf")
    response = client.post(
        f"/staff/consultations/{SLUG}/comments/new/",
        {"channel": "fax", "received_at": "19/11/2559 14.30", "text": "ความเห็นทางโทรสาร", "name": "ผู้ส่งโทรสาร",
         "organisation": "เทศบาลตัวอย่าง", "stakeholder_type": "government", "consent": "on", "attachment": scan},
    )  # fmt: skip
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.channel, comment.entered_by, comment.attachment_type) == ("fax", organiser, "application/pdf")
    assert comment.submitted_at.day == 19


def test_a_letter_dated_in_the_future_is_refused_on_the_field_and_nothing_is_kept(client, demo, organiser, during):
    client.force_login(organiser)
    response = client.post(
        f"/staff/consultations/{SLUG}/comments/new/",
        {"channel": "letter", "received_at": "10/12/2569 10.00", "text": "ความเห็นทางไปรษณีย์", "anonymous": "on",
         "stakeholder_type": "citizen", "consent": "on"},
    )  # fmt: skip
    assert response.status_code == 422
    field = response.context["form"]["received_at"]
    assert field.errors and "ไม่สามารถเป็นเวลาหลังจากขณะนี้" in field.errors[0]
    page = response.content.decode()
    assert "ความเห็นทางไปรษณีย์" in page  # the text is kept in the form
    assert "ผู้แสดงความคิดเห็นในฐานะ" in page and "ความคิดเห็นของท่าน" not in page  # staff key in someone's comment
    assert not Comment.objects.exists()


def test_a_named_comment_without_an_organisation_shows_no_empty_part(client, demo, during):
    from rapfang.comments.models import CommentStatus
    from rapfang.comments.services import comment_submit
    from rapfang.core.actors import PUBLIC

    comment = comment_submit(actor=PUBLIC, consultation=demo, data={
        "text": "ความเห็นของประชาชน", "anonymous": False, "name": "สมหญิง รักชาติ", "organisation": "",
        "stakeholder_type": "citizen", "consent": True})  # fmt: skip
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.PUBLISHED)
    for url in (LIST, f"/consultations/{SLUG}/comments/{comment.pk}/endorse/"):
        page = " ".join(client.get(url).content.decode().split())
        assert "สมหญิง รักชาติ · ภาคประชาชน" in page and "· ·" not in page
