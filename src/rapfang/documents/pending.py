"""An uploaded draft kept for a short while between its dry run and the organiser's confirmation.

The bytes go to the file storage (shared by every app instance) under a random token and the time they expire; the
token is known only to the uploader's session, which also holds what the page needs (the draft, the file's name, the
notes). Nothing public points at these files. They expire after `LIFETIME`; each new upload and the daily upkeep
delete the expired ones.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)

FOLDER = "pending-drafts"
LIFETIME = timedelta(minutes=30)
SESSION_KEY = "documents.pending"


@dataclass(frozen=True)
class PendingDraft:
    token: str
    user_id: int | None
    document_id: int
    filename: str
    note_th: str
    note_en: str
    stored: str
    expires: float  # seconds since the epoch
    title_th: str = ""  # a new draft's (document_id 0): its titles and short name, as typed
    title_en: str = ""
    slug: str = ""

    def expired(self, now: datetime) -> bool:
        return now.timestamp() >= self.expires


def pending_put(
    session: Any,
    *,
    user_id: int | None,
    document_id: int,
    content: bytes,
    filename: str,
    note_th: str,
    note_en: str,
    title_th: str = "",
    title_en: str = "",
    slug: str = "",
) -> PendingDraft:
    """Keep the upload for LIFETIME; its token goes into the uploader's session. A new draft has `document_id` 0
    and its titles and short name."""
    now = timezone.now()
    pending_purge(now=now)
    token = secrets.token_urlsafe(24)
    expires = (now + LIFETIME).timestamp()
    stored = default_storage.save(f"{FOLDER}/{int(expires)}-{token}", ContentFile(content))
    pending = PendingDraft(
        token, user_id, document_id, filename[:200], note_th, note_en, stored, expires, title_th, title_en, slug
    )
    kept = {key: value for key, value in session.get(SESSION_KEY, {}).items() if value["expires"] > now.timestamp()}
    session[SESSION_KEY] = {**kept, token: asdict(pending)}
    return pending


def pending_get(session: Any, token: str, *, user_id: int | None, document_id: int) -> PendingDraft | None:
    """The upload kept under `token` for this user and draft, unless it has expired or is gone."""
    found = session.get(SESSION_KEY, {}).get(token)
    if not found:
        return None
    pending = PendingDraft(**found)
    if pending.user_id != user_id or pending.document_id != document_id or pending.expired(timezone.now()):
        return None
    return pending if default_storage.exists(pending.stored) else None


def pending_read(pending: PendingDraft) -> bytes:
    with default_storage.open(pending.stored, "rb") as handle:
        return bytes(handle.read())


def pending_drop(session: Any, token: str) -> None:
    """Forget the upload and delete its bytes."""
    kept = dict(session.get(SESSION_KEY, {}))
    found = kept.pop(token, None)
    session[SESSION_KEY] = kept
    if found:
        default_storage.delete(found["stored"])


def pending_purge(*, now: datetime | None = None) -> int:
    """Delete the kept uploads whose time has passed; how many were deleted."""
    moment = (now or timezone.now()).timestamp()
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    expired = [name for name in names if _expiry(name) <= moment]
    for name in expired:
        default_storage.delete(f"{FOLDER}/{name}")
    if expired:
        logger.info("deleted %d expired draft uploads", len(expired))
    return len(expired)


def _expiry(name: str) -> float:
    stamp = name.split("-", 1)[0]
    return float(stamp) if stamp.isdigit() else 0.0
