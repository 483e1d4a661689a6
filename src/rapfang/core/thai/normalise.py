"""The two normal forms of Thai and English text: for search, and for the analysis.

``search_form`` is light, so that a query and the text it finds agree on digits, spacing and case, and a highlight
can be laid back on the original text. ``analysis_form`` goes further, so that two spellings of one submission
compare equal; its steps, in order: zero-width characters out, Thai digits to Arabic, pythainlp's ``normalize``
(vowel and tone-mark order, repeated vowels and marks, dangling marks) where the text needs it,
runs of three or more identical letters folded to one (มากกกก → มาก), the repetition mark ๆ dropped
(ดี ๆ → ดี: the word it repeats is already there), whitespace collapsed,
Latin letters lower-cased.
"""

import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence

from rapfang.core.thai.letters import (
    ABOVE_VOWELS,
    BELOW_VOWELS,
    FOLLOW_VOWELS,
    LEAD_VOWELS,
    NEEDS_PLAIN,
    PLAIN,
    SPACES,
    TONE_MARKS,
)

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

_MARKS = f"{ABOVE_VOWELS}{BELOW_VOWELS}{TONE_MARKS}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = f"{FOLLOW_VOWELS}{LEAD_VOWELS}{_MARKS}"
# Every pattern pythainlp's normalize rewrites; texts without one are left as they are (the common case).
_NEEDS_PYTHAINLP = re.compile(
    "|".join(
        [
            "[\u0e45\u0e4d]",
            "\u0e40\u0e40",
            f"[{TONE_MARKS}\u0e4c][{ABOVE_VOWELS}{BELOW_VOWELS}]",
            f"[{FOLLOW_VOWELS}][{TONE_MARKS}]",
            f"([{_NO_REPEAT}]) *\\1",
            f"[{TONE_MARKS}]{{2}}",
            f"(?:^|\\s)[{_MARKS}]",
        ]
    )
)
_REPEATED_LETTER = re.compile(r"([\u0e01-\u0e2e\u0e46a-vx-zA-VX-Z])\1{2,}")
_REPETITION_MARK = re.compile(r"\s*ๆ+")
# Not a letter or digit. Python counts Thai vowel and tone marks as non-word characters: keep them, or
# ข้าว (rice) and ข่าว (news) would be one text.
_NOT_WORD = re.compile(r"[^\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+|_+")


def search_form(text: str) -> str:
    """NFC, Thai digits as Arabic, no invisible characters, single spaces, lower case."""
    return SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(PLAIN)).strip().lower()


def analysis_form(text: str) -> str:
    """Return the analysis form of a comment: stable spelling, single spaces, lower-case Latin."""
    if NEEDS_PLAIN.search(text):
        text = text.translate(PLAIN)
    if _NEEDS_PYTHAINLP.search(text):
        from pythainlp.util import normalize as pythainlp_normalize

        text = pythainlp_normalize(text)
    text = _REPETITION_MARK.sub("", _REPEATED_LETTER.sub(r"\1", text))
    return SPACES.sub(" ", text).strip().lower()


def analysis_forms(texts: Sequence[str]) -> list[str]:
    """``analysis_form`` over a list (a unit of work for worker processes)."""
    return [analysis_form(text) for text in texts]


def exact_key(normalised: str) -> bytes:
    """Hash naming exact duplicates: the same letters and digits, whatever the spacing and punctuation.

    A text with no letter or digit (only symbols or emoji) is keyed by its symbols."""
    letters = _NOT_WORD.sub("", normalised) or normalised.replace(" ", "")
    return hashlib.blake2b(letters.encode("utf-8"), digest_size=16).digest()
