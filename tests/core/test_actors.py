"""Who acts: every service call names its actor; `None` is refused before anything is written."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from factories import StaffFactory
from rapfang.accounts.models import Agency
from rapfang.accounts.services import agency_save
from rapfang.core.actors import PUBLIC, SYSTEM, Actor, ActorKind, as_actor
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_actor_is_what_it_says() -> None:
    assert as_actor(SYSTEM) is SYSTEM
    assert as_actor(PUBLIC) is PUBLIC
    assert as_actor(Actor.registrant(7)).registration_id == 7


def test_an_anonymous_user_is_the_public_and_a_signed_in_one_a_user() -> None:
    assert as_actor(AnonymousUser()) is PUBLIC
    staff = StaffFactory()
    actor = as_actor(staff)
    assert actor.kind is ActorKind.USER
    assert actor.audit_user == staff


def test_none_is_not_an_actor() -> None:
    with pytest.raises(TypeError, match="SYSTEM"):
        as_actor(None)


def test_a_service_called_without_an_actor_writes_nothing() -> None:
    with pytest.raises(TypeError):
        agency_save(actor=None, slug="no-one", name_th="หน่วยงานที่ไม่มีผู้กระทำ")
    assert not Agency.objects.filter(slug="no-one").exists()
    assert not AuditEntry.objects.filter(action__startswith="accounts.agency").exists()
