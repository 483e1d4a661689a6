"""Writes about consultations: one transaction and one audit entry each."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, AgencyContact
from rapfang.accounts.permissions import Perm, require
from rapfang.consultations import addresses
from rapfang.consultations.models import Consultation, Milestone, MilestoneKind, Topic
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.windows import BANGKOK, Window, require_aware

CONSULTATION_FIELDS = (
    "short_name", "page_title_th", "page_title_en", "title_th", "title_en", "summary_th", "summary_en",
    "rationale_th", "rationale_en", "followup_th", "followup_en", "page_date", "is_published", "is_archived",
    "is_demo", "thai_digits", "agency", "instrument", "open_data_licence",
)  # fmt: skip
RESULTS_OUT = _(
    "The results of this consultation are published (the timeline's results step has started), so its comment "
    "period cannot end after they were published. To take more comments, start a new consultation."
)
SHORTENED_WITHOUT_REASON = _(
    "The comment period was announced to end later. People may plan to comment until then: please give the "
    "reason for ending it earlier. The reason is kept in the activity log."
)
TOPIC_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
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
def consultation_create(
    *,
    actor: Any,
    agency: Agency,
    title_th: str,
    slug: str = "",
    contacts: Iterable[AgencyContact] | None = None,
    **fields: Any,
) -> Consultation:
    """A new, unpublished consultation; without a `slug`, its address is made from its titles."""
    require(actor, Perm.ORGANISE, agency.pk)
    _check_fields(fields, CONSULTATION_FIELDS)
    consultation = Consultation(agency=agency, title_th=title_th, **fields)
    consultation.slug = consultation_address(slug=slug, consultation=consultation)
    _validated(consultation)
    consultation.save()
    if contacts is not None:
        _contacts_set(consultation, contacts)
    audit_log(actor=actor, action="consultations.consultation.create", target=consultation)
    return consultation


@transaction.atomic
def consultation_update(
    *, actor: Any, consultation: Consultation, contacts: Iterable[AgencyContact] | None = None, **fields: Any
) -> Consultation:
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _check_fields(fields, (*CONSULTATION_FIELDS, "slug"))
    if "agency" in fields and fields["agency"].pk != consultation.agency_id:
        require(actor, Perm.ORGANISE, fields["agency"].pk)
    if "slug" in fields and fields["slug"] != consultation.slug:
        fields["slug"] = _new_address(consultation, fields["slug"])
    changed = sorted(name for name, value in fields.items() if getattr(consultation, name) != value)
    for name, value in fields.items():
        setattr(consultation, name, value)
    _validated(consultation)
    consultation.save()
    if contacts is not None and _contacts_set(consultation, contacts):
        changed.append("contacts")
    audit_log(
        actor=actor,
        action="consultations.consultation.update",
        target=consultation,
        data={"fields": ",".join(changed)},
    )
    return consultation


def consultation_address(*, slug: str, consultation: Consultation) -> str:
    """The address to give `consultation`: `slug` as typed if it is valid and free, else a refusal that suggests one;
    made from the titles when `slug` is empty (``-2``, ``-3`` … when taken)."""
    slug = (slug or "").strip()
    taken = _taken_by_another(consultation)
    if not slug:
        base = addresses.slug_from_titles(consultation.title_en, consultation.title_th)
        year = timezone.now().astimezone(BANGKOK).year
        return addresses.first_free(base, taken) if base else addresses.plain(year, taken)
    if not addresses.is_valid(slug):
        made = addresses.suggestion(slug) or addresses.slug_from_titles(consultation.title_en, consultation.title_th)
        free = addresses.first_free(made, taken) if made else ""
        raise _slug_refused(_invalid_slug_message(free), free, code="invalid_slug")
    if taken(slug):
        free = addresses.first_free(slug, taken)
        message = _("The address %(slug)s is already in use. %(free)s is free: it has been filled in for you.")
        raise _slug_refused(message % {"slug": slug, "free": free}, free, code="slug_taken")
    return slug


def _new_address(consultation: Consultation, slug: str) -> str:
    if consultation.is_published:
        message = _("The address of a published consultation cannot change: links to it would stop working.")
        raise Conflict(message, code="published_slug", errors={"slug": [str(message)]})
    return consultation_address(slug=slug, consultation=consultation)


def _taken_by_another(consultation: Consultation) -> Any:
    others = Consultation.objects.exclude(pk=consultation.pk) if consultation.pk else Consultation.objects.all()
    return lambda slug: others.filter(slug=slug).exists()


def _invalid_slug_message(free: str) -> str:
    rule = _("An address may hold only lower-case Latin letters (a-z), digits and single hyphens between them.")
    if not free:
        return str(rule)
    return f"{rule} " + str(_("We suggest %(free)s: it has been filled in for you.") % {"free": free})


def _slug_refused(message: Any, suggestion: str, *, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, errors={"slug": [str(message)]}, suggestion=suggestion)


def _contacts_set(consultation: Consultation, contacts: Iterable[AgencyContact]) -> bool:
    """Give the consultation these contact persons of its agency; whether that changed anything."""
    chosen = list(contacts)
    if any(contact.agency_id != consultation.agency_id for contact in chosen):
        message = _("Choose contact persons of the consultation's own agency.")
        raise InvalidInput(message, code="foreign_contact", errors={"contacts": [str(message)]})
    before = set(consultation.contacts.values_list("pk", flat=True))
    consultation.contacts.set(chosen)
    return before != {contact.pk for contact in chosen}


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
    reason: str = "",
    **fields: Any,
) -> Milestone:
    """Set (create or replace) the consultation's timeline step of `kind`.

    The comment period of a published consultation is announced: made to end earlier than announced (while it has
    not ended) it needs a `reason`, kept in the audit log; and once the results step has started (the results are
    published) the period cannot end after that start, so that it is never open again beside its results."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    if kind not in MilestoneKind.values:
        raise InvalidInput(code="unknown_milestone")
    for moment in (starts_at, ends_at):
        if moment is not None:
            require_aware(moment)
    if starts_at and ends_at and ends_at < starts_at:
        raise _ends_before_start()
    previous = Milestone.objects.filter(consultation=consultation, kind=kind).first()
    if kind == MilestoneKind.COMMENTS:
        _comment_period_change_checked(consultation, previous, ends_at, reason.strip(), timezone.now())
    milestone, _created = Milestone.objects.update_or_create(
        consultation=consultation, kind=kind, defaults={"starts_at": starts_at, "ends_at": ends_at, **fields}
    )
    consultation.save(update_fields=["updated_at"])
    data: dict[str, Any] = {"starts_at": starts_at, "ends_at": ends_at}
    if previous is not None and (previous.starts_at, previous.ends_at) != (starts_at, ends_at):
        data |= {"was_starts_at": previous.starts_at, "was_ends_at": previous.ends_at}
    if reason.strip():
        data["reason"] = reason.strip()[:500]
    audit_log(actor=actor, action="consultations.milestone.set", target=milestone, data=data)
    return milestone


def _comment_period_change_checked(
    consultation: Consultation, previous: Milestone | None, ends_at: datetime | None, reason: str, now: datetime
) -> None:
    results_from = (
        Milestone.objects.filter(consultation=consultation, kind=MilestoneKind.RESULTS, starts_at__lte=now)
        .values_list("starts_at", flat=True)
        .first()
    )
    if results_from is not None and (ends_at is None or ends_at > results_from):
        raise Conflict(RESULTS_OUT, code="results_published")
    announced = previous.ends_at if previous is not None else None
    shortened = announced is not None and announced > now and ends_at is not None and ends_at < announced
    if consultation.is_published and shortened and not reason:
        raise InvalidInput(code="reason_required", errors={"reason": [str(SHORTENED_WITHOUT_REASON)]})


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
def topic_add(*, actor: Any, consultation: Consultation, key: str = "", **fields: Any) -> Topic:
    """A new topic, last in the order. Without a `key`, one is made from its name (``-2`` … when taken); a key the
    consultation already has is refused, never overwritten."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _check_fields(fields, TOPIC_FIELDS)
    have = set(consultation.topics.values_list("key", flat=True))
    key = (key or "").strip() or _topic_key(fields, have)
    if not TOPIC_KEY.fullmatch(key):
        free = addresses.first_free(addresses.suggestion(key) or "topic", have.__contains__)
        message = _("A key may hold only lower-case Latin letters (a-z), digits, hyphens and underscores. "
                    "We suggest %(free)s: it has been filled in for you.") % {"free": free}  # fmt: skip
        raise InvalidInput(message, code="invalid_key", errors={"key": [str(message)]}, suggestion=free)
    if key in have:
        free = addresses.first_free(key, have.__contains__)
        message = _("This consultation already has a topic with the key %(key)s. %(free)s is free: it has been "
                    "filled in for you.") % {"key": key, "free": free}  # fmt: skip
        raise InvalidInput(message, code="key_taken", errors={"key": [str(message)]}, suggestion=free)
    order = max(consultation.topics.values_list("order", flat=True), default=-1) + 1
    topic = Topic(consultation=consultation, key=key, **{"order": order, **fields})
    _validated(topic, exclude=["consultation"])
    topic.save()
    audit_log(actor=actor, action="consultations.topic.create", target=topic)
    return topic


def _topic_key(fields: dict[str, Any], have: set[str]) -> str:
    base = addresses.slug_from_titles(fields.get("name_en", ""), fields.get("name_th", ""))[:50].strip("-")
    return addresses.first_free(base or "topic", have.__contains__)


@transaction.atomic
def topic_delete(*, actor: Any, topic: Topic) -> None:
    """Remove a topic: comments, issues and paragraphs sorted into it keep their place, without this topic."""
    require(actor, Perm.ORGANISE, topic.consultation.agency_id)
    audit_log(actor=actor, action="consultations.topic.delete", target=topic)
    topic.delete()


@transaction.atomic
def topics_copy(*, actor: Any, source: Consultation, target: Consultation) -> list[Topic]:
    """Give `target` the topics of `source` (published, or of the actor's agency) that it does not have yet (by key),
    in their order, after its own."""
    require(actor, Perm.ORGANISE, target.agency_id)
    if not source.is_published:
        require(actor, Perm.VIEW, source.agency_id)
    copied = _topics_copied(source, target)
    audit_log(actor=actor, action="consultations.topic.copy", target=target,
              data={"source": source.slug, "count": len(copied)})  # fmt: skip
    return copied


def _topics_copied(source: Consultation, target: Consultation) -> list[Topic]:
    have = set(target.topics.values_list("key", flat=True))
    start = max(target.topics.values_list("order", flat=True), default=-1) + 1
    kept = [topic for topic in source.topics.order_by("order", "key") if topic.key not in have]
    return [
        Topic.objects.create(
            consultation=target,
            key=topic.key,
            **{name: getattr(topic, name) for name in TOPIC_FIELDS if name != "order"},
            order=start + index,
        )
        for index, topic in enumerate(kept)
    ]


@transaction.atomic
def topics_reorder(*, actor: Any, consultation: Consultation, keys: list[str]) -> list[Topic]:
    """Put the consultation's topics in the order of `keys` (every key once)."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    topics = {topic.key: topic for topic in consultation.topics.all()}
    if sorted(keys) != sorted(topics):
        raise Conflict(_("The list of topics has changed meanwhile: look at it again."), code="topics_changed")
    for order, key in enumerate(keys):
        topics[key].order = order
    Topic.objects.bulk_update(topics.values(), ["order"])
    audit_log(actor=actor, action="consultations.topic.reorder", target=consultation, data={"keys": ",".join(keys)})
    return [topics[key] for key in keys]


def _ends_before_start() -> InvalidInput:
    message = _("The end is before the start: give an end at or after the start.")
    return InvalidInput(message, code="ends_before_start", errors={"ends_at": [str(message)]})


# What a copy takes over from the consultation it is made from (besides contacts, topics and timeline steps).
COPIED_FIELDS = ("summary_th", "summary_en", "rationale_en", "rationale_th", "instrument", "thai_digits")


@transaction.atomic
def consultation_copy(
    *,
    actor: Any,
    source: Consultation,
    title_th: str,
    title_en: str = "",
    slug: str = "",
    comments_starts_at: datetime | None = None,
    comments_ends_at: datetime | None = None,
) -> Consultation:
    """A new, unpublished consultation of the same agency made from `source`: its texts, kind of instrument, contact
    persons, topics and timeline steps. The steps come without dates, or, given a new comment period, each moved by
    as much as the comment period moves. Never the drafts, comments, registrations or results."""
    require(actor, Perm.ORGANISE, source.agency_id)
    shift = _shift(source, comments_starts_at, comments_ends_at)
    fields = {name: getattr(source, name) for name in COPIED_FIELDS}
    copy = Consultation(agency=source.agency, title_th=title_th, title_en=title_en, **fields)
    copy.slug = consultation_address(slug=slug, consultation=copy)
    _validated(copy)
    copy.save()
    copy.contacts.set(source.contacts.filter(agency_id=source.agency_id))
    topics = _topics_copied(source, copy)
    steps = _steps_copied(source, copy, shift, Window(comments_starts_at, comments_ends_at))
    dates = "shifted" if shift is not None else "comment period" if comments_starts_at else "none"
    audit_log(actor=actor, action="consultations.consultation.copy", target=copy,
              data={"source": source.slug, "source_id": source.pk, "topics": len(topics), "steps": steps,
                    "dates": dates})  # fmt: skip
    return copy


def _shift(source: Consultation, starts_at: datetime | None, ends_at: datetime | None) -> timedelta | None:
    """How far the other steps move: from the source's comment period's start to the new one's (None: no dates)."""
    if starts_at is None and ends_at is None:
        return None
    if starts_at is None or ends_at is None:
        message = _("Give both the start and the end of the new comment period, or neither.")
        raise InvalidInput(message, code="period_incomplete", errors={"comments_ends_at": [str(message)]})
    if ends_at < starts_at:
        raise _ends_before_start()
    period = source.milestones.filter(kind=MilestoneKind.COMMENTS).first()
    return require_aware(starts_at) - period.starts_at if period and period.starts_at else None


def _steps_copied(source: Consultation, copy: Consultation, shift: timedelta | None, period: Window) -> int:
    steps = {step.kind: step for step in source.milestones.all()}
    if period.opens_at and MilestoneKind.COMMENTS not in steps:
        steps[MilestoneKind.COMMENTS] = Milestone(kind=MilestoneKind.COMMENTS)
    for kind, step in steps.items():
        starts_at, ends_at = _moved(step, shift, period)
        Milestone.objects.create(
            consultation=copy, kind=kind, starts_at=starts_at, ends_at=ends_at, all_day=step.all_day,
            month_precision=step.month_precision, note_th=step.note_th, note_en=step.note_en,
        )  # fmt: skip
    return len(steps)


def _moved(step: Milestone, shift: timedelta | None, period: Window) -> tuple[datetime | None, datetime | None]:
    if step.kind == MilestoneKind.COMMENTS and period.opens_at:
        return period.opens_at, period.closes_at
    if shift is None:
        return None, None
    return (step.starts_at + shift if step.starts_at else None, step.ends_at + shift if step.ends_at else None)
