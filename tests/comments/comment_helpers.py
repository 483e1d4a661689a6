"""Times of the demo comment period and a valid submission, shared by the comment tests."""

from __future__ import annotations

from typing import Any

from clock import bkk

OPENS = bkk(2016, 11, 18, 0, 0, 0)
CLOSES = bkk(2016, 11, 23, 23, 59, 59)
DURING = bkk(2016, 11, 20, 10, 0, 0)


def valid(**changes: Any) -> dict[str, Any]:
    data = {
        "text": "ควรเพิ่มการลงทะเบียนออนไลน์สำหรับบริการสาธารณสุข",
        "anonymous": False,
        "name": "สมชาย ใจดี",
        "organisation": "มหาวิทยาลัยตัวอย่าง",
        "stakeholder_type": "academic",
        "email": "",
        "consent": True,
    }
    return {**data, **changes}
