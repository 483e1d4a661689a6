"""The staff dashboard: who may see it, Thai and English, charts as accessible SVG, drill-down, moves, runs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from analysis_app.test_analysis_services import run
from rapfang.analysis.models import AnalysisRun, CommentAnalysis, DuplicateGroup, RunStatus
from rapfang.analysis.services import analysis_run_start
from rapfang.consultations.models import Topic
from rapfang.core.actors import SYSTEM

pytestmark = pytest.mark.long

THAI_DIGIT = re.compile("[๐-๙]")


def url(name: str, demo, *args, language: str = "th") -> str:
    with translation.override("th"):
        path = reverse(f"analysis:{name}", args=[demo.slug, *args])
    return path if language == "th" else "/en" + path


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_dashboard_is_hidden_from_the_public_and_from_staff_of_other_agencies(client, demo, outsider, who):
    if who == "outsider":
        client.force_login(outsider)

    response = client.get(url("dashboard", demo))

    assert response.status_code == (302 if who == "anonymous" else 404)
    if who == "outsider":
        assert client.post(url("run_start", demo)).status_code == 404
        assert not AnalysisRun.objects.exists()


@pytest.mark.django_db
def test_without_comments_the_dashboard_says_so_and_offers_no_run(client, demo, moderator):
    client.force_login(moderator)

    response = client.get(url("dashboard", demo))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="empty-state"' in page
    assert "<svg" not in page and reverse("analysis:run_start", args=[demo.slug]) not in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_the_dashboard_shows_campaigns_charts_and_topics_in_each_language(
    client, demo, sample_comments, organiser, language
):
    run(demo)
    client.force_login(organiser)

    page = client.get(url("dashboard", demo, language=language)).content.decode()

    assert f'<html lang="{language}">' in page
    biggest = DuplicateGroup.objects.filter(consultation=demo).order_by("-size").first()
    assert reverse("analysis:group", args=[demo.slug, biggest.pk]) in page
    assert page.count('<svg role="img"') == 3
    assert '<title id="chart-domains-title">' in page and '<desc id="chart-domains-desc">' in page
    heading = "การวิเคราะห์ความคิดเห็น" if language == "th" else "Comment analysis"
    assert heading in page
    domain = Topic.objects.get(key="procurement")
    assert (domain.name_th if language == "th" else domain.name_en) in page
    figures = re.search(r'data-testid="count-analysed">([^<]*)<', page).group(1)
    # The demo consultation writes Thai digits, in Thai only.
    assert bool(THAI_DIGIT.search(figures)) == (language == "th")


@pytest.mark.django_db
def test_starting_a_run_from_the_dashboard_leads_to_its_progress_page(
    client, demo, sample_comments, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("run_start", demo))

    started = AnalysisRun.objects.get(consultation=demo)
    assert response.status_code == 302 and response["Location"] == url("run", demo, started.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'aria-valuenow="100"' in page and "hx-trigger" not in page
    assert started.requested_by == moderator


@pytest.mark.django_db
def test_the_progress_box_polls_while_the_run_is_active_and_stops_after(client, demo, sample_comments, moderator):
    queued = analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)
    client.force_login(moderator)

    page = client.get(url("run", demo, queued.pk)).content.decode()
    polled = client.get(url("run_progress", demo, queued.pk))

    assert 'hx-trigger="every 1s"' in page and '<meta http-equiv="refresh"' in page  # the latter inside noscript
    assert polled.status_code == 200 and 'aria-valuenow="0"' in polled.content.decode()
    run_done = run_execute(queued)
    finished = client.get(url("run_progress", demo, queued.pk))
    assert run_done.status == RunStatus.DONE
    assert finished.status_code == 286 and 'aria-valuenow="100"' in finished.content.decode()


def run_execute(queued: AnalysisRun) -> AnalysisRun:
    from rapfang.analysis.services import analysis_run_execute

    return analysis_run_execute(run_id=queued.pk, workers=1)


@pytest.mark.django_db
def test_a_second_start_while_one_runs_shows_a_message_instead_of_starting(client, demo, sample_comments, moderator):
    analysis_run_start(actor=SYSTEM, consultation=demo, enqueue=False)
    client.force_login(moderator)

    response = client.post(url("run_start", demo), follow=True)

    assert AnalysisRun.objects.filter(consultation=demo).count() == 1
    assert "การวิเคราะห์ความคิดเห็นของการรับฟังความคิดเห็นนี้กำลังดำเนินการอยู่" in response.content.decode()


@pytest.mark.django_db
def test_the_group_page_shows_the_variants_side_by_side(client, demo, sample_comments, moderator):
    run(demo)
    client.force_login(moderator)
    group = DuplicateGroup.objects.filter(consultation=demo, variants__gte=2).order_by("-size").first()

    page = client.get(url("group", demo, group.pk)).content.decode()

    assert page.count('class="variant-text') == group.variants
    assert group.representative.text in page
    assert "<mark>" in page  # what the other variants add


@pytest.mark.django_db
def test_drill_down_filters_by_domain_and_moving_a_comment_marks_it_as_set_by_staff(
    client, demo, sample_comments, moderator
):
    run(demo)
    client.force_login(moderator)
    row = CommentAnalysis.objects.filter(consultation=demo, domain__key="procurement").first()
    listing = url("comments", demo) + "?domain=procurement"

    page = client.get(listing).content.decode()
    assert f'data-comment="{row.comment_id}"' in page
    response = client.post(url("comment_move", demo, row.comment_id), {"domain": "transport", "next": listing})

    assert response.status_code == 302 and response["Location"] == listing
    row.refresh_from_db()
    assert row.domain.key == "transport" and row.domain_by_staff
    after = client.get(url("comments", demo) + "?domain=transport").content.decode()
    assert f'data-comment="{row.comment_id}"' in after


@pytest.mark.django_db
def test_moving_to_an_unknown_domain_or_group_changes_nothing_and_says_why(client, demo, sample_comments, moderator):
    run(demo)
    client.force_login(moderator)
    row = CommentAnalysis.objects.filter(consultation=demo).first()
    before = (row.domain_id, row.group_id)

    first = client.post(url("comment_move", demo, row.comment_id), {"domain": "no-such-domain"}, follow=True)
    second = client.post(url("comment_move", demo, row.comment_id), {"group": "999999"}, follow=True)

    row.refresh_from_db()
    assert (row.domain_id, row.group_id, row.domain_by_staff, row.group_by_staff) == (*before, False, False)
    assert (
        'class="alert alert-danger"' in first.content.decode()
        and 'class="alert alert-danger"' in second.content.decode()
    )


@pytest.mark.django_db
def test_moving_a_comment_out_of_its_campaign_from_the_page(client, demo, sample_comments, moderator):
    run(demo)
    client.force_login(moderator)
    row = CommentAnalysis.objects.filter(consultation=demo, group__isnull=False).first()

    client.post(url("comment_move", demo, row.comment_id), {"group": "none"})

    row.refresh_from_db()
    assert row.group_id is None and row.group_by_staff


@pytest.mark.django_db
def test_drill_down_by_stakeholder_and_day_says_what_it_shows(client, demo, sample_comments, moderator):
    run(demo)
    client.force_login(moderator)

    by_type = client.get(url("comments", demo, language="en") + "?stakeholder=academic").content.decode()
    by_day = client.get(url("comments", demo) + "?day=2016-11-18").content.decode()
    wrong_day = client.get(url("comments", demo) + "?day=yesterday")

    academic = CommentAnalysis.objects.filter(consultation=demo, comment__stakeholder_type="academic").count()
    assert "Stakeholder type: Academic" in by_type and by_type.count("data-comment=") == min(academic, 25)
    assert "๑๘ พฤศจิกายน ๒๕๕๙" in by_day and "data-comment=" in by_day
    assert wrong_day.status_code == 200 and "data-comment=" not in wrong_day.content.decode()


@pytest.mark.django_db
def test_pages_read_a_fixed_number_of_queries_whatever_the_rows(
    client, demo, sample_comments, moderator, django_assert_max_num_queries
):
    run(demo)
    client.force_login(moderator)
    group = DuplicateGroup.objects.filter(consultation=demo).order_by("-size").first()

    for path in (url("dashboard", demo), url("comments", demo), url("group", demo, group.pk)):
        with django_assert_max_num_queries(25):
            assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_staff_can_hand_a_domain_back_to_the_analysis_which_decides_it_at_the_next_run(
    client, demo, sample_comments, moderator
):
    run(demo)
    client.force_login(moderator)
    row = CommentAnalysis.objects.filter(consultation=demo, domain__key="procurement").first()
    client.post(url("comment_move", demo, row.comment_id), {"domain": "transport"})
    assert 'value="auto"' in client.get(url("comments", demo) + "?domain=transport").content.decode()

    client.post(url("comment_move", demo, row.comment_id), {"domain": "auto"})
    row.refresh_from_db()
    assert (row.domain.key, row.domain_by_staff) == ("transport", False)  # until the next run
    run(demo)

    row.refresh_from_db()
    assert (row.domain.key, row.domain_by_staff) == ("procurement", False)


@pytest.mark.django_db
def test_the_group_page_says_why_its_comments_were_grouped(client, demo, sample_comments, moderator):
    run(demo)
    client.force_login(moderator)
    group = DuplicateGroup.objects.filter(consultation=demo, variants__gte=2).order_by("-size").first()

    page = client.get(url("group", demo, group.pk)).content.decode()

    assert "เหตุที่จัดความคิดเห็นเหล่านี้ไว้ในกลุ่มเดียวกัน" in page
    passages = re.findall(r"<q>(.*?)</q>", page.split('data-testid="shared-passages"')[1].split("</ul>")[0])
    assert passages and all(passage in group.representative.text.replace(" ", "") for passage in passages)
    assert "ใช้คำของความคิดเห็นตัวแทนกลุ่ม ร้อยละ" in page


@pytest.mark.django_db
def test_comments_show_their_confidence_none_of_these_and_the_closest_topics(client, demo, sample_comments, moderator):
    run(demo)
    client.force_login(moderator)
    unassigned = CommentAnalysis.objects.filter(consultation=demo, domain__isnull=True).exclude(closest_domains=[])

    page = client.get(url("comments", demo) + "?domain=none").content.decode()

    assert unassigned.exists()
    assert page.count("ไม่เข้าหมวดหมู่ใด") >= unassigned.count()
    assert 'data-testid="confidence"' in page and 'data-testid="closest"' in page
    assigned = client.get(url("comments", demo) + "?domain=procurement").content.decode()
    assert 'data-testid="confidence"' in assigned
