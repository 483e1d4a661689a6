"""The second factor through HTTP: enrolment with a QR code and recovery codes, the code page after the password
(errors beside the field, each code once, recovery codes once, a throttle), administrators held to it in
production and not on a development machine, and sessions opened another way held to it too."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from rapfang.accounts.models import SecondFactor
from rapfang.accounts.services import user_create_staff
from rapfang.accounts.totp import totp
from rapfang.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-staff-pass-42"


@pytest.fixture(autouse=True)
def _quick_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def production(settings):
    settings.ADMIN_SECOND_FACTOR = True


def staff(username="organiser", administrator=False):
    return user_create_staff(actor=SYSTEM, username=username, password=PASSWORD, administrator=administrator)


def log_in(client, username, next_url="/admin/", prefix=""):
    return client.post(f"{prefix}/accounts/login/", {"username": username, "password": PASSWORD, "next": next_url})


def enrol(client):
    """Set up the app from the enrolment page; the secret and the recovery codes it showed."""
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page
    secret = re.search(r'data-testid="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    done = client.post("/accounts/two-factor/", {"action": "enrol", "code": totp(secret, time.time())})
    codes = re.findall(r"<li>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</li>", done.content.decode())
    return secret, codes


def next_code(user):
    """The app's code for the step after the last one used (a code is good once)."""
    factor = SecondFactor.objects.get(user=user)
    return totp(factor.secret, max(time.time(), (factor.last_step + 1) * 30))


def test_staff_enrol_with_a_qr_code_and_get_ten_recovery_codes_once(client):
    user = staff()
    log_in(client, "organiser")
    wrong = client.post("/en/accounts/two-factor/", {"action": "enrol", "code": "000000"})
    assert 'id="id_code-errors"' in wrong.content.decode() and "This code is not right" in wrong.content.decode()
    assert not SecondFactor.objects.filter(user=user).exists()
    _secret, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert SecondFactor.objects.filter(user=user).exists()
    assert not re.findall(
        r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", client.get("/accounts/two-factor/").content.decode()
    )


def test_an_enrolled_login_asks_for_the_code_after_the_password_and_takes_each_code_once(client):
    user = staff()
    log_in(client, "organiser")
    enrol(client)
    client.post("/accounts/logout/")
    answer = log_in(client, "organiser")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/code/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # not logged in yet
    wrong = client.post("/accounts/login/code/?next=/admin/", {"code": "123456", "next": "/admin/"})
    assert 'id="id_code-errors"' in wrong.content.decode() and "รหัสไม่ถูกต้อง" in wrong.content.decode()
    code = next_code(user)
    done = client.post("/accounts/login/code/", {"code": code, "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    again = Client()
    log_in(again, "organiser")
    replay = again.post("/accounts/login/code/", {"code": code, "next": "/admin/"})
    assert replay.status_code == 200 and "_auth_user_id" not in again.session  # the same code does not work twice


def test_a_recovery_code_works_once(client):
    staff()
    log_in(client, "organiser")
    _secret, codes = enrol(client)
    for expected in ("logged in", "refused"):
        other = Client()
        log_in(other, "organiser")
        other.post("/accounts/login/code/", {"code": codes[0].lower(), "next": "/admin/"})
        assert ("_auth_user_id" in other.session) == (expected == "logged in")


def test_wrong_codes_are_throttled(client, settings):
    settings.RATE_LIMIT_LOGIN_CODE = "3/900"
    user = staff()
    log_in(client, "organiser")
    enrol(client)
    other = Client()
    log_in(other, "organiser")
    statuses = [other.post("/accounts/login/code/", {"code": "000000"}).status_code for _ in range(3)]
    refused = other.post("/en/accounts/login/code/", {"code": next_code(user)})
    assert statuses == [200, 200, 200] and refused.status_code == 429 and refused["Retry-After"]
    assert "Too many login attempts" in refused.content.decode() and "_auth_user_id" not in other.session


def test_in_production_an_administrator_must_enrol_before_reaching_staff_pages(client, production):
    staff("admin", administrator=True)
    answer = log_in(client, "admin")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/two-factor/"
    assert client.get("/admin/")["Location"] == "/accounts/two-factor/"
    page = client.get("/en/accounts/two-factor/").content.decode()
    assert "Administrators must use a second factor" in page and "Turn the second factor off" not in page
    enrol(client)
    assert client.get("/admin/").status_code == 200


def test_on_a_development_machine_an_administrator_logs_in_with_the_password_alone(client, settings):
    settings.ADMIN_SECOND_FACTOR = False
    staff("admin", administrator=True)
    assert log_in(client, "admin")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_session_opened_another_way_still_owes_the_code(client):
    user = staff()
    log_in(client, "organiser")
    enrol(client)
    other = Client()
    other.force_login(user)
    answer = other.get("/admin/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/code/?next=%2Fadmin%2F")
    other.post("/accounts/login/code/", {"code": next_code(user), "next": "/admin/"})
    assert other.get("/admin/").status_code == 200


def test_staff_who_need_not_may_turn_it_off_with_a_code_and_administrators_in_production_may_not(client, production):
    user = staff()
    log_in(client, "organiser")
    enrol(client)
    client.post("/accounts/two-factor/", {"action": "remove", "code": next_code(user)})
    assert not SecondFactor.objects.filter(user=user).exists()
    admin_client = Client()
    admin = staff("admin", administrator=True)
    log_in(admin_client, "admin")
    enrol(admin_client)
    refused = admin_client.post("/en/accounts/two-factor/", {"action": "remove", "code": next_code(admin)})
    assert "Administrators must use a second factor" in refused.content.decode()
    assert SecondFactor.objects.filter(user=admin).exists()
