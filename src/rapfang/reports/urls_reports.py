"""Addresses of the summary report's staff pages. Its files and the open data are served outside the language
prefix (see ``rapfang.urls``), like the attachments."""

from django.urls import URLPattern, path

from rapfang.reports.views import reports_staff

STAFF = "staff/consultations/<slug:slug>/reports/"
VERSION = STAFF + "<int:number>/"

urlpatterns: list[URLPattern] = [
    path(STAFF, reports_staff.report_list_staff, name="report_list_staff"),
    path(STAFF + "new/", reports_staff.report_request_view, name="report_request"),
    path(VERSION, reports_staff.report_detail_staff, name="report_staff"),
    path(VERSION + "progress/", reports_staff.report_progress, name="report_progress"),
    path(VERSION + "publish/", reports_staff.report_publish_view, name="report_publish"),
    path(VERSION + "withdraw/", reports_staff.report_withdraw_view, name="report_withdraw"),
]
