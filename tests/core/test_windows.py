from datetime import datetime, timedelta

import pytest

from clock import bkk
from rapfang.core.windows import Window, WindowState

CLOSE = bkk(2016, 11, 14, 23, 59, 59)
OPEN = bkk(2016, 11, 1, 8, 0, 0)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (OPEN - SECOND, WindowState.NOT_YET),
        (OPEN, WindowState.OPEN),
        (OPEN + SECOND, WindowState.OPEN),
        (CLOSE - SECOND, WindowState.OPEN),
        (CLOSE, WindowState.OPEN),
        (CLOSE + timedelta(milliseconds=999), WindowState.OPEN),
        (CLOSE + SECOND, WindowState.CLOSED),
    ],
)
def test_window_is_exact_to_the_second(moment, expected):
    assert Window(OPEN, CLOSE).state(moment) is expected


def test_window_edges_hold_from_another_time_zone():
    utc_close = datetime.fromisoformat("2016-11-14T16:59:59+00:00")
    window = Window(None, CLOSE)
    assert window.state(utc_close) is WindowState.OPEN
    assert window.state(utc_close + SECOND) is WindowState.CLOSED


def test_open_ended_window_is_open_from_the_start():
    assert Window(None, CLOSE).state(bkk(2000, 1, 1)) is WindowState.OPEN
    assert Window(OPEN, None).state(bkk(2100, 1, 1)) is WindowState.OPEN


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        Window(datetime(2016, 11, 1), CLOSE)
    with pytest.raises(ValueError, match="naive"):
        Window(OPEN, CLOSE).state(datetime(2016, 11, 2))


def test_window_cannot_close_before_it_opens():
    with pytest.raises(ValueError):
        Window(CLOSE, OPEN)


def test_next_change_is_the_first_moment_the_state_differs():
    window = Window(OPEN, CLOSE)
    assert window.next_change(OPEN - timedelta(hours=1)) == OPEN
    assert window.next_change(OPEN) == CLOSE + SECOND
    assert window.next_change(CLOSE + SECOND) is None
