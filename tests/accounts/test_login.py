"""Staff login through HTTP: errors beside the fields in Thai and English; throttling per account and origin that
refuses before hashing; a flood that cannot lock out a known browser or address; the site-wide budget."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from rapfang.accounts.models import LoginOrigin
from rapfang.accounts.services import user_create_staff
from rapfang.accounts.throttle import DEVICE_COOKIE
from rapfang.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PASSWORD = "a-Long-admin-pass-42"
HOME = "198.51.100.10"


class CountingHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few iterations that counts every password it hashes: a real hasher, counted."""

    iterations = 1000
    hashed = 0

    def encode(self, password, salt, iterations=None):
        CountingHasher.hashed += 1
        return super().encode(password, salt, iterations)


@pytest.fixture(autouse=True)
def _hasher(settings):
    settings.PASSWORD_HASHERS = ["accounts.test_login.CountingHasher"]
    CountingHasher.hashed = 0


@pytest.fixture
def admin(db):
    return user_create_staff(actor=SYSTEM, username="admin", password=PASSWORD, administrator=True)


def attempt(client, password, ip=HOME, username="admin", prefix=""):
    return client.post(f"{prefix}{LOGIN}", {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=ip)  # fmt: skip


def test_a_wrong_password_is_said_beside_the_field_and_the_username_is_kept(client, admin):
    thai = attempt(client, "nope")
    english = attempt(client, "nope", prefix="/en")
    assert thai.status_code == english.status_code == 200
    assert 'id="id_password-errors"' in thai.content.decode() and 'value="admin"' in thai.content.decode()
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in thai.content.decode()
    assert "The username or password is not correct" in english.content.decode()
    empty = client.post("/en" + LOGIN, {"username": "", "password": ""})
    assert (
        "Please enter your username." in empty.content.decode()
        and "Please enter your password." in empty.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_in_and_remembers_the_browser_and_the_address(client, admin):
    answer = attempt(client, PASSWORD)
    assert answer.status_code == 302 and answer["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert DEVICE_COOKIE in answer.cookies and answer.cookies[DEVICE_COOKIE]["httponly"]
    assert LoginOrigin.objects.filter(user=admin).count() == 1
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_address_leads_to_the_one_login_page(client):
    answer = client.get("/admin/login/?next=/admin/")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/?next=/admin/"


def test_after_five_wrong_passwords_from_an_address_the_next_try_is_refused_before_hashing(client, admin):
    assert [attempt(client, f"wrong{n}").status_code for n in range(5)] == [200] * 5
    hashed = CountingHasher.hashed
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "มีการลองเข้าสู่ระบบหลายครั้งเกินไป" in refused.content.decode()
    assert CountingHasher.hashed == hashed  # no password was hashed for the refused try
    assert "_auth_user_id" not in client.session
    assert attempt(client, PASSWORD, ip="203.0.113.200").status_code == 302  # another address is not held back


def test_a_flood_from_many_addresses_cannot_lock_out_a_known_browser_or_address(
    client, admin, settings, django_user_model
):
    settings.RATE_LIMIT_LOGIN_ACCOUNT = "20/900"
    from django.test import Client

    known_browser = Client()
    assert attempt(known_browser, PASSWORD, ip=HOME).status_code == 302  # the administrator's usual login
    known_browser.post("/accounts/logout/")
    for n in range(30):  # the flood: wrong passwords for "admin" from thirty addresses
        attempt(Client(), f"guess{n}", ip=f"192.0.2.{n + 1}")
    hashed = CountingHasher.hashed
    stranger = attempt(Client(), PASSWORD, ip="203.0.113.9")
    assert stranger.status_code == 429 and CountingHasher.hashed == hashed
    assert attempt(known_browser, PASSWORD, ip="203.0.113.77").status_code == 302  # the known browser, elsewhere
    assert attempt(Client(), PASSWORD, ip=HOME).status_code == 302  # a new browser at the known address


def test_unknown_addresses_have_a_budget_of_tries_across_accounts(client, admin, settings):
    settings.RATE_LIMIT_LOGIN_ADDRESS = "4/60"
    statuses = [attempt(client, "x", username=f"user{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_password_checks_from_unknown_origins_have_a_site_wide_budget(client, admin, settings):
    settings.RATE_LIMIT_LOGIN_SITE = "3/60"
    from django.test import Client

    assert attempt(Client(), PASSWORD, ip=HOME).status_code == 302  # known from now on (1 check)
    statuses = [attempt(Client(), "x", username=f"user{n}", ip=f"192.0.2.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    assert attempt(Client(), PASSWORD, ip=HOME).status_code == 302  # a known address is outside the budget


def test_an_e_mail_username_is_matched_whatever_its_letter_case_and_its_tries_count_as_one_accounts(client, settings):
    settings.RATE_LIMIT_LOGIN_FAILURES = "2/900"
    staff = user_create_staff(actor=SYSTEM, username="somchai@dtp.go.th", password=PASSWORD)
    for typed in ("SOMCHAI@DTP.GO.TH", "Somchai@dtp.go.th "):
        assert attempt(client, "wrong", username=typed).status_code == 200
    refused = attempt(client, PASSWORD, username="somchai@DTP.go.th")  # the account's third try: held back
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    client.cookies.clear()
    settings.RATE_LIMIT_LOGIN_FAILURES = "20/900"
    answer = attempt(client, PASSWORD, username="Somchai@DTP.GO.TH", ip="198.51.100.11")
    assert answer.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)
