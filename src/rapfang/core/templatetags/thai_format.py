"""Dates, times and numbers as people read them: B.E. in Thai, C.E. in English.

Thai digits are used where the page sets `thai_digits` in its context (the organiser's choice),
and only in Thai.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from rapfang.core import salutation, thai, when
from rapfang.core.files import size_text
from rapfang.core.i18n import current_language
from rapfang.core.telephone import telephone_uri
from rapfang.core.thai.letters import spaced_brackets

register = template.Library()
THAI_LETTERS = re.compile("[\u0e01-\u0e5b]")


def _options(context: template.Context) -> dict[str, Any]:
    language = current_language()
    return {"lang": language, "thai_digits": bool(context.get("thai_digits")) and language == "th"}


@register.simple_tag(takes_context=True)
def fdate(context: template.Context, value: date | datetime | None, style: str = "long", weekday: bool = False) -> str:
    return "" if value is None else thai.format_date(value, style=style, weekday=weekday, **_options(context))


@register.simple_tag(takes_context=True)
def ftime(context: template.Context, value: datetime | None) -> str:
    return "" if value is None else thai.format_time(value, **_options(context))


@register.simple_tag(takes_context=True)
def fdatetime(context: template.Context, value: datetime | None, style: str = "long") -> str:
    return "" if value is None else thai.format_datetime(value, style=style, **_options(context))


@register.simple_tag(takes_context=True)
def fwindow(
    context: template.Context,
    start: datetime | None,
    end: datetime | None,
    style: str = "long",
    month_precision: bool = False,
) -> str:
    return when.format_window(start, end, style=style, month_precision=month_precision, **_options(context))


@register.simple_tag(takes_context=True)
def fnum(context: template.Context, value: int | None) -> str:
    return "" if value is None else thai.format_number(int(value), thai_digits=_options(context)["thai_digits"])


@register.simple_tag(takes_context=True)
def fdigits(context: template.Context, value: Any) -> str:
    """Any text with its digits in Thai where the page wants them (phone numbers, plan years)."""
    text = "" if value is None else str(value)
    return thai.to_thai_digits(text) if _options(context)["thai_digits"] else text


@register.simple_tag(takes_context=True)
def fsize(context: template.Context, size: int) -> str:
    """A file's size in B, KB or MB, in Thai digits where the page wants them."""
    text = size_text(int(size))
    return thai.to_thai_digits(text) if _options(context)["thai_digits"] else text


@register.filter
def addressee(name: str) -> str:
    """`{{ registration.name|addressee }}`: the name after "เรียน" / "Dear", with คุณ only where Thai mail wants it."""
    return salutation.addressee(str(name or ""), current_language())


@register.filter(needs_autoescape=True)
def th_mark(value: Any, autoescape: bool = True) -> SafeString:
    """`{{ contact|tr:"name"|th_mark }}`: Thai text on a page in another language, marked `lang="th"` so that
    screen readers and the browser's hyphenation read it as Thai (a Thai place, a name, a title)."""
    text = conditional_escape(value) if autoescape else str(value)
    if current_language() == "th" or not THAI_LETTERS.search(str(value)):
        return mark_safe(text)  # noqa: S308 (escaped above)
    return mark_safe(f'<span lang="th">{text}</span>')  # noqa: S308 (escaped above)


@register.filter
def tel_href(phone: str) -> str:
    """`<a href="{{ contact.phone|tel_href }}">`: the `tel:` address of a number as typed (`core.telephone`)."""
    return telephone_uri(str(phone or ""))


DATED_VERSION = re.compile(r"(\d{4})(-\d{1,2}(?:-\d+)?)")


@register.filter
def version_label(version: Any) -> str:
    """`{{ notice.version|version_label }}`: a version named by its year and month (2026-12-2) with its year in the
    Buddhist Era on a Thai page (2569-12-2); any other name as it is."""
    text = str(version or "")
    found = DATED_VERSION.fullmatch(text)
    if found is None or current_language() != "th":
        return text
    return f"{thai.be_year(int(found.group(1)))}{found.group(2)}"


@register.filter(is_safe=True)
def thai_spaced(value: Any) -> str:
    """`{{ sentence|thai_spaced }}`: brackets that touch Thai letters spaced as Thai is written (a title beginning
    "(ร่าง)" after a word)."""
    return spaced_brackets(str(value))


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ consultation|tr:"title" }}`: the field in the current language, falling back to Thai."""
    from rapfang.core.i18n import localized

    return localized(obj, field)


@register.filter
def short_title(consultation: Any, length: int = 40) -> str:
    """`{{ consultation|short_title }}`: its short name (DG2), else its title in the current language, shortened;
    never its address, which is Latin letters on a Thai page."""
    from django.utils.text import Truncator

    from rapfang.core.i18n import localized

    return consultation.short_name or Truncator(localized(consultation, "title")).chars(length)
