"""The reply form as a Word document to fill in. Thai text needs the complex-script font (w:cs) set."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "TH Sarabun New"


def _thai_font(document: Any) -> None:
    """Latin and complex-script (Thai) fonts of the Normal style, so Word shows Thai in Sarabun."""
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(15)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    size = style.element.get_or_add_rPr()
    cs_size = size.find(qn("w:szCs"))
    if cs_size is None:
        cs_size = size.makeelement(qn("w:szCs"), {})
        size.append(cs_size)
    cs_size.set(qn("w:val"), "30")


def reply_form_document(context: dict[str, Any]) -> bytes:
    document = Document()
    _thai_font(document)
    event, agency = context["event"], context["agency"]
    document.add_heading(_("Reply form"), level=1)
    document.add_paragraph(str(event))
    document.add_paragraph(f"{_('Date and time')}: {context['when']}")
    if event.venue_th or event.venue_en:
        from rapfang.core.i18n import localized

        document.add_paragraph(f"{_('Venue')}: {localized(event, 'venue')}")
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
    document.add_paragraph(
        "☐ "
        + _("I agree that the organiser keeps the data above to run this event, as the privacy notice says.")
        + f" ({_('privacy notice version')} {context['notice_version']})"
    )
    document.add_paragraph(_return_line(context, agency))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _return_line(context: dict[str, Any], agency: Any) -> str:
    ways = []
    if context["event"].accepts_fax and agency.fax:
        ways.append(f"{_('fax')} {agency.fax}")
    if context["event"].accepts_email and agency.email:
        ways.append(f"{_('e-mail')} {agency.email}")
    text = _("Please return this form") + (" " + context["deadline"] if context["deadline"] else "")
    return text + (": " + ", ".join(ways) if ways else "")
