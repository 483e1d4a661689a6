"""Variants of a campaign: what each adds or changes against the representative is marked."""

from __future__ import annotations

from rapfang.analysis.variants import differences

REPRESENTATIVE = "ขอสนับสนุนให้มีระบบแลกเปลี่ยนประวัติการรักษาระหว่างโรงพยาบาล"


def test_an_identical_text_has_nothing_marked():
    assert differences(REPRESENTATIVE, REPRESENTATIVE) == [(REPRESENTATIVE, False)]


def test_added_thai_words_are_marked_and_the_text_is_kept_whole():
    variant = "พวกเรา" + REPRESENTATIVE + " ครับ"

    pieces = differences(REPRESENTATIVE, variant)

    assert "".join(text for text, _changed in pieces) == variant
    assert [text.strip() for text, changed in pieces if changed] == ["พวกเรา", "ครับ"]


def test_a_changed_word_is_marked_in_the_variant():
    variant = REPRESENTATIVE.replace("โรงพยาบาล", "สถานพยาบาล")

    marked = "".join(text for text, changed in differences(REPRESENTATIVE, variant) if changed)

    assert "สถาน" in marked and "ประวัติ" not in marked
