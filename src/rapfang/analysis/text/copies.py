"""Copies among a few thousand texts, on the spot: exact and near duplicates, without a stored analysis.

The moderation queue groups comments awaiting review that are copies of one another (a campaign) before any
analysis has run over them. Same engine as the analysis (normalise, segment, MinHash LSH), in one process.
"""

from collections.abc import Sequence

import numpy as np

from rapfang.analysis.text.dedup import DedupOptions, find_duplicate_groups
from rapfang.analysis.text.segment import segment_texts
from rapfang.core.thai.normalise import analysis_forms, exact_key
from rapfang.core.thai.words import load_dictionary


def copy_groups(texts: Sequence[str], options: DedupOptions | None = None) -> np.ndarray:
    """Per text, the number of its group of copies, or -1 when it has none."""
    if len(texts) < 2:
        return np.full(len(texts), -1, dtype=np.int64)
    normalised = analysis_forms(texts)
    table = segment_texts(normalised, load_dictionary())
    return find_duplicate_groups(normalised, table, options or DedupOptions()).group_of


def text_keys(texts: Sequence[str]) -> list[bytes]:
    """A key per text naming its exact copies (the same letters and digits, whatever the spacing)."""
    return [exact_key(text) for text in analysis_forms(texts)]
