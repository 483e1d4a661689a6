"""Requests per second of the consultation page against Django's bare hello-world view.

Starts the production server the way `rapfang serve` does, on a throwaway data folder loaded with
`rapfang demo`, and drives it from a few client processes with keep-alive connections on loopback.
The target: the consultation page, cached or not, serves at least half of hello-world's requests
per second.

    .venv/bin/python benches/pages.py [--seconds 10] [--clients 8] [--warmup 2] [--wrk]

With DATABASE_URL set, the demo is loaded into that database (which must exist) instead of SQLite.
Exits 1 if any request failed (status other than 200, or a broken connection).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAPFANG = ROOT / ".venv" / "bin" / "rapfang"
HOST = "127.0.0.1"
HELLO = "/healthz"
CONSULTATION = "/consultations/dg2-2560-2564/"
TARGET_RATIO = 0.5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Load:
    seconds: float
    clients: int
    warmup: float
    use_wrk: bool


@dataclass(frozen=True)
class ClientResult:
    latencies: list[float]
    failures: int
    cpu_seconds: float


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    failures: int
    seconds: float
    p50_ms: float
    p99_ms: float
    client_cpu: float | None
    server_cpu: float | None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float | None:
        """Server CPU per request: steadier than rps when other processes share the machine."""
        if self.server_cpu is None or not self.requests:
            return None
        return self.server_cpu / self.requests * 1000


# --- The load generator: one process per client, raw HTTP/1.1 over a keep-alive socket -------------


class Client:
    """A keep-alive HTTP/1.1 client that reads just enough of a response to frame it."""

    def __init__(self, port: int, path: str) -> None:
        self.port = port
        self.request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nUser-Agent: rapfang-bench\r\n\r\n".encode()
        self.sock: socket.socket | None = None
        self.buffer = b""

    def get(self) -> tuple[int, bytes]:
        if self.sock is None:
            self.sock = socket.create_connection((HOST, self.port), timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""
        self.sock.sendall(self.request)
        head = self._read_until(b"\r\n\r\n")
        status = int(head[9:12])
        headers = head.lower()
        if match := re.search(rb"\r\ncontent-length: *(\d+)", headers):
            body = self._read_exactly(int(match.group(1)))
        elif b"\r\ntransfer-encoding: chunked" in headers:
            body = self._read_chunked()
        else:
            raise ConnectionError("response without a length")
        if b"\r\nconnection: close" in headers:
            self.close()
        return status, body

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def _fill(self) -> None:
        assert self.sock is not None
        data = self.sock.recv(262_144)
        if not data:
            raise ConnectionError("connection closed by the server")
        self.buffer += data

    def _read_until(self, marker: bytes) -> bytes:
        while (end := self.buffer.find(marker)) < 0:
            self._fill()
        data, self.buffer = self.buffer[:end], self.buffer[end + len(marker) :]
        return data

    def _read_exactly(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._fill()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def _read_chunked(self) -> bytes:
        parts = []
        while size := int(self._read_until(b"\r\n").split(b";")[0], 16):
            parts.append(self._read_exactly(size))
            self._read_until(b"\r\n")
        self._read_until(b"\r\n")
        return b"".join(parts)


def client_run(port: int, path: str, start: float, warmup: float, seconds: float) -> ClientResult:
    """Request `path` in a loop; keep the latencies of requests that ran wholly in the measured window."""
    client = Client(port, path)
    measure_from, stop_at = start + warmup, start + warmup + seconds
    latencies: list[float] = []
    failures = 0
    while (now := time.monotonic()) < start:
        time.sleep(min(0.01, start - now))
    cpu_start = None
    while (began := time.monotonic()) < stop_at:
        if cpu_start is None and began >= measure_from:
            cpu_start = time.process_time()
        try:
            status, _body = client.get()
        except (OSError, ValueError):
            status = 0
            client.close()
        ended = time.monotonic()
        if began >= measure_from and ended <= stop_at:
            latencies.append(ended - began)
            failures += status != 200
        elif status != 200:
            failures += 1
    client.close()
    cpu = time.process_time() - cpu_start if cpu_start is not None else 0.0
    return ClientResult(latencies, failures, cpu)


def _client_star(args: tuple[int, str, float, float, float]) -> ClientResult:
    return client_run(*args)


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def load_python(name: str, port: int, path: str, load: Load, server_pid: int) -> Result:
    start = time.monotonic() + 0.5  # the clients' processes are forked by then
    jobs = [(port, path, start, load.warmup, load.seconds)] * load.clients
    with multiprocessing.get_context("fork").Pool(load.clients) as pool:
        pending = pool.map_async(_client_star, jobs)
        time.sleep(max(0.0, start + load.warmup - time.monotonic()))
        cpu_before = server_cpu_seconds(server_pid)
        time.sleep(max(0.0, start + load.warmup + load.seconds - time.monotonic()))
        cpu_after = server_cpu_seconds(server_pid)
        results = pending.get(timeout=load.warmup + load.seconds + 60)
    latencies = sorted(value for result in results for value in result.latencies)
    return Result(
        name=name,
        requests=len(latencies),
        failures=sum(result.failures for result in results),
        seconds=load.seconds,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        client_cpu=sum(result.cpu_seconds for result in results),
        server_cpu=cpu_after - cpu_before,
    )


# --- wrk, when asked for and installed -----------------------------------------------------------------


def load_wrk(name: str, port: int, path: str, load: Load, server_pid: int) -> Result:
    url = f"http://{HOST}:{port}{path}"
    threads = str(min(2, load.clients))
    base = ["wrk", "-t", threads, "-c", str(load.clients), "--latency"]
    subprocess.run([*base, "-d", f"{max(1, round(load.warmup))}s", url], check=True, capture_output=True)
    cpu_before = server_cpu_seconds(server_pid)
    output = subprocess.run(
        [*base, "-d", f"{round(load.seconds)}s", url], check=True, capture_output=True, text=True
    ).stdout
    cpu_after = server_cpu_seconds(server_pid)
    requests = int(_wrk_field(output, r"(\d+) requests in"))
    failures = sum(int(_wrk_field(output, rf"{label}: *(\d+)", "0")) for label in ("Non-2xx or 3xx responses",))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failures += sum(int(value) for value in errors.groups()) if errors else 0
    return Result(
        name=name,
        requests=requests,
        failures=failures,
        seconds=float(_wrk_field(output, r"requests in ([\d.]+)s")),
        p50_ms=_wrk_ms(_wrk_field(output, r"50%\s+(\S+)")),
        p99_ms=_wrk_ms(_wrk_field(output, r"99%\s+(\S+)")),
        client_cpu=None,
        server_cpu=cpu_after - cpu_before,
    )


def _wrk_field(output: str, pattern: str, default: str | None = None) -> str:
    if match := re.search(pattern, output):
        return match.group(1)
    if default is None:
        raise RuntimeError(f"wrk output lacks {pattern!r}:\n{output}")
    return default


def _wrk_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


# --- The server under test -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "RAPFANG_DATA_DIR": str(data_dir), "PYTHAINLP_OFFLINE": "1", "SECRET_KEY": SECRET_KEY}
    env.pop("RAPFANG_DEBUG", None)
    return {**env, **(extra or {})}


def demo_load(data_dir: Path) -> None:
    subprocess.run([str(RAPFANG), "demo"], env=server_env(data_dir), check=True, capture_output=True)


SECRET_KEY = secrets.token_urlsafe(50)  # one for every process of a run: a production process needs one
STATIC_PROBE = "vendor/sarabun/sarabun.css"
SHIM = "from rapfang.settings import *  # noqa: F403\nSTATICFILES_DIRS = [PACKAGE_DIR / 'static']  # noqa: F405\n"


def static_shim(data_dir: Path) -> dict[str, str]:
    """Environment that makes collectstatic find the package's own static files, if settings miss them.

    `rapfang.settings` lists no STATICFILES_DIRS and `rapfang` itself is no app, so `src/rapfang/static`
    is not collected and every page using `{% static %}` fails with a 500 under the manifest storage.
    While that holds, the bench serves with a settings module that adds the folder and nothing else.
    """
    found = subprocess.run(
        [str(RAPFANG), "manage", "findstatic", STATIC_PROBE],
        env=server_env(data_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode == 0 and "Found" in found.stdout:
        return {}
    (data_dir / "bench_settings.py").write_text(SHIM)
    python_path = os.pathsep.join(filter(None, [str(data_dir), os.environ.get("PYTHONPATH", "")]))
    return {"DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": python_path}


def process_children(pid: int) -> list[int]:
    children: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            children += [int(child) for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    return children


def process_tree(pid: int) -> Iterator[int]:
    yield pid
    for child in process_children(pid):
        yield from process_tree(child)


def server_cpu_seconds(pid: int) -> float:
    """User and system CPU of the server's live processes (Linux /proc); 0 elsewhere."""
    ticks = 0
    for member in process_tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS


def command_line(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").strip()
    return "?"


class Server:
    """`rapfang serve --no-worker` on a free loopback port, stopped with SIGTERM."""

    def __init__(self, data_dir: Path, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.command = [str(RAPFANG), "serve", "--host", HOST, "--port", str(self.port), "--no-worker"]
        self.log_path = data_dir / f"server-{self.port}.log"
        self.env = server_env(data_dir, extra_env)
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_ready(timeout=120)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def web_command(self) -> str:
        """The gunicorn command line `rapfang serve` started."""
        children = process_children(self.pid)
        return command_line(children[0]) if children else "?"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.port}{path}", timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the session this script started for the server
            self.process.wait()

    def _wait_ready(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.log_path.read_text()}")
            with contextlib.suppress(OSError):
                if self.get(HELLO)[0] == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer {HELLO} within {timeout:.0f} s")


def check_page(server: Server) -> None:
    """The bench must measure the real page: 200 and the consultation's Thai title."""
    from rapfang.demo.seed import CONSULTATION as SEED

    status, body = server.get(CONSULTATION)
    title = SEED["title_th"]
    if status != 200 or (title not in body and html.escape(title) not in body):
        raise RuntimeError(
            f"{CONSULTATION} answered {status} without the title {title!r}; the server's log ends:\n{server.log_tail()}"
        )


# --- Running and reporting -----------------------------------------------------------------------------


def measure(server: Server, name: str, path: str, load: Load) -> Result:
    runner = load_wrk if load.use_wrk else load_python
    result = runner(name, server.port, path, load, server.pid)
    print(f"  measured {name}: {result.rps:,.0f} req/s", file=sys.stderr, flush=True)
    return result


def database_label() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return re.sub(r"//[^@/]*@", "//", url) if url else "SQLite (WAL) in the throwaway data folder"


def run(load: Load) -> tuple[list[Result], str]:
    data_dir = Path(tempfile.mkdtemp(prefix="rapfang-bench-"))
    try:
        print(f"loading the demo into {data_dir} ...", file=sys.stderr, flush=True)
        demo_load(data_dir)
        shim = static_shim(data_dir)
        with Server(data_dir, shim) as server:
            check_page(server)
            web = f"{' '.join(server.command)}\n  which runs: {server.web_command()}"
            if shim:
                web += f"\n  WARNING: settings miss STATICFILES_DIRS (pages 500); served with {shim}, which adds it"
            hello = measure(server, "hello (/healthz)", HELLO, load)
            cached = measure(server, "consultation, cached", CONSULTATION, load)
        with Server(data_dir, {**shim, "RAPFANG_PAGE_CACHE_SECONDS": "0"}) as server:
            check_page(server)
            uncached = measure(server, "consultation, cache off", CONSULTATION, load)
        return [hello, cached, uncached], web
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _cpu(value: float | None, seconds: float) -> str:
    return "-" if value is None else f"{value / seconds:.2f}"


def report(results: list[Result], web: str, load: Load) -> None:
    generator = "wrk" if load.use_wrk else f"{load.clients} Python client processes, keep-alive"
    print(f"cores: {os.cpu_count()}    database: {database_label()}")
    print(f"server: {web}")
    print(f"load: {generator}, {load.warmup:g} s warm-up + {load.seconds:g} s per target, loopback")
    print()
    header = (
        f"{'target':<26}{'requests':>10}{'rps':>9}{'p50 ms':>9}{'p99 ms':>9}{'failed':>7}"
        f"{'srv cpu':>9}{'gen cpu':>9}{'cpu ms/req':>12}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<26}{r.requests:>10,}{r.rps:>9,.0f}{r.p50_ms:>9.2f}{r.p99_ms:>9.2f}{r.failures:>7}"
            f"{_cpu(r.server_cpu, r.seconds):>9}{_cpu(r.client_cpu, r.seconds):>9}{_ms(r.cpu_ms_per_request):>12}"
        )
    print("(srv cpu, gen cpu: cores busy on average in the server and the load generator; cpu ms/req: the server's)")
    print()
    hello = results[0]
    for r in results[1:]:
        ratio = r.rps / hello.rps if hello.rps else 0.0
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"ratio {r.name} / hello: {ratio:.2f}  ({verdict} the target of {TARGET_RATIO:.2f})")


def parse_args() -> Load:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per target (10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client connections (8)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each target (2)")
    parser.add_argument("--wrk", action="store_true", help="use wrk (if on PATH) as the load generator")
    args = parser.parse_args()
    if args.wrk and shutil.which("wrk") is None:
        parser.error("--wrk: wrk is not on PATH")
    if args.seconds <= 0 or args.clients < 1 or args.warmup < 0:
        parser.error("--seconds and --clients must be positive, --warmup not negative")
    return Load(seconds=args.seconds, clients=args.clients, warmup=args.warmup, use_wrk=args.wrk)


def main() -> int:
    load = parse_args()
    before = os.getloadavg()[0]
    results, web = run(load)
    print(f"load average (1 min) before the run: {before:.2f}; other processes on the machine skew the figures")
    report(results, web, load)
    failed = sum(result.failures for result in results)
    if failed:
        print(f"\n{failed} request(s) failed (status other than 200 or broken connection)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
