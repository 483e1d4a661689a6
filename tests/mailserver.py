"""The tests' one SMTP server: aiosmtpd on 127.0.0.1 and a free port, keeping what it receives, parsed.

`smtp` is the fixture (tests/conftest.py offers it to every test): the site sends its mail there over real SMTP.
tests/cluster.py starts the same server for processes of its own."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from servers import free_port


class Inbox:
    """What the SMTP server received, parsed; it refuses the addresses in `refused` for good (550), as a server does
    a mailbox that does not exist."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    def wait_for(self, address: str, *, seconds: float = 30) -> str:
        """The plain-text body of the first message to `address`, waiting for it (mail sent by other processes)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if found := self.to(address):
                return self.body(found[0])
            time.sleep(0.2)
        raise TimeoutError(f"no message to {address}")

    @staticmethod
    def body(message: email.message.EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())

    @staticmethod
    def subject(message: email.message.EmailMessage) -> str:
        return str(message["Subject"]).strip()


def start(inbox: Inbox) -> Controller:
    """An SMTP server on loopback that hands what it receives to `inbox`; stop it with `.stop()`."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


@contextmanager
def mail_to_loopback(settings: Any) -> Iterator[Inbox]:
    """The site sends its mail over SMTP to a real server on loopback, for as long as the block runs; the inbox holds
    what it received."""
    inbox = Inbox()
    controller = start(inbox)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on loopback; the site sends its mail there over SMTP."""
    with mail_to_loopback(settings) as inbox:
        yield inbox
