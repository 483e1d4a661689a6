"""Who is acting: one typed notion that every service receives and the audit log records.

There are four kinds of actor:

- the **system** itself: the CLI, the demo loader, background jobs and the daily jobs;
- the **public**: an anonymous visitor submitting a comment, a registration or a flag;
- a **registrant**: a person acting on their own registration through its signed link;
- a **user**: a signed-in person (staff of an agency, or an administrator), whose roles decide what they may do.

Services take `actor` as an `Actor`; `as_actor` also accepts a user (from `request.user`) so that views may pass
the request's user. Nothing else stands for an actor: `None` is refused, so that a caller always says who acts
(`SYSTEM`, `PUBLIC`, `Actor.registrant(...)` or a user). What each kind may do is decided by
`rapfang.accounts.permissions.require`. This module needs no database and imports no feature app.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class ActorKind(enum.StrEnum):
    SYSTEM = "system"
    PUBLIC = "public"
    REGISTRANT = "registrant"
    USER = "user"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    user: Any = None  # the signed-in user, for USER
    registration_id: int | None = None  # the registration acted on, for REGISTRANT
    # Roles per agency, read once per actor by rapfang.accounts.permissions; not part of the actor's identity.
    roles_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of_user(cls, user: Any) -> Actor:
        return cls(ActorKind.USER, user=user)

    @classmethod
    def registrant(cls, registration_id: int) -> Actor:
        return cls(ActorKind.REGISTRANT, registration_id=registration_id)

    @property
    def is_system(self) -> bool:
        return self.kind is ActorKind.SYSTEM

    @property
    def is_user(self) -> bool:
        return self.kind is ActorKind.USER

    @property
    def is_registrant(self) -> bool:
        return self.kind is ActorKind.REGISTRANT

    @property
    def audit_user(self) -> Any:
        """The user to record in the audit log, or None for the system, the public and registrants."""
        return self.user if self.kind is ActorKind.USER else None


SYSTEM = Actor(ActorKind.SYSTEM)
PUBLIC = Actor(ActorKind.PUBLIC)

ActorLike = Actor | Any  # an Actor, or a user (signed in or anonymous)


def as_actor(value: ActorLike) -> Actor:
    """The actor behind `value`: an Actor as it is; a signed-in user; an anonymous user is the public.

    `None` is a mistake of the caller's (TypeError): the system acts as `SYSTEM`, a visitor as `PUBLIC`.
    """
    if isinstance(value, Actor):
        return value
    if value is None:
        raise TypeError("actor is None: pass SYSTEM, PUBLIC, Actor.registrant(...) or a user")
    if getattr(value, "is_authenticated", False):
        return Actor.of_user(value)
    return PUBLIC


def acting_user(value: ActorLike) -> Any:
    """The signed-in user behind `value`, to store as "keyed in by", "requested by" and the like; else None."""
    return as_actor(value).audit_user
