"""The hearing summary report in four formats, each written from one `ReportContent` to a binary file object.

HTML is one self-contained file (fonts embedded, charts as inline SVG); PDF is that HTML through `core.pdf` with the
annex capped at `pdf.PDF_ANNEX_LIMIT` rows; DOCX and XLSX hold the whole annex, written row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from django.utils import translation

from rapfang.reports.content import Progress, ReportContent

FORMATS = ("pdf", "docx", "xlsx", "html")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def _quiet(_done: int, _total: int) -> None:
    """No progress wanted."""


def _renderer(fmt: str) -> Callable[[ReportContent, BinaryIO, Progress], None]:
    # Imported on demand: WeasyPrint, python-docx and openpyxl are heavy, and a caller wants one format at a time.
    if fmt == "html":
        from rapfang.reports.render.html import render_html

        return render_html
    if fmt == "pdf":
        from rapfang.reports.render.pdf import render_pdf_report

        return render_pdf_report
    if fmt == "docx":
        from rapfang.reports.render.docx import render_docx

        return render_docx
    from rapfang.reports.render.xlsx import render_xlsx

    return render_xlsx


def render(content: ReportContent, fmt: str, out: BinaryIO, *, progress: Progress | None = None) -> None:
    """Write the report in `fmt` (one of FORMATS) to `out`; ValueError for an unknown format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    with translation.override(content.language):
        _renderer(fmt)(content, out, progress or _quiet)


def content_type(fmt: str) -> str:
    """The MIME type of a format; ValueError for an unknown one."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return CONTENT_TYPES[fmt]


def report_filename(*, slug: str, version: int | None, language: str, fmt: str) -> str:
    """`hearing-report-dg2-2560-2564-v2.pdf`; a draft (no version) is `...-draft.pdf`, English `...-en`."""
    number = f"v{version}" if version is not None else "draft"
    suffix = "-en" if language == "en" else ""
    return f"hearing-report-{slug}-{number}{suffix}.{fmt}"


def filename(content: ReportContent, fmt: str) -> str:
    return report_filename(slug=content.slug, version=content.version, language=content.language, fmt=fmt)
