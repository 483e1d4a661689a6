"""Topic assignment from the consultation's own texts, "none of these", confidence, and staff's corrections."""

import numpy as np
import pytest

from analysis.labelled_sample import accuracy, split_of
from rapfang.analysis.text.classify import NONE, UNLABELLED
from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.pipeline import NO_TOPIC, Comment, analyse, staff_labels
from rapfang.analysis.text.thesaurus import canonical, concepts_of


@pytest.mark.parametrize("lang", ["th", "en"])
def test_held_out_accuracy_per_language(sample, rows, lang):
    held_out = [r for r in sample if split_of(r) == "test" and r["lang"] == lang]
    predicted = {key: row["domain"] for key, row in rows.items()}
    assert len([r for r in held_out if r["domain"]]) >= 20
    assert accuracy(predicted, held_out) >= 0.65


def test_keys_play_no_part(sample, domains, rows):
    """The engine reads the topics' texts alone: the same topics under other keys give the same answers."""
    renamed = [Domain(f"topic{n}", d.name_th, d.name_en, d.description, d.keywords) for n, d in enumerate(domains)]
    again = analyse([Comment(r["id"], r["text"]) for r in sample], renamed)
    back = {f"topic{n}": d.key for n, d in enumerate(domains)}
    assert {row["id"]: back.get(row["domain"]) for row in again.rows()} == {k: r["domain"] for k, r in rows.items()}


def test_comments_about_no_domain_mostly_get_none(sample, rows):
    without = [r for r in sample if r["domain"] is None and r["campaign"] is None]
    assert sum(rows[r["id"]]["domain"] is None for r in without) / len(without) >= 0.8


def test_confidence_is_a_share_and_none_has_one_too(rows, analysed):
    assert all(0.0 <= row["confidence"] <= 1.0 for row in rows.values())
    assert all(row["confidence"] > 0 for row in rows.values() if row["domain"])
    unassigned = [n for n, row in enumerate(analysed.rows()) if row["domain"] is None]
    assert unassigned and all(analysed.assignment.confidence[n] > 0 for n in unassigned)


def test_closest_topics_are_listed_best_first(analysed):
    listed = [analysed.closest(n) for n in range(len(analysed.comments))]
    assert any(len(entry) >= 2 for entry in listed)
    assert all([score for _key, score in entry] == sorted((s for _k, s in entry), reverse=True) for entry in listed)


def test_paragraph_tags_decide_an_ambiguous_comment(domains):
    text = "ควรมีระบบที่ทำให้เรื่องนี้โปร่งใสและตรวจสอบได้ง่ายกว่าเดิม"
    comments = [Comment("a", text, ("procurement",)), Comment("b", text, ("finance_spending",))]
    rows = {row["id"]: row for row in analyse(comments, domains).rows()}
    assert rows["a"]["domain"] == "procurement"
    assert rows["b"]["domain"] == "finance_spending"


def test_a_topic_is_found_from_its_own_text(domains):
    tourism = Domain("tourism", "ด้านการท่องเที่ยว", "Tourism", "นักท่องเที่ยว โรงแรม ที่พัก แหล่งท่องเที่ยว และมัคคุเทศก์")
    comments = [
        Comment("t", "อยากให้มีแอปรวมแหล่งท่องเที่ยวชุมชนและที่พักที่ได้มาตรฐานสำหรับนักท่องเที่ยว"),
        Comment("h", "โรงพยาบาลควรให้จองคิวพบแพทย์ล่วงหน้าได้"),
    ]
    rows = {row["id"]: row for row in analyse(comments, [*domains, tourism]).rows()}
    assert rows["t"]["domain"] == "tourism"
    assert rows["h"]["domain"] == "public_health"


def test_a_compound_topic_word_counts_for_its_parts():
    """The topic says การคมนาคม and ภาษีอากร; comments say คมนาคม and ภาษี."""
    topics = [Domain("a", "การคมนาคม"), Domain("b", "ภาษีอากร")]
    comments = [Comment("1", "เรื่องคมนาคมในเมืองควรดีกว่านี้"), Comment("2", "ภาษีที่ต้องจ่ายแพงเกินไป")]
    assert [row["domain"] for row in analyse(comments, topics).rows()] == ["a", "b"]


def test_a_word_in_another_spelling_or_a_narrower_word_counts():
    topics = [Domain("health", "สาธารณสุข", description="โรงพยาบาลและแพทย์"), Domain("land", "ที่ดิน")]
    comments = [Comment("1", "หมอที่ รพ. ใกล้บ้านมีไม่พอเลย"), Comment("2", "โฉนดของชาวบ้านรอมาสามปีแล้วยังไม่ได้")]
    assert [row["domain"] for row in analyse(comments, topics).rows()] == ["health", "land"]


def test_a_comment_on_something_else_gets_none_even_with_one_weak_shared_word(domains):
    comments = [Comment("x", "ทีมฟุตบอลเมื่อวานเล่นดีมาก ยิงไปสามประตู"), Comment("y", "แมวที่บ้านชอบนอนบนหลังคา")]
    assert [row["domain"] for row in analyse(comments, domains).rows()] == [None, None]


def test_the_thesaurus_is_general_thai():
    assert canonical("รพ.") == canonical("โรงพยาบาล") == "โรงพยาบาล"
    assert canonical("อินเตอร์เน็ต") == "อินเทอร์เน็ต"
    assert canonical("Hospitals") == "hospital" and canonical("taxes") == "tax"
    assert "ที่ดิน" in concepts_of("โฉนด")


def test_staff_labels_read_from_the_comments(domains):
    comments = [
        Comment("a", "t", staff_domain="transport"),
        Comment("b", "t", staff_domain=NO_TOPIC),
        Comment("c", "t"),
    ]
    labels = staff_labels(comments, domains)
    assert labels.tolist() == [[d.key for d in domains].index("transport"), NONE, UNLABELLED]


SIMILAR = [
    "อยากให้หน่วยงานแจกถุงผ้าให้ทุกบ้านเพื่อลดการใช้ถุงพลาสติกในตลาดสด",
    "ควรแจกถุงผ้าฟรีให้ชาวบ้านเพื่อลดถุงพลาสติกที่ตลาดนัด",
    "ขอให้รณรงค์ใช้ถุงผ้าแทนถุงพลาสติกเวลาไปจ่ายตลาด",
]


def test_a_staff_correction_changes_the_answer_for_similar_untouched_comments(domains):
    """Nothing in the topics speaks of plastic bags; staff put one such comment in public utilities (waste):
    the re-run puts the untouched comments like it there too, and leaves unlike comments alone."""
    others = [Comment(f"o{n}", text) for n, text in enumerate(["ค่าไฟแพงมาก", "โรงเรียนควรมีครูพอ"])]
    before = {
        row["id"]: row["domain"] for row in analyse([Comment(str(n), t) for n, t in enumerate(SIMILAR)], domains).rows()
    }
    assert set(before.values()) == {None}
    comments = [Comment("0", SIMILAR[0], staff_domain="public_utilities")]
    comments += [Comment(str(n), text) for n, text in enumerate(SIMILAR) if n] + others
    after = {row["id"]: row for row in analyse(comments, domains).rows()}
    assert [after[key]["domain"] for key in ("0", "1", "2")] == ["public_utilities"] * 3
    assert after["o1"]["domain"] == "education"


def test_staff_saying_none_of_these_carries_over_to_similar_comments(domains):
    texts = ["ค่าไฟที่ตลาดนัดคืนวันเสาร์ให้พ่อค้าแม่ค้าหารกันจ่ายเอง", "พ่อค้าแม่ค้าตลาดนัดหารค่าไฟกันจ่ายเองทุกคืนวันเสาร์"]
    plain = list(analyse([Comment("a", texts[0]), Comment("b", texts[1])], domains).rows())
    assert plain[1]["domain"] == "public_utilities"
    taught = analyse([Comment("a", texts[0], staff_domain=NO_TOPIC), Comment("b", texts[1])], domains)
    assert [row["domain"] for row in taught.rows()] == [None, None]
    assert np.all(taught.assignment.confidence > 0)
