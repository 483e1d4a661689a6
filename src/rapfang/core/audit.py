"""Writing audit entries. Services call `audit_log` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from rapfang.core.models import AuditEntry


def audit_log(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Record that `actor` did `action` (an `app.entity.verb` code) to `target`."""
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(actor=real_actor, action=action, data=_jsonable(data or {}))
    if target is not None:
        entry.object_type = target._meta.label_lower
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:300]
    entry.save()
    return entry


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, bool | int | float | str | None) else str(value) for key, value in data.items()
    }
