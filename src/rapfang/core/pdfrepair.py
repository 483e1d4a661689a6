"""Repair the Thai text layer of a PDF written by WeasyPrint, without changing anything drawn.

For the fonts it is told about (by FontDescriptor /FontFamily), the repair reads every content stream, gives each
glyph of a run the text it stands for there (`core.pdftext.read_run`), and writes that down twice:

- in the font's ToUnicode map, which every reader uses: a glyph that reads differently in two places (า as า and
  as the end of ำ) gets a second character id (CID) for the second reading, mapped to the same glyph by a
  CIDToGIDMap, with its own ToUnicode entry and width;
- as /ActualText on each base carrying a mark or more, so that readers that order glyphs by position
  (pdftotext) keep the marks in source order and in place.

Only Identity-H CIDFontType2 fonts written with one ToUnicode bfchar map (what WeasyPrint writes) are touched.
See docs/decisions/0004-pdf-text-layer.md.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from rapfang.core.pdftext import AmGlyphs, read_run, stacked_clusters

_END = rb"(?![^\s/\[<(])"
_TOKEN = re.compile(
    rb"/(?P<font>[^\s/\[\]<>(){}%]+)\s+[-+]?[\d.]+\s+Tf" + _END
    + rb"|\[(?P<array>[^\]]*)\]\s*TJ" + _END
    + rb"|<(?P<hex>[0-9A-Fa-f\s]*)>\s*Tj" + _END
    + rb"|(?<![^\s])(?P<op>BT|ET|q|Q|BDC|BMC|EMC)" + _END
)  # fmt: skip
_ELEMENT = re.compile(rb"<(?P<hex>[0-9A-Fa-f\s]*)>|(?P<number>[-+]?[\d.]+)")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")


@dataclass
class _Font:
    """One Type0 font the repair knows, and the readings found for its glyphs."""

    glyphs: AmGlyphs
    font: Any
    descendant: Any
    to_unicode: dict[int, str]
    readings: Counter[tuple[int, str]] = field(default_factory=Counter)
    cids: dict[tuple[int, str], int] = field(default_factory=dict)
    new_cids: dict[int, int] = field(default_factory=dict)  # new CID -> glyph id


@dataclass
class _Stream:
    """A content stream; per glyph drawn in it (in order): its font if known, glyph id and reading."""

    stream: Any
    fonts: dict[bytes, _Font | None]
    data: bytes = b""
    glyph_fonts: list[_Font | None] = field(default_factory=list)
    gids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    span_starts: dict[int, str] = field(default_factory=dict)  # glyph index -> ActualText
    span_ends: set[int] = field(default_factory=set)
    elements: dict[int, list[tuple[bytes, list[int] | None]]] = field(default_factory=dict)  # by token offset


def _gids(hex_digits: bytes) -> list[int] | None:
    if len(hex_digits) == 4:  # one glyph: what WeasyPrint writes most
        return [int(hex_digits, 16)]
    data = bytes.fromhex(hex_digits.decode())  # skips whitespace
    if len(data) % 2:
        return None
    codes = array("H", data)
    if sys.byteorder == "little":
        codes.byteswap()
    return codes.tolist()


def _elements(match: re.Match[bytes]) -> list[tuple[bytes, list[int] | None]]:
    """The elements of a TJ array (or a Tj string): (number, None) or (b"", glyph ids); [] if unreadable."""
    source = match["array"] if match["array"] is not None else b"<" + match["hex"] + b">"
    elements: list[tuple[bytes, list[int] | None]] = []
    for element in _ELEMENT.finditer(source):
        if element["number"] is not None:
            elements.append((element["number"], None))
            continue
        gids = _gids(element["hex"])
        if gids is None:
            return []
        elements.append((b"", gids))
    return elements


def _read(record: _Stream, font: _Font | None, run: list[int]) -> None:
    """Readings and stacked clusters of one font's run (glyph indices of the stream)."""
    if font is None or not run:
        return
    gids = [record.gids[index] for index in run]
    texts = read_run(gids, font.glyphs, font.to_unicode)
    for index, gid, text in zip(run, gids, texts, strict=True):
        record.texts[index] = text
        font.readings[(gid, text)] += 1
    for first, last in stacked_clusters(texts):
        record.span_starts[run[first]] = "".join(texts[first : last + 1])
        record.span_ends.add(run[last])


def _scan(record: _Stream) -> None:
    """Read every glyph of the stream, one font's run at a time (a run ends at Tf, BT, ET, q, Q and marked content)."""
    record.data = record.stream.get_data()
    current: _Font | None = None
    saved: list[_Font | None] = []
    run: list[int] = []
    for match in _TOKEN.finditer(record.data):
        if match["font"] is None and match["op"] is None:
            elements = record.elements[match.start()] = _elements(match)
            for _number, gids in elements:
                for gid in gids or ():
                    run.append(len(record.gids))
                    record.gids.append(gid)
                    record.glyph_fonts.append(current)
                    record.texts.append("")
            continue
        _read(record, current, run)
        run = []
        if match["font"] is not None:
            current = record.fonts.get(b"/" + match["font"])
        elif match["op"] == b"q":
            saved.append(current)
        elif match["op"] == b"Q" and saved:
            current = saved.pop()
    _read(record, current, run)


def _allocate(font: _Font) -> None:
    """Keep each glyph's commonest reading on its own id; give every other reading a new CID for the same glyph."""
    by_glyph: dict[int, list[str]] = {}
    for (gid, text), _count in font.readings.most_common():
        by_glyph.setdefault(gid, []).append(text)
    next_cid = max([*font.to_unicode, *by_glyph, 0]) + 1
    for gid, texts in by_glyph.items():
        font.cids[(gid, texts[0])] = gid
        for text in texts[1:]:
            font.cids[(gid, text)] = next_cid
            font.new_cids[next_cid] = gid
            next_cid += 1


def _actual_text(text: str) -> bytes:
    return b"/Span <</ActualText <feff" + text.encode("utf-16-be").hex().encode() + b">>> BDC"


class _Writer:
    """Writes a stream's text-showing operators again: new CIDs, and ActualText spans around stacked clusters."""

    def __init__(self, record: _Stream, changed: list[int]) -> None:
        self.record = record
        self.changed = changed  # sorted indices of the glyphs that change CID or open or close a span
        self.glyph = 0

    def unchanged(self, elements: list[tuple[bytes, list[int] | None]]) -> bool:
        """Whether the operator's glyphs are all left as they are (then it is copied, and skipped)."""
        count = sum(len(gids) for _number, gids in elements if gids)
        position = bisect_left(self.changed, self.glyph)
        if position < len(self.changed) and self.changed[position] < self.glyph + count:
            return False
        self.glyph += count
        return True

    def cid(self, index: int) -> int:
        font, gid = self.record.glyph_fonts[index], self.record.gids[index]
        return gid if font is None else font.cids.get((gid, self.record.texts[index]), gid)

    def token(self, match: re.Match[bytes]) -> bytes:
        if match["array"] is None and match["hex"] is None:
            return match[0]
        elements = self.record.elements[match.start()]
        if not elements or self.unchanged(elements):
            return match[0]
        out: list[bytes] = []
        piece: list[bytes] = []

        def close() -> None:
            if piece:
                out.append(b"[" + b"".join(piece) + b"] TJ")
                piece.clear()

        for number, gids in elements:
            if gids is None:
                piece.append(number + b" ")
                continue
            codes = b""
            for _gid in gids:
                if self.glyph in self.record.span_starts:
                    piece.extend([b"<" + codes + b">"] if codes else [])
                    codes = b""
                    close()
                    out.append(_actual_text(self.record.span_starts[self.glyph]))
                codes += f"{self.cid(self.glyph):04x}".encode()
                if self.glyph in self.record.span_ends:
                    piece.append(b"<" + codes + b">")
                    codes = b""
                    close()
                    out.append(b"EMC")
                self.glyph += 1
            piece.extend([b"<" + codes + b">"] if codes else [])
        close()
        return b" ".join(out)


def _rewrite(record: _Stream) -> None:
    """Write the stream again if any glyph changed CID or any cluster needs a span."""
    changed = sorted(
        {*record.span_starts, *record.span_ends}.union(
            index
            for index, (font, gid, text) in enumerate(zip(record.glyph_fonts, record.gids, record.texts, strict=True))
            if font is not None and font.cids.get((gid, text), gid) != gid
        )
    )
    if changed:
        record.stream.set_data(_TOKEN.sub(_Writer(record, changed).token, record.data))


def _to_unicode_cmap(entries: Mapping[int, str]) -> bytes:
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    items = sorted(entries.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines.extend(f"<{cid:04x}> <{text.encode('utf-16-be').hex()}>".encode() for cid, text in batch)
        lines.append(b"endbfchar")
    lines.extend([b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"])
    return b"\n".join(lines)


def _widths(w_array: Any) -> dict[int, float]:
    """The CID widths of a CIDFont's W array (`c [w1 w2 ...]` and `c_first c_last w` forms)."""
    items = [item.get_object() for item in (w_array.get_object() if w_array is not None else [])]
    widths: dict[int, float] = {}
    index = 0
    while index < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], list):
            widths.update({first + offset: float(width) for offset, width in enumerate(items[index + 1])})
            index += 2
        else:
            widths.update(dict.fromkeys(range(first, int(items[index + 1]) + 1), float(items[index + 2])))
            index += 3
    return widths


def _update_font(font: _Font, writer: Any) -> None:
    """Write the font's ToUnicode map for its readings and, for new CIDs, their widths and CID-to-glyph map."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, StreamObject

    entries = dict(font.to_unicode)
    entries.update({cid: text for (_gid, text), cid in font.cids.items()})
    font.font["/ToUnicode"].get_object().set_data(_to_unicode_cmap(entries))
    if not font.new_cids:
        return
    widths = _widths(font.descendant.get("/W"))
    if "/W" not in font.descendant:
        font.descendant[NameObject("/W")] = ArrayObject()
    for cid, gid in sorted(font.new_cids.items()):
        font.descendant["/W"].get_object().extend([NumberObject(cid), ArrayObject([FloatObject(widths.get(gid, 0))])])
    last = max(font.new_cids)
    cid_to_gid = StreamObject()
    cid_to_gid.set_data(b"".join(font.new_cids.get(cid, cid).to_bytes(2, "big") for cid in range(last + 1)))
    font.descendant[NameObject("/CIDToGIDMap")] = writer._add_object(cid_to_gid.flate_encode())
    descriptor = font.descendant["/FontDescriptor"].get_object()
    if "/CIDSet" in descriptor:  # PDF/A-1: the set of CIDs present
        bits = bytearray((last + 8) // 8)
        for cid in [*widths, *font.new_cids]:
            bits[cid // 8] |= 0x80 >> (cid % 8)
        descriptor["/CIDSet"].get_object().set_data(bytes(bits))


def _parse_to_unicode(data: bytes) -> dict[int, str] | None:
    if b"beginbfrange" in data:
        return None
    return {
        int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be", errors="replace")
        for code, text in _BFCHAR.findall(data)
    }


def _known_font(font: Any, families: Mapping[str, AmGlyphs]) -> _Font | None:
    """A `_Font` if `font` is an Identity-H CIDFontType2 of a described family, else None (left as it is)."""
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H" or "/ToUnicode" not in font:
        return None
    descendant = font["/DescendantFonts"][0].get_object()
    if descendant.get("/Subtype") != "/CIDFontType2" or descendant.get("/CIDToGIDMap", "/Identity") != "/Identity":
        return None
    family = str(descendant["/FontDescriptor"].get_object().get("/FontFamily", ""))
    to_unicode = _parse_to_unicode(font["/ToUnicode"].get_object().get_data())
    if family not in families or to_unicode is None:
        return None
    return _Font(glyphs=families[family], font=font, descendant=descendant, to_unicode=to_unicode)


def _fonts(resources: Any, families: Mapping[str, AmGlyphs], known: dict[int, _Font | None]) -> dict:
    fonts: dict[bytes, _Font | None] = {}
    for name, reference in (resources.get("/Font") or {}).items():
        key = getattr(reference, "idnum", id(reference))
        if key not in known:
            known[key] = _known_font(reference.get_object(), families)
        fonts[name.encode()] = known[key]
    return fonts


def _content_streams(writer: Any, families: Mapping[str, AmGlyphs], known: dict) -> Iterator[_Stream]:
    """Every page's content streams and every form XObject reachable from a page, each with its fonts."""
    seen: set[int] = set()

    def form_xobjects(resources: Any) -> Iterator[_Stream]:
        for reference in (resources.get("/XObject") or {}).values():
            xobject = reference.get_object()
            if getattr(reference, "idnum", None) in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(reference.idnum)
            inner = (xobject.get("/Resources") or resources).get_object()
            yield _Stream(xobject, _fonts(inner, families, known))
            yield from form_xobjects(inner)

    for page in writer.pages:
        resources = page["/Resources"].get_object() if "/Resources" in page else {}
        contents = page.get("/Contents")
        streams = contents.get_object() if contents is not None else []
        for stream in streams if isinstance(streams, list) else [streams]:
            yield _Stream(stream.get_object(), _fonts(resources, families, known))
        yield from form_xobjects(resources)


def repair_text_layer(pdf: bytes, families: Mapping[str, AmGlyphs]) -> bytes:
    """The PDF with the text of the fonts of `families` (by FontFamily) reading back as the source text."""
    from pypdf import PdfReader, PdfWriter

    if not families:
        return pdf
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    known: dict[int, _Font | None] = {}
    records = list(_content_streams(writer, families, known))
    for record in records:
        _scan(record)
    fonts = [font for font in known.values() if font is not None and font.readings]
    if not fonts:
        return pdf
    for font in fonts:
        _allocate(font)
    for record in records:
        _rewrite(record)
    for font in fonts:
        _update_font(font, writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
