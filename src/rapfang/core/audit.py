"""Writing audit entries. Services call `audit_log` inside their transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models, transaction

from rapfang.core.actors import ActorKind, ActorLike, as_actor
from rapfang.core.models import AuditEntry
from rapfang.core.public import public_changed


def audit_log(
    *, actor: ActorLike, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Record that `actor` did `action` (an `app.entity.verb` code) to `target`.

    The entry also keeps the consultation and the agency the target belongs to, so that an agency's staff can read
    their own activity: a model tells them by an `audit_scope` property (consultation id, agency id), or by plain
    `consultation_id` / `agency_id` attributes. A write by staff or the system also retires the cached public pages.
    """
    entry = audit_entry(actor=actor, action=action, target=target, data=data)
    entry.save()
    _changed_by(entry.actor_kind)
    return entry


def audit_log_missing(entries: list[AuditEntry]) -> int:
    """Write those of `entries` (made by `audit_entry`) that no entry of the same action and object records yet, in
    one statement, inside the caller's transaction; the number written. For a write recorded after it was done (a
    public comment's, by its follow-up), whose entry may have been written with it instead."""
    recorded: set[tuple[str, str, str]] = set()
    for action, object_type in {(entry.action, entry.object_type) for entry in entries}:
        ids = [entry.object_id for entry in entries if (entry.action, entry.object_type) == (action, object_type)]
        found = AuditEntry.objects.filter(action=action, object_type=object_type, object_id__in=ids)
        recorded.update((action, object_type, pk) for pk in found.values_list("object_id", flat=True))
    missing = [entry for entry in entries if (entry.action, entry.object_type, entry.object_id) not in recorded]
    AuditEntry.objects.bulk_create(missing)
    for kind in {entry.actor_kind for entry in missing}:
        _changed_by(kind)
    return len(missing)


def audit_entry(
    *,
    actor: ActorLike,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """The entry `audit_log` writes, not yet saved; `at` is now unless given."""
    who = as_actor(actor)
    entry = AuditEntry(actor=who.audit_user, actor_kind=who.kind.value, action=action, data=_jsonable(data or {}))
    if at is not None:
        entry.at = at
    if target is not None:
        entry.object_type = target._meta.label_lower
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:300]
        entry.consultation_id, entry.agency_id = audit_scope(target)
    return entry


def _changed_by(actor_kind: str) -> None:
    if actor_kind in (ActorKind.USER.value, ActorKind.SYSTEM.value):
        transaction.on_commit(public_changed)  # what the public pages show may have changed: cached ones go


def audit_scope(target: models.Model) -> tuple[int | None, int | None]:
    """The (consultation id, agency id) that `target` belongs to, as far as it tells."""
    scope = getattr(target, "audit_scope", None)
    if scope is not None:
        return scope
    return getattr(target, "consultation_id", None), getattr(target, "agency_id", None)


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, bool | int | float | str | None) else str(value) for key, value in data.items()
    }
