from datetime import datetime

import pytest

from clock import bkk
from rapfang.accounts.models import Agency, Role, User
from rapfang.accounts.services import agency_save, membership_grant
from rapfang.consultations.models import Consultation, Milestone
from rapfang.consultations.services import consultation_create, consultation_update, milestone_remove, milestone_set
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency() -> Agency:
    return agency_save(actor=SYSTEM, slug="moi", name_th="กระทรวงมหาดไทย", name_en="Ministry of Interior")


@pytest.fixture
def organiser(agency) -> User:
    user = User.objects.create_user(username="somchai", password="x-long-password-1")
    membership_grant(actor=SYSTEM, user=user, agency=agency, role=Role.ORGANISER)
    return user


def test_an_organiser_creates_a_consultation_and_it_is_audited(agency, organiser):
    consultation = consultation_create(actor=organiser, agency=agency, slug="draft-act", title_th="ร่างพระราชบัญญัติ")
    entry = AuditEntry.objects.get(action="consultations.consultation.create")
    assert entry.actor == organiser
    assert entry.object_id == str(consultation.pk)


def test_someone_without_a_role_in_the_agency_is_refused(agency):
    outsider = User.objects.create_user(username="outsider", password="x-long-password-1")
    with pytest.raises(PermissionDenied):
        consultation_create(actor=outsider, agency=agency, slug="x", title_th="ร่าง")
    assert not Consultation.objects.exists()


def test_a_moderator_cannot_organise(agency):
    moderator = User.objects.create_user(username="mod", password="x-long-password-1")
    membership_grant(actor=SYSTEM, user=moderator, agency=agency, role=Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        consultation_create(actor=moderator, agency=agency, slug="x", title_th="ร่าง")


def test_invalid_input_changes_nothing(agency, organiser):
    consultation = consultation_create(actor=organiser, agency=agency, slug="ok", title_th="ร่าง")
    with pytest.raises(InvalidInput):
        consultation_update(actor=organiser, consultation=consultation, title_th="")
    consultation.refresh_from_db()
    assert consultation.title_th == "ร่าง"
    with pytest.raises(InvalidInput):
        consultation_update(actor=organiser, consultation=consultation, views=99999)
    with pytest.raises(InvalidInput):
        consultation_create(actor=organiser, agency=agency, slug="not a slug!", title_th="ร่าง")
    assert Consultation.objects.count() == 1


def test_milestones_refuse_naive_datetimes_and_backward_windows(agency, organiser):
    consultation = consultation_create(actor=organiser, agency=agency, slug="ok", title_th="ร่าง")
    with pytest.raises(ValueError, match="naive"):
        milestone_set(
            actor=organiser, consultation=consultation, kind="comments",
            starts_at=datetime(2016, 11, 18), ends_at=None,
        )  # fmt: skip
    with pytest.raises(InvalidInput):
        milestone_set(
            actor=organiser, consultation=consultation, kind="comments",
            starts_at=bkk(2016, 11, 23), ends_at=bkk(2016, 11, 18),
        )  # fmt: skip
    with pytest.raises(InvalidInput):
        milestone_set(actor=organiser, consultation=consultation, kind="party", starts_at=None, ends_at=None)
    assert not Milestone.objects.exists()


def test_setting_a_milestone_twice_replaces_it(agency, organiser):
    consultation = consultation_create(actor=organiser, agency=agency, slug="ok", title_th="ร่าง")
    for day in (20, 23):
        milestone_set(
            actor=organiser, consultation=consultation, kind="comments",
            starts_at=bkk(2016, 11, 18), ends_at=bkk(2016, 11, day, 23, 59, 59),
        )  # fmt: skip
    assert Milestone.objects.get().ends_at == bkk(2016, 11, 23, 23, 59, 59)
    assert AuditEntry.objects.filter(action="consultations.milestone.set").count() == 2


def test_removing_a_milestone_is_audited_and_only_for_organisers(agency, organiser):
    consultation = consultation_create(actor=organiser, agency=agency, slug="ok", title_th="ร่าง")
    milestone = milestone_set(
        actor=organiser, consultation=consultation, kind="hearing", starts_at=bkk(2016, 11, 18, 9, 30), ends_at=None
    )
    outsider = User.objects.create_user(username="outsider", password="x-long-password-1")
    with pytest.raises(PermissionDenied):
        milestone_remove(actor=outsider, milestone=milestone)
    milestone_remove(actor=organiser, milestone=milestone)
    assert not Milestone.objects.exists()
    assert AuditEntry.objects.filter(action="consultations.milestone.remove").count() == 1
