"""Bulk import of filled reply forms: every row under the same rules, all rows or none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.accounts.permissions import Perm, require
from rapfang.core.audit import audit_log
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.thai import ThaiDateError, parse_datetime
from rapfang.hearings.models import Channel, Registration
from rapfang.hearings.services.registrations import _event, _notify, registration_create
from rapfang.hearings.tabular import consent_given


@dataclass(frozen=True)
class RowProblem:
    line: int  # the row's line in the file, the header being line 1
    messages: list[str]


class ImportRefused(InvalidInput):
    code = "import_refused"


def _row_data(record: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {key: value for key, value in record.items() if key != "consent"}
    data["consent"] = consent_given(record.get("consent", ""))
    return data


def _received_at(record: dict[str, str], now: datetime) -> datetime:
    text = record.get("received_at", "").strip()
    if not text:
        return now
    try:
        return parse_datetime(text)
    except ThaiDateError as error:
        raise InvalidInput(code="invalid", errors={"received_at": [_("Not a date and time: %s") % text]}) from error


def _messages(error: DomainError) -> list[str]:
    errors = error.params.get("errors") if isinstance(error, InvalidInput) else None
    if errors:
        return [f"{field}: {message}" for field, messages in errors.items() for message in messages]
    return [str(error.message)]


@transaction.atomic
def registrations_import(
    *, actor: Any, event_id: int, records: list[dict[str, str]], channel: str, now: datetime | None = None
) -> list[Registration]:
    """Register every row, or, if any row is refused, none: raises ImportRefused with a report per row."""
    now = now or timezone.now()
    event = _event(event_id)
    require(actor, Perm.ORGANISE, event.consultation.agency_id)
    if channel not in (Channel.EMAIL, Channel.FAX, Channel.PAPER, Channel.PHONE):
        raise InvalidInput(code="invalid_channel")
    if not records:
        raise ImportRefused(_("The file has no rows to import."), rows=[])
    created, problems = [], []
    for line, record in enumerate(records, start=2):
        try:
            created.append(
                registration_create(
                    actor=actor,
                    event_id=event.pk,
                    data=_row_data(record),
                    channel=channel,
                    received_at=_received_at(record, now),
                    now=now,
                    notify=False,
                )
            )
        except DomainError as error:
            problems.append(RowProblem(line, _messages(error)))
    if problems:
        raise ImportRefused(
            _("Nothing was imported: correct the rows listed and import the file again."), rows=problems
        )
    for registration in created:
        _notify(registration, "confirmation", now)
    audit_log(actor=actor, action="hearings.registration.import", target=event, data={"rows": len(created)})
    return created
