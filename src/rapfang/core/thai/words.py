"""Thai words: the word list, the segmenter and the word lists the analysis weighs words by.

Segmentation is nlpo3 (newmm in Rust) over pythainlp's ``words_th.txt``, read from the installed package without
importing pythainlp (whose import may try the network); nothing is downloaded. A dictionary is loaded once per
process for each distinct set of extra words (a consultation's own vocabulary, for the analysis) and reused: search,
documents and the analysis cut a text the same way when they ask for the same words.
"""

import hashlib
import importlib.util
import os
import tempfile
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import nlpo3

from rapfang.core.thai.letters import is_word
from rapfang.core.thai.normalise import analysis_form

_lock = threading.Lock()
_loaded: set[str] = set()


@cache
def corpus_folder() -> Path:
    """pythainlp's corpus folder, found without importing pythainlp."""
    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pythainlp is not installed: its word list is needed for Thai segmentation")
    return Path(next(iter(spec.submodule_search_locations))) / "corpus"


def words_file() -> Path:
    """pythainlp's Thai word list (one word a line)."""
    return corpus_folder() / "words_th.txt"


def frequencies_file() -> Path:
    """The Thai National Corpus word counts shipped with pythainlp (``word<TAB>count`` a line)."""
    return corpus_folder() / "tnc_freq.txt"


def load_dictionary(extra_words: Iterable[str] = ()) -> str:
    """Load the word list plus ``extra_words`` into nlpo3 once per process; return the dictionary's name."""
    extra = sorted({analysis_form(word) for word in extra_words} - {""})
    name = "rapfang-" + hashlib.sha1("\n".join(extra).encode(), usedforsecurity=False).hexdigest()[:16]
    if name in _loaded:
        return name
    with _lock:
        if name not in _loaded:
            _load(name, extra)
            _loaded.add(name)
    return name


def _load(name: str, extra: list[str]) -> None:
    if not extra:
        message, ok = nlpo3.load_dict(str(words_file()), name)
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "words.txt"
            base = words_file().read_text(encoding="utf-8").rstrip("\n")
            path.write_text(base + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
            message, ok = nlpo3.load_dict(str(path), name)
    if not ok and "exist" not in message.lower():
        raise RuntimeError(message)


def split(text: str, dictionary: str | None = None) -> list[str]:
    """Every token of ``text``, spaces and punctuation included: ``"".join(split(t)) == t``."""
    if not text:
        return []
    return list(nlpo3.segment(text, dictionary or load_dictionary(), False, False))


def segment(text: str, dictionary: str | None = None) -> list[str]:
    """The word tokens of ``text`` as it is given (normalise it first), spaces and punctuation dropped."""
    return [token for token in split(text, dictionary) if is_word(token)]


def syllables(word: str) -> list[str]:
    """A Thai word's syllables, as pythainlp's dictionary-based syllable cutter gives them: the words of the word
    list (here by nlpo3, which spares building pythainlp's trie of 62,000 words), each cut by newmm over
    pythainlp's syllable list."""
    from pythainlp.tokenize import syllable_dict_trie, word_tokenize

    return [
        syllable
        for part in split(word, load_dictionary())
        for syllable in word_tokenize(part, custom_dict=syllable_dict_trie(), engine="newmm")
    ]


@cache
def thai_words() -> frozenset[str]:
    """pythainlp's Thai word list as a set."""
    from pythainlp.corpus import thai_words as words

    return frozenset(words())


@cache
def thai_stopwords() -> frozenset[str]:
    """pythainlp's Thai stopwords."""
    from pythainlp.corpus import thai_stopwords as stopwords

    return frozenset(stopwords())
