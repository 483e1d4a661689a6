"""Roles in the workspace: changed and removed by organisers; the last organiser stays; removal ends access at once."""

from __future__ import annotations

import pytest
from django.test import Client

from rapfang.accounts.models import Membership, Role
from rapfang.accounts.services import membership_grant, membership_revoke
from rapfang.core.errors import Conflict
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def roles(user, agency):
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def test_an_organiser_makes_a_moderator_an_organiser(client, organiser, moderator, agency):
    client.force_login(organiser)
    response = client.post(f"/staff/agencies/dol/team/{moderator.pk}/role/", {"role": "organiser"})
    assert response.status_code == 302 and response["Location"] == "/staff/agencies/dol/#team"
    assert roles(moderator, agency) == {"organiser"}
    entry = AuditEntry.objects.get(action="accounts.membership.change")
    assert (
        entry.actor == organiser
        and entry.agency_id == agency.pk
        and entry.data == {"from": "moderator", "to": "organiser"}
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_last_organiser_cannot_step_down_or_leave(client, organiser, moderator, agency, prefix):
    client.force_login(organiser)
    demoted = client.post(f"{prefix}/staff/agencies/dol/team/{organiser.pk}/role/", {"role": "moderator"})
    removed = client.post(f"{prefix}/staff/agencies/dol/team/{organiser.pk}/remove/")
    message = "at least one organiser" if prefix else "ต้องมีผู้จัดการรับฟังความคิดเห็นอย่างน้อยหนึ่งคน"
    assert demoted.status_code == 422 and message in demoted.content.decode()
    assert f'aria-describedby="role-{organiser.pk}-errors"' in demoted.content.decode()
    assert removed.status_code == 422 and message in removed.content.decode()
    assert roles(organiser, agency) == {"organiser"}
    assert not AuditEntry.objects.filter(action__in=["accounts.membership.change", "accounts.membership.revoke"])


def test_with_a_second_organiser_the_first_may_leave(client, organiser, moderator, agency):
    membership_grant(actor=organiser, user=moderator, agency=agency, role=Role.ORGANISER)
    client.force_login(organiser)
    assert client.get(f"/staff/agencies/dol/team/{organiser.pk}/remove/").status_code == 200
    assert client.post(f"/staff/agencies/dol/team/{organiser.pk}/remove/").status_code == 302
    assert roles(organiser, agency) == set()


def test_an_administrator_may_remove_the_last_organiser(administrator, organiser, agency):
    with pytest.raises(Conflict):  # an organiser may not: the rule holds for them
        membership_revoke(actor=organiser, agency=agency, user=organiser)
    membership_revoke(actor=administrator, agency=agency, user=organiser)
    assert roles(organiser, agency) == set()


def test_removing_a_role_ends_access_at_once(client, organiser, moderator, agency):
    browser = Client()
    browser.force_login(moderator)
    assert browser.get("/staff/agencies/dol/").status_code == 200
    client.force_login(organiser)
    assert client.post(f"/staff/agencies/dol/team/{moderator.pk}/remove/").status_code == 302
    assert browser.get("/staff/agencies/dol/").status_code == 404  # the same session, the very next request
    assert "ยังไม่มีบทบาท" in browser.get("/staff/").content.decode()
    moderator.refresh_from_db()
    assert not moderator.is_staff  # no role left anywhere: the admin's door closes too
    entry = AuditEntry.objects.get(action="accounts.membership.revoke")
    assert entry.agency_id == agency.pk and entry.data == {"user": "malee", "roles": "moderator"}


def test_a_moderator_cannot_change_roles(client, organiser, moderator, agency):
    client.force_login(moderator)
    assert client.post(f"/staff/agencies/dol/team/{organiser.pk}/role/", {"role": "moderator"}).status_code == 404
    assert client.post(f"/staff/agencies/dol/team/{organiser.pk}/remove/").status_code == 404
    assert roles(organiser, agency) == {"organiser"}


def test_a_person_outside_the_team_cannot_be_changed_through_our_pages(client, organiser, outsider, agency):
    client.force_login(organiser)
    assert client.post(f"/staff/agencies/dol/team/{outsider.pk}/role/", {"role": "moderator"}).status_code == 404
    assert client.post(f"/staff/agencies/dol/team/{outsider.pk}/remove/").status_code == 404
    assert client.post(f"/staff/agencies/doh/team/{outsider.pk}/remove/").status_code == 404
    assert Membership.objects.filter(user=outsider, role="organiser").exists()


def test_a_role_not_offered_is_refused_beside_the_person(client, organiser, moderator, agency):
    client.force_login(organiser)
    response = client.post(f"/staff/agencies/dol/team/{moderator.pk}/role/", {"role": "administrator"})
    assert response.status_code == 422 and "กรุณาเลือกบทบาท" in response.content.decode()
    assert roles(moderator, agency) == {"moderator"}


def test_the_team_list_shows_name_email_role_and_last_login(client, organiser, moderator, agency):
    moderator.first_name, moderator.last_name = "มาลี", "ใจงาม"
    moderator.save()
    client.force_login(organiser)
    page = client.get("/staff/agencies/dol/").content.decode()
    assert "มาลี ใจงาม" in page and "malee@example.go.th" in page and "ผู้ดูแลความคิดเห็น" in page
    assert "ยังไม่เคย" in page  # malee has never logged in; somchai (force_login) has


def test_the_agency_page_reads_the_team_in_a_fixed_number_of_queries(client, organiser, agency, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rapfang.accounts.invitations import invitation_create

    client.force_login(organiser)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/staff/agencies/dol/").status_code == 200
        return len(captured)

    few = queries()
    for n in range(10):
        user = django_user_model.objects.create_user(username=f"staff{n}", email=f"staff{n}@example.go.th")
        membership_grant(actor=organiser, user=user, agency=agency, role=Role.MODERATOR)
        invitation_create(actor=organiser, agency=agency, email=f"new{n}@example.go.th", role=Role.MODERATOR)
    assert queries() == few
