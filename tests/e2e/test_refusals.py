"""Every refusal seen, in chromium with JavaScript on: the comment form in place (htmx) and registration, on a
360 px phone in Thai and a desktop in English; keyboard only through registration and commenting; axe-clean."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.test_pages import DESKTOP, visit
from gate import release, take_every_place
from rapfang.comments.models import Comment
from rapfang.core.actors import SYSTEM
from rapfang.core.refusals import busy_wait
from rapfang.demo import seed
from rapfang.documents.models import Version
from rapfang.hearings.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
PHONE = {"width": 360, "height": 740}
READ = f"/consultations/{seed.SLUG}/drafts/draft/"
shoot = screenshooter("refusals")
CASES = [("th", PHONE), ("en", DESKTOP)]
IDS = ["thai-phone", "english-desktop"]
WORDS = {
    "th": {"summary": "ระบบยังไม่รับแบบฟอร์มนี้", "organisation": "กรุณาระบุหน่วยงานหรือองค์กรของท่าน",
           "fast": "แบบฟอร์มถูกส่งเร็วเกินไป", "thanks": "ขอบคุณ", "name": "โปรดกรอกข้อมูลในช่องนี้",
           "long": "กรุณากรอกไม่เกิน"},
    "en": {"summary": "The form was not accepted", "organisation": "Please give your organisation",
           "fast": "The form was sent too quickly", "thanks": "Thank you", "name": "Please fill in this field.",
           "long": "Please shorten this to at most 300 characters"},
}  # fmt: skip


@pytest.fixture
def hearing(e2e_settings: Any, transactional_db: None, live_server: Any) -> Any:
    """The demo with its comment period open now, and a workshop whose registration is open now."""
    from django.core.cache import cache

    from rapfang.consultations.models import Consultation
    from rapfang.demo.loader import demo_load
    from rapfang.hearings.services import event_save

    cache.clear()
    demo_load(phase="comments")
    e2e_settings.COMMENT_MIN_SECONDS = 3
    now = timezone.now()
    live_server.event = event_save(
        actor=SYSTEM, consultation=Consultation.objects.get(slug=seed.SLUG), kind="workshop",
        title_th="ประชุมระดมสมอง ด้านสาธารณสุข", title_en="Brainstorming workshop: public health",
        starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=5, hours=3), venue_th="ห้องประชุม ๒",
        capacity=20, registration_required=True, registration_opens_at=now - timedelta(hours=1),
        registration_closes_at=now + timedelta(days=2),
    )  # fmt: skip
    yield live_server
    cache.clear()


def _prefix(language: str) -> str:
    return "" if language == "th" else "/en"


def _focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const e = document.activeElement; const box = e.getBoundingClientRect();
                   return {summary: e.hasAttribute('data-error-summary'), id: e.id, role: e.getAttribute('role'),
                           top: box.top, bottom: box.bottom, height: window.innerHeight, text: e.innerText}; }"""
    )


def _wait_for_focus(page: Any, selector: str) -> None:
    """Until the element that has focus matches `selector` and its top is on the screen (scrolled there)."""
    page.wait_for_function(
        """(s) => { const e = document.activeElement; if (!e || !e.matches(s)) return false;
                    const top = e.getBoundingClientRect().top; return top > -2 && top < window.innerHeight; }""",
        arg=selector,
    )


def _on_screen(focus: dict[str, Any]) -> bool:
    return -2 < focus["top"] < focus["height"]  # scrolled to the top of the screen, to the sub-pixel


def _anchor() -> str:
    version = Version.objects.filter(document__slug="draft").order_by("-number").first()
    return version.paragraphs.order_by("order")[0].anchor


@pytest.mark.parametrize(("language", "viewport"), CASES, ids=IDS)
def test_a_refused_comment_is_seen_in_place_then_accepted(hearing, new_page, language, viewport):
    words, anchor = WORDS[language], _anchor()
    page = new_page(viewport)
    visit(page, hearing, _prefix(language) + READ)
    page.locator(f"#{anchor} a[hx-get]").click()
    form = page.locator(f"#form-{anchor} form")
    form.wait_for()
    shown_at = time.monotonic()
    form.locator("textarea[name=text]").fill("ขอให้เพิ่มตัวชี้วัดด้านการเข้าถึงบริการของผู้สูงอายุ")
    form.locator("input[name=name]").fill("สมศรี ตัวอย่าง")
    form.locator("select[name=stakeholder_type]").select_option("government")
    tick(form.locator("input[name=consent]"))
    form.locator("button[type=submit]").click()  # within three seconds, and no organisation for an agency

    summary = page.locator(f"#form-{anchor} [data-error-summary]")
    summary.wait_for()
    _wait_for_focus(page, "[data-error-summary]")
    focus = _focused(page)
    assert focus["summary"] and _on_screen(focus), focus
    assert (
        words["summary"] in focus["text"] and words["fast"] in focus["text"] and words["organisation"] in focus["text"]
    )
    assert page.locator(f"#form-{anchor} #id_{anchor}_organisation[aria-invalid=true]").count() == 1
    assert not Comment.objects.exists()
    assert_axe_clean(page, f"the refused comment form ({language}, {viewport['width']} px)")
    shoot(page, f"comment-refused-{language}-{viewport['width']}")

    page.locator(f"#form-{anchor} input[name=organisation]").fill("กรมตัวอย่าง")
    time.sleep(max(0.0, 3.2 - (time.monotonic() - shown_at)))
    page.locator(f"#form-{anchor} button[type=submit]").click()
    receipt = page.locator(f"#form-{anchor} [data-testid=receipt]")
    receipt.wait_for()
    _wait_for_focus(page, "[role=status]")
    focus = _focused(page)
    assert focus["role"] == "status" and focus["id"].startswith("receipt-") and words["thanks"] in focus["text"]
    number = receipt.inner_text().strip()
    assert Comment.objects.get().receipt == number
    link = page.locator(f"#form-{anchor} [data-testid=receipt-link]")
    assert link.get_attribute("href") == f"{_prefix(language)}/comments/receipts/{number}/"
    assert_axe_clean(page, f"the receipt in place ({language}, {viewport['width']} px)")


@pytest.mark.parametrize(
    ("language", "viewport", "pause"),
    [("th", PHONE, 45), ("en", DESKTOP, 5)],
    ids=["thai-phone-minutes", "english-desktop-seconds"],
)
def test_a_comment_sent_while_the_site_is_full_keeps_its_text_says_when_and_is_taken_later(
    hearing, new_page, e2e_settings, language, viewport, pause
):
    """The gate full when the form is sent: 503 left unswapped, the form's own message says when to send again in
    the words of the answer's Retry-After (seconds, or minutes when the crowd is asked for a longer pause), the text
    stays; sent again once there is room, with the refusal's arrival token, it is taken."""
    e2e_settings.COMMENT_MIN_SECONDS = 0
    anchor, text = _anchor(), "ควรเปิดรับฟังความคิดเห็นทางไปรษณีย์ด้วย สำหรับผู้ที่ไม่ใช้อินเทอร์เน็ต"
    page = new_page(viewport)
    visit(page, hearing, _prefix(language) + READ)
    page.locator(f"#{anchor} a[hx-get]").click()
    form = page.locator(f"#form-{anchor} form")
    form.wait_for()
    form.locator("textarea[name=text]").fill(text)
    tick(form.locator("input[name=anonymous]"))
    form.locator("select[name=stakeholder_type]").select_option("citizen")
    tick(form.locator("input[name=consent]"))
    take_every_place(e2e_settings, retry_after=pause)
    try:
        with page.expect_response(lambda answer: answer.request.method == "POST") as answered:
            form.locator("button[type=submit]").click()
        refused = answered.value
        assert refused.status == 503
        seconds = int(refused.headers["retry-after"])
        _wait_for_focus(page, "[data-send-busy]")
        busy = page.locator(f"#form-{anchor} [data-send-busy]")
        said = busy.locator("[data-busy-pause]:visible")
        assert said.count() == 1
        minutes = busy_wait(seconds)
        in_english = f"about {minutes} minutes" if minutes > 1 else "about a minute" if minutes else "a few seconds"
        expected = {"th": f"ประมาณ {minutes} นาที" if minutes else "ไม่กี่วินาที", "en": in_english}
        assert expected[language] in said.inner_text(), (seconds, said.inner_text())
        assert (minutes > 0) == (pause >= 30)
        assert form.locator("textarea[name=text]").input_value() == text
        assert form.locator("input[name=arrival_token]").input_value() == refused.headers["arrival-token"]
        assert not Comment.objects.exists()
        assert_axe_clean(page, f"the comment form refused for a crowd ({language}, {viewport['width']} px)")
        shoot(page, f"comment-busy-{language}-{viewport['width']}")

        release()
        form.locator("button[type=submit]").click()
        page.locator(f"#form-{anchor} [data-testid=receipt]").wait_for()
    finally:
        release()
    assert Comment.objects.get().text == text


@pytest.mark.parametrize(("language", "viewport"), CASES, ids=IDS)
def test_a_refused_registration_lands_on_its_summary(hearing, new_page, language, viewport):
    words = WORDS[language]
    page = new_page(viewport)
    path = f"{_prefix(language)}/events/{hearing.event.pk}/"
    visit(page, hearing, path)
    page.eval_on_selector("#id_organisation", "e => e.removeAttribute('maxlength')")  # as a script might send
    page.fill("#id_organisation", "ก" * 301)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("#form-errors")
    _wait_for_focus(page, "#form-errors")
    focus = _focused(page)
    assert focus["id"] == "form-errors" and _on_screen(focus), focus
    assert words["name"] in focus["text"] and words["long"] in focus["text"]
    assert not Registration.objects.exists()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the refused form scrolls sideways at {viewport['width']} px"
    assert_axe_clean(page, f"the refused registration ({language}, {viewport['width']} px)")
    shoot(page, f"registration-refused-{language}-{viewport['width']}")


def _tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_through_registration_and_commenting(hearing, new_page, settings):
    settings.COMMENT_MIN_SECONDS = 0
    page = new_page(PHONE)
    visit(page, hearing, f"/events/{hearing.event.pk}/")
    _tab_to(page, "#id_name")
    page.keyboard.type("สมหญิง แป้นพิมพ์")
    _tab_to(page, "#id_stakeholder_type")
    page.keyboard.press("ArrowDown")  # the first type after the empty choice
    _tab_to(page, "#id_email")
    page.keyboard.type("keyboard@example.go.th")
    _tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    _tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/received/#received")
    assert Registration.objects.get().name == "สมหญิง แป้นพิมพ์"
    assert _focused(page)["id"] == "received"
    assert_axe_clean(page, "the registration reached by keyboard")

    anchor = _anchor()
    visit(page, hearing, READ)
    _tab_to(page, f"#{anchor} a[hx-get]")
    page.keyboard.press("Enter")
    page.locator(f"#form-{anchor} form").wait_for()
    _tab_to(page, f"#form-{anchor} textarea[name=text]")
    page.keyboard.type("ความคิดเห็นที่พิมพ์ด้วยแป้นพิมพ์อย่างเดียว")
    _tab_to(page, f"#form-{anchor} input[name=anonymous]")
    page.keyboard.press("Space")
    _tab_to(page, f"#form-{anchor} select[name=stakeholder_type]")
    for _ in range(6):
        page.keyboard.press("ArrowDown")  # to the last type: a citizen
    _tab_to(page, f"#form-{anchor} input[name=consent]")
    page.keyboard.press("Space")
    _tab_to(page, f"#form-{anchor} button[type=submit]")
    page.keyboard.press("Enter")
    page.locator(f"#form-{anchor} [data-testid=receipt]").wait_for()
    comment = Comment.objects.get()
    assert comment.anonymous and comment.stakeholder_type == "citizen"
    assert _focused(page)["role"] == "status"
    assert_axe_clean(page, "the receipt reached by keyboard")
