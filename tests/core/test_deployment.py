"""Settings that hold on many machines: the secret key from the environment, the Redis prefix, sessions; migrations
once for the whole site, under a lock, while serving processes wait for the schema."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rapfang.core.deployment import StartRefused, start_check

pytestmark = pytest.mark.own_database  # SQLite in a folder of its own, whatever the run's database

RAPFANG = [sys.executable, "-m", "rapfang.cli"]
KEY = "a-shared-secret-key-" + "x" * 40


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    drop = {"DATABASE_URL", "RAPFANG_TASKS", "REDIS_URL", "SECRET_KEY", "SECRET_KEY_FILE", "RAPFANG_DEVELOPMENT",
            "RAPFANG_DEBUG", "RAPFANG_INSTANCES"}  # fmt: skip
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(RAPFANG_DATA_DIR=str(tmp_path), RAPFANG_LOG_LEVEL="WARNING", **extra)
    return env


def _setting(tmp_path: Path, name: str, **extra: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    env = _env(tmp_path, DJANGO_SETTINGS_MODULE="rapfang.settings", **extra)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("development", "instances", "redis", "refused"),
    [(True, 1, "", False), (False, 1, "", True), (True, 2, "", True), (True, 1, "redis://127.0.0.1:6379/15", True)],
)
def test_a_generated_key_serves_only_one_development_machine(settings, development, instances, redis, refused):
    settings.SECRET_KEY_FROM_ENVIRONMENT = False
    settings.DEVELOPMENT, settings.INSTANCES, settings.REDIS_URL = development, instances, redis
    if refused:
        with pytest.raises(StartRefused, match="SECRET_KEY"):
            start_check()
    else:
        start_check()
    settings.SECRET_KEY_FROM_ENVIRONMENT = True
    start_check()  # a key from the environment serves anywhere


def test_serve_and_worker_refuse_to_start_without_a_key_in_production(tmp_path):
    for command in (["serve", "--port", "1"], ["worker"]):
        result = subprocess.run([*RAPFANG, *command], env=_env(tmp_path), capture_output=True, text=True, timeout=60)  # noqa: S603
        assert result.returncode == 2 and "no SECRET_KEY is set" in result.stderr
        assert "secrets.token_urlsafe(50)" in result.stderr and "Traceback" not in result.stderr
    many = _env(tmp_path, RAPFANG_DEVELOPMENT="1", RAPFANG_INSTANCES="3")
    result = subprocess.run([*RAPFANG, "worker"], env=many, capture_output=True, text=True, timeout=60)  # noqa: S603
    assert result.returncode == 2 and "several machines" in result.stderr


def test_the_key_may_come_from_a_file(tmp_path):
    (tmp_path / "key").write_text(KEY + "\n")
    assert _setting(tmp_path, "SECRET_KEY", SECRET_KEY_FILE=str(tmp_path / "key")) == KEY
    assert _setting(tmp_path, "SECRET_KEY_FROM_ENVIRONMENT", SECRET_KEY_FILE=str(tmp_path / "key")) == "True"
    assert not (tmp_path / "secret_key").exists()


def test_the_redis_prefix_comes_from_the_site_address_or_is_given(tmp_path):
    assert _setting(tmp_path, "CACHES['default']['KEY_PREFIX']") == "rapfang:127.0.0.1:8000"
    site = "https://hearing.example.go.th"
    assert _setting(tmp_path, "CACHE_PREFIX", RAPFANG_SITE_URL=site) == "rapfang:hearing.example.go.th"
    assert _setting(tmp_path, "CACHE_PREFIX", RAPFANG_CACHE_PREFIX="agency-b") == "agency-b"


def test_sessions_are_never_copied_in_one_process_memory(tmp_path):
    assert _setting(tmp_path, "SESSION_ENGINE") == "django.contrib.sessions.backends.db"
    redis = _setting(tmp_path, "SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/15", SECRET_KEY=KEY)
    assert redis == "django.contrib.sessions.backends.cached_db"


def _count_migrations(tmp_path: Path) -> int:
    import sqlite3

    with sqlite3.connect(tmp_path / "rapfang.sqlite3") as db:
        return int(db.execute("select count(*) from django_migrations").fetchone()[0])


def test_two_migrations_started_at_once_apply_each_migration_once(tmp_path):
    env = _env(tmp_path)
    runs = [subprocess.Popen([*RAPFANG, "migrate"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603
            for _ in range(2)]  # fmt: skip
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    said = sorted(out.strip().splitlines()[-1] for out, _err in outputs)
    assert said[1] == "The database's schema is up to date." and said[0].endswith("migrations applied.")
    applied = int(said[0].split()[0])
    assert applied == _count_migrations(tmp_path) > 20  # every migration once: no failure, no second run


def test_a_production_worker_waits_for_the_schema_instead_of_migrating(tmp_path):
    env = _env(tmp_path, SECRET_KEY=KEY)
    command = [*RAPFANG, "worker"]
    worker = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # noqa: S603
    try:
        deadline = time.monotonic() + 120
        first = worker.stderr.readline()  # type: ignore[union-attr]
        assert "waiting for `rapfang migrate`" in first, first
        assert not (tmp_path / "rapfang.sqlite3").exists() or _migrations_or_none(tmp_path) is None
        subprocess.run([*RAPFANG, "migrate"], env=env, check=True, capture_output=True, timeout=300)  # noqa: S603
        while not _heartbeat(tmp_path):
            assert time.monotonic() < deadline and worker.poll() is None
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _migrations_or_none(tmp_path: Path) -> int | None:
    try:
        return _count_migrations(tmp_path)
    except Exception:
        return None


def _heartbeat(tmp_path: Path) -> bool:
    import sqlite3

    try:
        with sqlite3.connect(tmp_path / "rapfang.sqlite3") as db:
            return bool(db.execute("select count(*) from core_workerheartbeat").fetchone()[0])
    except sqlite3.OperationalError:
        return False


def test_the_wsgi_application_refuses_to_load_without_a_key_in_production(tmp_path):
    env = _env(tmp_path, DJANGO_SETTINGS_MODULE="rapfang.settings")
    done = subprocess.run([sys.executable, "-c", "import rapfang.wsgi"], env=env, capture_output=True, text=True)
    assert done.returncode != 0 and "StartRefused" in done.stderr and "no SECRET_KEY is set" in done.stderr
