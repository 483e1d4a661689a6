"""The site's own error pages, in Thai at / and in English at /en/; the 500 page reads no database."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.urls import path

from rapfang.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a fault of ours")


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("malformed")


urlpatterns = [
    path("boom/", _boom),
    path("forbidden/", _forbidden),
    path("suspicious/", _suspicious),
    path("en/boom/", _boom),
    *site_urlpatterns,
]


@pytest.fixture
def faulty(settings):
    settings.ROOT_URLCONF = __name__


def _page(response) -> str:
    html = response.content.decode()
    assert 'data-testid="error-page"' in html
    return html


@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [
        ("/no-such-page/", "ไม่พบหน้าที่ท่านต้องการ", "th"),
        ("/en/no-such-page/", "Page not found", "en"),
        ("/comments/receipts/DG2-20161120-XXXX-XXXX/", "ไม่พบหน้าที่ท่านต้องการ", "th"),
        ("/en/comments/receipts/DG2-20161120-XXXX-XXXX/", "Page not found", "en"),
        ("/consultations/no-such-hearing/", "ไม่พบหน้าที่ท่านต้องการ", "th"),
        ("/en/registrations/not-a-token/", "Page not found", "en"),
    ],
)
def test_mistyped_addresses_and_receipts_get_the_sites_404_in_the_pages_language(client, demo, path, heading, lang):
    response = client.get(path)
    assert response.status_code == 404
    html = _page(response)
    assert heading in html and f'<html lang="{lang}">' in html and "Not Found" not in html


def test_403_and_400_in_both_languages(client, faulty, demo):
    assert "ไม่อนุญาตให้เข้าถึง" in _page(client.get("/forbidden/"))
    assert client.get("/forbidden/").status_code == 403
    bad = client.get("/suspicious/")
    assert bad.status_code == 400 and "ไม่สามารถอ่านคำขอนี้ได้" in _page(bad)
    english = client.get("/en/no-such/", HTTP_HOST="not-allowed.example")
    assert english.status_code == 400 and "The request could not be read" in _page(english)


def test_a_refused_csrf_token_explains_that_nothing_was_saved(demo):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/en/consultations/{demo.slug}/comment/", {"text": "x"})
    assert response.status_code == 403 and "Nothing was saved" in _page(response)


def test_a_server_error_is_logged_and_a_refused_request_is_not(client, faulty, caplog):
    client.raise_request_exception = False
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/forbidden/").status_code == 403
    assert [record for record in caplog.records if record.name == "django.request"] == []  # the access log has them
    assert client.get("/boom/").status_code == 500
    errors = [record for record in caplog.records if record.name == "django.request"]
    assert [(record.levelname, record.status_code) for record in errors] == [("ERROR", 500)]
    assert "a fault of ours" in caplog.text


def test_the_500_page_is_ours_in_both_languages_and_reads_no_database(client, faulty):
    def no_database(execute, sql, params, many, context):
        raise AssertionError(f"the 500 page queried the database: {sql}")

    client.raise_request_exception = False
    with connection.execute_wrapper(no_database):
        thai, english = client.get("/boom/"), client.get("/en/boom/")
    assert thai.status_code == english.status_code == 500
    assert "เกิดข้อขัดข้องในระบบของเรา" in _page(thai) and '<html lang="th">' in thai.content.decode()
    assert "Something went wrong on our side" in _page(english) and '<html lang="en">' in english.content.decode()
