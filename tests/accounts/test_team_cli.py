"""`rapfang role` and `rapfang invite`: the command line gives roles through the same services as the pages."""

from __future__ import annotations

import pytest

from rapfang import cli
from rapfang.accounts.models import Invitation, Membership, Role, User
from rapfang.accounts.services import agency_save
from rapfang.core.actors import SYSTEM
from rapfang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return agency_save(actor=SYSTEM, slug="dol", name_th="กรมที่ดิน")


def test_a_role_granted_on_the_command_line_lets_the_person_log_in(agency, client, capsys):
    User.objects.create_user(username="kanda", password="x-long-password-1")
    assert cli.main(["role", "grant", "kanda", "--agency", "dol", "--role", "organiser"]) == 0
    assert "Granted: kanda · organiser · dol" in capsys.readouterr().out
    assert User.objects.get(username="kanda").is_staff
    assert AuditEntry.objects.filter(action="accounts.membership.grant", actor_kind="system").exists()
    assert client.post("/admin/login/", {"username": "kanda", "password": "x-long-password-1"}).status_code == 302


def test_revoking_every_role_and_plain_errors(agency, capsys):
    user = User.objects.create_user(username="kanda", password="x-long-password-1")
    Membership.objects.create(user=user, agency=agency, role=Role.MODERATOR)
    assert cli.main(["role", "revoke", "kanda", "--agency", "dol"]) == 0
    assert not Membership.objects.filter(user=user).exists()
    assert cli.main(["role", "grant", "nobody", "--agency", "dol", "--role", "organiser"]) == 2
    assert cli.main(["role", "revoke", "kanda", "--agency", "dol"]) == 2
    assert "บุคคลนี้ไม่มีบทบาทในหน่วยงาน" in capsys.readouterr().err  # the site's language: Thai


def test_an_invitation_from_the_command_line(agency, capsys):
    assert cli.main(["invite", "Kanda@Example.go.th", "--agency", "dol", "--role", "moderator"]) == 0
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == ("kanda@example.go.th", "moderator", None)
    assert cli.main(["invite", "not-an-address", "--agency", "dol", "--role", "moderator"]) == 2
    assert "ไปรษณีย์อิเล็กทรอนิกส์ให้ถูกต้อง" in capsys.readouterr().err
    assert cli.main(["invite", "a@example.go.th", "--agency", "nowhere", "--role", "moderator"]) == 2
