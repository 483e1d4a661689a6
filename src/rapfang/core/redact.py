"""Personal data written inside free text, replaced by a label before the text goes out in public data.

Plain Python, no Django: used by the summary report, the open-data download and the public responses page.
Finds e-mail addresses, Thai telephone numbers (landline, mobile, +66, 1xxx hotlines are left alone) and 13-digit
national IDs, in Arabic or Thai digits, with or without dashes, dots or spaces between the groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_D = "[0-9๐-๙]"  # one digit, Arabic or Thai
_SEP = r"[ \-.]?"

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# 13 digits, as written on the card (1-2345-67890-12-3) or run together.
NATIONAL_ID = re.compile(rf"(?<![0-9๐-๙]){_D}{_SEP}{_D}{{4}}{_SEP}{_D}{{5}}{_SEP}{_D}{{2}}{_SEP}{_D}(?![0-9๐-๙])")
# 0X-XXX-XXXX (landline, 9 digits), 0XX-XXX-XXXX (mobile, 10 digits), +66 X-XXXX-XXXX, with any grouping.
PHONE = re.compile(
    rf"(?<![0-9๐-๙+])(?:(?:\+|00){_SEP}66{_SEP}\(?0?\)?|[0๐]){_SEP}(?:{_D}{_SEP}){{7,8}}{_D}(?![0-9๐-๙])"
)


@dataclass(frozen=True)
class Labels:
    email: str = "[e-mail withheld]"
    phone: str = "[telephone number withheld]"
    national_id: str = "[national ID withheld]"


THAI_LABELS = Labels(email="[ปกปิดอีเมล]", phone="[ปกปิดหมายเลขโทรศัพท์]", national_id="[ปกปิดเลขประจำตัวประชาชน]")
ENGLISH_LABELS = Labels()


def labels_for(language: str) -> Labels:
    """The labels in `language` ("th" or "en"); Thai for any other."""
    return ENGLISH_LABELS if language == "en" else THAI_LABELS


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text.translate(_THAI_DIGITS))


def _phone(labels: Labels, match: re.Match[str]) -> str:
    digits = _digit_count(match[0])
    return labels.phone if 9 <= digits <= 12 else match[0]


def redact_personal_data(text: str, *, labels: Labels = THAI_LABELS) -> str:
    """`text` with e-mail addresses, telephone numbers and national IDs replaced by `labels`."""
    if not text:
        return text
    text = EMAIL.sub(labels.email, text)
    text = NATIONAL_ID.sub(labels.national_id, text)
    return PHONE.sub(lambda match: _phone(labels, match), text)


def has_personal_data(text: str) -> bool:
    """Whether `text` holds anything `redact_personal_data` would replace."""
    return redact_personal_data(text) != text
