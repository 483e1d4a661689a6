"""The analysis of one consultation's comments, the one entry point the site and ``rapfang analyze`` both call:
normalise → segment → campaigns → topic clusters → topics.

A comment may bring the words of an earlier run (``tokens``): it is then neither normalised nor segmented again.
Staff's corrections come in with the comments (``staff_domain``, ``staff_group``) and are taken as labelled
examples: for the comments staff touched and, through them, for the untouched comments like them.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from rapfang.analysis.text.classify import NONE, UNLABELLED, ClassifyOptions, DomainAssignment, assign_domains
from rapfang.analysis.text.dedup import DedupOptions, DuplicateResult, StaffLinks, find_duplicate_groups
from rapfang.analysis.text.domains import Domain, engine_vocabulary
from rapfang.analysis.text.features import tfidf_matrix
from rapfang.analysis.text.keywords import top_terms_per_label, top_terms_per_row
from rapfang.analysis.text.memory import release_free_memory
from rapfang.analysis.text.segment import SEPARATOR, TokenTable, merge_tables, segment_chunk
from rapfang.analysis.text.topics import TopicResult, cluster_topics
from rapfang.analysis.text.workers import CHUNK, default_workers, iterate_chunks
from rapfang.core.thai.normalise import analysis_forms
from rapfang.core.thai.words import load_dictionary

StageHook = Callable[[str], AbstractContextManager[object]]
ProgressHook = Callable[[str, int], None]  # (stage, texts just done)
NO_TOPIC = ""  # staff_domain of a comment staff put in none of the topics; staff_group of one taken out of any
SEGMENT_CHUNK = 2000


@dataclass(frozen=True)
class Comment:
    id: object
    text: str
    paragraph_domains: tuple[str, ...] = ()
    tokens: tuple[str, ...] | None = None  # the words of an earlier run of the same text and dictionary
    staff_domain: str | None = None  # a topic key staff chose, NO_TOPIC, or None when staff did not choose
    staff_group: object = None  # the campaign staff put it in (any label), NO_TOPIC, or None
    stored_group: object = None  # the campaign an earlier run (or staff) left it in, with the same labels


@dataclass(frozen=True)
class AnalysisOptions:
    dedup: DedupOptions = field(default_factory=DedupOptions)
    classify: ClassifyOptions = field(default_factory=ClassifyOptions)
    n_clusters: int | None = None
    seed: int = 0
    keywords_per_comment: int = 5
    vocabulary: tuple[str, ...] = ()
    workers: int | None = None  # processes for normalising and segmenting; None: one per core


@dataclass(frozen=True)
class AnalysisResult:
    comments: Sequence[Comment]
    domains: list[Domain]
    texts: list[str]  # normalised, for the comments without a word normalised in this run ("" for the others)
    table: TokenTable
    duplicates: DuplicateResult
    topics: TopicResult
    assignment: DomainAssignment
    keywords: list[list[str]]
    group_keywords: dict[int, list[str]]
    dictionary: str
    segmented: int

    def rows(self) -> Iterator[dict]:
        """One output record per comment, in input order."""
        for number, comment in enumerate(self.comments):
            group = int(self.duplicates.group_of[number])
            label = int(self.assignment.labels[number])
            cluster = int(self.topics.labels[number])
            yield {
                "id": comment.id,
                "duplicate_group": group if group >= 0 else None,
                "cluster": cluster if cluster >= 0 else None,
                "domain": self.domains[label].key if label >= 0 else None,
                "confidence": float(self.assignment.confidence[number]),
                "keywords": self.keywords[number],
            }

    def closest(self, number: int, limit: int = 3) -> list[tuple[str, float]]:
        """The topics closest to comment ``number``, with their scores, best first (zero scores left out)."""
        scores = self.assignment.scores[number]
        order = np.argsort(-scores, kind="stable")[:limit]
        return [(self.domains[n].key, round(float(scores[n]), 4)) for n in order if scores[n] > 0]


def dictionary_for(domains: list[Domain], vocabulary: tuple[str, ...] = ()) -> tuple[tuple[str, ...], str]:
    """The segmenter's extra words for these topics, and the name of the dictionary loaded with them."""
    words = engine_vocabulary(domains, vocabulary)
    return words, load_dictionary(words)


def analyse(
    comments: Sequence[Comment],
    domains: list[Domain],
    options: AnalysisOptions = AnalysisOptions(),
    stage: StageHook = lambda name: nullcontext(),
    progress: ProgressHook | None = None,
) -> AnalysisResult:
    """Run every stage; ``stage(name)`` wraps each one (timing), ``progress(name, n)`` reports texts done."""
    workers = options.workers or default_workers()
    words, dictionary = dictionary_for(domains, options.vocabulary)
    if not comments:
        return _empty(domains, dictionary)
    with stage("normalise"):
        texts = _normalised(comments, workers)
        release_free_memory()
    with stage("segment"):
        table, segmented = _table(comments, texts, words, workers, progress)
        texts = _without_words(texts, table)
        release_free_memory()
    with stage("dedup"):
        duplicates = find_duplicate_groups(texts, table, options.dedup, staff_links(comments))
    with stage("cluster"):
        tfidf, _ = tfidf_matrix(table)
        distinct = np.flatnonzero(first_of_each_text(duplicates, len(comments)))
        topics = cluster_topics(tfidf, distinct, table.terms, options.n_clusters, options.seed)
        keywords = top_terms_per_row(tfidf, table.terms, options.keywords_per_comment)
        group_keywords = top_terms_per_label(tfidf, duplicates.group_of, table.terms)
    with stage("classify"):
        prior, labels = paragraph_prior(comments, domains), staff_labels(comments, domains)
        assignment = assign_domains(table, tfidf, domains, dictionary, prior, options.classify, labels)
    return AnalysisResult(
        comments, domains, texts, table, duplicates, topics, assignment, keywords, group_keywords, dictionary,
        segmented,
    )  # fmt: skip


def _empty(domains: list[Domain], dictionary: str) -> AnalysisResult:
    nothing = np.zeros(0, dtype=np.int64)
    return AnalysisResult(
        [], domains, [], table_from_tokens([]), DuplicateResult(nothing, []), TopicResult(nothing, {}, {}),
        DomainAssignment(nothing, np.zeros(0), np.zeros((0, len(domains)))), [], {}, dictionary, 0,
    )  # fmt: skip


def _normalised(comments: Sequence[Comment], workers: int) -> list[str]:
    """Normalised texts of the comments to segment and of those without a word ("" for the others)."""
    chosen = [n for n, c in enumerate(comments) if not c.tokens]
    parts = iterate_chunks(analysis_forms, [comments[n].text for n in chosen], workers if len(chosen) > CHUNK else 1)
    texts = [""] * len(comments)
    for n, text in zip(chosen, (text for part in parts for text in part), strict=True):
        texts[n] = text
    return texts


def _without_words(texts: list[str], table: TokenTable) -> list[str]:
    """The normalised texts of the comments without a word (their exact-duplicate key is read from their
    symbols), "" for the others: the texts of a million comments are not kept once they are cut into words."""
    kept = [""] * len(texts)
    for row in np.flatnonzero(np.diff(table.offsets) == 0).tolist():
        kept[row] = texts[row]
    return kept


def _table(
    comments: Sequence[Comment], texts: list[str], words: tuple[str, ...], workers: int, progress
) -> tuple[TokenTable, int]:
    """Token table of every comment: stored words where given, the rest segmented now (in worker processes
    when there are many). Term ids in order of first appearance, so an incremental run equals a fresh one."""
    stale = [n for n, c in enumerate(comments) if c.tokens is None]
    report = partial(progress, "segment") if progress else None
    processes = workers if len(stale) > CHUNK else 1
    chunks = iterate_chunks(
        partial(segment_chunk, words), [texts[n] for n in stale], processes, on_chunk=report, chunk=SEGMENT_CHUNK
    )
    fresh = merge_tables(chunks)
    if len(stale) == len(comments):
        return in_order_of_appearance(fresh), len(stale)
    return in_order_of_appearance(_with_stored(comments, fresh, np.asarray(stale, dtype=np.int64))), len(stale)


def _with_stored(comments: Sequence[Comment], fresh: TokenTable, stale: np.ndarray) -> TokenTable:
    """Every comment's words: the rows of ``fresh`` for the ``stale`` comments, stored words for the others."""
    index = {term: number for number, term in enumerate(fresh.terms)}
    stored = [c.tokens or () for c in comments if c.tokens is not None]
    stored_ids = np.fromiter(
        (index.setdefault(token, len(index)) for row in stored for token in row), np.int32, sum(map(len, stored))
    )
    lengths = np.zeros(len(comments), dtype=np.int64)
    is_stale = np.zeros(len(comments), dtype=bool)
    is_stale[stale] = True
    lengths[stale] = np.diff(fresh.offsets)
    lengths[~is_stale] = np.fromiter(map(len, stored), np.int64, len(stored))
    offsets = np.zeros(len(comments) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    ids = np.empty(offsets[-1], dtype=np.int32)
    from_fresh = np.repeat(is_stale, lengths)
    ids[from_fresh], ids[~from_fresh] = fresh.ids, stored_ids
    return TokenTable(ids=ids, offsets=offsets, terms=list(index))


def in_order_of_appearance(table: TokenTable, block: int = 1 << 24) -> TokenTable:
    """The same table with only the terms it uses, numbered in order of first appearance (``SEPARATOR`` 0):
    the table ``table_from_tokens`` makes of the same words. Ids are rewritten in place, a block at a time."""
    used = np.zeros(len(table.terms), dtype=bool)
    used[table.ids] = True
    used[0] = True
    compact = (np.cumsum(used) - 1).astype(np.int32)
    ids, in_order, seen = table.ids, True, 0
    for start in range(0, len(ids), block):
        part = ids[start : start + block]
        np.take(compact, part, out=part)
        running = np.maximum.accumulate(np.concatenate([[seen], part]))
        in_order = in_order and bool(np.all(np.diff(running) <= 1))
        seen = int(running[-1])
    terms = [table.terms[n] for n in np.flatnonzero(used)]
    if not in_order:  # stored words came first for some terms: number them by first appearance
        distinct, first = np.unique(ids, return_index=True)
        order = distinct[np.argsort(first, kind="stable")]
        order = np.concatenate([[0], order[order != 0]]).astype(np.int64)
        renumber = np.zeros(len(order), dtype=np.int32)
        renumber[order] = np.arange(len(order), dtype=np.int32)
        ids = renumber[ids]
        terms = [terms[n] for n in order]
    return TokenTable(ids=ids, offsets=table.offsets, terms=terms)


def table_from_tokens(rows: Sequence[Sequence[str]]) -> TokenTable:
    """A TokenTable from token lists, term ids in order of first appearance (same input, same table)."""
    index: dict[str, int] = {SEPARATOR: 0}
    ids = np.fromiter((index.setdefault(token, len(index)) for row in rows for token in row), dtype=np.int32)
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows)), out=offsets[1:])
    return TokenTable(ids=ids, offsets=offsets, terms=list(index))


def paragraph_prior(comments: Sequence[Comment], domains: list[Domain]) -> np.ndarray | None:
    """Comments × domains, 1 where the comment's paragraph is tagged with the domain; None if none is."""
    column = {domain.key: number for number, domain in enumerate(domains)}
    tagged = [(row, column[key]) for row, c in enumerate(comments) for key in c.paragraph_domains if key in column]
    if not tagged:
        return None
    prior = np.zeros((len(comments), len(domains)), dtype=np.float32)
    rows, columns = zip(*tagged, strict=True)
    prior[list(rows), list(columns)] = 1.0
    return prior


def staff_labels(comments: Sequence[Comment], domains: list[Domain]) -> np.ndarray:
    """Per comment: the topic number staff chose, NONE for none of them, UNLABELLED when staff did not choose."""
    column = {domain.key: number for number, domain in enumerate(domains)}
    labels = np.full(len(comments), UNLABELLED, dtype=np.int64)
    for row, comment in enumerate(comments):
        if comment.staff_domain == NO_TOPIC:
            labels[row] = NONE
        elif comment.staff_domain in column:
            labels[row] = column[comment.staff_domain]
    return labels


def staff_links(comments: Sequence[Comment]) -> StaffLinks:
    """Staff's campaign moves: each campaign staff moved a comment into, with the comments it held, and the
    comments staff took out of any campaign."""
    moved_into = {c.staff_group for c in comments if c.staff_group not in (None, NO_TOPIC)}
    together: dict[object, list[int]] = {}
    for row, comment in enumerate(comments):
        label = comment.staff_group if comment.staff_group is not None else comment.stored_group
        if label in moved_into:
            together.setdefault(label, []).append(row)
    apart = [row for row, comment in enumerate(comments) if comment.staff_group == NO_TOPIC]
    return StaffLinks(together=list(together.values()), apart=apart)


def first_of_each_text(duplicates: DuplicateResult, size: int) -> np.ndarray:
    """True for unique comments and for the first comment of each distinct text inside a group."""
    keep = duplicates.group_of < 0
    for group in duplicates.groups:
        keep[list(group.variants)] = True
    return keep[:size]
