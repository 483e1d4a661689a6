"""What kind of draft a file is, decided by its content; the dry run's fates of paragraphs. No database."""

from __future__ import annotations

import io
import random

import docx
import pytest

from rapfang.core.errors import InvalidInput
from rapfang.core.thai.normalise import search_form as normalise
from rapfang.core.thai.search import words
from rapfang.documents.anchors import KEEP_THRESHOLD, match_anchors
from rapfang.documents.importing import parse_markdown
from rapfang.documents.versioning import ParsedDraft, source_format_of, version_plan


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("ย่อหน้า")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("draft.txt", _docx(), "docx"),  # a Word file with the wrong name is still read as Word
        ("draft.docx", "ข้อ ๑ ย่อหน้า".encode(), "text"),
        ("draft.MD", "# หัวข้อ".encode(), "markdown"),
        ("notepad.txt", "ข้อ ๑".encode("utf-16"), "text"),
    ],
)
def test_the_kind_of_a_draft_is_read_from_its_content(name, content, expected):
    assert source_format_of(name, content) == expected


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, b"MZ\x90\x00\x03\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"],
    ids=["pdf", "png", "program", "old word"],
)
def test_other_kinds_are_refused_with_what_to_do(content):
    with pytest.raises(InvalidInput) as refused:
        source_format_of("draft.md", content)
    assert refused.value.code == "file_type" and "DOCX" in str(refused.value.message)


def test_a_first_version_has_only_new_paragraphs():
    sections = parse_markdown("# หมวด ๑\n\nข้อ ๑\n\nข้อ ๒\n")
    plan = version_plan(previous=None, draft=ParsedDraft("markdown", sections, {}))
    assert (plan.after, plan.section_count, plan.paragraph_count) == (0, 1, 2)
    assert [fate.kind for fate in plan.fates] == ["added", "added"]


def _jaccard(a: set[str], b: set[str]) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _brute_force(old: list[tuple[str, str]], new: list[str]) -> list[str | None]:
    """Every pair compared, the most similar first: what the matrix product must reproduce exactly."""
    result: list[str | None] = [None] * len(new)
    free = dict(old)
    for index, text in enumerate(new):
        same = [anchor for anchor, other in free.items() if normalise(other) == normalise(text)]
        if same:
            result[index] = same[0]
            del free[same[0]]
    old_words = {anchor: set(words(text)) for anchor, text in free.items()}
    pairs = [(_jaccard(set(words(text)), other), index, anchor) for index, text in enumerate(new) if result[index]
             is None for anchor, other in old_words.items()]  # fmt: skip
    for score, index, anchor in sorted(pairs, key=lambda pair: -pair[0]):
        if score >= KEEP_THRESHOLD and result[index] is None and anchor in free:
            result[index] = anchor
            del free[anchor]
    return result


@pytest.mark.parametrize("seed", range(8))
def test_counting_all_intersections_at_once_keeps_the_anchors_that_comparing_every_pair_keeps(seed):
    rng = random.Random(seed)
    vocabulary = ["ที่ดิน", "โฉนด", "ค่าธรรมเนียม", "คำขอ", "เจ้าพนักงาน", "ภายใน", "วัน", "ราชกิจจานุเบกษา", "แปลง",
                  "รังวัด", "สำเนา", "หนังสือ", "รับรอง", "ให้", "ที่", "และ", "หรือ", "ตาม", "กฎกระทรวง", "นี้"]  # fmt: skip

    def sentence() -> str:
        return " ".join(rng.choice(vocabulary) for _word in range(rng.randint(0, 9)))

    old = [(f"p-{n}", sentence()) for n in range(60)]
    new = [rng.choice([text, sentence(), text + " " + rng.choice(vocabulary)]) for _anchor, text in old]
    new += [sentence() for _extra in range(10)]
    kept = [anchor if anchor in dict(old) else None for anchor in match_anchors(old, new, "p")]
    assert kept == _brute_force(old, new)
