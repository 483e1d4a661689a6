import numpy as np
from scipy.sparse import csr_matrix

from rapfang.analysis.text.keywords import top_terms_per_label, top_terms_per_row
from rapfang.analysis.text.pipeline import Comment, analyse


def test_top_terms_are_the_heaviest_first():
    matrix = csr_matrix(np.array([[0.1, 0.9, 0.0, 0.5], [0.0, 0.0, 0.0, 0.0], [0.3, 0.3, 0.2, 0.0]]))
    terms = ["a", "b", "c", "d"]
    assert top_terms_per_row(matrix, terms, 2) == [["b", "d"], [], ["a", "b"]]


def test_float32_keywords_tie_on_weight_by_term_order():
    matrix = csr_matrix(np.array([[0.5, 0.25, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0], [0.1, 0.3, 0.3, 0.3]], np.float32))
    assert top_terms_per_row(matrix, ["a", "b", "c", "d"], 2) == [["a", "c"], [], ["b", "c"]]


def test_label_keywords_sum_their_rows():
    matrix = csr_matrix(np.array([[1.0, 0.0], [0.0, 0.4], [0.0, 0.4], [0.0, 1.0]]))
    labels = np.array([0, 0, 0, -1])
    assert top_terms_per_label(matrix, labels, ["x", "y"], 1) == {0: ["x"]}


def test_clusters_are_reproducible(sample, domains, analysed):
    again = analyse([Comment(r["id"], r["text"]) for r in sample], domains)
    assert np.array_equal(again.topics.labels, analysed.topics.labels)
    assert again.topics.keywords == analysed.topics.keywords


def test_clusters_have_keywords_and_no_giant(analysed):
    sizes = analysed.topics.sizes
    assert len(sizes) >= 3
    assert max(sizes.values()) < 0.6 * sum(sizes.values())
    assert all(len(analysed.topics.keywords[cluster]) >= 3 for cluster in sizes)


def test_a_campaign_gets_its_own_keywords(sample, analysed):
    first = next(n for n, r in enumerate(sample) if r["campaign"] == "parents_internet")
    group = int(analysed.duplicates.group_of[first])
    assert {"ผู้ปกครอง", "ออนไลน์"} <= set(analysed.group_keywords[group])
