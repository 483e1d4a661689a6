"""Moderation in the workspace: distinct tabs with counts, select all, a campaign at once, a reason for hiding (fixed
or in words), a confirmation before hiding several, nothing without a chosen action, and other agencies kept out."""

from __future__ import annotations

import re

import pytest

from rapfang.analysis.models import CommentAnalysis
from rapfang.analysis.services import analysis_group_set, analysis_run_execute, analysis_run_start
from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.moderation import comment_flag, comment_moderate
from rapfang.comments.selectors import QueueFilters
from rapfang.consultations.services import consultation_create
from rapfang.core.errors import InvalidInput, NotFound
from rapfang.workspace.moderation import moderation_queue
from workspace.clicks import Browser
from workspace.seeding import WORDINGS, open_comments, seed_campaign, send, unlike_texts

pytestmark = pytest.mark.django_db
QUEUE = "/staff/consultations/land-fees-2027/moderation/"


@pytest.fixture
def hearing(consultation, organiser):
    open_comments(consultation, organiser)
    return consultation


@pytest.fixture
def sixty_one(hearing):
    return seed_campaign(hearing)


def statuses(comments):
    return sorted(set(Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)))


def test_the_tabs_have_distinct_names_and_counts_in_thai_and_english(client, hearing, moderator):
    pending, published, hidden, flagged = (send(hearing, text) for text in unlike_texts(4))
    comment_moderate(actor=moderator, comment_ids=[published.pk, flagged.pk], action="publish")
    comment_moderate(actor=moderator, comment_ids=[hidden.pk], action="hide", reason="spam")
    comment_flag(comment=Comment.objects.get(pk=flagged.pk), reason="abusive")
    client.force_login(moderator)
    for prefix, names in (("", ["รอพิจารณา", "เผยแพร่แล้ว", "ไม่เผยแพร่"]), ("/en", ["To review", "Published", "Hidden"])):
        page = client.get(prefix + QUEUE).content.decode()
        tabs = re.findall(r'data-tab-count="(\d+)">([^<]+)<', page)
        assert [(int(count), label.strip()) for count, label in tabs] == list(zip([2, 1, 1], names, strict=True))
    review = client.get(QUEUE).content.decode()
    assert pending.receipt in review and flagged.receipt in review and published.receipt not in review
    assert "ถ้อยคำไม่เหมาะสม" in review  # the public's reason for the flag


def test_a_campaign_is_shown_once_with_its_count_and_wordings(client, sixty_one, moderator):
    campaign, singles = sixty_one
    client.force_login(moderator)
    page = client.get(QUEUE)
    groups = page.context["queue"].groups
    assert [group.count for group in groups] == [40]
    assert sorted(groups[0].members) == sorted(c.pk for c in campaign)
    assert [variant.count for variant in groups[0].variants] == [16, 8, 8, 8]  # the exact copies count as one wording
    html = page.content.decode()
    assert html.count('class="card mb-3 campaign"') == 1
    assert WORDINGS[2] in html and WORDINGS[4] in html  # the differing wordings are shown
    assert {row.comment.pk for row in page.context["queue"].rows} == {c.pk for c in singles}


def test_the_analysis_groups_with_staff_moves_are_followed_and_a_later_copy_joins_them(hearing, sixty_one, organiser):
    campaign, singles = sixty_one
    started = analysis_run_start(actor=organiser, consultation=hearing, enqueue=False)
    analysis_run_execute(run_id=started.pk, workers=1)
    analysed = CommentAnalysis.objects.get(comment=campaign[0]).group
    analysis_group_set(actor=organiser, comment=singles[0], group=analysed)  # staff: this one belongs to it too
    analysis_group_set(actor=organiser, comment=campaign[1], group=None)  # and this one does not
    later = send(hearing, WORDINGS[0])  # arrived after the analysis
    queue = moderation_queue(actor=organiser, consultation=hearing, tab="review", filters=QueueFilters())
    [group] = queue.groups
    expected = {c.pk for c in campaign} - {campaign[1].pk} | {singles[0].pk, later.pk}
    assert set(group.members) == expected
    assert campaign[1].pk in {row.comment.pk for row in queue.rows}


def test_a_whole_campaign_is_published_at_once(client, sixty_one, moderator):
    campaign, singles = sixty_one
    client.force_login(moderator)
    group = client.get(QUEUE).context["queue"].groups[0]
    response = client.post(QUEUE, {"members": group.member_list, "action": "publish"})
    assert response.status_code == 302
    assert statuses(campaign) == [CommentStatus.PUBLISHED] and statuses(singles) == [CommentStatus.PENDING]


def test_hiding_a_campaign_is_confirmed_with_a_reason_first_and_nothing_changes_before(client, sixty_one, moderator):
    campaign, _singles = sixty_one
    client.force_login(moderator)
    group = client.get(QUEUE).context["queue"].groups[0]
    asked = client.post(QUEUE, {"members": group.member_list, "action": "hide"})
    assert asked.status_code == 200 and "ซ่อนความคิดเห็น 40 รายการ" in asked.content.decode()
    assert statuses(campaign) == [CommentStatus.PENDING]
    no_reason = client.post(QUEUE, {"members": group.member_list, "action": "hide", "confirmed": "1", "reason": ""})
    assert no_reason.status_code == 422
    assert 'id="moderation-errors"' in no_reason.content.decode() and "เลือกเหตุผล" in no_reason.content.decode()
    assert statuses(campaign) == [CommentStatus.PENDING]
    done = client.post(QUEUE, {"members": group.member_list, "action": "hide", "confirmed": "1", "reason": "spam"})
    assert done.status_code == 302
    assert statuses(campaign) == [CommentStatus.HIDDEN]
    assert set(Comment.objects.filter(pk__in=group.members).values_list("moderation_reason", flat=True)) == {"spam"}


def test_select_all_on_the_page_works_without_javascript(client, sixty_one, moderator):
    campaign, singles = sixty_one
    client.force_login(moderator)
    page = client.get(QUEUE)
    on_page = page.context["page_ids"]
    response = client.post(QUEUE, {"select_all": "on", "on_page": on_page, "action": "publish"})
    assert response.status_code == 302
    assert statuses(singles) == [CommentStatus.PUBLISHED] and statuses(campaign) == [CommentStatus.PENDING]


def test_nothing_happens_without_a_chosen_action_and_the_ticks_stay(client, sixty_one, moderator):
    _campaign, singles = sixty_one
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()
    assert not re.search(r'name="action" value="(publish|hide)"[^>]*checked', page)  # no action chosen for anyone
    assert not re.search(r'name="reason" value="[^"]*"[^>]*checked', page)
    response = client.post(QUEUE, {"comments": [singles[0].pk, singles[1].pk], "note": "ข้อความที่พิมพ์ไว้"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "เลือกว่าจะเผยแพร่หรือซ่อน" in html and 'aria-describedby="action-error"' in html
    assert f'value="{singles[0].pk}" id="select-{singles[0].pk}" checked' in html and "ข้อความที่พิมพ์ไว้" in html
    assert statuses(singles) == [CommentStatus.PENDING]


def test_hiding_one_comment_takes_a_reason_in_words_and_the_author_reads_it(client, hearing, moderator):
    comment = send(hearing, "ข้อความที่ไม่เกี่ยวกับร่างกฎกระทรวงนี้เลย")
    client.force_login(moderator)
    note = "ความคิดเห็นนี้กล่าวถึงเรื่องอื่นที่ไม่อยู่ในร่าง"
    refused = client.post(QUEUE, {"comments": [comment.pk], "action": "hide", "note": "ก" * 501})
    assert refused.status_code == 422 and "500" in refused.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING
    assert client.post(QUEUE, {"comments": [comment.pk], "action": "hide", "note": note}).status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason, comment.moderation_note) == ("hidden", "", note)
    client.logout()
    receipt = client.get(f"/comments/receipts/{comment.receipt}/").content.decode()
    assert "ไม่เผยแพร่" in receipt and note in receipt
    assert client.get(f"/en/comments/receipts/{comment.receipt}/").content.decode().count("not published") >= 1


def test_a_single_comment_needs_a_reason_to_be_hidden(client, hearing, moderator):
    comment = send(hearing, "ข้อความทดสอบ")
    client.force_login(moderator)
    response = client.post(QUEUE, {"comments": [comment.pk], "action": "hide"})
    assert response.status_code == 422 and 'id="reason-error"' in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_sixty_one_comments_of_which_forty_a_campaign_take_seven_clicks_from_the_staff_home(
    client, sixty_one, moderator
):
    campaign, singles = sixty_one
    client.force_login(moderator)
    browser = Browser(client)
    browser.open("/staff/")
    browser.follow("มีความคิดเห็นรอการตรวจสอบ 61 รายการ")  # what needs attention, on the staff home
    assert browser.url.endswith(QUEUE)
    group_form = browser.form_with(name="members")
    browser.press(group_form, value="hide")  # "Hide all 40…"
    confirm = browser.form_with(name="confirmed")
    browser.tick(confirm, name="reason", value="spam")
    browser.press(confirm)
    assert statuses(campaign) == [CommentStatus.HIDDEN]
    bulk = browser.form_with(name="select_all")
    browser.tick(bulk, name="select_all")
    browser.tick(bulk, name="action", value="publish")
    browser.press(bulk)
    assert statuses(singles) == [CommentStatus.PUBLISHED]
    assert browser.clicks <= 8, browser.clicks
    assert browser.response.context["queue"].counts["review"] == 0


def test_another_agencys_organiser_gets_404_and_cannot_moderate_our_comments_by_their_ids(
    client, hearing, outsider, other_agency
):
    ours = send(hearing, "ความคิดเห็นของหน่วยงานเรา")
    theirs = consultation_create(actor=outsider, agency=other_agency, slug="roads-2027", title_th="ร่างประกาศทางหลวง")
    client.force_login(outsider)
    assert client.get(QUEUE).status_code == 404
    assert client.post(QUEUE, {"comments": [ours.pk], "action": "publish"}).status_code == 404
    response = client.post("/staff/consultations/roads-2027/moderation/", {"comments": [ours.pk], "action": "publish"})
    assert response.status_code == 422
    assert ours.receipt not in client.get("/staff/consultations/roads-2027/moderation/").content.decode()
    assert Comment.objects.get(pk=ours.pk).status == CommentStatus.PENDING
    with pytest.raises(NotFound):
        comment_moderate(actor=outsider, consultation=theirs, comment_ids=[ours.pk], action="publish")


def test_organisers_and_administrators_moderate_and_anonymous_visitors_log_in(
    client, hearing, organiser, administrator
):
    comment = send(hearing, "ข้อความ")
    for user in (organiser, administrator):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 200
    client.logout()
    assert client.get(QUEUE).status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_reviewing_a_flagged_comment_settles_its_flags(hearing, moderator):
    comment = send(hearing, "ข้อความ")
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="publish")
    comment_flag(comment=Comment.objects.get(pk=comment.pk), reason="spam")
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="publish")
    assert Comment.objects.get(pk=comment.pk).flag_count == 0


def test_the_service_refuses_all_when_one_comment_is_missing_or_the_reason_unknown(hearing, moderator):
    comment = send(hearing, "ข้อความ")
    with pytest.raises(NotFound):
        comment_moderate(actor=moderator, comment_ids=[comment.pk, 999_999], action="publish")
    with pytest.raises(InvalidInput):
        comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason="dislike")
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_old_links_and_the_public_page_lead_to_the_queue(client, hearing, moderator):
    send(hearing, "ข้อความ")
    client.force_login(moderator)
    assert client.get(QUEUE + "?state=pending").context["queue"].tab == "review"
    assert client.get(QUEUE + "?state=hidden").context["queue"].tab == "hidden"
