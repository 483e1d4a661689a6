"""Normalise Thai and English comment text before segmentation and hashing.

The steps, in order: zero-width characters out, Thai digits to Arabic, pythainlp's ``normalize``
(vowel and tone-mark order, repeated vowels and marks, dangling marks) where the text needs it,
runs of three or more identical letters folded to one (มากกกก → มาก), the repetition mark ๆ dropped
(ดี ๆ → ดี: the word it repeats is already there), whitespace collapsed,
Latin letters lower-cased.
"""

import hashlib
import re
from collections.abc import Sequence

from pythainlp import (
    thai_above_vowels,
    thai_below_vowels,
    thai_follow_vowels,
    thai_lead_vowels,
    thai_tonemarks,
)
from pythainlp.util import normalize as pythainlp_normalize

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_THAI_DIGITS = {ord(thai): str(arabic) for arabic, thai in enumerate("๐๑๒๓๔๕๖๗๘๙")}
_TRANSLATION = {**_ZERO_WIDTH, **_THAI_DIGITS}
_NEEDS_TRANSLATION = re.compile("[\u0e50-\u0e59\u200b-\u200d\u2060\ufeff\u00ad]")

_MARKS = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = f"{thai_follow_vowels}{thai_lead_vowels}{_MARKS}"
# Every pattern pythainlp's normalize rewrites; texts without one are left as they are (the common case).
_NEEDS_PYTHAINLP = re.compile(
    "|".join(
        [
            "[\u0e45\u0e4d]",
            "\u0e40\u0e40",
            f"[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]",
            f"[{thai_follow_vowels}][{thai_tonemarks}]",
            f"([{_NO_REPEAT}]) *\\1",
            f"[{thai_tonemarks}]{{2}}",
            f"(?:^|\\s)[{_MARKS}]",
        ]
    )
)
_REPEATED_LETTER = re.compile(r"([\u0e01-\u0e2e\u0e46a-vx-zA-VX-Z])\1{2,}")
_SPACES = re.compile(r"\s+")
_REPETITION_MARK = re.compile(r"\s*ๆ+")
# Not a letter or digit. Python counts Thai vowel and tone marks as non-word characters: keep them, or
# ข้าว (rice) and ข่าว (news) would be one text.
_NOT_WORD = re.compile(r"[^\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+|_+")


def normalise_text(text: str) -> str:
    """Return the analysis form of a comment: stable spelling, single spaces, lower-case Latin."""
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_TRANSLATION)
    if _NEEDS_PYTHAINLP.search(text):
        text = pythainlp_normalize(text)
    text = _REPETITION_MARK.sub("", _REPEATED_LETTER.sub(r"\1", text))
    return _SPACES.sub(" ", text).strip().lower()


def normalise_texts(texts: Sequence[str]) -> list[str]:
    """``normalise_text`` over a list (a unit of work for worker processes)."""
    return [normalise_text(text) for text in texts]


def exact_key(normalised: str) -> bytes:
    """Hash naming exact duplicates: the same letters and digits, whatever the spacing and punctuation.

    A text with no letter or digit (only symbols or emoji) is keyed by its symbols."""
    letters = _NOT_WORD.sub("", normalised) or normalised.replace(" ", "")
    return hashlib.blake2b(letters.encode("utf-8"), digest_size=16).digest()
