"""Addresses of the summary report (staff pages, publication) and the open-data download."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
