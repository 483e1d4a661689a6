"""What the team tests share: the link in an invitation's mail, and inviting through the page."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from hearings.conftest import Inbox

LINK = re.compile(r"https?://\S+/staff/join/\S+/")


def link_in(message: Any) -> str:
    """The path of the invitation link in `message` (the site's address stripped)."""
    found = LINK.findall(Inbox.body(message))
    assert len(found) == 1, Inbox.body(message)
    return urlsplit(found[0]).path


NEW_PASSWORD = "a-Strong-passphrase-77"


def invite(
    client: Any, agency: Any, email: str, role: str = "organiser", language: str = "th", prefix: str = ""
) -> Any:
    data = {"email": email, "role": role, "language": language}
    return client.post(f"{prefix}/staff/agencies/{agency.slug}/invite/", data)


def accept_new(client: Any, path: str, password: str = NEW_PASSWORD, **fields: str) -> Any:
    data = {"first_name": "วิไล", "last_name": "ศรีสุข", "password": password, "password_again": password, **fields}
    return client.post(path, data)
