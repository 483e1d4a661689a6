"""Stable anchors across versions, and the word-by-word diff between two versions. No database here.

A paragraph of a new version keeps the anchor of the old paragraph with the same text, or else of the most
similar old paragraph (share of segmented Thai words in common at least `KEEP_THRESHOLD`); each old
anchor is given to one new paragraph at most. Anything else gets a new anchor.
"""

from __future__ import annotations

import difflib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from rapfang.core import thaitext

KEEP_THRESHOLD = 0.5


def new_anchor(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(5)}"


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def match_anchors(old: Sequence[tuple[str, str]], new: Sequence[str], prefix: str) -> list[str]:
    """Anchors for the `new` texts, given the `old` (anchor, text) pairs."""
    result: list[str | None] = [None] * len(new)
    free = {anchor: text for anchor, text in old}
    by_text: dict[str, list[str]] = {}
    for anchor, text in old:
        by_text.setdefault(thaitext.normalise(text), []).append(anchor)
    for index, text in enumerate(new):
        candidates = by_text.get(thaitext.normalise(text), [])
        if candidates:
            anchor = candidates.pop(0)
            result[index] = anchor
            del free[anchor]
    _match_similar(result, new, free)
    return [anchor or new_anchor(prefix) for anchor in result]


def _match_similar(result: list[str | None], new: Sequence[str], free: dict[str, str]) -> None:
    old_words = {anchor: set(thaitext.words(text)) for anchor, text in free.items()}
    pairs = []
    for index, text in enumerate(new):
        if result[index] is None:
            words = set(thaitext.words(text))
            pairs += [(_jaccard(words, other), index, anchor) for anchor, other in old_words.items()]
    for score, index, anchor in sorted(pairs, key=lambda pair: -pair[0]):
        if score < KEEP_THRESHOLD:
            break
        if result[index] is None and anchor in free:
            result[index] = anchor
            del free[anchor]


@dataclass(frozen=True)
class Piece:
    """A run of text in a diff: `kind` is "same", "added" or "removed"."""

    kind: str
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph in the diff: "same", "changed", "added" or "removed"."""

    kind: str
    anchor: str
    pieces: tuple[Piece, ...]


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Word-by-word differences; Thai is compared in segmented words, spaces kept."""
    a, b = thaitext.split(old), thaitext.split(new)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return tuple(pieces)


def paragraph_diff(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[ParagraphChange]:
    """The new version's paragraphs in order, with removed ones placed after their old predecessor."""
    old_text = dict(old)
    new_anchors = {anchor for anchor, _text in new}
    changes: list[ParagraphChange] = []
    removed_after = _removed_by_predecessor(old, new_anchors)
    changes += [ParagraphChange("removed", a, (Piece("removed", old_text[a]),)) for a in removed_after.get("", [])]
    for anchor, text in new:
        if anchor not in old_text:
            changes.append(ParagraphChange("added", anchor, (Piece("added", text),)))
        elif old_text[anchor] == text:
            changes.append(ParagraphChange("same", anchor, (Piece("same", text),)))
        else:
            changes.append(ParagraphChange("changed", anchor, word_diff(old_text[anchor], text)))
        changes += [
            ParagraphChange("removed", gone, (Piece("removed", old_text[gone]),))
            for gone in removed_after.get(anchor, [])
        ]
    return changes


def _removed_by_predecessor(old: Sequence[tuple[str, str]], kept: set[str]) -> dict[str, list[str]]:
    """Removed anchors grouped under the nearest kept anchor before them ("" for the start)."""
    grouped: dict[str, list[str]] = {}
    previous = ""
    for anchor, _text in old:
        if anchor in kept:
            previous = anchor
        else:
            grouped.setdefault(previous, []).append(anchor)
    return grouped
