"""Domain assignment: each comment to its most relevant capability domain, with a confidence, or to none.

Three signals, all computed over the corpus vocabulary once and applied to every comment by sparse products:
1. term weights per domain from the built-in lexicon (``core`` 1.0, ``related`` 0.4, names 2.0) and from the
   domain's own names, keywords and description (0.6 per content word); a phrase the segmenter splits into
   several words is matched as a sequence of word pairs; a word that contains a lexicon term of four or more
   letters (a compound) or is an English inflection of one (plural, -ing, -ed) gets part of its weight;
   each weight is scaled by its share among domains, so a term claimed by several domains counts little;
2. a self-training pass: comments the lexicon assigns clearly train a logistic regression over the
   consultation's TF-IDF, which then scores every comment, carrying the lexicon over to the words that
   co-occur with it in this consultation;
3. the tags of the paragraph a comment is on, when given, as a prior.
"""

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.features import content_mask, count_matrix, document_frequency
from rapfang.analysis.text.normalise import normalise_text
from rapfang.analysis.text.segment import TokenTable, segment_text

NAME_WEIGHT, CORE_WEIGHT, RELATED_WEIGHT = 2.0, 1.0, 0.4
COMPOUND_SHARE = 0.8
COMMON_SHARE, MIN_COMMENTS_FOR_RARITY = 0.05, 50
_ENGLISH_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"))
_SEED_SAMPLE = 50_000


@dataclass(frozen=True)
class ClassifyOptions:
    description_weight: float = 0.6
    min_evidence: float = 0.4
    min_confidence: float = 0.25
    self_training_weight: float = 0.4
    seed_evidence: float = 1.0
    seed_share: float = 0.6
    unlexical_confidence: float = 0.75
    paragraph_weight: float = 0.5
    seed: int = 0


@dataclass(frozen=True)
class DomainAssignment:
    labels: np.ndarray  # per comment: index into the domains list, or -1 for no domain
    confidence: np.ndarray


def domain_phrases(domain: Domain) -> list[tuple[str, float]]:
    """(phrase, weight) pairs describing one domain."""
    phrases = [(name, NAME_WEIGHT) for name in (domain.name_th, domain.name_en, domain.key.replace("_", " "))]
    phrases += [(word, CORE_WEIGHT) for word in domain.keywords]
    if domain.lexicon:
        phrases += [(name, NAME_WEIGHT) for name in domain.lexicon.names]
        phrases += [(term, CORE_WEIGHT) for term in domain.lexicon.core]
        phrases += [(term, RELATED_WEIGHT) for term in domain.lexicon.related]
    return [(normalise_text(text), weight) for text, weight in phrases if text.strip()]


def term_weights(
    domains: list[Domain], table: TokenTable, dictionary: str, description_weight: float = 0.6
) -> tuple[np.ndarray, dict[tuple[int, int], np.ndarray]]:
    """Per corpus term (rows) and domain (columns) weights, and weights of word pairs."""
    index = {term: number for number, term in enumerate(table.terms)}
    mask = content_mask(table.terms)
    unigram = np.zeros((len(table.terms), len(domains)), dtype=np.float32)
    pairs: dict[tuple[int, int], np.ndarray] = {}
    whole_phrases: dict[str, np.ndarray] = {}
    english_words: dict[str, np.ndarray] = {}
    for column, domain in enumerate(domains):
        for phrase, weight in [*domain_phrases(domain), *_description_words(domain, dictionary, description_weight)]:
            tokens = [index.get(token, -1) for token in segment_text(phrase, dictionary)]
            _add_phrase(unigram, pairs, tokens, column, weight, mask)
            found = whole_phrases if not phrase.isascii() else english_words
            if len(phrase) >= 4 and (not phrase.isascii() or " " not in phrase):
                found.setdefault(phrase, np.zeros(len(domains), np.float32))[column] = weight
    _add_subwords(unigram, table.terms, mask, whole_phrases, english_words)
    _add_split_phrases(pairs, table, whole_phrases, np.asarray(unigram.any(axis=1)))
    unigram *= _rarity(table)[:, None]
    return _specific(unigram), {pair: _specific(row[None, :])[0] for pair, row in pairs.items()}


def _rarity(table: TokenTable) -> np.ndarray:
    """Per term, 1 for terms in at most 5 % of comments, falling to 0.25 for terms in most of them."""
    if len(table) < MIN_COMMENTS_FOR_RARITY:
        return np.ones(len(table.terms), dtype=np.float32)
    frequency = document_frequency(table)
    scale = np.log(len(table) / np.maximum(frequency, 1)) / np.log(1 / COMMON_SHARE)
    return np.clip(scale, 0.25, 1.0).astype(np.float32)


def _description_words(domain: Domain, dictionary: str, weight: float) -> list[tuple[str, float]]:
    words = segment_text(normalise_text(domain.description), dictionary)
    return [(word, weight) for word, keep in zip(words, content_mask(words), strict=True) if keep]


def _add_phrase(unigram, pairs, tokens: list[int], column: int, weight: float, mask: np.ndarray) -> None:
    if len(tokens) == 1:
        if tokens[0] >= 0 and mask[tokens[0]]:
            unigram[tokens[0], column] = max(unigram[tokens[0], column], weight)
        return
    for first, second in pairwise(tokens):
        if first >= 0 and second >= 0:
            row = pairs.setdefault((first, second), np.zeros(unigram.shape[1], np.float32))
            row[column] = max(row[column], weight / (len(tokens) - 1))


def _add_subwords(unigram: np.ndarray, terms: list[str], mask: np.ndarray, phrases: dict, english: dict) -> None:
    """Give Thai compounds and English inflections part of the weight of the lexicon term inside them."""
    if not phrases:
        return
    pattern = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
    for number in np.flatnonzero(mask & ~unigram.any(axis=1)):
        term = terms[number]
        found = [phrases[m] for m in pattern.findall(term) if m != term] if len(term) > 4 else []
        found += [english[stem] for stem in _english_stems(term) if stem in english]
        if found:
            unigram[number] = COMPOUND_SHARE * np.max(found, axis=0)


def _add_split_phrases(pairs: dict, table: TokenTable, phrases: dict[str, np.ndarray], weighted: np.ndarray) -> None:
    """Lexicon phrases the segmenter cut elsewhere in a comment (ค่า|น้ำขึ้น for ค่าน้ำ): a word pair whose first
    word is a proper beginning of a phrase, and whose joined text starts with the phrase, counts for it, unless
    the second word is a lexicon term itself (then that term counts, not both)."""
    heads: dict[str, list[str]] = {}
    for phrase in phrases:
        for cut in range(1, len(phrase)):
            heads.setdefault(phrase[:cut], []).append(phrase)
    is_head = np.fromiter((term in heads for term in table.terms), bool, len(table.terms))
    width = len(table.terms)
    for code in _pair_codes_from(table, is_head).tolist():
        first, second = divmod(code, width)
        if weighted[second]:
            continue
        joined = table.terms[first] + table.terms[second]
        found = [phrases[phrase] for phrase in heads[table.terms[first]] if joined.startswith(phrase)]
        if found:
            row = pairs.setdefault((first, second), np.zeros(len(found[0]), np.float32))
            np.maximum(row, COMPOUND_SHARE * np.max(found, axis=0), out=row)


def _pair_codes_from(table: TokenTable, first_allowed: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Distinct codes (first * terms + second) of adjacent word pairs whose first word is allowed."""
    codes = []
    for start in range(0, len(table), chunk):
        part = table.rows(start, start + chunk)
        ids = part.ids.astype(np.int64)
        comment = np.repeat(np.arange(len(part)), np.diff(part.offsets))
        keep = (comment[:-1] == comment[1:]) & first_allowed[ids[:-1]]
        codes.append(np.unique(ids[:-1][keep] * len(table.terms) + ids[1:][keep]))
    return np.unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64)


def _english_stems(term: str) -> list[str]:
    if not term.isascii():
        return []
    return [term[: -len(end)] + new for end, new in _ENGLISH_ENDINGS if term.endswith(end) and len(term) > 4]


def _specific(weights: np.ndarray) -> np.ndarray:
    """Scale each term's weights by their share across domains."""
    total = weights.sum(axis=1, keepdims=True)
    return np.divide(weights * weights, total, out=np.zeros_like(weights), where=total > 0)


def lexical_scores(table: TokenTable, unigram: np.ndarray, pairs: dict, chunk: int = 100_000) -> np.ndarray:
    """Comments × domains evidence: the weights of the distinct terms and word pairs each comment contains."""
    width = len(table.terms)
    codes = np.array(sorted(a * width + b for a, b in pairs), dtype=np.int64)
    rows = np.array([pairs[(int(c) // width, int(c) % width)] for c in codes], dtype=np.float32)
    scores = np.zeros((len(table), unigram.shape[1]), dtype=np.float32)
    for start in range(0, len(table), chunk):
        part = table.rows(start, start + chunk)
        scores[start : start + len(part)] = count_matrix(part, binary=True) @ unigram
        if len(codes):
            _add_pair_scores(scores[start : start + len(part)], part, codes, rows)
    return scores


def _add_pair_scores(scores: np.ndarray, table: TokenTable, codes: np.ndarray, rows: np.ndarray) -> None:
    """Add the weights of the known word pairs (``codes``) found in each comment, once per comment."""
    ids = table.ids.astype(np.int64)
    comment = np.repeat(np.arange(len(table)), np.diff(table.offsets))
    pair_codes = ids[:-1] * len(table.terms) + ids[1:]
    hit = (comment[:-1] == comment[1:]) & np.isin(pair_codes, codes)
    found = np.unique(np.stack([comment[:-1][hit], np.searchsorted(codes, pair_codes[hit])]), axis=1)
    np.add.at(scores, found[0], rows[found[1]])


def self_trained_scores(tfidf: csr_matrix, lexical: np.ndarray, options: ClassifyOptions) -> np.ndarray | None:
    """Probabilities from a logistic regression trained on the comments the lexicon assigns clearly."""
    total = lexical.sum(axis=1)
    share = np.divide(lexical.max(axis=1), total, out=np.zeros_like(total), where=total > 0)
    seeds = np.flatnonzero((lexical.max(axis=1) >= options.seed_evidence) & (share >= options.seed_share))
    labels = lexical[seeds].argmax(axis=1)
    classes, counts = np.unique(labels, return_counts=True)
    if len(classes) < 2 or counts.min() < 2:
        return None
    if len(seeds) > _SEED_SAMPLE:
        pick = np.random.default_rng(options.seed).choice(len(seeds), _SEED_SAMPLE, replace=False)
        seeds, labels = seeds[pick], labels[pick]
    model = LogisticRegression(C=4.0, max_iter=500, class_weight="balanced", random_state=options.seed)
    probabilities = np.zeros_like(lexical)
    with threadpool_limits(limits=1):
        model.fit(tfidf[seeds], labels)
        probabilities[:, model.classes_] = model.predict_proba(tfidf)
    return probabilities


def assign_domains(
    table: TokenTable,
    tfidf: csr_matrix,
    domains: list[Domain],
    dictionary: str,
    paragraph_prior: np.ndarray | None = None,
    options: ClassifyOptions = ClassifyOptions(),
) -> DomainAssignment:
    """Pick a domain per comment; ``paragraph_prior`` is comments × domains, 1 where the paragraph is tagged."""
    if not domains or len(table) == 0:
        return DomainAssignment(np.full(len(table), -1), np.zeros(len(table)))
    unigram, pairs = term_weights(domains, table, dictionary, options.description_weight)
    lexical = lexical_scores(table, unigram, pairs)
    evidence = lexical.max(axis=1)
    blend = _distribution(lexical)
    learned = self_trained_scores(tfidf, lexical, options)
    if learned is not None:
        weight = np.where(evidence > 0, options.self_training_weight, 1.0)[:, None]
        blend = (1 - weight) * blend + weight * learned
    tagged: np.ndarray = np.zeros(len(table), bool)
    if paragraph_prior is not None:
        tagged = np.asarray(paragraph_prior.any(axis=1), dtype=bool)
        blend = _distribution(blend + options.paragraph_weight * paragraph_prior)
    confidence = blend.max(axis=1)
    lexical_ok = (evidence >= options.min_evidence) | tagged
    accepted = (lexical_ok & (confidence >= options.min_confidence)) | (confidence >= options.unlexical_confidence)
    labels = np.where(accepted, blend.argmax(axis=1), -1)
    return DomainAssignment(labels=labels, confidence=np.round(confidence, 4))


def _distribution(scores: np.ndarray) -> np.ndarray:
    total = scores.sum(axis=1, keepdims=True)
    return np.divide(scores, total, out=np.zeros_like(scores), where=total > 0)
