"""The corpus vocabulary seen through the thesaurus: each segmented word stands for its usual form and broader words.

A sparse matrix maps the token table's terms to concepts, so any comments × terms matrix becomes comments × concepts
by one product: variants of one word count as one, and a comment about a โฉนด also counts for ที่ดิน.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.sparse import csr_matrix

from rapfang.analysis.text.thesaurus import canonical, concepts_of
from rapfang.core.thai.words import frequencies_file

COMMON_WORD = 1_000  # Thai National Corpus count above which a word starts to count as everyday language


@dataclass(frozen=True)
class ConceptSpace:
    mapping: csr_matrix  # terms × concepts, 1 where the term stands for the concept
    concepts: list[str]
    index: dict[str, int]
    first: np.ndarray  # per term, the concept of its usual form (for order-sensitive uses)

    def project(self, matrix: csr_matrix, binary: bool = False) -> csr_matrix:
        """``matrix`` (rows × terms) as rows × concepts; presence only when ``binary``."""
        projected = (matrix @ self.mapping).tocsr()
        if binary:
            projected.data[:] = 1.0
        return projected


def concept_space(terms: list[str]) -> ConceptSpace:
    index: dict[str, int] = {}
    rows, columns, first = [], [], np.zeros(len(terms), dtype=np.int64)
    for number, term in enumerate(terms):
        for position, concept in enumerate(concepts_of(term)):
            column = index.setdefault(concept, len(index))
            rows.append(number)
            columns.append(column)
            if position == 0:
                first[number] = column
    data = np.ones(len(rows), dtype=np.float32)
    mapping = csr_matrix((data, (rows, columns)), shape=(len(terms), len(index)))
    return ConceptSpace(mapping, list(index), index, first)


@cache
def _corpus_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in frequencies_file().read_text(encoding="utf-8").splitlines():
        word, _tab, count = line.partition("\t")
        if count.isdigit():
            concept, number = canonical(word), int(count)
            if number > counts.get(concept, 0):
                counts[concept] = number
    return counts


def everyday_weight(words: list[str]) -> np.ndarray:
    """Per word, 1 for words rare in everyday Thai, falling to 0.3 for the commonest (ระบบ, บริการ, การ)."""
    counts = _corpus_counts()
    top = max(counts.values())
    frequency = np.fromiter((counts.get(word, 0) for word in words), dtype=np.float64, count=len(words))
    scale = np.log(top / np.maximum(frequency, COMMON_WORD)) / np.log(top / COMMON_WORD)
    return np.clip(scale, 0.3, 1.0).astype(np.float32)
