"""Near-duplicate groups (campaigns): exact duplicates by hash, then MinHash LSH over word shingles.

Exact duplicates (same letters and digits) collapse first. Each distinct text gets a MinHash signature
(rensa) of its word shingles; the signature is cut into LSH bands, texts that share a band bucket are
compared with the bucket's first text, pairs whose estimated Jaccard similarity reaches the threshold
become edges, and the groups are the connected components of that graph.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rensa import RMinHash
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from rapfang.analysis.text.normalise import exact_key
from rapfang.analysis.text.segment import TokenTable

_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], np.uint64)
_SIGNATURE_CHUNK = 20_000


@dataclass(frozen=True)
class DedupOptions:
    threshold: float = 0.6
    shingle_size: int = 3
    num_perm: int = 128
    seed: int = 1729


@dataclass
class DuplicateGroup:
    """A campaign: ``representative`` is a comment index; ``variants`` maps a distinct text's first comment
    index to the number of comments carrying exactly that text."""

    number: int
    representative: int
    count: int
    variants: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DuplicateResult:
    group_of: np.ndarray  # per comment: group number, or -1 when the comment is unique
    groups: list[DuplicateGroup]


def find_duplicate_groups(
    texts: Sequence[str], table: TokenTable, options: DedupOptions = DedupOptions()
) -> DuplicateResult:
    """Group normalised ``texts`` (segmented in ``table``) into exact and near-duplicate groups."""
    exact_class, firsts = exact_classes(texts, table)
    distinct_table = _select_rows(table, firsts)
    signatures = minhash_signatures(distinct_table, options)
    component = _components(signatures, options)
    return _build_groups(component[exact_class], exact_class, firsts)


def exact_classes(texts: Sequence[str], table: TokenTable) -> tuple[np.ndarray, np.ndarray]:
    """Per text, the number of its exact-duplicate class; and the first text index of each class.

    Two texts are exact duplicates when they have the same words in the same order (spacing and punctuation
    aside); that is read from the token table, which is much faster than rescanning the texts. A text with
    no word falls back to ``exact_key`` of its symbols."""
    seen: dict[bytes, int] = {}
    words = table.ids.astype("<i4").tobytes()
    bounds = (table.offsets * 4).tolist()
    keys = (
        hashlib.blake2b(words[bounds[n] : bounds[n + 1]], digest_size=16).digest()
        if bounds[n + 1] > bounds[n]
        else exact_key(texts[n])
        for n in range(len(texts))
    )
    classes = np.fromiter((seen.setdefault(key, len(seen)) for key in keys), np.int64, len(texts))
    firsts = np.full(len(seen), len(texts), dtype=np.int64)
    np.minimum.at(firsts, classes, np.arange(len(texts)))
    return classes, firsts


def shingle_hashes(table: TokenTable, size: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of each text's word ``size``-grams (a text shorter than ``size`` is one shingle).

    Returns the flat hashes and the row offsets into them."""
    ids = table.ids.astype(np.uint64) + np.uint64(1)
    starts, ends = table.offsets[:-1], table.offsets[1:]
    position = np.arange(len(ids))
    end_of = np.repeat(ends, ends - starts)
    hashes = np.zeros(len(ids), dtype=np.uint64)
    for step in range(size):
        inside = position + step < end_of
        following = np.where(inside, ids[np.minimum(position + step, len(ids) - 1)], 0) if len(ids) else ids
        hashes ^= following * _MIX[step % len(_MIX)]
        hashes = (hashes << np.uint64(29)) | (hashes >> np.uint64(35))
    short = np.repeat(ends - starts < size, ends - starts)
    first = position == np.repeat(starts, ends - starts)
    valid = (position + size <= end_of) | (short & first)
    counts = np.bincount(np.repeat(np.arange(len(table)), ends - starts)[valid], minlength=len(table))
    offsets = np.zeros(len(table) + 1, dtype=np.uint64)
    np.cumsum(counts, out=offsets[1:])
    return hashes[valid], offsets


def minhash_signatures(table: TokenTable, options: DedupOptions) -> np.ndarray:
    """MinHash signatures (rows × num_perm, uint32) of the texts' shingle sets; empty texts get zeros."""
    signatures = np.zeros((len(table), options.num_perm), dtype=np.uint32)
    for start in range(0, len(table), _SIGNATURE_CHUNK):
        part = table.rows(start, start + _SIGNATURE_CHUNK)
        hashes, offsets = shingle_hashes(part, options.shingle_size)
        matrix = RMinHash.digest_matrix_from_flat_token_hashes(hashes, offsets, options.num_perm, options.seed)
        rows = np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(part), -1)
        rows[np.diff(offsets) == 0] = 0
        signatures[start : start + len(part)] = rows
    return signatures


def lsh_bands(threshold: float, num_perm: int, recall: float = 0.97) -> tuple[int, int]:
    """The (bands, rows) split with the most rows per band (fewest chance candidates) that still makes a
    pair at exactly ``threshold`` a candidate with probability ``recall``; candidates are verified anyway."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def _components(signatures: np.ndarray, options: DedupOptions) -> np.ndarray:
    n = len(signatures)
    bands, rows = lsh_bands(options.threshold, options.num_perm)
    sources, targets = [np.arange(n)], [np.arange(n)]
    non_empty = np.flatnonzero(signatures.any(axis=1))
    for band in range(bands):
        first, other = _bucket_pairs(signatures[non_empty, band * rows : (band + 1) * rows])
        first, other = non_empty[first], non_empty[other]
        similar = _estimated_jaccard(signatures, first, other) >= options.threshold
        sources.append(first[similar])
        targets.append(other[similar])
    source, target = np.concatenate(sources), np.concatenate(targets)
    graph = coo_matrix((np.ones(len(source), dtype=np.int8), (source, target)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _bucket_pairs(band: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (first member of a bucket, other member) for rows sharing the same band values."""
    keys = np.zeros(len(band), dtype=np.uint64)
    for column in range(band.shape[1]):
        keys = (keys * np.uint64(0x100000001B3)) ^ (band[:, column].astype(np.uint64) * _MIX[column % 4])
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]] if len(keys) else np.zeros(0, bool)
    run_first = order[np.maximum.accumulate(np.where(starts, np.arange(len(keys)), 0))]
    return run_first[~starts], order[~starts]


def _estimated_jaccard(signatures: np.ndarray, first: np.ndarray, other: np.ndarray) -> np.ndarray:
    result = np.empty(len(first), dtype=np.float32)
    for start in range(0, len(first), _SIGNATURE_CHUNK):
        part = slice(start, start + _SIGNATURE_CHUNK)
        result[part] = (signatures[first[part]] == signatures[other[part]]).mean(axis=1)
    return result


def _select_rows(table: TokenTable, rows: np.ndarray) -> TokenTable:
    lengths = np.diff(table.offsets)[rows]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    picks = np.repeat(table.offsets[:-1][rows] - offsets[:-1], lengths) + np.arange(offsets[-1])
    return TokenTable(ids=table.ids[picks], offsets=offsets, terms=table.terms)


def _build_groups(component: np.ndarray, exact_class: np.ndarray, firsts: np.ndarray) -> DuplicateResult:
    sizes = np.bincount(component)
    group_of = np.full(len(component), -1, dtype=np.int64)
    groups: dict[int, DuplicateGroup] = {}
    for index in np.flatnonzero(sizes[component] > 1):
        comp = int(component[index])
        group = groups.setdefault(comp, DuplicateGroup(len(groups), int(index), 0))
        first = int(firsts[exact_class[index]])
        group.variants[first] = group.variants.get(first, 0) + 1
        group.count += 1
        group_of[index] = group.number
    for group in groups.values():
        group.representative = max(group.variants, key=lambda first: (group.variants[first], -first))
    return DuplicateResult(group_of=group_of, groups=list(groups.values()))
