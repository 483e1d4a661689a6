"""The mail folder: where the site's mail is written as files when no SMTP server is set (`EMAIL_FILE_PATH`).

Django's file backend writes each connection's messages into one file, separated by a line of 79 dashes. Those
files hold what the messages said: names, e-mail addresses, comment texts. When personal data is erased or its
retention ends, `mail_files_forget` takes out of the folder every message sent to one of the addresses, or holding
one of the marks (a receipt number, a registration reference), and deletes the files left empty.
"""

from __future__ import annotations

import email
import email.policy
import logging
import os
import tempfile
from collections.abc import Iterable
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
SEPARATOR = b"-" * 79


def mail_folder() -> Path | None:
    """The folder the file backend writes to, if mail goes to files."""
    if not settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return None
    path = getattr(settings, "EMAIL_FILE_PATH", None)
    return Path(path) if path else None


def _messages(data: bytes) -> list[bytes]:
    """The messages of one file: split on the backend's separator lines."""
    pieces = [piece.strip(b"\r\n") for piece in data.split(b"\n" + SEPARATOR)]
    return [piece for piece in pieces if piece and piece != SEPARATOR]


def _recipients(message: EmailMessage) -> set[str]:
    headers = [str(value) for name in ("To", "Cc", "Bcc") for value in message.get_all(name, [])]
    return {address.lower() for _name, address in getaddresses(headers) if address}


def _text(message: EmailMessage) -> str:
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return str(message.get("Subject", "")) + "\n" + "\n".join(str(part) for part in parts)


def _concerns(raw: bytes, addresses: set[str], marks: list[str]) -> bool:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    if _recipients(message) & addresses:
        return True
    text = _text(message) if marks else ""
    return any(mark in text for mark in marks)


def _rewrite(path: Path, kept: list[bytes]) -> None:
    if not kept:
        path.unlink(missing_ok=True)
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".forget-")
    with os.fdopen(handle, "wb") as out:
        out.write(b"".join(message + b"\n" + SEPARATOR + b"\n" for message in kept))
    os.replace(temporary, path)


def mail_files_forget(*, addresses: Iterable[str] = (), marks: Iterable[str] = ()) -> int:
    """Remove from the mail folder every message to one of `addresses` or holding one of `marks`; how many."""
    folder = mail_folder()
    wanted, found = {address.strip().lower() for address in addresses if address.strip()}, [m for m in marks if m]
    if folder is None or not folder.is_dir() or not (wanted or found):
        return 0
    removed = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        messages = _messages(path.read_bytes())
        kept = [raw for raw in messages if not _concerns(raw, wanted, found)]
        if len(kept) != len(messages):
            _rewrite(path, kept)
            removed += len(messages) - len(kept)
    if removed:
        logger.info("mail folder: %d messages removed", removed)
    return removed
