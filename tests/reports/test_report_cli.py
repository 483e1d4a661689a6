"""`rapfang report`: writes the file with a progress bar; plain errors (exit 2) for a bad slug, format or path;
nothing half-written when rendering fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapfang import cli
from rapfang.reports.render import FORMATS
from reports.summary_fixtures import Hearing, hearing_fixture, text_of  # noqa: F401  (the fixture "hearing")

pytestmark = pytest.mark.django_db(transaction=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["report", *args])
    return code, capsys.readouterr().err


def test_the_formats_match_the_renderers() -> None:
    assert cli.REPORT_FORMATS == FORMATS


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_writes_the_report_with_a_progress_bar(
    hearing: Hearing, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    code, err = run(capsys, hearing.consultation.slug, "--format", fmt, "--out", str(out), "--thai-digits")
    assert code == 0 and out.is_file()
    assert f"report {fmt} [" in err and "100%" in err and f"wrote {out}" in err
    text = text_of(fmt, out.read_bytes())
    assert "รายงานสรุปผลการรับฟังความคิดเห็น" in text and "๒๕๖" in text
    assert [path.name for path in tmp_path.iterdir() if path.name != "media"] == [out.name]  # no temporary file


def test_english_and_arabic_digits(hearing: Hearing, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    code, _err = run(capsys, hearing.consultation.slug, "--format", "html", "--out", str(out), "--language", "en",
                     "--no-thai-digits")  # fmt: skip
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Hearing summary report" in html


def test_an_unknown_slug(db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    code, err = run(capsys, "no-such-hearing", "--format", "pdf", "--out", str(out))
    assert code == 2 and "there is no consultation with the short name 'no-such-hearing'" in err
    assert not out.exists()


def test_an_unknown_format(db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", "dg2-2560-2564", "--format", "odt", "--out", str(tmp_path / "report.odt")])
    assert stopped.value.code == 2
    assert "invalid choice: 'odt'" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["missing-folder/report.pdf", "a-file/report.pdf", "."])
def test_an_unwritable_path(hearing: Hearing, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    code, err = run(capsys, hearing.consultation.slug, "--format", "pdf", "--out", str(tmp_path / where))
    assert code == 2 and "rapfang report: cannot write the report to" in err
    assert sorted(path.name for path in tmp_path.iterdir() if path.name != "media") == ["a-file"]


def test_a_failed_rendering_leaves_the_old_file(
    hearing: Hearing, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("the PDF library stopped")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")
    code, err = run(capsys, hearing.consultation.slug, "--format", "pdf", "--out", str(out))
    assert code == 1 and "the report could not be made: RuntimeError: the PDF library stopped" in err
    assert out.read_bytes() == b"the previous report"
    assert sorted(path.name for path in tmp_path.iterdir() if path.name != "media") == ["report.pdf"]
