import numpy as np

from analysis.labelled_sample import pairwise_precision_recall
from rapfang.analysis.text.dedup import DedupOptions, StaffLinks, exact_classes, find_duplicate_groups, lsh_bands
from rapfang.analysis.text.segment import segment_texts
from rapfang.core.thai.normalise import analysis_form
from rapfang.core.thai.words import load_dictionary

LETTER = (
    "ขอเสนอให้กรมการขนส่งทางบกเปิดให้ต่อใบขับขี่ออนไลน์ได้ทุกประเภท โดยอบรมผ่านวิดีโอแล้วทำแบบทดสอบที่บ้าน "
    "และส่งบัตรใหม่ทางไปรษณีย์ เพื่อลดเวลาที่ประชาชนต้องลางานไปสำนักงานขนส่ง"
)


def _groups(texts: list[str], options: DedupOptions | None = None, links: StaffLinks | None = None) -> list[int]:
    normalised = [analysis_form(text) for text in texts]
    table = segment_texts(normalised, load_dictionary())
    result = find_duplicate_groups(normalised, table, options or DedupOptions(), links)
    return result.group_of.tolist()


def test_a_letter_with_small_edits_is_one_group():
    variants = [
        LETTER,
        LETTER + " ขอบคุณครับ",
        LETTER.replace("ทุกประเภท", "ทุกชนิด"),
        LETTER.replace(" ", "  ") + "!!",
        "นายสมชาย ใจกล้า " + LETTER,
    ]
    groups = _groups([*variants, "ถนนหน้าบ้านเป็นหลุมเป็นบ่อมาหลายเดือนแล้ว ขอให้มาซ่อมด้วย"])
    assert len(set(groups[:5])) == 1 and groups[0] >= 0
    assert groups[5] == -1


def test_comments_on_the_same_topic_in_other_words_are_not_grouped():
    groups = _groups(
        [
            "อยากให้ต่อใบขับขี่ทางออนไลน์ได้ จะได้ไม่ต้องลางานไปขนส่ง",
            "ควรให้ต่ออายุใบขับขี่ผ่านเว็บได้ ไม่ต้องเดินทางไปสำนักงานขนส่ง",
        ]
    )
    assert groups == [-1, -1]


def test_group_has_representative_count_and_variants():
    texts = [LETTER, LETTER + " ขอบคุณครับ", LETTER, LETTER + " ขอบคุณครับ", LETTER]
    normalised = [analysis_form(text) for text in texts]
    result = find_duplicate_groups(normalised, segment_texts(normalised, load_dictionary()))
    (group,) = result.groups
    assert group.count == 5
    assert group.variants == {0: 3, 1: 2}
    assert group.representative == 0


def test_empty_and_symbol_only_comments_group_only_when_identical():
    assert _groups(["!!!", "...", "😀", "ดีมาก", "! ! !"]) == [0, -1, -1, -1, 0]


def test_bands_favour_recall_around_the_threshold():
    bands, rows = lsh_bands(0.4, 128)
    assert bands * rows <= 128
    assert 1 - (1 - 0.4**rows) ** bands >= 0.9
    assert 1 - (1 - 0.1**rows) ** bands < 0.1


def test_higher_threshold_splits_looser_variants():
    loose = LETTER.replace("เพื่อลดเวลาที่ประชาชนต้องลางานไปสำนักงานขนส่ง", "เพราะสะดวกกว่ามาก")
    assert len(set(_groups([LETTER, loose], DedupOptions(threshold=0.5)))) == 1
    assert _groups([LETTER, loose], DedupOptions(threshold=0.95)) == [-1, -1]


PARAPHRASES = [
    LETTER,
    # sentences reordered, a greeting and a personal sentence added, words said otherwise, Thai digits, typos
    "สวัสดีครับ ผมทำงานรับจ้างอยู่ที่ลำปางมา ๒๐ ปี และส่งบัตรใหม่ทางไปรษณีย์ เพื่อลดเวลาที่ชาวบ้านต้องลางานไปสำนักงาน"
    "ขนส่ง ขอเสนอให้กรมการขนส่งทางบกเปิดให้ต่อใบอนุญาตขับขี่ออนไลน์ได้ทุกประเภท โดยอบรมผ่านวิดีโอแล้วทำแบบทดสอบที่บ้าน",
    "ขอเสนอให้กรมการขนส่งทางบกเปิดให้ต่อใบขับขี่ออนไลน์ได้ทุกประเภท โดยอบรมผ่านวีดีโอแล้วทำแบบทดสอบทีบ้าน "
    "เพื่อลดเวลาที่ประชาชนจำเป็นต้องลางานไปสำนักงานขนส่ง ขอบคุณค่ะ",
]


def test_paraphrased_copies_are_one_campaign():
    groups = _groups(PARAPHRASES)
    assert groups[0] >= 0 and len(set(groups)) == 1


def test_a_different_complaint_in_the_same_frame_is_not_a_campaign():
    frame = "เรียน ผู้จัดทำร่างแผน ผมเป็นชาวบ้านอำเภอเมือง จังหวัดลำปาง {} จึงเรียนมาเพื่อโปรดพิจารณา"
    groups = _groups(
        [
            frame.format("สำนักงานขนส่งควรเปิดให้จองคิวสอบใบขับขี่ออนไลน์ เพราะต้องไปต่อคิวตั้งแต่ตีห้า"),
            frame.format("รถโดยสารประจำทางสายนี้มาช้ามากและไม่จอดป้าย อยากให้มีแอปบอกเวลารถถึงป้าย"),
        ]
    )
    assert groups == [-1, -1]


def test_a_staff_move_out_of_a_campaign_takes_the_copies_of_that_text_along():
    letters = [LETTER, LETTER + " ขอบคุณครับ", PARAPHRASES[2], PARAPHRASES[2] + " ขอบคุณครับ"]
    assert len(set(_groups(letters))) == 1
    groups = _groups(letters, links=StaffLinks(apart=[2]))
    assert groups[0] == groups[1] >= 0
    assert groups[2] == -1 and groups[3] == -1


def test_a_staff_move_into_a_campaign_brings_the_copies_of_that_text_along():
    other = "ควรมีระบบแจ้งเตือนใบขับขี่หมดอายุทางโทรศัพท์มือถือล่วงหน้าหนึ่งเดือน จะได้ไม่ถูกปรับ"
    letters = [LETTER, LETTER + " ขอบคุณครับ", other, other + " ขอบคุณค่ะ"]
    before = _groups(letters)
    assert before[0] == before[1] != before[2] == before[3]
    after = _groups(letters, links=StaffLinks(together=[[0, 1, 2]]))
    assert len(set(after)) == 1


def test_sample_campaigns_are_found(sample, rows):
    predicted = {key: row["duplicate_group"] for key, row in rows.items()}
    precision, recall = pairwise_precision_recall(predicted, {r["id"]: r["campaign"] for r in sample})
    assert precision >= 0.98
    assert recall >= 0.95


def test_duplicate_group_numbers_are_dense(analysed):
    numbers = sorted({int(n) for n in analysed.duplicates.group_of if n >= 0})
    assert numbers == list(range(len(analysed.duplicates.groups)))
    assert np.all(analysed.duplicates.group_of[[g.representative for g in analysed.duplicates.groups]] >= 0)


def test_exact_classes_ignore_spacing_and_punctuation():
    texts = [analysis_form(t) for t in ["ค่าไฟแพง มาก!!", "ค่าไฟแพงมาก", "ค่าไฟแพงมาก ๆ", "ค่าน้ำแพงมาก", "?!", "?!"]]
    classes, firsts = exact_classes(texts, segment_texts(texts, load_dictionary()))
    assert classes.tolist() == [0, 0, 0, 1, 2, 2]
    assert firsts.tolist() == [0, 3, 4]
