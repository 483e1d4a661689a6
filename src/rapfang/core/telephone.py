"""Telephone and fax numbers as Thai agencies write them ("0 2141 5555 ต่อ 101", "๐ ๒๒๓๐ ๖๓๓๓",
"โทร. 02 141 5555, 02 141 5556"): whether a typed value is one, and the `tel:` address a telephone dials for it.

A person's own number on a registration has a stricter rule of its own (`hearings.rules.identity_keys`): it is a key.
"""

from __future__ import annotations

import re

from rapfang.core.thai import to_arabic_digits

LABEL = re.compile(r"^(?:โทร(?:ศัพท์|สาร)?|tel|fax)\.?:?\s*", re.IGNORECASE)  # "โทร. 02 …", "Fax: 02 …"
EXTENSION = re.compile(r"ต่อ|ext\.?|x|#", re.IGNORECASE)
APART = re.compile(r"[,;/]|หรือ")  # between two numbers
WRITTEN = re.compile(r"[\d+\-(). ]*(?:(?:ต่อ|ext\.?|x|#|หรือ|[,;/])[\d+\-(). ]*)*", re.IGNORECASE)


def _body(text: str) -> str:
    """The number as typed, in Arabic digits, single-spaced, without a word before it."""
    return LABEL.sub("", " ".join(to_arabic_digits(str(text or "")).split()), count=1)


def telephone_written(text: str) -> bool:
    """Whether `text` is one or more telephone numbers: digits and the marks numbers are written with, no other word."""
    body = _body(text)
    return bool(re.search(r"\d", body)) and WRITTEN.fullmatch(body) is not None


def telephone_uri(text: str) -> str:
    """The `tel:` address of the first number in `text`, its extension dialled after a pause; empty without one."""
    number, *extension = EXTENSION.split(APART.split(_body(text), maxsplit=1)[0], maxsplit=1)
    digits, after = re.sub(r"[^\d+]", "", number), re.sub(r"\D", "", "".join(extension))
    if not re.search(r"\d", digits):
        return ""
    return f"tel:{digits}" + (f",{after}" if after else "")
