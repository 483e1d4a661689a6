"""Build the demo hearing's three downloadable PDFs from the announcement's own text.

The real agenda and draft plan are not available, so the demo ships stand-ins rendered by `core.pdf.render_pdf`
(WeasyPrint with the vendored Sarabun font, and a text layer that reads back as the Thai source). Every page says
that the document is demo material, and each document states only what the hearing announcement states.

    python -m rapfang.demo.pdfs [OUT_DIR]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from rapfang.core.pdf import FONT_STACK
from rapfang.core.pdf import render_pdf as render_pdf_bytes
from rapfang.core.thai import to_thai_digits
from rapfang.core.when import format_window
from rapfang.demo import seed

DEFAULT_OUT_DIR = Path(__file__).resolve().parent / "files"

AGENDA_FILE = "dg2-agenda.pdf"
DRAFT_SUMMARY_FILE = "dg2-draft-summary.pdf"
DRAFT_DETAILED_FILE = "dg2-draft-detailed.pdf"

DEMO_NOTICE_TH = "เอกสารตัวอย่างสำหรับการสาธิตระบบ จัดทำจากข้อความในหน้าประกาศรับฟังความคิดเห็น มิใช่เอกสารต้นฉบับของหน่วยงาน"
DEMO_NOTICE_EN = (
    "Demo material generated from the text of the hearing announcement; not the agency's original document."
)


@dataclass(frozen=True)
class Bilingual:
    th: str
    en: str


@dataclass(frozen=True)
class Domain:
    name: Bilingual
    detailed_further: bool


HEARING_TITLE = Bilingual(seed.HEARING["title_th"], seed.HEARING["title_en"])
PANEL = Bilingual(
    f"และการเสวนาภายใต้หัวข้อเรื่อง “{seed.HEARING['panel_th']}”",
    f"with a panel discussion: “{seed.HEARING['panel_en']}”",
)
WHEN = Bilingual(
    format_window(seed.HEARING_START, seed.HEARING_END, lang="th", thai_digits=True),
    format_window(seed.HEARING_START, seed.HEARING_END, lang="en"),
)
VENUE = Bilingual(seed.HEARING["venue_th"], seed.HEARING["venue_en"])
ORGANISER = Bilingual(
    f"{seed.AGENCY['name_th']} ({seed.AGENCY['abbr_th']})", f"{seed.AGENCY['name_en']} ({seed.AGENCY['abbr_en']})"
)
INVITED = Bilingual(
    f"ท่าน หรือผู้แทน จาก{seed.HEARING['invited_th']}",
    f"You or your representative: {seed.HEARING['invited_en']}",
)

DRAFT_TITLE = Bilingual(
    "(ร่าง) แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย ระยะ ๕ ปี (พ.ศ. ๒๕๖๐ – ๒๕๖๔)",
    "(Draft) Digital Government Development Plan of Thailand, 5 years (2017–2021)",
)
DETAILED_SUFFIX = Bilingual("ลงรายละเอียด", "Detailed version")

RATIONALE: tuple[Bilingual, ...] = tuple(
    Bilingual(th, en)
    for th, en in zip(
        str(seed.CONSULTATION["rationale_th"]).split("\n\n"),
        str(seed.CONSULTATION["rationale_en"]).split("\n\n"),
        strict=True,
    )
)

DOMAINS: tuple[Domain, ...] = tuple(
    Domain(Bilingual(name_th, name_en), detailed_further="detailed further" in note)
    for _key, name_th, name_en, note in seed.DOMAINS
)

PREPARATION_PERIOD = Bilingual("เดือนสิงหาคม – พฤศจิกายน ๒๕๕๙", "August to November 2016")
PREPARATION_ACTIVITIES: tuple[Bilingual, ...] = (
    Bilingual(
        "ศึกษาแผนและนโยบายระดับประเทศของหน่วยงานที่เกี่ยวข้อง",
        "Study of national plans and the policies of the agencies concerned",
    ),
    Bilingual("สัมภาษณ์หน่วยงานหลักในเชิงลึก", "In-depth interviews with the key agencies"),
    Bilingual(
        "จัดประชุมระดมสมองกับหน่วยงานที่เกี่ยวข้อง ๘ ขีดความสามารถ รวมทั้งสิ้น ๖ ครั้ง",
        "Brainstorming workshops with the agencies concerned across the 8 capabilities, 6 in all",
    ),
)

NEW_DOMAIN_BODY = Bilingual(
    "เป็นหนึ่งในขีดความสามารถ ๘ ด้านที่เหลือ ซึ่ง (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ.๒๕๖๐-๒๕๖๔) "
    "จัดทำขึ้นเพื่อให้ครอบคลุม นอกเหนือจากขีดความสามารถ ๑๘ ด้านที่แผนพัฒนารัฐบาลดิจิทัล ระยะ ๓ ปี "
    "(พ.ศ.๒๕๕๙-๒๕๖๑) ครอบคลุมแล้ว",
    "One of the 8 remaining domains that the draft phase-2 plan (2017–2021) was prepared to cover, beyond "
    "the 18 domains covered by the three-year plan (2016–2018).",
)
DETAILED_DOMAIN_BODY = Bilingual(
    "เป็นหนึ่งในขีดความสามารถ ๒ ด้านที่ (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ.๒๕๖๐-๒๕๖๔) เพิ่มเติมในรายละเอียด",
    "One of the 2 capabilities that the draft phase-2 plan (2017–2021) details further.",
)


BE_YEARS = re.compile(r"\(พ\.ศ\.[^)]*\)")


def _text(value: str) -> str:
    """Escaped text, with a parenthesised Buddhist-Era span such as (พ.ศ. ๒๕๖๐ – ๒๕๖๔) kept on one line."""
    return BE_YEARS.sub(lambda match: f'<span class="nowrap">{match.group(0)}</span>', escape(value, quote=False))


def _english(value: str, tag: str = "p") -> str:
    return f'<{tag} class="en" lang="en">{_text(value)}</{tag}>'


def _heading(level: int, value: Bilingual, number: str = "") -> str:
    prefix = f"{_text(number)} " if number else ""
    return f'<h{level}>{prefix}{_text(value.th)}<span class="en" lang="en">{_text(value.en)}</span></h{level}>'


def _bilingual_list(items: Iterable[Bilingual], tag: str = "ol") -> str:
    rows = "".join(f"<li>{_text(item.th)}{_english(item.en, 'span')}</li>" for item in items)
    return f"<{tag}>{rows}</{tag}>"


def _paragraphs(items: Iterable[Bilingual]) -> str:
    return "".join(f'<p class="th">{_text(item.th)}</p>{_english(item.en)}' for item in items)


STYLESHEET = """
@page {
  size: A4;
  margin: 30mm 20mm 20mm 20mm;
  @top-center {
    content: element(demo-notice);
    width: 100%;
    vertical-align: bottom;
    padding-bottom: 4mm;
  }
  @bottom-center {
    content: "หน้า " counter(page, thai) " / " counter(pages, thai)
      "   ·   Page " counter(page) " of " counter(pages);
    font-family: FONT_STACK;
    font-size: 8.5pt;
    color: #555;
  }
}
html { font-family: FONT_STACK; font-size: 11pt; line-height: 1.6; color: #1a1a1a; }
body { margin: 0; }
.demo-notice {
  position: running(demo-notice);
  border: 1pt solid #b45309;
  background: #fef3c7;
  color: #78350f;
  padding: 1.5mm 3mm;
  font-size: 8.5pt;
  line-height: 1.45;
  text-align: center;
}
.demo-notice p { margin: 0; }
.demo-notice strong { font-weight: 700; }
h1 { font-size: 15pt; font-weight: 700; line-height: 1.45; margin: 0 0 2mm; }
h2 { font-size: 13pt; font-weight: 700; margin: 7mm 0 2mm; break-after: avoid; }
h3 { font-size: 11.5pt; font-weight: 600; margin: 5mm 0 1mm; break-after: avoid; }
h1 .en, h2 .en, h3 .en { display: block; font-weight: 400; color: #555; }
h1 .en { font-size: 11pt; }
h2 .en, h3 .en { font-size: 9.5pt; }
p { margin: 0 0 2mm; }
p.th { text-indent: 2.5em; }
.en { font-size: 9.5pt; color: #555; }
p.en { margin-bottom: 4mm; }
li .en { display: block; }
ol { list-style-type: thai; padding-left: 8mm; margin: 0 0 3mm; }
ul { padding-left: 8mm; margin: 0 0 3mm; }
li { margin-bottom: 1.5mm; }
.title-block { border-bottom: 1.5pt solid #1e3a8a; padding-bottom: 3mm; margin-bottom: 5mm; }
.title-block .kind { color: #1e3a8a; font-weight: 600; margin: 0 0 1mm; }
.title-block .kind .en { color: #1e3a8a; font-weight: 400; }
.facts { width: 100%; border-collapse: collapse; margin: 4mm 0; }
.facts th, .facts td {
  text-align: left; vertical-align: top; padding: 2mm; border-bottom: 0.5pt solid #ccc;
}
.facts th { width: 32%; font-weight: 600; }
.facts .en { display: block; font-weight: 400; }
.note { border-left: 2pt solid #999; padding: 1mm 0 1mm 3mm; margin-top: 6mm; font-size: 10pt; }
.domain { break-inside: avoid; }
.nowrap { white-space: nowrap; }
"""


def _stylesheet() -> str:
    """The documents' own styles; render_pdf declares Sarabun's @font-face rules."""
    return STYLESHEET.replace("FONT_STACK", FONT_STACK)


def _demo_notice() -> str:
    return (
        '<div class="demo-notice">'
        f"<p><strong>{_text(DEMO_NOTICE_TH)}</strong></p>"
        f'<p lang="en">{_text(DEMO_NOTICE_EN)}</p>'
        "</div>"
    )


def _document(title: Bilingual, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{escape(title.th)} | {escape(title.en)}</title>"
        f'<meta name="description" content="{escape(DEMO_NOTICE_TH)} / {escape(DEMO_NOTICE_EN)}">'
        f"<style>{_stylesheet()}</style></head>"
        f"<body>{_demo_notice()}{body}</body></html>"
    )


def _title_block(kind: Bilingual, title_lines: Iterable[Bilingual]) -> str:
    lines = list(title_lines)
    heading_th = "<br>".join(_text(line.th) for line in lines)
    heading_en = " — ".join(_text(line.en) for line in lines)
    return (
        '<div class="title-block">'
        f'<p class="kind">{_text(kind.th)} <span class="en" lang="en">/ {_text(kind.en)}</span></p>'
        f'<h1>{heading_th}<span class="en" lang="en">{heading_en}</span></h1>'
        "</div>"
    )


def _facts_row(label: Bilingual, value: Bilingual) -> str:
    return (
        f"<tr><th>{_text(label.th)}{_english(label.en, 'span')}</th>"
        f"<td>{_text(value.th)}{_english(value.en, 'span')}</td></tr>"
    )


def agenda_html() -> str:
    rows = "".join(
        _facts_row(label, value)
        for label, value in (
            (Bilingual("วันและเวลา", "Date and time"), WHEN),
            (Bilingual("สถานที่", "Venue"), VENUE),
            (Bilingual("จัดโดย", "Organised by"), ORGANISER),
            (Bilingual("ผู้ได้รับเชิญ", "Invited"), INVITED),
        )
    )
    note = (
        '<div class="note">'
        "<p>หน้าประกาศรับฟังความคิดเห็นไม่ได้ระบุลำดับวาระ ผู้ร่วมเสวนา หรือเวลาของแต่ละช่วง "
        "เอกสารนี้จึงแสดงเฉพาะข้อมูลที่ประกาศระบุไว้ข้างต้น</p>"
        + _english(
            "The announcement gives no agenda items, speakers or session times, so this document shows only "
            "the facts above."
        )
        + "</div>"
    )
    body = (
        _title_block(Bilingual("กำหนดการจัดงาน", "Event agenda"), [HEARING_TITLE])
        + f"<p><strong>{_text(PANEL.th)}</strong></p>{_english(PANEL.en)}"
        + f'<table class="facts">{rows}</table>'
        + note
    )
    return _document(Bilingual("กำหนดการจัดงาน", "Event agenda"), body)


def _domains_section() -> str:
    new_domains = [domain.name for domain in DOMAINS if not domain.detailed_further]
    detailed_domains = [domain.name for domain in DOMAINS if domain.detailed_further]
    intro = Bilingual(
        "แผนพัฒนารัฐบาลดิจิทัล ระยะ ๓ ปี (พ.ศ.๒๕๕๙-๒๕๖๑) ครอบคลุมขีดความสามารถเชิงดิจิทัล (domain) ๑๘ ด้าน "
        "จากขีดความสามารถทั้งหมด ๒๖ ด้าน (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ.๒๕๖๐-๒๕๖๔) "
        "ครอบคลุมขีดความสามารถอีก ๘ ด้านที่เหลือ และเพิ่มเติมในรายละเอียดอีก ๒ ขีดความสามารถ ดังนี้",
        "The three-year plan (2016–2018) covered 18 of the 26 digital capability domains. The draft phase-2 "
        "plan (2017–2021) covers the 8 remaining domains and details 2 more capabilities:",
    )
    return (
        _heading(2, Bilingual("ขีดความสามารถเชิงดิจิทัลใน (ร่าง) แผนฯ ระยะที่ ๒", "Digital capability domains"), "๒.")
        + _paragraphs([intro])
        + _heading(3, Bilingual("ขีดความสามารถ ๘ ด้านที่เหลือ", "The 8 remaining domains"), "๒.๑")
        + _bilingual_list(new_domains)
        + _heading(3, Bilingual("ขีดความสามารถที่เพิ่มเติมในรายละเอียด ๒ ด้าน", "The 2 capabilities detailed further"), "๒.๒")
        + _bilingual_list(detailed_domains)
    )


def _preparation_section() -> str:
    return (
        _heading(2, Bilingual("การจัดทำ (ร่าง) แผน", "How the draft was prepared"), "๓.")
        + f"<p>ระยะเวลาดำเนินการ: {_text(PREPARATION_PERIOD.th)}</p>"
        + _english(f"Period: {PREPARATION_PERIOD.en}")
        + "<p>การดำเนินการที่ผ่านมา ประกอบด้วย</p>"
        + _english("The work so far:")
        + _bilingual_list(PREPARATION_ACTIVITIES)
        + "<p>บัดนี้ ได้มีการทำ (ร่าง) แผนพัฒนารัฐบาลดิจิทัล ระยะที่ ๒ (พ.ศ.๒๕๖๐-๒๕๖๔) เป็นที่เรียบร้อยแล้ว</p>"
        + _english("The draft is now complete.")
    )


def _domain_detail(number: str, domain: Domain) -> str:
    body = DETAILED_DOMAIN_BODY if domain.detailed_further else NEW_DOMAIN_BODY
    heading = _heading(3, domain.name, number)
    return f'<div class="domain">{heading}<p>{_text(body.th)}</p>{_english(body.en)}</div>'


def _domain_details_section() -> str:
    intro = Bilingual(
        "ส่วนนี้แสดงขีดความสามารถแต่ละด้านที่ระบุชื่อไว้ในหน้าประกาศรับฟังความคิดเห็น โดยมีสาระเท่าที่ประกาศระบุเท่านั้น",
        "Each domain named in the announcement, with only what the announcement says about it.",
    )
    sections = "".join(
        _domain_detail(f"๔.{to_thai_digits(str(index))}", domain) for index, domain in enumerate(DOMAINS, start=1)
    )
    return (
        _heading(2, Bilingual("รายละเอียดรายขีดความสามารถ", "Domain by domain"), "๔.")
        + f"<p>{_text(intro.th)}</p>{_english(intro.en)}"
        + sections
    )


def draft_html(*, detailed: bool) -> str:
    title_lines = [DRAFT_TITLE, DETAILED_SUFFIX] if detailed else [DRAFT_TITLE]
    body = (
        _title_block(ORGANISER, title_lines)
        + _heading(2, Bilingual("หลักการและเหตุผล", "Rationale"), "๑.")
        + _paragraphs(RATIONALE)
        + _domains_section()
        + _preparation_section()
        + (_domain_details_section() if detailed else "")
    )
    title = Bilingual(" ".join(line.th for line in title_lines), " — ".join(line.en for line in title_lines))
    return _document(title, body)


def demo_documents() -> dict[str, str]:
    """File name to HTML source, for each of the three downloads."""
    return {
        AGENDA_FILE: agenda_html(),
        DRAFT_SUMMARY_FILE: draft_html(detailed=False),
        DRAFT_DETAILED_FILE: draft_html(detailed=True),
    }


def render_pdf(html: str, target: Path) -> Path:
    """Write the PDF of `html` to `target`."""
    target.write_bytes(render_pdf_bytes(html))
    return target


def build_demo_pdfs(out_dir: Path) -> list[Path]:
    """Render the three demo PDFs into out_dir and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [render_pdf(html, out_dir / name) for name, html in demo_documents().items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Render the demo hearing's downloadable PDFs.")
    parser.add_argument("out_dir", nargs="?", type=Path, default=DEFAULT_OUT_DIR, help="where to write them")
    args = parser.parse_args(argv)
    for path in build_demo_pdfs(args.out_dir):
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
