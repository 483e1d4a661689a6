"""The engine on real Thai text it was not written around (benches/data/analysis_real), held-out half."""

import json
from pathlib import Path

import pytest

from analysis.labelled_sample import pairwise_precision_recall
from rapfang.analysis.text.domains import domain_from_dict
from rapfang.analysis.text.pipeline import AnalysisOptions, Comment, analyse

DATA = Path(__file__).resolve().parents[2] / "benches" / "data" / "analysis_real"


@pytest.fixture(scope="module")
def real() -> tuple[list[dict], dict[str, dict]]:
    records = [json.loads(line) for line in (DATA / "comments.jsonl").read_text(encoding="utf-8").splitlines()]
    taxonomy = json.loads((DATA / "taxonomy.json").read_text(encoding="utf-8"))
    result = analyse([Comment(r["id"], r["text"]) for r in records], [domain_from_dict(t) for t in taxonomy],
                     AnalysisOptions(workers=1))  # fmt: skip
    return [r for r in records if r["split"] == "test"], {row["id"]: row for row in result.rows()}


def test_paraphrased_campaigns_are_found_without_joining_near_misses(real):
    held_out, rows = real
    precision, recall = pairwise_precision_recall(
        {r["id"]: rows[r["id"]]["duplicate_group"] for r in held_out}, {r["id"]: r["campaign"] for r in held_out}
    )
    assert precision >= 0.98 and recall >= 0.95
    assert all(rows[r["id"]]["duplicate_group"] is None for r in held_out if r["edits"] == ["near_miss"])


def test_topics_are_found_and_comments_about_none_of_them_stay_without_one(real):
    held_out, rows = real
    topical = [r for r in held_out if r["domain"] and (r["campaign"] is None or r["id"].endswith("-0"))]
    off = [r for r in held_out if r["domain"] is None]
    assert sum(rows[r["id"]]["domain"] == r["domain"] for r in topical) / len(topical) >= 0.85
    assert sum(rows[r["id"]]["domain"] is None for r in off) / len(off) >= 0.8
