"""An uploaded draft read against its consultation and the draft's last version, before anything is written.

The import (`services.version_import`) and its dry run (`version_plan`) share these steps, so that what the dry run
announces is what the import then does: the file's kind by its content, the parse into sections and paragraphs, the
topics it names, and the anchors it keeps.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation, Topic
from rapfang.core.errors import InvalidInput
from rapfang.core.files import DOCX, PDF, sniff_content_type
from rapfang.documents.anchors import Piece, match_anchors, word_diff
from rapfang.documents.importing import UTF16_MARKS, ParsedSection, parse
from rapfang.documents.models import SourceFormat, Version

DRAFT_MAX_BYTES = 20 * 1024 * 1024
MARKDOWN_SUFFIXES = {".md", ".markdown"}
NOT_A_DRAFT = _(
    "Only DOCX, Markdown and plain-text drafts can be imported. A PDF cannot be split into paragraphs: upload the "
    "draft as DOCX, and attach the PDF as a file to download."
)
NOT_A_TEXT = _(
    "Only DOCX, Markdown and plain-text drafts can be imported, and this file is none of them (it may be an image, a "
    "program or an old Word .doc file). Save the draft as DOCX and upload it again."
)


def source_format_of(filename: str, content: bytes) -> str:
    """DOCX by content; any other known or binary kind is refused; Markdown for .md files, plain text for the rest."""
    kind = sniff_content_type(io.BytesIO(content))
    if kind == DOCX:
        return SourceFormat.DOCX
    if kind is not None or content.startswith(b"PK") or _binary(content):
        raise InvalidInput(NOT_A_DRAFT if kind == PDF else NOT_A_TEXT, code="file_type")
    if PurePath(filename).suffix.lower() in MARKDOWN_SUFFIXES:
        return SourceFormat.MARKDOWN
    return SourceFormat.TEXT


def _binary(content: bytes) -> bool:
    """A NUL byte near the start means a program, an image or an old Word file, unless the text is UTF-16."""
    return not content.startswith(UTF16_MARKS) and b"\x00" in content[:8192]


@dataclass(frozen=True)
class ParsedDraft:
    source_format: str
    sections: list[ParsedSection]
    topics: dict[str, Topic]

    @property
    def paragraph_texts(self) -> list[str]:
        return [paragraph.text for section in self.sections for paragraph in section.paragraphs]


def draft_parse(consultation: Consultation, content: bytes, filename: str) -> ParsedDraft:
    """The upload read into sections and paragraphs; refused (InvalidInput) if too large, of another kind or unclear."""
    if len(content) > DRAFT_MAX_BYTES:
        raise InvalidInput(_("The draft file is larger than 20 MB."), code="file_too_large")
    source_format = source_format_of(filename, content)
    sections = parse(content, source_format)
    return ParsedDraft(source_format, sections, _topics_named(consultation, sections))


def _topics_named(consultation: Consultation, parsed: list[ParsedSection]) -> dict[str, Topic]:
    """The consultation's topics that the draft's tags name by key; an unknown key refuses the import."""
    keys = {key for s in parsed for key in s.domains} | {key for s in parsed for p in s.paragraphs for key in p.domains}
    topics = {topic.key: topic for topic in consultation.topics.filter(key__in=keys)}
    if missing := keys - set(topics):
        message = _("The draft names topics that this consultation does not have: %(keys)s.")
        raise InvalidInput(message % {"keys": ", ".join(sorted(missing))}, code="unknown_domain", keys=sorted(missing))
    return topics


@dataclass(frozen=True)
class Anchoring:
    """The anchors the new version's sections and paragraphs get, and the previous version's paragraphs."""

    sections: list[str]
    paragraphs: list[str]
    previous_paragraphs: list[tuple[str, str]] = field(default_factory=list)


def anchors_for(previous: Version | None, draft: ParsedDraft) -> Anchoring:
    """Sections and paragraphs like those of `previous` keep their anchors (`anchors.match_anchors`)."""
    old_sections = list(previous.sections.order_by("order").values_list("anchor", "title")) if previous else []
    old_paragraphs = list(previous.paragraphs.order_by("order").values_list("anchor", "text")) if previous else []
    return Anchoring(
        sections=match_anchors(old_sections, [section.title for section in draft.sections], "s"),
        paragraphs=match_anchors(old_paragraphs, draft.paragraph_texts, "p"),
        previous_paragraphs=old_paragraphs,
    )


KEPT, CHANGED, REMOVED, ADDED = "kept", "changed", "removed", "added"


@dataclass(frozen=True)
class ParagraphFate:
    """What a new version does to one paragraph: kept as it was, changed (same anchor), removed, or added."""

    kind: str
    anchor: str
    old: str = ""
    new: str = ""
    comments: int = 0

    @property
    def diff(self) -> tuple[Piece, ...]:
        """The words removed and added, for a changed paragraph."""
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class VersionPlan:
    """The dry run of a new version: its paragraphs' fates against version `after` (0: the first version)."""

    after: int
    source_format: str
    section_count: int
    fates: list[ParagraphFate]

    def of(self, kind: str) -> list[ParagraphFate]:
        return [fate for fate in self.fates if fate.kind == kind]

    def comments(self, kind: str) -> int:
        return sum(fate.comments for fate in self.of(kind))

    @property
    def by_kind(self) -> dict[str, list[ParagraphFate]]:
        return {kind: self.of(kind) for kind in (KEPT, CHANGED, REMOVED, ADDED)}

    @property
    def comment_totals(self) -> dict[str, int]:
        return {kind: self.comments(kind) for kind in (KEPT, CHANGED, REMOVED)}

    @property
    def paragraph_count(self) -> int:
        return len(self.fates) - len(self.of(REMOVED))


def version_plan(
    *, previous: Version | None, draft: ParsedDraft, comments: Mapping[str, int] | None = None
) -> VersionPlan:
    """What importing `draft` after `previous` would do, with the comments made on each paragraph (by anchor)."""
    comments = comments or {}
    anchoring = anchors_for(previous, draft)
    previous_text = dict(anchoring.previous_paragraphs)
    fates, kept = [], set()
    for anchor, text in zip(anchoring.paragraphs, draft.paragraph_texts, strict=True):
        if anchor not in previous_text:
            fates.append(ParagraphFate(ADDED, anchor, new=text))
            continue
        kept.add(anchor)
        kind = KEPT if previous_text[anchor] == text else CHANGED
        fates.append(ParagraphFate(kind, anchor, previous_text[anchor], text, comments.get(anchor, 0)))
    fates += [
        ParagraphFate(REMOVED, anchor, text, comments=comments.get(anchor, 0))
        for anchor, text in anchoring.previous_paragraphs
        if anchor not in kept
    ]
    return VersionPlan(previous.number if previous else 0, draft.source_format, len(draft.sections), fates)
