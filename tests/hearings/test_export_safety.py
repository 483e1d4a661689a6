"""Registration exports are safe to open: a value sent to the public API as a formula stays text, in Excel's
format and in LibreOffice itself."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import time_machine
from openpyxl import load_workbook

from hearings.conftest import DURING, person

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://attacker.example/","คลิกที่นี่")'


@pytest.fixture
def registered(client, make_event, organiser):
    event = make_event(capacity=10)
    body = person(1, name=LINK, organisation="+66 2 000 0000", position="@SUM(1+1)")
    with time_machine.travel(DURING, tick=False):
        answer = client.post(f"/api/v1/events/{event.pk}/registrations", json.dumps(body),
                             content_type="application/json")  # fmt: skip
    assert answer.status_code == 202
    client.force_login(organiser)
    return client, event


def test_csv_export_puts_formula_like_values_behind_an_apostrophe(registered):
    client, event = registered
    text = client.get(f"/staff/events/{event.pk}/export.csv").content.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert "'" + LINK in row and "'+66 2 000 0000" in row and "'@SUM(1+1)" in row
    assert not any(cell.startswith(("=", "+", "@")) for cell in row)


def test_xlsx_export_stores_them_as_text_never_as_formulas(registered):
    client, event = registered
    content = client.get(f"/staff/events/{event.pk}/export.xlsx").content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(io.BytesIO(content)).active
    names = [sheet.cell(2, column) for column in range(1, sheet.max_column + 1)]
    name = next(cell for cell in names if cell.value == LINK)
    assert name.data_type == "s" and name.quotePrefix


def _libreoffice(source: Path, convert_to: str, folder: Path, infilter: str = "") -> Path:
    """Convert `source` with LibreOffice (headless, a profile of its own); skip when it cannot read spreadsheets."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    command = ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", convert_to, "--outdir", str(folder / "out"), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603  (our own arguments)
    converted = list((folder / "out").glob("*"))
    if not converted:
        pytest.skip("LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)")
    return converted[0]


def test_libreoffice_reads_the_xlsx_export_as_text(registered, tmp_path):
    """LibreOffice converts the workbook to CSV: a live formula would give its result, the text gives itself."""
    client, event = registered
    source = tmp_path / "export.xlsx"
    source.write_bytes(client.get(f"/en/staff/events/{event.pk}/export.xlsx").content)
    converted = _libreoffice(source, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    row = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))[1]
    assert LINK in row and "+66 2 000 0000" in row and "คลิกที่นี่" not in row


def test_libreoffice_opens_the_csv_export_without_a_formula(registered, tmp_path):
    """LibreOffice runs `=...` in a CSV it opens (a bare one became a link); the guarded cells stay text."""
    client, event = registered
    source = tmp_path / "export.csv"
    source.write_bytes(client.get(f"/en/staff/events/{event.pk}/export.csv").content)
    converted = _libreoffice(source, "xlsx", tmp_path, infilter="CSV:44,34,76")
    row = next(load_workbook(converted).active.iter_rows(min_row=2, max_row=2))
    assert all(cell.data_type != "f" for cell in row)
    assert "'" + LINK in [cell.value for cell in row]
