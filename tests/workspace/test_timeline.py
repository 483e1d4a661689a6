"""The timeline in the workspace: Thai date-times in, B.E. back; steps the main hearing writes are read-only here."""

from __future__ import annotations

import pytest
import time_machine

from clock import bkk
from rapfang.consultations.models import Milestone
from rapfang.core.actors import SYSTEM
from rapfang.core.thai import be_year
from rapfang.demo import seed
from rapfang.demo.loader import demo_load
from workspace.consultation_helpers import main_event, period

pytestmark = pytest.mark.django_db


def _url(consultation, tail=""):
    return f"/staff/consultations/{consultation.slug}/timeline/{tail}"


def _step(**fields):
    return {"starts_at": "", "ends_at": "", "note_th": "", "note_en": "", **fields}


def test_a_thai_style_date_is_stored_as_ce_and_shown_back_in_be(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(_url(consultation, "comments/"), _step(starts_at="01/12/2569 00.00",
                                                                  ends_at="๑๕/๑๒/๒๕๖๙ ๒๓.๕๙.๕๙"))  # fmt: skip
    assert response.status_code == 302
    step = Milestone.objects.get(consultation=consultation, kind="comments")
    assert (step.starts_at, step.ends_at) == (bkk(2026, 12, 1, 0, 0, 0), bkk(2026, 12, 15, 23, 59, 59))
    form = client.get(_url(consultation, "comments/")).content.decode()
    assert 'value="01/12/2569 00.00"' in form and 'value="15/12/2569 23.59.59"' in form
    listing = client.get(_url(consultation)).content.decode()
    assert "2569" in listing and "3112" not in listing and "2026" not in listing


def test_an_iso_date_with_a_be_year_is_read_as_be(client, organiser, consultation):
    client.force_login(organiser)
    client.post(_url(consultation, "hearing/"), _step(starts_at="2569-12-01 09:00", ends_at="2569-12-01 16:00"))
    assert Milestone.objects.get(consultation=consultation, kind="hearing").starts_at == bkk(2026, 12, 1, 9, 0, 0)


@pytest.mark.parametrize("year", ["3112", "1469"])
@pytest.mark.parametrize(("prefix", "words"), [("", "ซึ่งไม่น่าจะเป็นปีที่ต้องการ"), ("/en", "which cannot be meant")])
def test_a_year_that_cannot_be_meant_is_refused_clearly_and_nothing_stored(client, organiser, consultation, year,
                                                                          prefix, words):  # fmt: skip
    client.force_login(organiser)
    response = client.post(prefix + _url(consultation, "comments/"), _step(starts_at=f"01/12/{year} 00.00",
                                                                           ends_at="15/12/2569 23.59.59"))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 422
    assert words in page and f'value="01/12/{year} 00.00"' in page
    assert not Milestone.objects.filter(consultation=consultation).exists()


def test_an_end_before_the_start_is_refused(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(_url(consultation, "comments/"), _step(starts_at="15/12/2569", ends_at="01/12/2569"))
    assert response.status_code == 422
    assert "วันเวลาสิ้นสุดอยู่ก่อนวันเวลาเริ่มต้น" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_date_alone_means_the_whole_day(client, organiser, consultation):
    client.force_login(organiser)
    client.post(_url(consultation, "comments/"), _step(starts_at="1/12/2569", ends_at="15/12/2569", all_day="on"))
    step = Milestone.objects.get(consultation=consultation, kind="comments")
    assert (step.starts_at, step.ends_at, step.all_day) == (bkk(2026, 12, 1, 0, 0, 0), bkk(2026, 12, 15, 23, 59, 59),
                                                            True)  # fmt: skip


@pytest.mark.parametrize(("last_day", "days", "meets"), [("14", 14, False), ("15", 15, True)])
def test_the_period_is_counted_against_the_legal_minimum_as_it_is_typed(client, organiser, consultation, last_day,
                                                                        days, meets):  # fmt: skip
    client.force_login(organiser)
    query = f"?starts_at=01/12/2569&ends_at={last_day}/12/2569"
    fragment = client.get(_url(consultation, "period/") + query).content.decode()
    assert f'data-days="{days}"' in fragment
    assert ("alert-success" in fragment) is meets and ("น้อยกว่าระยะเวลาขั้นต่ำ" in fragment) is not meets
    typed = _step(starts_at="01/12/2569", ends_at=f"{last_day}/12/2569")
    response = client.post(_url(consultation, "comments/"), typed, follow=True)
    assert f'data-days="{days}"' in response.content.decode()


def test_steps_the_main_hearing_writes_are_shown_read_only(client, organiser, consultation):
    main_event(consultation, registration_required=True, registration_closes_at=bkk(2026, 12, 2, 23, 59, 59))
    client.force_login(organiser)
    page = client.get(_url(consultation)).content.decode()
    assert "กำหนดโดยการประชุมหลัก" in page
    assert _url(consultation, "hearing/") not in page and _url(consultation, "registration/") not in page
    assert client.get(_url(consultation, "hearing/")).status_code == 404
    response = client.post(_url(consultation, "registration/"), _step(starts_at="01/12/2569 09.00"))
    assert response.status_code == 404
    assert Milestone.objects.get(consultation=consultation, kind="hearing").starts_at == bkk(2026, 12, 3, 9, 0, 0)


def test_a_step_is_removed_after_a_question(client, organiser, consultation):
    period(consultation)
    client.force_login(organiser)
    assert "ต้องการลบ" in client.get(_url(consultation, "comments/remove/")).content.decode()
    assert Milestone.objects.filter(consultation=consultation).exists()
    client.post(_url(consultation, "comments/remove/"))
    assert not Milestone.objects.filter(consultation=consultation).exists()


def test_moderators_read_the_timeline_but_do_not_change_it(client, moderator, consultation):
    period(consultation)
    client.force_login(moderator)
    page = client.get(_url(consultation)).content.decode()
    assert "2569" in page and _url(consultation, "comments/") not in page
    assert client.post(_url(consultation, "comments/"), _step(starts_at="01/01/2570")).status_code == 404
    assert client.post(_url(consultation, "comments/remove/")).status_code == 404
    assert Milestone.objects.get(consultation=consultation).starts_at == bkk(2026, 12, 1, 0, 0, 0)


def _be(moment):
    """A seed moment as the seed's page would be typed: day/month/B.E. year and the time, seconds when set."""
    local = moment.astimezone(seed.BKK)
    clock = f"{local:%H.%M.%S}" if local.second else f"{local:%H.%M}"
    return f"{local.day:02d}/{local.month:02d}/{be_year(local.year)} {clock}"


SEED_STEPS = {
    "comments": (seed.COMMENTS_START, seed.COMMENTS_END),
    "hearing": (seed.HEARING_START, seed.HEARING_END),
    "registration": (None, seed.REGISTRATION_DEADLINE),
    "preparation": (seed.PREPARATION_START, seed.PREPARATION_END),
}


@pytest.mark.parametrize("kind", SEED_STEPS)
def test_the_seeds_dates_round_trip_through_the_timeline_form(client, organiser, consultation, kind):
    starts, ends = SEED_STEPS[kind]
    typed = {"starts_at": _be(starts) if starts else "", "ends_at": _be(ends)}
    client.force_login(organiser)
    assert client.post(_url(consultation, f"{kind}/"), _step(**typed)).status_code == 302
    step = Milestone.objects.get(consultation=consultation, kind=kind)
    assert (step.starts_at, step.ends_at) == (starts, ends)
    form = client.get(_url(consultation, f"{kind}/")).content.decode()
    for value in filter(None, typed.values()):
        assert f'value="{value}"' in form


def test_the_demo_timeline_shows_back_in_be_in_the_form(client, administrator):
    demo = demo_load().consultation
    client.force_login(administrator)
    form = client.get(f"/staff/consultations/{demo.slug}/timeline/comments/").content.decode()
    assert 'value="18/11/2559 00.00"' in form and 'value="23/11/2559 23.59.59"' in form
    listing = client.get(f"/staff/consultations/{demo.slug}/timeline/").content.decode()
    assert "กำหนดโดยการประชุมหลัก" in listing  # the demo's hearing and registration belong to its event


def _published_with_period(consultation, organiser, ends):
    from rapfang.consultations.services import milestone_set

    milestone_set(actor=organiser, consultation=consultation, kind="comments", starts_at=bkk(2026, 12, 1, 0, 0, 0),
                  ends_at=ends)  # fmt: skip
    consultation.is_published = True
    consultation.save(update_fields=["is_published"])


@time_machine.travel(bkk(2026, 12, 10, 12, 0, 0), tick=False)
def test_ending_a_published_period_earlier_than_announced_needs_a_reason_kept_in_the_log(
    client, organiser, consultation
):
    from rapfang.core.models import AuditEntry

    _published_with_period(consultation, organiser, bkk(2026, 12, 31, 23, 59, 59))
    client.force_login(organiser)
    earlier = _step(starts_at="01/12/2569 00.00", ends_at="20/12/2569 23.59.59")
    response = client.post(_url(consultation, "comments/"), earlier)
    assert response.status_code == 422
    assert "กรุณาระบุเหตุผล" in response.context["form"].errors["reason"][0]
    assert Milestone.objects.get(consultation=consultation, kind="comments").ends_at == bkk(2026, 12, 31, 23, 59, 59)

    response = client.post(_url(consultation, "comments/"), {**earlier, "reason": "มติคณะรัฐมนตรีให้เร่งรัด"})
    assert response.status_code == 302
    assert Milestone.objects.get(consultation=consultation, kind="comments").ends_at == bkk(2026, 12, 20, 23, 59, 59)
    entry = AuditEntry.objects.filter(action="consultations.milestone.set").latest("pk")
    assert entry.data["reason"] == "มติคณะรัฐมนตรีให้เร่งรัด" and entry.data["was_ends_at"].startswith("2026-12-31")
    later = _step(starts_at="01/12/2569 00.00", ends_at="25/12/2569 23.59.59")  # longer again: no reason asked
    assert client.post(_url(consultation, "comments/"), later).status_code == 302


@time_machine.travel(bkk(2027, 1, 10, 12, 0, 0), tick=False)
def test_a_period_whose_results_are_published_cannot_be_opened_again(client, organiser, consultation):
    from rapfang.consultations.services import milestone_set

    _published_with_period(consultation, organiser, bkk(2026, 12, 31, 23, 59, 59))
    milestone_set(actor=organiser, consultation=consultation, kind="results", starts_at=bkk(2027, 1, 5, 10, 0, 0),
                  ends_at=None)  # fmt: skip
    client.force_login(organiser)
    reopened = _step(starts_at="01/12/2569 00.00", ends_at="31/01/2570 16.30")
    response = client.post(_url(consultation, "comments/"), reopened)
    assert response.status_code == 422
    assert "ผลการรับฟังความคิดเห็น" in response.content.decode()
    assert Milestone.objects.get(consultation=consultation, kind="comments").ends_at == bkk(2026, 12, 31, 23, 59, 59)
    corrected = _step(starts_at="01/12/2569 00.00", ends_at="05/01/2570 09.59.59")  # still before the results
    assert client.post(_url(consultation, "comments/"), {**corrected, "reason": "แก้ไขวันที่"}).status_code == 302


@time_machine.travel(bkk(2026, 12, 5, 12, 0, 0), tick=False)
def test_the_public_notice_spaces_a_title_that_begins_with_a_bracket_as_thai_is_written(client, consultation):
    from rapfang.consultations.services import consultation_update
    from workspace.consultation_helpers import period as comment_period

    consultation_update(actor=SYSTEM, consultation=consultation, title_th="(ร่าง) ระเบียบกรมที่ดินว่าด้วยการรับคำขอ",
                        is_published=True)  # fmt: skip
    comment_period(consultation, opens=bkk(2026, 12, 1, 0, 0, 0))
    page = client.get(f"/consultations/{consultation.slug}/").content.decode()
    assert "ความคิดเห็นต่อ (ร่าง) ระเบียบกรมที่ดิน" in page and "ต่อ(ร่าง)" not in page
