"""A consultation's own feeds: its news in Atom (the steps of its timeline as they begin and end, its published
responses and report) and its calendar in iCalendar (the comment period and the hearing events, Asia/Bangkok with
VTIMEZONE). Public facts only: no joining link, no personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core import when
from rapfang.core.i18n import current_language, localized
from rapfang.core.thai import to_bangkok
from rapfang.hearings.selectors import event_list_public
from rapfang.reports.models import Report, ReportStatus, Response

LIMIT = 50


@dataclass(frozen=True)
class NewsItem:
    guid: str
    title: str
    description: str
    link: str
    at: datetime


def _public(slug: str) -> Consultation:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error


def consultation_news(consultation: Consultation, now: datetime) -> list[NewsItem]:
    """What has happened in the consultation, newest first."""
    page = reverse("portal:consultation", args=[consultation.slug])
    items = []
    for step in consultation.milestones.all():
        for edge, moment in (("start", step.starts_at), ("end", step.ends_at)):
            if moment is not None and moment <= now:
                verb = _("began") if edge == "start" else _("ended")
                window = when.format_window(step.starts_at, step.ends_at, lang=current_language(),
                                            month_precision=step.month_precision)  # fmt: skip
                items.append(NewsItem(f"{step.kind}:{edge}:{moment.isoformat()}", f"{step.get_kind_display()} {verb}",
                                      window, page, moment))  # fmt: skip
    responses = reverse("reports:responses", args=[consultation.slug])
    published = Response.objects.filter(issue__consultation=consultation, published_at__lte=now).select_related("issue")
    for response in published.order_by("-published_at")[:LIMIT]:
        title = _("Response published: %(issue)s") % {"issue": localized(response.issue, "title")}
        items.append(NewsItem(f"response:{response.pk}", title, response.get_decision_display(),
                              f"{responses}#issue-{response.issue.number}", response.published_at or now))  # fmt: skip
    reports = Report.objects.filter(consultation=consultation, status=ReportStatus.PUBLISHED, published_at__lte=now)
    for report in reports:
        title = _("Summary report published (version %(number)s)") % {"number": report.number}
        items.append(NewsItem(f"report:{report.number}", title, "", page, report.published_at or now))
    return sorted(items, key=lambda item: item.at, reverse=True)[:LIMIT]


class ConsultationNewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Consultation:
        return _public(slug)

    def title(self, obj: Consultation) -> str:
        return _("News of the public hearing: %(title)s") % {"title": localized(obj, "title")}

    def link(self, obj: Consultation) -> str:
        return reverse("portal:consultation", args=[obj.slug])

    def subtitle(self, obj: Consultation) -> str:
        return _("The timeline as it moves on, and the responses and report as they are published.")

    def items(self, obj: Consultation) -> list[NewsItem]:
        return consultation_news(obj, timezone.now())

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.description

    def item_link(self, item: NewsItem) -> str:
        return item.link

    def item_guid(self, item: NewsItem) -> str:
        return item.guid

    def item_updateddate(self, item: NewsItem) -> datetime:
        return item.at

    def item_pubdate(self, item: NewsItem) -> datetime:
        return item.at


def consultation_ics(consultation: Consultation, now: datetime) -> bytes:
    from icalendar import Calendar  # loaded where a calendar is made
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", "-//rapfang//consultation//TH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", localized(consultation, "title"))
    period = next((m for m in consultation.milestones.all() if m.kind == MilestoneKind.COMMENTS), None)
    if period is not None and period.starts_at and period.ends_at:
        entry = CalendarEvent()
        entry.add("uid", f"consultation-{consultation.pk}-comments@rapfang")
        entry.add("summary", _("Comment period: %(title)s") % {"title": localized(consultation, "title")})
        entry.add("dtstart", to_bangkok(period.starts_at))
        entry.add("dtend", to_bangkok(period.ends_at))
        entry.add("dtstamp", to_bangkok(now))
        calendar.add_component(entry)
    for event in event_list_public(consultation_id=consultation.pk):
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}-public@rapfang")
        entry.add("summary", localized(event, "title"))
        entry.add("dtstart", to_bangkok(event.starts_at))
        entry.add("dtend", to_bangkok(event.ends_at))
        entry.add("dtstamp", to_bangkok(now))
        place = (localized(event, "venue"), localized(event, "address")) if event.at_venue else (str(_("Online")),)
        if location := ", ".join(part for part in place if part):
            entry.add("location", location)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def consultation_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _public(slug)
    response = HttpResponse(consultation_ics(consultation, timezone.now()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{consultation.slug}.ics"'
    return response
