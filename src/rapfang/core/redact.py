"""Personal data written inside free text, found and replaced by a label before the text goes out in public.

Plain Python, no Django. The one rule for every public surface (comment pages, the API, feeds, open data, reports)
and for the flag moderators see. It finds e-mail addresses (also written `name (at) example (dot) com`, `name at
example dot com`, `ชื่อ แอท example ดอท คอม`, with a full-width ＠), Thai telephone numbers (landline, mobile,
+66; 1xxx hotlines are left alone) and 13-digit national IDs, in Arabic, Thai or full-width digits, grouped with
spaces, `-`, `.`, `/`, `_` or brackets (`(081)2345671`), with zero-width characters anywhere inside.

Matching runs on a shadow of the text: each character in Unicode NFKC, lower case, Thai digits as Arabic, and
zero-width characters dropped, each shadow character remembering where it came from; what matches is replaced in
the original text. Ordinary numbers stay: years and ranges of years, amounts, section numbers, dates and times.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u180e")

# E-mail addresses. `@` and `.` may be spaced, bracketed or spelled out inside brackets; a spelled-out address with
# bare words ("at", "dot") needs both words, or a well-known mail service, so that "look at example.com" stays.
_LOCAL = r"[a-z0-9._%+\-]*+"
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT_MARK = rf"\s*(?:@|{_OPEN}\s*(?:at|@|แอท|แอ็ท|แอ็ต|แอต)\s*{_CLOSE})\s*"
_DOT_MARK = rf"\s*(?:\.|{_OPEN}\s*(?:dot|\.|ดอท|ด็อท|จุด)\s*{_CLOSE})\s*"
_AT_WORD = r"(?:\s+at\s+|\s*(?:แอท|แอ็ท|แอ็ต|แอต)\s*)"
_DOT_WORD = r"(?:\s+dot\s+|\s*(?:ดอท|ด็อท|จุด)\s*)"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
_TLD = r"(?:[a-z]{2,}|คอม|เน็ต|เนต|ไทย)(?![a-z0-9])"
_NOT_PROSE = r"(?!(?:the|a|an|this|that|our|your|their|its|my)\s)"  # "looked at the dot com bubble" stays
_WEBMAIL = r"(?:gmail|hotmail|outlook|yahoo|icloud|live|windowslive|proton|protonmail|msn|me)"
EMAIL = re.compile(
    rf"(?<![a-z0-9._%+\-]){_LOCAL}(?:{_AT_MARK}{_LABEL}(?:{_DOT_MARK}{_LABEL})*{_DOT_MARK}{_TLD}"
    rf"|{_AT_WORD}{_NOT_PROSE}{_LABEL}(?:(?:{_DOT_WORD}|{_DOT_MARK}){_LABEL})*{_DOT_WORD}{_TLD}"
    rf"|{_AT_WORD}{_WEBMAIL}(?:{_DOT_MARK}{_LABEL})*{_DOT_MARK}{_TLD})"
)
_MAY_BE_EMAIL = re.compile(r"@|at|แอ")  # what every address above holds, looked for first (cheap)
# A run of digit groups parted by a few spaces, brackets, dashes, dots, slashes or underscores (possessive: no
# backtracking, whatever the text).
_SEPARATOR = r"[ \t()\-\u2010-\u2015\u2212./_]{1,7}+"
DIGIT_RUN = re.compile(rf"(?<![0-9])\d++(?:{_SEPARATOR}\d++)*+", re.ASCII)
_GROUP = re.compile(r"\d+", re.ASCII)
CARD_GROUPS = (1, 4, 5, 2, 1)  # a national ID as printed on the card
_WEIGHTS = range(13, 1, -1)  # of its first twelve digits, for the check digit
SHORTEST, LONGEST = 9, 13  # digits: a landline; a national ID, or +66 and nine digits written 0066...
_THAI_DIGIT = re.compile("[๐-๙]")
_OTHER = re.compile("[^\x00-\x7f\u0e00-\u0e7f]")  # neither ASCII nor Thai


@dataclass(frozen=True)
class Labels:
    email: str = "[e-mail withheld]"
    phone: str = "[telephone number withheld]"
    national_id: str = "[national ID withheld]"


THAI_LABELS = Labels(email="[ปกปิดอีเมล]", phone="[ปกปิดหมายเลขโทรศัพท์]", national_id="[ปกปิดเลขประจำตัวประชาชน]")
ENGLISH_LABELS = Labels()
BLANK = Labels(email=" ", phone=" ", national_id=" ")  # for search terms: nothing of it can be searched for


def labels_for(language: str) -> Labels:
    """The labels in `language` ("th" or "en"); Thai for any other."""
    return ENGLISH_LABELS if language == "en" else THAI_LABELS


@dataclass(frozen=True)
class Found:
    """A piece of personal data: where it is in the original text (`start`, `end`) and its kind."""

    start: int
    end: int
    kind: str  # "email", "phone" or "national_id"


def shadow(text: str) -> tuple[str, list[int] | None]:
    """The text normalised for matching, and for each of its characters the index of the original one (None when
    they are the same: ASCII and Thai need no more than lower case and Arabic digits). Any other character goes
    through NFKC on its own, or is dropped if it has no width."""
    if not _OTHER.search(text):
        return _arabic(text.lower()), None
    chars: list[str] = []
    origins: list[int] = []
    position = 0
    for other in _OTHER.finditer(text):
        chars.append(text[position : other.start()].lower())  # ASCII and Thai keep their length in lower case
        origins.extend(range(position, other.start()))
        char = other[0]
        folded = "" if char in _ZERO_WIDTH else unicodedata.normalize("NFKC", char).lower()
        chars.append(folded)
        origins.extend([other.start()] * len(folded))
        position = other.end()
    chars.append(text[position:].lower())
    origins.extend(range(position, len(text)))
    return _arabic("".join(chars)), origins


def _arabic(text: str) -> str:
    return text.translate(_THAI_DIGITS) if _THAI_DIGIT.search(text) else text


def id_checksum_ok(digits: str) -> bool:
    """Whether 13 digits carry a valid Thai national ID check digit."""
    if len(digits) != 13:
        return False
    total = sum(map(operator.mul, map(int, digits[:12]), _WEIGHTS))
    return (11 - total % 11) % 10 == int(digits[12])


def _national_id(groups: list[str]) -> bool:
    digits = "".join(groups)
    if len(digits) != 13:
        return False
    return len(groups) == 1 or tuple(map(len, groups)) == CARD_GROUPS or id_checksum_ok(digits)


def _national_number(groups: list[str], plus: bool) -> list[str] | None:
    """The groups of a telephone number from its 0 on, or after +66 / 0066 and an optional (0); None if it has
    neither prefix."""
    digits = "".join(groups)
    international = (plus and digits.startswith("66")) or digits.startswith("0066")
    if not international:
        return groups if digits.startswith("0") else None
    rest = digits[2:] if plus else digits[4:]
    skip, national = len(digits) - len(rest), []
    for group in groups:
        taken = min(skip, len(group))
        skip -= taken
        if group[taken:]:
            national.append(group[taken:])
    if national and national[0] == "0":
        national = national[1:]
    return national or None


def _phone(groups: list[str], plus: bool) -> bool:
    """A Thai telephone number: 0X-XXX-XXXX (9 digits) or 0[689]X-XXX-XXXX (10), or +66 without the 0; groups after
    the first two of at least three digits (so dates, times and ranges of numbers stay)."""
    national = _national_number(groups, plus)
    if national is None or any(len(group) < 3 for group in national[2:]):
        return False
    digits = "".join(national).removeprefix("0")
    return (len(digits) == 8 and digits[0] in "234567") or (len(digits) == 9 and digits[0] in "689")


def _kind(groups: list[str], plus: bool) -> str | None:
    if _national_id(groups):
        return "national_id"
    return "phone" if _phone(groups, plus) else None


@dataclass(frozen=True)
class _Run:
    """The digit groups of a run, with the digits before each group and the first short group from each on."""

    groups: list[str]
    before: list[int]  # digits in the groups before group i (one more entry: all of them)
    short_from: list[int]  # the first group at or after i with fewer than three digits (len(groups) if none)

    @classmethod
    def of(cls, groups: list[str]) -> _Run:
        before, short_from = list(itertools.accumulate(map(len, groups), initial=0)), [len(groups)] * (len(groups) + 1)
        for index in range(len(groups) - 1, -1, -1):
            short_from[index] = index if len(groups[index]) < 3 else short_from[index + 1]
        return cls(groups, before, short_from)

    def windows(self, first: int) -> list[int]:
        """The last groups of the windows from `first` that may hold a number, longest first: 13 digits (a
        national ID), or 9 to 13 digits whose groups after the first two have three digits or more (a telephone)."""
        base, count = self.before[first], len(self.groups)
        widest = bisect.bisect_right(self.before, base + LONGEST) - 2
        ends = [widest] if self.before[widest + 1] - base == LONGEST else []
        narrowest = bisect.bisect_left(self.before, base + SHORTEST) - 1
        phone_widest = min(widest, self.short_from[first + 2] - 1 if first + 2 < count else count - 1)
        return ends + [last for last in range(phone_widest, narrowest - 1, -1) if last not in ends]


def _opening(text: str, start: int) -> int:
    """Where a number starting at `start` begins with its "+" (international) or "(" (a bracketed area code)."""
    before = text[max(0, start - 3) : start]
    stripped = before.rstrip()
    if stripped.endswith(("+", "(")):
        return start - (len(before) - len(stripped)) - 1
    return start


def _numbers_in(run: re.Match[str], text: str) -> list[tuple[int, int, str]]:
    """Telephone numbers and national IDs inside one run of digit groups, as (start, end, kind) in the shadow: the
    longest window of groups that is one, from left to right."""
    spans = list(_GROUP.finditer(run[0]))
    digits = _Run.of([span[0] for span in spans])
    found: list[tuple[int, int, str]] = []
    if digits.before[-1] < SHORTEST:
        return found
    first = 0
    while first < len(spans):
        start = run.start() + spans[first].start()
        opening = _opening(text, start)
        plus = text[opening] == "+"
        for last in digits.windows(first):
            kind = _kind(digits.groups[first : last + 1], plus)
            if kind:
                found.append((opening, run.start() + spans[last].end(), kind))
                first = last + 1
                break
        else:
            first += 1
    return found


def find_personal_data(text: str) -> list[Found]:
    """Every e-mail address, telephone number and national ID in `text`, in order, not overlapping."""
    if not text:
        return []
    folded, origins = shadow(text)
    spans = []
    if _MAY_BE_EMAIL.search(folded):
        spans = [(match.start(), match.end(), "email") for match in EMAIL.finditer(folded) if match[0].strip()]
    for run in DIGIT_RUN.finditer(folded):
        spans += [span for span in _numbers_in(run, folded) if not _inside(span, spans)]
    found = [_found(folded, origins, span) for span in spans]
    return _without_overlaps(sorted(found, key=lambda piece: piece.start))


def _found(folded: str, origins: list[int] | None, span: tuple[int, int, str]) -> Found:
    """A span of the shadow, without the spaces a pattern took at either end, as a span of the original text."""
    start, end, kind = span
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    if origins is None:
        return Found(start, end, kind)
    return Found(origins[start], origins[end - 1] + 1, kind)


def _inside(span: tuple[int, int, str], spans: list[tuple[int, int, str]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end, _kind in spans)


def _without_overlaps(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for piece in found:
        if kept and piece.start < kept[-1].end:
            continue
        kept.append(piece)
    return kept


def redact_personal_data(text: str, *, labels: Labels = THAI_LABELS) -> str:
    """`text` with e-mail addresses, telephone numbers and national IDs replaced by `labels`."""
    pieces, position = [], 0
    for piece in find_personal_data(text):
        pieces += [text[position : piece.start], getattr(labels, piece.kind)]
        position = piece.end
    return "".join(pieces) + text[position:] if pieces else text


def has_personal_data(text: str) -> bool:
    """Whether `text` holds anything `redact_personal_data` would replace."""
    return bool(find_personal_data(text))
