from datetime import timedelta

import pytest

from clock import bkk
from rapfang.consultations.selectors import consultation_next_change, consultation_status
from rapfang.consultations.timeline import Status, Step, derive_status
from rapfang.core.windows import Window

SECOND = timedelta(seconds=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (bkk(2016, 11, 14, 23, 59, 59), Status.REGISTRATION_OPEN),
        (bkk(2016, 11, 15, 0, 0, 0), Status.REGISTRATION_CLOSED),
        (bkk(2016, 11, 17, 23, 59, 59), Status.REGISTRATION_CLOSED),
        (bkk(2016, 11, 18, 0, 0, 0), Status.COMMENTS_OPEN),
        (bkk(2016, 11, 18, 10, 0, 0), Status.COMMENTS_OPEN),
        (bkk(2016, 11, 23, 23, 59, 59), Status.COMMENTS_OPEN),
        (bkk(2016, 11, 24, 0, 0, 0), Status.CLOSED),
        (bkk(2026, 1, 1), Status.CLOSED),
    ],
)
def test_the_seed_timeline_gives_each_status_to_the_second(demo, moment, expected):
    assert consultation_status(demo, moment) is expected


@pytest.mark.django_db
def test_next_change_is_the_registration_deadline_then_the_comment_period(demo):
    assert consultation_next_change(demo, bkk(2016, 11, 10)) == bkk(2016, 11, 15)
    assert consultation_next_change(demo, bkk(2016, 11, 23, 12)) == bkk(2016, 11, 24)
    assert consultation_next_change(demo, bkk(2020, 1, 1)) is None


def test_unpublished_and_archived_override_the_clock():
    steps = [Step("comments", Window(bkk(2016, 11, 18), bkk(2016, 11, 23, 23, 59, 59)))]
    assert derive_status(steps, bkk(2016, 11, 20), published=False) is Status.DRAFT
    assert derive_status(steps, bkk(2016, 11, 20), archived=True) is Status.ARCHIVED


def test_hearing_day_when_only_the_hearing_is_under_way():
    steps = [Step("hearing", Window(bkk(2016, 11, 18, 9, 30), bkk(2016, 11, 18, 16)))]
    assert derive_status(steps, bkk(2016, 11, 18, 9, 29, 59)) is Status.ANNOUNCED
    assert derive_status(steps, bkk(2016, 11, 18, 9, 30)) is Status.HEARING_DAY
    assert derive_status(steps, bkk(2016, 11, 18, 16, 0, 1)) is Status.CLOSED


def test_published_results_outrank_everything_before_them():
    steps = [
        Step("comments", Window(bkk(2016, 11, 18), bkk(2016, 11, 23, 23, 59, 59))),
        Step("results", Window(bkk(2017, 2, 1), None)),
    ]
    assert derive_status(steps, bkk(2017, 1, 31, 23, 59, 59)) is Status.CLOSED
    assert derive_status(steps, bkk(2017, 2, 1)) is Status.RESULTS


def test_window_days_counts_calendar_days_in_bangkok():
    from rapfang.consultations.timeline import window_days

    assert window_days(bkk(2016, 11, 18), bkk(2016, 11, 23, 23, 59, 59)) == 6
    assert window_days(bkk(2016, 11, 18, 23, 0), bkk(2016, 11, 18, 23, 30)) == 1


@pytest.mark.django_db
def test_the_seed_comment_period_is_measured_against_the_legal_minimum(demo, settings):
    from rapfang.consultations.selectors import comment_period_check

    check = comment_period_check(demo)
    assert (check.days, check.minimum, check.meets_minimum) == (6, 15, False)
    settings.LEGAL_MINIMUM_DAYS = 5
    assert comment_period_check(demo).meets_minimum
