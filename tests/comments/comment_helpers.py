"""Times of the demo comment period, a valid submission and the comment form's fields, shared by the comment tests."""

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


def post_data(**changes: Any) -> dict[str, Any]:
    """What the comment form posts, shown ten seconds before DURING (past the too-fast check)."""
    from rapfang.comments.forms import form_stamp

    data = {"text": "ควรเพิ่มการลงทะเบียนออนไลน์", "name": "สมชาย ใจดี", "organisation": "ชมรมตัวอย่าง",
            "stakeholder_type": "citizen", "consent": "on", "website": "",
            "shown": form_stamp(DURING.timestamp() - 10)}  # fmt: skip
    return {**data, **changes}
