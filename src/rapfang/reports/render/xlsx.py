"""The report as a workbook: one sheet per part, native bar charts, numbers as numbers, the annex in write-only mode.

Sheets: summary (cover, the hearing's facts and the headline figures), participation (each count as a table with
its bar chart), issues, annex (one row per comment or campaign) and campaign members (representative and member
receipt numbers, since a large campaign's list would not fit in one cell). Thai digits, when asked, are a number
format (`[$-D00041E]`), so the cells stay numbers. Text a spreadsheet could take for a formula is stored as text
(core.cells); the annex's inline strings are text by their type.
openpyxl takes a few hundred microseconds a row, so the annex's rows (and the members') are SpreadsheetML written
as text into their sheets while the package is copied, like the DOCX's annex.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from html import unescape
from typing import IO, Any, BinaryIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from rapfang.core.cells import xlsx_safe
from rapfang.reports.content import Progress, ReportContent
from rapfang.reports.participation import Chart

THAI_DIGITS_FORMAT = "[$-D00041E]#,##0"  # Thai numerals, Thai locale: Excel and LibreOffice show ๑,๒๓๔
ARABIC_FORMAT = "#,##0"
FLUSH_ROWS = 1000  # progress is told every this many annex rows
CHART_ROWS = 18  # rows a chart takes beside its table


class _Cells:
    """Cells of one write-only sheet: bold headings, numbers in the report's digits, text never a formula."""

    def __init__(self, sheet: Any, content: ReportContent) -> None:
        self.sheet = sheet
        self.number_format = THAI_DIGITS_FORMAT if content.thai_digits else ARABIC_FORMAT

    def bold(self, value: str, size: int = 11) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=self.text(value))
        cell.font = Font(bold=True, size=size)
        return cell

    def number(self, value: int | None) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.number_format = self.number_format
        return cell

    def text(self, value: str) -> Any:
        return xlsx_safe(self.sheet, value)

    def wrapped(self, value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell


def _widths(sheet: Any, widths: list[float]) -> None:
    for number, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + number)].width = width


def _summary(workbook: Workbook, content: ReportContent) -> None:
    sheet = workbook.create_sheet(_("Summary")[:31])
    _widths(sheet, [38, 90])
    cells = _Cells(sheet, content)
    sheet.append([cells.bold(content.report_title, 14)])
    for value in (content.title, content.agency, content.version_label, content.date):
        sheet.append([cells.text(value)])
    sheet.append([])
    sheet.append([cells.bold(content.headings["facts"], 12)])
    if content.hearing:
        sheet.append([_("Event"), cells.text(content.hearing.title)])
        sheet.append([_("Date and time"), content.hearing.when])
        sheet.append([_("Venue"), cells.text(content.hearing.venue)])
    for event in content.preparation:
        sheet.append([cells.text(event.kind), cells.text(f"{event.title} ({event.when})")])
    sheet.append([_("Channels for comments"), "; ".join(content.comment_channels)])
    if content.period:
        sheet.append([_("The online comment period"), content.period.when])
        sheet.append([_("Days of the comment period"), cells.number(content.period.days)])
        sheet.append([_("Legal minimum (days)"), cells.number(content.period.minimum)])
        sheet.append(["", content.period.sentence])
    sheet.append([])
    sheet.append([cells.bold(_("Figures"), 12)])
    figures = content.figures
    for label, key in (
        (_("Comments received"), "comments_received"), (_("Comments published"), "comments_published"),
        (_("Campaigns"), "campaigns"), (_("Comments in campaigns"), "comments_in_campaigns"),
        (_("Endorsements of published comments"), "endorsements"),
        (_("Entries in the annex"), "annex_rows"), (_("Issues"), "issues"),
        (_("Issues with a decision"), "issues_with_response"),
        (_("Issues under consideration"), "issues_without_response"),
        (_("Registrations"), "registrations"), (_("Checked in at the event"), "check_ins"), (_("Walk-ins"), "walk_ins"),
    ):  # fmt: skip
        sheet.append([label, cells.number(figures.get(key, 0))])


def _participation(workbook: Workbook, content: ReportContent) -> None:
    sheet = workbook.create_sheet(_("Participation")[:31])
    _widths(sheet, [44, 14])
    cells = _Cells(sheet, content)
    row = 1
    for chart in content.charts:
        height = max(len(chart.bars) + 3, CHART_ROWS)
        sheet.append([cells.bold(chart.title, 12)])
        sheet.append([cells.bold(chart.category), cells.bold(chart.unit)])
        for bar in chart.bars:
            sheet.append([cells.text(bar.label), cells.number(bar.value)])
        if chart.bars:
            sheet.add_chart(_bar_chart(sheet, chart, row + 1), f"D{row}")
        for _blank in range(height - len(chart.bars) - 2):
            sheet.append([])
        row += height


def _bar_chart(sheet: Any, chart: Chart, header_row: int) -> BarChart:
    bar_chart = BarChart()
    bar_chart.type = "bar"
    bar_chart.style = 10
    bar_chart.title = chart.title
    bar_chart.legend = None
    bar_chart.y_axis.title = chart.unit
    bar_chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top, as in the table
    last = header_row + len(chart.bars)
    bar_chart.add_data(Reference(sheet, min_col=2, min_row=header_row, max_row=last), titles_from_data=True)
    bar_chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
    bar_chart.width, bar_chart.height = 18, max(7.5, 0.7 * len(chart.bars) + 2)
    return bar_chart


def _issues(workbook: Workbook, content: ReportContent) -> None:
    sheet = workbook.create_sheet(_("Issues")[:31])
    _widths(sheet, [8, 40, 24, 12, 40, 18, 50, 50, 24, 60, 60, 14])
    cells = _Cells(sheet, content)
    header = [
        _("Number"), _("Issue"), _("Topic"), _("Comments"), _("Of which campaigns"), _("Decision"),
        _("Reasons"), _("What we heard"), _("Representative comment"), _("Its text"), _("Paragraphs changed"),
        _("People who agree"),
    ]  # fmt: skip
    sheet.freeze_panes = "A2"
    sheet.append([cells.bold(text) for text in header])
    for issue in content.issues:
        quote = issue.representative
        changed = "\n".join(f"{p.document}, {p.version}, {p.anchor}: {p.excerpt}" for p in issue.changed)
        sheet.append([
            cells.number(issue.number), cells.wrapped(issue.title), cells.text(issue.domain), cells.number(issue.count),
            cells.wrapped("\n".join(issue.breakdown)), cells.text(issue.decision), cells.wrapped(issue.reasons),
            cells.wrapped(issue.summary), cells.text(quote.receipt if quote else ""),
            cells.wrapped(quote.text if quote else ""), cells.wrapped(changed), cells.number(issue.endorsements),
        ])  # fmt: skip


def _questionnaire(workbook: Workbook, content: ReportContent) -> None:
    """The questionnaire's results: per question its answers with counts (numbers) and shares, by stakeholder type."""
    part = content.questionnaire
    if part is None:
        return
    sheet = workbook.create_sheet(_("Questionnaire")[:31])
    _widths(sheet, [50, 12, 12, *[14] * len(part.types)])
    cells = _Cells(sheet, content)
    sheet.append([cells.bold(part.heading, 12)])
    sheet.append([cells.text(part.intro)])
    for question in part.questions:
        sheet.append([])
        sheet.append([cells.bold(question.title)])
        sheet.append([cells.text(question.note)])
        if question.rows:
            sheet.append([cells.bold(text) for text in (_("Answer"), _("Count"), _("Share"), *part.types)])
            by_type = dict(question.by_type_counts)
            for label, count, _shown, share, _percent in question.rows:
                counts = [cells.number(n) for n in by_type.get(label, [])]
                sheet.append([cells.text(label), cells.number(count), share, *counts])
        for reason in question.reasons:
            sheet.append([cells.wrapped(reason)])


def _annex_sheets(workbook: Workbook, content: ReportContent) -> tuple[Any, Any]:
    """The annex's and the campaign members' sheets with their header rows (their rows are added later)."""
    sheet = workbook.create_sheet(_("Annex")[:31])
    members = workbook.create_sheet(_("Campaign members")[:31])
    _widths(sheet, [26, 12, 22, 30, 18, 50, 90, 14, 14])
    _widths(members, [26, 26])
    sheet.freeze_panes = members.freeze_panes = "A2"
    cells, member_cells = _Cells(sheet, content), _Cells(members, content)
    header = [_("Receipt number"), _("Date"), _("Stakeholder type"), _("Organisation"), _("Channel"),
              _("Where in the draft"), _("Comment"), _("Issues"), _("Other comments in its campaign")]  # fmt: skip
    sheet.append([cells.bold(text) for text in header])
    members.append([member_cells.bold(_("Representative comment")), member_cells.bold(_("Member of its campaign"))])
    return sheet, members


def _number_style(styles: str, content: ReportContent) -> int:
    """The index of the cell format that shows a whole number in the report's digits (the summary uses it)."""
    number_format = THAI_DIGITS_FORMAT if content.thai_digits else ARABIC_FORMAT
    format_id = "3"  # Excel's built-in #,##0
    for found_id, code in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles):
        if unescape(code) == number_format:
            format_id = found_id
    formats = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    for index, xf in enumerate(re.findall(r"<xf [^>]*>", formats[1] if formats else "")):
        if f'numFmtId="{format_id}"' in xf and 'fontId="0"' in xf:
            return index
    return 0


def _cell(column: str, row: int, text: str) -> str:
    return f'<c r="{column}{row}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _annex_rows(
    content: ReportContent, style: int, members: IO[bytes], progress: Progress, total: int
) -> Iterator[bytes]:
    """The annex sheet's rows as SpreadsheetML, and the campaign members' rows written to `members`."""
    buffer: list[str] = []
    member_row = 2
    for done, row in enumerate(content.annex(), start=1):
        number = done + 1
        values = (
            row.receipt,
            row.date,
            row.stakeholder,
            row.organisation,
            row.channel,
            row.where,
            row.text,
            row.issues,
        )
        cells = "".join(_cell(column, number, value) for column, value in zip("ABCDEFGH", values, strict=True) if value)
        if row.campaign:
            cells += f'<c r="I{number}" s="{style}"><v>{len(row.campaign)}</v></c>'
            lines = [
                f'<row r="{at}">{_cell("A", at, row.receipt)}{_cell("B", at, other)}</row>'
                for at, other in enumerate(row.campaign, start=member_row)
            ]
            member_row += len(row.campaign)
            members.write("".join(lines).encode("utf-8"))
        buffer.append(f'<row r="{number}">{cells}</row>')
        if len(buffer) >= FLUSH_ROWS:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
            progress(3 + done, total)
    yield "".join(buffer).encode("utf-8")


def _with_rows(xml: bytes, rows: Iterable[bytes], target: IO[bytes]) -> None:
    """A sheet's XML with `rows` added after its header row."""
    at = xml.rindex(b"</sheetData>")
    target.write(xml[:at])
    for part in rows:
        target.write(part)
    target.write(xml[at:])


def _write_package(source: bytes, paths: tuple[str, str], content: ReportContent, out: BinaryIO, progress: Progress,
                   total: int) -> None:  # fmt: skip
    """Copy the package, adding the annex's and the campaign members' rows to their sheets."""
    annex_path = paths[0]
    with zipfile.ZipFile(io.BytesIO(source)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
        style = _number_style(package.read("xl/styles.xml").decode("utf-8"), content)
        with tempfile.SpooledTemporaryFile(max_size=16 * 2**20) as members:
            for info in package.infolist():
                data = package.read(info.filename)
                if info.filename not in paths:
                    result.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                    continue
                with result.open(info.filename, "w", force_zip64=True) as target:
                    if info.filename == annex_path:
                        _with_rows(data, _annex_rows(content, style, members, progress, total), target)
                    else:
                        members.seek(0)
                        _with_rows(data, iter(lambda: members.read(2**20), b""), target)


def render_xlsx(content: ReportContent, out: BinaryIO, progress: Progress) -> None:
    total = content.annex_total + 5
    progress(0, total)
    workbook = Workbook(write_only=True)
    _summary(workbook, content)
    _participation(workbook, content)
    progress(1, total)
    _issues(workbook, content)
    _questionnaire(workbook, content)
    progress(2, total)
    sheets = _annex_sheets(workbook, content)
    package = io.BytesIO()
    workbook.save(package)
    paths = (sheets[0].path.lstrip("/"), sheets[1].path.lstrip("/"))  # numbered when the workbook is saved
    _write_package(package.getvalue(), paths, content, out, progress, total)
    progress(total, total)
