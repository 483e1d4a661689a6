"""Issues (the points raised in the comments) and the agency's responses to them.

Organisers of the consultation's agency and administrators write (``actor=SYSTEM`` is the system); moderators
read only. Each write is one transaction and one audit entry (``reports.issue.*``, ``reports.response.*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.analysis.models import CommentAnalysis, DuplicateGroup, TopicCluster
from rapfang.comments.models import NOT_COUNTED, Comment, CommentStatus
from rapfang.consultations.models import Consultation, Topic
from rapfang.core.actors import acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput, NotFound
from rapfang.documents.models import Paragraph
from rapfang.reports.models import Decision, Issue, IssueComment, Response
from rapfang.reports.services.results import results_guard

TITLE_MAX = 400
SUMMARY_MAX = 5000
REASONS_MAX = 10000
TITLE_FROM_TEXT = 120  # characters of a representative comment taken as an issue's first title
RECEIPTS_MAX = 500  # receipt numbers added at once


def _invalid(field: str, message: Any, code: str = "invalid") -> InvalidInput:
    return InvalidInput(message, code=code, errors={field: [str(message)]})


def _texts(title_th: str, title_en: str, summary_th: str, summary_en: str) -> dict[str, str]:
    texts = {"title_th": (title_th or "").strip(), "title_en": (title_en or "").strip(),
             "summary_th": (summary_th or "").strip(), "summary_en": (summary_en or "").strip()}  # fmt: skip
    if not texts["title_th"]:
        raise _invalid("title_th", _("Please give the issue a title in Thai."), "title_required")
    for name in ("title_th", "title_en"):
        if len(texts[name]) > TITLE_MAX:
            raise _invalid(name, _("A title can be at most 400 characters long."), "title_too_long")
    for name in ("summary_th", "summary_en"):
        if len(texts[name]) > SUMMARY_MAX:
            raise _invalid(name, _("A summary can be at most 5,000 characters long."), "summary_too_long")
    return texts


def _domain_checked(consultation: Consultation, domain: Topic | None) -> Topic | None:
    if domain is not None and not consultation.topics.filter(pk=domain.pk).exists():
        raise _invalid("domain", _("Choose one of the consultation's topics."), "unknown_domain")
    return domain


def _lock(consultation: Consultation) -> None:
    """Lock the consultation's row: its issue writers queue behind one another until the transaction ends."""
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()


def _next_number(consultation: Consultation) -> int:
    """The next issue number; the consultation's row is locked so that two writers never take the same one."""
    _lock(consultation)
    last = Issue.objects.filter(consultation=consultation).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _title_from(representative: Comment | None, keywords: list[str]) -> str:
    """A first title for an issue made by the analysis: the start of its representative comment, or its keywords."""
    text = " ".join((representative.text if representative else "").split())
    if not text:
        return " · ".join(keywords[:5]) or str(_("Issue from the analysis"))
    if len(text) <= TITLE_FROM_TEXT:
        return text
    cut = text[:TITLE_FROM_TEXT]
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_FROM_TEXT // 2 else cut).rstrip() + "…"


def _create(actor: Any, consultation: Consultation, texts: dict[str, str], **fields: Any) -> Issue:
    issue = Issue.objects.create(
        consultation=consultation, number=_next_number(consultation), created_by=acting_user(actor),
        **texts, **fields,
    )  # fmt: skip
    return issue


def _published_ids(rows: Any) -> list[int]:
    """The published, not erased comments of these analysis rows, in order of submission."""
    comments = Comment.objects.filter(
        pk__in=rows.values("comment_id"), status=CommentStatus.PUBLISHED, erased_at__isnull=True
    )
    return list(comments.order_by("submitted_at", "pk").values_list("pk", flat=True))


def _add_members(issue: Issue, comment_ids: Iterable[int]) -> int:
    present = set(issue.memberships.values_list("comment_id", flat=True))
    new = [comment_id for comment_id in dict.fromkeys(comment_ids) if comment_id not in present]
    IssueComment.objects.bulk_create([IssueComment(issue=issue, comment_id=pk) for pk in new], batch_size=1000)
    return len(new)


@transaction.atomic
def issue_create(
    *,
    actor: Any,
    consultation: Consultation,
    title_th: str,
    title_en: str = "",
    summary_th: str = "",
    summary_en: str = "",
    domain: Topic | None = None,
) -> Issue:
    """A new issue, made by hand, numbered next in the consultation; comments are added to it afterwards."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    texts = _texts(title_th, title_en, summary_th, summary_en)
    issue = _create(actor, consultation, texts, domain=_domain_checked(consultation, domain))
    audit_log(actor=actor, action="reports.issue.create", target=issue, data={"number": issue.number})
    return issue


def _common_domain(rows: Any) -> int | None:
    """The domain the analysis gave most of these comments."""
    top = rows.filter(domain__isnull=False).values("domain_id").annotate(n=Count("pk")).order_by("-n", "domain_id")
    first = top.first()
    return first["domain_id"] if first else None


def _from_analysis(actor: Any, consultation: Consultation, rows: Any, representative: Comment | None,
                   keywords: list[str], source: dict[str, Any]) -> Issue:  # fmt: skip
    members = _published_ids(rows)
    if not members:
        raise Conflict(_("None of its comments is published yet."), code="no_comments")
    if representative is None or representative.pk not in members:
        representative = Comment.objects.get(pk=members[0])
    texts = _texts(_title_from(representative, keywords), "", "", "")
    issue = _create(actor, consultation, texts, domain_id=_common_domain(rows), representative=representative,
                    **source)  # fmt: skip
    _add_members(issue, members)
    return issue


def issue_create_from_group(*, actor: Any, group: DuplicateGroup) -> Issue:
    """An issue from an analysis campaign: its published comments, its representative, a title from its text."""
    rows = CommentAnalysis.objects.filter(group=group)
    already = _("An issue was already made from this campaign: issue %(number)s.")
    return _issue_from_source(actor, "group", group, rows, already, action="reports.issue.create_from_group")


def issue_create_from_cluster(*, actor: Any, cluster: TopicCluster) -> Issue:
    """An issue from an analysis cluster: its published comments, its representative, a title from its text."""
    rows = CommentAnalysis.objects.filter(cluster=cluster)
    already = _("An issue was already made from this cluster: issue %(number)s.")
    return _issue_from_source(actor, "cluster", cluster, rows, already, action="reports.issue.create_from_cluster")


@transaction.atomic
def _issue_from_source(
    actor: Any, kind: str, source: DuplicateGroup | TopicCluster, rows: Any, already: Any, *, action: str
) -> Issue:
    """One issue per campaign (`kind` "group") or cluster, made under the consultation's lock: two clicks make one."""
    consultation = source.consultation
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _lock(consultation)
    made = Issue.objects.filter(**{f"source_{kind}": source}).first()
    if made is not None:
        raise Conflict(already % {"number": made.number}, code="already_made")
    issue = _from_analysis(actor, consultation, rows, source.representative, list(source.keywords),
                           {f"source_{kind}": source})  # fmt: skip
    audit_log(actor=actor, action=action, target=issue,
              data={"number": issue.number, kind: source.pk, "comments": issue.memberships.count()})  # fmt: skip
    return issue


def _locked(issue: Issue) -> Issue:
    locked = Issue.objects.select_for_update().select_related("consultation").filter(pk=issue.pk).first()
    if locked is None:
        raise NotFound(_("This issue no longer exists."), code="issue_not_found")
    return locked


@transaction.atomic
def issue_update(
    *,
    actor: Any,
    issue: Issue,
    title_th: str,
    title_en: str = "",
    summary_th: str = "",
    summary_en: str = "",
    domain: Topic | None = None,
    representative: Comment | None = None,
) -> Issue:
    """Change an issue's titles, summaries, domain and representative (one of its own comments, not hidden)."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    issue = _locked(issue)
    texts = _texts(title_th, title_en, summary_th, summary_en)
    domain = _domain_checked(issue.consultation, domain)
    if representative is not None and not _can_represent(issue, representative):
        raise _invalid("representative", _("The representative must be one of the issue's comments, neither "
                                           "hidden nor erased."), "unknown_representative")  # fmt: skip
    for name, value in texts.items():
        setattr(issue, name, value)
    issue.domain, issue.representative = domain, representative
    issue.save()
    audit_log(actor=actor, action="reports.issue.update", target=issue,
              data={"domain": domain.key if domain else None,
                    "representative": representative.receipt if representative else None})  # fmt: skip
    return issue


def _can_represent(issue: Issue, comment: Comment) -> bool:
    return (
        issue.memberships.filter(comment=comment).exists()
        and comment.erased_at is None
        and comment.status not in NOT_COUNTED
    )


@transaction.atomic
def issue_delete(*, actor: Any, issue: Issue) -> None:
    """Delete an issue with its response; its comments stay as they are."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    issue = _locked(issue)
    audit_log(actor=actor, action="reports.issue.delete", target=issue,
              data={"number": issue.number, "comments": issue.memberships.count()})  # fmt: skip
    issue.delete()


def receipts_parse(text: str) -> list[str]:
    """Receipt numbers written one per line, or separated by commas or spaces; upper case, without repeats."""
    return list(dict.fromkeys(part.upper() for part in re.split(r"[\s,;]+", text or "") if part))


def _comments_checked(issue: Issue, comment_ids: list[int], receipts: list[str]) -> list[Comment]:
    if not comment_ids and not receipts:
        raise _invalid("receipts", _("Give at least one receipt number."), "nothing_to_add")
    if len(comment_ids) + len(receipts) > RECEIPTS_MAX:
        raise _invalid("receipts", _("At most 500 comments can be added at once."), "too_many")
    found = list(Comment.objects.filter(consultation_id=issue.consultation_id)
                 .filter(Q(pk__in=comment_ids) | Q(receipt__in=receipts)).order_by("submitted_at", "pk"))  # fmt: skip
    unknown = [r for r in receipts if r not in {c.receipt for c in found}]
    unknown += [str(pk) for pk in comment_ids if pk not in {c.pk for c in found}]
    if unknown:
        message = _("Not comments on this consultation: %(list)s.") % {"list": ", ".join(unknown)}
        raise _invalid("receipts", message, "unknown_comments")
    refused = [c.receipt for c in found if c.erased_at is not None or c.status in NOT_COUNTED]
    if refused:
        message = _("Hidden, withdrawn or erased comments cannot be counted under an issue: %(list)s.") % {
            "list": ", ".join(refused)
        }
        raise _invalid("receipts", message, "comments_not_public")
    return found


@transaction.atomic
def issue_comments_add(
    *, actor: Any, issue: Issue, comment_ids: Iterable[int] = (), receipts: Iterable[str] = ()
) -> int:
    """Count comments (by id or receipt number) under the issue; all or none. Returns how many were new."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    issue = _locked(issue)
    wanted = list(dict.fromkeys(receipt.strip().upper() for receipt in receipts if receipt.strip()))
    found = _comments_checked(issue, list(dict.fromkeys(comment_ids)), wanted)
    added = _add_members(issue, [comment.pk for comment in found])
    audit_log(actor=actor, action="reports.issue.comments_add", target=issue,
              data={"added": added, "given": len(found)})  # fmt: skip
    return added


@transaction.atomic
def issue_comment_remove(*, actor: Any, issue: Issue, comment: Comment) -> None:
    """Stop counting a comment under the issue (it stays published); a removed representative is unset."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    issue = _locked(issue)
    deleted, _rows = IssueComment.objects.filter(issue=issue, comment=comment).delete()
    if not deleted:
        raise NotFound(_("This comment is not counted under the issue."), code="not_a_member")
    if issue.representative_id == comment.pk:
        issue.representative = None
        issue.save(update_fields=["representative", "updated_at"])
    audit_log(actor=actor, action="reports.issue.comment_remove", target=issue, data={"receipt": comment.receipt})


def _floors(issue: Issue) -> dict[int, int]:
    """Per draft document, the earliest version the issue's comments were made on."""
    rows = (
        Comment.objects.filter(issue_memberships__issue=issue, version__isnull=False)
        .values("version__document_id")
        .annotate(first=Min("version__number"))
    )
    return {row["version__document_id"]: row["first"] for row in rows}


def _paragraphs_checked(issue: Issue, paragraph_ids: list[int]) -> list[Paragraph]:
    """Paragraphs of this consultation's drafts, each in a version later than the one the comments were on."""
    paragraphs = list(Paragraph.objects.filter(pk__in=paragraph_ids).select_related("version__document"))
    if len(paragraphs) != len(paragraph_ids) or any(
        p.version.document.consultation_id != issue.consultation_id for p in paragraphs
    ):
        raise _invalid("paragraphs", _("Choose paragraphs of this consultation's drafts."), "unknown_paragraph")
    floors = _floors(issue)
    for paragraph in paragraphs:
        floor = floors.get(paragraph.version.document_id, 1)
        if paragraph.version.number <= floor:
            message = _(
                "Paragraph %(anchor)s is in version %(version)s of the draft, which the comments were already "
                "made on. Choose a paragraph of a later version."
            ) % {"anchor": paragraph.anchor, "version": paragraph.version.number}
            raise _invalid("paragraphs", message, "paragraph_not_newer")
    return paragraphs


def _reasons(reasons_th: str, reasons_en: str) -> tuple[str, str]:
    reasons_th, reasons_en = (reasons_th or "").strip(), (reasons_en or "").strip()
    if not reasons_th:
        raise _invalid("reasons_th", _("Please give the reasons in Thai."), "reasons_required")
    for name, text in (("reasons_th", reasons_th), ("reasons_en", reasons_en)):
        if len(text) > REASONS_MAX:
            raise _invalid(name, _("The reasons can be at most 10,000 characters long."), "reasons_too_long")
    return reasons_th, reasons_en


@transaction.atomic
def response_save(
    *,
    actor: Any,
    issue: Issue,
    decision: str,
    reasons_th: str,
    reasons_en: str = "",
    paragraph_ids: Iterable[int] = (),
) -> Response:
    """Write (or rewrite) the issue's response: decision, reasons and the paragraphs it changed.

    A published response stays published with the new text."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    issue = _locked(issue)
    if decision not in Decision.values:
        raise _invalid("decision", _("Choose a decision."), "unknown_decision")
    reasons_th, reasons_en = _reasons(reasons_th, reasons_en)
    paragraphs = _paragraphs_checked(issue, list(dict.fromkeys(paragraph_ids)))
    response, created = Response.objects.update_or_create(
        issue=issue, defaults={"decision": decision, "reasons_th": reasons_th, "reasons_en": reasons_en,
                               "responded_by": acting_user(actor)},
    )  # fmt: skip
    response.changed_paragraphs.set(paragraphs)
    audit_log(actor=actor, action="reports.response.save", target=response,
              data={"decision": decision, "paragraphs": len(paragraphs), "created": created,
                    "published": response.published_at is not None})  # fmt: skip
    return response


def _response_of(issue: Issue) -> Response:
    response = Response.objects.select_for_update().filter(issue=issue).first()
    if response is None:
        raise Conflict(_("Write the response before publishing it."), code="no_response")
    return response


@transaction.atomic
def response_publish(*, actor: Any, issue: Issue, now: datetime | None = None) -> Response:
    """Make the issue's response public from `now` on: not before the comment period has closed and the hearing met."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    response = _response_of(_locked(issue))
    if response.published_at is not None:
        raise Conflict(_("This response is already published."), code="already_published")
    now = now or timezone.now()
    results_guard(consultation=issue.consultation, now=now)
    response.published_at = now
    response.save(update_fields=["published_at", "updated_at"])
    audit_log(actor=actor, action="reports.response.publish", target=response, data={"decision": response.decision})
    return response


@transaction.atomic
def response_unpublish(*, actor: Any, issue: Issue) -> Response:
    """Take the issue's response off the public page (it is kept, to be published again)."""
    require(actor, Perm.ORGANISE, issue.consultation.agency_id)
    response = _response_of(_locked(issue))
    if response.published_at is None:
        raise Conflict(_("This response is not published."), code="not_published")
    response.published_at = None
    response.save(update_fields=["published_at", "updated_at"])
    audit_log(actor=actor, action="reports.response.unpublish", target=response)
    return response
