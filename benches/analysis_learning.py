"""Learning from staff: topic accuracy on the comments staff have not touched, after N of their corrections.

    .venv/bin/python benches/analysis_learning.py        # 0, 10, 20 and 50 corrections on the real-text set

Staff correct comments of the dev half that the engine got wrong (in a fixed random order), one topic move each,
"none of these" included; every correction goes into the next run as a labelled example. Measured on the test half,
which staff did not touch (a campaign counts once), beside the share of its comments about none of the topics left
without one. Correcting the comments measured would prove nothing: the measure is on other comments.
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis_quality import load
from rapfang.analysis.text.domains import domain_from_dict
from rapfang.analysis.text.pipeline import NO_TOPIC, AnalysisOptions, Comment, analyse


def run(records: list[dict], domains: list, corrected: dict[str, str | None]) -> dict[str, str | None]:
    comments = [
        Comment(r["id"], r["text"], staff_domain=(corrected[r["id"]] or NO_TOPIC) if r["id"] in corrected else None)
        for r in records
    ]
    return {row["id"]: row["domain"] for row in analyse(comments, domains, AnalysisOptions(workers=1)).rows()}


def scores(records: list[dict], predicted: dict, corrected: dict) -> tuple[float, float]:
    untouched = [r for r in records if r["split"] == "test" and r["id"] not in corrected]
    topical = [r for r in untouched if r["domain"] and (r["campaign"] is None or r["id"].endswith("-0"))]
    off = [r for r in untouched if r["domain"] is None]
    accuracy = sum(predicted[r["id"]] == r["domain"] for r in topical) / len(topical)
    return accuracy, sum(predicted[r["id"]] is None for r in off) / max(len(off), 1)


def learning_curve(records: list[dict], taxonomy: list[dict], steps=(0, 10, 20, 50), seed=7) -> list[tuple]:
    domains = [domain_from_dict(entry) for entry in taxonomy]
    first = run(records, domains, {})
    wrong = [r for r in records if r["split"] == "dev" and first[r["id"]] != r["domain"]]
    random.Random(seed).shuffle(wrong)
    curve = []
    chosen = [step for step in steps if step < len(wrong)] + [min(len(wrong), max(steps))]
    for step in chosen:
        corrected = {r["id"]: r["domain"] for r in wrong[:step]}
        predicted = first if step == 0 else run(records, domains, corrected)
        curve.append((len(corrected), *scores(records, predicted, corrected)))
    return curve


def learning_report(records: list[dict], taxonomy: list[dict]) -> None:
    """The curve for the taxonomy as written, and for its names alone (an organiser who wrote no description:
    the engine starts weaker and staff have more to teach)."""
    bare = [{"key": t["key"], "name_th": t["name_th"], "name_en": t["name_en"]} for t in taxonomy]
    for title, topics in (("topics with descriptions", taxonomy), ("topics by their names alone", bare)):
        print(f"-- {title} --")
        _print_curve(learning_curve(records, topics))


def _print_curve(curve: list[tuple]) -> None:
    for step, accuracy, none in curve:
        print(f"after {step:>2} staff corrections: topic accuracy on the untouched half {accuracy:.2f}, "
              f"none left unassigned {none:.2f}")  # fmt: skip


if __name__ == "__main__":
    learning_report(*load())
