"""Taking comments: the period to the second, checks, receipt, in one short transaction each; the search entry and
the receipt mail follow from the comment's row (`comments.followup`, decision 22)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.comments.followup import comments_followup_complete, submit_audit_data
from rapfang.comments.models import (
    Comment,
    CommentChannel,
    CommentPolicy,
    CommentStatus,
    ModerationMode,
    StakeholderType,
)
from rapfang.comments.rules import (
    STAFF_CHANNELS,
    idempotency_key_checked,
    moderation_mode,
    organisation_required,
    public_limits,
    received_at_problems,
    submission_period_checked,
)
from rapfang.comments.selectors import comment_sent_under
from rapfang.consultations.models import Consultation
from rapfang.core.actors import ActorKind, acting_user, as_actor
from rapfang.core.audit import audit_log
from rapfang.core.codes import random_code
from rapfang.core.errors import Conflict, DomainError, InvalidInput
from rapfang.core.files import DOCX, EXTENSIONS, JPEG, PDF, PNG, WEBP, sniff_content_type
from rapfang.core.redact import has_personal_data
from rapfang.documents.selectors import anchor_locate

TEXT_MAX_CHARS = 5000
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {PDF, DOCX, PNG, JPEG, WEBP}
RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I
RECEIPT_DRAWS = 5
KEY_KEPT = timedelta(hours=24)
KEY_ATTEMPTS = 3  # a write clashing on a key older than a day takes the key and is tried again
KEY_FIELDS = ("text", "anonymous", "name", "organisation", "stakeholder_type", "email", "section", "paragraph")
KEY_REUSED_CODE = "idempotency_key_reused"
KEY_REUSED = _(
    "A comment with other content was already sent under this key (the Idempotency-Key header, or the form it "
    "was written in). To send another comment, use a new key or open the comment form again."
)
ORGANISATION_NEEDED = _(
    "Please give your organisation: it is needed when you comment for an agency, a company, an institution or "
    "a group. A citizen commenting in their own name may leave it empty."
)


@dataclass(frozen=True)
class Upload:
    content: BinaryIO
    filename: str


# Words that begin most addresses and tell one consultation from no other ("draft-…", "rang-…" for ร่าง).
GENERIC_WORDS = frozenset({"draft", "rang", "the", "a", "an"})


def receipt_prefix(consultation: Consultation) -> str:
    """Latin capitals and digits that are read out clearly on the telephone: the short name when it is written in
    them (DG2), else the first telling part of the consultation's address (slug), else RF. A Thai short name is
    never cut down to its letters: without its vowels and tone marks it spells another word."""
    parts = [part for part in consultation.slug.split("-") if part not in GENERIC_WORDS]
    for source in (consultation.short_name, parts[0] if parts else ""):
        if source and source.isascii() and (prefix := "".join(c for c in source.upper() if c.isalnum())[:8]):
            return prefix
    return "RF"


def receipt_number(consultation: Consultation, now: datetime) -> str:
    """Prefix, date and eight random characters (40 bits): short to read out, hard to guess."""
    code = random_code(RECEIPT_ALPHABET, 8)
    return f"{receipt_prefix(consultation)}-{timezone.localtime(now):%Y%m%d}-{code[:4]}-{code[4:]}"


def receipt_example(consultation: Consultation, now: datetime) -> str:
    """What this consultation's receipt numbers look like, for a hint beside a field that asks for one."""
    return f"{receipt_prefix(consultation)}-{timezone.localtime(now):%Y%m%d}-ABCD-EFGH"


def comment_fields_checked(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The submitted fields cleaned, and every problem with them at once (field name: messages). The web form
    shows the same problems before it calls the service, so a form never asks less or more than the service."""
    errors: dict[str, list[str]] = {}
    text = str(data.get("text") or "").strip()
    if not text:
        errors["text"] = [str(_("Please write your comment."))]
    elif len(text) > TEXT_MAX_CHARS:
        errors["text"] = [str(_("A comment can be at most 5,000 characters long."))]
    identity, problems = identity_fields_checked(
        data, consent_needed=_("Please agree to the personal data notice to send a comment.")
    )
    return {"text": text, **identity}, {**errors, **problems}


def identity_fields_checked(
    data: Mapping[str, Any], *, consent_needed: Any, anonymous_hint: Any = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Who speaks, as a comment asks it (an endorsement asks the same): named, as an organisation or anonymous,
    a stakeholder type, an optional valid e-mail address and consent to the notice; the fields and the problems."""
    errors: dict[str, list[str]] = {}
    anonymous = bool(data.get("anonymous"))
    name = "" if anonymous else str(data.get("name") or "").strip()[:200]
    organisation = "" if anonymous else str(data.get("organisation") or "").strip()[:300]
    stakeholder_type = str(data.get("stakeholder_type") or "")
    if stakeholder_type not in StakeholderType.values:
        errors["stakeholder_type"] = [str(_("Please choose who you are commenting as."))]
    if not anonymous and not name:
        errors["name"] = [str(anonymous_hint or _("Please give your name, or choose to comment anonymously."))]
    if not anonymous and not organisation and organisation_required(stakeholder_type):
        errors["organisation"] = [str(ORGANISATION_NEEDED)]
    email = str(data.get("email") or "").strip()
    if email and not _valid_email(email):
        errors["email"] = [str(_("This e-mail address is not valid."))]
    if data.get("consent") is not True:
        errors["consent"] = [str(consent_needed)]
    fields = {"anonymous": anonymous, "name": name, "organisation": organisation,
              "stakeholder_type": stakeholder_type, "email": email}  # fmt: skip
    return fields, errors


def _valid_email(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _fields(data: Mapping[str, Any]) -> dict[str, Any]:
    fields, errors = comment_fields_checked(data)
    if errors:
        raise InvalidInput(code="invalid", errors=errors)
    return fields


def _personal_data_in(fields: Mapping[str, Any]) -> bool:
    """Whether the comment's public fields hold an e-mail address, telephone number or national ID (flagged for
    moderators; masked on every public surface whatever the flag)."""
    return any(has_personal_data(fields[name]) for name in ("text", "name", "organisation"))


def _anchors(consultation: Consultation, data: Mapping[str, Any]) -> dict[str, Any]:
    section, paragraph = str(data.get("section") or ""), str(data.get("paragraph") or "")
    if not section and not paragraph:
        return {}
    found = anchor_locate(consultation_id=consultation.pk, section=section, paragraph=paragraph)
    if found is None:
        message = _("The section or paragraph is not in the current draft.")
        raise InvalidInput(code="invalid", errors={"paragraph" if paragraph else "section": [str(message)]})
    version, section_anchor, paragraph_anchor = found
    return {"document_id": version.document_id, "version": version,
            "section_anchor": section_anchor, "paragraph_anchor": paragraph_anchor}  # fmt: skip


def _upload_checked(upload: Upload | None) -> str:
    if upload is None:
        return ""
    content_type = sniff_content_type(upload.content)
    if content_type not in ATTACHMENT_TYPES:
        message = _("The attachment must be a PDF, DOCX or image (PNG, JPEG, WebP) file; its content was checked.")
        raise InvalidInput(code="invalid", errors={"attachment": [str(message)]})
    upload.content.seek(0, 2)
    size = upload.content.tell()
    upload.content.seek(0)
    if size > ATTACHMENT_MAX_BYTES:
        raise InvalidInput(code="invalid", errors={"attachment": [str(_("The attachment is larger than 10 MB."))]})
    return content_type


def comment_submit(
    *,
    actor: Any,
    consultation: Consultation,
    data: Mapping[str, Any],
    channel: str = CommentChannel.WEB,
    upload: Upload | None = None,
    language: str = "th",
    accept_late: bool = False,
    received_at: datetime | None = None,
    idempotency_key: str = "",
    now: datetime | None = None,
) -> Comment:
    """Accept one comment and give it a receipt number; raises Conflict outside the period, InvalidInput.

    `received_at` is the moment the request arrived (core.arrival): the period is decided on it. Under an
    `idempotency_key` already used for this consultation within 24 hours, the comment stored then is returned
    and nothing is written, whatever the period now (Conflict if the content differs).

    Everything that only reads (the period at the moment of arrival, the fields, the anchors, the attachment's
    type, the moderation mode) runs before the write. The write commits before the receipt is shown: the row alone,
    one statement, for the public's comment without an attachment (its key is a column of the row, unique in the
    consultation: a retry's insert clashes, and only then is the key read); else one transaction with the row, the
    attachment and, for a signed-in person or staff, the audit entry. The row says that its search
    entry, receipt mail and (for the public) audit entry are owed; the job worker does them (`comments.followup`),
    or this call right after the commit when jobs run inline (`settings.COMMENT_FOLLOWUP_INLINE`: the tests).
    """
    now = now or timezone.now()
    if channel in STAFF_CHANNELS:
        require(actor, Perm.MODERATE, consultation.agency_id)
    key = idempotency_key_checked(idempotency_key)
    fingerprint = _fingerprint(data) if key else ""
    try:
        if problems := received_at_problems(channel, received_at, now):
            raise InvalidInput(code="invalid", errors=problems)
        is_late = submission_period_checked(consultation, actor, channel, received_at or now, accept_late)
        fields = _fields(data)
        limits = public_limits(channel, fields["email"])
        anchors = _anchors(consultation, data)
        content_type = _upload_checked(upload)
    except DomainError:  # a retry under its key gets its receipt, whatever the period or the limits now
        sent = comment_sent_under(consultation_id=consultation.pk, key=key) if key else None
        if (earlier := _sent_before(sent, fingerprint, now)) is not None:
            return earlier
        raise
    published = moderation_mode(consultation) == ModerationMode.POST
    comment = Comment(
        consultation=consultation, **fields, **anchors, channel=channel, is_late=is_late, language=language,
        status=CommentStatus.PUBLISHED if published else CommentStatus.PENDING, submitted_at=received_at or now,
        consent_at=now, entered_by=acting_user(actor) if channel in STAFF_CHANNELS else None,
        has_personal_data=_personal_data_in(fields), followup_due=True, sent_under_key=key, key_fingerprint=fingerprint,
        receipt_mail_due=bool(fields["email"]) and limits.mail,
    )  # fmt: skip
    alone = upload is None and not _audited_at_once(actor)  # the row is the only write
    store = None if alone else lambda: _store(comment, actor=actor, upload=upload, content_type=content_type)
    for _attempt in range(KEY_ATTEMPTS):
        try:
            comment_insert(comment, consultation, now, store=store)
            break
        except IntegrityError:
            if not key or (used := comment_sent_under(consultation_id=consultation.pk, key=key)) is None:
                raise
            if (earlier := _sent_before(used, fingerprint, now)) is not None:
                limits.refund()  # the same submission, stored and counted earlier or a moment ago by another request
                return earlier
            _key_release(used)  # its comment was sent more than a day ago: the key now names this one
    else:
        raise Conflict(KEY_REUSED, code=KEY_REUSED_CODE)
    if settings.COMMENT_FOLLOWUP_INLINE:
        comments_followup_complete(comment_ids=[comment.pk])
        comment.refresh_from_db(fields=["search_terms", "followup_due", "receipt_mail_due"])
    return comment


def _fingerprint(data: Mapping[str, Any]) -> str:
    """What makes two submissions the same comment, hashed."""
    content = {name: str(data.get(name) or "").strip() for name in KEY_FIELDS}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _sent_before(used: Comment | None, fingerprint: str, now: datetime) -> Comment | None:
    """`used`, the comment sent under the same key, if it was sent within a day; Conflict if it was sent with other
    content."""
    if used is None or used.consent_at is None or used.consent_at < now - KEY_KEPT:
        return None
    if used.key_fingerprint != fingerprint:
        raise Conflict(KEY_REUSED, code=KEY_REUSED_CODE)
    return used


def _key_release(comment: Comment) -> None:
    """Take a key more than a day old from the comment it named (one statement), so that a new comment can have it."""
    Comment.objects.filter(pk=comment.pk, sent_under_key=comment.sent_under_key).update(
        sent_under_key="", key_fingerprint=""
    )


def comment_insert(
    comment: Comment, consultation: Consultation, now: datetime, store: Callable[[], None] | None = None
) -> Comment:
    """Give `comment` a fresh receipt number and write it: by `store`, in one transaction; by default the row alone,
    one statement that needs no transaction of its own (but a savepoint inside the caller's).

    On the rare clash of two random numbers the write is undone and a number drawn again.
    """
    for _attempt in range(RECEIPT_DRAWS):
        comment.receipt = receipt_number(consultation, now)
        try:
            if store is None and not transaction.get_connection().in_atomic_block:
                comment.save(force_insert=True)
            else:
                with transaction.atomic():
                    store() if store else comment.save(force_insert=True)
        except IntegrityError:
            if Comment.objects.filter(receipt=comment.receipt).exists():
                continue
            raise
        return comment
    raise Conflict(code="receipt_exhausted")


def _store(comment: Comment, *, actor: Any, upload: Upload | None, content_type: str) -> None:
    """The writes of one comment that is more than its row, inside the caller's transaction: its attachment, and
    the audit entry of a signed-in person or staff."""
    comment.save(force_insert=True)
    if upload is not None:
        _attach(comment, upload, content_type)
    if _audited_at_once(actor):
        audit_log(actor=actor, action="comments.comment.submit", target=comment, data=submit_audit_data(comment))


def _audited_at_once(actor: Any) -> bool:
    """Whether the comment's audit entry is written with it: a signed-in person's and the system's are; the
    public's is written by the follow-up (`comments.followup`), which records it as the public's at the moment the
    comment was taken, so that the row is the intake's one write (decision 22)."""
    return as_actor(actor).kind is not ActorKind.PUBLIC


def _attach(comment: Comment, upload: Upload, content_type: str) -> None:
    upload.content.seek(0)
    comment.attachment.save(f"attachment{EXTENSIONS[content_type]}", File(upload.content), save=False)
    comment.attachment_type = content_type
    comment.attachment_size = comment.attachment.size
    comment.save(update_fields=["attachment", "attachment_type", "attachment_size"])


@transaction.atomic
def comment_policy_set(*, actor: Any, consultation: Consultation, moderation: str) -> CommentPolicy:
    require(actor, Perm.MODERATE, consultation.agency_id)
    if moderation not in ModerationMode.values:
        raise InvalidInput(code="unknown_moderation")
    policy, _created = CommentPolicy.objects.update_or_create(
        consultation=consultation, defaults={"moderation": moderation}
    )
    audit_log(actor=actor, action="comments.policy.set", target=policy, data={"moderation": moderation})
    return policy
