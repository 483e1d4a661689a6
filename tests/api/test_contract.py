"""The API's contract is true: its schema says what it answers and refuses what its services refuse; schemathesis
(all checks) against a live server finds nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from clock import bkk
from rapfang.core.actors import SYSTEM

pytestmark = [pytest.mark.django_db, pytest.mark.long]
DURING_COMMENTS = bkk(2016, 11, 20, 10, 0, 0)
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


def _post(client, path, body, **headers):
    return client.post(path, body if isinstance(body, str) else json.dumps(body), content_type="application/json",
                       **headers)  # fmt: skip


def _comment(**changes):
    return {"text": "ขอให้เพิ่มตัวชี้วัด", "name": "สมชาย", "stakeholder_type": "citizen", "consent": True, **changes}


def test_the_schema_has_enums_the_key_scheme_and_its_refusals(client, db):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    kinds = ["government", "state_enterprise", "private", "academic", "civil_society", "citizen"]
    assert schemas["StakeholderType"]["enum"] == schemas["CommentIn"]["properties"]["stakeholder_type"]["enum"] == kinds
    key = document["components"]["securitySchemes"]["ApiKey"]
    assert (key["type"], key["in"], key["name"]) == ("apiKey", "header", "X-API-Key")
    create = document["paths"]["/api/v1/consultations/{slug}/comments"]["post"]
    assert {"400", "401", "404", "409", "422", "429"} <= set(create["responses"]) and create["security"][0] == {}
    assert "422" in document["paths"]["/api/v1/events/{event_id}"]["get"]["responses"]
    body = schemas["CommentIn"]
    assert set(body["required"]) >= {"text", "stakeholder_type", "consent"} and len(body["anyOf"]) == 3


def test_contacts_answer_with_their_email(client, demo):
    contacts = client.get("/api/v1/consultations/dg2-2560-2564").json()["organiser"]["contacts"]
    assert contacts and all("email" in contact for contact in contacts)


def test_empty_fields_are_refused_by_the_schema_as_by_the_service(client, demo):
    with time_machine.travel(DURING_COMMENTS, tick=False):
        url = "/api/v1/consultations/dg2-2560-2564/comments"
        blank = _post(client, url, _comment(text=" \u3000\n"))
        no_type = _post(client, url, {**_comment(), "stakeholder_type": ""})
        unknown = _post(client, url, _comment(paragraph="p-nowhere"))
        citizen = _post(client, url, _comment())
        agency = _post(client, url, _comment(stakeholder_type="government"))
    assert blank.status_code == 422 and "text" in blank.json()["errors"]
    assert no_type.status_code == 422 and "stakeholder_type" in no_type.json()["errors"]
    assert unknown.status_code == 404 and unknown.json()["code"] == "anchor_not_found"
    assert citizen.status_code == 201  # a citizen by name needs no organisation
    assert agency.status_code == 422 and set(agency.json()["errors"]) == {"organisation"}


def test_a_body_that_is_not_json_is_a_400_in_the_callers_language(client, demo):
    answer = _post(client, "/api/v1/consultations/dg2-2560-2564/comments", "\x00{", HTTP_ACCEPT_LANGUAGE="th")
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_json"
    assert answer.json()["message"] == "ไม่สามารถอ่านเนื้อหาของคำขอเป็น JSON ได้"


def test_out_of_range_identifiers_are_a_422_not_a_fault(client, demo):
    assert client.get(f"/api/v1/events/{2**63}").status_code == 422
    assert client.get("/api/v1/consultations/dg2-2560-2564/comments", {"page": 0}).status_code == 422


@pytest.fixture
def live_api(transactional_db, live_server, settings, tmp_path):
    """The demo with its comment period open now and a workshop whose registration is open now; no rate limit
    in the way of the examples."""
    from rapfang.consultations.models import Consultation
    from rapfang.demo.loader import demo_load
    from rapfang.hearings.services import event_save

    settings.RATE_LIMIT_ANONYMOUS = "1000000/60"
    settings.SITE_URL = live_server.url
    demo_load(phase="comments")
    now = timezone.now()
    event = event_save(
        actor=SYSTEM, consultation=Consultation.objects.get(slug="dg2-2560-2564"), kind="workshop",
        title_th="ประชุมระดมสมอง", title_en="Workshop", starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=3), capacity=None, registration_required=True,
        registration_opens_at=now - timedelta(hours=1), registration_closes_at=now + timedelta(days=2),
    )  # fmt: skip
    config = tmp_path / "schemathesis.toml"
    # JSON may carry a NUL or a lone surrogate anywhere, even in a key the schema does not name; no text may hold
    # them, and the site refuses them with its documented 400 (core.malformed), which is not a valid request refused.
    accepted = '"2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"'
    config.write_text(f'[parameters]\n"path.event_id" = {event.pk}\n"path.slug" = "dg2-2560-2564"\n'
                      f"[checks.positive_data_acceptance]\nexpected-statuses = [{accepted}]\n")  # fmt: skip
    return live_server, config


@pytest.mark.skipif(not SCHEMATHESIS.exists() and shutil.which("schemathesis") is None, reason="no schemathesis")
def test_schemathesis_with_all_checks_finds_nothing(live_api):
    server, config = live_api
    command = [
        str(SCHEMATHESIS if SCHEMATHESIS.exists() else shutil.which("schemathesis")), "--config-file", str(config),
        "run", f"{server.url}/api/v1/openapi.json", "--checks", "all", "--max-examples", "15", "--workers", "1",
        "--no-color", "--request-timeout", "30",
    ]  # fmt: skip
    # from the temporary folder: schemathesis keeps its cache in the folder it runs in
    result = subprocess.run(command, cwd=config.parent, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
