"""Downloads, served by a view that counts them."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest

from rapfang.core.storage import stored_response, stored_stream
from rapfang.documents.models import Attachment
from rapfang.documents.selectors import attachment_get_for_staff, attachment_get_public
from rapfang.documents.services import attachment_download_record


def attachment_download(request: HttpRequest, slug: str, pk: int, filename: str) -> FileResponse:
    """A public file of a published consultation, counted; the agency's staff also get the others, uncounted."""
    try:
        attachment: Attachment | None = attachment_get_public(consultation_slug=slug, attachment_id=pk)
        counted = True
    except Attachment.DoesNotExist:
        attachment = attachment_get_for_staff(actor=request.user, consultation_slug=slug, attachment_id=pk)
        counted = False
    if attachment is None:
        raise Http404
    try:
        handle = stored_stream(attachment.file.storage, attachment.file.name)
    except FileNotFoundError as error:
        raise Http404 from error
    if counted:
        attachment_download_record(attachment_id=attachment.pk)
    response = stored_response(
        handle, as_attachment=True, content_type=attachment.content_type, filename=attachment.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
