"""Comments cut into words by the package's one segmenter (``core.thai.words``), as a table of integer word ids.

The dictionary is the word list plus the consultation's own vocabulary. Every token is mapped to an integer id, so
a million comments fit in a few hundred megabytes.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rapfang.core.thai.letters import is_word
from rapfang.core.thai.words import load_dictionary, split

SEPARATOR = "\n"


@dataclass(frozen=True)
class TokenTable:
    """Segmented comments: ``ids[offsets[i]:offsets[i + 1]]`` are the word ids of comment ``i``."""

    ids: np.ndarray
    offsets: np.ndarray
    terms: list[str]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def rows(self, start: int, stop: int) -> "TokenTable":
        """Comments ``start`` to ``stop - 1`` as a table sharing this one's ids (no copy)."""
        stop = min(stop, len(self))
        offsets = self.offsets[start : stop + 1]
        return TokenTable(self.ids[offsets[0] : offsets[-1]], offsets - offsets[0], self.terms)

    def tokens(self, row: int) -> list[str]:
        return [self.terms[i] for i in self.ids[self.offsets[row] : self.offsets[row + 1]]]


def segment_texts(
    texts: Sequence[str],
    dictionary: str,
    batch_size: int = 2000,
    on_progress: Callable[[int], None] | None = None,
) -> TokenTable:
    """Segment normalised texts into a TokenTable; ``on_progress`` gets the number of texts done per batch."""
    index: dict[str, int] = {SEPARATOR: 0}
    word_flags = np.zeros(0, dtype=bool)
    kept_ids: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for start in range(0, len(texts), batch_size):
        batch = [text.replace(SEPARATOR, " ") for text in texts[start : start + batch_size]]
        # One call per text: newmm cuts a long input at its own points, so a text segmented in a joined batch
        # could come out differently depending on its neighbours (and one call per text is faster, too).
        tokens: list[str] = []
        for text in batch:
            tokens += split(text, dictionary)
            tokens.append(SEPARATOR)
        ids = _ids(tokens, index)
        word_flags = _extend_flags(word_flags, index)
        batch_ids, batch_counts = _split_batch(ids, word_flags, len(batch))
        kept_ids.append(batch_ids)
        counts.append(batch_counts)
        if on_progress:
            on_progress(len(batch))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(counts) if counts else [], out=offsets[1:])
    flat = np.concatenate(kept_ids) if kept_ids else np.zeros(0, dtype=np.int32)
    return TokenTable(ids=flat, offsets=offsets, terms=list(index))


def merge_tables(tables: Iterable[TokenTable]) -> TokenTable:
    """One table from consecutive tables segmented separately (each with its own term ids), read one by one:
    each table can be freed once it is merged."""
    index: dict[str, int] = {SEPARATOR: 0}
    ids, counts = [], []
    for table in tables:
        mapping = np.fromiter((index.setdefault(term, len(index)) for term in table.terms), np.int32)
        ids.append(mapping[table.ids])
        counts.append(np.diff(table.offsets))
        del table
    offsets = np.zeros(sum(map(len, counts)) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(counts) if counts else [], out=offsets[1:])
    flat = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)
    return TokenTable(ids=flat, offsets=offsets, terms=list(index))


def segment_chunk(vocabulary: tuple[str, ...], texts: Sequence[str]) -> TokenTable:
    """Segment ``texts`` with the dictionary for ``vocabulary`` (a unit of work for worker processes)."""
    return segment_texts(texts, load_dictionary(vocabulary))


def _ids(tokens: list[str], index: dict[str, int]) -> np.ndarray:
    """Term ids of ``tokens``; terms not yet in ``index`` are added in order of first appearance."""
    for token in dict.fromkeys(tokens):
        if token not in index:
            index[token] = len(index)
    return np.fromiter(map(index.__getitem__, tokens), dtype=np.int32, count=len(tokens))


def _extend_flags(flags: np.ndarray, index: dict[str, int]) -> np.ndarray:
    if len(flags) == len(index):
        return flags
    new_terms = _terms_from(index, len(flags))
    return np.concatenate([flags, np.fromiter(map(is_word, new_terms), dtype=bool, count=len(new_terms))])


def _terms_from(index: dict[str, int], start: int) -> list[str]:
    """Terms whose id is ``start`` or more, read from the end of the (insertion-ordered) index."""
    terms = []
    for term in reversed(index):
        if index[term] < start:
            break
        terms.append(term)
    return terms[::-1]


def _split_batch(ids: np.ndarray, word_flags: np.ndarray, n_texts: int) -> tuple[np.ndarray, np.ndarray]:
    separators = ids == 0
    text_of_token = np.cumsum(separators) - separators
    keep = word_flags[ids] & ~separators
    return ids[keep], np.bincount(text_of_token[keep], minlength=n_texts)[:n_texts]
