"""Addresses of issues and responses: staff pages and the public \"what we heard and what we did\" page."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
