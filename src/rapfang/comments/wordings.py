"""Where a comment stands in the draft: the draft, the version, the section and paragraph it was made on, with the
wording it was made on (the text of its paragraph in the comment's own `version`); and whether that is still the
current wording (`current`), the paragraph kept its anchor but its text changed since (`earlier`), or it was removed
(`superseded`).

Each function reads a whole page of comments in a fixed number of queries, never one per comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Subquery

from rapfang.comments.models import Comment, CommentStatus
from rapfang.documents.models import Document, Paragraph, Section, Version

CURRENT, EARLIER, SUPERSEDED = "current", "earlier", "superseded"
Texts = dict[tuple[int, str], str]  # (version id, anchor) -> text


@dataclass(frozen=True)
class Place:
    """Where in the draft a comment was made: the draft, the version, its section and paragraph, and `kind`."""

    document: Document
    version_number: int
    anchor: str
    section_title: str = ""
    paragraph_text: str = ""
    kind: str = CURRENT

    @property
    def wording(self) -> str:
        """What the comment was made on: the paragraph's text, or the section's title."""
        return self.paragraph_text or self.section_title


def _texts(model: Any, field: str, versions: set[int], anchors: set[str]) -> Texts:
    rows = model.objects.filter(version_id__in=versions, anchor__in=anchors - {""})
    return {(version, anchor): text for version, anchor, text in rows.values_list("version_id", "anchor", field)}


def _current_versions(document_ids: set[int]) -> dict[int, int]:
    """Each draft's current (highest) version id."""
    latest = Version.objects.filter(document=OuterRef("document")).order_by("-number").values("pk")[:1]
    rows = Version.objects.filter(document_id__in=document_ids, pk=Subquery(latest)).values_list("document_id", "pk")
    return dict(rows)


def comment_places(*, comments: Iterable[Comment]) -> dict[int, Place]:
    """The place in the draft of each comment made on a section or paragraph, by comment id (five queries)."""
    placed = [comment for comment in comments if comment.version_id and comment.document_id]
    if not placed:
        return {}
    current = _current_versions({comment.document_id for comment in placed if comment.document_id})
    versions = {comment.version_id for comment in placed if comment.version_id} | set(current.values())
    sections = _texts(Section, "title", versions, {comment.section_anchor for comment in placed})
    paragraphs = _texts(Paragraph, "text", versions, {comment.paragraph_anchor for comment in placed})
    numbers = dict(Version.objects.filter(pk__in=versions).values_list("pk", "number"))
    documents = Document.objects.in_bulk({comment.document_id for comment in placed})
    return {comment.pk: _place(comment, documents, numbers, current, sections, paragraphs) for comment in placed}


def _place(
    comment: Comment, documents: dict[Any, Document], numbers: dict[int, int], current: dict[int, int],
    sections: Texts, paragraphs: Texts,
) -> Place:  # fmt: skip
    assert comment.document_id is not None and comment.version_id is not None  # only placed comments come here
    texts, anchor = (
        (paragraphs, comment.paragraph_anchor) if comment.paragraph_anchor else (sections, comment.section_anchor)
    )
    return Place(
        document=documents[comment.document_id], version_number=numbers.get(comment.version_id, 0), anchor=anchor,
        section_title=sections.get((comment.version_id, comment.section_anchor), ""),
        paragraph_text=paragraphs.get((comment.version_id, comment.paragraph_anchor), ""),
        kind=_kind(texts.get((comment.version_id, anchor)), texts.get((current.get(comment.document_id, 0), anchor))),
    )  # fmt: skip


def _kind(made_on: str | None, now: str | None) -> str:
    if now is None:
        return SUPERSEDED
    return EARLIER if made_on is not None and made_on != now else CURRENT


@dataclass(frozen=True)
class Wording:
    """Published comments made on another wording of a paragraph than the one shown: its version and text."""

    number: int
    text: str
    count: int


def other_wordings(*, version: Version, shown: dict[str, str]) -> dict[str, list[Wording]]:
    """For each paragraph anchor shown (anchor -> text), the other wordings published comments were made on (three
    queries): comments made on the same text in another version are on this wording, not another."""
    rows = (
        Comment.objects.filter(document_id=version.document_id, status=CommentStatus.PUBLISHED, version__isnull=False)
        .exclude(version_id=version.pk)
        .exclude(paragraph_anchor="")
        .values_list("version_id", "paragraph_anchor")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(pk, anchor): n for pk, anchor, n in rows if anchor in shown}
    texts = _texts(Paragraph, "text", {pk for pk, _anchor in counts}, {anchor for _pk, anchor in counts})
    numbers = dict(Version.objects.filter(pk__in={pk for pk, _anchor in counts}).values_list("pk", "number"))
    found: dict[str, dict[str, Wording]] = {}
    for (pk, anchor), count in sorted(counts.items(), key=lambda item: numbers.get(item[0][0], 0)):
        text = texts.get((pk, anchor), "")
        if not text or text == shown[anchor]:
            continue
        same = found.setdefault(anchor, {}).get(text)  # one wording kept through several versions is shown once
        found[anchor][text] = Wording(
            same.number if same else numbers.get(pk, 0), text, count + (same.count if same else 0)
        )
    return {anchor: list(wordings.values()) for anchor, wordings in found.items()}
