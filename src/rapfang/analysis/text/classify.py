"""Topic assignment: each comment to the consultation's topic it is about, with a confidence, or to none of them.

Signals, computed once over the corpus and applied to every comment by sparse products:
1. the topic's own words (``profiles``): names, keywords and description, through the thesaurus;
2. what this consultation's comments teach: comments the topic words assign clearly, and every comment staff
   have put in a topic or in none, train a logistic regression over the comments' words, which then scores every
   comment, carrying the topic words over to the words that go with them here;
3. staff's corrections again, nearest first: an untouched comment much like one staff moved follows it;
4. the tags of the paragraph a comment is on, when given.
"None of these" is an answer of its own: a comment is given a topic only when a topic word or the comments of a
topic vouch for it (its support), so a comment about something else stays without one. The confidence is the
share of the chosen topic among all, times the strength of that support; for a comment left without a topic it
is how little the closest topic is supported.
"""

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from rapfang.analysis.text.concepts import concept_space, everyday_weight
from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.profiles import concept_presence, lexical_scores, profile_weights, rarity
from rapfang.analysis.text.segment import TokenTable

UNLABELLED, NONE = -2, -1  # values of the staff labels array besides topic numbers
_SEED_SAMPLE = 50_000


@dataclass(frozen=True)
class ClassifyOptions:
    min_evidence: float = 0.3  # topic words' weight a comment needs, from two words or more ...
    strong_evidence: float = 0.8  # ... or from one word alone (a word of the name or a keyword)
    seed_share: float = 0.6  # share of its topic-word weight the top topic needs for the comment to teach
    self_training_weight: float = 0.5
    min_similarity: float = 0.1  # cosine to a topic's taught comments that vouches for a comment without words
    min_confidence: float = 0.3
    paragraph_weight: float = 0.5
    staff_weight: float = 4.0
    staff_word_weight: float = 0.8
    neighbour_similarity: float = 0.5
    seed: int = 0


@dataclass(frozen=True)
class DomainAssignment:
    labels: np.ndarray  # per comment: index into the domains list, or -1 for none of them
    confidence: np.ndarray
    scores: np.ndarray  # comments × topics: each topic's share times its support, for "closest topics"


def assign_domains(
    table: TokenTable,
    tfidf: csr_matrix,
    domains: list[Domain],
    dictionary: str,
    paragraph_prior: np.ndarray | None = None,
    options: ClassifyOptions = ClassifyOptions(),
    labelled: np.ndarray | None = None,
) -> DomainAssignment:
    """Pick a topic per comment. ``paragraph_prior``: comments × topics, 1 where the paragraph is tagged;
    ``labelled``: per comment, staff's topic number, ``NONE`` or ``UNLABELLED``."""
    n = len(table)
    if not domains or n == 0:
        return DomainAssignment(np.full(n, -1), np.zeros(n), np.zeros((n, len(domains))))
    labelled = labelled if labelled is not None else np.full(n, UNLABELLED)
    space = concept_space(table.terms)
    presence = concept_presence(table, space)
    weights, pairs = profile_weights(domains, table, space, presence, dictionary)
    features = normalize(space.project(tfidf), copy=False)
    taught = staff_words(features, labelled, len(domains), options)
    weights = weights + taught * (rarity(presence) * everyday_weight(space.concepts))[:, None]
    lexical = lexical_scores(table, presence, weights, pairs)
    words = np.asarray(presence @ (weights > 0).astype(np.float32))
    sure = ((lexical >= options.min_evidence) & (words >= 2)) | (lexical >= options.strong_evidence)
    del presence, words
    blend, support = _blend(lexical, sure, features, labelled, len(domains), options)
    if paragraph_prior is not None:
        blend = _distribution(blend + options.paragraph_weight * paragraph_prior)
        support = np.maximum(support, paragraph_prior)
        sure = sure | (paragraph_prior > 0)
    return _decide(blend, support, sure, features, labelled, options)


def staff_words(features: csr_matrix, labelled: np.ndarray, width: int, options: ClassifyOptions) -> np.ndarray:
    """Concepts × topics weights learnt from the comments staff put in a topic: their most telling words count
    for that topic as a keyword would (scaled by the word's TF-IDF in those comments, shared among topics)."""
    weights = np.zeros((features.shape[1], width), dtype=np.float32)
    for row in np.flatnonzero(labelled >= 0):
        start, stop = features.indptr[row], features.indptr[row + 1]
        columns, values = features.indices[start:stop], features.data[start:stop] * options.staff_word_weight
        weights[columns, labelled[row]] = np.maximum(weights[columns, labelled[row]], values)
    total = weights.sum(axis=1, keepdims=True)
    return np.divide(weights * weights, total, out=np.zeros_like(weights), where=total > 0)


def _blend(
    lexical: np.ndarray, sure: np.ndarray, features: csr_matrix, labelled: np.ndarray, width: int, options
) -> tuple[np.ndarray, np.ndarray]:
    """Topic shares per comment (topic words and what the corpus teaches) and each topic's support (0-1):
    1 where the topic's words are sure, else the comment's likeness to the comments the topic taught."""
    seeds, targets = training_rows(lexical, sure, labelled, options)
    blend = _distribution(lexical)
    support = sure.astype(np.float32)
    if len(seeds) == 0:
        return blend, support
    learned = learned_scores(features, seeds, targets, labelled[seeds] != UNLABELLED, width, options)
    weight = np.where(sure.any(axis=1), options.self_training_weight, 1.0)[:, None]
    blend = (1 - weight) * blend + weight * learned
    similarity = (features @ _centroids(features, seeds, targets, width).T).toarray()
    return blend, np.maximum(support, np.clip(similarity / (2 * options.min_similarity), 0.0, 1.0))


def training_rows(
    lexical: np.ndarray, sure: np.ndarray, labelled: np.ndarray, options: ClassifyOptions
) -> tuple[np.ndarray, np.ndarray]:
    """Comments to learn from and their topic: staff's labels, then those the topic words assign surely."""
    total = lexical.sum(axis=1)
    best = lexical.argmax(axis=1)
    share = np.divide(lexical.max(axis=1), total, out=np.zeros_like(total), where=total > 0)
    clear = sure[np.arange(len(best)), best] & (share >= options.seed_share)
    staff = labelled != UNLABELLED
    rows = np.flatnonzero(clear | staff)
    targets = np.where(staff[rows], labelled[rows], lexical[rows].argmax(axis=1))
    return rows, targets


def learned_scores(
    features: csr_matrix, rows: np.ndarray, targets: np.ndarray, staff: np.ndarray, width: int, options
) -> np.ndarray:
    """Per comment and topic, the probability a logistic regression trained on ``rows`` gives (none excluded)."""
    probabilities = np.zeros((features.shape[0], width), dtype=np.float32)
    classes = np.unique(targets)
    if len(classes) < 2:
        if len(classes) == 1 and classes[0] >= 0:
            probabilities[:, classes[0]] = 1.0
        return probabilities
    if len(rows) > _SEED_SAMPLE:
        pick = np.random.default_rng(options.seed).choice(len(rows), _SEED_SAMPLE, replace=False)
        rows, targets, staff = rows[pick], targets[pick], staff[pick]
    model = LogisticRegression(C=4.0, max_iter=500, class_weight="balanced", random_state=options.seed)
    with threadpool_limits(limits=1):
        model.fit(features[rows], targets, sample_weight=np.where(staff, options.staff_weight, 1.0))
        predicted = model.predict_proba(features)
    for column, label in enumerate(model.classes_):
        if label >= 0:
            probabilities[:, label] = predicted[:, column]
    return probabilities


def _centroids(features: csr_matrix, rows: np.ndarray, targets: np.ndarray, width: int) -> csr_matrix:
    """Per topic, the normalised mean of its training comments (zero for a topic with none)."""
    keep = targets >= 0
    indicator = csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (targets[keep], rows[keep])), shape=(width, features.shape[0])
    )
    return normalize(indicator @ features)


def _decide(
    blend: np.ndarray,
    support: np.ndarray,
    sure: np.ndarray,
    features: csr_matrix,
    labelled: np.ndarray,
    options: ClassifyOptions,
) -> DomainAssignment:
    """The best supported topic: taken when its own words are sure, or when the comments it taught vouch for the
    comment and it holds a fair share of the comment's topic scores; else none of them."""
    scores = blend * np.clip(support, 0.0, 1.0)
    best = scores.argmax(axis=1)
    rows = np.arange(len(best))
    strength = np.clip(support[rows, best], 0.0, 1.0)
    vouched = (strength >= 0.5) & (blend[rows, best] >= options.min_confidence)
    accepted = (sure[rows, best] & (scores[rows, best] > 0)) | vouched
    labels = np.where(accepted, best, -1)
    labels, strength = _follow_staff(labels, strength, features, labelled, options)
    confidence = np.where(labels >= 0, blend[rows, best] * strength, 1.0 - scores.max(axis=1))
    return DomainAssignment(labels, np.round(np.clip(confidence, 0.0, 1.0), 4), np.round(scores, 4))


def _follow_staff(
    labels: np.ndarray, strength: np.ndarray, features: csr_matrix, labelled: np.ndarray, options: ClassifyOptions
) -> tuple[np.ndarray, np.ndarray]:
    """Staff's labels stand; an untouched comment much like a comment staff labelled takes that label."""
    staff = np.flatnonzero(labelled != UNLABELLED)
    if len(staff) == 0:
        return labels, strength
    similarity = (features @ features[staff].T).toarray()
    nearest = similarity.argmax(axis=1)
    close = similarity[np.arange(len(labels)), nearest] >= options.neighbour_similarity
    labels = np.where(close, labelled[staff][nearest], labels)
    strength = np.where(close, np.maximum(strength, similarity.max(axis=1)), strength)
    labels[staff] = labelled[staff]
    strength[staff] = 1.0
    return labels, strength


def _distribution(scores: np.ndarray) -> np.ndarray:
    total = scores.sum(axis=1, keepdims=True)
    return np.divide(scores, total, out=np.zeros_like(scores), where=total > 0)
