"""Reading the check-in QR code from a camera frame on the server: the decoder, and the staff-only endpoint."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageFile, ImageFilter

from hearings.conftest import DURING, person
from rapfang.core.actors import SYSTEM
from rapfang.core.models import AuditEntry
from rapfang.hearings.files import qr_png
from rapfang.hearings.models import Registration
from rapfang.hearings.scan import MAX_BYTES, UnreadableFrame, frame_reference
from rapfang.hearings.services import registration_create

REFERENCE = "7K3M-9QXA"


def photo_of(png: bytes, *, angle: float = 7, scale: float = 0.6, blur: float = 1.2) -> bytes:
    """The QR code as a phone would see it: smaller, tilted, soft, on a grey desk, saved as a lossy JPEG."""
    code = Image.open(io.BytesIO(png)).convert("L")
    code = code.resize((int(code.width * scale), int(code.height * scale)), Image.Resampling.BILINEAR)
    code = code.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    desk = Image.new("L", (800, 600), 120)
    desk.paste(code, ((800 - code.width) // 2 + 40, (600 - code.height) // 2 - 20))
    buffer = io.BytesIO()
    desk.filter(ImageFilter.GaussianBlur(blur)).convert("RGB").save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def declared_png(width: int, height: int) -> bytes:
    """A tiny file whose header claims a huge picture: only the header may be read."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def plain_picture() -> bytes:
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((640, 480)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_mailed_png_decodes_to_the_reference():
    assert frame_reference(qr_png(REFERENCE)) == REFERENCE


def test_a_photo_like_jpeg_decodes_to_the_reference():
    assert frame_reference(photo_of(qr_png(REFERENCE))) == REFERENCE


def test_the_scanned_text_is_trimmed_as_the_search_box_trims_it():
    assert frame_reference(qr_png(f"  {REFERENCE}\n")) == REFERENCE


def test_a_picture_without_a_qr_code_finds_nothing():
    assert frame_reference(plain_picture()) is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not_an_image"),
        (b"\xff\xd8\xff\xe0 not really a jpeg" * 10, "not_an_image"),
        (b"GIF89a" + bytes(64), "not_an_image"),  # an image, but not one a canvas sends
        (declared_png(5000, 5000), "too_large"),  # 25 megapixels: over the limit, under Pillow's own
        (declared_png(100_000, 100_000), "too_large"),  # Pillow's decompression-bomb refusal
        (b"\x89PNG" + bytes(MAX_BYTES), "too_large"),
    ],
    ids=["empty", "junk", "gif", "25-megapixels", "decompression-bomb", "over-2-mb"],
)
def test_what_is_not_a_frame_is_refused_before_decoding(data, reason):
    with pytest.raises(UnreadableFrame) as refused:
        frame_reference(data)
    assert refused.value.reason == reason


@pytest.mark.parametrize("load_truncated", [False, True])  # WeasyPrint, once imported, sets True for the process
def test_a_frame_cut_short_is_refused_or_finds_nothing(monkeypatch, load_truncated):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated)
    cut_short = qr_png(REFERENCE)[:200]
    if load_truncated:
        assert frame_reference(cut_short) is None
    else:
        with pytest.raises(UnreadableFrame, match="not_an_image"):
            frame_reference(cut_short)


# --- The endpoint -----------------------------------------------------------------------------


@pytest.fixture
def event(make_event):
    return make_event()


def scan_url(event, prefix: str = "") -> str:
    return f"{prefix}/staff/events/{event.pk}/check-in/scan/"


def frame(data: bytes, name: str = "frame.jpg") -> dict[str, SimpleUploadedFile]:
    return {"frame": SimpleUploadedFile(name, data, content_type="image/jpeg")}


@pytest.mark.django_db
def test_staff_get_the_reference_of_a_registration_and_no_row_changes(client, organiser, event):
    registration = registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    client.force_login(organiser)
    before = (Registration.objects.count(), AuditEntry.objects.count())
    answer = client.post(scan_url(event), frame(photo_of(qr_png(registration.reference))))
    assert answer.status_code == 200
    assert answer.json() == {"found": registration.reference}
    assert (Registration.objects.count(), AuditEntry.objects.count()) == before
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None
    page = client.get(f"/staff/events/{event.pk}/check-in/", {"q": answer.json()["found"]})
    assert registration.name in page.content.decode()


@pytest.mark.django_db
def test_a_frame_without_a_code_answers_null(client, organiser, event):
    client.force_login(organiser)
    answer = client.post(scan_url(event), frame(plain_picture(), "frame.png"))
    assert answer.status_code == 200
    assert answer.json() == {"found": None}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "english", "thai"),
    [
        (b"\x00junk\xff" * 100, "could not be read as an image", "อ่านภาพ"),
        (b"", "could not be read as an image", "อ่านภาพ"),
        (declared_png(5000, 5000), "too large", "ใหญ่เกิน"),
        (b"\xff" * (MAX_BYTES + 1), "too large", "ใหญ่เกิน"),
        (None, "Send one camera frame", "ส่งภาพ"),
    ],
    ids=["junk", "empty", "25-megapixels", "over-2-mb", "no-frame"],
)
def test_a_bad_upload_is_a_400_with_a_message_in_the_pages_language(client, organiser, event, data, english, thai):
    client.force_login(organiser)
    body = frame(data) if data is not None else {}
    in_english = client.post(scan_url(event, "/en"), body)
    assert in_english.status_code == 400
    assert english in in_english.json()["error"]
    body = frame(data) if data is not None else {}
    in_thai = client.post(scan_url(event), body)
    assert in_thai.status_code == 400
    assert thai in in_thai.json()["error"]


@pytest.mark.django_db
def test_the_endpoint_refuses_whom_the_check_in_page_refuses(client, stranger, event):
    page, scan = f"/staff/events/{event.pk}/check-in/", scan_url(event)
    anonymous = client.post(scan, frame(qr_png(REFERENCE)))
    assert anonymous.status_code == client.get(page).status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    client.force_login(stranger)
    assert client.post(scan, frame(qr_png(REFERENCE))).status_code == client.get(page).status_code == 404


@pytest.mark.django_db
def test_the_endpoint_takes_posts_with_the_csrf_token_only(organiser, event):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    assert client.get(scan_url(event)).status_code == 405
    assert client.post(scan_url(event), frame(qr_png(REFERENCE))).status_code == 403
    token = client.get(f"/staff/events/{event.pk}/check-in/").context["csrf_token"]
    answer = client.post(scan_url(event), frame(qr_png(REFERENCE)), headers={"X-CSRFToken": str(token)})
    assert answer.json() == {"found": REFERENCE}
