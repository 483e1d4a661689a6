"""Comment fixtures: the demo draft's anchors, staff with each role, a valid submission, a real SMTP server."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from comment_helpers import valid  # noqa: F401 (re-exported for tests)

from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.documents.selectors import version_get


@pytest.fixture
def paragraph(demo: Any) -> Any:
    """The first paragraph of the demo draft's current version."""
    return version_get(document=demo.documents.get(slug="draft")).paragraphs.select_related("section").first()


@pytest.fixture
def post_moderated(demo: Any) -> Any:
    comment_policy_set(actor=None, consultation=demo, moderation=ModerationMode.POST)
    return demo


def _staff(username: str, agency: Any, role: str | None) -> Any:
    user = user_create_staff(actor=None, username=username, password="pw-" + username, administrator=False)
    if role:
        membership_grant(actor=None, user=user, agency=agency, role=role)
    return user


@pytest.fixture
def moderator(demo: Any) -> Any:
    return _staff("mod1", demo.agency, Role.MODERATOR)


@pytest.fixture
def organiser(demo: Any) -> Any:
    return _staff("org1", demo.agency, Role.ORGANISER)


@pytest.fixture
def outsider(demo: Any) -> Any:
    return _staff("out1", demo.agency, None)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port; the site sends to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
