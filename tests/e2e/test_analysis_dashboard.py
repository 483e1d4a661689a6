"""The analysis dashboard in Debian chromium: start a run, watch its progress reach the end, read, move; axe-clean."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from e2e.axe import assert_axe_clean
from e2e.shots import screenshooter
from e2e.staff_browser import log_in as staff_log_in
from e2e.test_pages import DESKTOP, PHONE, to_int
from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.analysis.models import AnalysisRun, CommentAnalysis, RunStatus
from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import Consultation
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.demo import seed

shoot = screenshooter("analysis")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "analysis_sample.jsonl"
COMMENTS = 90  # enough for campaigns, topics and every chart, quick to submit
BASE = f"/staff/consultations/{seed.SLUG}/analysis/"
FINISHED = "() => document.querySelector('[data-testid=run-percent]').textContent.includes('๑๐๐')"


@pytest.fixture
def hearing(site: Any) -> Consultation:
    """The demo consultation with part of the labelled sample submitted as comments, and a moderator."""
    from clock import bkk

    consultation = Consultation.objects.get(slug=seed.SLUG)
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:COMMENTS]
    types = ("citizen", "private", "academic", "government")
    for number, line in enumerate(lines):
        data = {"text": json.loads(line)["text"], "anonymous": True, "stakeholder_type": types[number % 4],
                "consent": True}  # fmt: skip
        comment_submit(actor=PUBLIC, consultation=consultation, data=data, now=bkk(2016, 11, 18 + number % 6, 10, 0, 0))
    user = user_create_staff(actor=SYSTEM, username="analyst", password="pw-analyst-1")
    membership_grant(actor=SYSTEM, user=user, agency=consultation.agency, role=Role.MODERATOR)
    return consultation


def log_in(page: Any, site: Any) -> None:
    staff_log_in(page, site, "analyst", "pw-analyst-1")


def test_start_a_run_see_it_finish_then_read_the_dashboard(site, new_page, hearing):
    page = new_page(DESKTOP)
    log_in(page, site)
    page.goto(site.url + BASE)
    assert page.get_by_role("button", name="วิเคราะห์ความคิดเห็น").is_visible()
    assert_axe_clean(page, "the dashboard before any run")

    page.get_by_role("button", name="วิเคราะห์ความคิดเห็น").click()
    page.wait_for_url(re.compile(r"/analysis/runs/\d+/$"))
    percent = page.get_by_test_id("run-percent")
    page.wait_for_function(FINISHED, timeout=60_000)
    assert to_int(percent.inner_text()) == 100
    assert AnalysisRun.objects.get(consultation=hearing).status == RunStatus.DONE
    assert_axe_clean(page, "the finished run")

    page.get_by_role("link", name="ดูผลการวิเคราะห์").click()
    page.wait_for_load_state()
    assert page.locator("svg[role=img]").count() == 3
    assert to_int(page.get_by_test_id("count-analysed").inner_text()) == COMMENTS
    page.locator("#chart-domains summary").click()
    shoot(page, "dashboard-th")
    assert_axe_clean(page, "the dashboard with results")


def test_the_progress_box_follows_a_run_carried_out_elsewhere(site, new_page, hearing):
    run = analysis_run_start(actor=SYSTEM, consultation=hearing, enqueue=False)
    page = new_page(DESKTOP)
    log_in(page, site)
    page.goto(f"{site.url}{BASE}runs/{run.pk}/")
    percent = page.get_by_test_id("run-percent")
    assert to_int(percent.inner_text()) == 0
    assert_axe_clean(page, "a queued run")

    analysis_run_execute(run_id=run.pk, workers=1)  # as the job worker would; the page polls every second

    page.wait_for_function(FINISHED, timeout=15_000)  # the box is swapped in anew at each poll
    assert page.get_by_role("link", name="ดูผลการวิเคราะห์").is_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_campaign_and_drill_down_pages_move_a_comment_and_are_axe_clean(site, new_page, hearing, viewport):
    analysis_run_execute(run_id=analysis_run_start(actor=SYSTEM, consultation=hearing, enqueue=False).pk, workers=1)
    page = new_page(viewport)
    log_in(page, site)
    page.goto(site.url + "/en" + BASE)
    page.locator("#campaigns-title ~ table tbody a").first.click()
    page.wait_for_load_state()
    assert page.locator(".variant-text").count() >= 1
    shoot(page, f"campaign-en-{viewport['width']}")
    assert_axe_clean(page, f"a campaign at {viewport['width']}px")

    page.goto(f"{site.url}/en{BASE}comments/?domain=procurement")
    row = page.locator("li[data-comment]").first
    comment_id = int(row.get_attribute("data-comment"))
    row.locator("select[name=domain]").select_option("transport")
    row.get_by_role("button", name=re.compile("^Move .* to the topic$")).click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    moved = CommentAnalysis.objects.select_related("domain").get(comment_id=comment_id)
    assert moved.domain.key == "transport" and moved.domain_by_staff
    shoot(page, f"comments-en-{viewport['width']}")
    assert_axe_clean(page, f"the drill-down at {viewport['width']}px")
