"""Each topic's words, from the consultation's own names, keywords and description, weighted per concept.

A word of a topic's name counts most, a keyword a little less, a content word of the description less again; the
broader words of a topic word (through the thesaurus) count half. A corpus word that contains a topic word of four
letters or more (a Thai compound: ค่าน้ำประปา holds ประปา) or is an English inflection of one gets part of its
weight. A topic phrase the segmenter splits into several words also counts as a sequence of word pairs. Each
weight is scaled by how rare the word is in this consultation and in everyday Thai, and by its share among topics:
a word every topic claims says little.
"""

import re
from functools import cache
from itertools import pairwise

import numpy as np
from scipy.sparse import csr_matrix

from rapfang.analysis.text.concepts import ConceptSpace, everyday_weight
from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.features import content_mask, count_matrix
from rapfang.analysis.text.segment import TokenTable
from rapfang.analysis.text.thesaurus import concepts_of
from rapfang.core.thai.normalise import analysis_form
from rapfang.core.thai.words import segment, syllables, thai_words

NAME_WEIGHT, KEYWORD_WEIGHT, DESCRIPTION_WEIGHT = 2.0, 1.5, 1.0
BROADER_SHARE, COMPOUND_SHARE, PHRASE_WORD_SHARE = 0.5, 0.8, 0.75
COMMON_SHARE, MIN_COMMENTS_FOR_RARITY = 0.05, 50
_ENGLISH_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"))

Pairs = dict[tuple[int, int], np.ndarray]


def domain_phrases(domain: Domain, description_weight: float = DESCRIPTION_WEIGHT) -> list[tuple[str, float]]:
    """(phrase, weight) pairs describing one topic, from its own text alone."""
    phrases = [(name, NAME_WEIGHT) for name in (domain.name_th, domain.name_en)]
    phrases += [(word, KEYWORD_WEIGHT) for word in domain.keywords]
    phrases += [(domain.description, description_weight)]
    return [(analysis_form(text), weight) for text, weight in phrases if text.strip()]


def profile_weights(
    domains: list[Domain], table: TokenTable, space: ConceptSpace, presence: csr_matrix, dictionary: str
) -> tuple[np.ndarray, Pairs]:
    """Concepts × topics weights, and the weights of term pairs for phrases the segmenter splits."""
    terms = {term: number for number, term in enumerate(table.terms)}
    weights = np.zeros((len(space.concepts), len(domains)), dtype=np.float32)
    pairs: Pairs = {}
    whole: dict[str, np.ndarray] = {}
    for column, domain in enumerate(domains):
        for phrase, weight in domain_phrases(domain):
            tokens = segment(phrase, dictionary)
            _add_words(weights, space, tokens, column, weight if len(tokens) == 1 else weight * PHRASE_WORD_SHARE)
            if len(tokens) > 1 and weight > DESCRIPTION_WEIGHT:
                _add_pairs(pairs, [terms.get(token, -1) for token in tokens], column, weight, len(domains))
            for token, keep in zip(tokens, content_mask(tokens), strict=True):
                if keep and len(token) >= 4:
                    whole.setdefault(token, np.zeros(len(domains), np.float32))
                    whole[token][column] = max(whole[token][column], weight)
    _add_compounds(weights, space, whole)
    weights *= rarity(presence)[:, None] * everyday_weight(space.concepts)[:, None]
    return _specific(weights), {pair: _specific(row[None, :])[0] for pair, row in pairs.items()}


def _add_words(weights: np.ndarray, space: ConceptSpace, tokens: list[str], column: int, weight: float) -> None:
    for token, keep in zip(tokens, content_mask(tokens), strict=True):
        if not keep:
            continue
        found = [
            (concept, 1.0 if position == 0 else BROADER_SHARE) for position, concept in enumerate(concepts_of(token))
        ]
        found += [(part, COMPOUND_SHARE) for part in _parts(token)]
        for concept, share in found:
            row = space.index.get(concept)
            if row is not None:
                weights[row, column] = max(weights[row, column], weight * share)


@cache
def _parts(word: str) -> tuple[str, ...]:
    """Words inside a Thai compound topic word, cut at syllables (การขนส่ง holds ขนส่ง, โครงสร้างพื้นฐาน holds
    พื้นฐาน): a comment says the part more often than the whole. A part is a dictionary word of two syllables or
    more, or of one long syllable (เกษตร)."""
    if word.isascii() or len(word) < 6:
        return ()
    cut = syllables(word)
    known = thai_words()
    spans = ("".join(cut[a:b]) for a in range(len(cut)) for b in range(a + 1, len(cut) + 1))
    parts = sorted({span for span in spans if span != word and span in known and len(span) >= 4})
    return tuple(part for part, keep in zip(parts, content_mask(parts), strict=True) if keep)


def _add_pairs(pairs: Pairs, tokens: list[int], column: int, weight: float, width: int) -> None:
    for first, second in pairwise(tokens):
        if first >= 0 and second >= 0:
            row = pairs.setdefault((first, second), np.zeros(width, np.float32))
            row[column] = max(row[column], weight / (len(tokens) - 1))


def _add_compounds(weights: np.ndarray, space: ConceptSpace, whole: dict[str, np.ndarray]) -> None:
    """Concepts holding a topic word inside them (Thai compounds) or inflecting it (English) get part of its weight."""
    if not whole:
        return
    thai = {word: row for word, row in whole.items() if not word.isascii()}
    pattern = re.compile("|".join(map(re.escape, sorted(thai, key=len, reverse=True)))) if thai else None
    for number in np.flatnonzero(~weights.any(axis=1)):
        concept = space.concepts[number]
        found = [thai[m] for m in pattern.findall(concept) if m != concept] if pattern and len(concept) > 4 else []
        found += [whole[stem] for stem in _english_stems(concept) if stem in whole]
        if found:
            weights[number] = COMPOUND_SHARE * np.max(found, axis=0)


def _english_stems(term: str) -> list[str]:
    if not term.isascii():
        return []
    return [term[: -len(end)] + new for end, new in _ENGLISH_ENDINGS if term.endswith(end) and len(term) > 4]


def rarity(presence: csr_matrix) -> np.ndarray:
    """Per concept, 1 for those in at most 5 % of comments, falling to 0.25 for those in most of them."""
    if presence.shape[0] < MIN_COMMENTS_FOR_RARITY:
        return np.ones(presence.shape[1], dtype=np.float32)
    frequency = np.bincount(presence.indices, minlength=presence.shape[1])
    scale = np.log(presence.shape[0] / np.maximum(frequency, 1)) / np.log(1 / COMMON_SHARE)
    return np.clip(scale, 0.25, 1.0).astype(np.float32)


def _specific(weights: np.ndarray) -> np.ndarray:
    """Scale each word's weights by their share across topics."""
    total = weights.sum(axis=1, keepdims=True)
    return np.divide(weights * weights, total, out=np.zeros_like(weights), where=total > 0)


def lexical_scores(table: TokenTable, presence: csr_matrix, weights: np.ndarray, pairs: Pairs) -> np.ndarray:
    """Comments × topics evidence: the weights of the distinct concepts and word pairs each comment contains."""
    scores = np.asarray(presence @ weights, dtype=np.float32)
    if pairs:
        width = len(table.terms)
        codes = np.array(sorted(a * width + b for a, b in pairs), dtype=np.int64)
        rows = np.array([pairs[(int(c) // width, int(c) % width)] for c in codes], dtype=np.float32)
        for start in range(0, len(table), 100_000):
            _add_pair_scores(scores[start : start + 100_000], table.rows(start, start + 100_000), codes, rows)
    return scores


def _add_pair_scores(scores: np.ndarray, table: TokenTable, codes: np.ndarray, rows: np.ndarray) -> None:
    """Add the weights of the known word pairs (``codes``) found in each comment, once per comment."""
    ids = table.ids.astype(np.int64)
    comment = np.repeat(np.arange(len(table)), np.diff(table.offsets))
    pair_codes = ids[:-1] * len(table.terms) + ids[1:]
    hit = (comment[:-1] == comment[1:]) & np.isin(pair_codes, codes)
    found = np.unique(np.stack([comment[:-1][hit], np.searchsorted(codes, pair_codes[hit])]), axis=1)
    np.add.at(scores, found[0], rows[found[1]])


def concept_presence(table: TokenTable, space: ConceptSpace) -> csr_matrix:
    """Comments × concepts, 1 where the comment uses a word standing for the concept."""
    return space.project(count_matrix(table, binary=True), binary=True)
