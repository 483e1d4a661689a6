"""Read a draft from DOCX, Markdown or plain text into sections and paragraphs. No database here.

Headings become sections; each paragraph and each list item becomes a paragraph. A heading or a paragraph
may end with a tag naming the consultation's topics by key: `{topics: education, public-health}` (also written
`{domains: …}`).

A Thai law or regulation is usually typed without heading styles: its parts are lines that begin ภาค, ลักษณะ,
หมวด, ส่วนที่ or บทที่ and a number ("หมวด ๑ บททั่วไป", or "หมวด ๑" with its name on the next line). A Word file
or a plain text without any heading is split into sections at those lines; its ข้อ and มาตรา stay paragraphs.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from rapfang.core.errors import InvalidInput

_DOMAINS_TAG = re.compile(r"\s*\{(?:topics|domains):\s*([a-z0-9_,\s-]+)\}\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
# A part of a Thai law: its word, a number in Thai or Arabic digits, and perhaps its name ("หมวด ๑ บททั่วไป").
_THAI_PART = re.compile(r"^(ภาค|ลักษณะ|หมวด|ส่วนที่|บทที่)\s*([๐-๙0-9]+)(?:\s+(.*))?$")
_THAI_PART_LEVELS = {"ภาค": 1, "ลักษณะ": 1, "หมวด": 1, "บทที่": 1, "ส่วนที่": 2}
THAI_PART_MAX_CHARS = 150  # a heading is a line, not a paragraph that happens to begin with หมวด
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]|[๐-๙]+[.)])\s+(.*)$")
MAX_PARAGRAPHS = 5000
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class ParsedParagraph:
    text: str
    is_list_item: bool = False
    domains: list[str] = field(default_factory=list)


@dataclass
class ParsedSection:
    title: str
    level: int = 1
    domains: list[str] = field(default_factory=list)
    paragraphs: list[ParsedParagraph] = field(default_factory=list)


def _tagged(text: str) -> tuple[str, list[str]]:
    """The text without its domain tag, and the tag's keys."""
    match = _DOMAINS_TAG.search(text)
    if not match:
        return text.strip(), []
    keys = [key.strip() for key in match.group(1).split(",") if key.strip()]
    return text[: match.start()].strip(), keys


class _Builder:
    def __init__(self) -> None:
        self.sections: list[ParsedSection] = []

    def heading(self, text: str, level: int) -> None:
        title, domains = _tagged(text)
        self.sections.append(ParsedSection(title=title, level=level, domains=domains))

    def paragraph(self, text: str, *, is_list_item: bool = False) -> None:
        body, domains = _tagged(" ".join(text.split()))
        if not body:
            return
        if not self.sections:
            self.sections.append(ParsedSection(title="", level=1))
        self.sections[-1].paragraphs.append(ParsedParagraph(body, is_list_item, domains))

    def thai_parts(self) -> None:
        """With no heading at all, split the paragraphs into sections at the parts of a Thai law (module doc)."""
        if any(section.title for section in self.sections):
            return
        paragraphs = [paragraph for section in self.sections for paragraph in section.paragraphs]
        if not any(_thai_part(paragraph.text) for paragraph in paragraphs):
            return
        self.sections = []
        index = 0
        while index < len(paragraphs):
            paragraph, index = paragraphs[index], index + 1
            if (part := _thai_part(paragraph.text)) is None:
                self.paragraph(paragraph.text, is_list_item=paragraph.is_list_item)
                self.sections[-1].paragraphs[-1].domains = paragraph.domains
                continue
            (level, named), title = part, paragraph.text
            name = paragraphs[index].text if index < len(paragraphs) else ""
            if not named and name and _thai_part(name) is None and len(name) <= THAI_PART_MAX_CHARS // 2:
                title, index = f"{title} {name}", index + 1  # "หมวด ๑" above its name
            self.sections.append(ParsedSection(title=title, level=level, domains=paragraph.domains))

    def result(self) -> list[ParsedSection]:
        sections = [section for section in self.sections if section.title or section.paragraphs]
        if not any(section.paragraphs for section in sections):
            raise InvalidInput(_("The document has no paragraphs to read."), code="empty_document")
        if sum(len(section.paragraphs) for section in sections) > MAX_PARAGRAPHS:
            raise InvalidInput(_("The document has too many paragraphs."), code="document_too_long")
        return sections


def _thai_part(text: str) -> tuple[int, bool] | None:
    """The level of a line that begins a part of a Thai law, and whether the line gives the part's name; None for
    any other paragraph."""
    found = _THAI_PART.match(text) if len(text) <= THAI_PART_MAX_CHARS else None
    return (_THAI_PART_LEVELS[found.group(1)], bool(found.group(3))) if found else None


def parse_markdown(source: str) -> list[ParsedSection]:
    builder, lines = _Builder(), list[str]()

    def flush() -> None:
        if lines:
            builder.paragraph(" ".join(lines))
            lines.clear()

    for raw in _COMMENTS.sub("", source).splitlines():
        if heading := _HEADING.match(raw.strip()):
            flush()
            builder.heading(heading.group(2), len(heading.group(1)))
        elif item := _LIST_ITEM.match(raw):
            flush()
            lines.append(item.group(1))
            builder.paragraph(" ".join(lines), is_list_item=True)
            lines.clear()
        elif not raw.strip():
            flush()
        else:
            lines.append(raw.strip())
    flush()
    return builder.result()


def parse_text(source: str) -> list[ParsedSection]:
    """Plain text: paragraphs are separated by blank lines; one untitled section, or the parts of a Thai law."""
    builder = _Builder()
    for block in re.split(r"\n\s*\n", source):
        builder.paragraph(block)
    builder.thai_parts()
    return builder.result()


def parse_docx(content: bytes) -> list[ParsedSection]:
    """Word's Heading and Title styles become sections; List styles become list items."""
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise InvalidInput(_("The DOCX file could not be read."), code="bad_docx") from error
    builder = _Builder()
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "Title" or style.startswith("Heading"):
            level = int(style.rsplit(" ", 1)[-1]) if style[-1:].isdigit() else 1
            if paragraph.text.strip():
                builder.heading(paragraph.text, level)
        else:
            builder.paragraph(paragraph.text, is_list_item=style.startswith("List"))
    builder.thai_parts()
    return builder.result()


def _decoded(content: bytes) -> str:
    """UTF-8 (with or without its mark), or UTF-16 when the file starts with its byte-order mark (Windows Notepad)."""
    if content.startswith(UTF16_MARKS):
        return content.decode("utf-16")
    return content.decode("utf-8-sig")


def parse(content: bytes, source_format: str) -> list[ParsedSection]:
    if source_format == "docx":
        return parse_docx(content)
    try:
        text = _decoded(content)
    except UnicodeDecodeError as error:
        raise InvalidInput(_("The text file must be in UTF-8."), code="bad_encoding") from error
    return parse_markdown(text) if source_format == "markdown" else parse_text(text)
