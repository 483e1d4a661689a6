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
from typing import TYPE_CHECKING

from rapfang.core.thai.normalise import search_form
from rapfang.core.thai.search import words
from rapfang.core.thai.words import split

if TYPE_CHECKING:  # numpy and SciPy are loaded where paragraphs are compared, not by every process
    from scipy.sparse import csr_matrix

KEEP_THRESHOLD = 0.5


def new_anchor(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(5)}"


def match_anchors(old: Sequence[tuple[str, str]], new: Sequence[str], prefix: str) -> list[str]:
    """Anchors for the `new` texts, given the `old` (anchor, text) pairs."""
    result: list[str | None] = [None] * len(new)
    free = {anchor: text for anchor, text in old}
    by_text: dict[str, list[str]] = {}
    for anchor, text in old:
        by_text.setdefault(search_form(text), []).append(anchor)
    for index, text in enumerate(new):
        candidates = by_text.get(search_form(text), [])
        if candidates:
            anchor = candidates.pop(0)
            result[index] = anchor
            del free[anchor]
    _match_similar(result, new, free)
    return [anchor or new_anchor(prefix) for anchor in result]


def _match_similar(result: list[str | None], new: Sequence[str], free: dict[str, str]) -> None:
    """Give the free anchors to the unmatched new texts, most similar pairs first (ties: new order, then old)."""
    if not free or None not in result:  # a first version, or every text kept its anchor: nothing to compare
        return
    position = {anchor: number for number, anchor in enumerate(free)}
    wanted = {index: set(words(text)) for index, text in enumerate(new) if result[index] is None}
    old = {anchor: set(words(text)) for anchor, text in free.items()}
    pairs = _similar_pairs(wanted, old)
    for _share, index, anchor in sorted(pairs, key=lambda pair: (-pair[0], pair[1], position[pair[2]])):
        if result[index] is None and anchor in free:
            result[index] = anchor
            del free[anchor]


def _similar_pairs(wanted: dict[int, set[str]], old: dict[str, set[str]]) -> list[tuple[float, int, str]]:
    """Every (share of words in common, new index, old anchor) at or above KEEP_THRESHOLD.

    The share is Jaccard's |A & B| / |A | B| (two empty sets: 1). All intersections are counted at once as a sparse
    matrix product: a 3,000-paragraph draft is compared in well under a second instead of minutes, with the same
    numbers as comparing the sets pair by pair.
    """
    import numpy as np

    vocabulary: dict[str, int] = {}
    new_keys, old_keys = list(wanted), list(old)
    cells = _cells(list(wanted.values()), vocabulary), _cells(list(old.values()), vocabulary)
    width = max(len(vocabulary), 1)
    left, right = _matrix(cells[0], len(new_keys), width), _matrix(cells[1], len(old_keys), width)
    common = (left @ right.T).tocoo()
    left_sizes = np.asarray(left.sum(axis=1)).ravel()
    right_sizes = np.asarray(right.sum(axis=1)).ravel()
    shares = common.data / (left_sizes[common.row] + right_sizes[common.col] - common.data)
    keep = shares >= KEEP_THRESHOLD
    pairs = [(float(share), new_keys[row], old_keys[col])
             for share, row, col in zip(shares[keep], common.row[keep], common.col[keep], strict=True)]  # fmt: skip
    empty_old = [anchor for anchor in old_keys if not old[anchor]]
    pairs += [(1.0, index, anchor) for index in new_keys if not wanted[index] for anchor in empty_old]
    return pairs


def _cells(sets: list[set[str]], vocabulary: dict[str, int]) -> tuple[list[int], list[int]]:
    """The (row, column) of every word of every set, the words numbered in `vocabulary` (shared by both sides)."""
    rows = [row for row, words in enumerate(sets) for _word in words]
    return rows, [vocabulary.setdefault(word, len(vocabulary)) for words in sets for word in words]


def _matrix(cells: tuple[list[int], list[int]], height: int, width: int) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, columns = cells
    return csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, columns)), shape=(height, width))


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
    a, b = split(old), split(new)
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
