"""A consultation's own feeds: Atom news (its timeline as it moves on, its published responses) and an iCalendar file
(its comment period and hearing events, with VTIMEZONE), public facts only."""

from __future__ import annotations

import time_machine
from icalendar import Calendar

from participation.helpers import AFTER, CLOSES, OPENS
from participation.test_alerts import published_response


def test_the_news_feed_tells_the_timeline_and_the_published_responses(client, hearing):
    published_response(hearing)
    with time_machine.travel(AFTER, tick=False):
        feed = client.get(f"/consultations/{hearing.slug}/news.atom")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    xml = feed.content.decode()
    assert "ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ" in xml
    assert "เผยแพร่คำชี้แจงแล้ว: เปิดเผยข้อมูลงบประมาณ" in xml
    assert xml.count("<entry>") == 5  # comments began and ended, the hearing began and ended, one response
    with time_machine.travel(OPENS, tick=False):
        early = client.get(f"/en/consultations/{hearing.slug}/news.atom").content.decode()
    assert early.count("<entry>") == 1 and "Online comment period began" in early


def test_the_calendar_holds_the_comment_period_in_bangkok_time(client, hearing):
    response = client.get(f"/consultations/{hearing.slug}/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [period] = [entry for entry in calendar.walk("VEVENT")]
    assert str(period["summary"]) == "ระยะเวลารับฟังความคิดเห็น: ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ"
    assert period.decoded("dtstart") == OPENS and period.decoded("dtend") == CLOSES
    assert calendar.walk("VTIMEZONE")


def test_an_unpublished_consultation_has_no_feeds(client, hearing):
    hearing.is_published = False
    hearing.save(update_fields=["is_published"])
    assert client.get(f"/consultations/{hearing.slug}/news.atom").status_code == 404
    assert client.get(f"/consultations/{hearing.slug}/calendar.ics").status_code == 404


def test_the_calendar_holds_the_hearing_events_without_any_joining_link(client, demo):
    response = client.get(f"/en/consultations/{demo.slug}/calendar.ics")
    entries = Calendar.from_ical(response.content).walk("VEVENT")
    events = [entry for entry in entries if str(entry["uid"]).startswith("event-")]
    assert events and all(entry.get("url") is None for entry in entries)
    assert all("Comment period" in str(entry["summary"]) for entry in entries if entry not in events)
