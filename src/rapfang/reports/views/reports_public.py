"""Downloads of the summary report's files and of the open data, outside the language prefix."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.clickjacking import xframe_options_sameorigin

from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.storage import stored_response, stored_stream
from rapfang.reports.models import ReportFormat
from rapfang.reports.opendata import opendata_open
from rapfang.reports.render import content_type
from rapfang.reports.selectors.reports import report_file_get
from rapfang.reports.services.reports import report_file_download_record

# The HTML report is shown in the browser (and in the staff's review frame) but may run nothing and load nothing
# but its own inline styles and pictures.
HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; sandbox"
)
FILE_POLICY = "default-src 'none'; sandbox"


@xframe_options_sameorigin
def report_file(request: HttpRequest, slug: str, number: int, filename: str) -> FileResponse:
    """One format of a version: public once published (earlier versions too), staff of the agency always."""
    found = report_file_get(slug=slug, number=number, filename=filename, user=request.user)
    if found is None:
        raise Http404
    try:
        handle = stored_stream(found.file.file.storage, found.file.file.name)
    except FileNotFoundError as error:
        raise Http404 from error
    if found.public:
        report_file_download_record(file_id=found.file.pk)
    html = found.file.format == ReportFormat.HTML
    response = stored_response(
        handle, as_attachment=not html, filename=filename, content_type=content_type(found.file.format)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = HTML_POLICY if html else FILE_POLICY
    response["Cache-Control"] = "private, no-store"
    return response


def open_data(request: HttpRequest, slug: str) -> FileResponse:
    """The consultation's open data as one ZIP (published consultations only)."""
    try:
        consultation = consultation_get_public(slug=slug)
    except Consultation.DoesNotExist as error:
        raise Http404 from error
    response = stored_response(
        opendata_open(consultation), as_attachment=True, filename=f"{slug}-open-data.zip",
        content_type="application/zip",
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    return response
