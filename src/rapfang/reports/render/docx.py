"""The report as a Word document: python-docx for the parts before the annex, the annex's table written here.

Thai needs the complex-script font (`w:cs`) and size (`w:szCs`) on every style the text uses, and heading styles
lose their theme fonts, which would win over the ones set. python-docx adds a paragraph in about a millisecond, so
100,000 comments would take minutes: the annex's rows are WordprocessingML written as text straight into
`word/document.xml` while the package is copied, in the place of a marker paragraph.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from rapfang.reports.annex import AnnexRow
from rapfang.reports.content import Progress, ReportContent
from rapfang.reports.participation import Chart
from rapfang.reports.render.charts import chart_png

FONT = "TH Sarabun New"  # the Thai government's standard font, as on the reply form; Sarabun is its successor
BODY_SIZE = 16
ANNEX_STYLE = "Annex text"
ANNEX_STYLE_ID = "AnnexText"
# Widths of the annex's columns in twentieths of a point (an A4 page less its margins is about 9,600).
ANNEX_COLUMNS = (1650, 1650, 1650, 3950, 700)
FLUSH_ROWS = 500

_THEME = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# The order WordprocessingML gives the children of run properties (w:rPr); Word refuses others.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position",
    "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath",
]  # fmt: skip


def _in_order(properties: Any) -> None:
    def place(child: Any) -> int:
        name = child.tag.rsplit("}", 1)[-1]
        return _RPR_ORDER.index(name) if name in _RPR_ORDER else len(_RPR_ORDER)

    properties[:] = sorted(properties, key=place)


def _fonts(element: Any, size: float | None = None) -> None:
    """Set the Latin and complex-script fonts (and sizes) on a style's or a run's properties."""
    properties = element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute in _THEME:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = properties.find(qn(tag))
            if node is None:
                node = properties.makeelement(qn(tag), {})
                properties.append(node)
            node.set(qn("w:val"), str(int(size * 2)))
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:bidi"), "th-TH")
    _in_order(properties)


def _styles(document: Any) -> None:
    sizes = {
        "Normal": BODY_SIZE, "Title": 26, "Heading 1": 20, "Heading 2": 17, "Heading 3": 16, "Caption": 14,
        "List Bullet": BODY_SIZE, "Quote": BODY_SIZE,
    }  # fmt: skip
    for name, size in sizes.items():
        style = document.styles[name]
        _fonts(style.element, size)
        if name != "Normal":
            style.font.color.rgb = None
    annex = document.styles.add_style(ANNEX_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    annex.style_id = ANNEX_STYLE_ID  # the annex's rows, written as text, name it
    annex.base_style = document.styles["Normal"]
    annex.paragraph_format.space_after = Pt(0)
    annex.paragraph_format.line_spacing = 1.0
    _fonts(annex.element, 13)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)


def _paragraph(
    document: Any, text: str, *, bold: bool = False, style: str | None = None, size: float | None = None
) -> Any:
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold or None
    _fonts(run._r, size)
    return paragraph


def _cover(document: Any, content: ReportContent) -> None:
    for text, size, bold, space in (
        (content.agency, 18, False, 60), (content.report_title, 26, True, 30), (content.title, 20, True, 30),
        (content.version_label, 18, False, 6), (content.date, 18, False, 0),
    ):  # fmt: skip
        paragraph = _paragraph(document, text, bold=bold, size=size)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table(document: Any, header: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _fonts(cell.paragraphs[0].add_run(text)._r)
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _fonts(cell.paragraphs[0].add_run(text)._r)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    document.add_paragraph()


def _facts(document: Any, content: ReportContent) -> None:
    document.add_heading(content.headings["facts"], level=1)
    document.add_heading(_("The public hearing"), level=2)
    if content.hearing:
        rows = [[_("Event"), content.hearing.title], [_("Date and time"), content.hearing.when]]
        if content.hearing.venue:
            rows.append([_("Venue"), content.hearing.venue])
        if content.registration_channels:
            rows.append([_("Registration"), "; ".join(content.registration_channels)])
        _table(document, [_("Fact"), _("Details")], rows, [4.5, 11.5])
    else:
        _paragraph(document, _("No public hearing event was held."))
    if content.preparation:
        document.add_heading(_("How the draft was prepared"), level=2)
        rows = [[event.title, event.kind, event.when, event.sessions_shown] for event in content.preparation]
        _table(document, [_("Activity"), _("Kind"), _("When"), _("Sessions")], rows, [7, 3.5, 4, 1.5])
    document.add_heading(_("Channels for comments"), level=2)
    for channel in content.comment_channels:
        _paragraph(document, channel, style="List Bullet")
    document.add_heading(_("The online comment period"), level=2)
    if content.period:
        _paragraph(document, content.period.when)
        _paragraph(document, content.period.sentence, bold=True)
    else:
        _paragraph(document, _("No online comment period was set."))


def _chart(document: Any, chart: Chart) -> None:
    _paragraph(document, chart.title, bold=True)
    if chart.total:
        document.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    rows = [[bar.label, bar.shown] for bar in chart.bars]
    _table(document, [chart.category, chart.unit], rows, [12, 4])


def _participation(document: Any, content: ReportContent, progress: Progress, total: int) -> None:
    document.add_page_break()
    document.add_heading(content.headings["participation"], level=1)
    for line in content.summary:
        _paragraph(document, line, style="List Bullet")
    document.add_heading(_("Registrations for the hearing"), level=2)
    for chart in content.participation.registration_charts:
        _chart(document, chart)
    progress(2, total)
    document.add_heading(_("Comments"), level=2)
    for chart in content.participation.comment_charts:
        _chart(document, chart)
    progress(3, total)


def _issues(document: Any, content: ReportContent) -> None:
    document.add_page_break()
    document.add_heading(content.headings["issues"], level=1)
    if not content.issues:
        _paragraph(document, _("No issues have been recorded yet."))
    for issue in content.issues:
        document.add_heading(f"{issue.label}: {issue.title}", level=2)
        if issue.domain:
            _paragraph(document, f"{_('Topic')}: {issue.domain}")
        _paragraph(document, f"{_('Comments')}: {issue.count_text}")
        for line in issue.breakdown:
            _paragraph(document, line, style="List Bullet")
        _paragraph(document, f"{_('Decision')}: {issue.decision}", bold=True)
        if issue.summary:
            _paragraph(document, f"{_('What we heard')}: {issue.summary}")
        if issue.representative:
            quote = issue.representative
            _paragraph(
                document, f"{_('A representative comment')} ({quote.receipt}, {quote.date}, {quote.stakeholder})"
            )
            _paragraph(document, quote.text, style="Quote")
        if issue.reasons:
            _paragraph(document, f"{_('Reasons')}: {issue.reasons}")
        if issue.changed:
            _paragraph(document, _("Paragraphs changed"), bold=True)
            for changed in issue.changed:
                text = f"{changed.document}, {changed.version}, {changed.anchor}: {changed.excerpt}"
                _paragraph(document, text, style="List Bullet")


def _questionnaire(document: Any, content: ReportContent) -> None:
    """The questionnaire's results: per question a table of answers, counts and shares, by stakeholder type, and
    the published reasons."""
    part = content.questionnaire
    if part is None:
        return
    document.add_page_break()
    document.add_heading(part.heading, level=1)
    _paragraph(document, part.intro)
    for question in part.questions:
        document.add_heading(question.title, level=2)
        _paragraph(document, question.note)
        if question.rows:
            rows = [[label, shown, share] for label, _count, shown, share, _percent in question.rows]
            _table(document, [_("Answer"), _("Count"), _("Share")], rows, [10, 3, 3])
            by_type = [[label, *counts] for label, counts in question.by_type]
            _table(document, [_("By stakeholder type"), *part.types], by_type)
        if question.reasons:
            _paragraph(document, _("Reasons given"), bold=True)
            for reason in question.reasons:
                _paragraph(document, reason, style="List Bullet")


def _annex_intro(document: Any, content: ReportContent) -> str:
    """The annex's heading and note, and a marker paragraph where the table goes; returns the marker."""
    document.add_page_break()
    document.add_heading(content.headings["annex"], level=1)
    _paragraph(
        document,
        _(
            "Every published comment (%(total)s entries), in order of receipt, without personal data: e-mail "
            "addresses, telephone numbers and ID numbers written in a comment are withheld, and names are never "
            "shown. Comments of a campaign are listed by receipt number under their representative."
        )
        % {"total": content.fmt.num(content.annex_total)},
    )
    marker = f"ANNEX-{uuid.uuid4().hex}"
    if content.annex_total:
        document.add_paragraph(marker)
    else:
        _paragraph(document, _("No comments have been published."))
    return marker


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(text: str) -> str:
    """Runs of one paragraph: escaped text, line breaks as <w:br/>."""
    lines = [escape(_INVALID_XML.sub("", line)) for line in text.split("\n")]
    return "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)


def _cell(text: str, width: int, bold: bool = False, span: int = 1) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
    run = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    return (
        f'<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{ANNEX_STYLE_ID}"/></w:pPr>'
        f"<w:r>{run}{_text(text)}</w:r></w:p></w:tc>"
    )


def annex_row_xml(row: AnnexRow, campaign_label: str) -> str:
    who = "\n".join(part for part in (row.stakeholder, row.organisation, row.channel) if part)
    values = (f"{row.receipt}\n{row.date}", who, row.where, row.text, row.issues)
    xml = (
        "<w:tr>" + "".join(_cell(value, width) for value, width in zip(values, ANNEX_COLUMNS, strict=True)) + "</w:tr>"
    )
    if row.campaign:
        members = f"{campaign_label}: {', '.join(row.campaign)}"
        xml += f"<w:tr>{_cell(members, sum(ANNEX_COLUMNS), span=len(ANNEX_COLUMNS))}</w:tr>"
    return xml


def _annex_table(content: ReportContent, progress: Progress, total: int) -> Iterator[str]:
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in ANNEX_COLUMNS)
    header = [_("Receipt number and date"), _("Stakeholder type, organisation, channel"), _("Where in the draft"),
              _("Comment"), _("Issues")]  # fmt: skip
    cells = "".join(_cell(text, width, bold=True) for text, width in zip(header, ANNEX_COLUMNS, strict=True))
    yield (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>"
    )
    label = _("%(count)s more in the same campaign, by receipt number")
    buffer: list[str] = []
    for done, row in enumerate(content.annex(), start=1):
        campaign = label % {"count": content.fmt.num(len(row.campaign))} if row.campaign else ""
        buffer.append(annex_row_xml(row, campaign))
        if len(buffer) >= FLUSH_ROWS:
            yield "".join(buffer)
            buffer.clear()
            progress(4 + done, total)
    yield "".join(buffer) + "</w:tbl>"


def _write_package(source: bytes, marker: str, annex: Iterator[str] | None, out: BinaryIO) -> None:
    """Copy the package, putting the annex's table in the place of the marker paragraph."""
    with zipfile.ZipFile(io.BytesIO(source)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename != "word/document.xml" or annex is None:
                result.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            xml = data.decode("utf-8")
            at = xml.index(marker)
            start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
            end = xml.index("</w:p>", at) + len("</w:p>")
            with result.open(info.filename, "w", force_zip64=True) as target:
                target.write(xml[:start].encode("utf-8"))
                for part in annex:
                    target.write(part.encode("utf-8"))
                target.write(xml[end:].encode("utf-8"))


def render_docx(content: ReportContent, out: BinaryIO, progress: Progress) -> None:
    total = content.annex_total + 6
    progress(0, total)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    _styles(document)
    document.core_properties.title = f"{content.report_title}: {content.title}"
    document.core_properties.language = content.language
    _cover(document, content)
    _facts(document, content)
    progress(1, total)
    _participation(document, content, progress, total)
    _issues(document, content)
    _questionnaire(document, content)
    marker = _annex_intro(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    annex = _annex_table(content, progress, total) if content.annex_total else None
    _write_package(buffer.getvalue(), marker, annex, out)
    progress(total, total)
