import xml.etree.ElementTree as ET

import pytest
import time_machine

from clock import bkk

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 - our own feed


def test_feed_of_new_consultations_in_thai_and_english(client, demo):
    (entry,) = _entries(client, "/feeds/consultations.atom")
    assert entry.find(f"{ATOM}title").text == demo.title_th
    assert entry.find(f"{ATOM}link").get("href").endswith("/consultations/dg2-2560-2564/")
    (english,) = _entries(client, "/en/feeds/consultations.atom")
    assert english.find(f"{ATOM}title").text == demo.title_en


def test_timeline_feed_lists_what_has_begun_and_ended_newest_first(client, demo):
    with time_machine.travel(bkk(2016, 11, 15, 0, 0, 0), tick=False):
        titles = [e.find(f"{ATOM}title").text for e in _entries(client, "/feeds/timeline.atom")]
    assert titles[0].startswith("ลงทะเบียนเข้าร่วมการประชุม สิ้นสุดแล้ว")
    assert not any("รับฟังความคิดเห็นผ่านเว็บไซต์" in title for title in titles)
    with time_machine.travel(bkk(2016, 11, 24), tick=False):
        titles = [e.find(f"{ATOM}title").text for e in _entries(client, "/en/feeds/timeline.atom")]
    assert titles[0].startswith("Online comment period ended")
