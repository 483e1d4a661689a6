"""The check-in QR code, as mailed and as shown, decodes to the registration's reference (read by zbarimg)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from hearings.conftest import DURING, Inbox, person
from rapfang.core.actors import SYSTEM
from rapfang.hearings.files import qr_png
from rapfang.hearings.services import registration_create

ZBARIMG = shutil.which("zbarimg") or "zbarimg"
pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) is missing")


def decode(png: bytes, tmp_path) -> str:
    path = tmp_path / "qr.png"
    path.write_bytes(png)
    command = [ZBARIMG, "--quiet", "--raw", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


def test_qr_png_decodes_to_the_reference(tmp_path):
    assert decode(qr_png("DG2-7K3M-9QXA"), tmp_path) == "DG2-7K3M-9QXA"


def test_mailed_qr_decodes_to_the_registrations_reference(make_event, smtp: Inbox, tmp_path):
    event = make_event()
    registration = registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    [message] = smtp.to("person1@example.go.th")
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    png = attachments[f"{registration.reference}.png"].get_content()
    assert decode(png, tmp_path) == registration.reference
