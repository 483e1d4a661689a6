"""Topic clusters: k-means over an LSA projection of the TF-IDF rows of distinct comments.

TF-IDF rows of short comments share few words, so k-means on them directly makes one huge cluster; a truncated
SVD (latent semantic analysis) to at most 100 dimensions first groups comments that use related words. Both
the SVD and k-means are fitted on a fixed-seed sample of at most 50,000 distinct comments and then applied to
all, so the same input always gives the same clusters. BLAS runs on one thread: OpenBLAS threads that spin
on a busy machine (web workers beside the job) made this stage twenty times slower in our measurements.
"""

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from rapfang.analysis.text.keywords import top_terms_per_label

_FIT_SAMPLE = 50_000
_PREDICT_CHUNK = 100_000
_LSA_DIMENSIONS = 100


@dataclass(frozen=True)
class TopicResult:
    labels: np.ndarray  # per comment: cluster number, or -1 when it has no content word
    keywords: dict[int, list[str]]
    sizes: dict[int, int]


def default_cluster_count(distinct: int) -> int:
    """About one cluster per few dozen distinct comments, from 2 up to 30."""
    return int(np.clip(round(np.sqrt(distinct / 4)), 2, 30))


def cluster_topics(
    tfidf: csr_matrix,
    distinct_rows: np.ndarray,
    terms: list[str],
    n_clusters: int | None = None,
    seed: int = 0,
) -> TopicResult:
    """Fit k-means on (a fixed-seed sample of) the distinct non-empty rows, then label every row."""
    non_empty = np.diff(tfidf.indptr) > 0
    fit_rows = distinct_rows[non_empty[distinct_rows]]
    labels = np.full(tfidf.shape[0], -1, dtype=np.int64)
    if len(fit_rows) < 2:
        return TopicResult(labels, {}, {})
    k = min(n_clusters or default_cluster_count(len(fit_rows)), len(fit_rows))
    if len(fit_rows) > _FIT_SAMPLE:
        fit_rows = np.sort(np.random.default_rng(seed).choice(fit_rows, _FIT_SAMPLE, replace=False))
    with threadpool_limits(limits=1):
        _fit_and_label(tfidf, fit_rows, k, seed, labels)
    labels[~non_empty] = -1
    sizes = dict(zip(*np.unique(labels[labels >= 0], return_counts=True), strict=True))
    keywords = top_terms_per_label(tfidf, labels, terms)
    return TopicResult(labels, keywords, {int(k): int(v) for k, v in sizes.items()})


def _fit_and_label(tfidf: csr_matrix, fit_rows: np.ndarray, k: int, seed: int, labels: np.ndarray) -> None:
    """Fit LSA and k-means on ``fit_rows``; write every row's cluster into ``labels``."""
    dimensions = max(2, min(_LSA_DIMENSIONS, len(fit_rows) // 2, tfidf.shape[1] - 1))
    projection = TruncatedSVD(n_components=dimensions, random_state=seed).fit(tfidf[fit_rows])
    model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096)
    model.fit(normalize(projection.transform(tfidf[fit_rows])))
    for start in range(0, tfidf.shape[0], _PREDICT_CHUNK):
        part = normalize(projection.transform(tfidf[start : start + _PREDICT_CHUNK]))
        labels[start : start + _PREDICT_CHUNK] = model.predict(part)
