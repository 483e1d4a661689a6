"""The registration rules that need no database: the window, and what the public may do now."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime

from rapfang.core.windows import Window, WindowState, to_second
from rapfang.hearings.models import Event


class Offer(enum.StrEnum):
    """What an event's registration offers the public at a moment."""

    NONE = "none"  # by invitation: no public registration
    NOT_YET = "not_yet"
    OPEN = "open"  # seats left, or no limit
    WAITLIST = "waitlist"  # full: new registrations join the waitlist
    CLOSED = "closed"


def registration_closes_at(event: Event) -> datetime | None:
    """The deadline, or the moment the organiser closed early if that came first."""
    ends = [moment for moment in (event.registration_closes_at, event.registration_closed_early_at) if moment]
    return min(ends, default=None)


def registration_window(event: Event) -> Window:
    closes_at = registration_closes_at(event)
    opens_at = event.registration_opens_at
    if opens_at and closes_at and to_second(closes_at) < to_second(opens_at):
        return Window(None, closes_at)  # closed early before it ever opened
    return Window(opens_at, closes_at)


def seats_left(event: Event) -> int | None:
    return None if event.capacity is None else max(0, event.capacity - event.taken)


def registration_offer(event: Event, now: datetime) -> Offer:
    if not event.registration_required:
        return Offer.NONE
    state = registration_window(event).state(now)
    if state is WindowState.NOT_YET:
        return Offer.NOT_YET
    if state is WindowState.CLOSED:
        return Offer.CLOSED
    return Offer.WAITLIST if seats_left(event) == 0 else Offer.OPEN


class SwitchProblem(enum.StrEnum):
    """How an event's registration switch can disagree with the rest of it."""

    WINDOW_WITHOUT_REGISTRATION = "window_without_registration"  # refused: people would expect to register
    CAPACITY_WITHOUT_REGISTRATION = "capacity_without_registration"  # allowed: it only counts people at the door


def registration_switch_problems(event: Event) -> list[SwitchProblem]:
    """What a window or a capacity says about registration that the switch does not: empty when coherent."""
    if event.registration_required:
        return []
    problems = []
    if event.registration_opens_at or event.registration_closes_at:
        problems.append(SwitchProblem.WINDOW_WITHOUT_REGISTRATION)
    if event.capacity is not None:
        problems.append(SwitchProblem.CAPACITY_WITHOUT_REGISTRATION)
    return problems


@dataclass(frozen=True)
class Keys:
    email: str
    phone: str


def identity_keys(email: str, phone: str) -> Keys:
    """What makes two registrations the same person: the e-mail in lower case, the phone's digits."""
    digits = re.sub(r"\D", "", phone.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    if digits.startswith("66") and len(digits) > 9:
        digits = "0" + digits[2:]
    return Keys(email=email.strip().lower(), phone=digits)
