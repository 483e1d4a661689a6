"""The comment form shows every refusal beside its field and in a summary that takes focus, with and without htmx;
its rules are the service's (an organisation only for those who speak for one; no stakeholder type by default)."""

from __future__ import annotations

import re

import pytest
import time_machine
from comment_helpers import DURING, valid
from comment_helpers import post_data as form_data

from rapfang.comments.forms import form_stamp
from rapfang.comments.models import Comment
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.core.errors import InvalidInput

pytestmark = pytest.mark.django_db
SLUG = "dg2-2560-2564"
FORM = f"/consultations/{SLUG}/comment/"
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _timing(settings):
    settings.COMMENT_MIN_SECONDS = 3
    with time_machine.travel(DURING, tick=False):
        yield


def post_data(**changes):
    return form_data(**{"organisation": "", **changes})


def test_the_form_asks_who_you_comment_as_with_no_answer_chosen(client, demo):
    html = client.get(FORM).content.decode()
    select = html[
        html.index('name="stakeholder_type"') : html.index("</select>", html.index('name="stakeholder_type"'))
    ]
    assert re.search(r'required>\s*<option value="">โปรดเลือก</option>', select)  # the first, so the one shown
    assert " selected" not in select
    assert "required" in html[html.index('name="stakeholder_type"') - 200 : html.index('name="stakeholder_type"') + 200]
    assert "ประชาชนที่แสดงความคิดเห็นในนามของตนเองไม่ต้องระบุ" in html  # the organisation's rule, said in the form


def test_a_citizen_comments_by_name_without_an_organisation(client, demo):
    answer = client.post(FORM, post_data())
    assert answer.status_code == 302 and Comment.objects.get().organisation == ""
    comment_submit(actor=PUBLIC, consultation=demo, data=valid(organisation="", stakeholder_type="citizen"), now=DURING)
    assert Comment.objects.count() == 2


@pytest.mark.parametrize("kind", ["government", "state_enterprise", "private", "academic", "civil_society"])
def test_those_who_speak_for_an_organisation_must_name_it_in_the_form_and_the_service(client, demo, kind):
    answer = client.post(FORM, post_data(stakeholder_type=kind))
    html = answer.content.decode()
    assert answer.status_code == 422 and 'id="id_organisation-errors"' in html
    assert (
        'aria-invalid="true"' in html[html.index('name="organisation"') - 400 : html.index('name="organisation"') + 600]
    )
    assert 'href="#id_organisation"' in html  # the summary links to the field
    with pytest.raises(InvalidInput) as refused:
        comment_submit(actor=PUBLIC, consultation=demo, data=valid(organisation="", stakeholder_type=kind), now=DURING)
    assert set(refused.value.params["errors"]) == {"organisation"}
    assert not Comment.objects.exists()


def test_skipping_who_you_comment_as_is_refused_never_counted_as_government(client, demo):
    answer = client.post(FORM, post_data(stakeholder_type=""))
    assert answer.status_code == 422 and "กรุณาเลือกว่าท่านแสดงความคิดเห็นในฐานะใด" in answer.content.decode()
    assert not Comment.objects.exists()


def test_every_problem_at_once_in_a_summary_that_takes_focus(client, demo):
    html = client.post(FORM, post_data(text="", stakeholder_type="private", consent="")).content.decode()
    summary = html[html.index("data-error-summary") - 200 : html.index("</div>", html.index("data-error-summary"))]
    assert 'tabindex="-1"' in summary and "autofocus" in summary and 'role="alert"' in summary
    for field in ("id_text", "id_organisation", "id_consent"):
        assert f'href="#{field}"' in summary
    assert 'action="/consultations/dg2-2560-2564/comment/#comment-errors-whole"' in html


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_sending_within_three_seconds_is_a_visible_refusal(client, demo, headers):
    answer = client.post(FORM, post_data(shown=form_stamp(DURING.timestamp() - 1)), headers=headers)
    html = answer.content.decode()
    assert answer.status_code == 422 and "data-error-summary" in html
    assert "แบบฟอร์มถูกส่งเร็วเกินไป" in html
    assert ("<html" in html) is not bool(headers)  # htmx gets the form alone, swapped in place
    assert not Comment.objects.exists()


def test_with_htmx_a_refusal_comes_back_as_the_form_with_its_errors(client, demo):
    answer = client.post(FORM, post_data(name="", stakeholder_type=""), headers=HTMX)
    html = answer.content.decode()
    assert (
        answer.status_code == 422
        and html.lstrip().startswith("<div")
        and 'class="card card-body my-2 comment-form"' in html
    )
    assert 'id="id_name-errors"' in html and 'id="id_stakeholder_type-errors"' in html


def test_the_in_place_receipt_is_announced_focused_and_has_its_own_address(client, demo):
    html = client.post(FORM, post_data(), headers=HTMX).content.decode()
    comment = Comment.objects.get()
    assert 'role="status"' in html and "autofocus" in html and 'tabindex="-1"' in html
    assert f'href="/comments/receipts/{comment.receipt}/"' in html
    received = re.search(r"วันและเวลาที่ได้รับ: ([^<]+)", html).group(1)
    assert "๒๕๕๙" in received and not re.search(r"[0-9]", received)  # the consultation's Thai digits


def test_an_over_long_name_is_refused_in_thai_with_thai_digits(client, demo):
    html = client.post(FORM, post_data(name="ก" * 201)).content.decode()
    assert "กรุณากรอกไม่เกิน ๒๐๐ ตัวอักษร (ขณะนี้มี ๒๐๑ ตัวอักษร)" in html
    assert 'maxlength="200"' in html


def test_an_over_long_name_is_refused_in_english_on_the_english_page(client, demo):
    html = client.post(f"/en{FORM}", post_data(name="n" * 201)).content.decode()
    assert "Please shorten this to at most 200 characters (it now has 201)." in html
    assert "Ensure this value" not in html


@pytest.fixture
def published(demo):
    from rapfang.comments.models import ModerationMode
    from rapfang.comments.services import comment_policy_set

    comment_policy_set(actor=SYSTEM, consultation=demo, moderation=ModerationMode.POST)
    return comment_submit(actor=PUBLIC, consultation=demo, data=valid(), now=DURING)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_refused_report_says_why_with_and_without_javascript(client, published, headers):
    answer = client.post(f"/consultations/{SLUG}/comments/{published.pk}/flag/", {"reason": "x"}, headers=headers)
    html = answer.content.decode()
    assert answer.status_code == 422 and "กรุณาเลือกเหตุผลจากรายการ" in html and "data-error-summary" in html
    assert ("<html" in html) is not bool(headers)
    assert published.flags.count() == 0


def test_too_many_reports_are_refused_with_429_and_a_message(client, published, settings):
    settings.RATE_LIMIT_ANONYMOUS = "1/60"
    url = f"/en/consultations/{SLUG}/comments/{published.pk}/flag/"
    assert client.post(url, {"reason": "spam"}).status_code == 302
    refused = client.post(url, {"reason": "spam"})
    assert refused.status_code == 429 and "Too many flags" in refused.content.decode()
    assert published.flags.count() == 1


def test_forms_opened_in_place_side_by_side_never_share_an_id(client, demo, paragraph):
    from rapfang.documents.models import Paragraph

    other = Paragraph.objects.filter(version=paragraph.version).exclude(pk=paragraph.pk).first()
    first = client.get(FORM, {"paragraph": paragraph.anchor}, headers=HTMX).content.decode()
    second = client.get(FORM, {"paragraph": other.anchor}, headers=HTMX).content.decode()
    ids = [set(re.findall(r' id="([^"]+)"', html)) for html in (first, second)]
    assert f"id_{paragraph.anchor}_text" in ids[0] and not ids[0] & ids[1]
