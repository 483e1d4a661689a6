"""How a time window reads to people: `18 – 23 พ.ย. 59`, `วันศุกร์ที่ 18 พฤศจิกายน 2559 เวลา 09.30 – 16.00 น.`.

Plain Python on top of `thai`; used by templates, the API's text fields and reports.
"""

from __future__ import annotations

from datetime import datetime

from rapfang.core import thai


def is_end_of_day(moment: datetime) -> bool:
    local = thai.to_bangkok(moment)
    return (local.hour, local.minute, local.second) == (23, 59, 59)


def is_start_of_day(moment: datetime) -> bool:
    local = thai.to_bangkok(moment)
    return (local.hour, local.minute, local.second) == (0, 0, 0)


def format_month_range(start: datetime, end: datetime, *, lang: str = "th", thai_digits: bool = False) -> str:
    """`สิงหาคม – พฤศจิกายน 2559` or `August–November 2016`."""
    first, last = thai.to_bangkok(start), thai.to_bangkok(end)
    months = thai.THAI_MONTHS if lang == "th" else thai.ENGLISH_MONTHS
    year = thai.be_year if lang == "th" else (lambda y: y)
    head = months[first.month - 1] + ("" if first.year == last.year else f" {year(first.year)}")
    tail = f"{months[last.month - 1]} {year(last.year)}"
    text = f"{head} – {tail}" if lang == "th" else f"{head}–{tail}"
    if (first.year, first.month) == (last.year, last.month):
        text = tail
    return thai.to_thai_digits(text) if thai_digits else text


def format_window(
    start: datetime | None,
    end: datetime | None,
    *,
    lang: str = "th",
    thai_digits: bool = False,
    style: str = "long",
    month_precision: bool = False,
) -> str:
    """A window in words; whole days show as dates, a same-day window shows its hours."""
    if start and end and month_precision:
        return format_month_range(start, end, lang=lang, thai_digits=thai_digits)
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return _open_ended(start, end, style=style, lang=lang, thai_digits=thai_digits)
    if is_start_of_day(start) and is_end_of_day(end):
        return thai.format_date_range(start, end, style=style, lang=lang, thai_digits=thai_digits)
    if thai.to_bangkok(start).date() == thai.to_bangkok(end).date():
        day = thai.format_date(start, style=style, weekday=style == "long", lang=lang, thai_digits=thai_digits)
        hours = thai.format_time_range(start, end, lang=lang, thai_digits=thai_digits)
        return f"{day} เวลา {hours}" if lang == "th" else f"{day}, {hours}"
    first = thai.format_datetime(start, style=style, lang=lang, thai_digits=thai_digits)
    last = thai.format_datetime(end, style=style, lang=lang, thai_digits=thai_digits)
    return f"{first} – {last}"


def _open_ended(start: datetime | None, end: datetime | None, *, style: str, lang: str, thai_digits: bool) -> str:
    if end is not None:
        when = (
            thai.format_date(end, style=style, weekday=True, lang=lang, thai_digits=thai_digits)
            if is_end_of_day(end)
            else thai.format_datetime(end, style=style, lang=lang, thai_digits=thai_digits)
        )
        return f"ภายใน{_day_named(when)}" if lang == "th" else f"until {when}"
    assert start is not None
    when = thai.format_datetime(start, style=style, lang=lang, thai_digits=thai_digits)
    return f"ตั้งแต่{_day_named(when)}" if lang == "th" else f"from {when}"


def _day_named(when: str) -> str:
    """A Thai date that begins with its day's number read after a word: "วันที่ 5 ธันวาคม …" (ตั้งแต่วันที่,
    ภายในวันที่), never "ตั้งแต่5 ธันวาคม"; one that begins with its weekday already names the day."""
    return f"วันที่ {when}" if when[:1].isdigit() else when
