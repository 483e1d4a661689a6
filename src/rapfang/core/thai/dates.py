"""Thai dates, times, digits and numbers, for people to read and to type.

Plain Python with no Django import, so the CLI, workers and benchmarks can use it.

Display: Thai uses the Buddhist era (B.E. = C.E. + 543) and ``09.30 น.`` times; English uses C.E. and
``09:30``. Aware datetimes are shown in Asia/Bangkok; naive datetimes are refused with ``ValueError``.

Input: ``parse_date`` accepts Thai or Arabic digits, ``d/m/y`` with ``/``, ``-`` or ``.``, ISO ``y-m-d``
and Thai or English month names, with an optional weekday in front (it must match). The year rule is the
same everywhere: a four-digit year of 2400 or more is B.E., a smaller one C.E., and a two-digit year is
B.E. 25xx; an explicit ``พ.ศ.`` or ``ค.ศ.`` before the year decides instead. Bad input raises
``ThaiDateError`` (a ``ValueError``) with an English message and a ``code`` the Django layer can translate.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Monday first, as date.weekday() counts.
THAI_WEEKDAYS = ("วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสบดี", "วันศุกร์", "วันเสาร์", "วันอาทิตย์")
THAI_WEEKDAYS_ABBR = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENGLISH_MONTHS_ABBR = tuple(name[:3] for name in ENGLISH_MONTHS)
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_EN_DASH = "\u2013"


class ThaiDateError(ValueError):
    """Text that is not a date or time; ``code``: ``"invalid"`` (unreadable) or ``"out_of_range"``."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


# --- digits and years -------------------------------------------------------------------------------


def to_thai_digits(s: str) -> str:
    """Replace 0-9 with ๐-๙; everything else is left alone."""
    return s.translate(_TO_THAI)


def to_arabic_digits(s: str) -> str:
    """Replace ๐-๙ with 0-9; everything else is left alone."""
    return s.translate(_TO_ARABIC)


def be_year(year: int) -> int:
    """The Buddhist-era year of a C.E. year: 2016 → 2559."""
    return year + BE_OFFSET


def ce_year(year: int) -> int:
    """The C.E. year of a Buddhist-era year: 2559 → 2016."""
    return year - BE_OFFSET


def format_number(n: int, *, thai_digits: bool = False) -> str:
    """``1234567`` → ``1,234,567`` (or ``๑,๒๓๔,๕๖๗``)."""
    text = f"{n:,}"
    return to_thai_digits(text) if thai_digits else text


# --- display ----------------------------------------------------------------------------------------


def to_bangkok(dt: datetime) -> datetime:
    """An aware datetime in Asia/Bangkok; a naive one is a programming error."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt.isoformat()} refused: give it a time zone")
    return dt.astimezone(BANGKOK)


def _local_date(d: date | datetime) -> date:
    return to_bangkok(d).date() if isinstance(d, datetime) else d


def _local_time(t: time | datetime) -> time:
    return to_bangkok(t).time() if isinstance(t, datetime) else t


def _language(lang: str) -> str:
    """``th``, ``th-TH``, ``en``, ``en-us`` … → ``th`` or ``en``."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base not in ("th", "en"):
        raise ValueError(f"unsupported language {lang!r}: use 'th' or 'en'")
    return base


def _check_style(style: str) -> None:
    if style not in ("long", "short"):
        raise ValueError(f"unknown date style {style!r}: use 'long' or 'short'")


def _day_month(d: date, lang: str, style: str) -> str:
    months: tuple[str, ...]
    if lang == "th":
        months = THAI_MONTHS if style == "long" else THAI_MONTHS_ABBR
    else:
        months = ENGLISH_MONTHS if style == "long" else ENGLISH_MONTHS_ABBR
    return f"{d.day} {months[d.month - 1]}"


def _year(d: date, lang: str, style: str) -> str:
    if lang == "en":
        return str(d.year)
    return f"{be_year(d.year) % 100:02d}" if style == "short" else str(be_year(d.year))


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def format_date(
    d: date | datetime,
    *,
    lang: str = "th",
    thai_digits: bool = False,
    style: str = "long",
    weekday: bool = False,
) -> str:
    """``18 พฤศจิกายน 2559``, ``18 พ.ย. 59``, ``วันศุกร์ที่ 18 …``; ``18 November 2016``, ``18 Nov 2016``."""
    lang, local = _language(lang), _local_date(d)
    _check_style(style)
    text = f"{_day_month(local, lang, style)} {_year(local, lang, style)}"
    if weekday and lang == "th":
        text = f"{THAI_WEEKDAYS[local.weekday()]}ที่ {text}"
    elif weekday:
        text = f"{ENGLISH_WEEKDAYS[local.weekday()]} {text}"
    return _digits(text, thai_digits)


def _clock(t: time, lang: str) -> str:
    return f"{t.hour:02d}.{t.minute:02d}" if lang == "th" else f"{t.hour:02d}:{t.minute:02d}"


def format_time(t: time | datetime, *, lang: str = "th", thai_digits: bool = False) -> str:
    """``09.30 น.`` in Thai, ``09:30`` in English; seconds are not shown."""
    lang, local = _language(lang), _local_time(t)
    text = f"{_clock(local, lang)} น." if lang == "th" else _clock(local, lang)
    return _digits(text, thai_digits)


def format_datetime(
    dt: datetime, *, lang: str = "th", thai_digits: bool = False, style: str = "long", weekday: bool = False
) -> str:
    """``18 พฤศจิกายน 2559 เวลา 09.30 น.`` in Thai, ``18 November 2016, 09:30`` in English."""
    local = to_bangkok(dt)
    day = format_date(local, lang=lang, thai_digits=thai_digits, style=style, weekday=weekday)
    clock = format_time(local, lang=lang, thai_digits=thai_digits)
    return f"{day} เวลา {clock}" if _language(lang) == "th" else f"{day}, {clock}"


def format_time_range(
    start: time | datetime, end: time | datetime, *, lang: str = "th", thai_digits: bool = False
) -> str:
    """``09.30 – 16.00 น.`` in Thai, ``09:30–16:00`` in English."""
    lang = _language(lang)
    first, last = _clock(_local_time(start), lang), _clock(_local_time(end), lang)
    text = f"{first} {_EN_DASH} {last} น." if lang == "th" else f"{first}{_EN_DASH}{last}"
    return _digits(text, thai_digits)


def format_date_range(
    start: date | datetime,
    end: date | datetime,
    *,
    lang: str = "th",
    thai_digits: bool = False,
    style: str = "long",
) -> str:
    """Two dates sharing month and year when they can.

    ``18 – 23 พ.ย. 59``, ``28 ต.ค. – 2 พ.ย. 59``, ``18–23 November 2016``; the same date twice is one date.
    """
    lang, first, last = _language(lang), _local_date(start), _local_date(end)
    _check_style(style)
    if last < first:
        raise ValueError(f"date range ends ({last}) before it starts ({first})")
    if first == last:
        return format_date(first, lang=lang, thai_digits=thai_digits, style=style)
    return _digits(_range_text(first, last, lang, style), thai_digits)


def _range_text(first: date, last: date, lang: str, style: str) -> str:
    tail = f"{_day_month(last, lang, style)} {_year(last, lang, style)}"
    if (first.year, first.month) == (last.year, last.month):
        head = str(first.day)
    elif first.year == last.year:
        head = _day_month(first, lang, style)
    else:
        head = f"{_day_month(first, lang, style)} {_year(first, lang, style)}"
    if lang == "en" and head.isdigit():
        return f"{head}{_EN_DASH}{tail}"
    return f"{head} {_EN_DASH} {tail}"


# --- input ------------------------------------------------------------------------------------------

_MONTH_BY_NAME = {
    name.replace(".", "").lower(): number
    for names in (THAI_MONTHS, THAI_MONTHS_ABBR, ENGLISH_MONTHS, ENGLISH_MONTHS_ABBR)
    for number, name in enumerate(names, start=1)
} | {"sept": 9}
_WEEKDAY_BY_NAME = {name.lower(): n for names in (THAI_WEEKDAYS, ENGLISH_WEEKDAYS) for n, name in enumerate(names)}
_WEEKDAY_BY_NAME["วันพฤหัส"] = 3

_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_DMY_DATE = re.compile(r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4}|[0-9]{2})")
_NAMED_DATE = re.compile(
    r"(?P<day>[0-9]{1,2}) ?(?P<month>[^0-9]+?) ?"
    r"(?:(?P<era>พ\. ?ศ\.?|ค\. ?ศ\.?|b\.? ?e\.?|a\.? ?d\.?|c\.? ?e\.?) ?)?(?P<year>[0-9]{4}|[0-9]{2})",
    re.IGNORECASE,
)
_WEEKDAY_PREFIX = re.compile(r"(?P<weekday>วัน[^ 0-9]+?|[a-z]+day)(?: ?ที่)?,? ?(?=[0-9])", re.IGNORECASE)
_TIME = re.compile(
    r"(?:เวลา ?)?(?P<hour>[0-9]{1,2})[.:](?P<minute>[0-9]{2})(?:[.:](?P<second>[0-9]{2}))?"
    r"(?: ?(?:น\.?|นาฬิกา))?"
)
_ISO_DATETIME = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,6}))?)?"
    r" ?(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?",
    re.IGNORECASE,
)
_DATE_AND_TIME = re.compile(r"(?P<date>.+?)(?:, ?| ?เวลา ?| )(?P<time>[0-9]{1,2}[.:][0-9]{2}\S*(?: ?น\.?)?)")


def _clean(text: str) -> str:
    """Arabic digits, no zero-width characters, single spaces, ``ำ`` written as one character."""
    if not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    text = to_arabic_digits(text).replace("\u0e4d\u0e32", "\u0e33")
    text = re.sub("[\u200b\u200c\u200d\ufeff]", "", text)
    return " ".join(text.split())


def _resolve_year(text: str, era: str | None = None) -> int:
    """Apply the year rule (see the module docstring) and return the C.E. year."""
    year = int(text)
    marker = (era or "").replace(".", "").replace(" ", "").lower()
    if marker in ("คศ", "ad", "ce"):
        if len(text) == 2:
            raise ThaiDateError(f"a two-digit C.E. year {text!r} is ambiguous: write all four digits")
        return year
    if len(text) == 2:
        return ce_year(2500 + year)
    return ce_year(year) if marker in ("พศ", "be") or year >= 2400 else year


def _make_date(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise ThaiDateError(f"there is no month {month}: months run from 1 to 12", code="out_of_range")
    if not 1 <= year <= 9999:
        raise ThaiDateError(f"the year {year} C.E. is out of range", code="out_of_range")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        when = f"{ENGLISH_MONTHS[month - 1]} {year} (B.E. {be_year(year)})"
        raise ThaiDateError(f"{when} has {days} days, so day {day} does not exist", code="out_of_range")
    return date(year, month, day)


def _month_number(name: str) -> int:
    number = _MONTH_BY_NAME.get(name.replace(".", "").replace(" ", "").lower())
    if number is None:
        raise ThaiDateError(f"{name!r} is not the name of a month")
    return number


def _split_weekday(text: str) -> tuple[int | None, str]:
    """A leading weekday (``วันศุกร์ที่``, ``Friday``) as 0-6, and the rest of the text."""
    match = _WEEKDAY_PREFIX.match(text)
    if match is None:
        return None, text
    name = match["weekday"].lower()
    if name not in _WEEKDAY_BY_NAME:
        raise ThaiDateError(f"{match['weekday']!r} is not the name of a weekday")
    return _WEEKDAY_BY_NAME[name], text[match.end() :]


def _date_from_clean(text: str) -> date:
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(_resolve_year(match["year"]), int(match["month"]), int(match["day"]))
    if match := _DMY_DATE.fullmatch(text):
        return _make_date(_resolve_year(match["year"]), int(match["month"]), int(match["day"]))
    if match := _NAMED_DATE.fullmatch(text):
        year = _resolve_year(match["year"], match["era"])
        return _make_date(year, _month_number(match["month"]), int(match["day"]))
    raise ThaiDateError(f"{text!r} is not a date: write it like 18/11/2559, 2016-11-18 or 18 พ.ย. 2559")


def parse_date(text: str) -> date:
    """A date typed by a person; see the module docstring for the forms and the year rule."""
    clean = _clean(text)
    if not clean:
        raise ThaiDateError("no date given")
    weekday, rest = _split_weekday(clean)
    result = _date_from_clean(rest)
    if weekday is not None and weekday != result.weekday():
        actual = ENGLISH_WEEKDAYS[result.weekday()]
        raise ThaiDateError(f"{result.isoformat()} is a {actual}, not a {ENGLISH_WEEKDAYS[weekday]}")
    return result


def _make_time(hour: str, minute: str, second: str | None = None, microsecond: int = 0) -> time:
    h, m, s = int(hour), int(minute), int(second or 0)
    if h > 23 or m > 59 or s > 59:
        raise ThaiDateError(f"{hour}:{minute} is not a time of day: hours run 0-23, minutes 0-59", code="out_of_range")
    return time(h, m, s, microsecond)


def parse_time(text: str) -> time:
    """``09.30``, ``9:30``, ``09.30 น.``, ``๐๙.๓๐ น.``, ``09:30:15`` → a naive ``time``."""
    clean = _clean(text)
    match = _TIME.fullmatch(clean)
    if match is None:
        raise ThaiDateError(f"{clean!r} is not a time: write it like 09.30 or 09:30" if clean else "no time given")
    return _make_time(match["hour"], match["minute"], match["second"])


def _offset(text: str) -> tzinfo:
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ThaiDateError(f"{text!r} is not a time-zone offset", code="out_of_range")
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _iso_datetime(match: re.Match[str], tz: tzinfo) -> datetime:
    microsecond = int((match["fraction"] or "0").ljust(6, "0"))
    clock = _make_time(match["hour"], match["minute"], match["second"], microsecond)
    zone = _offset(match["offset"]) if match["offset"] else tz
    return datetime.combine(parse_date(match["date"]), clock, tzinfo=zone).astimezone(tz)


def parse_datetime(text: str, tz: tzinfo = BANGKOK) -> datetime:
    """An aware datetime in ``tz``: a date and a time (``18/11/2559 09.30``, ``… เวลา 09.30 น.``) or ISO 8601.

    A date and time without an offset are wall-clock time in ``tz``; an ISO offset is honoured and the
    result converted to ``tz``.
    """
    clean = _clean(text)
    if not clean:
        raise ThaiDateError("no date and time given")
    if match := _ISO_DATETIME.fullmatch(clean):
        return _iso_datetime(match, tz)
    match = _DATE_AND_TIME.fullmatch(clean)
    if match is None:
        message = f"{clean!r} is not a date and time: write it like 18/11/2559 09.30 or 2016-11-18T09:30+07:00"
        raise ThaiDateError(message)
    return datetime.combine(parse_date(match["date"]), parse_time(match["time"]), tzinfo=tz)
