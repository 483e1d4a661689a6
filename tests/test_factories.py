"""The test factories make their objects through the services: unique names unless given, the roles they are
told, and the audit log's entries as for staff's own work."""

from __future__ import annotations

import pytest

from factories import AgencyFactory, ConsultationFactory, StaffFactory
from rapfang.accounts.models import Membership, Role
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_each_object_gets_a_name_of_its_own_and_is_written_through_its_service():
    first, second = AgencyFactory(), AgencyFactory()
    assert first.slug != second.slug and first.pk and second.pk
    consultation = ConsultationFactory(agency=first)
    assert consultation.agency == first and consultation.slug and consultation.title_th
    assert ConsultationFactory().agency not in (first, second)  # an agency of its own when none is given
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"accounts.agency.create", "consultations.consultation.create"} <= actions
    assert set(AuditEntry.objects.values_list("actor_kind", flat=True)) == {"system"}


def test_staff_get_the_role_they_are_given_and_a_password_that_works(client):
    agency = AgencyFactory()
    organiser = StaffFactory(agency=agency, role=Role.ORGANISER)
    administrator = StaffFactory(administrator=True)
    assert Membership.objects.get(user=organiser).role == Role.ORGANISER
    assert administrator.is_superuser and not Membership.objects.filter(user=administrator).exists()
    assert client.login(username=organiser.username, password=f"pw-{organiser.username}")
