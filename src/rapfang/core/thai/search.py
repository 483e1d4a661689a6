"""Thai search terms: what a text is indexed under, what a query asks for, and the matches highlighted.

Search indexes more than the segments: every dictionary word found anywhere inside a run of Thai letters, starting
and ending on whole characters (never before a vowel or tone mark), so ทะเบียน is found inside ลงทะเบียน and
ความสามารถ inside ขีดความสามารถ, while ข้าว and ข่าว stay different words. Texts and queries are both taken in
``search_form`` and cut by the package's one segmenter (``words``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from rapfang.core.thai.letters import FOLLOWING, MARKS, THAI_DIGITS, THAI_RUN, is_word
from rapfang.core.thai.normalise import search_form
from rapfang.core.thai.words import load_dictionary, split, words_file

_END = "\0"


@lru_cache(maxsize=1)
def _trie() -> dict[str, dict]:
    """The dictionary's Thai words of two letters or more, as nested dicts; `_END` marks a word's end."""
    root: dict[str, dict] = {}
    for line in words_file().read_text(encoding="utf-8").splitlines():
        word = search_form(line)
        if len(word) < 2 or not THAI_RUN.fullmatch(word):
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def warm() -> None:
    """Load the segmenter's dictionary and build the trie now (a server process does, before its first request)."""
    load_dictionary()
    _trie()


def words(text: str) -> list[str]:
    """The words of `text` in search form, spaces and punctuation dropped."""
    return [token for token in split(search_form(text)) if is_word(token.strip())]


def _dictionary_words_in(run: str, trie: dict[str, dict]) -> Iterable[str]:
    """Every dictionary word inside a run of Thai letters, on whole-character boundaries."""
    length = len(run)
    for start in range(length):
        if run[start] in MARKS or run[start] in FOLLOWING:
            continue
        node = trie
        for end in range(start, length):
            node = node.get(run[end])  # type: ignore[assignment]
            if node is None:
                break
            if _END in node and (end + 1 == length or run[end + 1] not in MARKS):
                yield run[start : end + 1]


def index_terms(text: str) -> list[str]:
    """Terms to index for `text`: its words, and every dictionary word inside its Thai runs. No repeats."""
    normalised = search_form(text)
    terms = dict.fromkeys(token.strip() for token in split(normalised) if is_word(token.strip()))
    trie = _trie()
    for run in THAI_RUN.findall(normalised):
        terms.update(dict.fromkeys(_dictionary_words_in(run, trie)))
    return list(terms)


def query_terms(text: str) -> list[str]:
    """The words a query asks for, segmented as the index was: every one must be present."""
    return list(dict.fromkeys(words(text)))


def highlight(text: str, terms: Iterable[str]) -> str:
    """`text` escaped as HTML, with every occurrence of a term wrapped in <mark>."""
    shadow = text.translate(THAI_DIGITS).lower()
    if len(shadow) != len(text):
        shadow = text
    spans = sorted(
        (match.start(), match.start() + len(term))
        for term in {t for t in terms if t}
        for match in re.finditer(re.escape(term), shadow)
    )
    pieces, position = [], 0
    for start, end in _merged(spans):
        pieces += [html.escape(text[position:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def similarity(first: str, second: str) -> float:
    """Share of words two texts have in common (Jaccard over their word sets), 0 to 1."""
    a, b = set(words(first)), set(words(second))
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
