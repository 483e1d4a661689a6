"""Test data made through the services, as the site itself makes it: the rules, the defaults and the audit log
apply to it as to anything staff create. factory-boy gives each object a unique name unless the test gives one.

    StaffFactory(agency=agency, role=Role.ORGANISER)       # an organiser of `agency`, password "pw-<username>"
    StaffFactory(username="root", administrator=True)      # an administrator
    ConsultationFactory(agency=agency)                      # an empty consultation of `agency` (a new one if none)
"""

from __future__ import annotations

from typing import Any

import factory

from rapfang.accounts.models import Agency, User
from rapfang.accounts.services import agency_save, membership_grant, user_create_staff
from rapfang.consultations.models import Consultation
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM


class AgencyFactory(factory.Factory):
    class Meta:
        model = Agency

    slug = factory.Sequence(lambda number: f"agency-{number}")
    name_th = factory.Sequence(lambda number: f"สำนักงานทดสอบ {number}")

    @classmethod
    def _create(cls, model_class: type[Agency], *args: Any, **fields: Any) -> Agency:
        return agency_save(actor=SYSTEM, **fields)


class StaffFactory(factory.Factory):
    """A staff account; with `agency` and `role`, that role in that agency (through `membership_grant`)."""

    class Meta:
        model = User

    username = factory.Sequence(lambda number: f"staff{number}")
    password = factory.LazyAttribute(lambda staff: f"pw-{staff.username}")
    email = ""
    administrator = False
    agency = None
    role = None

    @classmethod
    def _create(
        cls, model_class: type[User], *args: Any, agency: Agency | None = None, role: str | None = None, **fields: Any
    ) -> User:
        user = user_create_staff(actor=SYSTEM, **fields)
        if role:
            assert agency is not None, "a role is given in an agency"
            membership_grant(actor=SYSTEM, user=user, agency=agency, role=role)
        return user


class ConsultationFactory(factory.Factory):
    class Meta:
        model = Consultation

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda number: f"consultation-{number}")
    title_th = factory.Sequence(lambda number: f"ร่างประกาศทดสอบ ฉบับที่ {number}")

    @classmethod
    def _create(cls, model_class: type[Consultation], *args: Any, **fields: Any) -> Consultation:
        return consultation_create(actor=SYSTEM, **fields)
