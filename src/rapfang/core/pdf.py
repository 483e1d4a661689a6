"""PDFs drawn by WeasyPrint with the vendored Sarabun, with a text layer that gives back the Thai source text.

`render_pdf` declares Sarabun for WeasyPrint (each of its subsets as a family of its own, because WeasyPrint tells
embedded fonts apart by family, weight and style only and would merge the Thai and Latin files into one broken
font), makes it the default font, renders, and then repairs the text layer with `rapfang.core.pdfrepair`: the
vowel ำ, which the shaper draws as two glyphs (ํ + า), is given back as ำ, and า stays า in every weight.
See docs/decisions/0004-pdf-text-layer.md.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from rapfang.core.pdfrepair import repair_text_layer
from rapfang.core.pdftext import AmGlyphs, am_glyphs

SARABUN_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "sarabun"
SARABUN_SUBSETS = ("thai", "latin", "latin-ext")
FONT_STACK = ", ".join(f'"Sarabun {subset}"' for subset in SARABUN_SUBSETS)

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_URL = re.compile(r'url\("(?P<path>files/sarabun-(?P<subset>[a-z-]+?)-\d+-(?:normal|italic)\.woff2)"\)')


def _font_files() -> list[tuple[str, Path, str]]:
    """(family, file, rule) for every @font-face of the vendored stylesheet, the family named after the subset."""
    css = (SARABUN_DIR / "sarabun.css").read_text(encoding="utf-8")
    faces = []
    for rule in _FONT_FACE.findall(css):
        if match := _FONT_URL.search(rule):
            family = f"Sarabun {match['subset']}"
            path = SARABUN_DIR / match["path"]
            rule = rule.replace(match[0], f'url("{path.as_uri()}")')
            faces.append((family, path, rule.replace('font-family: "Sarabun";', f'font-family: "{family}";')))
    return faces


@cache
def sarabun_font_faces() -> str:
    """The @font-face rules that declare Sarabun for WeasyPrint, by absolute file:// URL."""
    return "\n".join(rule for _family, _path, rule in _font_files())


@cache
def sarabun_am_glyphs() -> dict[str, AmGlyphs]:
    """For each Sarabun family that draws ำ as two glyphs, which glyph ids take part (the same in every weight)."""
    from fontTools.ttLib import TTFont

    by_family: dict[str, list[AmGlyphs]] = {}
    for family, path, _rule in _font_files():
        by_family.setdefault(family, []).append(am_glyphs(TTFont(path)))
    return {
        family: profiles[0]
        for family, profiles in by_family.items()
        if profiles[0].nikhahit and all(profile == profiles[0] for profile in profiles)
    }


def _default_stylesheet() -> str:
    return f"{sarabun_font_faces()}\nhtml {{ font-family: {FONT_STACK}; }}\n"


def weasyprint_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """WeasyPrint's own PDF of `html` with Sarabun as the default font, text layer not yet repaired."""
    from weasyprint import CSS, HTML  # imported here: it loads pango, which only PDF rendering needs
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # @font-face rules of a stylesheet passed here are only loaded through it
    defaults = CSS(string=_default_stylesheet(), font_config=fonts)
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=[defaults], font_config=fonts))


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render HTML to PDF with Sarabun (the default font; documents may name FONT_STACK themselves).

    `pdftotext` of the result gives back the document's Thai text, ำ and า included, in every weight.
    """
    return repair_text_layer(weasyprint_pdf(html, base_url=base_url), sarabun_am_glyphs())
