"""What kind of draft a file is, decided by its content; the dry run's fates of paragraphs. No database."""

from __future__ import annotations

import io

import docx
import pytest

from rapfang.core.errors import InvalidInput
from rapfang.documents.importing import parse_markdown
from rapfang.documents.versioning import ParsedDraft, source_format_of, version_plan


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("ย่อหน้า")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("draft.txt", _docx(), "docx"),  # a Word file with the wrong name is still read as Word
        ("draft.docx", "ข้อ ๑ ย่อหน้า".encode(), "text"),
        ("draft.MD", "# หัวข้อ".encode(), "markdown"),
        ("notepad.txt", "ข้อ ๑".encode("utf-16"), "text"),
    ],
)
def test_the_kind_of_a_draft_is_read_from_its_content(name, content, expected):
    assert source_format_of(name, content) == expected


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, b"MZ\x90\x00\x03\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"],
    ids=["pdf", "png", "program", "old word"],
)
def test_other_kinds_are_refused_with_what_to_do(content):
    with pytest.raises(InvalidInput) as refused:
        source_format_of("draft.md", content)
    assert refused.value.code == "file_type" and "DOCX" in str(refused.value.message)


def test_a_first_version_has_only_new_paragraphs():
    sections = parse_markdown("# หมวด ๑\n\nข้อ ๑\n\nข้อ ๒\n")
    plan = version_plan(previous=None, draft=ParsedDraft("markdown", sections, {}))
    assert (plan.after, plan.section_count, plan.paragraph_count) == (0, 1, 2)
    assert [fate.kind for fate in plan.fates] == ["added", "added"]
