"""Events held online or both: the joining link reaches confirmed registrants only (their mail on the real SMTP
server, their own page and calendar file), never a public page, the API, a feed or the open data."""

from __future__ import annotations

import io
import zipfile

import pytest

from hearings.conftest import DURING, Inbox, person
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import InvalidInput
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import Registration
from rapfang.hearings.services import registration_cancel, registration_create
from rapfang.reports.opendata import opendata_write
from workspace.events.test_door import edit_data

pytestmark = pytest.mark.django_db
LINK = "https://meet.example.org/j/8812?pwd=Qx7&lang=th"
DETAILS = "รหัสการประชุม 881 2345 6789 รหัสผ่าน 246810"


@pytest.fixture
def online(make_event):
    return make_event(capacity=1, attendance="online", join_url=LINK, join_details_th=DETAILS,
                      join_details_en="Meeting ID 881 2345 6789, passcode 246810")  # fmt: skip


def _register(event, n, language="th"):
    return registration_create(actor=SYSTEM, event_id=event.pk, data=person(n), now=DURING, language=language)


def _body(smtp: Inbox, address: str, index: int = 0) -> str:
    return smtp.body(smtp.to(address)[index]).replace("\r\n", "\n")


def test_the_confirmation_carries_the_link_and_the_public_pages_do_not(online, smtp: Inbox, client, settings):
    settings.DATA_DIR = settings.MEDIA_ROOT
    registration = _register(online, 1)
    mailed = _body(smtp, "person1@example.go.th")
    assert LINK in mailed and DETAILS in mailed and "ออนไลน์" in mailed
    assert "ห้องประชุม ๑" not in mailed  # no venue for an online-only event
    own = client.get(registration_url(registration, absolute=False)).content.decode()
    assert LINK.replace("&", "&amp;") in own and DETAILS in own
    calendar = client.get(registration_url(registration, "hearings:registration_ics", absolute=False))
    assert b"meet.example.org" in calendar.content
    public = client.get(f"/events/{online.pk}/").content.decode()
    assert "ออนไลน์" in public and "ห้องประชุม ๑" not in public
    api = client.get(f"/api/v1/events/{online.pk}").content.decode()
    assert '"attendance": "online"' in api or '"attendance":"online"' in api
    feeds = client.get("/feeds/timeline.atom").content.decode() + client.get("/en/").content.decode()
    out = io.BytesIO()
    opendata_write(online.consultation, out)
    archive = zipfile.ZipFile(out)
    data = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", errors="replace")
    for shown in (public, api, feeds, data):
        assert "meet.example.org" not in shown and "246810" not in shown


def test_the_waitlisted_get_the_link_only_once_promoted(online, smtp: Inbox):
    first = _register(online, 1)
    _register(online, 2, language="en")
    waiting = _body(smtp, "person2@example.go.th")
    assert "meet.example.org" not in waiting
    registration_cancel(actor=SYSTEM, registration_id=first.pk, now=DURING)
    assert Registration.objects.get(email="person2@example.go.th").status == "confirmed"
    promoted = _body(smtp, "person2@example.go.th", index=-1)
    assert LINK in promoted and "passcode 246810" in promoted and "Online" in promoted


def test_an_event_in_person_shows_its_venue_and_no_joining_block(make_event, smtp: Inbox, client):
    event = make_event(capacity=5, join_url=LINK)  # a link left over while the event is in person
    registration = _register(event, 1)
    assert "meet.example.org" not in _body(smtp, "person1@example.go.th")
    own = client.get(registration_url(registration, absolute=False)).content.decode()
    assert "ห้องประชุม ๑" in own and "meet.example.org" not in own


def test_both_shows_the_venue_and_says_so(make_event, client):
    event = make_event(attendance="both", join_url=LINK)
    public = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "In person and online" in public and "meet.example.org" not in public


def test_the_joining_link_must_be_https(make_event):
    with pytest.raises(InvalidInput) as error:
        make_event(attendance="online", join_url="http://meet.example.org/j/1")
    assert "join_url" in error.value.params["errors"]


def test_staff_set_it_in_the_event_editor(client, organiser, make_event):
    event = make_event()
    client.force_login(organiser)
    url = f"/staff/events/{event.pk}/edit/"
    assert 'name="join_url"' in client.get(url).content.decode()
    refused = client.post(url, edit_data(client, event, attendance="both", join_url="http://x.example.org/"))
    assert refused.status_code == 422 and "https://" in refused.content.decode()
    saved = client.post(url, edit_data(client, event, attendance="both", join_url=LINK, join_details_th=DETAILS))
    assert saved.status_code == 302
    event.refresh_from_db()
    assert (event.attendance, event.join_url, event.join_details_th) == ("both", LINK, DETAILS)
