"""What the glyphs of a Thai run stand for: the reading side of the PDF text-layer repair (`core.pdfrepair`).

The shaper draws the vowel ำ (SARA AM) as two glyphs, ํ (NIKHAHIT, moved before any tone mark, and in Sarabun
fused with it into one glyph) and า (SARA AA). WeasyPrint gives each glyph one Unicode value, taken from the first
place the glyph appears, so า reads as า everywhere or as ำ everywhere, and ํ as nothing: จัดทำ comes out as จัดทา,
or ด้านการศึกษา as ด้ำนกำรศึกษำ.

`am_glyphs` learns from a font file which glyph ids draw which Thai text (its cmap, then its substitutions, for
variants and ligatures). `read_run` gives each glyph of a drawn run the text it stands for where it stands: a
NIKHAHIT followed (after any marks above) by SARA AA reads as the tone marks it carries, and that SARA AA as ำ.
Limit: a source with the two characters ํ and า typed one after the other reads back as ำ (they are drawn alike).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

SARA_AM = "\u0e33"
SARA_AA = "\u0e32"
NIKHAHIT = "\u0e4d"
# The marks the shaper moves NIKHAHIT in front of (HarfBuzz's Thai shaper: MAI HAN-AKAT, SARA I to SARA UEE,
# MAITAIKHU to YAMAKKAN).
ABOVE_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37") | frozenset(chr(c) for c in range(0x0E47, 0x0E4F))


def _is_thai(text: str) -> bool:
    return bool(text) and all("\u0e00" <= char <= "\u0e7f" for char in text)


@dataclass(frozen=True)
class AmGlyphs:
    """What a font's glyph ids stand for, as far as reading ำ back needs it.

    `nominal`: glyph id to the Thai text it draws (from the cmap, and through the font's substitutions for
    variants and ligatures, e.g. MAI THO fused with NIKHAHIT to "้ํ"); glyphs two texts lead to are left out.
    """

    nominal: dict[int, str] = field(default_factory=dict)

    @cached_property
    def nikhahit(self) -> frozenset[int]:
        return frozenset(gid for gid, text in self.nominal.items() if NIKHAHIT in text)

    @cached_property
    def sara_aa(self) -> frozenset[int]:
        return frozenset(gid for gid, text in self.nominal.items() if text == SARA_AA)

    @cached_property
    def above(self) -> frozenset[int]:
        return frozenset(
            gid
            for gid, text in self.nominal.items()
            if NIKHAHIT not in text and all(char in ABOVE_MARKS for char in text)
        )


def _substitutions(subtable: Any) -> Iterator[tuple[list[str], str]]:
    """(input glyph names, output glyph name) of a GSUB subtable that substitutes one glyph for one or more."""
    kind = type(subtable).__name__
    if kind == "SingleSubst":
        for source, target in subtable.mapping.items():
            yield [source], target
    elif kind == "AlternateSubst":
        for source, targets in subtable.alternates.items():
            for target in targets:
                yield [source], target
    elif kind == "LigatureSubst":
        for first, ligatures in subtable.ligatures.items():
            for ligature in ligatures:
                yield [first, *ligature.Component], ligature.LigGlyph


def _gsub_subtables(font: TTFont) -> list[Any]:
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return []
    subtables = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            subtables.append(subtable.ExtSubTable if lookup.LookupType == 7 else subtable)
    return subtables


def am_glyphs(font: TTFont) -> AmGlyphs:
    """The Thai text each glyph of `font` draws: its cmap, then its substitutions until nothing new is learnt.

    A glyph reached from two different texts is ambiguous and left out (its ToUnicode entry is kept); the same marks
    in another order (a fused tone and NIKHAHIT, whichever came first) are one text.
    """
    texts: dict[str, list[str]] = {}
    for codepoint, name in sorted(font.getBestCmap().items()):
        texts.setdefault(name, []).append(chr(codepoint))
    subtables = _gsub_subtables(font)
    changed = True
    while changed:
        changed = False
        for subtable in subtables:
            for sources, target in _substitutions(subtable):
                if not all(len(texts.get(name, ())) == 1 for name in sources):
                    continue
                found = texts.setdefault(target, [])
                text = "".join(texts[name][0] for name in sources)
                if sorted(text) not in (sorted(known) for known in found):  # the same marks in another order agree
                    found.append(text)
                    changed = True
    nominal = {
        font.getGlyphID(name): found[0] for name, found in texts.items() if len(found) == 1 and _is_thai(found[0])
    }
    return AmGlyphs(nominal=nominal)


def read_run(gids: list[int], glyphs: AmGlyphs, to_unicode: Mapping[int, str]) -> list[str]:
    """The text each glyph of one font's run stands for, in drawing order."""
    nominal, nikhahit, sara_aa, above = glyphs.nominal, glyphs.nikhahit, glyphs.sara_aa, glyphs.above
    texts = [nominal.get(gid, to_unicode.get(gid, "")) for gid in gids]
    for index, gid in enumerate(gids):
        if gid not in nikhahit:
            continue
        after = index + 1
        while after < len(gids) and gids[after] in above:
            after += 1
        if after < len(gids) and gids[after] in sara_aa:
            texts[index] = nominal[gid].replace(NIKHAHIT, "")  # the tone mark fused with it, if any
            texts[after] = SARA_AM
    return texts


@cache
def _attached(text: str) -> bool:
    """Whether a glyph reading sits on the glyph before it: a mark, the ำ of a split SARA AM, or nothing."""
    return text == SARA_AM or all(unicodedata.category(char) == "Mn" for char in text)


def stacked_clusters(texts: list[str]) -> list[tuple[int, int]]:
    """(first, last) glyph indices of each base carrying one glyph or more (marks, the ำ of a split SARA AM).

    Text extractors that order glyphs by position can swap such marks (ที่ read as ท่ี), or take a lone mark for a
    word of its own once taller stacks share its line (ผู้มีส่วน read as ผู้มีสว ่ น): the repair labels each of these
    clusters with its text.
    """
    clusters = []
    index = 0
    while index < len(texts):
        after = index + 1
        while after < len(texts) and _attached(texts[after]):
            after += 1
        if after - index >= 2:
            clusters.append((index, after - 1))
        index = after
    return clusters
