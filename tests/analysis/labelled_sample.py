"""The labelled sample in tests/data and the figures the analysis is judged by."""

import hashlib
import json
from itertools import combinations
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "analysis_sample.jsonl"
DOMAINS = DATA / "domains.json"


def load_sample() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(record: dict) -> str:
    """'dev' for about 40 % of the sample (whole campaigns stay together), 'test' for the rest."""
    unit = record["campaign"] or record["id"]
    return "dev" if hashlib.sha256(unit.encode()).digest()[0] % 10 < 4 else "test"


def pairs(labels: dict[str, object]) -> set[frozenset[str]]:
    """All pairs of ids that share a non-null label."""
    members: dict[object, list[str]] = {}
    for key, label in labels.items():
        if label is not None:
            members.setdefault(label, []).append(key)
    return {frozenset(pair) for group in members.values() for pair in combinations(group, 2)}


def pairwise_precision_recall(predicted: dict[str, object], truth: dict[str, object]) -> tuple[float, float]:
    found, expected = pairs(predicted), pairs(truth)
    correct = len(found & expected)
    return (correct / len(found) if found else 1.0), (correct / len(expected) if expected else 1.0)


def accuracy(predicted: dict[str, object], records: list[dict]) -> float:
    """Share of records with a domain whose predicted domain is that domain (no domain counts as wrong)."""
    labelled = [record for record in records if record["domain"]]
    return sum(predicted[r["id"]] == r["domain"] for r in labelled) / len(labelled)
