from clock import bkk
from rapfang.core.when import format_month_range, format_window


def test_same_day_window_shows_its_hours_in_thai_and_english():
    start, end = bkk(2016, 11, 18, 9, 30), bkk(2016, 11, 18, 16, 0)
    assert format_window(start, end, lang="th") == "วันศุกร์ที่ 18 พฤศจิกายน 2559 เวลา 09.30 – 16.00 น."
    assert format_window(start, end, lang="th", thai_digits=True) == ("วันศุกร์ที่ ๑๘ พฤศจิกายน ๒๕๕๙ เวลา ๐๙.๓๐ – ๑๖.๐๐ น.")
    assert format_window(start, end, lang="en") == "Friday 18 November 2016, 09:30–16:00"


def test_whole_days_show_as_a_date_range():
    start, end = bkk(2016, 11, 18, 0, 0, 0), bkk(2016, 11, 23, 23, 59, 59)
    assert format_window(start, end, lang="th", style="short") == "18 – 23 พ.ย. 59"
    assert format_window(start, end, lang="en") == "18–23 November 2016"


def test_a_deadline_alone_reads_as_by_that_day():
    deadline = bkk(2016, 11, 14, 23, 59, 59)
    assert format_window(None, deadline, lang="th") == "ภายในวันจันทร์ที่ 14 พฤศจิกายน 2559"
    assert format_window(None, deadline, lang="en") == "until Monday 14 November 2016"


def test_an_open_end_or_a_timed_deadline_names_the_day_before_its_number():
    start, deadline = bkk(2026, 12, 5, 1, 40), bkk(2026, 12, 20, 16, 30)
    assert format_window(start, None, lang="th") == "ตั้งแต่วันที่ 5 ธันวาคม 2569 เวลา 01.40 น."
    assert format_window(start, None, lang="th", thai_digits=True) == "ตั้งแต่วันที่ ๕ ธันวาคม ๒๕๖๙ เวลา ๐๑.๔๐ น."
    assert format_window(None, deadline, lang="th") == "ภายในวันที่ 20 ธันวาคม 2569 เวลา 16.30 น."
    assert format_window(start, None, lang="en") == "from 5 December 2026, 01:40"


def test_months_known_only_to_the_month():
    start, end = bkk(2016, 8, 1), bkk(2016, 11, 30, 23, 59, 59)
    assert format_month_range(start, end, lang="th") == "สิงหาคม – พฤศจิกายน 2559"
    assert format_month_range(start, end, lang="en") == "August–November 2016"
    assert format_month_range(start, end, lang="th", thai_digits=True) == "สิงหาคม – พฤศจิกายน ๒๕๕๙"
