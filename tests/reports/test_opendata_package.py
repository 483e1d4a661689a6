"""The open-data package is safe to open in a spreadsheet and describes itself (datapackage.json, licence)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.reports.opendata import opendata_write
from reports.report_helpers import submit

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://attacker.example/","ดูรายละเอียด")'


def build(consultation) -> zipfile.ZipFile:
    out = io.BytesIO()
    opendata_write(consultation, out)
    return zipfile.ZipFile(out)


@pytest.fixture
def published(demo):
    comment_policy_set(actor=None, consultation=demo, moderation=ModerationMode.POST)
    submit(demo, FORMULA, 20)
    submit(demo, "-ขอให้เพิ่มตัวชี้วัด", 21)
    return demo


def test_csv_cells_never_run_as_formulas_and_the_json_keeps_the_text(published):
    archive = build(published)
    rows = list(csv.DictReader(io.StringIO(archive.read("comments.csv").decode("utf-8-sig"))))
    texts = {row["text"] for row in rows}
    assert "'" + FORMULA in texts and "'-ขอให้เพิ่มตัวชี้วัด" in texts
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values() if value)
    records = json.loads(archive.read("comments.json"))
    assert FORMULA in {record["text"] for record in records}
