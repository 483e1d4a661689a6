"""Comment fixtures: the demo draft's anchors, staff with each role, a valid submission, a real SMTP server."""

from __future__ import annotations

from typing import Any

import pytest
from comment_helpers import valid  # noqa: F401 (re-exported for tests)

from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.core.actors import SYSTEM
from rapfang.documents.selectors import version_get


@pytest.fixture
def paragraph(demo: Any) -> Any:
    """The first paragraph of the demo draft's current version."""
    return version_get(document=demo.documents.get(slug="draft")).paragraphs.select_related("section").first()


@pytest.fixture
def post_moderated(demo: Any) -> Any:
    comment_policy_set(actor=SYSTEM, consultation=demo, moderation=ModerationMode.POST)
    return demo


@pytest.fixture
def moderator(demo: Any) -> Any:
    return StaffFactory(username="mod1", agency=demo.agency, role=Role.MODERATOR)


@pytest.fixture
def organiser(demo: Any) -> Any:
    return StaffFactory(username="org1", agency=demo.agency, role=Role.ORGANISER)


@pytest.fixture
def outsider(demo: Any) -> Any:
    return StaffFactory(username="out1")
