"""The "I agree" page over HTTP without JavaScript, the count beside each comment, the API's shape, the mailed
receipt, and the counts in the open data and the report."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
import time_machine
from comment_helpers import DURING, valid

from rapfang.comments.endorsements import endorsement_add
from rapfang.comments.models import Endorsement
from rapfang.comments.moderation import comment_moderate
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.reports.content import report_content
from rapfang.reports.opendata import opendata_write
from rapfang.reports.selectors.issues import issue_counts
from rapfang.reports.services.issues import issue_comments_add, issue_create, response_publish, response_save

SLUG = "dg2-2560-2564"
LIST = f"/consultations/{SLUG}/comments/"


@pytest.fixture(autouse=True)
def _pages(settings):
    settings.RATE_LIMIT_ANONYMOUS = "5/60"


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def published(post_moderated):
    return comment_submit(actor=PUBLIC, consultation=post_moderated, data=valid(), now=DURING)


def page(pk):
    return f"/consultations/{SLUG}/comments/{pk}/endorse/"


def form(**changes):
    data = {"name": "มานี มีนา", "stakeholder_type": "citizen", "email": "manee@example.org", "consent": "on",
            "website": ""}  # fmt: skip
    return {**data, **changes}


def agree(comment, email, **more):
    data = {"anonymous": True, "stakeholder_type": "citizen", "email": email, "consent": True, **more}
    return endorsement_add(actor=PUBLIC, comment=comment, data=data, now=DURING)


def test_a_plain_post_records_the_endorsement_and_shows_its_receipt(client, published, during):
    response = client.post(page(published.pk), form())
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    shown = client.get(response["Location"]).content.decode()
    assert endorsement.receipt in shown
    assert re.search(r'data-testid="endorsement-count">[^<]*: ๑<', shown)
    assert "manee@example.org" not in shown and "มานี" not in shown
    listed = client.get(LIST).content.decode()
    assert f'href="{page(published.pk)}"' in listed
    assert re.search(rf'data-testid="endorse-{published.pk}">[^(]*\(<span[^>]*>[^<]*</span>๑\)', listed)


def test_errors_are_shown_beside_their_fields_and_in_a_summary(client, published, during):
    response = client.post(page(published.pk), form(email="", consent="", name=""))
    assert response.status_code == 422
    shown = response.content.decode()
    assert "data-error-summary" in shown
    for field in ("email", "consent", "name"):
        assert f'href="#id_{field}"' in shown
        assert f'id="id_{field}-errors"' in shown
    assert not Endorsement.objects.exists()


def test_the_same_address_twice_is_refused_beside_the_address(client, published, during):
    assert client.post(page(published.pk), form()).status_code == 302
    response = client.post(page(published.pk), form(email="Manee@Example.org"))
    assert response.status_code == 409
    assert 'href="#id_email"' in response.content.decode()
    assert Endorsement.objects.count() == 1


def test_a_hidden_comment_has_no_page_and_is_not_counted(client, published, moderator, during):
    agree(published, "a@example.org")
    comment_moderate(actor=moderator, comment_ids=[published.pk], action="hide", reason="spam")
    assert client.get(page(published.pk)).status_code == 404
    assert client.post(page(published.pk), form()).status_code == 404
    assert Endorsement.objects.count() == 1


def test_after_the_period_the_page_says_so_and_offers_no_form(client, published):
    with time_machine.travel(DURING.replace(month=12), tick=False):
        shown = client.get(page(published.pk)).content.decode()
        assert '<form method="post" action="' + page(published.pk) not in shown
        assert client.post(page(published.pk), form()).status_code == 409
    assert not Endorsement.objects.exists()


def test_the_api_gives_the_count_in_the_comments_shape(client, published):
    agree(published, "a@example.org")
    agree(published, "b@example.org")
    results = client.get(f"/api/v1/consultations/{SLUG}/comments").json()["results"]
    assert {row["id"]: row["endorsements"] for row in results}[published.pk] == 2


def test_the_receipt_is_mailed_on_the_real_smtp_server(smtp, published, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        endorsement = agree(published, "reader@example.org")
    [message] = smtp.messages
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert endorsement.receipt in message["Subject"] and endorsement.receipt in body
    assert f"{settings.SITE_URL}{LIST}#c{published.pk}" in body


def _csv(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"))))


def test_the_open_data_and_the_report_count_endorsements(published, organiser, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    agree(published, "a@example.org")
    agree(published, "b@example.org", anonymous=False, name="ลับเฉพาะ คนหนึ่ง")
    issue = issue_create(actor=organiser, consultation=published.consultation, title_th="ประเด็นที่เห็นด้วย")
    issue_comments_add(actor=organiser, issue=issue, comment_ids=[published.pk])
    response_save(actor=organiser, issue=issue, decision="accepted", reasons_th="รับไว้")
    response_publish(actor=organiser, issue=issue)
    out = io.BytesIO()
    opendata_write(published.consultation, out)
    archive = zipfile.ZipFile(out)
    [row] = [row for row in _csv(archive, "comments") if row["receipt"] == published.receipt]
    assert row["endorsements"] == "2"
    assert [row["endorsements"] for row in _csv(archive, "issues")] == ["2"]
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", errors="replace")
    assert "ลับเฉพาะ คนหนึ่ง" not in everything and "b@example.org" not in everything
    assert issue_counts(issue_ids=[issue.pk])[issue.pk].endorsements == 2  # the public issue card's figure
    content = report_content(consultation=published.consultation)
    assert content.figures["endorsements"] == 2
    [entry] = content.issues
    assert entry.endorsements == 2 and any("๒" in line for line in entry.breakdown)


def test_the_analysis_counts_them_beside_each_comment_and_summed_over_a_campaign(published, organiser, client):
    from rapfang.analysis.selectors import analysed_comment_list, group_list
    from rapfang.analysis.services import analysis_run_execute, analysis_run_start

    consultation = published.consultation
    copies = [comment_submit(actor=PUBLIC, consultation=consultation, data=valid(), now=DURING) for _ in range(2)]
    analysis_run_execute(
        run_id=analysis_run_start(actor=SYSTEM, consultation=consultation, enqueue=False).pk, workers=1
    )
    agree(published, "a@example.org")
    agree(copies[0], "a@example.org")
    agree(copies[1], "b@example.org")
    [campaign] = [group for group in group_list(consultation=consultation) if group.size >= 3]
    assert campaign.endorsed == 3
    rows = {row.comment_id: row.endorsed for row in analysed_comment_list(consultation=consultation, filters={})}
    assert (rows[published.pk], rows[copies[0].pk], rows[copies[1].pk]) == (1, 1, 1)
    client.force_login(organiser)
    page = client.get(f"/staff/consultations/{SLUG}/analysis/").content.decode()
    assert re.search(r'data-testid="group-endorsed">๓<', page)


def test_a_missing_stakeholder_type_is_asked_for_in_the_words_of_endorsing(client, published, during):
    thai = client.post(page(published.pk), form(stakeholder_type="")).content.decode()
    english = client.post("/en" + page(published.pk), form(stakeholder_type="")).content.decode()
    assert "กรุณาเลือกว่าท่านแสดงความเห็นด้วยในฐานะใด" in thai
    assert "Please choose who you are endorsing as." in english
    assert not Endorsement.objects.exists()
