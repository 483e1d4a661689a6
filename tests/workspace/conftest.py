"""An agency's first day, from nothing: a new agency, its staff, another agency's organiser, an empty consultation.

Nothing here loads the demo: workspace tests start where a new agency starts.
"""

from __future__ import annotations

from typing import Any

import pytest

from factories import StaffFactory
from hearings.conftest import smtp  # noqa: F401 (the real SMTP server on loopback, for the team's invitations)
from rapfang.accounts.models import Role
from rapfang.accounts.services import agency_save, user_create_staff
from rapfang.consultations.models import Instrument
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM

PASSWORD = "a-long-test-password-1"


def _staff(username: str, agency: Any, role: str) -> Any:
    return StaffFactory(
        username=username, password=PASSWORD, email=f"{username}@example.go.th", agency=agency, role=role
    )


@pytest.fixture
def agency(db: None) -> Any:
    return agency_save(
        actor=SYSTEM, slug="dol", name_th="กรมที่ดิน", name_en="Department of Lands", abbr_th="ทด",
        phone="02 141 5555", email="saraban@dol.example.go.th",
    )  # fmt: skip


@pytest.fixture
def organiser(agency: Any) -> Any:
    return _staff("somchai", agency, Role.ORGANISER)


@pytest.fixture
def moderator(agency: Any) -> Any:
    return _staff("malee", agency, Role.MODERATOR)


@pytest.fixture
def other_agency(db: None) -> Any:
    return agency_save(actor=SYSTEM, slug="doh", name_th="กรมทางหลวง", name_en="Department of Highways")


@pytest.fixture
def outsider(other_agency: Any) -> Any:
    """An organiser of another agency: every page and action of ours must answer 404 or refuse."""
    return _staff("prasert", other_agency, Role.ORGANISER)


@pytest.fixture
def administrator(db: None) -> Any:
    return user_create_staff(actor=SYSTEM, username="root", password=PASSWORD, administrator=True)


@pytest.fixture
def consultation(agency: Any, organiser: Any) -> Any:
    """A new, unpublished consultation on a draft ministerial regulation, with nothing else yet."""
    return consultation_create(
        actor=organiser, agency=agency, slug="land-fees-2027", instrument=Instrument.MINISTERIAL_REGULATION,
        title_th="ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....",
        title_en="Draft Ministerial Regulation on Fees for Land Title Deeds B.E. ....",
    )  # fmt: skip
