"""The whole analysis of one consultation's comments: normalise → segment → dedup → cluster → classify."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from rapfang.analysis.text.classify import ClassifyOptions, DomainAssignment, assign_domains
from rapfang.analysis.text.dedup import DedupOptions, DuplicateResult, find_duplicate_groups
from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.features import tfidf_matrix
from rapfang.analysis.text.keywords import top_terms_per_label, top_terms_per_row
from rapfang.analysis.text.normalise import normalise_texts
from rapfang.analysis.text.segment import load_dictionary, merge_tables, segment_chunk
from rapfang.analysis.text.topics import TopicResult, cluster_topics
from rapfang.analysis.text.workers import default_workers, map_chunks

StageHook = Callable[[str], AbstractContextManager[object]]
ProgressHook = Callable[[str, int], None]


@dataclass(frozen=True)
class Comment:
    id: object
    text: str
    paragraph_domains: tuple[str, ...] = ()


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
    duplicates: DuplicateResult
    topics: TopicResult
    assignment: DomainAssignment
    keywords: list[list[str]]
    group_keywords: dict[int, list[str]]

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


def analyse(
    comments: Sequence[Comment],
    domains: list[Domain],
    options: AnalysisOptions = AnalysisOptions(),
    stage: StageHook = lambda name: nullcontext(),
    progress: ProgressHook | None = None,
) -> AnalysisResult:
    """Run every stage; ``stage(name)`` wraps each one (timing), ``progress(name, n)`` reports texts done."""
    workers = options.workers or default_workers()
    with stage("normalise"):
        raw = [comment.text for comment in comments]
        texts = [text for part in map_chunks(normalise_texts, raw, workers) for text in part]
    with stage("segment"):
        words = tuple(word for domain in domains for word in domain.vocabulary()) + options.vocabulary
        dictionary = load_dictionary(words)
        report = partial(progress, "segment") if progress else None
        table = merge_tables(map_chunks(partial(segment_chunk, words), texts, workers, on_chunk=report))
    with stage("dedup"):
        duplicates = find_duplicate_groups(texts, table, options.dedup)
    with stage("cluster"):
        tfidf, _ = tfidf_matrix(table)
        distinct = np.flatnonzero(_first_of_each_text(duplicates, len(texts)))
        topics = cluster_topics(tfidf, distinct, table.terms, options.n_clusters, options.seed)
        keywords = top_terms_per_row(tfidf, table.terms, options.keywords_per_comment)
        group_keywords = top_terms_per_label(tfidf, duplicates.group_of, table.terms)
    with stage("classify"):
        prior = paragraph_prior(comments, domains)
        assignment = assign_domains(table, tfidf, domains, dictionary, prior, options.classify)
    return AnalysisResult(comments, domains, duplicates, topics, assignment, keywords, group_keywords)


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


def _first_of_each_text(duplicates: DuplicateResult, size: int) -> np.ndarray:
    """True for unique comments and for the first comment of each distinct text inside a group."""
    keep = duplicates.group_of < 0
    for group in duplicates.groups:
        keep[list(group.variants)] = True
    return keep[:size]
