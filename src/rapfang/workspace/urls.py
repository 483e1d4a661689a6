"""Addresses of the staff workspace, under /staff/ (Thai) and /en/staff/ (English)."""

from django.urls import path

from rapfang.workspace.views import home

app_name = "workspace"
urlpatterns = [
    path("staff/", home.home, name="home"),
]
