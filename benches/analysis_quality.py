"""How well the analysis holds on real Thai text it was not written for, beside a naive reference.

    .venv/bin/python benches/analysis_quality.py                 # the engine and the naive reference
    .venv/bin/python benches/analysis_quality.py --src /path/src # also another checkout's engine (e.g. before)
    .venv/bin/python benches/analysis_quality.py --learning      # accuracy after 10, 20, 50 staff corrections

The set is benches/data/analysis_real/comments.jsonl (see its README). Measures, per split (dev, test, all):
- campaigns: pairwise precision and recall of the comments grouped together against the campaigns of the set;
- domain: share of comments about a topic given that topic (a campaign counts once, by its first text);
- none: share of comments about none of the topics left without one.
The naive reference: pythainlp newmm words, datasketch MinHash LSH at Jaccard 0.5 over word sets (groups are the
connected components), and the topic whose name and description share the most words with the comment (none
when no word is shared).
"""

import argparse
import json
import os
import subprocess
import sys
from itertools import combinations
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benches" / "data" / "analysis_real"
sys.path.insert(0, str(ROOT / "src"))


def load() -> tuple[list[dict], list[dict]]:
    lines = (DATA / "comments.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()], json.loads((DATA / "taxonomy.json").read_text())


def pairs(labels: dict[str, object]) -> set[frozenset[str]]:
    members: dict[object, list[str]] = {}
    for key, label in labels.items():
        if label is not None:
            members.setdefault(label, []).append(key)
    return {frozenset(pair) for group in members.values() for pair in combinations(group, 2)}


def measures(records: list[dict], groups: dict[str, object], domains: dict[str, str | None]) -> dict[str, float]:
    found, expected = (
        pairs({r["id"]: groups.get(r["id"]) for r in records}),
        pairs({r["id"]: r["campaign"] for r in records}),
    )
    correct = len(found & expected)
    counted = [r for r in records if r["campaign"] is None or r["id"].endswith("-0")]
    topical = [r for r in counted if r["domain"]]
    off = [r for r in records if r["domain"] is None]
    return {
        "precision": correct / len(found) if found else 1.0,
        "recall": correct / len(expected) if expected else 1.0,
        "domain": sum(domains.get(r["id"]) == r["domain"] for r in topical) / len(topical),
        "none": sum(domains.get(r["id"]) is None for r in off) / len(off) if off else 1.0,
    }


def run_engine(records: list[dict], taxonomy: list[dict]) -> tuple[dict, dict]:
    from rapfang.analysis.text.domains import domain_from_dict
    from rapfang.analysis.text.pipeline import AnalysisOptions, Comment, analyse

    domains = [domain_from_dict(entry) for entry in taxonomy]
    result = analyse([Comment(r["id"], r["text"]) for r in records], domains, AnalysisOptions(workers=1))
    rows = list(result.rows())
    return {row["id"]: row["duplicate_group"] for row in rows}, {row["id"]: row["domain"] for row in rows}


def run_naive(records: list[dict], taxonomy: list[dict]) -> tuple[dict, dict]:
    from datasketch import MinHash, MinHashLSH
    from pythainlp.corpus import thai_stopwords
    from pythainlp.tokenize import word_tokenize

    stop = thai_stopwords()
    words = [{w for w in word_tokenize(r["text"], engine="newmm") if w.strip() and w not in stop} for r in records]
    lsh, signatures = MinHashLSH(threshold=0.5, num_perm=128), []
    for number, tokens in enumerate(words):
        signature = MinHash(num_perm=128, seed=1)
        signature.update_batch([w.encode() for w in tokens] or [b""])
        lsh.insert(number, signature)
        signatures.append(signature)
    parent = list(range(len(records)))
    for number, signature in enumerate(signatures):
        for other in lsh.query(signature):
            parent[_find(parent, other)] = _find(parent, number)
    roots = [_find(parent, n) for n in range(len(records))]
    sizes = {root: roots.count(root) for root in set(roots)}
    groups = {r["id"]: (roots[n] if sizes[roots[n]] > 1 else None) for n, r in enumerate(records)}
    profiles = [
        {w for w in word_tokenize(f"{t['name_th']} {t['name_en']} {t['description']}") if w.strip() and w not in stop}
        for t in taxonomy
    ]
    domains = {}
    for record, tokens in zip(records, words, strict=True):
        overlap = [len(tokens & profile) for profile in profiles]
        best = max(range(len(profiles)), key=lambda n: overlap[n])
        domains[record["id"]] = taxonomy[best]["key"] if overlap[best] else None
    return groups, domains


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def report(name: str, records: list[dict], groups: dict, domains: dict) -> None:
    for split in ("dev", "test", "all"):
        chosen = [r for r in records if split == "all" or r["split"] == split]
        m = measures(chosen, groups, domains)
        print(f"{name:<10} {split:<5} {len(chosen):>4}  campaigns P {m['precision']:.2f} R {m['recall']:.2f}  "
              f"domain {m['domain']:.2f}  none left unassigned {m['none']:.2f}")  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="also measure the engine of another checkout's src folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--learning", action="store_true", help="accuracy after staff corrections")
    arguments = parser.parse_args(argv)
    records, taxonomy = load()
    if arguments.child:
        sys.path.insert(0, arguments.child)
        print(json.dumps(run_engine(records, taxonomy), ensure_ascii=False))
        return 0
    if arguments.src:
        report("before", records, *_engine_from(arguments.src))
    report("engine", records, *run_engine(records, taxonomy))
    report("naive", records, *run_naive(records, taxonomy))
    if arguments.learning:
        from analysis_learning import learning_report

        learning_report(records, taxonomy)
    return 0


def _engine_from(src: str) -> tuple[dict, dict]:
    """The engine of another source tree, run in a child process that imports from there."""
    command = [sys.executable, __file__, "--child", src]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    groups, domains = json.loads(done.stdout.strip().splitlines()[-1])
    return groups, domains


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
