"""Sparse document-term matrices built straight from a TokenTable (no re-tokenising, no Python loop per row)."""

from functools import cache

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.preprocessing import normalize

from rapfang.analysis.text.segment import TokenTable
from rapfang.core.thai.words import thai_stopwords

# Words every comment on a plan uses; they say nothing about what a comment is about.
_CONSULTATION_WORDS = frozenset(
    [
        "ครับ",
        "ค่ะ",
        "คะ",
        "นะ",
        "จ้า",
        "ขอ",
        "เสนอ",
        "ควร",
        "ให้",
        "มี",
        "การ",
        "ความ",
        "แผน",
        "ร่าง",
        "ภาครัฐ",
        "รัฐ",
        "รัฐบาล",
        "หน่วยงาน",
        "ประชาชน",
        "ท่าน",
        "เห็นด้วย",
        "ไม่เห็นด้วย",
        "อยาก",
        "ต้องการ",
        "please",
        "plan",
        "draft",
        "government",
        "agency",
        "should",
        "would",
        "ขอให้",
        "ไม่ต้อง",
        "ทำ",
        "รอ",
        "ได้",
        "ใช้",
        "เรื่อง",
        "ทุก",
        "อยากให้",
        "เสนอให้",
        "ช่วย",
        "เร่ง",
        "โดยเร็ว",
    ]
)


@cache
def stopwords() -> frozenset[str]:
    """Thai (pythainlp) and English (scikit-learn) stopwords plus words common to every consultation."""
    return thai_stopwords() | frozenset(ENGLISH_STOP_WORDS) | _CONSULTATION_WORDS


def content_mask(terms: list[str]) -> np.ndarray:
    """True for terms worth counting: not a stopword, not a number, longer than one character."""
    words = stopwords()
    return np.fromiter((len(term) > 1 and not term.isdigit() and term not in words for term in terms), bool, len(terms))


def count_matrix(table: TokenTable, binary: bool = False) -> csr_matrix:
    """Comments × terms counts (or presence when ``binary``), built directly in CSR form."""
    data = np.ones(len(table.ids), dtype=np.float32)
    shape = (len(table), len(table.terms))
    matrix = csr_matrix((data, table.ids.copy(), table.offsets.copy()), shape=shape)
    matrix.sum_duplicates()
    if binary:
        matrix.data[:] = 1.0
    return matrix


def document_frequency(table: TokenTable, chunk: int = 100_000) -> np.ndarray:
    """Per term, the number of comments that contain it."""
    frequency = np.zeros(len(table.terms), dtype=np.int64)
    for start in range(0, len(table), chunk):
        frequency += np.bincount(count_matrix(table.rows(start, start + chunk)).indices, minlength=len(frequency))
    return frequency


def tfidf_matrix(table: TokenTable) -> tuple[csr_matrix, np.ndarray]:
    """Sublinear TF-IDF over content terms, rows L2-normalised; also returns the idf per term."""
    keep = content_mask(table.terms)
    idf = (np.log((1 + len(table)) / (1 + document_frequency(table))) + 1.0) * keep
    counts = count_matrix(table)
    np.log1p(counts.data, out=counts.data)
    counts.data *= idf.astype(np.float32)[counts.indices]
    counts.eliminate_zeros()
    return normalize(counts, copy=False), idf
