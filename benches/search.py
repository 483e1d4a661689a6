"""Thai comment search: recall against substring truth, and query latency, on SQLite (FTS5) or PostgreSQL.

    .venv/bin/python benches/search.py --size 100000                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rapfang_bench .venv/bin/python benches/search.py --size 100000
    DATABASE_URL=... .venv/bin/python benches/search.py --size 100000 --reuse --page 51 --sort oldest --check-order

Synthetic comments are strings of dictionary words written Thai-style (no spaces inside a phrase), with
compounds such as ลงทะเบียน and ขีดความสามารถ, so that many query words sit inside longer words. Comments are
indexed through the same code as the comment service (`comments.search`), in bulk.

Truth for a query word is every comment whose normalised text contains it as a substring that starts and ends
on whole characters (not before a vowel or tone mark: ข้า is in ข้าว, ขา is not in ข้าว). Recall is the share of
true comments that the search returns; "raw" recall counts every plain substring as truth. Latency is one
search as the public page runs it: the count (up to 1,001) and a page of 20 (`--page`, the first by default), newest
first (or `--sort oldest`), published only. `--check-order` compares each page with a plain sort of every match.
Comments arrive every three seconds over five weeks; one in fifty was keyed in later by staff. The PostgreSQL
database in DATABASE_URL is migrated and its comments are replaced; `--reuse` keeps those an earlier run with the
same `--size` loaded, vacuumed and analysed as autovacuum would after a migration rebuilt the search column.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

COMPOUNDS = [
    "ลงทะเบียน", "ขีดความสามารถ", "ความสามารถ", "การให้บริการ", "อิเล็กทรอนิกส์", "โครงสร้างพื้นฐาน", "สาธารณสุข",
    "จัดซื้อจัดจ้าง", "ทรัพยากรมนุษย์", "เงินเดือน", "รัฐบาลดิจิทัล", "บุคลากรภาครัฐ", "ข้าว", "ข่าว", "ข่าวสาร",
    "ประชาชน", "หน่วยงาน", "ความคิดเห็น", "ข้อมูลส่วนบุคคล", "การศึกษา", "คมนาคม", "สาธารณูปโภค",
]  # fmt: skip
BATCH = 5000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="number of synthetic comments")
    parser.add_argument("--queries", type=int, default=200, help="number of dictionary words to search for")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep the comments a previous run with --size loaded")
    parser.add_argument("--page", type=int, default=1, help="page of 20 to time (1 is the first)")
    parser.add_argument("--sort", choices=("newest", "oldest"), default="newest")
    parser.add_argument(
        "--check-order", action="store_true", help="compare each timed page with a plain ORDER BY of every match"
    )
    return parser.parse_args()


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["RAPFANG_DATA_DIR"] = tempfile.mkdtemp(prefix="rapfang-search-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def vocabulary(rng: random.Random) -> list[str]:
    from rapfang.core.thai.words import words_file

    words = [w for w in words_file().read_text(encoding="utf-8").split() if 2 <= len(w) <= 10]
    return rng.sample(words, 4000) + COMPOUNDS * 40


def make_comments(size: int, rng: random.Random) -> list[str]:
    words = vocabulary(rng)
    comments = []
    for _ in range(size):
        phrases = ["".join(rng.choices(words, k=rng.randint(2, 5))) for _ in range(rng.randint(2, 6))]
        comments.append(" ".join(phrases))
    return comments


def arrival_times(size: int, now: datetime) -> list[datetime]:
    """A comment every few seconds up to now, in order, except one in fifty keyed in later by staff (hours to days
    after it was sent), so the newest-first order is not the order of the rows."""
    rng = random.Random(size)
    times = [now - timedelta(seconds=3 * (size - n)) for n in range(size)]
    return [t - timedelta(minutes=rng.randint(60, 7200)) if rng.random() < 0.02 else t for t in times]


def load(comments: list[str]) -> tuple[object, float]:
    from django.db import connection, transaction
    from django.utils import timezone

    from rapfang.comments import search
    from rapfang.comments.models import Comment
    from rapfang.demo.loader import demo_load

    consultation = demo_load().consultation
    Comment.objects.all().delete()
    search.index_clear()
    started = time.perf_counter()
    times = arrival_times(len(comments), timezone.now())
    for offset in range(0, len(comments), BATCH):
        rows = [
            Comment(consultation=consultation, text=text, stakeholder_type="citizen", channel="api", status="published",
                    receipt=f"B-{offset + i}", submitted_at=times[offset + i], anonymous=True,
                    search_terms=search.terms_for(text))
            for i, text in enumerate(comments[offset : offset + BATCH])
        ]  # fmt: skip
        with transaction.atomic():
            created = Comment.objects.bulk_create(rows)
            search.index_put_many(created)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load, at once
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE comments_comment")
    return consultation, seconds


def truths(comments: list[str], query: str) -> tuple[set[int], set[int]]:
    """Indexes of comments holding `query` on whole characters, and as any substring."""
    from rapfang.core.thai.letters import MARKS

    whole, raw = set(), set()
    for index, text in enumerate(comments):
        position = text.find(query)
        while position >= 0:
            raw.add(index)
            end = position + len(query)
            if end == len(text) or text[end] not in MARKS:
                whole.add(index)
                break
            position = text.find(query, position + 1)
    return whole, raw


def run(args: argparse.Namespace) -> None:
    from django.db import connection

    from rapfang.comments.models import Comment
    from rapfang.comments.selectors import comment_list_public, comment_page
    from rapfang.core.thai.normalise import search_form
    from rapfang.core.thai.search import query_terms

    rng = random.Random(args.seed)
    started = time.perf_counter()
    comments = [search_form(text) for text in make_comments(args.size, rng)]
    print(f"database: {connection.vendor}; comments: {args.size:,} ({time.perf_counter() - started:.1f} s to make)")
    if args.reuse and Comment.objects.count() == args.size:
        from rapfang.consultations.models import Consultation

        consultation = Consultation.objects.get(slug="dg2-2560-2564")
        print("reusing the comments loaded by an earlier run with the same size and seed")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE comments_comment")
    else:
        consultation, seconds = load(comments)
        print(f"indexed in {seconds:.1f} s ({args.size / seconds:,.0f} comments/s, terms included)")
    position_of = {pk: n for n, pk in enumerate(Comment.objects.order_by("id").values_list("id", flat=True))}
    dictionary = [w for w in vocabulary(random.Random(args.seed + 1)) if query_terms(w) == [w]]
    queries = list(dict.fromkeys(COMPOUNDS + rng.sample(dictionary, args.queries)))[: args.queries]
    found_whole = true_whole = found_raw = true_raw = 0
    latencies, misses, disorder = [], [], []
    for query in queries:
        whole, raw = truths(comments, query)
        began = time.perf_counter()
        hits, _terms = comment_list_public(consultation=consultation, q=query, sort=args.sort)
        page = comment_page(hits, args.page, 20)
        page.paginator.count, list(page.object_list)
        latencies.append((time.perf_counter() - began) * 1000)
        if args.check_order and [c.pk for c in page.object_list] != expected_page(consultation, query, page, args.sort):
            disorder.append(query)
        every = hits.ids(0, hits.count()) if hasattr(hits, "ids") else hits.values_list("id", flat=True)
        got_idx = {position_of[pk] for pk in every}
        found_whole += len(whole & got_idx)
        true_whole += len(whole)
        found_raw += len(raw & got_idx)
        true_raw += len(raw)
        if whole - got_idx:
            misses.append((query, len(whole - got_idx)))
    report(queries, found_whole, true_whole, found_raw, true_raw, latencies, misses)
    if args.check_order:
        print(f"pages in the plain order: {len(queries) - len(disorder)} of {len(queries)}", *disorder[:10])


def expected_page(consultation: object, query: str, page: object, sort: str) -> list[int]:
    """The page's ids by the plainest query: every match sorted in full (arrival order on SQLite's index)."""
    from django.db import connection

    from rapfang.comments import search
    from rapfang.comments.models import Comment
    from rapfang.comments.selectors import SORTS

    start, end = page.start_index() - 1, page.end_index()  # type: ignore[attr-defined]
    if connection.vendor == "sqlite":
        hits, _terms = search.search_hits(Comment, ("id",), consultation.pk, query, newest=sort != "oldest")  # type: ignore[attr-defined]
        return list(hits.ids(0, hits.count()))[start:end]
    everything = Comment.objects.filter(consultation=consultation, status="published")
    everything, _terms = search.search_filter(everything, query, consultation.pk)  # type: ignore[attr-defined]
    return list(everything.order_by(*SORTS[sort]).values_list("id", flat=True))[start:end]


def report(queries, found_whole, true_whole, found_raw, true_raw, latencies, misses) -> None:  # type: ignore[no-untyped-def]
    latencies.sort()
    p95, p99 = (latencies[max(0, int(len(latencies) * share) - 1)] for share in (0.95, 0.99))
    print(f"queries: {len(queries)} dictionary words (compounds and random words)")
    print(f"recall (whole characters): {found_whole / max(true_whole, 1):.4f}  ({found_whole:,} of {true_whole:,})")
    print(f"recall (raw substrings):   {found_raw / max(true_raw, 1):.4f}  ({found_raw:,} of {true_raw:,})")
    print(
        f"latency ms (count + page of 20): p50 {statistics.median(latencies):.1f}  p95 {p95:.1f}  p99 {p99:.1f}  "
        f"max {latencies[-1]:.1f}"
    )
    print("load average (1, 5, 15 min): " + "  ".join(f"{load:.2f}" for load in os.getloadavg()))
    if misses:
        print("words with misses:", ", ".join(f"{word} ({n})" for word, n in misses[:10]))


if __name__ == "__main__":
    arguments = parse_args()
    setup_django()
    run(arguments)
