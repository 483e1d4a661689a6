"""Slow clients against `rapfang serve` running alone: connections that send part of their headers and stall do not
hold the request threads (the server reads headers itself), so a visitor is served while they wait, and the server
drops them once its header timeout passes; a client that sends its body slowly does not hold the one place the
server is given (the body is read before the request asks for one, core.overload.read_body_first). The server is
started with two request threads, one place, twelve stalled connections and a header timeout of 3 s; every process
the test started is stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from servers import free_port, static_kept, wait_for_port

pytestmark = pytest.mark.own_database  # SQLite in a folder of its own, whatever the run's database

STALLED = 12
HEADER_TIMEOUT = 3  # seconds, not the default of 10: the test waits for it twice
UPLOAD = b'{"text": "' + "ก".encode() * 600 + b'"}'
UPLOAD_HEAD = (b"POST /api/v1/consultations/no-such-consultation/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(UPLOAD))  # fmt: skip


def test_stalled_connections_and_slow_uploads_do_not_starve_visitors_and_are_dropped(tmp_path):
    static_kept(tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RAPFANG_TASKS"}}
    env.update(RAPFANG_DATA_DIR=str(tmp_path), RAPFANG_ACCESS_LOG="off", RAPFANG_DEVELOPMENT="1",
               RAPFANG_MAX_IN_FLIGHT="1")  # fmt: skip
    command = [sys.executable, "-m", "rapfang.cli", "serve", "--no-worker", "--port", str(port), "--workers", "1",
               "--threads", "2", "--header-timeout", str(HEADER_TIMEOUT)]  # fmt: skip
    server = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL)  # noqa: S603
    stalled: list[socket.socket] = []
    try:
        wait_for_port(port, timeout=120)
        assert healthy(port, within=60)
        for _ in range(STALLED):
            sock = socket.create_connection(("127.0.0.1", port), timeout=40)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sl")  # and nothing more
            stalled.append(sock)
        time.sleep(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=8) as answer:
            assert answer.status == 200  # served while twelve connections hold their headers back
        uploading = socket.create_connection(("127.0.0.1", port), timeout=40)
        stalled.append(uploading)
        uploading.sendall(UPLOAD_HEAD + UPLOAD[:10])  # and the rest later
        time.sleep(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=8) as page:
            assert page.status == 200  # the one place is free while the upload holds its body back
        uploading.sendall(UPLOAD[10:])
        assert uploading.recv(4096).startswith(b"HTTP/1.1 422")  # its whole JSON read, and its fields checked
        dropped = stalled[0].recv(4096)  # blocks until the server gives up on the headers
        assert not dropped or dropped.startswith(b"HTTP/1.1 408")
        late = socket.create_connection(("127.0.0.1", port), timeout=40)
        stalled.append(late)
        late.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sent = time.monotonic()
        late.recv(4096)
        assert time.monotonic() - sent < HEADER_TIMEOUT + 5  # the timeout it was given, not the default of 10 s
    finally:
        for sock in stalled:
            sock.close()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)


def healthy(port: int, *, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
            return True
        time.sleep(0.3)
    return False
