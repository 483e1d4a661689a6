"""The reply form as a Word document to fill in, laid out as a Thai office expects: A4 with the margins of an
official form, TH Sarabun New 16 pt (set for Latin and for complex script, w:cs, which is what Word uses for
Thai; the Thai government's standard font, which Thai offices have; Sarabun, drawn in our PDFs, is its
successor), and a signature block (ลงชื่อ …, (…), ตำแหน่ง …, วันที่ …).
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from rapfang.core.i18n import localized

FONT = "TH Sarabun New"
SIZE = 16  # points: the size of official Thai documents in this font


def _thai_font(document: Any) -> None:
    """Latin and complex-script (Thai) fonts and sizes of the Normal style, and Thai as its complex-script
    language, so Word shows and breaks Thai in Sarabun."""
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE)
    properties = style.element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for tag, value in (("w:szCs", str(SIZE * 2)), ("w:lang", None)):
        node = properties.find(qn(tag))
        if node is None:
            node = properties.makeelement(qn(tag), {})
            properties.append(node)
        if value:
            node.set(qn("w:val"), value)
        else:
            node.set(qn("w:bidi"), "th-TH")


def _a4(document: Any) -> None:
    """A4, with the margins of a Thai official form: 3 cm left, 2 cm right, 2.5 cm top, 2 cm bottom."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)


def reply_form_document(context: dict[str, Any]) -> bytes:
    document = Document()
    _a4(document)
    _thai_font(document)
    event, agency = context["event"], context["agency"]
    document.add_heading(_("Reply form"), level=1)
    document.add_paragraph(str(event))
    document.add_paragraph(f"{_('Date and time')}: {context['when']}")
    if event.venue_th or event.venue_en:
        document.add_paragraph(f"{_('Venue')}: {localized(event, 'venue')}")
    _blanks(document, context)
    document.add_paragraph(
        "☐ "
        + _("I agree that the organiser keeps the data above to run this event, as the privacy notice says.")
        + f" ({_('privacy notice version')} {context['notice_version']})"
    )
    _signature(document, context["signature"])
    document.add_paragraph(_return_line(context, agency))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _blanks(document: Any, context: dict[str, Any]) -> None:
    """The fields to fill in, as a table, then the boxes to tick."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label in context["fields"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, ""
    if context["stakeholder_types"]:
        document.add_paragraph(_("You take part as (tick one)") + ":")
        for label in context["stakeholder_types"]:
            document.add_paragraph(f"☐ {label}")
    for question, choices in context["choices"]:
        document.add_paragraph(f"{question} ({_('tick one')}):")
        document.add_paragraph("    ".join(f"☐ {label}" for label in choices))
    for part in context.get("parts", []):
        _part(document, part)


def _part(document: Any, part: dict[str, Any]) -> None:
    """A part the form carries beside the registration (the questionnaire): its questions, boxes and lines."""
    document.add_heading(part["title"], level=2)
    if part.get("intro"):
        document.add_paragraph(part["intro"])
    for number, question in enumerate(part["questions"], start=1):
        document.add_paragraph(f"{number}. {question['text']}")
        if question["options"]:
            document.add_paragraph("    ".join(f"☐ {label}" for label in question["options"]))
        for line in question["lines"]:
            document.add_paragraph(line)


def _signature(document: Any, lines: list[tuple[str, str]]) -> None:
    """The signature block on the right half of the page, kept together on one page."""
    for number, (label, line) in enumerate(lines):
        paragraph = document.add_paragraph(f"{label} {line}" if label else line)
        paragraph.paragraph_format.left_indent = Cm(8 if label else 8.9)
        paragraph.paragraph_format.space_before = Pt(18 if number == 0 else 0)
        paragraph.paragraph_format.keep_with_next = number < len(lines) - 1


def _return_line(context: dict[str, Any], agency: Any) -> str:
    ways = []
    if context["event"].accepts_fax and agency.fax:
        ways.append(f"{_('fax')} {context['fax']}")
    if context["event"].accepts_email and agency.email:
        ways.append(f"{_('e-mail')} {agency.email}")
    text = _("Please return this form") + (" " + context["deadline"] if context["deadline"] else "")
    return text + (": " + ", ".join(ways) if ways else "")
