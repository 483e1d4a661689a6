"""The settings a real deployment uses pass Django's deployment checks, and the CLI runs the site."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from servers import free_port, static_kept

pytestmark = pytest.mark.own_database  # SQLite in a folder of its own, whatever the run's database

RAPFANG = [sys.executable, "-m", "rapfang.cli"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RAPFANG_TASKS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(RAPFANG_DATA_DIR=str(tmp_path), **extra)
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = _env(
        tmp_path,
        SECRET_KEY="k" * 20 + "-Zq9!x" + "v" * 40,
        RAPFANG_HTTPS="1",
        ALLOWED_HOSTS="hearing.example.go.th",
    )
    result = subprocess.run(  # noqa: S603
        [*RAPFANG, "manage", "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_generated_once_and_kept(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = _env(tmp_path, DJANGO_SETTINGS_MODULE="rapfang.settings")
    command = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    first = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    second = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def _wait_for(url: str, seconds: float) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_demo_then_serve_answers_and_stops_cleanly_on_ctrl_c(tmp_path):
    env = _env(tmp_path, RAPFANG_DEVELOPMENT="1")  # as `make run` sets it
    static_kept(tmp_path)  # collected once for every server of the run (tests/core/test_staticcollect.py)
    demo = subprocess.run([*RAPFANG, "demo", "--phase", "comments"], env=env, capture_output=True, text=True)  # noqa: S603
    assert demo.returncode == 0, demo.stderr
    assert "staff login: admin /" in demo.stdout
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*RAPFANG, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a failed test can end the server's children too
    )
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/consultations/dg2-2560-2564/", 60).decode()
        assert "เปิดรับความคิดเห็น" in page
        css = _wait_for(f"http://127.0.0.1:{port}/static/vendor/sarabun/sarabun.css", 5)
        assert b"@font-face" in css
        server.send_signal(signal.SIGINT)
        out, _ = server.communicate(timeout=30)
        assert server.returncode == 0 and "rapfang stopped." in out
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
