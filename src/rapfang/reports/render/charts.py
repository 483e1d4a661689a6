"""Bar charts as PNG pictures for the DOCX, drawn with Pillow in Sarabun (Thai shaped by libraqm).

The same layout as the SVG charts of the HTML and PDF (`analysis.charts`): each bar with its label above it and
its value after it, so the chart reads without colour. Sarabun's Thai and Latin files are merged into one font
once per process, because Pillow draws a run of text with a single font.
"""

from __future__ import annotations

import io
import logging
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from rapfang.core.pdf import SARABUN_DIR
from rapfang.reports.participation import Chart

SCALE = 2  # pixels per SVG unit: 1280 px across, sharp at 16 cm
WIDTH = 640
ROW = 44
BAR_TOP = 20
BAR_HEIGHT = 16
VALUE_ROOM = 70
BAR_COLOUR = (47, 93, 149)
TEXT_COLOUR = (17, 17, 17)


@cache
def _font_bytes() -> bytes:
    """Sarabun regular, Thai and Latin in one TrueType font."""
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.merge").setLevel(logging.WARNING)  # it narrates every table it merges at INFO

    parts = []
    for subset in ("thai", "latin"):
        font = TTFont(SARABUN_DIR / "files" / f"sarabun-{subset}-400-normal.woff2")
        font.flavor = None
        buffer = io.BytesIO()
        font.save(buffer)
        buffer.seek(0)
        parts.append(buffer)
    merged = io.BytesIO()
    Merger().merge(parts).save(merged)
    return merged.getvalue()


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if ImageFont.core.HAVE_RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(io.BytesIO(_font_bytes()), size, layout_engine=layout)


def chart_png(chart: Chart) -> bytes:
    """The chart as a PNG; an empty chart is a picture of its bars at zero."""
    rows = max(len(chart.bars), 1)
    image = Image.new("RGB", (WIDTH * SCALE, rows * ROW * SCALE), "white")
    draw = ImageDraw.Draw(image)
    font = _font(13 * SCALE)
    largest = max((bar.value for bar in chart.bars), default=0)
    span = WIDTH - VALUE_ROOM
    for number, bar in enumerate(chart.bars):
        top = number * ROW
        length = span * bar.value / largest if largest else 0.0
        length = max(length, 1.0) if bar.value else 0.0
        draw.text((0, (top + 1) * SCALE), bar.label, font=font, fill=TEXT_COLOUR)
        if length:
            box = (0, (top + BAR_TOP) * SCALE, length * SCALE, (top + BAR_TOP + BAR_HEIGHT) * SCALE)
            draw.rounded_rectangle(box, radius=2 * SCALE, fill=BAR_COLOUR)
        draw.text(((length + 6) * SCALE, (top + BAR_TOP - 2) * SCALE), bar.shown, font=font, fill=TEXT_COLOUR)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
