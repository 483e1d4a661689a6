"""Fixtures for the stored analysis: the demo consultation with the labelled sample submitted as comments."""

from __future__ import annotations

from typing import Any

import pytest

from analysis.labelled_sample import load_sample
from clock import bkk
from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.comments.models import Comment, ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM

DURING = bkk(2016, 11, 20, 10, 0, 0)
STAKEHOLDERS = ("citizen", "private", "academic", "government", "civil_society")


def submit(consultation: Any, text: str, number: int = 0) -> Comment:
    """One comment through the comments app's service, as the public would send it (post-moderated: published)."""
    data = {"text": text, "anonymous": True, "stakeholder_type": STAKEHOLDERS[number % len(STAKEHOLDERS)],
            "consent": True}  # fmt: skip
    at = bkk(2016, 11, 18 + number % 6, 9, 0, 0)
    return comment_submit(actor=PUBLIC, consultation=consultation, data=data, now=at)


@pytest.fixture
def sample_comments(demo: Any) -> dict[str, Comment]:
    """The labelled sample's comments on the demo consultation, by the sample's ids."""
    comment_policy_set(actor=SYSTEM, consultation=demo, moderation=ModerationMode.POST)
    return {record["id"]: submit(demo, record["text"], n) for n, record in enumerate(load_sample())}


@pytest.fixture
def organiser(demo: Any) -> Any:
    return StaffFactory(username="org-a", agency=demo.agency, role=Role.ORGANISER)


@pytest.fixture
def moderator(demo: Any) -> Any:
    return StaffFactory(username="mod-a", agency=demo.agency, role=Role.MODERATOR)


@pytest.fixture
def outsider(demo: Any) -> Any:
    return StaffFactory(username="out-a")
