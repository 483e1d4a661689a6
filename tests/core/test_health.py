"""/healthz says alive; /readyz checks the database, the cache and the job worker's heartbeat; both answer before
HTTPS redirects and host checks. While the database is away pages answer the site's 503 page and the API answers
JSON 503 with Retry-After in the caller's language; when it is back, the next request is served."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from outage_helpers import database_away

from rapfang.core.models import WorkerHeartbeat
from rapfang.core.worker import heartbeat_beat
from servers import free_port


@pytest.fixture
def production(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["hearing.example.go.th"]


def test_healthz_answers_plain_http_from_any_host_without_touching_the_database(
    production, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        answer = Client().get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert answer.status_code == 200 and answer.content == b"ok"
    assert Client().get("/", HTTP_HOST="hearing.example.go.th").status_code == 301  # pages still redirect


@pytest.mark.django_db
def test_readyz_needs_a_recent_worker_heartbeat(production):
    client = Client()
    never = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert never.status_code == 503 and never.json()["checks"]["worker"]["detail"] == "no job worker has started"
    assert never.json()["checks"]["database"]["ok"] and never.json()["checks"]["cache"]["ok"]
    heartbeat_beat("host:1")
    assert client.get("/readyz", HTTP_HOST="10.0.0.7").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        stale = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert stale.status_code == 503 and not stale.json()["checks"]["worker"]["ok"]


@pytest.mark.django_db
def test_a_heartbeat_is_one_row_per_worker_and_old_workers_are_forgotten():
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        heartbeat_beat("gone:1")
    heartbeat_beat("here:1")
    heartbeat_beat("here:1")
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == ["here:1"]


@pytest.mark.django_db
def test_readyz_says_when_the_cache_does_not_keep_values(settings):
    heartbeat_beat("host:1")
    settings.CACHES = {"default": {"BACKEND": "rapfang.core.cache.TolerantRedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}}  # fmt: skip
    answer = Client().get("/readyz")
    assert answer.status_code == 503 and not answer.json()["checks"]["cache"]["ok"]


def test_readyz_says_when_the_database_is_away(transactional_db):
    heartbeat_beat("host:1")
    with database_away():
        answer = Client().get("/readyz")
    checks = answer.json()["checks"]
    assert (
        answer.status_code == 503
        and not checks["database"]["ok"]
        and "OperationalError" in checks["database"]["detail"]
    )
    assert Client().get("/readyz").status_code == 200


def test_while_the_database_is_away_pages_say_so_and_the_api_answers_json_then_both_come_back(transactional_db, demo):
    client = Client(raise_request_exception=False)
    with database_away():
        page = client.get(f"/en/consultations/{demo.slug}/")
        api = client.get("/api/v1/consultations", HTTP_ACCEPT_LANGUAGE="en")
        thai_api = client.get("/api/v1/consultations")
    assert page.status_code == 503 and page["Retry-After"] == "10"
    assert "The site is briefly unavailable" in page.content.decode()
    assert api.status_code == 503 and api["Retry-After"] == "10" and api["Content-Type"] == "application/json"
    assert api.json()["code"] == "unavailable" and "briefly unavailable" in api.json()["message"]
    assert thai_api.json()["message"] != api.json()["message"]
    assert client.get(f"/en/consultations/{demo.slug}/").status_code == 200
    assert client.get("/api/v1/consultations").status_code == 200


def test_unknown_api_addresses_answer_json(client, db):
    answer = client.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 404 and answer.json() == {"code": "not_found", "message": "Not found."}
