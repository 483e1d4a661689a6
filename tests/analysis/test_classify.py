"""Domain assignment, judged on the held-out (test) part of the labelled sample."""

import pytest

from analysis.labelled_sample import accuracy, split_of
from rapfang.analysis.text.domains import Domain
from rapfang.analysis.text.lexicon import LEXICON, lexicon_for
from rapfang.analysis.text.pipeline import Comment, analyse

SEED_KEYS = {
    "education",
    "public_health",
    "public_utilities",
    "transport",
    "procurement",
    "asset_management",
    "hr_payroll",
    "finance_spending",
    "eservice_infrastructure",
    "workforce_capability",
}


def _predicted(result, domains_used, keys) -> dict[str, str | None]:
    rename = {domain.key: key for domain, key in zip(domains_used, keys, strict=True)}
    return {row["id"]: rename.get(row["domain"]) for row in result.rows()}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_held_out_accuracy_per_language(sample, rows, lang):
    held_out = [r for r in sample if split_of(r) == "test" and r["lang"] == lang]
    predicted = {key: row["domain"] for key, row in rows.items()}
    assert len([r for r in held_out if r["domain"]]) >= 20
    assert accuracy(predicted, held_out) >= 0.85


def test_names_only_domains_with_other_keys_still_classify(sample, domains):
    """A domains file with unknown keys and no descriptions: the lexicon is found through the names."""
    bare = [Domain(f"d{n}", domain.name_th, domain.name_en) for n, domain in enumerate(domains)]
    result = analyse([Comment(r["id"], r["text"]) for r in sample], bare)
    predicted = _predicted(result, bare, [domain.key for domain in domains])
    held_out = [r for r in sample if split_of(r) == "test"]
    assert accuracy(predicted, held_out) >= 0.85


def test_comments_about_no_domain_mostly_get_none(sample, rows):
    without = [r for r in sample if r["domain"] is None and r["campaign"] is None]
    assert sum(rows[r["id"]]["domain"] is None for r in without) / len(without) >= 0.7


def test_confidence_is_a_share(rows):
    assert all(0.0 <= row["confidence"] <= 1.0 for row in rows.values())
    assert all(row["confidence"] > 0 for row in rows.values() if row["domain"])


def test_paragraph_tags_decide_an_ambiguous_comment(domains):
    text = "ควรมีระบบที่ทำให้เรื่องนี้โปร่งใสและตรวจสอบได้ง่ายกว่าเดิม"
    comments = [Comment("a", text, ("procurement",)), Comment("b", text, ("finance_spending",))]
    rows = {row["id"]: row for row in analyse(comments, domains).rows()}
    assert rows["a"]["domain"] == "procurement"
    assert rows["b"]["domain"] == "finance_spending"


def test_every_seed_domain_has_a_lexicon_entry():
    assert {entry.key for entry in LEXICON} == SEED_KEYS
    assert all(len(entry.core) >= 40 for entry in LEXICON)


def test_lexicon_is_found_by_key_or_by_name():
    assert lexicon_for("transport").key == "transport"
    assert lexicon_for("x1", ("ด้านสาธารณสุข", "")).key == "public_health"
    assert lexicon_for("x2", ("", "Human Resources and Payroll")).key == "hr_payroll"
    assert lexicon_for("x3", ("ด้านการบริหารสินทรัพย์",)).key == "asset_management"
    assert lexicon_for("tourism", ("ด้านการท่องเที่ยว", "Tourism")) is None


def test_a_domain_without_lexicon_is_found_from_its_own_text(domains):
    tourism = Domain(
        "tourism",
        "ด้านการท่องเที่ยว",
        "Tourism",
        "นักท่องเที่ยว โรงแรม ที่พัก แหล่งท่องเที่ยว และมัคคุเทศก์",
    )
    comments = [
        Comment("t", "อยากให้มีแอปรวมแหล่งท่องเที่ยวชุมชนและที่พักที่ได้มาตรฐานสำหรับนักท่องเที่ยว"),
        Comment("h", "โรงพยาบาลควรให้จองคิวพบแพทย์ล่วงหน้าได้"),
    ]
    rows = {row["id"]: row for row in analyse(comments, [*domains, tourism]).rows()}
    assert rows["t"]["domain"] == "tourism"
    assert rows["h"]["domain"] == "public_health"


def test_a_phrase_the_segmenter_cuts_differently_still_counts(domains):
    """ค่าน้ำขึ้น segments as ค่า|น้ำขึ้น (high tide), yet it speaks of the water bill."""
    rows = list(analyse([Comment("w", "ค่าน้ำขึ้นทุกปี")], domains).rows())
    assert rows[0]["domain"] == "public_utilities"
