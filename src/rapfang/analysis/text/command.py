"""``rapfang analyze``: analyse a JSONL file of comments without a database.

Input lines are ``{"id": ..., "text": ..., "paragraph_domains": [keys]}`` (other fields are ignored); the
output has one line per valid input comment: ``{"id", "duplicate_group", "cluster", "domain",
"confidence", "keywords"}``. Bad input lines are reported with their line number and skipped.
"""

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from rapfang.analysis.text.classify import ClassifyOptions
from rapfang.analysis.text.dedup import DedupOptions
from rapfang.analysis.text.domains import load_domains
from rapfang.analysis.text.pipeline import AnalysisOptions, AnalysisResult, Comment, analyse
from rapfang.analysis.text.progress import ProgressBar


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rapfang analyze", description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="comments, one JSON object per line")
    parser.add_argument("--domains", type=Path, required=True, help='JSON list of {"key", "name_th", ...}')
    parser.add_argument("--output", required=True, help="where to write the results (JSONL; '-' for stdout)")
    parser.add_argument("--groups", help="also write the duplicate groups here (JSONL: representative, variants)")
    parser.add_argument(
        "--threshold", type=float, default=DedupOptions.threshold, help="similarity (0-1) two texts of a campaign need"
    )
    parser.add_argument(
        "--shingle-size", type=int, default=DedupOptions.shingle_size, help="words per shingle for campaign candidates"
    )
    parser.add_argument("--clusters", type=int, default=None, help="number of topic clusters (default: auto)")
    parser.add_argument("--min-confidence", type=float, default=ClassifyOptions.min_confidence)
    parser.add_argument("--seed", type=int, default=0, help="seed for clustering and self-training")
    parser.add_argument(
        "--vocabulary", type=Path, help="extra words for the segmenter (terms of the draft), one per line"
    )
    parser.add_argument("--workers", type=int, default=None, help="processes to segment with (default: cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, only problems and the summary")
    return parser


def read_comments(path: Path, errors: TextIO) -> tuple[list[Comment], int]:
    """Valid comments of a JSONL file, and the number of lines skipped (each reported on ``errors``)."""
    comments: list[Comment] = []
    skipped = 0
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                comments.append(parse_comment(line))
            except ValueError as problem:
                skipped += 1
                errors.write(f"{path}:{number}: skipped: {problem}\n")
    return comments, skipped


def read_vocabulary(path: Path) -> tuple[str, ...]:
    """Words of a vocabulary file: one per line, blank lines and lines starting with # ignored."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def parse_comment(line: str) -> Comment:
    """A Comment from one input line; ValueError says what is wrong with it."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as problem:
        raise ValueError(f"not JSON ({problem.msg})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if data.get("id") is None or isinstance(data["id"], dict | list):
        raise ValueError("missing or invalid 'id'")
    if not isinstance(data.get("text"), str):
        raise ValueError("missing 'text' or it is not a string")
    tags = data.get("paragraph_domains") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("'paragraph_domains' must be a list of domain keys")
    return Comment(id=data["id"], text=data["text"], paragraph_domains=tuple(tags))


def main(argv: list[str]) -> int:
    arguments = build_parser().parse_args(argv)
    started = time.monotonic()
    try:
        domains = load_domains(arguments.domains)
        vocabulary = read_vocabulary(arguments.vocabulary) if arguments.vocabulary else ()
        comments, skipped = read_comments(arguments.input, sys.stderr)
    except (OSError, ValueError) as problem:
        sys.stderr.write(f"rapfang analyze: {problem}\n")
        return 1
    options = AnalysisOptions(
        dedup=DedupOptions(threshold=arguments.threshold, shingle_size=arguments.shingle_size),
        classify=ClassifyOptions(min_confidence=arguments.min_confidence),
        n_clusters=arguments.clusters,
        seed=arguments.seed,
        vocabulary=vocabulary,
        workers=arguments.workers,
    )
    reporter = _StageReporter(len(comments), quiet=arguments.quiet)
    result = analyse(comments, domains, options, stage=reporter.stage, progress=reporter.progress)
    with _open_output(arguments.output) as out:
        for row in result.rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if arguments.groups:
        with _open_output(arguments.groups) as out:
            for record in group_records(result):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stderr.write(summary(result, skipped, time.monotonic() - started))
    return 0


class _StageReporter:
    """Prints each stage's duration, and a bar for the stage that reports progress (segmentation)."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.quiet = total, quiet
        self.bar: ProgressBar | None = None

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        began = time.monotonic()
        yield
        if self.bar:
            self.bar.finish()
            self.bar = None
        if not self.quiet:
            sys.stderr.write(f"{name}: {time.monotonic() - began:.2f}s\n")

    def progress(self, name: str, step: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            self.bar = ProgressBar(self.total, name)
        self.bar.advance(step)


@contextmanager
def _open_output(target: str) -> Iterator[TextIO]:
    if target == "-":
        yield sys.stdout
        return
    with open(target, "w", encoding="utf-8") as out:
        yield out


def group_records(result: AnalysisResult) -> Iterator[dict]:
    """One record per duplicate group: its representative comment, count, variants and keywords."""
    for group in result.duplicates.groups:
        yield {
            "duplicate_group": group.number,
            "representative": result.comments[group.representative].id,
            "count": group.count,
            "variants": [{"id": result.comments[first].id, "count": n} for first, n in group.variants.items()],
            "keywords": result.group_keywords.get(group.number, []),
        }


def summary(result: AnalysisResult, skipped: int, seconds: float) -> str:
    """A short human summary of the run."""
    rows = list(result.rows())
    in_groups = sum(group.count for group in result.duplicates.groups)
    domains = Counter(row["domain"] for row in rows)
    lines = [
        f"comments: {len(rows)} analysed, {skipped} lines skipped, {seconds:.1f}s",
        f"duplicate groups: {len(result.duplicates.groups)} holding {in_groups} comments",
    ]
    for group in sorted(result.duplicates.groups, key=lambda g: -g.count)[:3]:
        text = " ".join(result.comments[group.representative].text.split())[:60]
        words = ", ".join(result.group_keywords.get(group.number, [])[:5])
        lines.append(f"  group {group.number}: {group.count} comments, {len(group.variants)} variants: {text}")
        lines.append(f"    keywords: {words}")
    lines.append(f"clusters: {len(result.topics.sizes)}")
    for cluster, size in sorted(result.topics.sizes.items(), key=lambda item: -item[1])[:5]:
        lines.append(f"  cluster {cluster}: {size} comments: {', '.join(result.topics.keywords[cluster][:5])}")
    assigned = ", ".join(f"{key}={count}" for key, count in domains.most_common() if key)
    lines.append(f"domains: {assigned or '-'}; no domain={domains.get(None, 0)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
