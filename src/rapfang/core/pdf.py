"""PDFs drawn by WeasyPrint with the vendored Sarabun, with a text layer that gives back the Thai source text.

`render_pdf` declares Sarabun for WeasyPrint (each of its subsets as a family of its own, because WeasyPrint tells
embedded fonts apart by family, weight and style only and would merge the Thai and Latin files into one broken
font), makes it the default font, renders, and then repairs the text layer with `rapfang.core.pdfrepair`: the
vowel ำ, which the shaper draws as two glyphs (ํ + า), is given back as ำ, and า stays า in every weight.
See docs/decisions/0004-pdf-text-layer.md.

WeasyPrint turns a WOFF2 file into TrueType each time a document declares it (about 0.3 s for Sarabun's ten files,
most of a short document's rendering), so each process unpacks them once into a folder of its own and declares the
TrueType files.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path

from rapfang.core.pdfrepair import repair_text_layer
from rapfang.core.pdftext import AmGlyphs, am_glyphs

SARABUN_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "sarabun"
SARABUN_SUBSETS = ("thai", "latin", "latin-ext")
FONT_STACK = ", ".join(f'"Sarabun {subset}"' for subset in SARABUN_SUBSETS)

_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_URL = re.compile(
    r'url\("(?P<path>files/sarabun-(?P<subset>[a-z-]+?)-\d+-(?:normal|italic)\.woff2)"\)\s*format\("woff2"\)'
)


@cache
def _faces() -> list[tuple[str, Path, str]]:
    """(family, WOFF2 file, rule) for every @font-face of the vendored stylesheet, the family named after the subset
    and the rule's file left as `{truetype}`."""
    css = (SARABUN_DIR / "sarabun.css").read_text(encoding="utf-8")
    faces = []
    for rule in _FONT_FACE.findall(css):
        if match := _FONT_URL.search(rule):
            family = f"Sarabun {match['subset']}"
            rule = rule.replace(match[0], 'url("{truetype}") format("truetype")')
            faces.append((family, SARABUN_DIR / match["path"], rule.replace('"Sarabun";', f'"{family}";')))
    return faces


def _font_files() -> list[tuple[str, Path, Path, str]]:
    """(family, WOFF2 file, TrueType file, rule) for every face, the rule declaring the TrueType file in this
    process's folder (a process started by fork makes its own)."""
    folder = _truetype_folder(os.getpid())
    files = []
    for family, woff2_file, rule in _faces():
        truetype = folder / f"{woff2_file.stem}.ttf"
        files.append((family, woff2_file, truetype, rule.replace("{truetype}", truetype.as_uri())))
    return files


@cache
def _truetype_folder(pid: int) -> Path:
    """A folder of process `pid`'s own (mode 700), removed when that process ends."""
    folder = Path(tempfile.mkdtemp(prefix="rapfang-fonts-"))

    def remove() -> None:
        if os.getpid() == pid:  # not in a process forked from this one, which inherits the exit hooks
            shutil.rmtree(folder, ignore_errors=True)

    atexit.register(remove)
    return folder


def _fonts_unpacked() -> None:
    """Every TrueType file of `_font_files` on disk: unpacked from its WOFF2 file if missing (the first time, or after
    something emptied the temporary folder), written aside and then renamed, so that it is whole or absent."""
    from fontTools.ttLib import woff2

    for _family, woff2_file, truetype, _rule in _font_files():
        if truetype.exists():
            continue
        truetype.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = truetype.with_name(f"{truetype.name}.{threading.get_ident()}.part")
        with woff2_file.open("rb") as source, partial.open("wb") as out:
            woff2.decompress(source, out)
        partial.replace(truetype)


def sarabun_font_faces() -> str:
    """The @font-face rules that declare Sarabun for WeasyPrint, by absolute file:// URL of its TrueType files."""
    return "\n".join(rule for _family, _woff2, _truetype, rule in _font_files())


@cache
def sarabun_am_glyphs() -> dict[str, AmGlyphs]:
    """For each Sarabun family that draws ำ as two glyphs, which glyph ids take part (the same in every weight)."""
    from fontTools.ttLib import TTFont

    _fonts_unpacked()
    by_family: dict[str, list[AmGlyphs]] = {}
    for family, _woff2, truetype, _rule in _font_files():
        by_family.setdefault(family, []).append(am_glyphs(TTFont(truetype)))
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

    _fonts_unpacked()
    fonts = FontConfiguration()  # @font-face rules of a stylesheet passed here are only loaded through it
    defaults = CSS(string=_default_stylesheet(), font_config=fonts)
    return bytes(HTML(string=html, base_url=base_url).write_pdf(stylesheets=[defaults], font_config=fonts))


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render HTML to PDF with Sarabun (the default font; documents may name FONT_STACK themselves).

    `pdftotext` of the result gives back the document's Thai text, ำ and า included, in every weight.
    """
    return repair_text_layer(weasyprint_pdf(html, base_url=base_url), sarabun_am_glyphs())
