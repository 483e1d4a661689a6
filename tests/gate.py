"""The overload gate of this process: its bound in the tests, and its places given back (core.overload). The
fixture `full`, which takes every place, is in conftest.py."""

from __future__ import annotations

from rapfang.core.overload import gate

BOUND = 2


def release():
    """The requests that held the places are answered; the gate forgets the pressure it has counted."""
    gate.in_flight = 0
    gate.forget()
