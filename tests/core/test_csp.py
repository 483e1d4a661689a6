"""Every page carries a Content-Security-Policy that allows no inline script, and has none; the API's Swagger UI
comes from our own static files; downloads keep their stricter policy."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

SLUG = "dg2-2560-2564"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def pages(demo) -> list[str]:
    event = demo.events.get(is_main=True)
    urls = ["/", f"/consultations/{SLUG}/", f"/consultations/{SLUG}/comments/", f"/consultations/{SLUG}/comment/",
            f"/consultations/{SLUG}/drafts/draft/", f"/consultations/{SLUG}/responses/", f"/events/{event.pk}/",
            "/privacy/registrations/", "/accounts/login/"]  # fmt: skip
    return urls + ["/en" + url for url in urls if url != "/accounts/login/"]


@pytest.mark.django_db
def test_every_page_forbids_inline_script_and_has_none(client, demo):
    for url in pages(demo):
        response = client.get(url)
        assert response.status_code == 200, url
        rules = policy(response)
        assert rules["script-src"] == "script-src 'self'", url
        assert (
            "'unsafe-inline'" not in rules["style-src"] and "'unsafe-eval'" not in response["Content-Security-Policy"]
        )
        assert rules["object-src"] == "object-src 'none'" and rules["frame-ancestors"] == "frame-ancestors 'none'"
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not HANDLER.search(html), url


@pytest.mark.django_db
def test_staff_pages_too(client, demo, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/consultations/consultation/", f"/staff/consultations/{SLUG}/moderation/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response)["script-src"] == "script-src 'self'"
        assert not INLINE_SCRIPT.search(response.content.decode()), url
        assert "<style" not in response.content.decode(), url


@pytest.mark.django_db
def test_the_api_docs_come_from_our_static_files(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn." not in html and "/static/vendor/swagger-ui/swagger-ui-bundle" in html
    assert not INLINE_SCRIPT.search(html)
    assert policy(response)["script-src"] == "script-src 'self'"
    assert client.get("/api/v1/openapi.json")["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_download_keeps_its_own_sandbox(client, demo):
    attachment = demo.attachments.first()
    response = client.get(reverse("attachment_download", args=[SLUG, attachment.pk, attachment.filename]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
