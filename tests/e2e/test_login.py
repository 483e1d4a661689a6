"""Staff login in a real browser, in Thai and English: errors beside their fields, the code page after the password
for an enrolled account, the enrolment page with its QR code, all axe-clean (WCAG 2.1 A/AA)."""

from __future__ import annotations

import time

import pytest

from e2e.axe import assert_axe_clean
from e2e.shots import screenshooter
from e2e.test_pages import visit
from rapfang.accounts.models import SecondFactor
from rapfang.accounts.services import user_create_staff
from rapfang.accounts.totp import totp
from rapfang.core.actors import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
PASSWORD = "browser-Login-pass-7"
shoot = screenshooter("login")


def submit(page, **fields):
    for name, value in fields.items():
        page.fill(f"input[name={name}]", value)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()


def test_a_wrong_password_is_said_beside_the_field_in_thai_and_english(site, new_page):
    user_create_staff(actor=SYSTEM, username="somsri", password=PASSWORD)
    for prefix, words in (("", "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"), ("/en", "The username or password is not correct")):
        page = new_page()
        visit(page, site, f"{prefix}/accounts/login/")
        submit(page, username="somsri", password="wrong")
        error = page.locator("#id_password-errors")
        assert words in error.inner_text()
        assert page.locator("#id_password").get_attribute("aria-describedby") == "id_password-errors"
        assert page.locator("#id_username").input_value() == "somsri"
        assert_axe_clean(page, f"the login page with an error ({prefix or 'th'})")
        shoot(page, f"wrong-password{prefix.replace('/', '-')}")


def test_an_enrolled_account_gives_its_code_after_the_password(site, new_page):
    user = user_create_staff(actor=SYSTEM, username="somsri", password=PASSWORD)
    page = new_page()
    visit(page, site, "/accounts/login/")
    submit(page, username="somsri", password=PASSWORD)
    visit(page, site, "/en/accounts/two-factor/")
    assert page.locator("svg.qr-code").count() == 1
    assert_axe_clean(page, "the enrolment page")
    secret = page.locator("[data-testid=secret]").inner_text().replace(" ", "")
    submit(page, code=totp(secret, time.time()))
    assert page.locator("[data-testid=recovery-codes] li").count() == 10
    shoot(page, "recovery-codes")

    second = new_page()
    visit(second, site, "/accounts/login/")
    submit(second, username="somsri", password=PASSWORD)
    assert "/accounts/login/code/" in second.url
    submit(second, code="000000")
    assert "รหัสไม่ถูกต้อง" in second.locator("#id_code-errors").inner_text()
    assert_axe_clean(second, "the code page with an error")
    shoot(second, "wrong-code")
    factor = SecondFactor.objects.get(user=user)
    submit(second, code=totp(factor.secret, max(time.time(), (factor.last_step + 1) * 30)))
    assert "/accounts/login" not in second.url
