"""Our PDFs give back their Thai source text through pdftotext: every ำ and า, tone marks in order, in every weight."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

try:
    import weasyprint  # noqa: F401  (loads pango through cffi on import)
except (ImportError, OSError) as error:  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise
    pytest.skip(f"WeasyPrint cannot load pango: {error}", allow_module_level=True)

from pypdf import PdfReader

from rapfang.core import pdf as core_pdf
from rapfang.core.pdf import FONT_STACK, render_pdf, sarabun_am_glyphs, weasyprint_pdf
from rapfang.core.pdftext import read_run
from rapfang.core.thai import to_thai_digits


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} (poppler-utils) is not installed: the PDF text layer cannot be checked"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


AM_WORDS = "จัดทำ ดำเนินการ สำนักงาน ทำ น้ำ คำ กำหนด ค่ำ ต่ำ ซ้ำ ป่ำ"
BOLD_HEADING = "ด้านการศึกษา: การจัดทำรายงานสรุปผลการรับฟังความคิดเห็น"  # า before ำ
SEMIBOLD_HEADING = "สำนักงานพัฒนารัฐบาลดิจิทัล ดำเนินการตามมาตรา ๗๗"  # ำ before า
PARAGRAPH = (
    "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) ได้จัดทำร่างแผนพัฒนารัฐบาลดิจิทัลของประเทศไทย "
    "และดำเนินการรับฟังความคิดเห็นจากหน่วยงานภาครัฐ ภาคเอกชน และประชาชนทั่วไป เพื่อนำข้อเสนอแนะ"
    "ไปปรับปรุงร่างแผนให้เหมาะสม ทั้งนี้ ผู้ที่ประสงค์จะแสดงความคิดเห็นสามารถทำได้ทางเว็บไซต์ "
    "หรือส่งหนังสือถึงสำนักงานภายในกำหนดเวลา ความคิดเห็นทุกข้อจะได้รับคำตอบ"
)
TABLE = (
    ("ช่องทาง", "จำนวนความคิดเห็น", "ร้อยละ"),
    ("เว็บไซต์", to_thai_digits("1,234"), to_thai_digits("61.7")),
    ("หนังสือนำส่ง", to_thai_digits("456"), to_thai_digits("22.8")),
    ("การประชุมรับฟังความคิดเห็น", to_thai_digits("310"), to_thai_digits("15.5")),
)
DIGITS = "เลขไทย ๐๑๒๓๔๕๖๗๘๙ วันที่ ๑๔ พฤศจิกายน ๒๕๕๙ เวลา ๑๓.๐๐ น."
ENGLISH = "Summary of the hearing, in English: 1,234 comments."


def _table_html() -> str:
    head, *rows = TABLE
    cells = "".join(f"<th>{escape(cell)}</th>" for cell in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


# One block per page, so that each page's text is one block's source text.
PAGES: tuple[tuple[str, str], ...] = (
    ("p", AM_WORDS),
    ("h1", BOLD_HEADING),
    ("h2", SEMIBOLD_HEADING),
    ("p class=wrap", PARAGRAPH),
    ("table", _table_html()),
    ("p", DIGITS),
    ("p", f"<b>{AM_WORDS}</b> {ENGLISH} <span class=semi>{AM_WORDS}</span>"),
)
PAGE_SOURCES = (
    AM_WORDS,
    BOLD_HEADING,
    SEMIBOLD_HEADING,
    PARAGRAPH,
    " ".join(" ".join(row) for row in TABLE),
    DIGITS,
    f"{AM_WORDS} {ENGLISH} {AM_WORDS}",
)

STYLE = """
@page { size: A5; margin: 15mm; }
body { font-size: 12pt; }
h1 { font-weight: 700; font-size: 16pt; }
h2 { font-weight: 600; font-size: 14pt; }
.semi { font-weight: 600; }
.wrap { width: 60mm; }
section + section { break-before: page; }
table { border-collapse: collapse; }
th, td { border: 0.5pt solid #999; padding: 1mm 2mm; white-space: nowrap; font-size: 9pt; }
th { font-weight: 600; }
"""


def sample_html() -> str:
    sections = "".join(
        f"<section><{tag}>{body if tag == 'table' or '<' in body else escape(body)}</{tag.split()[0]}></section>"
        for tag, body in PAGES
    )
    head = f'<head><meta charset="utf-8"><style>{STYLE}</style></head>'
    return f'<!DOCTYPE html><html lang="th">{head}<body>{sections}</body></html>'


def without_space(text: str) -> str:
    """Whitespace is the only thing normalised: Thai has no spaces between words, so a wrapped line adds one."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    path.write_bytes(render_pdf(sample_html()))
    return path


def pdftotext(path: Path, page: int, *, layout: bool = False) -> str:
    command = [_require("pdftotext"), "-f", str(page), "-l", str(page), "-enc", "UTF-8"]
    command += ["-layout"] if layout else []
    result = subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True)  # noqa: S603
    return result.stdout


def test_the_sample_has_one_page_per_block_and_wraps_the_paragraph(sample_pdf: Path) -> None:
    assert len(PdfReader(sample_pdf).pages) == len(PAGE_SOURCES)
    paragraph_page = pdftotext(sample_pdf, PAGE_SOURCES.index(PARAGRAPH) + 1)
    assert len([line for line in paragraph_page.splitlines() if line.strip()]) >= 4


@pytest.mark.parametrize("page", range(1, len(PAGE_SOURCES) + 1))
def test_pdftotext_gives_back_the_source_text(sample_pdf: Path, page: int) -> None:
    is_table = PAGE_SOURCES[page - 1].startswith(TABLE[0][0])
    text = pdftotext(sample_pdf, page, layout=is_table)  # -layout keeps a table's rows in order
    assert without_space(text) == without_space(PAGE_SOURCES[page - 1])


def test_every_sara_am_and_sara_aa_is_counted_back(sample_pdf: Path) -> None:
    text = "".join(pdftotext(sample_pdf, page) for page in range(1, len(PAGE_SOURCES) + 1))
    source = "".join(PAGE_SOURCES)
    for char in ("ำ", "า", "่", "้"):
        assert text.count(char) == source.count(char), char
    assert "ํ" not in text


def test_pypdf_reads_the_same_text(sample_pdf: Path) -> None:
    """The fix is in the ToUnicode maps, which every reader uses, not only poppler."""
    reader = PdfReader(sample_pdf)
    for page, source in ((1, AM_WORDS), (2, BOLD_HEADING), (3, SEMIBOLD_HEADING), (4, PARAGRAPH)):
        assert without_space(reader.pages[page - 1].extract_text()) == without_space(source)


def test_weasyprint_alone_loses_sara_am(tmp_path: Path) -> None:
    """The defect the repair exists for: if WeasyPrint ever fixes it, this test says so."""
    path = tmp_path / "raw.pdf"
    path.write_bytes(weasyprint_pdf(f"<p>{AM_WORDS}</p><p><b>{BOLD_HEADING}</b></p>"))
    assert without_space(pdftotext(path, 1)) != without_space(AM_WORDS + BOLD_HEADING)


def test_the_repair_changes_no_pixel(tmp_path: Path) -> None:
    html = sample_html()
    pdftoppm = _require("pdftoppm")
    images = []
    for name, pdf in (("raw", weasyprint_pdf(html)), ("fixed", render_pdf(html))):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        command = [pdftoppm, "-r", "60", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)]
        subprocess.run(command, check=True)  # noqa: S603
        images.append([path.read_bytes() for path in sorted(tmp_path.glob(f"{name}-*.png"))])
    assert len(images[0]) == len(PAGE_SOURCES)
    assert images[0] == images[1]


def test_thai_is_drawn_with_sarabun_not_a_fallback(sample_pdf: Path) -> None:
    command = [_require("pdffonts"), str(sample_pdf)]
    fonts = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:]]
    assert names and all("Sarabun" in name for name in names)
    assert {name.split("+")[1] for name in names} >= {"Sarabun-thai", "Sarabun-thai-Bold", "Sarabun-thai-Semi-Bold"}


def test_a_document_naming_the_font_stack_itself_reads_back_too(tmp_path: Path) -> None:
    html = f"<html lang=\"th\"><body style='font-family: {FONT_STACK}'><p><b>{AM_WORDS}</b></p></body></html>"
    path = tmp_path / "named.pdf"
    path.write_bytes(render_pdf(html))
    assert without_space(pdftotext(path, 1)) == without_space(AM_WORDS)


def test_fonts_unpacked_once_come_back_when_their_temporary_folder_is_emptied(tmp_path: Path) -> None:
    """Sarabun is unpacked from WOFF2 once per process; a folder emptied under a long-running server (a cleaner of
    /tmp) is filled again, and Thai is still drawn with Sarabun, never a fallback."""
    render_pdf("<p>ก</p>")
    [folder] = {Path(truetype).parent for _family, _woff2, truetype, _rule in core_pdf._font_files()}
    assert sorted(file.suffix for file in folder.iterdir()) == [".ttf"] * len(core_pdf._font_files())
    shutil.rmtree(folder)
    path = tmp_path / "again.pdf"
    path.write_bytes(render_pdf(f"<p><b>{AM_WORDS}</b></p>"))
    assert without_space(pdftotext(path, 1)) == without_space(AM_WORDS)
    fonts = subprocess.run([_require("pdffonts"), str(path)], check=True, capture_output=True, text=True)  # noqa: S603
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:]]
    assert names and all("Sarabun" in name for name in names)


def test_sarabun_thai_glyphs_are_described_the_same_in_every_weight() -> None:
    glyphs = sarabun_am_glyphs()["Sarabun thai"]
    assert glyphs.sara_aa and glyphs.nikhahit
    assert all("ํ" in glyphs.nominal[gid] for gid in glyphs.nikhahit)


def test_reading_a_run_puts_the_tone_mark_before_sara_am() -> None:
    glyphs = sarabun_am_glyphs()["Sarabun thai"]
    by_text = {text: gid for gid, text in sorted(glyphs.nominal.items(), reverse=True)}
    fused = next(gid for gid in glyphs.nikhahit if glyphs.nominal[gid] != "ํ")  # NIKHAHIT fused with a tone
    tone = glyphs.nominal[fused].replace("ํ", "")
    gids = [by_text["น"], fused, by_text["า"], by_text["ท"], by_text["ํ"], by_text["า"], by_text["า"]]
    assert "".join(read_run(gids, glyphs, {})) == f"น{tone}ำทำา"


def test_text_in_a_transparency_group_a_link_and_svg_reads_back(tmp_path: Path) -> None:
    """Half-opaque text is drawn in a form XObject, not in the page's own stream: it is repaired too."""
    html = (
        f'<html lang="th"><p style="opacity: 0.5"><b>{AM_WORDS}</b></p>'
        f'<p><a href="https://example.org/">{BOLD_HEADING}</a></p>'
        f'<svg width="300" height="30"><text x="0" y="20" font-family="Sarabun thai">{AM_WORDS}</text></svg></html>'
    )
    path = tmp_path / "groups.pdf"
    pdf = render_pdf(html)
    path.write_bytes(pdf)
    xobjects = PdfReader(path).pages[0]["/Resources"].get("/XObject", {})
    assert any(xobject.get_object()["/Subtype"] == "/Form" for xobject in xobjects.values())
    assert without_space(pdftotext(path, 1)) == without_space(AM_WORDS + BOLD_HEADING + AM_WORDS)


# Bases that carry one mark (ส่ ผู มี) read out of place once a line holds taller stacks (ผู้ มี ที่): poppler
# took the mark for a word of its own ("ผู้มีสว ่ นได้สว ่ นเสีย"), in every weight.
ONE_MARK_WORDS = "ผู้มีส่วนได้ส่วนเสีย ไม่มีความเห็น ประเด็นที่ ๑ ที่มีผล หน่วยงาน ข้อเสนอแนะ สิ่งที่เราได้รับฟัง"


@pytest.mark.parametrize("weight", [400, 600, 700])
def test_marks_on_single_bases_read_back_in_place_in_every_weight(tmp_path: Path, weight: int) -> None:
    html = f'<html lang="th"><body><p style="font-weight: {weight}">{ONE_MARK_WORDS}</p></body></html>'
    path = tmp_path / "marks.pdf"
    path.write_bytes(render_pdf(html))
    assert without_space(pdftotext(path, 1)) == without_space(ONE_MARK_WORDS)


def test_the_seeds_rationale_reads_back_wrapped_in_a_narrow_column(tmp_path: Path) -> None:
    from rapfang.demo.seed import CONSULTATION

    source = CONSULTATION["rationale_th"]
    paragraphs = "".join(f"<p>{escape(part)}</p>" for part in source.split("\n\n"))
    html = f'<html lang="th"><body style="width: 70mm">{paragraphs}<p><b>{escape(source)}</b></p></body></html>'
    path = tmp_path / "rationale.pdf"
    path.write_bytes(render_pdf(html))
    pages = len(PdfReader(path).pages)
    text = "".join(pdftotext(path, page) for page in range(1, pages + 1))
    assert without_space(text) == without_space(source + source)
