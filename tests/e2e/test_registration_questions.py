"""An event's own questions in Debian chromium: asked in Thai after the standard fields on a phone and a desktop,
a required one left unanswered refused beside its field with nothing stored, the answers shown back on the
registrant's page; and the English privacy notice with a newly published version in force, linking to the
built-in one. Every page axe-clean (WCAG 2.1 A/AA)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.test_pages import DESKTOP, PHONE, visit
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.demo import seed
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import Event, Registration
from rapfang.hearings.notices import BUILT_IN_VERSION
from rapfang.hearings.services import event_questions_replace, event_save, privacy_notice_publish

shoot = screenshooter("questions")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "session",
        "label_th": "ช่วงเวลาที่ท่านประสงค์จะเข้าร่วมการประชุม",
        "label_en": "Which session will you attend?",
        "kind": "choice",
        "options_th": "ช่วงเช้า (๐๙.๐๐–๑๒.๐๐ น.)\nช่วงบ่าย (๑๓.๐๐–๑๖.๓๐ น.)\nเต็มวัน",
        "options_en": "Morning (9:00–12:00)\nAfternoon (13:00–16:30)\nAll day",
        "required": True,
    },
    {"key": "parking", "label_th": "ท่านต้องการที่จอดรถหรือไม่", "label_en": "Do you need parking?", "kind": "yes_no"},
    {
        "key": "topic",
        "label_th": "ประเด็นที่ท่านประสงค์จะเสนอต่อที่ประชุม",
        "label_en": "Topic you wish to raise",
        "kind": "long_text",
    },
]
STANDARD_FIELDS = ["name", "organisation", "position", "stakeholder_type", "email", "phone", "needs"]
TOPIC = "การเชื่อมโยงข้อมูลระหว่างหน่วยงานภาครัฐ\nและการคุ้มครองข้อมูลส่วนบุคคลของประชาชน"
NOTICE_TH = "หน่วยงานผู้จัดเก็บชื่อ หน่วยงาน ไปรษณีย์อิเล็กทรอนิกส์ และคำตอบของท่าน เพื่อจัดการประชุมเท่านั้น"
NOTICE_EN = "The organiser keeps your name, organisation, e-mail address and answers to run the meeting only."
# (viewport, the option chosen, its Thai wording, the yes/no answer and its Thai wording)
VISITS = [
    ("phone", PHONE, "2", "ช่วงบ่าย (๑๓.๐๐–๑๖.๓๐ น.)", "yes", "ใช่"),
    ("desktop", DESKTOP, "3", "เต็มวัน", "no", "ไม่ใช่"),
]
FIELD_NAMES = "() => [...document.querySelectorAll('main form [name]')].map(e => e.name)"
FACTS = (
    "() => [...document.querySelectorAll('dl.facts > dt')].map(dt => [dt.innerText, dt.nextElementSibling.innerText])"
)
# The error's top edge against the select's bottom edge, and whether the two share their left edge.
ERROR_PLACE = """() => { const s = document.querySelector('#id_session').getBoundingClientRect();
    const e = document.querySelector('#id_session-errors').getBoundingClientRect();
    return {gap: e.top - s.bottom, sameLeft: Math.abs(e.left - s.left) < 2}; }"""


@pytest.fixture
def event(site: Any, settings: Any) -> Event:
    """A workshop of the demo consultation open for registration now, with three questions of its own."""
    settings.SITE_URL = site.url
    now = timezone.now()
    event = event_save(
        actor=SYSTEM, consultation=Consultation.objects.get(slug=seed.SLUG), kind="workshop",
        title_th="ประชุมระดมสมอง ด้านข้อมูลภาครัฐ", title_en="Brainstorming workshop: government data",
        starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=5, hours=7), venue_th="ห้องประชุม ๓",
        capacity=20, registration_required=True, registration_opens_at=now - timedelta(hours=1),
        registration_closes_at=now + timedelta(days=2),
    )  # fmt: skip
    event_questions_replace(actor=SYSTEM, event=event, questions=QUESTIONS)
    return event


def fill_standard_fields(page: Any, n: int) -> None:
    page.fill("#id_name", f"สมศรี ทดสอบ {n}")
    page.fill("#id_organisation", "สำนักงานพัฒนารัฐบาลดิจิทัล")
    page.select_option("#id_stakeholder_type", "government")
    page.fill("#id_email", f"questions{n}@example.go.th")
    tick(page.locator("#id_consent"))


def submit(page: Any) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.evaluate("document.fonts.ready.then(() => true)")


def test_questions_are_asked_in_thai_refused_when_unanswered_and_shown_back(site, new_page, event):
    for n, (size, viewport, option, wording, yes_no, yes_no_th) in enumerate(VISITS, start=1):
        page = new_page(viewport)
        visit(page, site, f"/events/{event.pk}/")
        assert page.get_attribute("html", "lang") == "th"
        assert page.evaluate(FIELD_NAMES) == ["csrfmiddlewaretoken", *STANDARD_FIELDS, *(q["key"] for q in QUESTIONS),
                                              "consent"]  # fmt: skip
        for question in QUESTIONS:
            assert page.locator(f"label[for=id_{question['key']}]").inner_text().startswith(question["label_th"])
        options = page.locator("#id_session option").all_inner_texts()
        assert options == ["โปรดเลือก", *QUESTIONS[0]["options_th"].splitlines()]
        assert page.locator("#id_parking option").all_inner_texts() == ["โปรดเลือก", "ใช่", "ไม่ใช่"]
        assert_axe_clean(page, f"the event page with questions at {size} width")
        shoot(page, f"form-th-{size}")

        stored = Registration.objects.filter(event=event).count()
        fill_standard_fields(page, n)
        page.select_option("#id_parking", yes_no)
        page.fill("#id_topic", TOPIC)
        submit(page)  # the required choice left unanswered
        assert page.locator("#form-errors").is_visible()
        error = page.locator("#id_session-errors")
        assert error.is_visible() and error.inner_text().strip() == "โปรดตอบคำถามนี้"
        assert page.get_attribute("#id_session", "aria-invalid") == "true"
        assert page.get_attribute("#id_session", "aria-describedby") == "id_session-errors"
        place = page.evaluate(ERROR_PLACE)
        assert 0 <= place["gap"] < 16 and place["sameLeft"], f"the error is not beside its field: {place}"
        assert page.locator(".invalid-feedback:visible").count() == 1, "only the unanswered question is refused"
        assert page.locator("#form-errors a[href='#id_session']").count() == 1
        assert Registration.objects.filter(event=event).count() == stored, "a refused form stored a registration"
        assert page.input_value("#id_parking") == yes_no and page.input_value("#id_topic") == TOPIC
        assert_axe_clean(page, f"the event page with the unanswered question at {size} width")
        shoot(page, f"form-error-th-{size}")

        page.select_option("#id_session", label=wording)
        tick(page.locator("#id_consent"))
        submit(page)
        assert page.url.endswith(f"/events/{event.pk}/received/#received"), page.url
        registration = Registration.objects.get(event=event, email=f"questions{n}@example.go.th")
        visit(page, site, registration_url(registration, absolute=False))  # the link the mail gives
        facts = page.evaluate(FACTS)
        assert [QUESTIONS[0]["label_th"], wording] in facts
        assert [QUESTIONS[1]["label_th"], yes_no_th] in facts
        assert [QUESTIONS[2]["label_th"], TOPIC] in facts
        # a browser sends the textarea's line breaks as CRLF; the answer keeps them as LF, as the API's do
        assert registration.answers == {"session": option, "parking": yes_no, "topic": TOPIC}
        assert_axe_clean(page, f"the registrant's page with answers at {size} width")
        shoot(page, f"answers-th-{size}")


def test_english_privacy_notice_shows_a_new_version_in_force_and_links_the_built_in_one(site, new_page, event):
    # The service wants a version published at least a minute ahead: publish it an hour before its moment,
    # a moment two seconds before the live server's clock, so that it is in force when the page is asked for.
    in_force_from = timezone.now() - timedelta(seconds=2)
    privacy_notice_publish(
        actor=SYSTEM, version="2027-01", text_th=NOTICE_TH, text_en=NOTICE_EN, in_force_from=in_force_from,
        now=in_force_from - timedelta(hours=1),
    )  # fmt: skip
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_page(viewport)
        visit(page, site, "/en/privacy/registrations/")
        assert page.get_attribute("html", "lang") == "en"
        main = page.locator("main").inner_text()
        assert "Version 2027-01" in main and NOTICE_EN in main
        assert NOTICE_TH not in main and "This is an earlier version" not in main
        earlier = page.locator(f"main a[href='?version={BUILT_IN_VERSION}']")
        assert earlier.inner_text().strip() == BUILT_IN_VERSION
        assert_axe_clean(page, f"the English privacy notice at {size} width")
        shoot(page, f"privacy-en-{size}")

        with page.expect_navigation():
            earlier.click()
        main = page.locator("main").inner_text()
        assert f"Version {BUILT_IN_VERSION}" in main and "This is an earlier version" in main
        assert "answers to the event's own questions" in main and NOTICE_EN not in main
        assert page.locator("main a[href$='/privacy/registrations/']").inner_text() == "Read the notice in force now"
        assert_axe_clean(page, f"the built-in privacy notice in English at {size} width")
        shoot(page, f"privacy-built-in-en-{size}")

    visit(page, site, f"/en/events/{event.pk}/")
    assert "(version 2027-01)" in page.locator("main form").inner_text()
    assert page.locator("#id_session option").all_inner_texts() == [
        "Choose one",
        *QUESTIONS[0]["options_en"].split("\n"),
    ]
    assert_axe_clean(page, "the English event page with questions")
    shoot(page, "form-en-desktop")
