"""`{% translate_url "en" %}`: this page's address in another language."""

from __future__ import annotations

from django import template
from django.urls import translate_url as django_translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translate_url(context: template.Context, language: str) -> str:
    request = context.get("request")
    if request is None:
        return "/"
    return django_translate_url(request.get_full_path(), language)
