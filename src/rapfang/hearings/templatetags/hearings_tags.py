"""What an event's registration offers now, for the public pages (no queries)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from rapfang.hearings.models import Event
from rapfang.hearings.rules import registration_closes_at, registration_offer, seats_left

register = template.Library()


@register.filter
def offer(event: Event) -> str:
    return registration_offer(event, timezone.now()).value


@register.filter
def seats(event: Event) -> int | None:
    return seats_left(event)


@register.filter
def deadline(event: Event) -> object:
    return registration_closes_at(event)
