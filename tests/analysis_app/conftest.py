"""Fixtures for the stored analysis: the demo consultation with the labelled sample submitted as comments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from analysis.labelled_sample import load_sample
from clock import bkk
from factories import StaffFactory
from isolation import process_memory_forget, settings_for_tests
from rapfang.accounts.models import Role
from rapfang.comments.models import Comment, ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import Consultation
from rapfang.core.actors import PUBLIC, SYSTEM
from snapshot import Snapshot, snapshot_restore, snapshot_take

DURING = bkk(2016, 11, 20, 10, 0, 0)
STAKEHOLDERS = ("citizen", "private", "academic", "government", "civil_society")


def submit(consultation: Any, text: str, number: int = 0) -> Comment:
    """One comment through the comments app's service, as the public would send it (post-moderated: published)."""
    data = {"text": text, "anonymous": True, "stakeholder_type": STAKEHOLDERS[number % len(STAKEHOLDERS)],
            "consent": True}  # fmt: skip
    at = bkk(2016, 11, 18 + number % 6, 9, 0, 0)
    return comment_submit(actor=PUBLIC, consultation=consultation, data=data, now=at)


def _sample_submitted(consultation: Any) -> dict[str, int]:
    """The labelled sample submitted as comments on `consultation`, post-moderated: each sample id's comment."""
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    return {record["id"]: submit(consultation, record["text"], n).pk for n, record in enumerate(load_sample())}


@dataclass(frozen=True)
class SampleSnapshot:
    snapshot: Snapshot
    comments: dict[str, int]  # the sample's id: its comment's primary key


@pytest.fixture(scope="session")
def _sample_snapshot(_demo_snapshot, django_db_blocker, tmp_path_factory) -> SampleSnapshot:
    """The labelled sample submitted once in this test process on top of the demo's snapshot (tests/snapshot.py):
    216 comments through the service, each followed up, cost about 1.5 s; written back, a few milliseconds."""
    from django.conf import settings

    comments: dict[str, int] = {}

    def load() -> Consultation:
        consultation = Consultation.objects.get(pk=_demo_snapshot.consultation_pk)
        comments.update(_sample_submitted(consultation))
        return consultation

    with django_db_blocker.unblock():
        taken = snapshot_take(tmp_path_factory.mktemp("sample"), load, settings_for_tests(settings), on=_demo_snapshot)
    process_memory_forget()
    return SampleSnapshot(taken, comments)


@pytest.fixture(autouse=True)
def _sample_snapshot_first(request: pytest.FixtureRequest) -> None:
    """Taken before a test that asks for the sample makes rows of its own (see `_demo_snapshot_first`)."""
    if "sample_comments" in request.fixturenames:
        request.getfixturevalue("_sample_snapshot")


@pytest.fixture
def sample_comments(demo: Any, _sample_snapshot: SampleSnapshot, settings: Any) -> dict[str, Comment]:
    """The labelled sample's comments on the demo consultation, by the sample's ids: written back from this process's
    snapshot, as the demo is (or submitted here when the demo was loaded afresh, with files kept elsewhere)."""
    if demo.pk != _sample_snapshot.snapshot.consultation_pk:
        return {key: Comment.objects.get(pk=pk) for key, pk in _sample_submitted(demo).items()}
    with transaction.atomic():
        snapshot_restore(_sample_snapshot.snapshot, media=settings.MEDIA_ROOT, data=settings.DATA_DIR)
    stored = Comment.objects.in_bulk(_sample_snapshot.comments.values())
    return {key: stored[pk] for key, pk in _sample_snapshot.comments.items()}


@pytest.fixture
def organiser(demo: Any) -> Any:
    return StaffFactory(username="org-a", agency=demo.agency, role=Role.ORGANISER)


@pytest.fixture
def moderator(demo: Any) -> Any:
    return StaffFactory(username="mod-a", agency=demo.agency, role=Role.MODERATOR)


@pytest.fixture
def outsider(demo: Any) -> Any:
    return StaffFactory(username="out-a")
