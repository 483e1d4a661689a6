"""Thai text for search and diff: normalisation, word segmentation, index terms and highlighting.

Plain Python (no Django). Segmentation is nlpo3 (newmm in Rust) over pythainlp's `words_th.txt`, read from
the installed package: nothing is downloaded. Search indexes more than the segments: every dictionary
word found anywhere inside a run of Thai letters, starting and ending on whole characters (never
before a vowel or tone mark), so ทะเบียน is found inside ลงทะเบียน and ความสามารถ inside
ขีดความสามารถ, while ข้าว and ข่าว stay different words.
"""

from __future__ import annotations

import html
import os
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import nlpo3

DICTIONARY_NAME = "rapfang-core-words"
# Vowel signs above and below, the tone marks and other marks: they belong to the letter before them.
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
# Following vowels that cannot begin a word.
FOLLOWING = "\u0e30\u0e32\u0e33\u0e45"
_THAI_DIGITS = {ord(thai): str(arabic) for arabic, thai in enumerate("๐๑๒๓๔๕๖๗๘๙")}
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_TRANSLATION = {**_THAI_DIGITS, **_ZERO_WIDTH}
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
_SPACES = re.compile(r"\s+")
_END = "\0"
_lock = threading.Lock()
_loaded = False


def words_file() -> Path:
    """pythainlp's Thai word list, found without importing pythainlp (which may try the network)."""
    import importlib.util

    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pythainlp is not installed: its word list is needed for Thai segmentation")
    return Path(next(iter(spec.submodule_search_locations))) / "corpus" / "words_th.txt"


def _dictionary() -> str:
    global _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                message, ok = nlpo3.load_dict(str(words_file()), DICTIONARY_NAME)
                if not ok and "exist" not in message.lower():
                    raise RuntimeError(message)
                _loaded = True
    return DICTIONARY_NAME


@lru_cache(maxsize=1)
def _trie() -> dict[str, dict]:
    """The dictionary's Thai words of two letters or more, as nested dicts; `_END` marks a word's end."""
    root: dict[str, dict] = {}
    for line in words_file().read_text(encoding="utf-8").splitlines():
        word = normalise(line)
        if len(word) < 2 or not _THAI_RUN.fullmatch(word):
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def warm() -> None:
    """Load the segmenter's dictionary and build the trie now (a server process does, before its first request)."""
    _dictionary()
    _trie()


def normalise(text: str) -> str:
    """Search form: NFC, Thai digits as Arabic, no zero-width characters, single spaces, lower case."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_TRANSLATION)).strip().lower()


def split(text: str) -> list[str]:
    """Every token of `text`, spaces and punctuation included: `"".join(split(t)) == t`."""
    if not text:
        return []
    return list(nlpo3.segment(text, _dictionary(), False, False))


def is_word(piece: str) -> bool:
    return any(char.isalnum() for char in piece) and piece != "ๆ"


def words(text: str) -> list[str]:
    """The words of `text` in search form, spaces and punctuation dropped."""
    return [token for token in split(normalise(text)) if is_word(token.strip())]


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
    normalised = normalise(text)
    terms = dict.fromkeys(token.strip() for token in split(normalised) if is_word(token.strip()))
    trie = _trie()
    for run in _THAI_RUN.findall(normalised):
        terms.update(dict.fromkeys(_dictionary_words_in(run, trie)))
    return list(terms)


def query_terms(text: str) -> list[str]:
    """The words a query asks for, segmented as the index was: every one must be present."""
    return list(dict.fromkeys(words(text)))


def highlight(text: str, terms: Iterable[str]) -> str:
    """`text` escaped as HTML, with every occurrence of a term wrapped in <mark>."""
    shadow = text.translate(_THAI_DIGITS).lower()
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
