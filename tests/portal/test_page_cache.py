import pytest
import time_machine
from django.core.cache import cache

from clock import bkk
from rapfang.portal.page_cache import Page, cached_page

pytestmark = pytest.mark.django_db


def _renderer(calls: list[int], html: bytes = b"fresh", lifetime: int = 30):
    def render():
        calls.append(1)
        return Page(html, 7, 0), lifetime

    return render


def test_a_fresh_page_is_rendered_once():
    calls: list[int] = []
    for _ in range(3):
        assert cached_page("k", _renderer(calls)).html == b"fresh"
    assert len(calls) == 1


def test_a_stale_page_is_served_while_another_request_renders_it():
    calls: list[int] = []
    with time_machine.travel(bkk(2026, 1, 1, 10, 0, 0), tick=False):
        cached_page("k", _renderer(calls, b"old"))
    with time_machine.travel(bkk(2026, 1, 1, 10, 0, 31), tick=False):
        cache.add("k:lock", 1, 10)  # another request is rendering it now
        assert cached_page("k", _renderer(calls, b"new")).html == b"old"
        cache.delete("k:lock")
        assert cached_page("k", _renderer(calls, b"new")).html == b"new"
    assert len(calls) == 2


def test_nothing_is_kept_for_a_zero_lifetime_or_a_missing_page():
    calls: list[int] = []
    cached_page("k", _renderer(calls, lifetime=0))
    cached_page("k", _renderer(calls, lifetime=0))
    assert len(calls) == 2
    assert cached_page("missing", lambda: (None, 0)) is None
    assert cache.get("missing:lock") is None


def test_home_page_badges_change_at_the_deadline_even_when_cached(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    with time_machine.travel(bkk(2016, 11, 14, 23, 59, 59), tick=False):
        assert "เปิดลงทะเบียน" in client.get("/").content.decode()
    with time_machine.travel(bkk(2016, 11, 15, 0, 0, 0), tick=False):
        assert "ปิดลงทะเบียนแล้ว" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_staff_edit_reaches_anonymous_visitors_at_once(client, demo):
    from rapfang.consultations.services import consultation_update
    from rapfang.core.public import public_version

    url = f"/consultations/{demo.slug}/"
    assert demo.title_th in client.get(url).content.decode()
    before = public_version()
    organiser = demo.agency.memberships.get(role="organiser").user
    consultation_update(actor=organiser, consultation=demo, title_th="ชื่อใหม่ของการรับฟังความคิดเห็น")
    assert public_version() == before + 1
    assert "ชื่อใหม่ของการรับฟังความคิดเห็น" in client.get(url).content.decode()
