"""How a letter addresses a person by name, as Thai official mail does. Plain Python (no Django).

The rule: Thai mail writes "เรียน" and the name. A name that already carries a title of its own (นาย, นาง,
นางสาว, ดร., ผศ., a rank such as พลเอก or พ.ต.อ., Mr, Dr...) is written as given; any other name gets คุณ before
it, so "นางสาวสมหญิง ใจดี" is never addressed as "คุณนางสาวสมหญิง". English mail writes the name as given.
The rule errs towards leaving คุณ out: a given name that begins with a whole title and then a consonant
(นางนวล) is taken as titled, and written as given.
"""

from __future__ import annotations

# Titles written in full before a name, longest first where one begins another (นางสาว before นาง).
THAI_TITLES = (
    "นางสาว", "นาง", "นาย", "เด็กชาย", "เด็กหญิง", "คุณหญิง", "คุณ", "ท่าน", "ดร", "ศาสตราจารย์", "รองศาสตราจารย์",
    "ผู้ช่วยศาสตราจารย์", "อาจารย์", "นายแพทย์", "แพทย์หญิง", "ทันตแพทย์", "ทันตแพทย์หญิง", "เภสัชกร",
    "หม่อมราชวงศ์", "หม่อมหลวง", "หม่อม", "พระครู", "พระ", "ว่าที่", "พลเอก", "พลโท", "พลตรี", "พลเรือเอก",
    "พลเรือโท", "พลเรือตรี", "พลอากาศเอก", "พลอากาศโท", "พลอากาศตรี", "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี",
    "พันเอก", "พันโท", "พันตรี", "พันตำรวจเอก", "พันตำรวจโท", "พันตำรวจตรี", "นาวาเอก", "นาวาโท", "นาวาตรี",
    "นาวาอากาศเอก", "นาวาอากาศโท", "นาวาอากาศตรี", "ร้อยเอก", "ร้อยโท", "ร้อยตรี", "ร้อยตำรวจเอก", "ร้อยตำรวจโท",
    "ร้อยตำรวจตรี", "เรือเอก", "เรือโท", "เรือตรี", "เรืออากาศเอก", "เรืออากาศโท", "เรืออากาศตรี", "จ่าสิบเอก",
    "จ่าสิบโท", "จ่าสิบตรี", "จ่าสิบตำรวจ", "จ่าเอก", "จ่าโท", "จ่าตรี", "สิบเอก", "สิบโท", "สิบตรี", "ดาบตำรวจ",
)  # fmt: skip
LATIN_TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "assoc", "asst", "sir", "dame", "khun")
# Characters that cannot begin a Thai syllable: a title followed by one of them is part of a longer word
# (นายิกา is a name, not นาย + อิกา).
_NOT_A_START = "".join(chr(code) for code in (*range(0x0E30, 0x0E3B), 0x0E45, *range(0x0E47, 0x0E4F)))
_TITLES_BY_LENGTH = sorted(THAI_TITLES, key=len, reverse=True)


def has_title(name: str) -> bool:
    """Whether `name` begins with a title of its own: a Thai title or rank, an abbreviation (ดร., ผศ.ดร.,
    พ.ต.อ., น.ส.: a first word with a full stop in it) or an English title (Mr, Dr.)."""
    text = " ".join(name.split())
    if not text:
        return False
    first = text.split(" ", 1)[0]
    if "." in first:
        return True
    if first.rstrip(".").lower() in LATIN_TITLES:
        return True
    for title in _TITLES_BY_LENGTH:
        if text.startswith(title):
            rest = text[len(title) :]
            return not rest or rest[0] not in _NOT_A_START
    return False


def addressee(name: str, lang: str) -> str:
    """The name as the salutation writes it after "เรียน" / "Dear": คุณ before an untitled name in Thai."""
    text = " ".join(name.split())
    if lang != "th" or not text or has_title(text):
        return text
    return "คุณ" + (" " if text[0].isascii() else "") + text
