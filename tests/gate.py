"""The overload gate of this process: its bound in the tests, its places taken and given back (core.overload). The
fixture `full`, which takes every place for a whole test, is in conftest.py."""

from __future__ import annotations

from rapfang.core.overload import gate

BOUND = 2


def release():
    """The requests that held the places are answered; the gate forgets the pressure it has counted."""
    gate.in_flight = 0
    gate.forget()


def take_every_place(settings, retry_after: int = 5) -> None:
    """From now on a request is answered 503 at once, asking for `retry_after` as its base pause; nothing an earlier
    test counted weighs on that pause (`release()` gives the places back)."""
    settings.MAX_IN_FLIGHT, settings.QUEUE_WAIT_SECONDS, settings.OVERLOAD_RETRY_AFTER = BOUND, 0, retry_after
    gate.forget()
    assert all(gate.enter(BOUND, 0) for _place in range(BOUND))
