"""The staff home: each staff member sees their agency's consultations, figures and what needs attention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rapfang.consultations.services import consultation_create, milestone_set
from rapfang.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


def test_an_organiser_sees_their_consultation_and_not_another_agencys(client, organiser, consultation, other_agency):
    consultation_create(actor=SYSTEM, agency=other_agency, slug="hidden", title_th="ร่างประกาศของหน่วยงานอื่น")
    client.force_login(organiser)
    page = client.get("/staff/").content.decode()
    assert consultation.title_th in page
    assert "ร่างประกาศของหน่วยงานอื่น" not in page


def test_a_short_comment_period_and_a_close_within_three_days_need_attention(client, organiser, consultation):
    now = timezone.now()
    milestone_set(actor=organiser, consultation=consultation, kind="comments",
                  starts_at=now - timedelta(days=10), ends_at=now + timedelta(days=2))  # fmt: skip
    client.force_login(organiser)
    page = client.get("/staff/")
    kinds = {item.kind for block in page.context["blocks"] for row in block.rows for item in row.attention}
    assert {"short_period", "closing"} <= kinds


def test_a_person_without_a_role_is_told_so(client, db, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x-long-password-1", is_staff=True)
    client.force_login(user)
    assert "ยังไม่มีบทบาท" in client.get("/staff/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
