"""The hearing summary report's published versions, and the open-data download (no personal data in either)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from rapfang.api.schemas import ErrorOut, Text
from rapfang.consultations.models import LICENCE_URLS, Consultation, OpenDataLicence
from rapfang.consultations.selectors import consultation_get_public
from rapfang.reports.opendata_readme import TABLES
from rapfang.reports.selectors.reports import file_links, report_versions_public

router = Router(tags=["reports"])


class ReportFileOut(Schema):
    format: str
    url: str
    size: int
    sha256: str


class ReportOut(Schema):
    """`status`: published (the current version) or superseded (an earlier version)."""

    number: int
    status: str
    published_at: datetime
    language: str
    thai_digits: bool
    figures: dict[str, Any]
    files: list[ReportFileOut]


class FieldOut(Schema):
    name: str
    description: Text


class OpenDataFileOut(Schema):
    """One table, given as `<name>.csv` (UTF-8 with BOM) and `<name>.json` (an array of objects)."""

    name: str
    files: list[str]
    description: Text
    fields: list[FieldOut]


class OpenDataOut(Schema):
    """The ZIP holds README.md, datapackage.json (a Frictionless Data Package) and the tables."""

    url: str
    format: str
    readme: str
    datapackage: str
    licence: str
    licence_url: str
    tables: list[OpenDataFileOut]


def _consultation(slug: str) -> Consultation | None:
    try:
        return consultation_get_public(slug=slug)
    except Consultation.DoesNotExist:
        return None


def _not_found() -> Any:
    return Status(404, {"code": "not_found", "message": _("No published consultation has this address.")})


def _report(report: Any) -> dict[str, Any]:
    files = [{"format": link.format, "url": settings.SITE_URL + link.url, "size": link.size, "sha256": link.sha256}
             for link in file_links(report)]  # fmt: skip
    return {"number": report.number, "status": report.status, "published_at": report.published_at,
            "language": report.language, "thai_digits": report.thai_digits, "figures": report.figures,
            "files": files}  # fmt: skip


@router.get("/consultations/{slug}/reports", response={200: list[ReportOut], 404: ErrorOut}, url_name="report_list")
def report_list(request: HttpRequest, slug: str) -> Any:
    """The published hearing summary report and its earlier versions, newest first, each file with its SHA-256."""
    consultation = _consultation(slug)
    if consultation is None:
        return _not_found()
    return Status(200, [_report(report) for report in report_versions_public(consultation=consultation)])


@router.get("/consultations/{slug}/open-data", response={200: OpenDataOut, 404: ErrorOut}, url_name="open_data")
def open_data(request: HttpRequest, slug: str) -> Any:
    """Where to download the consultation's open data (one ZIP) and what each of its tables and fields holds."""
    consultation = _consultation(slug)
    if consultation is None:
        return _not_found()
    url = settings.SITE_URL + reverse("open_data", args=[consultation.slug])
    licence = OpenDataLicence(consultation.open_data_licence)
    return Status(200, {"url": url, "format": "zip", "readme": "README.md", "datapackage": "datapackage.json",
                        "licence": licence.value, "licence_url": LICENCE_URLS[licence],
                        "tables": [_table(t) for t in TABLES]})  # fmt: skip


def _table(table: Any) -> dict[str, Any]:
    fields = [{"name": column.name, "description": {"th": column.th, "en": column.en}} for column in table.columns]
    return {"name": table.name, "files": [f"{table.name}.csv", f"{table.name}.json"],
            "description": {"th": table.th, "en": table.en}, "fields": fields}  # fmt: skip
