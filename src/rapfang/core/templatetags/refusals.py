"""`{% busy_pauses as pauses %}`: the pauses a 503 can ask for, for a form sent in place to tell them in words."""

from __future__ import annotations

from django import template

from rapfang.core.refusals import busy_pauses as pauses_of_the_gate

register = template.Library()


@register.simple_tag
def busy_pauses() -> list[tuple[int, int]]:
    return pauses_of_the_gate()
