"""Files made for a registration: the QR code for check-in and the calendar entry."""

from __future__ import annotations

import io
from datetime import datetime

import segno
from django.utils.translation import gettext as _

from rapfang.core.i18n import localized
from rapfang.core.thai import to_bangkok
from rapfang.hearings.models import Event, Registration


def qr_svg(reference: str) -> str:
    """An inline SVG of the reference, as a full QR code (never Micro QR, which phone cameras and zbar cannot read)."""
    qr = segno.make_qr(reference, error="m")
    return str(qr.svg_inline(scale=1, omitsize=True, svgclass="qr-code w-100 h-auto", title=reference))


def qr_png(reference: str) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(reference, error="m").save(buffer, kind="png", scale=8)
    return buffer.getvalue()


def _joining(event: Event, registration: Registration) -> list[str]:
    """The joining link and details, for a confirmed registrant's own calendar file only (never the public one)."""
    if not event.online or registration.status != "confirmed":
        return []
    return [part for part in (event.join_url, localized(event, "join_details")) if part]


def event_ics(event: Event, registration: Registration | None = None, now: datetime | None = None) -> bytes:
    """An iCalendar file with the event in Asia/Bangkok, VTIMEZONE included."""
    from icalendar import Calendar  # loaded where a calendar is made
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", "-//rapfang//hearings//TH")
    calendar.add("version", "2.0")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}-{registration.reference if registration else 'public'}@rapfang")
    entry.add("summary", localized(event, "title"))
    entry.add("dtstart", to_bangkok(event.starts_at))
    entry.add("dtend", to_bangkok(event.ends_at))
    entry.add("dtstamp", to_bangkok(now or event.updated_at))
    place = (localized(event, "venue"), localized(event, "address")) if event.at_venue else (str(_("Online")),)
    location = ", ".join(part for part in place if part)
    if location:
        entry.add("location", location)
    if registration is not None:
        entry.add("description", "\n".join([registration.reference, *_joining(event, registration)]))
        if event.online and event.join_url and registration.status == "confirmed":
            entry.add("url", event.join_url)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
