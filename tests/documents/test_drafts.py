"""Drafts: import from Markdown, plain text and DOCX; anchors that survive a new version; domain tags; the diff."""

from __future__ import annotations

import io

import docx
import pytest

from rapfang.core.actors import SYSTEM
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.documents.anchors import match_anchors, paragraph_diff, word_diff
from rapfang.documents.importing import parse_docx, parse_markdown, parse_text
from rapfang.documents.selectors import version_get, version_sections
from rapfang.documents.services import document_save, version_import

MARKDOWN = """<!-- a note
over two lines -->
# หลักการและเหตุผล {domains: education}

ย่อหน้าแรก
ต่อบรรทัดเดียวกัน

- ด้านการศึกษา {domains: education, transport}
- ด้านคมนาคม

## ภาคผนวก
ข้อความท้าย
"""


def test_markdown_headings_become_sections_and_lines_join_into_paragraphs():
    sections = parse_markdown(MARKDOWN)
    assert [(s.title, s.level, s.domains) for s in sections] == [
        ("หลักการและเหตุผล", 1, ["education"]),
        ("ภาคผนวก", 2, []),
    ]
    first = sections[0].paragraphs
    assert first[0].text == "ย่อหน้าแรก ต่อบรรทัดเดียวกัน"
    assert (first[1].text, first[1].is_list_item, first[1].domains) == ("ด้านการศึกษา", True, ["education", "transport"])


def test_plain_text_paragraphs_are_separated_by_blank_lines():
    sections = parse_text("หนึ่ง\nยังหนึ่ง\n\n\nสอง\n")
    assert [p.text for p in sections[0].paragraphs] == ["หนึ่ง ยังหนึ่ง", "สอง"]


def _thai_regulation_docx() -> bytes:
    """A regulation as Thai agencies type it in Word: every line in the Normal style, the parts by their words."""
    document = docx.Document()
    for line in ("ระเบียบกรมส่งเสริมการทดสอบ ว่าด้วยการรับคำขอ พ.ศ. ....", "โดยที่เป็นการสมควรปรับปรุงระเบียบ",
                 "หมวด ๑", "บททั่วไป", "ข้อ ๑ ระเบียบนี้เรียกว่า “ระเบียบกรมส่งเสริมการทดสอบ”",
                 "ข้อ ๒ ระเบียบนี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศเป็นต้นไป", "หมวด 2 การยื่นคำขอ",
                 "ส่วนที่ ๑ ผู้ยื่นคำขอ", "ข้อ ๓ หมวด ๑ แห่งระเบียบนี้ใช้บังคับแก่ผู้ยื่นคำขอทุกราย"):  # fmt: skip
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_thai_regulation_without_heading_styles_is_split_at_its_parts():
    sections = parse_docx(_thai_regulation_docx())
    assert [(s.title, s.level, len(s.paragraphs)) for s in sections] == [
        ("", 1, 2), ("หมวด ๑ บททั่วไป", 1, 2), ("หมวด 2 การยื่นคำขอ", 1, 0), ("ส่วนที่ ๑ ผู้ยื่นคำขอ", 2, 1),
    ]  # fmt: skip
    assert sections[3].paragraphs[0].text.startswith("ข้อ ๓ หมวด ๑ แห่ง")  # a clause that mentions a part stays one
    text = "หมวด ๑ บททั่วไป\n\nข้อ ๑ ระเบียบนี้เรียกว่า\n\nหมวด ๒\n\nการยื่นคำขอ\n\nข้อ ๒ ผู้ยื่นคำขอ"
    assert [(s.title, len(s.paragraphs)) for s in parse_text(text)] == [("หมวด ๑ บททั่วไป", 1), ("หมวด ๒ การยื่นคำขอ", 1)]


def test_a_draft_with_headings_keeps_them_and_a_text_without_parts_stays_one_section():
    sections = parse_markdown("# บทนำ\n\nหมวด ๑ บททั่วไป\n")  # headings given: the line is a paragraph
    assert [(s.title, [p.text for p in s.paragraphs]) for s in sections] == [("บทนำ", ["หมวด ๑ บททั่วไป"])]
    assert [s.title for s in parse_text("ข้อความหนึ่ง\n\nข้อความสอง")] == [""]


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("บทนำ", level=1)
    document.add_paragraph("ย่อหน้าในบทนำ")
    document.add_heading("รายละเอียด", level=2)
    document.add_paragraph("รายการแรก", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_headings_become_sections_and_list_styles_list_items():
    sections = parse_docx(_docx_bytes())
    assert [(s.title, s.level) for s in sections] == [("บทนำ", 1), ("รายละเอียด", 2)]
    assert sections[1].paragraphs[0].is_list_item


def test_an_empty_document_is_refused():
    with pytest.raises(InvalidInput):
        parse_markdown("# หัวข้อเท่านั้น\n")


def test_unchanged_and_lightly_edited_paragraphs_keep_their_anchor_and_new_ones_get_new_anchors():
    old = [("p-1", "ศึกษาแผนและนโยบายระดับประเทศของหน่วยงานที่เกี่ยวข้อง"), ("p-2", "สัมภาษณ์หน่วยงานหลักในเชิงลึก")]
    new = ["สัมภาษณ์หน่วยงานหลักในเชิงลึก", "ศึกษาแผนและนโยบายระดับประเทศของหน่วยงานที่เกี่ยวข้องทั้งหมด", "ข้อความใหม่"]
    anchors = match_anchors(old, new, "p")
    assert anchors[:2] == ["p-2", "p-1"]
    assert anchors[2] not in {"p-1", "p-2"}


def test_word_diff_compares_segmented_thai_words():
    pieces = word_diff("ศึกษาแผนระดับประเทศ", "ศึกษานโยบายระดับประเทศ")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "ศึกษา"), ("removed", "แผน"), ("added", "นโยบาย"), ("same", "ระดับประเทศ"),
    ]  # fmt: skip


def test_paragraph_diff_shows_removed_paragraphs_where_they_were():
    changes = paragraph_diff([("a", "หนึ่ง"), ("b", "สอง"), ("c", "สาม")], [("a", "หนึ่ง"), ("c", "สามใหม่")])
    assert [(c.kind, c.anchor) for c in changes] == [("same", "a"), ("removed", "b"), ("changed", "c")]


def test_demo_draft_has_two_versions_and_most_anchors_survive(demo):
    document = demo.documents.get(slug="draft")
    first, second = version_get(document=document, number=1), version_get(document=document)
    assert second.number == 2
    old = set(first.paragraphs.values_list("anchor", flat=True))
    new = set(second.paragraphs.values_list("anchor", flat=True))
    assert len(old - new) == 1  # the lead-in line version 2 dropped
    assert new <= old
    sections = version_sections(version=second)
    tagged = [s for s in sections if s.topics.all()]
    assert {d.key for d in tagged[0].topics.all()} >= {"education", "transport"}


def test_importing_needs_an_organiser_and_known_domains(demo, django_user_model):
    stranger = django_user_model.objects.create_user("stranger", password="x")
    with pytest.raises(PermissionDenied):
        document_save(actor=stranger, consultation=demo, slug="other", title_th="อื่น")
    document = document_save(actor=SYSTEM, consultation=demo, slug="other", title_th="อื่น")
    with pytest.raises(InvalidInput) as error:
        version_import(actor=SYSTEM, document=document, content="# ก {domains: nowhere}\nข้อ".encode(), filename="a.md")
    assert error.value.code == "unknown_domain"
    assert not document.versions.exists()


def test_a_pdf_is_not_imported_as_text(demo):
    document = document_save(actor=SYSTEM, consultation=demo, slug="other", title_th="อื่น")
    with pytest.raises(InvalidInput) as error:
        version_import(actor=SYSTEM, document=document, content=b"%PDF-1.4 ...", filename="x.txt")
    assert error.value.code == "file_type"
