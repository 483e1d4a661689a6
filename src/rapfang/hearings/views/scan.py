"""The check-in page's camera fallback: one frame in, the QR code's text out as JSON. Nothing is stored."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.hearings.models import Event
from rapfang.hearings.scan import MAX_BYTES, UnreadableFrame, frame_reference
from rapfang.hearings.views.staff import organiser_only


@organiser_only
@require_POST
def checkin_scan(request: HttpRequest, event: Event) -> JsonResponse:
    """{"found": text} or {"found": null}; the page then searches for the text as if it had been typed."""
    upload = request.FILES.get("frame")
    if upload is None:
        return _refused(_("Send one camera frame as a JPEG, PNG or WebP image."))
    if (upload.size or 0) > MAX_BYTES:
        return _refused(_too_large())
    try:
        found = frame_reference(upload.read(MAX_BYTES + 1))
    except UnreadableFrame as error:
        return _refused(_too_large() if error.reason == "too_large" else _("The frame could not be read as an image."))
    return JsonResponse({"found": found})


def _too_large() -> str:
    return _("The frame is too large (at most %(megabytes)d MB).") % {"megabytes": MAX_BYTES // (1024 * 1024)}


def _refused(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)
