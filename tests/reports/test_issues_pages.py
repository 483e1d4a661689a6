"""Staff pages of issues and responses through the Django test client: the whole flow, rights, bad input."""

from __future__ import annotations

import pytest

from rapfang.reports.models import Issue, IssueComment, Response
from reports.issue_helpers import hearing_with_campaign, roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hearing(demo):
    return hearing_with_campaign(demo)


@pytest.fixture
def people(demo):
    return roles(demo)


def base(consultation, language=""):
    return f"{language}/staff/consultations/{consultation.slug}/responses/"


def test_an_organiser_makes_an_issue_from_a_campaign_answers_and_publishes(client, hearing, people):
    client.force_login(people["organiser"])
    url = base(hearing.consultation)
    page = client.get(url)
    assert page.status_code == 200
    assert f"/responses/from-campaign/{hearing.group.pk}/" in page.text
    made = client.post(f"{url}from-campaign/{hearing.group.pk}/")
    issue = Issue.objects.get()
    assert made.status_code == 302 and made["Location"] == f"{url}1/"
    detail = client.get(f"{url}1/")
    assert detail.status_code == 200 and detail.text.count('data-testid="member"') == 6
    paragraph = hearing.consultation.documents.get(slug="draft").versions.get(number=2).paragraphs.first()
    saved = client.post(f"{url}1/response/", {"decision": "partly", "reasons_th": "รับไว้บางส่วน",
                                              "reasons_en": "Partly", "paragraphs": [str(paragraph.pk)]})  # fmt: skip
    assert saved.status_code == 302
    response = Response.objects.get(issue=issue)
    assert response.decision == "partly" and list(response.changed_paragraphs.all()) == [paragraph]
    assert client.post(f"{url}1/response/publication/", {"publish": "1"}).status_code == 302
    response.refresh_from_db()
    assert response.published_at is not None
    public = client.get(f"/consultations/{hearing.consultation.slug}/responses/")
    assert "รับไว้บางส่วน" in public.text and 'id="issue-1"' in public.text


def test_the_issue_form_saves_and_reports_errors(client, demo, people):
    client.force_login(people["organiser"])
    url = base(demo)
    refused = client.post(url, {"title_th": "", "domain": "education"})
    assert refused.status_code == 422 and not Issue.objects.exists()
    made = client.post(url, {"title_th": "การเชื่อมโยงข้อมูลนักเรียน", "domain": "education"})
    assert made.status_code == 302
    issue = Issue.objects.get()
    assert issue.domain.key == "education"
    edited = client.post(f"{url}1/", {"title_th": "ใหม่", "title_en": "New", "domain": "", "representative": "NOPE"})
    assert edited.status_code == 422
    issue.refresh_from_db()
    assert issue.title_th == "การเชื่อมโยงข้อมูลนักเรียน"
    edited = client.post(f"{url}1/", {"title_th": "ใหม่", "title_en": "New", "domain": ""})
    assert edited.status_code == 302
    issue.refresh_from_db()
    assert (issue.title_th, issue.domain) == ("ใหม่", None)


def test_comments_are_added_by_receipt_and_removed(client, hearing, people):
    client.force_login(people["organiser"])
    url = base(hearing.consultation)
    client.post(url, {"title_th": "ประเด็นรวม"})
    receipts = "\n".join(comment.receipt for comment in hearing.unique[:2])
    refused = client.post(f"{url}1/comments/", {"receipts": receipts + "\nDG2-UNKNOWN"})
    assert refused.status_code == 422 and "DG2-UNKNOWN" in refused.text
    assert not IssueComment.objects.exists()
    added = client.post(f"{url}1/comments/", {"receipts": receipts})
    assert added.status_code == 302 and IssueComment.objects.count() == 2
    removed = client.post(f"{url}1/comments/{hearing.unique[0].pk}/remove/")
    assert removed.status_code == 302 and IssueComment.objects.count() == 1
    again = client.post(f"{url}1/comments/{hearing.unique[0].pk}/remove/", follow=True)
    assert again.status_code == 200 and IssueComment.objects.count() == 1


def test_a_response_form_with_errors_keeps_what_was_ticked(client, demo, people):
    client.force_login(people["organiser"])
    url = base(demo)
    client.post(url, {"title_th": "ประเด็น"})
    v1 = demo.documents.get(slug="draft").versions.get(number=1).paragraphs.first()
    v2 = demo.documents.get(slug="draft").versions.get(number=2).paragraphs.first()
    refused = client.post(f"{url}1/response/", {"decision": "accepted", "reasons_th": "", "paragraphs": [v2.pk]})
    assert refused.status_code == 422 and f'value="{v2.pk}" id="paragraph-{v2.pk}" checked' in refused.text
    stale = client.post(f"{url}1/response/", {"decision": "accepted", "reasons_th": "ก", "paragraphs": [v1.pk]})
    assert stale.status_code == 422 and not Response.objects.exists()
    published = client.post(f"{url}1/response/publication/", {"publish": "1"}, follow=True)
    assert published.status_code == 200 and not Response.objects.exists()


def test_moderators_read_but_do_not_write(client, hearing, people):
    client.force_login(people["moderator"])
    url = base(hearing.consultation)
    page = client.get(url)
    assert page.status_code == 200 and "from-campaign" not in page.text
    client.post(f"{url}from-campaign/{hearing.group.pk}/")
    refused = client.post(url, {"title_th": "ประเด็น"})
    assert refused.status_code == 422 and not Issue.objects.exists()


@pytest.mark.parametrize("who", ["outsider", None])
def test_anyone_else_gets_nothing(client, hearing, people, who):
    if who:
        client.force_login(people[who])
    url = base(hearing.consultation)
    response = client.get(url)
    assert response.status_code == (404 if who else 302)
    assert client.post(f"{url}from-campaign/{hearing.group.pk}/").status_code == (404 if who else 302)
    assert not Issue.objects.exists()


def test_unknown_numbers_and_ids_are_404(client, hearing, people):
    client.force_login(people["organiser"])
    url = base(hearing.consultation)
    assert client.get(f"{url}7/").status_code == 404
    assert client.post(f"{url}from-campaign/999999/").status_code == 404
    assert client.post(f"{url}from-topic/999999/").status_code == 404
    assert client.get("/staff/consultations/nothing/responses/").status_code == 404
    assert client.get(f"{url}from-campaign/{hearing.group.pk}/").status_code == 405


def test_deleting_an_issue(client, demo, people):
    client.force_login(people["admin"])
    url = base(demo)
    client.post(url, {"title_th": "ประเด็น"})
    response = client.post(f"{url}1/delete/")
    assert response.status_code == 302 and response["Location"] == url
    assert not Issue.objects.exists()


def test_the_staff_pages_in_english(client, hearing, people):
    client.force_login(people["organiser"])
    page = client.get(base(hearing.consultation, "/en"))
    assert page.status_code == 200 and "Issues and responses" in page.text and "Make an issue" in page.text


def test_the_analysis_pages_link_here(client, hearing, people):
    client.force_login(people["organiser"])
    slug = hearing.consultation.slug
    dashboard = client.get(f"/staff/consultations/{slug}/analysis/")
    assert base(hearing.consultation) in dashboard.text
    campaign = client.get(f"/staff/consultations/{slug}/analysis/groups/{hearing.group.pk}/")
    assert f"/responses/from-campaign/{hearing.group.pk}/" in campaign.text
