"""The rush through HTTP against a live `rapfang serve`: 480 attempts from 16 parallel clients for 120 seats
(RAPFANG_RUSH_ATTEMPTS and RAPFANG_RUSH_SEATS change them; `benches/registration.py` runs 2,000 for 500).

Exactly the seats confirmed and the rest waitlisted (positions unique), no 5xx, nothing lost or doubled: on the
database of this run (SQLite, or PostgreSQL when DATABASE_URL names it; RAPFANG_BENCH_POSTGRES is the server the
bench uses).
Uses the load generator of benches/registration.py (every step bounded in time: subprocesses, requests, the rush
itself); the bench prints the speed, this test checks the result.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from servers import run_database

pytestmark = [pytest.mark.long, pytest.mark.postgresql_too]  # its servers run on this run's database

BENCH = Path(__file__).resolve().parents[2] / "benches" / "registration.py"
ATTEMPTS = int(os.environ.get("RAPFANG_RUSH_ATTEMPTS", "480"))
SEATS = int(os.environ.get("RAPFANG_RUSH_SEATS", "120"))


def _bench():
    spec = importlib.util.spec_from_file_location("registration_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["registration_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("database", [{"sqlite": "sqlite", "postgresql": "postgres"}[run_database()]])
def test_a_rush_for_the_seats_confirms_exactly_the_capacity_and_waitlists_the_rest_in_order(database):
    bench = _bench()
    outcome = bench.run_one(database, ATTEMPTS, SEATS, clients=16, workers=os.cpu_count() or 2, bare=False)
    if outcome is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no PostgreSQL is reachable for the rush test")
        pytest.skip("no PostgreSQL reachable")
    assert outcome.registration.statuses == {201: ATTEMPTS}
    assert bench.problems(outcome, ATTEMPTS, SEATS) == []
    positions = sorted(b["waitlist_position"] for b in outcome.registration.bodies if b["status"] == "waitlisted")
    assert positions == list(range(1, ATTEMPTS - SEATS + 1))
