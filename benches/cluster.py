"""The registration rush and the consultation page through nginx, with one and with two app instances.

Starts the site as on many machines (tests/cluster.py: Debian's nginx with the shipped configuration, the app
instances with data folders of their own, two job workers, PostgreSQL, Redis, moto_server as the S3 store), once
with one instance and once with two, and through nginx:
- rushes `--attempts` registrations for `--seats` seats from `--clients` threads (keep-alive connections), and
  checks that exactly `--seats` were confirmed;
- reads the consultation's public page as anonymous visitors for `--seconds` seconds from `--clients` threads.
Prints requests per second, p50/p99 latency and how the answers were shared among the instances.

    .venv/bin/python benches/cluster.py [--instances 1,2] [--attempts 600] [--seats 200] [--clients 16] [--seconds 10]

Needs nginx, redis-server, moto_server and PostgreSQL (RAPFANG_CLUSTER_POSTGRES, default
postgres://postgres@127.0.0.1:5432/postgres); says what is missing otherwise. On two cores expect no gain from a
second instance: the load generator, nginx, PostgreSQL and both instances share them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the cluster's harness is shared with its CI test

import requests  # noqa: E402

from cluster import Cluster, missing  # noqa: E402

_local = threading.local()


def session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def timed(call) -> tuple[float, requests.Response]:
    started = time.perf_counter()
    response = call()
    return time.perf_counter() - started, response


def rush(cluster: Cluster, event: int, attempts: int, clients: int) -> tuple[float, list]:
    url = f"{cluster.url}/api/v1/events/{event}/registrations"

    def one(n: int):
        person = {"name": f"ผู้ลงทะเบียน {n}", "organisation": "หน่วยงานทดสอบ", "stakeholder_type": "citizen",
                  "email": f"bench{n}@example.org", "phone": f"08{n:08d}", "consent": True}  # fmt: skip
        return timed(lambda: session().post(url, json=person, timeout=120))

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, range(attempts)))
    return time.perf_counter() - started, results


def page_rate(cluster: Cluster, slug: str, seconds: float, clients: int) -> tuple[float, list]:
    url, stop = f"{cluster.url}/consultations/{slug}/", time.monotonic() + seconds

    def reader(_n: int) -> list:
        done = []
        while time.monotonic() < stop:
            done.append(timed(lambda: session().get(url, timeout=60)))
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = [one for batch in pool.map(reader, range(clients)) for one in batch]
    return time.perf_counter() - started, results


def report(label: str, elapsed: float, results: list, cluster: Cluster) -> None:
    latencies = sorted(seconds * 1000 for seconds, _response in results)
    statuses = Counter(response.status_code for _seconds, response in results)
    shares = Counter(cluster.served_by(response) for _seconds, response in results)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"  {label:<22} {len(results) / elapsed:8.1f} req/s  p50 {statistics.median(latencies):7.1f} ms  "
          f"p99 {p99:7.1f} ms  statuses {dict(statuses)}  per instance {dict(sorted(shares.items()))}")  # fmt: skip


def run(instances: int, args: argparse.Namespace) -> bool:
    folder = Path(tempfile.mkdtemp(prefix=f"rapfang-cluster-{instances}-"))
    cluster = Cluster(folder, instances=instances, workers=2)
    try:
        started = time.perf_counter()
        cluster.start()
        facts = cluster.site_setup(capacity=args.seats, password=uuid.uuid4().hex)
        print(f"{instances} instance(s) behind nginx, up in {time.perf_counter() - started:.1f} s")
        session().get(f"{cluster.url}/consultations/{facts['slug']}/", timeout=60)  # the page cached once
        elapsed, results = rush(cluster, facts["event"], args.attempts, args.clients)
        report(f"registration rush ({args.attempts})", elapsed, results, cluster)
        confirmed = sum(1 for _s, response in results if response.status_code == 201
                        and response.json()["status"] == "confirmed")  # fmt: skip
        print(f"  confirmed {confirmed} of {args.seats} seats" + ("" if confirmed == args.seats else "  << WRONG"))
        elapsed, results = page_rate(cluster, facts["slug"], args.seconds, args.clients)
        report("consultation page", elapsed, results, cluster)
        return confirmed == args.seats
    finally:
        cluster.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", default="1,2", help="comma-separated instance counts to measure")
    parser.add_argument("--attempts", type=int, default=600)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    if reason := missing():
        print(f"skipped: {reason}")
        return 0
    results = [run(int(n), args) for n in args.instances.split(",")]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
