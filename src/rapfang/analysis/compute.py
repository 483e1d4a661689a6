"""The engine (``analysis.text.pipeline.analyse``, the same one ``rapfang analyze`` runs) for a consultation
stored in the database, incrementally.

What a re-run reuses: the words of every comment whose text (and the segmenter's dictionary) is unchanged since it
was last analysed are read back from ``CommentAnalysis.tokens``; only new or changed comments are normalised and
segmented (and those with no word at all, whose exact-duplicate key is taken from their normalised symbols).
Campaigns, topic clusters, keywords and topics are then computed over the whole consultation, since each depends
on all comments. Staff's corrections go in as labelled examples. The token table is always built in comment-id
order from token lists, so an incremental run gives exactly the result of a run from scratch.

No ORM here: this module takes and returns plain data. The engine (numpy, SciPy, scikit-learn) is imported when
`compute` runs, not with this module: the site's pages import this one, and a web process never runs the engine.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapfang.analysis.text.domains import Domain
from rapfang.core.thai.normalise import exact_key

if TYPE_CHECKING:
    from rapfang.analysis.text.dedup import DuplicateResult
    from rapfang.analysis.text.pipeline import Comment
    from rapfang.analysis.text.topics import TopicResult

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class Item:
    """One comment to analyse; ``stored_hash`` and ``stored_tokens`` come from its last analysis, if any;
    ``staff_domain`` / ``staff_group`` are staff's choices (see ``pipeline.Comment``), ``stored_group`` the
    campaign it was left in."""

    comment_id: int
    text: str
    paragraph_domains: tuple[str, ...] = ()
    stored_hash: str = ""
    stored_tokens: str = ""
    staff_domain: str | None = None
    staff_group: object = None
    stored_group: object = None


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
    closest: list[list[tuple[str, float]]]
    segmented: int
    timings: dict[str, float] = field(default_factory=dict)


def source_hash(text: str, dictionary: str) -> str:
    """Names the text and the segmenter's dictionary: when either changes, the comment is segmented again."""
    return hashlib.blake2b(f"{dictionary}\0{text}".encode(), digest_size=16).hexdigest()


class _Clock:
    """The engine's stage and progress hooks as one (stage, done, total) callback, with seconds per stage."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress or (lambda stage, done, total: None)
        self.total, self.done = total, 0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        began, self.done = time.monotonic(), 0
        self.progress(name, 0, self.total)
        yield
        self.timings[name] = round(time.monotonic() - began, 3)
        self.progress(name, self.total, self.total)

    def advance(self, name: str, step: int) -> None:
        self.done += step
        self.progress(name, self.done, self.total)


def compute(
    items: Sequence[Item], domains: list[Domain], *, progress: Progress | None = None, workers: int | None = None
) -> Computed:
    """Analyse ``items`` (in comment-id order), segmenting only those whose stored words are stale."""
    from rapfang.analysis.text.pipeline import AnalysisOptions, analyse, dictionary_for

    _words, dictionary = dictionary_for(domains)
    hashes = [source_hash(item.text, dictionary) for item in items]
    comments = [_comment(item, hashes[n]) for n, item in enumerate(items)]
    clock = _Clock(progress, len(items))
    result = analyse(comments, domains, AnalysisOptions(workers=workers), stage=clock.stage, progress=clock.advance)
    tokens = [result.table.tokens(n) for n in range(len(items))]
    labels = result.assignment.labels.tolist()
    return Computed(
        ids=[item.comment_id for item in items], source_hashes=hashes, tokens=tokens,
        text_keys=[_text_key(row, text) for row, text in zip(tokens, result.texts, strict=True)],
        duplicates=result.duplicates, group_keywords=result.group_keywords, topics=result.topics,
        keywords=result.keywords, domain_keys=[domains[label].key if label >= 0 else None for label in labels],
        confidence=[float(value) for value in result.assignment.confidence.tolist()],
        closest=[result.closest(n) for n in range(len(items))], segmented=result.segmented, timings=clock.timings,
    )  # fmt: skip


def _comment(item: Item, fresh_hash: str) -> Comment:
    from rapfang.analysis.text.pipeline import Comment

    tokens = tuple(item.stored_tokens.split()) if item.stored_hash == fresh_hash else None
    return Comment(
        item.comment_id, item.text, item.paragraph_domains, tokens, item.staff_domain, item.staff_group,
        item.stored_group,
    )  # fmt: skip


def _text_key(tokens: list[str], normalised: str) -> str:
    """Names a distinct text of a group: the same words in the same order, or the same symbols when wordless."""
    if not tokens:
        return exact_key(normalised).hex()
    return hashlib.blake2b("\n".join(tokens).encode(), digest_size=16).hexdigest()
