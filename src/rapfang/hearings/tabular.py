"""Registrations as tables: exports (CSV, XLSX) for staff, and reading a filled CSV/XLSX for bulk import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from rapfang.core.cells import csv_row, xlsx_row
from rapfang.core.thai import to_bangkok
from rapfang.hearings.models import EventQuestion, Registration
from rapfang.hearings.questions import YES_WORDS, answer_text

# The columns of an import file, in the order of the template; the first row of a file names them.
IMPORT_COLUMNS = (
    "name", "organisation", "position", "stakeholder_type", "email", "phone", "needs", "consent", "received_at",
)  # fmt: skip
YES = YES_WORDS | {"ยินยอม"}


def import_columns(questions: Sequence[EventQuestion] = ()) -> tuple[str, ...]:
    """The standard columns, then one per question of the event's own, named by its key."""
    return (*IMPORT_COLUMNS, *(question.key for question in questions))


def export_header(questions: Sequence[EventQuestion] = ()) -> list[str]:
    return [
        _("Reference"), _("Status"), _("Waitlist number"), _("Channel"), _("Name"), _("Organisation"), _("Position"),
        _("Stakeholder type"), _("E-mail"), _("Telephone"), _("Accessibility or dietary needs"), _("Received at"),
        _("Arrived at"), _("Privacy notice version"), _("Consent given at"),
        *(str(question) for question in questions),
    ]  # fmt: skip


def _when(value: Any) -> str:
    return to_bangkok(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def export_rows(registrations: Iterable[Registration], questions: Sequence[EventQuestion] = ()) -> Iterable[list[Any]]:
    for r in registrations:
        answers = r.answers or {}
        yield [
            r.reference, r.get_status_display(), r.waitlist_number or "", r.get_channel_display(), r.name,
            r.organisation, r.position, r.get_stakeholder_type_display(), r.email, r.phone, r.needs,
            _when(r.received_at), _when(r.checked_in_at), r.consent_version, _when(r.consented_at),
            *(answer_text(q, answers.get(q.key, "")) for q in questions),
        ]  # fmt: skip


def export_csv(registrations: Iterable[Registration], questions: Sequence[EventQuestion] = ()) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Thai; no cell runs as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(export_header(questions)))
    writer.writerows(csv_row(row) for row in export_rows(registrations, questions))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(registrations: Iterable[Registration], questions: Sequence[EventQuestion] = ()) -> bytes:
    from openpyxl import Workbook  # a spreadsheet library is loaded where a workbook is made

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Registrations")[:31]
    sheet.append(xlsx_row(sheet, export_header(questions)))
    for row in export_rows(registrations, questions):
        sheet.append(xlsx_row(sheet, row))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_template_csv(questions: Sequence[EventQuestion] = ()) -> bytes:
    return ("\ufeff" + ",".join(import_columns(questions)) + "\n").encode("utf-8")


def read_table(content: bytes, *, is_xlsx: bool) -> list[dict[str, str]]:
    """The rows of a filled file as dicts keyed by the header's column names; empty rows skipped."""
    rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    if not rows:
        return []
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    records = []
    for row in rows[1:]:
        values = ["" if cell is None else str(cell).strip() for cell in row]
        if any(values):
            records.append(dict(zip(header, values, strict=False)))
    return records


def _csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def consent_given(value: str) -> bool:
    return value.strip().lower() in YES
