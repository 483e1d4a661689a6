"""Writes about consultations: one transaction and one audit entry each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rapfang.accounts.models import Agency
from rapfang.accounts.selectors import user_can_organise, user_is_administrator
from rapfang.consultations.models import CapabilityDomain, Consultation, Milestone, MilestoneKind
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.core.windows import require_aware

CONSULTATION_FIELDS = (
    "short_name", "page_title_th", "page_title_en", "title_th", "title_en", "summary_th", "summary_en",
    "rationale_th", "rationale_en", "followup_th", "followup_en", "page_date", "is_published", "is_archived",
    "is_demo", "thai_digits", "agency",
)  # fmt: skip
DOMAIN_FIELDS = ("name_th", "name_en", "description_th", "description_en", "keywords", "note", "order")


def _require_organiser(actor: Any, agency_id: int | None) -> None:
    """`actor` None is the system itself (the CLI, the demo loader, background jobs)."""
    if actor is not None and not user_can_organise(actor, agency_id):
        raise PermissionDenied()


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
    _require_organiser(actor, agency.pk)
    _check_fields(fields, CONSULTATION_FIELDS)
    consultation = Consultation(agency=agency, slug=slug, title_th=title_th, **fields)
    _validated(consultation)
    consultation.save()
    audit_log(actor=actor, action="consultations.consultation.create", target=consultation)
    return consultation


@transaction.atomic
def consultation_update(*, actor: Any, consultation: Consultation, **fields: Any) -> Consultation:
    _require_organiser(actor, consultation.agency_id)
    _check_fields(fields, CONSULTATION_FIELDS)
    if "agency" in fields and fields["agency"].pk != consultation.agency_id:
        _require_organiser(actor, fields["agency"].pk)
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
def consultation_domains_set(*, actor: Any, consultation: Consultation, keys: list[str]) -> None:
    _require_organiser(actor, consultation.agency_id)
    domains = list(CapabilityDomain.objects.filter(key__in=keys))
    missing = set(keys) - {domain.key for domain in domains}
    if missing:
        raise InvalidInput(code="unknown_domain", keys=sorted(missing))
    consultation.domains.set(domains)
    audit_log(
        actor=actor,
        action="consultations.consultation.domains_set",
        target=consultation,
        data={"keys": ",".join(keys)},
    )


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
    _require_organiser(actor, consultation.agency_id)
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
    _require_organiser(actor, consultation.agency_id)
    audit_log(actor=actor, action="consultations.milestone.remove", target=milestone)
    milestone.delete()
    consultation.save(update_fields=["updated_at"])


@transaction.atomic
def domain_save(*, actor: Any, key: str, **fields: Any) -> CapabilityDomain:
    """Create or update a capability domain. Administrators maintain the taxonomy."""
    if actor is not None and not user_is_administrator(actor):
        raise PermissionDenied()
    _check_fields(fields, DOMAIN_FIELDS)
    domain, created = CapabilityDomain.objects.update_or_create(key=key, defaults=fields)
    audit_log(actor=actor, action="consultations.domain." + ("create" if created else "update"), target=domain)
    return domain
