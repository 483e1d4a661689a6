"""Learning from staff: topic accuracy on the comments staff have not touched, after N of their corrections.

    .venv/bin/python benches/analysis_learning.py        # 0, 10, 20 and 50 comments reviewed on the real-text set

Staff review comments of the dev half: first those the engine got wrong (in a fixed random order), each corrected
by one topic move, "none of these" included; once no error is left, those it got right (again in a fixed random
order), each confirmed (staff choose the topic the engine gave, which also makes it a labelled example). Every
reviewed comment goes into the next run with staff's topic. A step is printed as the number of comments reviewed,
with how many of them were corrections and how many confirmations: with the descriptions the dev half offers only
9 errors, with the names alone 22, so 50 reviews are never 50 corrections. Measured on the test half, which staff
did not touch (a campaign counts once), beside the share of its comments about none of the topics left without
one. Correcting the comments measured would prove nothing: the measure is on other comments.
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
    """(reviewed, corrected, accuracy, none left unassigned) per step of comments staff reviewed."""
    domains = [domain_from_dict(entry) for entry in taxonomy]
    first = run(records, domains, {})
    dev = [r for r in records if r["split"] == "dev"]
    wrong = [r for r in dev if first[r["id"]] != r["domain"]]
    right = [r for r in dev if first[r["id"]] == r["domain"]]
    random.Random(seed).shuffle(wrong)
    random.Random(seed + 1).shuffle(right)
    reviewed_in_order = wrong + right
    curve = []
    for step in steps:
        reviewed = {r["id"]: r["domain"] for r in reviewed_in_order[:step]}
        predicted = first if step == 0 else run(records, domains, reviewed)
        corrected = min(step, len(wrong))
        curve.append((len(reviewed), corrected, *scores(records, predicted, reviewed)))
    return curve


def learning_report(records: list[dict], taxonomy: list[dict]) -> None:
    """The curve for the taxonomy as written, and for its names alone (an organiser who wrote no description:
    the engine starts weaker and staff have more to teach)."""
    bare = [{"key": t["key"], "name_th": t["name_th"], "name_en": t["name_en"]} for t in taxonomy]
    for title, topics in (("topics with descriptions", taxonomy), ("topics by their names alone", bare)):
        print(f"-- {title} --")
        _print_curve(learning_curve(records, topics))


def _print_curve(curve: list[tuple]) -> None:
    for step, corrected, accuracy, none in curve:
        print(f"after {step:>2} comments reviewed ({corrected:>2} corrected, {step - corrected:>2} confirmed): "
              f"topic accuracy on the untouched half {accuracy:.2f}, none left unassigned {none:.2f}")  # fmt: skip


if __name__ == "__main__":
    learning_report(*load())
