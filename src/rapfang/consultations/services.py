"""Writes about consultations: one transaction and one audit entry each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency
from rapfang.accounts.permissions import Perm, require
from rapfang.consultations.models import Consultation, Milestone, MilestoneKind, Topic
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.windows import require_aware

CONSULTATION_FIELDS = (
    "short_name", "page_title_th", "page_title_en", "title_th", "title_en", "summary_th", "summary_en",
    "rationale_th", "rationale_en", "followup_th", "followup_en", "page_date", "is_published", "is_archived",
    "is_demo", "thai_digits", "agency", "instrument",
)  # fmt: skip
TOPIC_FIELDS = ("name_th", "name_en", "description_th", "description_en", "keywords", "note", "order")


def _check_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))


def _validated(instance: Any, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise InvalidInput(code="invalid", errors=error.message_dict) from error


@transaction.atomic
def consultation_create(*, actor: Any, agency: Agency, slug: str, title_th: str, **fields: Any) -> Consultation:
    require(actor, Perm.ORGANISE, agency.pk)
    _check_fields(fields, CONSULTATION_FIELDS)
    consultation = Consultation(agency=agency, slug=slug, title_th=title_th, **fields)
    _validated(consultation)
    consultation.save()
    audit_log(actor=actor, action="consultations.consultation.create", target=consultation)
    return consultation


@transaction.atomic
def consultation_update(*, actor: Any, consultation: Consultation, **fields: Any) -> Consultation:
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _check_fields(fields, CONSULTATION_FIELDS)
    if "agency" in fields and fields["agency"].pk != consultation.agency_id:
        require(actor, Perm.ORGANISE, fields["agency"].pk)
    changed = sorted(name for name, value in fields.items() if getattr(consultation, name) != value)
    for name, value in fields.items():
        setattr(consultation, name, value)
    _validated(consultation)
    consultation.save()
    audit_log(
        actor=actor,
        action="consultations.consultation.update",
        target=consultation,
        data={"fields": ",".join(changed)},
    )
    return consultation


@transaction.atomic
def consultation_delete(*, actor: Any, consultation: Consultation) -> None:
    """Delete a consultation set up by mistake: never published, with no comments, registrations or reports.

    A consultation the public has seen stays on record; archive it instead. Its attachments' files go too.
    """
    require(actor, Perm.ORGANISE, consultation.agency_id)
    used = (
        consultation.comments.exists()
        or consultation.events.filter(registrations__isnull=False).exists()
        or consultation.reports.exists()
    )
    if consultation.is_published or used:
        raise Conflict(
            _("A consultation that was published or has comments, registrations or reports cannot be deleted. "
              "Archive it instead."),
            code="consultation_in_use",
        )  # fmt: skip
    files = [(a.file.storage, a.file.name) for a in consultation.attachments.all() if a.file]
    audit_log(actor=actor, action="consultations.consultation.delete", target=consultation)
    consultation.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


@transaction.atomic
def milestone_set(
    *,
    actor: Any,
    consultation: Consultation,
    kind: str,
    starts_at: datetime | None,
    ends_at: datetime | None,
    **fields: Any,
) -> Milestone:
    """Set (create or replace) the consultation's timeline step of `kind`."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    if kind not in MilestoneKind.values:
        raise InvalidInput(code="unknown_milestone")
    for moment in (starts_at, ends_at):
        if moment is not None:
            require_aware(moment)
    if starts_at and ends_at and ends_at < starts_at:
        raise InvalidInput(code="ends_before_start")
    milestone, _created = Milestone.objects.update_or_create(
        consultation=consultation, kind=kind, defaults={"starts_at": starts_at, "ends_at": ends_at, **fields}
    )
    consultation.save(update_fields=["updated_at"])
    audit_log(
        actor=actor,
        action="consultations.milestone.set",
        target=milestone,
        data={"starts_at": starts_at, "ends_at": ends_at},
    )
    return milestone


@transaction.atomic
def milestone_remove(*, actor: Any, milestone: Milestone) -> None:
    consultation = milestone.consultation
    require(actor, Perm.ORGANISE, consultation.agency_id)
    audit_log(actor=actor, action="consultations.milestone.remove", target=milestone)
    milestone.delete()
    consultation.save(update_fields=["updated_at"])


@transaction.atomic
def topic_save(*, actor: Any, consultation: Consultation, key: str, **fields: Any) -> Topic:
    """Create the consultation's topic `key`, or update it with `fields`."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _check_fields(fields, TOPIC_FIELDS)
    topic = Topic.objects.filter(consultation=consultation, key=key).first()
    created = topic is None
    topic = topic or Topic(consultation=consultation, key=key)
    for name, value in fields.items():
        setattr(topic, name, value)
    _validated(topic, exclude=["consultation"])
    topic.save()
    audit_log(actor=actor, action="consultations.topic." + ("create" if created else "update"), target=topic)
    return topic


@transaction.atomic
def topic_delete(*, actor: Any, topic: Topic) -> None:
    """Remove a topic: comments, issues and paragraphs sorted into it keep their place, without this topic."""
    require(actor, Perm.ORGANISE, topic.consultation.agency_id)
    audit_log(actor=actor, action="consultations.topic.delete", target=topic)
    topic.delete()


@transaction.atomic
def topics_copy(*, actor: Any, source: Consultation, target: Consultation) -> list[Topic]:
    """Give `target` the topics of `source` that it does not have yet (by key), in their order."""
    require(actor, Perm.ORGANISE, target.agency_id)
    have = set(target.topics.values_list("key", flat=True))
    copied = [
        Topic.objects.create(
            consultation=target, key=topic.key, **{name: getattr(topic, name) for name in TOPIC_FIELDS}
        )
        for topic in source.topics.order_by("order", "key")
        if topic.key not in have
    ]
    audit_log(actor=actor, action="consultations.topic.copy", target=target,
              data={"source": source.slug, "count": len(copied)})  # fmt: skip
    return copied
