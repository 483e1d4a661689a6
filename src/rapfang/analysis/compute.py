"""The engine's stages (analysis/text) composed for a consultation stored in the database, incrementally.

What a re-run reuses: the words of every comment whose text (and the consultation's vocabulary) is unchanged
since it was last analysed are read back from ``CommentAnalysis.tokens``; only new or changed comments are
normalised and segmented (and those with no word at all, whose exact-duplicate key is taken from their
normalised symbols). Duplicate groups, topic clusters, keywords and domains are then computed over the whole
consultation from the token table, since each depends on all comments (a new comment can join an old
campaign, and TF-IDF weights change with the corpus). The token table is always built in comment-id order from
token lists, so an incremental run gives exactly the result of a run from scratch.

No ORM here: this module takes and returns plain data.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from rapfang.analysis.text.classify import ClassifyOptions, assign_domains
from rapfang.analysis.text.dedup import DedupOptions, DuplicateResult, find_duplicate_groups
from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.features import tfidf_matrix
from rapfang.analysis.text.keywords import top_terms_per_label, top_terms_per_row
from rapfang.analysis.text.normalise import exact_key, normalise_texts
from rapfang.analysis.text.pipeline import Comment as EngineComment
from rapfang.analysis.text.pipeline import paragraph_prior
from rapfang.analysis.text.segment import SEPARATOR, TokenTable, load_dictionary, merge_tables, segment_chunk
from rapfang.analysis.text.topics import TopicResult, cluster_topics
from rapfang.analysis.text.workers import CHUNK, default_workers, map_chunks

Progress = Callable[[str, int, int], None]  # (stage, done, total)
SEED = 0
SEGMENT_CHUNK = 2000


@dataclass(frozen=True)
class Item:
    """One comment to analyse; ``stored_hash`` and ``stored_tokens`` come from its last analysis, if any."""

    comment_id: int
    text: str
    paragraph_domains: tuple[str, ...] = ()
    stored_hash: str = ""
    stored_tokens: str = ""


@dataclass
class Computed:
    ids: list[int]
    source_hashes: list[str]
    text_keys: list[str]
    tokens: list[list[str]]
    duplicates: DuplicateResult
    group_keywords: dict[int, list[str]]
    topics: TopicResult
    keywords: list[list[str]]
    domain_keys: list[str | None]
    confidence: list[float]
    segmented: int
    timings: dict[str, float] = field(default_factory=dict)


def source_hash(text: str, dictionary: str) -> str:
    """Names the text and the segmenter's dictionary: when either changes, the comment is segmented again."""
    return hashlib.blake2b(f"{dictionary}\0{text}".encode(), digest_size=16).hexdigest()


def table_from_tokens(rows: Sequence[Sequence[str]]) -> TokenTable:
    """A TokenTable from token lists, term ids in order of first appearance (same input, same table)."""
    index: dict[str, int] = {SEPARATOR: 0}
    ids = np.fromiter((index.setdefault(token, len(index)) for row in rows for token in row), dtype=np.int32)
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows)), out=offsets[1:])
    return TokenTable(ids=ids, offsets=offsets, terms=list(index))


class _Clock:
    def __init__(self, progress: Progress | None) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress or (lambda stage, done, total: None)

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[None]:
        began = time.monotonic()
        self.progress(name, 0, total)
        yield
        self.timings[name] = round(time.monotonic() - began, 3)
        self.progress(name, total, total)


def compute(
    items: Sequence[Item], domains: list[Domain], *, progress: Progress | None = None, workers: int | None = None
) -> Computed:
    """Analyse ``items`` (in comment-id order), segmenting only those whose stored words are stale."""
    if not items:
        return _empty()
    clock = _Clock(progress)
    workers = workers or default_workers()
    vocabulary = tuple(word for domain in domains for word in domain.vocabulary())
    dictionary = load_dictionary(vocabulary)
    hashes = [source_hash(item.text, dictionary) for item in items]
    stale = [n for n, item in enumerate(items) if item.stored_hash != hashes[n]]
    wordless = [n for n, item in enumerate(items) if item.stored_hash == hashes[n] and not item.stored_tokens]
    texts = [""] * len(items)  # the engine reads a text itself only when it has no word
    with clock.stage("normalise", len(stale) + len(wordless)):
        chosen = stale + wordless
        normalised = map_chunks(normalise_texts, [items[n].text for n in chosen], workers)
        for n, text in zip(chosen, (text for part in normalised for text in part), strict=True):
            texts[n] = text
    with clock.stage("segment", len(stale)):
        fresh = _segment(vocabulary, [texts[n] for n in stale], workers, clock.progress)
    tokens = [item.stored_tokens.split() for item in items]
    for row, n in enumerate(stale):
        tokens[n] = fresh.tokens(row)
    table = table_from_tokens(tokens)
    result = _analyse_table(items, texts, table, domains, dictionary, clock)
    keys = [_text_key(row, text) for row, text in zip(tokens, texts, strict=True)]
    return Computed(
        ids=[item.comment_id for item in items], source_hashes=hashes, text_keys=keys, tokens=tokens,
        segmented=len(stale), timings=clock.timings, **result,
    )  # fmt: skip


def _text_key(tokens: list[str], normalised: str) -> str:
    """Names a distinct text of a group: the same words in the same order, or the same symbols when wordless."""
    if not tokens:
        return exact_key(normalised).hex()
    return hashlib.blake2b("\n".join(tokens).encode(), digest_size=16).hexdigest()


def _empty() -> Computed:
    nothing = np.zeros(0, dtype=np.int64)
    return Computed(
        ids=[], source_hashes=[], text_keys=[], tokens=[], duplicates=DuplicateResult(nothing, []), group_keywords={},
        topics=TopicResult(nothing, {}, {}), keywords=[], domain_keys=[], confidence=[], segmented=0,
    )  # fmt: skip


def _segment(vocabulary: tuple[str, ...], texts: list[str], workers: int, progress: Progress) -> TokenTable:
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        progress("segment", done, len(texts))

    # Small chunks so that progress moves; worker processes only when the work is worth starting them for.
    processes = workers if len(texts) > CHUNK else 1
    chunks = map_chunks(partial(segment_chunk, vocabulary), texts, processes, on_chunk=advance, chunk=SEGMENT_CHUNK)
    return merge_tables(chunks)


def _analyse_table(
    items: Sequence[Item], texts: list[str], table: TokenTable, domains: list[Domain], dictionary: str, clock: _Clock
) -> dict[str, Any]:
    with clock.stage("dedup", len(items)):
        duplicates = find_duplicate_groups(texts, table, DedupOptions())
    with clock.stage("cluster", len(items)):
        tfidf, _idf = tfidf_matrix(table)
        distinct = np.flatnonzero(_distinct_texts(duplicates))
        topics = cluster_topics(tfidf, distinct, table.terms, None, SEED)
        keywords = top_terms_per_row(tfidf, table.terms, 5)
        group_keywords = top_terms_per_label(tfidf, duplicates.group_of, table.terms)
    with clock.stage("classify", len(items)):
        engine_comments = [EngineComment(i.comment_id, "", i.paragraph_domains) for i in items]
        prior = paragraph_prior(engine_comments, domains)
        assignment = assign_domains(table, tfidf, domains, dictionary, prior, ClassifyOptions())
    labels = assignment.labels.tolist()
    return {
        "duplicates": duplicates, "group_keywords": group_keywords, "topics": topics, "keywords": keywords,
        "domain_keys": [domains[label].key if label >= 0 else None for label in labels],
        "confidence": [float(value) for value in assignment.confidence.tolist()],
    }  # fmt: skip


def _distinct_texts(duplicates: DuplicateResult) -> np.ndarray:
    """True for unique comments and for the first comment of each distinct text in a group."""
    keep = duplicates.group_of < 0
    for group in duplicates.groups:
        keep[list(group.variants)] = True
    return keep
