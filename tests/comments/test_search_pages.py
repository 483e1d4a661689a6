"""Search results page by page: the same comments in the same order as a full sort of every match, and capped
counts, whichever part of the period the matches fall in (PostgreSQL reads them in windows of time, here even for a
consultation as small as these, or walking its comments)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from comment_helpers import OPENS, valid
from django.db import connection

from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.selectors import SORTS, comment_list_public, comment_page
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC

WORD = "ทะเบียน"


@pytest.fixture(autouse=True, params=["windows", "walk"])
def plan(request, monkeypatch):
    from rapfang.comments import pgsearch

    monkeypatch.setattr(pgsearch, "FEW", 0 if request.param == "windows" else 1000)


def submit(consultation, text, at, actor=PUBLIC, **extra):
    return comment_submit(actor=actor, consultation=consultation, data=valid(text=text), now=at, **extra)


@pytest.fixture
def spread(post_moderated):
    """Forty comments, one every three hours over five days; two in three (the newest too) say ลงทะเบียน, the others
    ข้าว; the first also says ข่าว."""
    for number in range(40):
        text = f"ราคาข้าว ครั้งที่ {number}" if number % 3 == 1 else f"ขอให้ลงทะเบียนได้ ครั้งที่ {number}"
        submit(post_moderated, text + (" ข่าว" if number == 0 else ""), OPENS + timedelta(hours=3 * number))
    return post_moderated


def every_page(consultation, query, sort, size):
    results, _terms = comment_list_public(consultation=consultation, q=query, sort=sort)
    first = comment_page(results, 1, size)
    pages = [first] + [comment_page(results, n, size) for n in range(2, first.paginator.num_pages + 1)]
    return [comment.pk for page in pages for comment in page.object_list], first.paginator.count


def full_sort(consultation, word, sort):
    matching = Comment.objects.filter(consultation=consultation, status=CommentStatus.PUBLISHED, text__contains=word)
    return list(matching.order_by(*SORTS[sort]).values_list("pk", flat=True))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("size", [1, 4, 20])
def test_pages_follow_the_full_sort(spread, sort, size):
    shown, count = every_page(spread, WORD, sort, size)
    assert shown == full_sort(spread, WORD, sort)
    assert count == len(shown) == 27


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_word_said_once_at_the_far_end_of_the_period_is_found(spread, sort):
    shown, count = every_page(spread, "ข่าว", sort, 20)
    assert (shown, count) == (full_sort(spread, "ข่าว", sort), 1)


def test_counts_stop_one_past_the_cap_wherever_the_matches_are(spread, monkeypatch):
    from rapfang.comments import selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    results, _terms = comment_list_public(consultation=spread, q=WORD)
    last = comment_page(results, 99, 4)
    assert last.paginator.count == 6  # "more than 5"
    assert (last.number, [c.pk for c in last.object_list]) == (2, full_sort(spread, WORD, "newest")[4:6])
    monkeypatch.setattr(selectors, "COUNT_CAP", 100)
    results, _terms = comment_list_public(consultation=spread, q="ข้าว")
    assert comment_page(results, 1, 20).paginator.count == 13


def test_hidden_comments_leave_the_pages_and_the_count(spread, moderator):
    from rapfang.comments.moderation import comment_moderate

    newest = full_sort(spread, WORD, "newest")
    comment_moderate(actor=moderator, comment_ids=newest[:3], action="hide", reason="off_topic")
    assert every_page(spread, WORD, "newest", 4) == (newest[3:], 24)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's index orders search results by arrival")
def test_a_letter_keyed_in_late_takes_its_place_by_the_time_it_was_received(spread, moderator):
    received = OPENS + timedelta(hours=40)
    letter = submit(spread, "ลงทะเบียนทางไปรษณีย์", OPENS + timedelta(days=5), actor=moderator, channel="letter",
                    received_at=received)  # fmt: skip
    for sort in ("newest", "oldest"):
        shown, _count = every_page(spread, WORD, sort, 4)
        assert shown == full_sort(spread, WORD, sort)
        assert letter.pk in shown and shown[-1] != letter.pk and shown[0] != letter.pk
