"""A consultation's readable address (its slug), made for the organiser from its title.

From the English title when there is one; otherwise the Thai title's words romanised by the Royal Institute's
system (pythainlp's offline ``royin`` engine): ร่างประกาศกรมที่ดิน → ``rang-prakat-kramathidin``. When neither
gives a letter, a plain ``consultation-<year>-<n>``. Plain Python, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rapfang.core.thai.romanize import romanize
from rapfang.core.thai.search import words

MAX_LENGTH = 60
VALID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_THAI = re.compile("[\u0e01-\u0e5b]")
_ERA_MARKERS = {"พ.ศ.", "ค.ศ.", "พศ", "คศ"}
_LATIN_ERA = re.compile(r"\b(?:B\.\s?E|A\.\s?D|C\.\s?E)\.", re.IGNORECASE)


def is_valid(slug: str) -> bool:
    """Lower-case Latin letters and digits in words joined by single hyphens, at most MAX_LENGTH characters."""
    return len(slug) <= MAX_LENGTH and VALID.fullmatch(slug) is not None


def latin_slug(text: str) -> str:
    """``Draft Regulation on Fees, B.E. 2570`` → ``draft-regulation-on-fees-2570`` (era marks and Thai dropped)."""
    text = _LATIN_ERA.sub(" ", text)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _shortened(_NOT_ALNUM.sub("-", folded).strip("-"))


def thai_slug(text: str) -> str:
    """The Thai words of `text` romanised, Latin words and digits kept: ร่างกฎกระทรวง พ.ศ. 2570 → ``rang-...-2570``."""
    kept = [word for word in words(text) if word not in _ERA_MARKERS]
    return latin_slug(" ".join(_romanised(word) for word in kept))


def slug_from_titles(title_en: str, title_th: str) -> str:
    """The address a consultation's titles suggest; empty when neither gives a Latin letter or digit."""
    return latin_slug(title_en or "") or thai_slug(title_th or "")


def suggestion(typed: str) -> str:
    """An address made from what someone typed as one, e.g. a Thai word or a title with spaces."""
    return thai_slug(typed) if _THAI.search(typed) else latin_slug(typed)


def first_free(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3` … : the first that is not `taken`, cut to fit MAX_LENGTH."""
    if not taken(base):
        return base
    number = 2
    while True:
        tail = f"-{number}"
        candidate = _shortened(base, MAX_LENGTH - len(tail)) + tail
        if not taken(candidate):
            return candidate
        number += 1


def plain(year: int, taken: Callable[[str], bool]) -> str:
    """``consultation-2027-1``, ``-2`` …: when a title gives nothing to make an address from."""
    number = 1
    while taken(f"consultation-{year}-{number}"):
        number += 1
    return f"consultation-{year}-{number}"


def _shortened(slug: str, limit: int = MAX_LENGTH) -> str:
    """Cut at the last whole word that fits."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).strip("-")


def _romanised(word: str) -> str:
    if not _THAI.search(word):
        return word
    return romanize(word)
