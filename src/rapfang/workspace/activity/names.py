"""Names of the objects the audit log speaks of, in the reader's language, and of the people acting.

Objects are named from their rows as they are now, one query per kind of object on a page. A row since deleted is
named by the entry's `object_repr` only for kinds whose text is known to hold nothing personal (titles, receipt and
registration numbers); a deleted account or role is not named at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from rapfang.accounts.models import Agency, ApiKey, Membership, User
from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation, Milestone, Topic
from rapfang.core.i18n import localized
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Attachment, Document, Version
from rapfang.hearings.models import Event, PrivacyNotice, Registration
from rapfang.reports.models import Issue, Report, Response


def person_name(user: Any) -> str:
    """A staff member as colleagues know them: the full name, else the user name (never an e-mail address)."""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or str(user.get_username()).split("@")[0]


def _issue(issue: Issue) -> str:
    return f"{issue.number}. {localized(issue, 'title')}"


def _version(version: Version) -> str:
    draft = localized(version.document, "title")
    return _("%(draft)s, version %(number)s") % {"draft": draft, "number": version.number}


def _membership(membership: Membership) -> str:
    return f"{person_name(membership.user)} ({membership.get_role_display()})"


Namer = tuple[Any, Callable[[Any], str], tuple[str, ...]]  # model, its name, related rows to fetch with it

NAMERS: dict[str, Namer] = {
    "consultations.consultation": (Consultation, lambda row: localized(row, "title"), ()),
    "consultations.topic": (Topic, lambda row: localized(row, "name"), ()),
    "consultations.milestone": (Milestone, lambda row: str(row.get_kind_display()), ()),
    "documents.document": (Document, lambda row: localized(row, "title"), ()),
    "documents.attachment": (Attachment, lambda row: localized(row, "title"), ()),
    "documents.version": (Version, _version, ("document",)),
    "hearings.event": (Event, lambda row: localized(row, "title"), ()),
    "hearings.registration": (Registration, lambda row: row.reference, ()),
    "hearings.privacynotice": (PrivacyNotice, lambda row: row.version, ()),
    "comments.comment": (Comment, lambda row: row.receipt, ()),
    "reports.issue": (Issue, _issue, ()),
    "reports.response": (Response, lambda row: _issue(row.issue), ("issue",)),
    "reports.report": (Report, lambda row: str(row.number), ()),
    "accounts.agency": (Agency, lambda row: localized(row, "name"), ()),
    "accounts.apikey": (ApiKey, lambda row: row.name, ()),
    "accounts.user": (User, person_name, ()),
    "accounts.membership": (Membership, _membership, ("user",)),
}
# Kinds whose stored text may be shown once the row is gone: titles and numbers, never a person.
REPR_SAFE = set(NAMERS) - {"accounts.user", "accounts.membership"}


def object_names(entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
    """(object type, object id) → the object's name, for every entry that names an object."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.object_type in NAMERS and entry.object_id.isdigit():
            wanted[entry.object_type].add(entry.object_id)
    names: dict[tuple[str, str], str] = {}
    for kind, ids in wanted.items():
        model, name, related = NAMERS[kind]
        for row in model.objects.select_related(*related).filter(pk__in=[int(pk) for pk in ids]):
            names[(kind, str(row.pk))] = name(row)
    return names


def object_name(entry: AuditEntry, names: dict[tuple[str, str], str]) -> str:
    found = names.get((entry.object_type, entry.object_id))
    if found is not None:
        return found
    return entry.object_repr if entry.object_type in REPR_SAFE else ""
