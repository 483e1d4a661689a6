"""Reads of the activity log: an agency's (or one consultation's) audit entries, newest first, told in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet, TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from rapfang.accounts.models import Agency, Role, User
from rapfang.comments.models import CommentChannel, CommentStatus, ModerationMode, ModerationReason
from rapfang.consultations.models import Consultation
from rapfang.core import thai
from rapfang.core.i18n import current_language, localized
from rapfang.core.models import AuditEntry
from rapfang.documents.models import SourceFormat
from rapfang.hearings.models import Channel, Status
from rapfang.reports.models import Decision
from rapfang.workspace.activity.names import object_name, object_names, person_name
from rapfang.workspace.activity.sentences import KINDS, sentence_for

PAGE_SIZE = 50
ACTOR_KINDS = ("system", "public", "registrant")
NUMBER_KEYS = ("count", "items", "questions", "rows", "comments", "added", "number")
LABELS: dict[tuple[str, str], Any] = {
    ("accounts", "role"): Role, ("comments", "channel"): CommentChannel, ("comments", "status"): CommentStatus,
    ("comments", "moderation"): ModerationMode, ("hearings", "channel"): Channel, ("hearings", "status"): Status,
    ("reports", "decision"): Decision, ("documents", "format"): SourceFormat,
    ("questionnaires", "channel"): CommentChannel, ("questionnaires", "status"): CommentStatus,
}  # fmt: skip


@dataclass(frozen=True)
class ActivityFilters:
    consultation: int | None = None
    person: str = ""  # "user:<id>", or a kind of actor: "system", "public", "registrant"
    kind: str = ""  # a key of sentences.KINDS


@dataclass(frozen=True)
class ActivityLine:
    at: datetime
    text: str
    consultation: str  # the consultation's title, on an agency's log


@dataclass(frozen=True)
class ActivityDay:
    day: date
    lines: list[ActivityLine]


def activity_entries(
    *, agency: Agency | None = None, consultation: Consultation | None = None, filters: ActivityFilters | None = None
) -> QuerySet[AuditEntry]:
    """The entries of one consultation, or of an agency and all its consultations, filtered."""
    if consultation is not None:
        entries = AuditEntry.objects.filter(consultation_id=consultation.pk)
    elif agency is not None:
        ours = Consultation.objects.filter(agency=agency).values("pk")
        entries = AuditEntry.objects.filter(Q(agency_id=agency.pk) | Q(consultation_id__in=ours))
    else:
        entries = AuditEntry.objects.none()
    return _filtered(entries, filters or ActivityFilters())


def _filtered(entries: QuerySet[AuditEntry], filters: ActivityFilters) -> QuerySet[AuditEntry]:
    if filters.consultation is not None:
        entries = entries.filter(consultation_id=filters.consultation)
    if filters.person.startswith("user:") and filters.person[5:].isdigit():
        entries = entries.filter(actor_kind="user", actor_id=int(filters.person[5:]))
    elif filters.person in ACTOR_KINDS:
        entries = entries.filter(actor_kind=filters.person)
    if filters.kind in KINDS:
        prefixes = Q()
        for prefix in KINDS[filters.kind][1]:
            prefixes |= Q(action__startswith=prefix)
        entries = entries.filter(prefixes)
    return entries


def activity_page(*, entries: QuerySet[AuditEntry], page: Any = 1) -> tuple[Page[Any], list[ActivityDay]]:
    """A page of lines, newest first, by Bangkok day; a batch of entries (a moderator's "publish all") is one line."""
    batches = (
        entries.annotate(batch=Coalesce(KT("data__batch"), Cast("id", TextField())))
        .values("batch")
        .annotate(last=Max("id"), n=Count("id"), latest=Max("at"))
        .order_by("-latest", "-last")
    )
    paged = Paginator(batches, PAGE_SIZE).get_page(page)
    rows = list(paged.object_list)
    found = AuditEntry.objects.select_related("actor").in_bulk([row["last"] for row in rows])
    shown = [(found[row["last"]], row["n"]) for row in rows if row["last"] in found]
    names = object_names(entry for entry, _n in shown)
    titles = _titles({entry.consultation_id for entry, _n in shown if entry.consultation_id})
    lines = [ActivityLine(entry.at, describe(entry, n, names), titles.get(entry.consultation_id or 0, ""))
             for entry, n in shown]  # fmt: skip
    return paged, _by_day(lines)


def _titles(ids: set[int]) -> dict[int, str]:
    return {row.pk: localized(row, "title") for row in Consultation.objects.filter(pk__in=ids)}


def _by_day(lines: list[ActivityLine]) -> list[ActivityDay]:
    days: list[ActivityDay] = []
    for line in lines:
        day = thai.to_bangkok(line.at).date()
        if not days or days[-1].day != day:
            days.append(ActivityDay(day, []))
        days[-1].lines.append(line)
    return days


class _Words(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "—"


def describe(entry: AuditEntry, n: int, names: dict[tuple[str, str], str]) -> str:
    """The entry in words, in the current language; `n` entries of one batch are told as one."""
    sentence = sentence_for(entry.action)
    template = sentence.one
    if n > 1 and sentence.many is not None:
        template = sentence.many
    elif entry.actor_kind == "user" and sentence.by_staff is not None:
        template = sentence.by_staff
    words = _Words(data_words(entry))
    words.update(actor=actor_words(entry), object=object_name(entry, names) or "—", n=_number(n), code=entry.action)
    return str(template) % words


def actor_words(entry: AuditEntry) -> str:
    if entry.actor_kind == "user":
        return person_name(entry.actor) if entry.actor is not None else _("A former staff member")
    return {"public": _("A member of the public"), "registrant": _("A registrant")}.get(
        entry.actor_kind, _("The system")
    )


def data_words(entry: AuditEntry) -> dict[str, str]:
    """The known keys of the entry's data in words; any other key (free text above all) is left out."""
    data = entry.data if isinstance(entry.data, dict) else {}
    app = entry.action.split(".")[0]
    words = {key: _number(data[key]) for key in NUMBER_KEYS if _is_int(data.get(key))}
    for key in ("channel", "status", "moderation", "decision", "format", "role"):
        choices = LABELS.get((app, key))
        if choices is not None and data.get(key) in choices.values:
            words[key] = str(choices(data[key]).label)
    if app in ("comments", "questionnaires") and "reason" in data:
        words["reason"] = reason_words(data.get("reason"), bool(data.get("note")))
    if isinstance(data.get("formats"), str):
        words["formats"] = ", ".join(part.upper() for part in data["formats"].split(",") if part.isalnum())
    if isinstance(data.get("cutoff"), str) and (cutoff := parse_datetime(data["cutoff"])) is not None:
        words["cutoff"] = thai.format_date(cutoff, lang=current_language())
    if isinstance(data.get("receipt"), str):
        words["receipt"] = data["receipt"][:40]
    if app == "accounts" and isinstance(data.get("user"), str):
        words["user"] = data["user"].split("@")[0]  # a user name may be an e-mail address: never show one
    return words


def reason_words(reason: Any, with_note: bool) -> str:
    label = str(ModerationReason(reason).label) if reason in ModerationReason.values else ""
    if label and with_note:
        return _("%(reason)s, with a reason in words") % {"reason": label}
    return label or (_("a reason in words") if with_note else "—")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: int) -> str:
    return thai.format_number(value)


def activity_people(*, entries: QuerySet[AuditEntry]) -> list[tuple[str, str]]:
    """Who acted in these entries, to filter by: the staff by name, then the kinds of actor that are not people."""
    ids = entries.exclude(actor=None).order_by().values_list("actor_id", flat=True).distinct()
    people = sorted((person_name(user), f"user:{user.pk}") for user in User.objects.filter(pk__in=list(ids)))
    kinds = [("system", _("The system")), ("public", _("Members of the public")), ("registrant", _("Registrants"))]
    return [(value, label) for label, value in people] + kinds


def activity_consultations(*, agency: Agency) -> list[tuple[int, str]]:
    """The agency's consultations, to filter its log by."""
    rows = Consultation.objects.filter(agency=agency).order_by("-page_date", "-id")
    return [(row.pk, localized(row, "title")) for row in rows]
