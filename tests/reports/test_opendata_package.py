"""The open-data package is safe to open in a spreadsheet and describes itself (datapackage.json, licence)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.core.actors import SYSTEM
from rapfang.reports.opendata import opendata_write
from rapfang.reports.opendata_readme import TABLES
from reports.report_helpers import submit

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://attacker.example/","ดูรายละเอียด")'


def build(consultation) -> zipfile.ZipFile:
    out = io.BytesIO()
    opendata_write(consultation, out)
    return zipfile.ZipFile(out)


@pytest.fixture
def published(demo):
    comment_policy_set(actor=SYSTEM, consultation=demo, moderation=ModerationMode.POST)
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


@pytest.fixture
def full(db, tmp_path):
    """The demo with its illustrative comments, their analysis and published responses, unpacked."""
    from rapfang.demo.loader import demo_load

    folder = tmp_path / "package"
    build(demo_load(comments=True).consultation).extractall(folder)
    return folder


def test_frictionless_validates_the_package_every_csv_and_every_type(full):
    folder = full
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", "datapackage.json"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:5000]
    rows = {task["name"]: task["stats"]["rows"] for task in report["tasks"]}
    assert set(rows) == {table.name for table in TABLES} and rows["comments"] > 100 and rows["responses"] > 0


def test_the_descriptor_describes_every_csv_with_its_types_and_the_default_licence(full):
    folder = full
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {resource["path"] for resource in descriptor["resources"]} == {f"{t.name}.csv" for t in TABLES}
    comments = next(resource for resource in descriptor["resources"] if resource["name"] == "comments")
    types = {field["name"]: field["type"] for field in comments["schema"]["fields"]}
    assert types["submitted_at"] == "datetime" and types["is_late"] == "boolean" and types["version"] == "integer"
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                       "title": "Creative Commons Attribution 4.0 (CC BY 4.0)"}]  # fmt: skip
    assert "CC BY 4.0" in (folder / "README.md").read_text(encoding="utf-8")


def test_the_licence_is_chosen_per_consultation(demo):
    from rapfang.consultations.services import consultation_update

    consultation_update(actor=SYSTEM, consultation=demo, open_data_licence="CC0-1.0")
    archive = build(demo)
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert "publicdomain/zero/1.0" in archive.read("README.md").decode()


def test_the_consultation_page_names_the_licence_beside_the_open_data(client, db):
    from rapfang.demo.loader import demo_load

    consultation = demo_load(comments=True).consultation
    html = client.get(f"/en/consultations/{consultation.slug}/").content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
