"""Check-in with the camera where the browser has no BarcodeDetector: chromium's fake camera films a registrant's QR
code, the page sends frames to the site, and the search then shows the registrant, ready to check in.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from e2e.axe import assert_axe_clean
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP
from e2e.shots import screenshooter
from e2e.staff_browser import log_in
from rapfang.core.actors import SYSTEM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
WIDTH, HEIGHT, FRAMES = 640, 480, 20
shoot = screenshooter("checkin-camera")


def y4m_of_qr(reference: str, path: Path) -> Path:
    """A 2-second YUV4MPEG2 video of the registration's mailed QR code, large, on white (its quiet zone)."""
    from rapfang.hearings.files import qr_png

    code = Image.open(io.BytesIO(qr_png(reference))).convert("L").resize((400, 400), Image.Resampling.NEAREST)
    picture = Image.new("L", (WIDTH, HEIGHT), 255)
    picture.paste(code, ((WIDTH - 400) // 2, (HEIGHT - 400) // 2))
    luma = picture.tobytes()
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2 * 2)
    with path.open("wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(FRAMES):
            video.write(b"FRAME\n" + luma + chroma)
    return path


@pytest.fixture
def event_with_registrant(site: Any) -> tuple[Any, Any]:
    from rapfang.consultations.models import Consultation
    from rapfang.hearings.services import event_save, registration_create

    now = timezone.now()
    event = event_save(
        actor=SYSTEM, consultation=Consultation.objects.get(slug="dg2-2560-2564"), kind="workshop",
        title_th="ประชุมระดมสมอง ด้านสาธารณสุข", title_en="Brainstorming workshop: public health",
        starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=4), venue_th="ห้องประชุม ๒",
        capacity=10, registration_required=True, registration_opens_at=now - timedelta(days=3),
        registration_closes_at=now + timedelta(minutes=30),
    )  # fmt: skip
    registration = registration_create(
        actor=SYSTEM, event_id=event.pk, channel="web",
        data={"name": "ศุภชัย รักไทย", "stakeholder_type": "academic", "email": "s@example.ac.th", "consent": True},
    )  # fmt: skip
    assert registration.status == "confirmed"
    return event, registration


@pytest.fixture
def filmed_by_camera(browser: Any, tmp_path: Path) -> Any:
    """new_page(reference): a page of a chromium whose fake camera films that reference's QR code."""
    launched: list[Any] = []

    def new_page(reference: str) -> Any:
        video = y4m_of_qr(reference, tmp_path / "qr.y4m")
        camera = [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ]
        # The session's playwright, a chromium of its own: the camera flags hold for a whole browser.
        chromium = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + camera)
        launched.append(chromium)
        context = chromium.new_context(viewport=DESKTOP, locale="th-TH")
        context.set_default_timeout(10_000)
        # Whatever a later chromium offers, this page must take the path of browsers without BarcodeDetector.
        context.add_init_script("delete window.BarcodeDetector;")
        return context.new_page()

    yield new_page
    for chromium in launched:
        chromium.close()


def test_the_camera_finds_the_registrant_through_the_site(site, e2e_settings, event_with_registrant, filmed_by_camera):
    event, registration = event_with_registrant
    page = filmed_by_camera(registration.reference)
    frames: list[int] = []
    page.on("response", lambda r: frames.append(r.status) if r.url.endswith("/check-in/scan/") else None)
    password = (Path(e2e_settings.DATA_DIR) / "demo-organiser-password").read_text().strip()
    log_in(page, site, "organiser", password)
    page.goto(f"{site.url}/staff/events/{event.pk}/check-in/")
    assert page.evaluate("'BarcodeDetector' in window") is False
    scan = page.get_by_role("button", name="สแกนด้วยกล้อง")
    assert scan.is_visible()
    assert page.locator("#scan-server").is_visible()
    assert_axe_clean(page, "the check-in page with the camera button")

    scan.click()
    page.wait_for_url(re.compile(r"/check-in/\?q=" + re.escape(registration.reference)))
    assert frames and set(frames) == {200}
    result = page.locator("#results-title + .card")
    assert result.locator("code").inner_text() == registration.reference
    assert registration.name in result.inner_text()
    assert page.locator("#camera").is_hidden()
    assert_axe_clean(page, "the check-in page with the scanned registrant")
    shoot(page, "found-th-desktop")

    result.get_by_role("button", name=re.compile("ลงชื่อเข้างาน")).click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=count-checked-in]").inner_text().strip() == "1"
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    shoot(page, "checked-in-th-desktop")
