"""The demo's illustrative comments, their campaigns and the five published responses; loaded once, quickly."""

from __future__ import annotations

from collections import Counter

import pytest

from clock import bkk
from rapfang.analysis.models import DuplicateGroup
from rapfang.comments.models import Comment
from rapfang.core.models import AuditEntry
from rapfang.demo.comments import COMMENTS
from rapfang.demo.loader import demo_load
from rapfang.reports.models import Issue, Response
from rapfang.reports.selectors.issues import issue_list_public

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
LATER = bkk(2026, 11, 26, 10, 0)


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def record():
    return demo_load(comments=True).consultation


def test_the_data_is_about_120_thai_and_10_english_comments_with_three_campaigns():
    languages = Counter(item.language for item in COMMENTS)
    assert 110 <= languages["th"] <= 140 and 8 <= languages["en"] <= 12
    tags = Counter(item.tag for item in COMMENTS)
    assert (tags["procurement"], tags["health_records"], tags["school_internet"]) == (25, 15, 10)
    assert {item.channel for item in COMMENTS} == {"web", "email", "fax", "letter"}
    assert all(18 <= item.day <= 23 for item in COMMENTS)
    assert sum(1 for item in COMMENTS if item.on) >= 10


def test_the_demo_comments_are_published_marked_and_on_real_paragraphs(record):
    comments = Comment.objects.filter(consultation=record)
    assert comments.count() == len(COMMENTS) and not comments.filter(is_demo=False).exists()
    assert comments.filter(status="published").count() == len(COMMENTS)
    first, last = bkk(2016, 11, 18), bkk(2016, 11, 23, 23, 59, 59)
    assert not comments.exclude(submitted_at__range=(first, last)).exists()
    on_paragraphs = comments.exclude(paragraph_anchor="")
    assert on_paragraphs.count() == sum(1 for item in COMMENTS if item.on)
    version = record.documents.get(slug="draft").versions.get(number=1)
    anchors = set(version.paragraphs.values_list("anchor", flat=True))
    assert set(on_paragraphs.values_list("paragraph_anchor", flat=True)) <= anchors
    assert set(on_paragraphs.values_list("version", flat=True)) == {version.pk}
    searched = client_search(record, "ข้อมูลเปิด")
    assert searched > 0


def client_search(consultation, words):
    from rapfang.comments.selectors import comment_list_public

    results, _terms = comment_list_public(consultation=consultation, q=words)
    return len(list(results[:200]))


def test_the_campaigns_are_found_and_five_issues_answered(record):
    sizes = sorted(DuplicateGroup.objects.filter(consultation=record).values_list("size", flat=True), reverse=True)
    assert sizes[:3] == [25, 15, 10]
    issues = issue_list_public(consultation=record)
    assert [issue.number for issue in issues] == [1, 2, 3, 4, 5]
    decisions = {issue.response.decision for issue in issues}
    assert decisions == {"accepted", "partly", "not_accepted", "out_of_scope"}
    campaigns = [issue for issue in issues if issue.counts.campaigns]
    assert sorted(issue.counts.campaigns[0].size for issue in campaigns) == [10, 15, 25]
    changed = [issue for issue in issues if issue.response.changed_paragraphs.exists()]
    assert len(changed) == 1
    assert {p.version.number for p in changed[0].response.changed_paragraphs.all()} == {2}
    assert all(issue.title_en and issue.response.reasons_en for issue in issues)
    assert all(issue.response.published_at == bkk(2016, 11, 28, 10) for issue in issues)


def test_loading_again_adds_nothing(record):
    mine = AuditEntry.objects.filter(action__regex=r"^(demo|reports|analysis|comments)\.")
    entries = mine.count()
    demo_load(comments=True)
    assert Comment.objects.count() == len(COMMENTS) and Issue.objects.count() == 5
    assert mine.count() == entries


def test_a_phase_dates_the_comments_anew_and_waits_for_the_period_to_end():
    consultation = demo_load(phase="comments", now=LATER, comments=True).consultation
    comments = Comment.objects.filter(consultation=consultation)
    assert 0 < comments.count() < len(COMMENTS)
    assert not comments.filter(submitted_at__gt=LATER).exists()
    assert not Issue.objects.exists()
    closed = demo_load(phase="closed", now=LATER, comments=True).consultation
    assert Comment.objects.count() == len(COMMENTS) and Issue.objects.count() == 5
    assert not Comment.objects.filter(submitted_at__lt=bkk(2026, 1, 1)).exists()
    assert len(issue_list_public(consultation=closed, now=LATER)) == 5
    demo_load(comments=True)  # back to the real dates
    assert not Comment.objects.filter(submitted_at__gt=bkk(2016, 11, 24)).exists()
    assert set(Response.objects.values_list("published_at", flat=True)) == {bkk(2016, 11, 28, 10)}


def test_the_registration_phase_has_no_comments_yet():
    demo_load(phase="registration", now=LATER, comments=True)
    assert not Comment.objects.exists() and not Issue.objects.exists()


def test_the_public_pages_say_the_comments_are_illustrative(client, record):
    page = client.get(f"/consultations/{record.slug}/responses/")
    assert page.status_code == 200 and 'data-testid="demo-note"' in page.text
    assert page.text.count('data-testid="issue"') == 5
    comments = client.get(f"/consultations/{record.slug}/comments/")
    assert 'data-testid="demo-note"' in comments.text
