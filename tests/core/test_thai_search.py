"""Thai text for search and diff: segmentation, index terms inside compounds, tone marks kept, highlighting."""

from __future__ import annotations

from rapfang.core.thai import search
from rapfang.core.thai.letters import MARKS
from rapfang.core.thai.words import split


def test_split_keeps_every_character_so_a_diff_can_rebuild_the_text():
    text = "การลงทะเบียนเข้าร่วม  งาน, ABC ๑๒๓"
    assert "".join(split(text)) == text


def test_words_are_normalised_segmented_and_lower_case():
    assert search.words("ลงทะเบียน ABC ๑๒๓") == ["ลงทะเบียน", "abc", "123"]


def test_index_terms_hold_dictionary_words_inside_compounds():
    terms = search.index_terms("ผู้สนใจลงทะเบียนได้ และขีดความสามารถเชิงดิจิทัล")
    assert {"ลงทะเบียน", "ทะเบียน", "ขีดความสามารถ", "ความสามารถ", "สามารถ"} <= set(terms)


def test_tone_marks_keep_words_apart():
    terms = set(search.index_terms("ข่าวสารของรัฐ"))
    assert "ข่าว" in terms
    assert "ข้าว" not in terms


def test_no_term_starts_or_ends_inside_a_character_cluster():
    for term in search.index_terms("น้ำใจ ที่ดี ความเห็น"):
        assert term[0] not in MARKS
    assert "น" not in search.index_terms("น้ำ")


def test_query_terms_are_segmented_like_the_index():
    assert search.query_terms("ลงทะเบียนออนไลน์") == ["ลงทะเบียน", "ออนไลน์"]


def test_highlight_escapes_html_and_marks_matches():
    shown = search.highlight("<script>ลงทะเบียน</script>", ["ทะเบียน"])
    assert shown == "&lt;script&gt;ลง<mark>ทะเบียน</mark>&lt;/script&gt;"


def test_highlight_matches_thai_digits_for_arabic_query_digits():
    assert search.highlight("ระยะ ๓ ปี", ["3"]) == "ระยะ <mark>๓</mark> ปี"


def test_similarity_of_lightly_edited_text_is_high_and_of_other_text_low():
    base = "ศึกษาแผนและนโยบายระดับประเทศของหน่วยงานที่เกี่ยวข้อง"
    assert search.similarity(base, base + " ทั้งหมด") > 0.7
    assert search.similarity(base, "สัมภาษณ์หน่วยงานหลักในเชิงลึก") < 0.3
