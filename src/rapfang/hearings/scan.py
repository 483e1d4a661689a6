"""Reading a registration's QR code from one camera frame, for browsers without BarcodeDetector.

Plain Python, no Django: bytes in, the scanned text out. Nothing is stored.
"""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the decoder and Pillow are loaded by the first frame, not by every process
    from PIL import Image

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4096 * 3072  # a phone camera's full photo; the check-in page sends at most 800 px on the long side
FORMATS = ("JPEG", "PNG", "WEBP")
BROKEN = (OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error)


class UnreadableFrame(Exception):
    """The upload is not a frame this module will decode. `reason` is "too_large" or "not_an_image"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def frame_reference(data: bytes) -> str | None:
    """The text of the first QR code in the frame, trimmed as the search box trims it; None when there is none."""
    import zxingcpp

    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    for code in zxingcpp.read_barcodes(_grey_image(data), formats=qr_only):
        text = str(code.text).strip()
        if text:
            return text
    return None


def _grey_image(data: bytes) -> Image.Image:
    """The frame in greyscale; its byte size and declared size are checked before any pixel is decoded."""
    if len(data) > MAX_BYTES:
        raise UnreadableFrame("too_large")
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:
        raise UnreadableFrame("too_large") from None
    except BROKEN:
        raise UnreadableFrame("not_an_image") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise UnreadableFrame("too_large")
    try:
        return image.convert("L")
    except BROKEN:
        raise UnreadableFrame("not_an_image") from None
