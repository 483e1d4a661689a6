"""Why comments were grouped as one campaign: the passages they share, read from their segmented words.

Words are compared in their usual written form (the thesaurus: รพ. and โรงพยาบาล match), so a passage survives a
changed spelling; it is shown as the first text wrote it.
"""

from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from rapfang.analysis.text.features import content_mask
from rapfang.analysis.text.thesaurus import canonical

MIN_WORDS = 3


def shared_passages(first: Sequence[str], second: Sequence[str], min_words: int = MIN_WORDS) -> list[str]:
    """Runs of at least ``min_words`` words (two of them content words) that both texts contain, in the first
    text's order and spelling."""
    a, b = [canonical(word) for word in first], [canonical(word) for word in second]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    passages = []
    for block in matcher.get_matching_blocks():
        words = list(first[block.a : block.a + block.size])
        if block.size >= min_words and sum(content_mask(words)) >= 2:
            passages.append(join_words(words))
    return passages


def common_passages(
    representative: Sequence[str], others: Sequence[Sequence[str]], limit: int = 6
) -> list[tuple[str, int]]:
    """The representative's passages that the other texts share, with how many of them share each; most shared
    first, then in the representative's order."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for other in others:
        for passage in dict.fromkeys(shared_passages(representative, other)):
            counts[passage] += 1
            order.setdefault(passage, len(order))
    ranked = sorted(counts, key=lambda passage: (-counts[passage], order[passage]))
    return [(passage, counts[passage]) for passage in ranked[:limit]]


def word_share(representative: Sequence[str], other: Sequence[str]) -> float:
    """Share of the representative's distinct content words that the other text uses too (0-1)."""
    mine = {canonical(w) for w, keep in zip(representative, content_mask(list(representative)), strict=True) if keep}
    theirs = {canonical(word) for word in other}
    return len(mine & theirs) / len(mine) if mine else 0.0


def join_words(words: Sequence[str]) -> str:
    """Segmented words back to text: Thai words run together, a space between two Latin words or numbers."""
    text = ""
    for word in words:
        if text and text[-1].isascii() and text[-1].isalnum() and word[:1].isascii() and word[:1].isalnum():
            text += " "
        text += word
    return text
