"""Thai letters as the other modules of the package see them: marks, digits, invisible characters.

Python counts Thai vowel signs and tone marks as non-word characters; every module that cuts or compares text
takes its character classes from here, so ข้าว (rice) and ข่าว (news) stay different words everywhere.
"""

import re

# The classes as Unicode has them (pythainlp names the same sets; they are written out here so that reading a
# letter's class does not import pythainlp).
ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47"
BELOW_VOWELS = "\u0e38\u0e39"
FOLLOW_VOWELS = "\u0e30\u0e32\u0e33\u0e45"
LEAD_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
# Vowel signs above and below, the tone marks and the other marks: they belong to the letter before them.
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
# Following vowels (ะ า ำ ๅ): they cannot begin a word.
FOLLOWING = FOLLOW_VOWELS
THAI_DIGITS = {ord(thai): str(arabic) for arabic, thai in enumerate("๐๑๒๓๔๕๖๗๘๙")}
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Thai digits to Arabic and invisible characters out, in one str.translate.
PLAIN = {**THAI_DIGITS, **ZERO_WIDTH}
NEEDS_PLAIN = re.compile("[\u0e50-\u0e59\u200b-\u200d\u2060\ufeff\u00ad]")
THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
SPACES = re.compile(r"\s+")
REPETITION_MARK = "ๆ"


def is_word(token: str) -> bool:
    """A token with a letter or digit in it, other than the repetition mark ๆ alone."""
    return any(char.isalnum() for char in token) and token != REPETITION_MARK


_BEFORE_BRACKET = re.compile(r"(?<=[\u0e01-\u0e5b])\(")
_AFTER_BRACKET = re.compile(r"\)(?=[\u0e01-\u0e5b])")


def spaced_brackets(text: str) -> str:
    """A space before an opening and after a closing bracket that touch Thai letters, as Thai is written: a title
    that begins "(ร่าง)" read after a word ("ต่อ (ร่าง) ระเบียบ…", never "ต่อ(ร่าง)")."""
    return _AFTER_BRACKET.sub(") ", _BEFORE_BRACKET.sub(" (", text))
