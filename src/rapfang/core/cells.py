"""Spreadsheet cells safe to open in Excel and LibreOffice: text a spreadsheet would take for a formula stays text.

The rule is OWASP's for CSV injection: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return may
be run as a formula (`=HYPERLINK(...)` becomes a live link, `=cmd|...` worse). Every CSV and XLSX the site gives
out passes its text through here. In a CSV such a cell gets a leading apostrophe, which spreadsheet programs show
as text; in an XLSX it is stored as text with the quote-prefix style, so its value is kept exactly and is never
evaluated, not even when someone edits the cell. Numbers stay numbers: a negative number is not text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    """Whether a spreadsheet program could read `value` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: Any) -> Any:
    """The value for a CSV cell: formula-like text behind an apostrophe, anything else as it is."""
    return "'" + value if formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_safe(value) for value in values]


def xlsx_safe(sheet: Any, value: Any) -> Any:
    """The value for an XLSX cell of `sheet` (normal or write-only): formula-like text as a quoted text cell."""
    if not formula_like(value):
        return value
    from openpyxl.cell import WriteOnlyCell  # loaded by the workbook that asks

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    return [xlsx_safe(sheet, value) for value in values]
