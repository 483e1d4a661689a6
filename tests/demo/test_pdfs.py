"""The demo hearing's downloadable PDFs render, open and carry the announcement's facts."""

from pathlib import Path

import pytest

try:
    import weasyprint  # noqa: F401  (loads pango through cffi on import)
except (ImportError, OSError) as error:
    pytest.skip(f"WeasyPrint cannot load pango: {error}", allow_module_level=True)

from pypdf import PdfReader

from rapfang.demo.pdfs import (
    AGENDA_FILE,
    DEMO_NOTICE_TH,
    DRAFT_DETAILED_FILE,
    DRAFT_SUMMARY_FILE,
    build_demo_pdfs,
)

VENUE_WORDS = ("มิลเลนเนียม", "ฮิลตัน", "Millennium Hilton Bangkok Riverside")
DEMO_NOTICE_WORDS = ("เอกสารตัวอย่าง", "Demo material")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = build_demo_pdfs(tmp_path_factory.mktemp("demo-pdfs"))
    return {path.name: path for path in paths}


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_builds_the_three_downloads(built: dict[str, Path]) -> None:
    assert set(built) == {AGENDA_FILE, DRAFT_SUMMARY_FILE, DRAFT_DETAILED_FILE}
    for path in built.values():
        assert path.is_file()


@pytest.mark.parametrize("name", [AGENDA_FILE, DRAFT_SUMMARY_FILE, DRAFT_DETAILED_FILE])
def test_each_file_is_a_pdf_with_pages(built: dict[str, Path], name: str) -> None:
    path = built[name]
    assert path.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(path).pages) >= 1


@pytest.mark.parametrize("name", [AGENDA_FILE, DRAFT_SUMMARY_FILE, DRAFT_DETAILED_FILE])
def test_every_page_says_it_is_demo_material(built: dict[str, Path], name: str) -> None:
    for text in page_texts(built[name]):
        for words in DEMO_NOTICE_WORDS:
            assert words in text


@pytest.mark.parametrize("name", [AGENDA_FILE, DRAFT_SUMMARY_FILE, DRAFT_DETAILED_FILE])
def test_the_thai_notice_reads_back_whole_with_every_sara_am(built: dict[str, Path], name: str) -> None:
    """The bold notice has ำ (สำหรับ, จัดทำ) and า: the text layer gives back both (see core.pdf)."""
    for text in page_texts(built[name]):
        assert "".join(DEMO_NOTICE_TH.split()) in "".join(text.split())


def test_agenda_names_the_venue(built: dict[str, Path]) -> None:
    text = "\n".join(page_texts(built[AGENDA_FILE]))
    for words in VENUE_WORDS:
        assert words in text


def test_detailed_draft_has_a_section_per_domain(built: dict[str, Path]) -> None:
    text = "\n".join(page_texts(built[DRAFT_DETAILED_FILE]))
    for number in ("๔.๑ ", "๔.๕ ", "๔.๑๐ "):
        assert number in text
    for english_name in ("Education", "Public health", "Government workforce capability"):
        assert english_name in text
    assert "๔.๑ " not in "\n".join(page_texts(built[DRAFT_SUMMARY_FILE]))
