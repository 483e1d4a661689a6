import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from rapfang.accounts import selectors
from rapfang.accounts.models import ApiKey, User
from rapfang.accounts.selectors import apikey_cache_key
from rapfang.accounts.services import apikey_create, apikey_revoke
from rapfang.api.security import api_client, api_rate_limit
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import InvalidInput, PermissionDenied, RateLimited, Unauthorised
from rapfang.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.long]


def _request(key: str = "", ip: str = "203.0.113.9"):
    headers = {"HTTP_X_API_KEY": key} if key else {}
    return RequestFactory().post("/api/v1/x", REMOTE_ADDR=ip, **headers)


def test_a_key_is_shown_once_and_only_its_hash_is_kept():
    key, raw = apikey_create(actor=SYSTEM, name="newsroom")
    assert raw.startswith("rf_") and len(raw) > 40
    stored = ApiKey.objects.get()
    assert raw not in (stored.key_hash, stored.prefix) and raw.startswith(stored.prefix)
    assert api_client(_request(raw)).key == key
    assert AuditEntry.objects.filter(action="accounts.apikey.create").count() == 1


def test_unknown_and_revoked_keys_are_refused():
    key, raw = apikey_create(actor=SYSTEM, name="n")
    with pytest.raises(Unauthorised):
        api_client(_request("rf_not-a-key"))
    apikey_revoke(actor=SYSTEM, key=key)
    with pytest.raises(Unauthorised):
        api_client(_request(raw))


def test_a_revoked_key_is_refused_even_after_it_was_remembered(django_capture_on_commit_callbacks):
    key, raw = apikey_create(actor=SYSTEM, name="n")
    assert api_client(_request(raw)).key == key
    with django_capture_on_commit_callbacks(execute=True):
        apikey_revoke(actor=SYSTEM, key=key)
    with pytest.raises(Unauthorised):
        api_client(_request(raw))


def test_only_administrators_issue_keys_and_names_are_required():
    clerk = User.objects.create_user(username="clerk", password="x-long-password-1", is_staff=True)
    with pytest.raises(PermissionDenied):
        apikey_create(actor=clerk, name="n")
    with pytest.raises(InvalidInput):
        apikey_create(actor=SYSTEM, name="  ")
    assert not ApiKey.objects.exists()


def test_anonymous_clients_are_limited_per_ip_and_keys_have_their_own_limit(settings):
    settings.RATE_LIMIT_ANONYMOUS = "2/60"
    for _ in range(2):
        api_rate_limit(_request(), "registration")
    with pytest.raises(RateLimited):
        api_rate_limit(_request(), "registration")
    api_rate_limit(_request(ip="198.51.100.7"), "registration")
    _key, raw = apikey_create(actor=SYSTEM, name="bulk", requests_per_minute=5)
    for _ in range(5):
        api_rate_limit(_request(raw), "registration")
    with pytest.raises(RateLimited):
        api_rate_limit(_request(raw), "registration")


@pytest.mark.own_database  # the CLI on SQLite in a folder of its own
def test_cli_prints_the_key_on_its_last_line(tmp_path):
    env = {"RAPFANG_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "rapfang.cli", "apikey", "create", "--name", "ข่าว"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1].startswith("rf_")


def test_a_key_revoked_by_another_process_is_refused_within_a_second(settings, monkeypatch):
    """A process remembers a key it found active for APIKEY_LOCAL_SECONDS from the moment it began reading it: a
    revocation written by the CLI or another server process, which cannot reach this process's memory, is seen by
    the first request after that."""
    if settings.REDIS_URL:
        pytest.skip("with Redis, keys are remembered in the shared cache (the next test)")
    moment = [1000.0]
    monkeypatch.setattr(selectors, "_clock", lambda: moment[0])
    key, raw = apikey_create(actor=SYSTEM, name="n")
    assert api_client(_request(raw)).key == key  # read at 1000.0
    ApiKey.objects.filter(pk=key.pk).update(revoked_at=timezone.now())  # as another process writes it
    moment[0] = 1000.0 + settings.APIKEY_LOCAL_SECONDS - 0.001
    assert api_client(_request(raw)).key == key  # still remembered, within the bound
    moment[0] = 1000.0 + settings.APIKEY_LOCAL_SECONDS
    with pytest.raises(Unauthorised):
        api_client(_request(raw))
    moment[0] += 10
    with pytest.raises(Unauthorised):
        api_client(_request(raw))


def test_a_key_is_read_once_a_second_however_many_requests_it_sends(settings, monkeypatch, django_assert_num_queries):
    moment = [1000.0]
    monkeypatch.setattr(selectors, "_clock", lambda: moment[0])
    key, raw = apikey_create(actor=SYSTEM, name="n")
    with django_assert_num_queries(1):
        assert [api_client(_request(raw)).key for _ in range(50)] == [key] * 50
    moment[0] += settings.APIKEY_LOCAL_SECONDS
    with django_assert_num_queries(1):
        assert api_client(_request(raw)).key == key


def test_unknown_keys_are_read_each_time_and_never_remembered(django_assert_num_queries):
    with django_assert_num_queries(3):
        for _ in range(3):
            with pytest.raises(Unauthorised):
                api_client(_request("rf_not-a-key"))
    assert selectors._recent == {}


def test_with_a_shared_cache_a_revocation_overwrites_what_any_process_remembered(
    settings, django_capture_on_commit_callbacks
):
    settings.APIKEY_CACHE_SECONDS = 30
    key, raw = apikey_create(actor=SYSTEM, name="n")
    assert api_client(_request(raw)).key == key  # remembered now
    stale = ApiKey.objects.get(pk=key.pk)
    with django_capture_on_commit_callbacks(execute=True):
        apikey_revoke(actor=SYSTEM, key=key)
    cache.add(apikey_cache_key(stale.key_hash), stale, 30)  # a request that read the key before the commit
    with pytest.raises(Unauthorised):
        api_client(_request(raw))
