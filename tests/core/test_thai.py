"""Thai dates, times, digits and numbers (plain Python: runs with ``-p no:django``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pythainlp.util import arabic_digit_to_thai_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months, thai_full_weekdays

from rapfang.core.thai import (
    BANGKOK,
    ENGLISH_MONTHS,
    ENGLISH_MONTHS_ABBR,
    ENGLISH_WEEKDAYS,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    ThaiDateError,
    be_year,
    ce_year,
    format_date,
    format_date_range,
    format_datetime,
    format_number,
    format_time,
    format_time_range,
    parse_date,
    parse_datetime,
    parse_time,
    to_arabic_digits,
    to_bangkok,
    to_thai_digits,
)

HEARING_DAY = date(2016, 11, 18)  # a Friday; B.E. 2559
# 17:00 UTC is midnight in Bangkok (UTC+7, no daylight saving).
BANGKOK_MIDNIGHT = datetime(2016, 11, 17, 17, 0, tzinfo=UTC)
BANGKOK_LAST_SECOND = datetime(2016, 11, 18, 16, 59, 59, tzinfo=UTC)


# --- digits, years, numbers -------------------------------------------------------------------------


def test_digits_convert_both_ways_and_leave_other_characters_alone():
    assert to_thai_digits("18/11/2559 เวลา 09.30 น.") == "๑๘/๑๑/๒๕๕๙ เวลา ๐๙.๓๐ น."
    assert to_arabic_digits("๑๘/๑๑/๒๕๕๙ เวลา ๐๙.๓๐ น.") == "18/11/2559 เวลา 09.30 น."
    assert to_thai_digits("") == ""
    assert to_arabic_digits("abc ข้อ ๙ x") == "abc ข้อ 9 x"


def test_digits_match_pythainlp():
    text = "มาตรา 12 วรรค 3 (0123456789)"
    assert to_thai_digits(text) == arabic_digit_to_thai_digit(text)
    assert to_arabic_digits(to_thai_digits(text)) == text


def test_years_convert_between_eras():
    assert be_year(2016) == 2559
    assert ce_year(2559) == 2016
    assert ce_year(be_year(2024)) == 2024


@pytest.mark.parametrize(
    ("n", "arabic", "thai"),
    [
        (0, "0", "๐"),
        (999, "999", "๙๙๙"),
        (1000, "1,000", "๑,๐๐๐"),
        (1234567, "1,234,567", "๑,๒๓๔,๕๖๗"),
        (-25000, "-25,000", "-๒๕,๐๐๐"),
    ],
)
def test_format_number_groups_thousands(n, arabic, thai):
    assert format_number(n) == arabic
    assert format_number(n, thai_digits=True) == thai


def test_name_tables_match_pythainlp():
    assert list(THAI_MONTHS) == thai_full_months
    assert list(THAI_MONTHS_ABBR) == thai_abbr_months
    assert list(THAI_WEEKDAYS) == thai_full_weekdays
    assert ENGLISH_MONTHS[10] == "November"
    assert ENGLISH_MONTHS_ABBR[8] == "Sep"
    assert ENGLISH_WEEKDAYS[HEARING_DAY.weekday()] == "Friday"


# --- formatting dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "18 พฤศจิกายน 2559"),
        ({"style": "short"}, "18 พ.ย. 59"),
        ({"weekday": True}, "วันศุกร์ที่ 18 พฤศจิกายน 2559"),
        ({"style": "short", "weekday": True}, "วันศุกร์ที่ 18 พ.ย. 59"),
        ({"thai_digits": True}, "๑๘ พฤศจิกายน ๒๕๕๙"),
        ({"lang": "en"}, "18 November 2016"),
        ({"lang": "en", "style": "short"}, "18 Nov 2016"),
        ({"lang": "en", "weekday": True}, "Friday 18 November 2016"),
        ({"lang": "en-us"}, "18 November 2016"),
        ({"lang": "th-TH", "style": "short"}, "18 พ.ย. 59"),
    ],
)
def test_format_date(kwargs, expected):
    assert format_date(HEARING_DAY, **kwargs) == expected


@pytest.mark.parametrize("day", [date(2016, 1, 1), date(2020, 2, 29), date(2024, 12, 31), date(2000, 7, 9)])
def test_format_date_matches_pythainlp(day):
    assert format_date(day) == thai_strftime(datetime(day.year, day.month, day.day), "%-d %B %Y")
    assert format_date(day, style="short") == thai_strftime(datetime(day.year, day.month, day.day), "%-d %b %y")
    expected_weekday = thai_strftime(datetime(day.year, day.month, day.day), "%Aที่ %-d %B %Y")
    assert format_date(day, weekday=True) == expected_weekday


def test_format_date_short_year_keeps_two_digits():
    assert format_date(date(1957, 3, 1), style="short") == "1 มี.ค. 00"  # B.E. 2500
    assert format_date(date(1966, 3, 1), style="short") == "1 มี.ค. 09"  # B.E. 2509


def test_format_date_shows_aware_datetimes_in_bangkok():
    assert format_date(BANGKOK_MIDNIGHT) == "18 พฤศจิกายน 2559"
    assert format_date(BANGKOK_MIDNIGHT - timedelta(seconds=1)) == "17 พฤศจิกายน 2559"
    assert format_date(BANGKOK_LAST_SECOND) == "18 พฤศจิกายน 2559"
    assert format_date(BANGKOK_LAST_SECOND + timedelta(seconds=1)) == "19 พฤศจิกายน 2559"
    new_york = datetime(2016, 11, 17, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    assert format_date(new_york, lang="en", weekday=True) == "Friday 18 November 2016"


def test_format_date_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="naive"):
        format_date(datetime(2016, 11, 18, 9, 30))
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2016, 11, 18, 9, 30))
    with pytest.raises(ValueError, match="naive"):
        format_time(datetime(2016, 11, 18, 9, 30))


def test_format_date_refuses_unknown_language_and_style():
    with pytest.raises(ValueError, match="language"):
        format_date(HEARING_DAY, lang="fr")
    with pytest.raises(ValueError, match="style"):
        format_date(HEARING_DAY, style="medium")


# --- formatting times, date-times and ranges --------------------------------------------------------


def test_format_time():
    assert format_time(time(9, 30)) == "09.30 น."
    assert format_time(time(9, 30, 59), lang="en") == "09:30"
    assert format_time(time(0, 0), thai_digits=True) == "๐๐.๐๐ น."
    assert format_time(BANGKOK_MIDNIGHT) == "00.00 น."
    assert format_time(BANGKOK_LAST_SECOND, lang="en") == "23:59"


def test_format_datetime():
    morning = datetime(2016, 11, 18, 2, 30, tzinfo=UTC)
    assert format_datetime(morning) == "18 พฤศจิกายน 2559 เวลา 09.30 น."
    assert format_datetime(morning, lang="en") == "18 November 2016, 09:30"
    assert format_datetime(morning, thai_digits=True) == "๑๘ พฤศจิกายน ๒๕๕๙ เวลา ๐๙.๓๐ น."
    assert format_datetime(morning, style="short", weekday=True) == "วันศุกร์ที่ 18 พ.ย. 59 เวลา 09.30 น."


def test_format_datetime_crosses_the_date_line_into_bangkok():
    assert format_datetime(BANGKOK_MIDNIGHT) == "18 พฤศจิกายน 2559 เวลา 00.00 น."
    assert format_datetime(BANGKOK_LAST_SECOND, lang="en") == "18 November 2016, 23:59"


def test_format_time_range():
    assert format_time_range(time(9, 30), time(16, 0)) == "09.30 – 16.00 น."
    assert format_time_range(time(9, 30), time(16, 0), lang="en") == "09:30–16:00"
    assert format_time_range(time(9, 30), time(16, 0), thai_digits=True) == "๐๙.๓๐ – ๑๖.๐๐ น."
    start = datetime(2016, 11, 18, 2, 30, tzinfo=UTC)
    assert format_time_range(start, start + timedelta(hours=6, minutes=30)) == "09.30 – 16.00 น."


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "expected"),
    [
        (date(2016, 11, 18), date(2016, 11, 23), {"style": "short"}, "18 – 23 พ.ย. 59"),
        (date(2016, 11, 18), date(2016, 11, 23), {}, "18 – 23 พฤศจิกายน 2559"),
        (date(2016, 10, 28), date(2016, 11, 2), {"style": "short"}, "28 ต.ค. – 2 พ.ย. 59"),
        (date(2016, 12, 28), date(2017, 1, 2), {"style": "short"}, "28 ธ.ค. 59 – 2 ม.ค. 60"),
        (date(2016, 11, 18), date(2016, 11, 23), {"lang": "en"}, "18–23 November 2016"),
        (date(2016, 11, 18), date(2016, 11, 23), {"lang": "en", "style": "short"}, "18–23 Nov 2016"),
        (date(2016, 10, 28), date(2016, 11, 2), {"lang": "en"}, "28 October – 2 November 2016"),
        (date(2016, 12, 28), date(2017, 1, 2), {"lang": "en"}, "28 December 2016 – 2 January 2017"),
        (date(2016, 11, 18), date(2016, 11, 18), {}, "18 พฤศจิกายน 2559"),
        (date(2016, 11, 18), date(2016, 11, 23), {"thai_digits": True, "style": "short"}, "๑๘ – ๒๓ พ.ย. ๕๙"),
    ],
)
def test_format_date_range(start, end, kwargs, expected):
    assert format_date_range(start, end, **kwargs) == expected


def test_format_date_range_converts_datetimes_and_refuses_backwards_ranges():
    assert format_date_range(BANGKOK_MIDNIGHT, BANGKOK_LAST_SECOND, style="short") == "18 พ.ย. 59"
    with pytest.raises(ValueError, match="before"):
        format_date_range(date(2016, 11, 23), date(2016, 11, 18))


# --- parsing dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "18/11/2559",
        "๑๘/๑๑/๒๕๕๙",
        "18/11/2016",
        "2016-11-18",
        "๒๐๑๖-๑๑-๑๘",
        "18-11-2559",
        "18.11.2559",
        "  18/11/2559\t",
        "18/11/59",
        "18/11/๕๙",
        "18 พฤศจิกายน 2559",
        "18 พ.ย. 2559",
        "18 พ.ย. 59",
        "18พ.ย.59",
        "๑๘ พ.ย. ๕๙",
        "18 พฤศจิกายน พ.ศ. 2559",
        "18 November 2016",
        "18 Nov 2016",
        "18 nov. 2016",
        "วันศุกร์ที่ 18 พฤศจิกายน 2559",
        "Friday, 18 November 2016",
        "18\u200b/11/2559",
        "18\xa0พ.ย.\xa02559",
    ],
)
def test_parse_date_accepts(text):
    assert parse_date(text) == HEARING_DAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29/02/2563", date(2020, 2, 29)),  # B.E. 2563 is the leap year 2020
        ("29/2/2020", date(2020, 2, 29)),
        ("๒๙/๐๒/๒๕๖๓", date(2020, 2, 29)),
        ("29 ก.พ. 63", date(2020, 2, 29)),
        ("1/1/00", date(1957, 1, 1)),  # two-digit years are B.E. 25xx
        ("31/12/99", date(2056, 12, 31)),
        ("1/1/2400", date(1857, 1, 1)),  # 2400 and above is B.E.
        ("1/1/2399", date(2399, 1, 1)),  # below is C.E.
        ("2559-11-18", date(2016, 11, 18)),  # the rule holds in ISO form too
        ("1 มกราคม ค.ศ. 2016", date(2016, 1, 1)),
        ("9.3.2560", date(2017, 3, 9)),
    ],
)
def test_parse_date_year_rule_and_edges(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("day", [date(2016, 1, 1), date(2020, 2, 29), date(2024, 12, 31), HEARING_DAY])
@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("style", ["long", "short"])
@pytest.mark.parametrize("weekday", [False, True])
@pytest.mark.parametrize("thai_digits", [False, True])
def test_parse_date_reads_what_format_date_writes(day, lang, style, weekday, thai_digits):
    text = format_date(day, lang=lang, style=style, weekday=weekday, thai_digits=thai_digits)
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/11/2559", "out_of_range"),
        ("30/02/2559", "out_of_range"),
        ("29/02/2560", "out_of_range"),  # 2017 is not a leap year
        ("29/02/2564", "out_of_range"),
        ("0/11/2559", "out_of_range"),
        ("18/13/2559", "out_of_range"),
        ("18/00/2559", "out_of_range"),
        ("2016-02-30", "out_of_range"),
        ("", "invalid"),
        ("   ", "invalid"),
        ("garbage", "invalid"),
        ("18/11", "invalid"),
        ("18/11/259", "invalid"),
        ("18/11/02559", "invalid"),
        ("18/11-2559", "invalid"),
        ("18 11 2559", "invalid"),
        ("18 ก.พ.ย. 2559", "invalid"),
        ("18 พ.ย. ๒๕๕๙x", "invalid"),
        ("2016-11-18T09:30", "invalid"),
        ("1 ม.ค. ค.ศ. 16", "invalid"),
        ("วันพฤหัสบดีที่ 18 พฤศจิกายน 2559", "invalid"),  # 18 Nov 2016 was a Friday
        ("วันหยุดที่ 18 พฤศจิกายน 2559", "invalid"),
    ],
)
def test_parse_date_refuses(text, code):
    with pytest.raises(ThaiDateError) as caught:
        parse_date(text)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


def test_parse_date_errors_explain_themselves():
    with pytest.raises(ThaiDateError, match=r"November 2016 \(B\.E\. 2559\) has 30 days, so day 31"):
        parse_date("31/11/2559")
    with pytest.raises(ThaiDateError, match=r"February 2017 .* has 28 days"):
        parse_date("29/02/2560")
    with pytest.raises(ThaiDateError, match="is not a date"):
        parse_date("tomorrow")
    with pytest.raises(ThaiDateError, match="no date given"):
        parse_date("")
    with pytest.raises(ThaiDateError, match="is a Friday, not a Thursday"):
        parse_date("Thursday 18 November 2016")


def test_parse_date_refuses_non_text():
    with pytest.raises(TypeError):
        parse_date(None)  # type: ignore[arg-type]


# --- parsing times and date-times -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09.30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("๐๙.๓๐ น.", time(9, 30)),
        ("09.30 น.", time(9, 30)),
        ("09.30น.", time(9, 30)),
        ("9.30 นาฬิกา", time(9, 30)),
        ("เวลา 09.30 น.", time(9, 30)),
        (" 23:59:59 ", time(23, 59, 59)),
        ("00.00", time(0, 0)),
    ],
)
def test_parse_time_accepts(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("24.00", "out_of_range"),
        ("9.60", "out_of_range"),
        ("9", "invalid"),
        ("", "invalid"),
        ("9.3", "invalid"),
    ],
)
def test_parse_time_refuses(text, code):
    with pytest.raises(ThaiDateError) as caught:
        parse_time(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "text",
    [
        "18/11/2559 09.30",
        "18/11/2559 เวลา 09.30 น.",
        "18/11/2559เวลา9.30",
        "๑๘/๑๑/๒๕๕๙ ๐๙.๓๐ น.",
        "18 พฤศจิกายน 2559 เวลา 09.30 น.",
        "18 พ.ย. 59 9:30",
        "18 November 2016, 09:30",
        "2016-11-18 09:30",
        "2016-11-18T09:30",
        "2016-11-18T09:30:00+07:00",
        "2016-11-18T02:30:00Z",
        "2016-11-18T02:30:00+00:00",
        "2016-11-17T21:30:00-05:00",
        "2016-11-18T09:30+0700",
    ],
)
def test_parse_datetime_accepts(text):
    result = parse_datetime(text)
    assert result == datetime(2016, 11, 18, 9, 30, tzinfo=BANGKOK)
    assert result.tzinfo == BANGKOK
    assert result.utcoffset() == timedelta(hours=7)


def test_parse_datetime_keeps_seconds_and_fractions():
    result = parse_datetime("2016-11-18T16:59:59.250Z")
    assert result == datetime(2016, 11, 18, 23, 59, 59, 250000, tzinfo=BANGKOK)


def test_parse_datetime_crosses_midnight_into_bangkok():
    assert parse_datetime("2016-11-17T17:00:00Z") == datetime(2016, 11, 18, 0, 0, tzinfo=BANGKOK)
    assert parse_datetime("2016-11-17T17:00:00Z").date() == HEARING_DAY
    assert parse_datetime("2016-11-18T16:59:59Z").date() == HEARING_DAY
    assert parse_datetime("2016-11-18T17:00:00Z").date() == date(2016, 11, 19)


def test_parse_datetime_with_another_zone():
    tokyo = timezone(timedelta(hours=9))
    result = parse_datetime("18/11/2559 09.30", tz=tokyo)
    assert result == datetime(2016, 11, 18, 0, 30, tzinfo=UTC)
    assert result.utcoffset() == timedelta(hours=9)


def test_parse_datetime_reads_what_format_datetime_writes():
    moment = datetime(2020, 2, 29, 3, 5, tzinfo=UTC)
    for lang in ("th", "en"):
        for thai_digits in (False, True):
            text = format_datetime(moment, lang=lang, thai_digits=thai_digits, weekday=True)
            assert parse_datetime(text) == moment


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "invalid"),
        ("18/11/2559", "invalid"),
        ("09.30", "invalid"),
        ("garbage 09.30", "invalid"),
        ("31/11/2559 09.30", "out_of_range"),
        ("18/11/2559 25.00", "out_of_range"),
        ("2016-11-18T09:30+25:00", "out_of_range"),
    ],
)
def test_parse_datetime_refuses(text, code):
    with pytest.raises(ThaiDateError) as caught:
        parse_datetime(text)
    assert caught.value.code == code


def test_to_bangkok():
    assert to_bangkok(BANGKOK_MIDNIGHT) == datetime(2016, 11, 18, 0, 0, tzinfo=BANGKOK)
    assert to_bangkok(BANGKOK_MIDNIGHT).tzinfo == BANGKOK
    with pytest.raises(ValueError, match="naive"):
        to_bangkok(datetime(2016, 11, 18))
