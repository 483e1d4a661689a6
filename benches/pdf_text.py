"""What the PDF text-layer repair costs next to WeasyPrint's own rendering, on a long Thai annex of comments.

    .venv/bin/python benches/pdf_text.py                 # 1,000 comments
    .venv/bin/python benches/pdf_text.py --comments 5000

Prints the pages, WeasyPrint's time, the repair's time (core.pdfrepair on WeasyPrint's bytes), both sizes, and
whether pdftotext gives back every ำ of the source; then what a one-page document costs, the first in the process
and the next ones (`--short` times; the fonts are made ready once per process).
"""

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

PHRASES = (
    "ขอเสนอให้สำนักงานจัดทำคู่มือการใช้บริการ",
    "ควรกำหนดระยะเวลาดำเนินการให้ชัดเจน",
    "ค่าน้ำประปาและค่าไฟฟ้าควรแจ้งผ่านแอปพลิเคชัน",
    "ผู้ที่อยู่ต่างจังหวัดต้องการช่องทางออนไลน์ที่ใช้ง่าย",
    "ข้อมูลด้านการศึกษาควรเปิดเผยเป็นข้อมูลเปิด",
    "อัตราค่าธรรมเนียมต่ำลงจะช่วยผู้มีรายได้น้อย",
    "ขอให้ซ้ำการรับฟังความคิดเห็นในภูมิภาค",
    "คำตอบของหน่วยงานควรระบุเหตุผลทุกข้อ",
)

HEADER = "<tr><th>ลำดับ</th><th>ความคิดเห็น</th></tr>"


def annex_html(comments: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    rows = "".join(
        f"<tr><td>{index:,}</td><td>{escape(' '.join(rng.choices(PHRASES, k=rng.randint(1, 4))))}</td></tr>"
        for index in range(1, comments + 1)
    )
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>'
        "@page { size: A4; margin: 20mm; } body { font-size: 11pt; } th { font-weight: 700; }"
        "td, th { border-bottom: 0.5pt solid #ccc; padding: 1mm; vertical-align: top; text-align: left; }"
        "</style></head><body><h1>ภาคผนวก: ความคิดเห็นที่เผยแพร่</h1>"
        f"<table><thead>{HEADER}</thead><tbody>{rows}</tbody></table>"
        "</body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--short", type=int, default=10, help="one-page documents rendered after the first")
    args = parser.parse_args()

    from pypdf import PdfReader

    from rapfang.core.pdf import render_pdf, sarabun_am_glyphs, weasyprint_pdf
    from rapfang.core.pdfrepair import repair_text_layer

    short = annex_html(20)
    times = []
    for _ in range(args.short + 1):
        started = time.perf_counter()
        render_pdf(short)
        times.append(time.perf_counter() - started)
    html = annex_html(args.comments)
    families = sarabun_am_glyphs()
    started = time.perf_counter()
    raw = weasyprint_pdf(html)
    rendered = time.perf_counter()
    fixed = repair_text_layer(raw, families)
    repaired = time.perf_counter()
    pages = len(PdfReader(io.BytesIO(fixed)).pages)
    print(f"comments            {args.comments:,}")
    print(f"pages               {pages:,}")
    print(f"WeasyPrint          {rendered - started:7.2f} s   {len(raw):,} bytes")
    rate = pages / (repaired - rendered)
    print(f"repair              {repaired - rendered:7.2f} s   {len(fixed):,} bytes  ({rate:,.0f} pages/s)")
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(fixed)
            file.flush()
            text = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True, check=True).stdout
        repeated = (pages - 1) * HEADER.count("ำ")  # the table's header row is drawn again on every page
        expected = html.count("ำ") + repeated
        print(
            f"pdftotext ำ         {text.count('ำ'):,} read back, {expected:,} drawn ({repeated:,} in repeated headers)"
        )
    print(f"one page, first     {times[0]:7.2f} s   (the process's first PDF)")
    print(f"one page, next      {statistics.median(times[1:]):7.2f} s   (median of {args.short})")


if __name__ == "__main__":
    main()
