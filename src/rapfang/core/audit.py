"""Writing audit entries. Services call `audit_log` inside their transaction."""

from __future__ import annotations

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
    who = as_actor(actor)
    entry = AuditEntry(actor=who.audit_user, actor_kind=who.kind.value, action=action, data=_jsonable(data or {}))
    if target is not None:
        entry.object_type = target._meta.label_lower
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:300]
        entry.consultation_id, entry.agency_id = audit_scope(target)
    entry.save()
    if who.kind in (ActorKind.USER, ActorKind.SYSTEM):
        transaction.on_commit(public_changed)  # what the public pages show may have changed: cached ones go
    return entry


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
