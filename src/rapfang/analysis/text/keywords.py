"""Keywords: the highest TF-IDF terms of a comment, of a duplicate group or of a topic cluster."""

import numpy as np
from scipy.sparse import csr_matrix


def top_terms_per_row(matrix: csr_matrix, terms: list[str], k: int = 5, chunk: int = 100_000) -> list[list[str]]:
    """The ``k`` heaviest terms of every row, heaviest first (ties broken by term id)."""
    matrix = matrix.tocsr()
    result: list[list[str]] = []
    for start in range(0, matrix.shape[0], chunk):
        result += _top_terms(matrix[start : start + chunk], terms, k)
    return result


def _top_terms(matrix: csr_matrix, terms: list[str], k: int) -> list[list[str]]:
    lengths = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    order = _heaviest_first(matrix, rows)
    rank = np.arange(len(order)) - np.repeat(matrix.indptr[:-1], lengths)
    keep = order[rank < k]
    words = [terms[column] for column in matrix.indices[keep].tolist()]
    bounds = np.concatenate([[0], np.cumsum(np.minimum(lengths, k))]).tolist()
    return [words[bounds[row] : bounds[row + 1]] for row in range(matrix.shape[0])]


def top_terms_per_label(matrix: csr_matrix, labels: np.ndarray, terms: list[str], k: int = 8) -> dict[int, list[str]]:
    """The ``k`` heaviest terms of the summed rows of each label (labels below zero are ignored)."""
    chosen = np.flatnonzero(labels >= 0)
    if len(chosen) == 0:
        return {}
    names, members = np.unique(labels[chosen], return_inverse=True)
    indicator = csr_matrix(
        (np.ones(len(chosen), dtype=np.float32), (members, chosen)), shape=(len(names), matrix.shape[0])
    )
    summed = indicator @ matrix
    return dict(zip(names.tolist(), top_terms_per_row(summed, terms, k), strict=True))


def _heaviest_first(matrix: csr_matrix, rows: np.ndarray) -> np.ndarray:
    """Entry order by row, then weight descending, then term id: one stable sort of a 64-bit key (row, then the
    bits of a non-negative float32 weight, which order as the weights do) over rows whose term ids are sorted;
    three sorts otherwise."""
    if matrix.data.dtype != np.float32 or (matrix.data < 0).any():
        return np.lexsort((matrix.indices, -matrix.data, rows))
    matrix.sort_indices()
    lighter = np.uint32(0xFFFFFFFF) - matrix.data.view(np.uint32)
    key = (rows.astype(np.uint64) << np.uint64(32)) | lighter.astype(np.uint64)
    return np.argsort(key, kind="stable")
