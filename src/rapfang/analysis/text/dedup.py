"""Campaigns: comments that make the same submission, word for word or in other words.

Exact duplicates (the same words in the same order) collapse first. Each distinct text is then read as its
content words in their usual written form (the thesaurus: หมอ and แพทย์ are one word; greetings, polite particles
and other stopwords left out, negations kept). Candidates come from MinHash LSH over those word sets (rensa): a
reordered letter, a letter with a greeting, a personal sentence or a dropped sentence keeps most of its words.
Every candidate pair is then verified by the cosine of its TF-IDF vectors over content words and word pairs, which
weighs the rare words two letters share (a figure, a place, the phrase of the demand) far above the words every
comment on a topic uses: two different complaints about the same hospital share the hospital, not the complaint.
Pairs at or above ``threshold`` are edges; staff's moves add and remove edges (``StaffLinks``); the groups are the
connected components.
"""

import hashlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
from rensa import RMinHash
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.preprocessing import normalize

from rapfang.analysis.text.concepts import concept_space
from rapfang.analysis.text.features import content_mask
from rapfang.analysis.text.segment import TokenTable
from rapfang.core.thai.normalise import exact_key

_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], np.uint64)
_CHUNK = 20_000
NEGATIONS = frozenset(["ไม่", "ไม่ใช่", "ห้าม", "ยกเลิก", "no", "not"])
PARTICLES = frozenset(
    ["ครับ", "ค่ะ", "คะ", "ค่า", "นะ", "นะคะ", "นะครับ", "จ้ะ", "จ้า", "ฮะ", "คับ", "ขอบคุณ", "ขอบคุณครับ", "ขอบคุณค่ะ"]
)
SHORT = 4
STAR_ROUNDS = 6
PAIR_BUCKETS = 1 << 22
_MERGED_BANDS = 6


@dataclass(frozen=True)
class DedupOptions:
    threshold: float = 0.45  # cosine similarity a pair needs to be one campaign
    candidate: float = 0.4  # word-set Jaccard at which a pair becomes a candidate (LSH, recall 90 % there)
    shingle_size: int = 1
    num_perm: int = 128
    seed: int = 1729


@dataclass(frozen=True)
class StaffLinks:
    """Staff's campaign moves, by comment index: lists of comments that belong together, and comments that
    belong to no campaign (an untouched comment closest to one of those leaves its campaign with it)."""

    together: list[list[int]] = field(default_factory=list)
    apart: list[int] = field(default_factory=list)


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
    texts: Sequence[str], table: TokenTable, options: DedupOptions = DedupOptions(), links: StaffLinks | None = None
) -> DuplicateResult:
    """Group the comments of ``table`` (``texts``: normalised, needed only for comments without a word)."""
    exact_class, firsts = exact_classes(texts, table)
    content = content_table(_select_rows(table, firsts))
    first, other = candidate_pairs(minhash_signatures(content, options), options)
    vectors = TextVectors(content, members(len(content), first, other))
    similarity = vectors.pairs(first, other)
    keep = similarity >= options.threshold
    edges = (first[keep], other[keep], similarity[keep])
    if links is not None:
        edges = _apply_links(edges, links, exact_class, vectors)
    weights = np.bincount(exact_class, minlength=len(firsts))
    groups = star_groups(len(firsts), edges, vectors, weights, options.threshold)
    if links is not None:
        groups = _join(groups, [np.unique(exact_class[rows]) for rows in links.together])
    return _build_groups(groups[exact_class], exact_class, firsts)


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
        for n in range(len(table))
    )
    classes = np.fromiter((seen.setdefault(key, len(seen)) for key in keys), np.int64, len(table))
    firsts = np.full(len(seen), len(table), dtype=np.int64)
    np.minimum.at(firsts, classes, np.arange(len(table)))
    return classes, firsts


def content_table(table: TokenTable) -> TokenTable:
    """The same comments as their content words in usual written form (thesaurus), stopwords left out and
    negations kept; a short comment (fewer than ``SHORT`` content words) keeps every word but polite particles."""
    space = concept_space(table.terms)
    negations = np.fromiter((c in NEGATIONS for c in space.concepts), bool, len(space.concepts))
    keep_concept = content_mask(space.concepts) | negations
    ids = space.first.astype(np.int32)[table.ids]
    keep = keep_concept[ids]
    row_of = np.repeat(np.arange(len(table), dtype=np.int32), np.diff(table.offsets))
    short = np.bincount(row_of[keep], minlength=len(table)) < SHORT
    particles = np.fromiter((c in PARTICLES for c in space.concepts), bool, len(space.concepts))
    keep |= short[row_of] & ~particles[ids]
    counts = np.bincount(row_of[keep], minlength=len(table))
    offsets = np.zeros(len(table) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return TokenTable(ids=ids[keep], offsets=offsets, terms=space.concepts)


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
    for start in range(0, len(table), _CHUNK):
        part = table.rows(start, start + _CHUNK)
        hashes, offsets = shingle_hashes(part, options.shingle_size)
        matrix = RMinHash.digest_matrix_from_flat_token_hashes(hashes, offsets, options.num_perm, options.seed)
        rows = np.frombuffer(array("I", chain.from_iterable(matrix.to_rows())), dtype=np.uint32).reshape(len(part), -1)
        rows[np.diff(offsets) == 0] = 0
        signatures[start : start + len(part)] = rows
    return signatures


def lsh_bands(threshold: float, num_perm: int, recall: float = 0.9) -> tuple[int, int]:
    """The (bands, rows) split with the most rows per band (fewest chance candidates) that still makes a
    pair at exactly ``threshold`` a candidate with probability ``recall``; candidates are verified anyway."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def candidate_pairs(signatures: np.ndarray, options: DedupOptions) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (first member of an LSH bucket, other member) over all bands, as int32 text numbers.

    The pairs of ``_MERGED_BANDS`` bands are merged into the distinct pairs found so far at once: fewer passes
    over a list that grows to tens of millions of pairs for a million comments, and a bounded one in memory."""
    bands, rows = lsh_bands(options.candidate, options.num_perm)
    non_empty = np.flatnonzero(signatures.any(axis=1))
    size = max(len(signatures), 1)
    unique = np.zeros(0, dtype=np.int64)
    pending: list[np.ndarray] = []
    for band in range(bands):
        first, other = _bucket_pairs(signatures[non_empty, band * rows : (band + 1) * rows])
        pending.append(non_empty[first].astype(np.int64) * size + non_empty[other])
        if len(pending) == _MERGED_BANDS or band == bands - 1:
            unique = sorted_unique(np.concatenate([unique, *pending]))
            pending.clear()
    return (unique // size).astype(np.int32), (unique % size).astype(np.int32)


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


class TextVectors:
    """L2-normalised TF-IDF rows of the distinct texts in ``rows``: content words, and adjacent word pairs
    weighted by the geometric mean of theirs (IDF over all distinct texts)."""

    def __init__(self, content: TokenTable, rows: np.ndarray) -> None:
        self.rows = sorted_unique(rows)
        self.matrix = _vectors(content, self.rows) if len(self.rows) else csr_matrix((0, 0))
        self._positions = np.zeros(len(content), dtype=np.int32)
        self._positions[self.rows] = np.arange(len(self.rows), dtype=np.int32)

    def _position(self, texts: np.ndarray) -> np.ndarray:
        return self._positions[texts]

    def pairs(self, first: np.ndarray, other: np.ndarray) -> np.ndarray:
        """Cosine similarity of each pair (first[i], other[i])."""
        result = np.empty(len(first), dtype=np.float32)
        a, b = self._position(first), self._position(other)
        for start in range(0, len(first), _CHUNK * 5):
            part = slice(start, start + _CHUNK * 5)
            result[part] = np.asarray(self.matrix[a[part]].multiply(self.matrix[b[part]]).sum(axis=1)).ravel()
        return result


def _vectors(content: TokenTable, rows: np.ndarray) -> csr_matrix:
    """Built ``_CHUNK`` texts at a time, word pairs hashed into ``PAIR_BUCKETS`` columns after the words: no
    global table of pairs, and a million texts stay within memory."""
    width = len(content.terms)
    frequency = np.zeros(width, dtype=np.int64)
    for start in range(0, len(content), _CHUNK * 5):
        frequency += np.bincount(_row_term_codes(content.rows(start, start + _CHUNK * 5)) % width, minlength=width)
    idf = (np.log((1 + len(content)) / (1 + frequency)) + 1.0).astype(np.float32)
    parts = [_vector_rows(content, rows[start : start + _CHUNK], idf) for start in range(0, len(rows), _CHUNK)]
    return _stacked(parts, width + PAIR_BUCKETS)


def _stacked(parts: list[csr_matrix], width: int) -> csr_matrix:
    """The rows of ``parts`` one under the other, each array joined and the parts' own freed in turn (``vstack``
    would hold every part and the whole at once)."""
    counts = np.concatenate([[0], *(np.diff(part.indptr) for part in parts)])
    data = np.concatenate([part.data for part in parts]) if parts else np.zeros(0, np.float32)
    for part in parts:
        part.data = part.data[:0]
    indices = np.concatenate([part.indices for part in parts]).astype(np.int32) if parts else np.zeros(0, np.int32)
    parts.clear()
    return csr_matrix((data, indices, np.cumsum(counts)), shape=(len(counts) - 1, width))


def _vector_rows(content: TokenTable, rows: np.ndarray, idf: np.ndarray) -> csr_matrix:
    width = len(idf)
    chosen = _select_rows(content, rows)
    ids = chosen.ids.astype(np.int64)
    row_of = np.repeat(np.arange(len(chosen)), np.diff(chosen.offsets))
    same = row_of[:-1] == row_of[1:] if len(ids) else np.zeros(0, bool)
    pairs = width + (ids[:-1][same] * 1_000_003 + ids[1:][same]) % PAIR_BUCKETS
    columns = np.concatenate([ids, pairs])
    weights = np.concatenate([idf[ids], np.sqrt(idf[ids[:-1][same]] * idf[ids[1:][same]])])
    owners = np.concatenate([row_of, row_of[:-1][same]])
    matrix = coo_matrix((weights, (owners, columns)), shape=(len(chosen), width + PAIR_BUCKETS)).tocsr()
    matrix.sum_duplicates()
    np.log1p(matrix.data, out=matrix.data)
    return normalize(matrix)


def star_groups(n: int, edges: tuple, vectors: TextVectors, weights: np.ndarray, threshold: float) -> np.ndarray:
    """Groups in which every text is like the group's centre, not merely like a neighbour of a neighbour.

    Within each connected component the centre is the text with the most similarity to its neighbours (then the
    one most comments carry); it takes every text of the component at least ``threshold`` like it; the rest of
    the component is grouped again the same way, for at most ``STAR_ROUNDS`` rounds (what is left then, found only
    in long chains of texts written from one template, stays unique). Returns a group label per distinct text."""
    labels = np.arange(n)
    first, other, similarity = edges
    for _round in range(STAR_ROUNDS):
        if not len(first):
            return labels
        nodes = members(n, first, other)
        position = np.zeros(n, dtype=np.int64)
        position[nodes] = np.arange(len(nodes))
        a, b = position[first], position[other]
        component = _components(len(nodes), (a, b, similarity))
        degree = np.bincount(a, similarity, len(nodes)) + np.bincount(b, similarity, len(nodes))
        order = np.lexsort((nodes, -weights[nodes], -degree, component))
        leaders = np.r_[True, component[order][1:] != component[order][:-1]]
        centre_of = np.zeros(len(nodes), dtype=np.int64)
        centre_of[component[order[leaders]]] = nodes[order[leaders]]
        centres = centre_of[component]
        taken = (vectors.pairs(nodes, centres) >= threshold) | (nodes == centres)
        labels[nodes[taken]] = centres[taken]
        claimed = np.zeros(n, dtype=bool)
        claimed[nodes[taken]] = True
        keep = ~(claimed[first] | claimed[other])
        first, other, similarity = first[keep], other[keep], similarity[keep]
    return labels


def members(size: int, first: np.ndarray, other: np.ndarray) -> np.ndarray:
    """The distinct text numbers of the pairs, in order."""
    present = np.zeros(size, dtype=bool)
    present[first] = True
    present[other] = True
    return np.flatnonzero(present)


def _join(labels: np.ndarray, together: list[np.ndarray]) -> np.ndarray:
    """Labels with the groups of each list of texts staff put together merged into one."""
    for texts in together:
        if len(texts) > 1:
            labels = np.where(np.isin(labels, labels[texts]), labels[texts[0]], labels)
    return labels


def _row_term_codes(table: TokenTable) -> np.ndarray:
    """Distinct (row, term) codes: row * terms + term."""
    row_of = np.repeat(np.arange(len(table), dtype=np.int64), np.diff(table.offsets))
    return sorted_unique(row_of * len(table.terms) + table.ids)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort and a mask: faster than np.unique's hashing on large integer arrays)."""
    ordered = np.sort(values, kind="stable")
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _apply_links(edges: tuple, links: StaffLinks, exact_class: np.ndarray, vectors: TextVectors) -> tuple:
    """Edges as staff's moves say: classes put together are linked; a class taken out loses its edges, and so
    does an untouched class more like a class taken out than like any other text of its group."""
    first, other, similarity = edges
    apart = sorted_unique(exact_class[links.apart]) if links.apart else np.zeros(0, dtype=np.int64)
    if len(apart):
        out = np.union1d(apart, _followers(first, other, similarity, apart, vectors))
        keep = ~(np.isin(first, out) | np.isin(other, out))
        first, other, similarity = first[keep], other[keep], similarity[keep]
    added = [sorted_unique(exact_class[rows]) for rows in links.together if len(rows) > 1]
    extra_first = np.concatenate([c[:-1] for c in added]) if added else np.zeros(0, np.int64)
    extra_other = np.concatenate([c[1:] for c in added]) if added else np.zeros(0, np.int64)
    return (
        np.concatenate([first, extra_first]),
        np.concatenate([other, extra_other]),
        np.concatenate([similarity, np.ones(len(extra_first), np.float32)]),
    )


def _followers(
    first: np.ndarray, other: np.ndarray, similarity: np.ndarray, apart: np.ndarray, vectors: TextVectors
) -> np.ndarray:
    """Untouched texts linked to a text taken out that are more like it than like any other text of its group."""
    n = int(max(first.max(initial=0), other.max(initial=0), apart.max(initial=0))) + 1
    component = _components(n, (first, other, similarity))
    linked = np.concatenate([other[np.isin(first, apart)], first[np.isin(other, apart)]])
    followers = []
    for text in np.setdiff1d(linked, apart):
        group = np.flatnonzero(component == component[text])
        group = group[np.isin(group, vectors.rows)]
        rest, taken = np.setdiff1d(group, np.append(apart, text)), np.intersect1d(group, apart)
        to_taken = vectors.pairs(np.full(len(taken), text), taken).max(initial=0.0)
        to_rest = vectors.pairs(np.full(len(rest), text), rest).max(initial=0.0)
        if to_taken >= to_rest:
            followers.append(text)
    return np.array(followers, dtype=np.int64)


def _components(n: int, edges: tuple) -> np.ndarray:
    first, other, _similarity = edges
    source, target = np.concatenate([np.arange(n), first]), np.concatenate([np.arange(n), other])
    graph = coo_matrix((np.ones(len(source), dtype=np.int8), (source, target)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


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
