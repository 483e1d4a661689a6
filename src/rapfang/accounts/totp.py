"""One-time codes from an authenticator app: HOTP (RFC 4226) and TOTP (RFC 6238), SHA-1, 30 s, six digits.

Plain Python, no Django: the few lines of the standards with `hmac`, so that no dependency holds the second factor.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP = 30  # seconds
DIGITS = 6
DRIFT = 1  # steps accepted either side of now: a phone's clock a little off, a code typed as it changed


def secret_new() -> str:
    """160 random bits in base32 without padding, as authenticator apps take them."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(secret: str, counter: int, digits: int = DIGITS) -> str:
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def step_at(moment: float) -> int:
    return int(moment // STEP)


def totp(secret: str, moment: float, digits: int = DIGITS) -> str:
    return hotp(secret, step_at(moment), digits)


def totp_match(secret: str, code: str, moment: float, *, after_step: int = -1) -> int | None:
    """The time step whose code `code` is, within DRIFT of `moment` and later than `after_step` (a code is good
    once); None when it matches none."""
    typed = "".join(char for char in code if not char.isspace())
    if len(typed) != DIGITS or not typed.isascii() or not typed.isdigit():
        return None
    now = step_at(moment)
    for step in range(now - DRIFT, now + DRIFT + 1):
        if step > after_step and hmac.compare_digest(hotp(secret, step), typed):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The `otpauth://` address an authenticator app reads from a QR code."""
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode({"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP})
    return f"otpauth://totp/{label}?{query}"
