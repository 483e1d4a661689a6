"""A site on many machines, started on this one: Debian's nginx (the shipped configuration) in front of N app
instances with data folders of their own, job workers, PostgreSQL (a database of its own), a Redis of its own,
moto_server as the S3 store and an SMTP server, all on loopback. Used by tests/test_many_machines.py and by
benches/cluster.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import requests
from aiosmtpd.controller import Controller

from mailserver import Inbox
from servers import KEPT_STATIC, MotoServer, RedisServer, free_port, static_kept, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
RAPFANG = [sys.executable, "-m", "rapfang.cli"]
ADMIN_URL = os.environ.get("RAPFANG_CLUSTER_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
SECRET_KEY = "cluster-" + uuid.uuid4().hex * 2
METRICS_TOKEN = "metrics-" + uuid.uuid4().hex
SETUP = """
import json, sys
from datetime import timedelta
from django.utils import timezone
from rapfang.accounts.models import Role
from rapfang.accounts.services import apikey_create, membership_grant, user_create_staff
from rapfang.core.actors import SYSTEM
from rapfang.demo.loader import demo_load
from rapfang.hearings.services import event_save
consultation = demo_load(phase="comments").consultation
now = timezone.now()
event = event_save(
    actor=SYSTEM, consultation=consultation, kind="workshop", title_th="ประชุมทดสอบหลายเครื่อง", title_en="Many machines",
    starts_at=now + timedelta(days=7), ends_at=now + timedelta(days=7, hours=3), capacity=int(sys.argv[1]),
    registration_required=True, registration_opens_at=now - timedelta(hours=1),
    registration_closes_at=now + timedelta(days=1),
)
user = user_create_staff(actor=SYSTEM, username=sys.argv[3], password=sys.argv[2])
membership_grant(actor=SYSTEM, user=user, agency=consultation.agency, role=Role.ORGANISER)
_key, raw_key = apikey_create(actor=SYSTEM, name="many machines", requests_per_minute=100000)
print(json.dumps({"slug": consultation.slug, "event": event.pk, "key": raw_key}))
"""
STAFF = "organiser-many"
UPSTREAM_LINE = "server 127.0.0.1:8000 max_fails=3 fail_timeout=10s;"
STATIC_ALIAS = "alias /var/lib/rapfang/static/;"


def missing() -> str:
    """Why a cluster cannot start here, or an empty string."""
    for binary in ("nginx", "redis-server"):
        if not (shutil.which(binary) or Path(f"/usr/sbin/{binary}").exists() or Path(f"/usr/bin/{binary}").exists()):
            return f"{binary} is not installed (apt-get install {binary})"
    if not (shutil.which("moto_server") or Path(sys.executable).with_name("moto_server").exists()):
        return "moto_server is not installed (pip install 'moto[server]')"
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
    except psycopg.Error as error:
        return f"PostgreSQL does not answer at {ADMIN_URL}: {error}"
    return ""


class Nginx:
    """Debian's nginx as a process of the caller's, with the shipped configuration in front of `ports`."""

    def __init__(self, folder: Path, ports: list[int], static_root: Path) -> None:
        self.folder, self.ports, self.static_root = folder, ports, static_root
        self.port = free_port()
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process: subprocess.Popen[bytes] | None = None

    def config(self) -> str:
        site = (DEPLOY / "rapfang.conf").read_text()
        http_level = site[: site.index("\nserver {")]  # the shipped upstream, zones and maps; our own server below
        assert UPSTREAM_LINE in http_level
        upstreams = "\n    ".join(f"server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in self.ports)
        locations = (DEPLOY / "rapfang-proxy.conf").read_text()
        assert STATIC_ALIAS in locations
        (self.folder / "rapfang-proxy.conf").write_text(locations.replace(STATIC_ALIAS, f"alias {self.static_root}/;"))
        user = "user root root;\n" if os.geteuid() == 0 else ""  # workers that may read the test's own folders
        temp = " ".join(f"{kind}_temp_path {self.folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                             "uwsgi", "scgi"))  # fmt: skip
        return f"""{user}worker_processes 2;
pid {self.folder / "nginx.pid"};
error_log {self.folder / "error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log {self.folder / "access.log"};
    {temp}
{http_level.replace(UPSTREAM_LINE, upstreams)}
server {{
    listen 127.0.0.1:{self.port};
    server_name 127.0.0.1 localhost;
    add_header X-Upstream $upstream_addr always;  # which instance answered, for the test
    include {self.folder / "rapfang-proxy.conf"};
}}
}}
"""

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "nginx.conf").write_text(self.config())
        command = [self.binary, "-p", str(self.folder), "-e", str(self.folder / "error.log"),
                   "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"]  # fmt: skip
        self.process = subprocess.Popen(command, stderr=subprocess.PIPE)  # noqa: S603
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Cluster:
    """`instances` app instances behind nginx and `workers` job workers, on a database, a Redis and a bucket of
    their own. `start()` starts every instance at once on the empty database, with `--migrate`."""

    def __init__(self, folder: Path, *, instances: int = 2, workers: int = 2) -> None:
        self.folder, self.instances, self.workers = folder, instances, workers
        self.database = f"rapfang_ops_cluster_{uuid.uuid4().hex[:10]}"
        self.redis = RedisServer(folder)
        self.moto = MotoServer()
        self.inbox = Inbox()
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=free_port())  # started with the rest
        self.ports = [free_port() for _ in range(instances)]
        self.nginx = Nginx(folder / "nginx", self.ports, KEPT_STATIC)
        self.processes: list[subprocess.Popen[bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx.port}"

    @property
    def database_url(self) -> str:
        return ADMIN_URL.rsplit("/", 1)[0] + "/" + self.database

    def environment(self, index: int) -> dict[str, str]:
        """What an agency sets on each machine; only the data folder differs."""
        drop = {"DATABASE_URL", "RAPFANG_TASKS", "RAPFANG_DEVELOPMENT", "RAPFANG_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env = {key: value for key, value in os.environ.items() if key not in drop}
        env.update(
            RAPFANG_DATA_DIR=str(self.folder / f"machine-{index}"), SECRET_KEY=SECRET_KEY,
            DATABASE_URL=self.database_url, REDIS_URL=self.redis.url, RAPFANG_INSTANCES=str(self.instances),
            RAPFANG_SITE_URL=self.url, ALLOWED_HOSTS="127.0.0.1,localhost", RAPFANG_BEHIND_PROXY="1",
            RAPFANG_TRUSTED_PROXIES="1", RAPFANG_PROXY_ARRIVAL="1", EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp.port),
            RAPFANG_METRICS_TOKEN=METRICS_TOKEN, RAPFANG_ACCESS_LOG="off", RAPFANG_LOG_LEVEL="WARNING",
            RAPFANG_RATE_LIMIT_ANONYMOUS="100000/60",  # every rush and surge comes from this one address
            RAPFANG_MAX_IN_FLIGHT="16",  # the rushes' 16 clients served at once: these tests check rules, not overload
            **self.moto.environment("rapfang-files"),
        )  # fmt: skip
        return env

    def start(self) -> None:
        self.redis.start()
        self.moto.start()
        self.moto.bucket("rapfang-files")
        self.smtp.start()
        self.sql("CREATE DATABASE " + self.database, admin=True)
        self._static()
        self.processes += [self._spawn(i, "serve", "--migrate", "--no-worker", "--workers", "1", "--threads", "16",
                                       "--port", str(port)) for i, port in enumerate(self.ports)]  # fmt: skip
        self.processes += [self._spawn(i % self.instances, "worker") for i in range(self.workers)]
        self.nginx.start()
        for port in self.ports:
            self.wait_ready(f"http://127.0.0.1:{port}", seconds=240)
        self.wait_ready(self.url, seconds=60)

    def _static(self) -> None:
        """Every machine's static folder linked to the files collected once for every server the tests start."""
        for index in range(self.instances):
            machine = self.folder / f"machine-{index}"
            machine.mkdir(parents=True, exist_ok=True)
            static_kept(machine)

    def _spawn(self, index: int, *command: str) -> subprocess.Popen[bytes]:
        log = (self.folder / f"machine-{index}-{command[0]}-{len(self.processes)}.log").open("wb")
        return subprocess.Popen(  # noqa: S603
            [*RAPFANG, *command], env=self.environment(index), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def wait_ready(self, base: str, *, seconds: float) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while True:
            try:
                answer = requests.get(base + "/readyz", timeout=5)
                if answer.status_code == 200:
                    return dict(answer.json())
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{base} not ready: {self.logs()}")
            time.sleep(0.3)

    def logs(self) -> str:
        return "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
                         for path in sorted(self.folder.glob("machine-*.log")))  # fmt: skip

    def served_by(self, response: requests.Response) -> int:
        """Which instance answered (nginx says, in the test's own header)."""
        return self.ports.index(int(response.headers["X-Upstream"].rsplit(":", 1)[1]))

    def on(self, instance: int, call: Any, *, tries: int = 8) -> requests.Response:
        """Repeat an idempotent request until the instance `instance` answers it (nginx takes turns)."""
        for _ in range(tries):
            response = call()
            if self.served_by(response) == instance:
                return response
        raise AssertionError(f"instance {instance} never answered")

    def python(self, code: str, *args: str) -> Any:
        """Run `code` with Django set up as on machine 0; its last line of output, as JSON."""
        env = {**self.environment(0), "DJANGO_SETTINGS_MODULE": "rapfang.settings"}
        script = "import django; django.setup()\n" + code
        done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True,  # noqa: S603
                              timeout=300, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def site_setup(self, *, capacity: int, password: str) -> dict[str, Any]:
        """The demo consultation with its comment period open, an event open for registration with `capacity`
        seats, an organiser STAFF with `password` and an API key (a partner's, answered with the reference):
        {"slug": ..., "event": ..., "key": ...}."""
        return dict(self.python(SETUP, str(capacity), password, STAFF))

    def sql(self, query: str, params: tuple[Any, ...] = (), *, admin: bool = False) -> list[tuple[Any, ...]]:
        with psycopg.connect(ADMIN_URL if admin else self.database_url, autocommit=True) as db:
            cursor = db.execute(query, params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def stop(self) -> None:
        self.nginx.stop()
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.smtp.stop()
        self.moto.stop()
        self.redis.stop()
        self.sql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)", admin=True)
