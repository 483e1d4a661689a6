"""Where a comment stands in the draft today: on the current wording of its paragraph, on an earlier wording of it
(the paragraph kept its anchor but its text changed), or on superseded text (the paragraph was removed) — with the
wording it was made on, the text of its paragraph in the comment's own `version`.

Each function reads a whole page of comments in a fixed number of queries, never one per comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from rapfang.comments.models import Comment, CommentStatus
from rapfang.documents.models import Paragraph, Section, Version
from rapfang.documents.selectors import latest_versions

CURRENT, EARLIER, SUPERSEDED = "current", "earlier", "superseded"


@dataclass(frozen=True)
class Place:
    """`kind` is current, earlier or superseded; `number` the version the comment was made on (if known)."""

    kind: str
    number: int | None = None
    wording: str = ""


Texts = dict[tuple[int, str], tuple[int, str]]  # (version id, anchor) -> (version number, text)


def _texts(model: type[Paragraph] | type[Section], field: str, version_ids: set[int], anchors: set[str]) -> Texts:
    if not anchors or not version_ids:
        return {}
    rows = model.objects.filter(version_id__in=version_ids, anchor__in=anchors)
    return {(v, a): (n, t) for v, a, n, t in rows.values_list("version_id", "anchor", "version__number", field)}


def comment_places(*, consultation_id: int, comments: Iterable[Comment]) -> dict[int, Place]:
    """The place of each comment on a section or paragraph, by comment id (three queries at most)."""
    placed = [comment for comment in comments if comment.paragraph_anchor or comment.section_anchor]
    if not placed:
        return {}
    current_ids = {version.pk for version in latest_versions(consultation_id=consultation_id)}
    version_ids = current_ids | {comment.version_id for comment in placed if comment.version_id}
    paragraphs = _texts(Paragraph, "text", version_ids, {c.paragraph_anchor for c in placed if c.paragraph_anchor})
    sections = _texts(
        Section, "title", version_ids, {c.section_anchor for c in placed if c.section_anchor and not c.paragraph_anchor}
    )
    return {
        comment.pk: _place(paragraphs, current_ids, comment.version_id, comment.paragraph_anchor)
        if comment.paragraph_anchor
        else _place(sections, current_ids, comment.version_id, comment.section_anchor)
        for comment in placed
    }


def _place(texts: Texts, current_ids: set[int], version_id: int | None, anchor: str) -> Place:
    now = next((texts[(pk, anchor)][1] for pk in current_ids if (pk, anchor) in texts), None)
    made = texts.get((version_id, anchor)) if version_id else None
    if now is None:
        return Place(SUPERSEDED, *(made or (None, "")))
    if made is not None and made[1] != now:
        return Place(EARLIER, *made)
    return Place(CURRENT)


@dataclass(frozen=True)
class Wording:
    """Published comments made on another wording of a paragraph than the one shown: its version and text."""

    number: int
    text: str
    count: int


def other_wordings(*, version: Version, shown: dict[str, str]) -> dict[str, list[Wording]]:
    """For each paragraph anchor shown (anchor -> text), the other wordings published comments were made on (two
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
    found: dict[str, dict[str, Wording]] = {}
    for (pk, anchor), count in sorted(counts.items(), key=lambda item: texts.get(item[0], (0, ""))[0]):
        number, text = texts.get((pk, anchor), (0, ""))
        if not text or text == shown[anchor]:
            continue
        same = found.setdefault(anchor, {}).get(text)  # one wording kept through several versions is shown once
        found[anchor][text] = Wording(same.number if same else number, text, count + (same.count if same else 0))
    return {anchor: list(wordings.values()) for anchor, wordings in found.items()}
