"""The public pages in a real browser: content in both languages, the Thai font, downloads, screenshots, axe."""

from __future__ import annotations

import re
from typing import Any

import pytest

from e2e.axe import assert_axe_clean
from e2e.shots import shoot
from rapfang.consultations.counters import consultation_views_flush
from rapfang.consultations.models import Consultation
from rapfang.demo import seed
from rapfang.documents.models import Attachment

pytestmark = [
    pytest.mark.browser,
    # WhiteNoise warns that STATIC_ROOT was never collected; the live server serves static files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SLUG = seed.SLUG
PAGES = {
    ("home", "th"): "/",
    ("home", "en"): "/en/",
    ("consultation", "th"): f"/consultations/{SLUG}/",
    ("consultation", "en"): f"/en/consultations/{SLUG}/",
}
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def to_int(text: str) -> int:
    """The first number in a text, in Thai or Arabic digits."""
    match = re.search(r"\d[\d,]*", text.translate(THAI_DIGITS))
    assert match, f"no number in {text!r}"
    return int(match.group().replace(",", ""))


def visit(page: Any, site: Any, path: str) -> list[str]:
    """Open a page and wait for its fonts; returns what it asked for and could not load."""
    failed: dict[str, str] = {}
    page.on("response", lambda r: failed.setdefault(r.url, str(r.status)) if r.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.setdefault(request.url, str(request.failure)))
    response = page.goto(site.url + path)
    assert response is not None
    assert response.status == 200, f"{path} answered {response.status}"
    page.evaluate("document.fonts.ready.then(() => true)")
    return [f"{url} ({reason})" for url, reason in failed.items() if not url.endswith("/favicon.ico")]


def download_badges(page: Any) -> Any:
    return page.locator("#downloads-title + ol > li .badge")


@pytest.mark.parametrize(("language", "path"), [("th", "/"), ("en", "/en/")])
def test_home_lists_the_demo_consultation_with_a_status_badge(site, new_page, language, path):
    page = new_page()
    visit(page, site, path)

    assert page.get_attribute("html", "lang") == language
    card = page.locator("article.card").filter(has=page.locator(f"a[href$='/consultations/{SLUG}/']"))
    assert card.count() == 1
    title = seed.CONSULTATION[f"title_{language}"]
    assert card.locator("h2 a").inner_text().strip() == title
    badge = card.locator(".badge.rounded-pill")
    assert badge.is_visible()
    assert badge.inner_text().strip(), "the status badge is empty"


def test_consultation_page_in_thai_shows_venue_buddhist_date_downloads_and_phones(site, new_page):
    page = new_page()
    visit(page, site, PAGES[("consultation", "th")])

    assert page.get_attribute("html", "lang") == "th"
    assert page.locator("h1").inner_text().strip() == seed.CONSULTATION["page_title_th"]
    assert seed.CONSULTATION["title_th"] in page.title()
    main = page.locator("main").inner_text()
    assert "มิลเลนเนียม ฮิลตัน" in main
    assert "๑๘ พฤศจิกายน ๒๕๕๙" in main  # B.E. year in Thai digits: the demo sets thai_digits
    assert "2016" not in main

    links = page.locator("#downloads-title + ol > li a")
    assert links.all_inner_texts() == [title_th for _, _, title_th, _ in seed.DOWNLOADS]
    for link, (_, filename, _, _) in zip(links.all(), seed.DOWNLOADS, strict=True):
        assert link.get_attribute("href").endswith(f"/{filename}")

    for contact in seed.CONTACTS:
        phone = contact["phone"]
        link = page.locator(f"a[href='tel:{phone.replace(' ', '')}']")
        assert link.count() == 1, f"no link to call {phone}"
        assert link.inner_text() == phone.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_consultation_page_in_english_shows_the_gregorian_date_and_english_title(site, new_page):
    page = new_page()
    visit(page, site, PAGES[("consultation", "en")])

    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text().strip() == seed.CONSULTATION["page_title_en"]
    assert seed.CONSULTATION["title_en"] in page.title()
    main = page.locator("main").inner_text()
    assert "18 November 2016" in main
    assert "Millennium Hilton" in main
    assert page.locator("#downloads-title + ol > li a").all_inner_texts() == [t for *_, t in seed.DOWNLOADS]
    assert "2559" not in main
    assert not re.search("[๐-๙]", main), "Thai digits on the English page"


@pytest.mark.parametrize(
    ("start", "other", "target"),
    [("th", "en", PAGES[("consultation", "en")]), ("en", "th", PAGES[("consultation", "th")])],
)
def test_language_switch_leads_to_the_same_page_in_the_other_language(site, new_page, start, other, target):
    page = new_page()
    visit(page, site, PAGES[("consultation", start)])

    page.locator(f"header a[hreflang='{other}']").click()
    page.wait_for_load_state()

    assert page.url == site.url + target
    assert page.get_attribute("html", "lang") == other
    assert page.locator("h1").inner_text().strip() == seed.CONSULTATION[f"page_title_{other}"]


@pytest.mark.parametrize("path", [*PAGES.values(), "/accounts/login/"])
def test_pages_load_all_their_stylesheets_scripts_and_fonts(site, new_page, path):
    page = new_page()
    failed = visit(page, site, path)
    assert not failed, f"{path} could not load: {', '.join(failed)}"
    assert page.locator("link[rel=stylesheet]").count() >= 3


def test_pages_are_set_in_the_self_hosted_sarabun_font(site, new_page):
    page = new_page()
    font_files: list[tuple[str, int]] = []
    page.on("response", lambda r: font_files.append((r.url, r.status)) if r.url.endswith(".woff2") else None)
    visit(page, site, PAGES[("consultation", "th")])

    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(("Sarabun", '"Sarabun"'))
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px Sarabun', 'ทดสอบ'))")
    # check() is also true when no face is declared at all: require a loaded Sarabun face covering Thai.
    loaded_thai_faces = page.evaluate(
        """() => [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Sarabun'
              && f.status === 'loaded' && f.unicodeRange.includes('U+E01-E5B')).map(f => f.weight)"""
    )
    assert loaded_thai_faces, "no Thai Sarabun face was loaded"
    thai_files = [(url, status) for url, status in font_files if "sarabun-thai-" in url]
    assert thai_files
    assert all(status == 200 for _, status in thai_files), thai_files


def test_downloading_a_file_counts_the_download_and_the_view(site, new_page, e2e_settings, tmp_path):
    e2e_settings.PAGE_CACHE_SECONDS = 0
    e2e_settings.VIEW_COUNT_FLUSH_SECONDS = 0
    consultation_views_flush()
    views_before = Consultation.objects.get(slug=SLUG).views
    page = new_page()
    visit(page, site, PAGES[("consultation", "th")])
    downloads_before = to_int(download_badges(page).first.inner_text())
    assert to_int(page.get_by_test_id("views").inner_text()) == views_before

    with page.expect_download() as info:
        page.locator("#downloads-title + ol > li a").first.click()
    download = info.value
    first_file = seed.DOWNLOADS[0][1]
    assert download.suggested_filename == first_file
    saved = tmp_path / first_file
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    visit(page, site, PAGES[("consultation", "th")])
    assert to_int(download_badges(page).first.inner_text()) == downloads_before + 1
    assert Attachment.objects.get(consultation__slug=SLUG, filename=first_file).downloads == downloads_before + 1
    assert to_int(page.get_by_test_id("views").inner_text()) == views_before + 1
    consultation_views_flush()
    assert Consultation.objects.get(slug=SLUG).views == views_before + 2


# Text and links that stick out of the screen sideways (and so are cut off), hidden-on-purpose ones aside.
OUTSIDE_THE_SCREEN = """() => [...document.querySelectorAll('body a, body h1, body h2, body p, body li, body dd')]
    .filter(e => !e.closest('.visually-hidden, .skip-link') && e.getClientRects().length)
    .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > innerWidth + 1; })
    .map(e => `${e.tagName.toLowerCase()} "${e.innerText.slice(0, 40)}"`)"""

BROKEN_HEADER_LINKS = """() => [...document.querySelectorAll('header .nav-link')]
    .filter(e => e.getClientRects().length > 1
        || e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).lineHeight))
    .map(e => e.innerText)"""


@pytest.mark.parametrize(("name", "language"), list(PAGES))
def test_pages_fit_desktop_and_phone_screens(site, new_page, name, language):
    """No sideways scrolling, no header link broken over lines, nothing cut off, on a desktop and on a phone (and
    full-page screenshots for people to look at, with RAPFANG_SCREENSHOTS=1)."""
    for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(viewport)
        visit(page, site, PAGES[(name, language)])
        if shot := shoot(page, f"{name}-{language}-{size_name}"):
            assert shot.stat().st_size > 10_000
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} ({language}) scrolls sideways by {overflow}px at {viewport['width']}px"
        broken = page.evaluate(BROKEN_HEADER_LINKS)
        assert not broken, f"{name} ({language}) at {viewport['width']}px breaks header links over lines: {broken}"
        cut_off = page.evaluate(OUTSIDE_THE_SCREEN)
        assert not cut_off, f"{name} ({language}) at {viewport['width']}px cuts off: {cut_off}"


FAULTY = """<!doctype html><html lang="en"><head><title>Faults</title></head>
<body><main><h1>Faults</h1><img src="data:,"><input type="text" name="unnamed"></main></body></html>"""


def test_the_accessibility_check_finds_and_names_faults_each_time_it_looks(new_page):
    """The check the pages below must pass can fail: an image without a text and a field without a label are named,
    the second time on the same page too (axe-core is put into a page once)."""
    page = new_page()
    page.set_content(FAULTY)
    for _ in range(2):
        with pytest.raises(AssertionError) as refused:
            assert_axe_clean(page, "a page with two faults")
        assert re.search(r"^image-alt \(critical\): .*\n    at img: ", str(refused.value), re.M), refused.value
        assert re.search(r"^label \(critical\): .*\n    at input: ", str(refused.value), re.M), refused.value


@pytest.mark.parametrize("path", [*PAGES.values(), "/accounts/login/"])
def test_pages_have_no_wcag_a_or_aa_violations(site, new_page, path):
    for viewport in (DESKTOP, PHONE):
        page = new_page(viewport)
        visit(page, site, path)
        assert_axe_clean(page, f"{path} at {viewport['width']}px")
