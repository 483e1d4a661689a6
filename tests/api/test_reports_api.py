"""The API of the summary report's published versions and of the open-data download."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from rapfang.reports.opendata_readme import TABLES
from rapfang.reports.services.reports import report_execute, report_publish, report_request
from reports.report_helpers import comments_with_personal_data, roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(demo):
    comments_with_personal_data(demo)
    return roles(demo)["organiser"]


def generated(consultation, actor, **options):
    return report_execute(report_id=report_request(actor=actor, consultation=consultation, enqueue=False, **options).pk)


def test_no_version_is_listed_before_publication(client, demo, organiser):
    generated(demo, organiser)
    response = client.get(f"/api/v1/consultations/{demo.slug}/reports")
    assert response.status_code == 200 and response.json() == []


def test_published_and_earlier_versions_with_their_files(client, demo, organiser, settings):
    settings.SITE_URL = "https://hearing.example.go.th"
    report_publish(actor=organiser, report=generated(demo, organiser))
    second = report_publish(actor=organiser, report=generated(demo, organiser, language="en", thai_digits=False))
    generated(demo, organiser)  # ready, not published: not listed
    data = client.get(f"/api/v1/consultations/{demo.slug}/reports").json()
    assert [(v["number"], v["status"], v["language"]) for v in data] == [(2, "published", "en"),
                                                                         (1, "superseded", "th")]  # fmt: skip
    latest = data[0]
    assert latest["published_at"].endswith("+07:00") and latest["figures"]["comments_published"] == 3
    assert {item["format"] for item in latest["files"]} == {"pdf", "docx", "xlsx", "html"}
    for item in latest["files"]:
        assert item["url"].startswith(f"https://hearing.example.go.th/consultations/{demo.slug}/reports/2/")
        row = second.files.get(format=item["format"])
        assert (item["size"], item["sha256"]) == (row.size, row.sha256)
    pdf = next(item for item in latest["files"] if item["format"] == "pdf")
    body = b"".join(client.get(pdf["url"].removeprefix(settings.SITE_URL)).streaming_content)
    assert hashlib.sha256(body).hexdigest() == pdf["sha256"]  # the file is the one the API describes


def test_unknown_or_unpublished_consultations_are_404(client, demo):
    for path in ("reports", "open-data"):
        response = client.get(f"/api/v1/consultations/none/{path}")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    demo.is_published = False
    demo.save()
    assert client.get(f"/api/v1/consultations/{demo.slug}/open-data").status_code == 404


def test_open_data_says_where_and_what(client, demo, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    data = client.get(f"/api/v1/consultations/{demo.slug}/open-data").json()
    assert data["url"] == f"{settings.SITE_URL}/consultations/{demo.slug}/open-data.zip"
    assert (data["datapackage"], data["licence"]) == ("datapackage.json", "CC-BY-4.0")
    assert [table["name"] for table in data["tables"]] == [table.name for table in TABLES]
    comments = next(table for table in data["tables"] if table["name"] == "comments")
    assert comments["files"] == ["comments.csv", "comments.json"]
    assert "text" in [field["name"] for field in comments["fields"]]
    assert all(field["description"]["th"] and field["description"]["en"] for field in comments["fields"])
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(data["url"].removeprefix(settings.SITE_URL)).streaming_content))
    )
    assert {f"{table['name']}.csv" for table in data["tables"]} <= set(archive.namelist())


def test_the_routes_are_in_the_openapi_document_with_their_status_codes(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/consultations/{slug}/reports", "/api/v1/consultations/{slug}/open-data"):
        assert set(document["paths"][path]["get"]["responses"]) == {"200", "400", "404", "414", "422", "503"}
