"""The report as PDF: the HTML document through `core.pdf.render_pdf` (WeasyPrint, Sarabun, a text layer that
reads back as the Thai source), with the annex capped at `PDF_ANNEX_LIMIT` rows.

WeasyPrint lays out a few pages a second, so a hearing with 100,000 comments would take an hour to print in full;
past the cap the PDF says how many comments more there are and where the full annex is (the HTML, DOCX and XLSX of
the same version, and the open data). Progress follows WeasyPrint's own page-by-page log.
"""

from __future__ import annotations

import logging
import threading
from typing import BinaryIO

from rapfang.core.pdf import render_pdf
from rapfang.reports.content import Progress, ReportContent
from rapfang.reports.render.html import annex_html, document_parts

PDF_ANNEX_LIMIT = 500  # entries of the annex in the PDF: about 70 pages, 6 s of CPU (benches/report.py)
ROWS_PER_PAGE = 9  # a rough figure for the progress bar's total, measured on the demo's comments
PAGES_BEFORE_ANNEX = 12


class _PageProgress(logging.Handler):
    """Turns WeasyPrint's "Creating layout - Page N" log records of this thread into progress calls."""

    def __init__(self, progress: Progress, total: int) -> None:
        super().__init__(logging.INFO)
        self.progress, self.total = progress, total
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or "Creating layout - Page" not in str(record.msg):
            return
        args = record.args if isinstance(record.args, tuple) else ()
        page = args[0] if args and isinstance(args[0], int) else 0
        self.progress(min(page, self.total - 1), self.total)


def pdf_html(content: ReportContent) -> str:
    shown = min(content.annex_total, PDF_ANNEX_LIMIT)
    head, tail = document_parts(content, for_pdf=True, annex_shown=shown)
    return head + "".join(annex_html(content, limit=PDF_ANNEX_LIMIT, blocks=True)) + tail


def render_pdf_report(content: ReportContent, out: BinaryIO, progress: Progress) -> None:
    shown = min(content.annex_total, PDF_ANNEX_LIMIT)
    total = PAGES_BEFORE_ANNEX + shown // ROWS_PER_PAGE + 2
    progress(0, total)
    html = pdf_html(content)
    logger = logging.getLogger("weasyprint.progress")
    handler, level = _PageProgress(progress, total), logger.level
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the page-by-page records are for the progress bar, not for the log
    try:
        data = render_pdf(html)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    out.write(data)
    progress(total, total)
