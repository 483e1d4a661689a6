"""Servers a test starts for itself on loopback, and stops: Redis, an S3 store (moto), and a TCP relay that can cut
a connection; and the static files every `rapfang serve` a test starts is given, collected once."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from functools import cache
from pathlib import Path


def run_database() -> str:
    """The database this run of the suite is on: "postgresql" when DATABASE_URL names PostgreSQL, else "sqlite".

    The tests that start their own servers on one database or the other (the seat rush, the kill in a burst) take
    this run's database only: CI runs the suite once on each, so each is still covered, and neither run pays twice.
    """
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


# The static files as `rapfang serve` collects them (hashed names, gzip and brotli copies: 15-30 s of two cores), kept
# between runs beside the test data and shared by every test process; collected again only when the sources change.
DATA_FOLDER = Path(os.environ.get("RAPFANG_DATA_DIR") or Path(__file__).resolve().parents[1] / "var").resolve()
KEPT_STATIC = DATA_FOLDER / "served-static"
COLLECTOR = DATA_FOLDER / "served-static-collector"  # a data folder whose static folder is the kept one
COLLECT = "import django; django.setup(); from rapfang.core.staticcollect import static_collect; static_collect()"


def static_kept(data_folder: Path) -> Path:
    """`data_folder/static` made a link to KEPT_STATIC, brought up to date first: a server started on `data_folder`
    finds its static files collected and starts in seconds."""
    _static_brought_up_to_date()
    (data_folder / "static").symlink_to(KEPT_STATIC)
    return KEPT_STATIC


@cache
def _static_brought_up_to_date() -> None:
    """Once per test process; `static_collect` locks the kept folder, so that two test processes never write it at
    once."""
    KEPT_STATIC.mkdir(parents=True, exist_ok=True)
    COLLECTOR.mkdir(exist_ok=True)
    with contextlib.suppress(FileExistsError):  # made by another test process a moment ago
        (COLLECTOR / "static").symlink_to(KEPT_STATIC)
    drop = {"DATABASE_URL", "RAPFANG_DEBUG", "RAPFANG_DEVELOPMENT", "RAPFANG_S3_BUCKET"}  # as the servers run
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(RAPFANG_DATA_DIR=str(COLLECTOR), DJANGO_SETTINGS_MODULE="rapfang.settings")
    subprocess.run([sys.executable, "-c", COLLECT], env=env, check=True, timeout=600)  # noqa: S603


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, *, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


class RedisServer:
    """`redis-server` of the test's own, keeping nothing on disk; `stop()` and `start()` again on the same port."""

    def __init__(self, folder: Path) -> None:
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                   "--dir", str(self.folder)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class Relay:
    """A TCP relay from a port of its own to `target`: `cut()` refuses and drops every connection, `mend()` relays
    again. Put in front of a database, it is an outage the test controls without touching the server. With `delay`,
    each connection waits that many seconds before it is relayed, as behind a crowd."""

    def __init__(self, target_port: int, *, delay: float = 0.0) -> None:
        self.target, self.port, self.delay = target_port, free_port(), delay
        self._open = threading.Event()
        self._open.set()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._stopping = False

    def start(self) -> None:
        self._listen()
        threading.Thread(target=self._accept, daemon=True).start()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        listener.settimeout(0.2)
        self._listener = listener

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _address = self._listener.accept()  # type: ignore[union-attr]
            except (TimeoutError, OSError):
                continue
            if not self._open.is_set():
                client.close()
                continue
            threading.Thread(target=self._pair, args=(client,), daemon=True).start()

    def _pair(self, client: socket.socket) -> None:
        time.sleep(self.delay)
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target), timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._sockets |= {client, upstream}
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        source.settimeout(None)
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for one in (source, sink):
                self._close(one)

    def _close(self, one: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(one)
        with contextlib.suppress(OSError):
            one.shutdown(socket.SHUT_RDWR)
        one.close()

    def cut(self) -> None:
        """Refuse new connections and drop the open ones, as a database that went away."""
        self._open.clear()
        with self._lock:
            sockets = list(self._sockets)
        for one in sockets:
            self._close(one)

    def mend(self) -> None:
        self._open.set()

    def stop(self) -> None:
        self._stopping = True
        self.cut()
        if self._listener is not None:
            self._listener.close()


class MotoServer:
    """`moto_server`, a real S3-protocol server on loopback, holding everything in its memory; `bucket()` makes one."""

    ACCESS_KEY, SECRET_KEY, REGION = "testing", "testing", "us-east-1"

    def __init__(self) -> None:
        self.binary = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [self.binary, "-H", "127.0.0.1", "-p", str(self.port)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        wait_for_port(self.port, timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.url, aws_access_key_id=self.ACCESS_KEY,
                            aws_secret_access_key=self.SECRET_KEY, region_name=self.REGION)  # fmt: skip

    def bucket(self, name: str) -> str:
        self.client().create_bucket(Bucket=name)
        return name

    def environment(self, bucket: str) -> dict[str, str]:
        """The variables that put a rapfang site's files in `bucket`."""
        return {"RAPFANG_S3_BUCKET": bucket, "RAPFANG_S3_ENDPOINT": self.url, "RAPFANG_S3_REGION": self.REGION,
                "RAPFANG_S3_ACCESS_KEY": self.ACCESS_KEY, "RAPFANG_S3_SECRET_KEY": self.SECRET_KEY}  # fmt: skip


def moto_available() -> bool:
    return bool(shutil.which("moto_server") or Path(sys.executable).with_name("moto_server").exists())
