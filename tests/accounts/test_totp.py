"""HOTP and TOTP against the test vectors of RFC 4226 and RFC 6238; drift, single use, and the otpauth address."""

from __future__ import annotations

import base64

from rapfang.accounts.totp import hotp, provisioning_uri, secret_new, totp, totp_match

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


def test_hotp_gives_the_codes_of_rfc_4226():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    assert [hotp(RFC_SECRET, counter) for counter in range(10)] == expected


def test_totp_gives_the_eight_digit_codes_of_rfc_6238_for_sha1():
    vectors = {59: "94287082", 1111111109: "07081804", 1111111111: "14050471", 1234567890: "89005924",
               2000000000: "69279037", 20000000000: "65353130"}  # fmt: skip
    assert {moment: totp(RFC_SECRET, moment, digits=8) for moment in vectors} == vectors


def test_a_code_matches_one_step_either_side_and_only_after_the_last_step_used():
    moment = 1_700_000_000.0
    code = totp(RFC_SECRET, moment)
    step = totp_match(RFC_SECRET, code, moment)
    assert step == int(moment // 30)
    assert totp_match(RFC_SECRET, code, moment + 30) == step  # typed as the phone moved on
    assert totp_match(RFC_SECRET, code, moment + 60) is None
    assert totp_match(RFC_SECRET, code, moment, after_step=step) is None  # used once already
    assert totp_match(RFC_SECRET, f" {code[:3]} {code[3:]} ", moment) == step
    assert totp_match(RFC_SECRET, "๑๒๓๔๕๖", moment) is None and totp_match(RFC_SECRET, "12345", moment) is None


def test_secrets_are_160_random_bits_and_the_address_names_the_issuer_and_account():
    secret = secret_new()
    assert len(secret) == 32 and len(base64.b32decode(secret)) == 20 and secret != secret_new()
    uri = provisioning_uri(secret, account="admin", issuer="rapfang")
    assert uri.startswith("otpauth://totp/rapfang:admin?") and f"secret={secret}" in uri and "period=30" in uri
