"""The supervisor of `rapfang serve`: a child that ends is started again after a growing pause while the others run
on; SIGTERM stops them all. Real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from rapfang.core.supervise import Backoff

SUPERVISOR = """
import sys
from rapfang.core.supervise import Backoff, Child, supervise
starts, pids = sys.argv[1], sys.argv[2]
falls = [sys.executable, "-c", f"open({starts!r}, 'a').write('x')"]
stays = [sys.executable, "-c", f"import os, time; open({pids!r}, 'a').write(f'{{os.getpid()}}\\\\n'); time.sleep(120)"]
sys.exit(supervise([Child("falls", falls, backoff=Backoff(first=0.1, most=0.2)), Child("stays", stays)], tick=0.05))
"""


def test_pauses_grow_up_to_their_most_and_start_small_again_after_a_reset():
    backoff = Backoff(first=1.0, most=10.0)
    pauses = [backoff.next() for _ in range(6)]
    for pause, base in zip(pauses, [1, 2, 4, 8, 10, 10], strict=True):
        assert base <= pause <= base * 1.25
    backoff.reset()
    assert 1 <= backoff.next() <= 1.25


def test_a_child_that_ends_is_started_again_and_sigterm_stops_everything(tmp_path):
    starts, pids = tmp_path / "starts", tmp_path / "pids"
    env = {**os.environ, "PYTHONPATH": "src"}
    supervisor = subprocess.Popen([sys.executable, "-c", SUPERVISOR, str(starts), str(pids)], env=env)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(starts.read_text() if starts.exists() else "") < 4:
            time.sleep(0.1)
        assert len(starts.read_text()) >= 4  # fell and was started again, three times at least
        stays = [int(line) for line in pids.read_text().split()]
        assert len(stays) == 1  # the other child ran on undisturbed
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=20) == 0
        time.sleep(0.2)
        assert not _alive(stays[0])
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has ended
        return stat.read().split()[2] != "Z"
