"""The hearing summary report for a large hearing: `report_content` and each format, timed.

    .venv/bin/python benches/report.py --size 100000                        # SQLite in a temporary folder
    .venv/bin/python benches/report.py --size 100000 --database postgres    # PostgreSQL, when reachable

The demo consultation is loaded (events, timeline, domains, draft), then `--size` published Thai comments are
bulk-inserted with their analysis: a few large campaigns and many small ones, several capability domains, a
share with no domain, e-mail addresses and telephone numbers written in some texts (for the redaction to find),
issues made from campaigns and from random comments, responses for most issues with changed paragraphs, and
registrations with check-ins. Then the report's content is gathered once and each format rendered from it, as
the report job does. Printed: seconds (and this process's CPU seconds, which other work on the machine does not
inflate), output size and peak resident memory (sampled) per step, and the total.
PostgreSQL uses the database `rapfang_report_bench` on 127.0.0.1:5432 (user postgres), or `--database-url`;
its tables are migrated and the consultation's comments replaced.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("RAPFANG_LOG_LEVEL", "WARNING")  # the figures, not the libraries' narration
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/rapfang_report_bench"
BATCH = 5000
PHRASES = [
    "ขอให้จัดทำแผนการพัฒนาบุคลากรภาครัฐด้านดิจิทัลอย่างต่อเนื่อง",
    "ควรกำหนดมาตรฐานการเชื่อมโยงข้อมูลระหว่างหน่วยงาน",
    "สำนักงานควรเปิดเผยข้อมูลการจัดซื้อจัดจ้างในรูปแบบที่เครื่องอ่านได้",
    "ประชาชนในต่างจังหวัดยังเข้าถึงบริการอิเล็กทรอนิกส์ได้ยาก",
    "เห็นด้วยกับการลงทะเบียนออนไลน์ แต่ควรมีช่องทางสำหรับผู้สูงอายุด้วย",
    "ขอให้ระบุตัวชี้วัดและงบประมาณของแต่ละโครงการให้ชัดเจน",
    "การคุ้มครองข้อมูลส่วนบุคคลต้องมาก่อนการเชื่อมโยงข้อมูล",
    "ระบบสาธารณสุขควรใช้เวชระเบียนอิเล็กทรอนิกส์ที่ใช้ร่วมกันได้",
    "ควรมีหน่วยงานกลางกำกับดูแลการดำเนินงานตามแผน",
    "ขอให้พิจารณาค่าใช้จ่ายในการบำรุงรักษาระบบในระยะยาว",
]
PERSONAL = ["ติดต่อกลับได้ที่ somchai.k@example.co.th", "โทร 081-234-5678", "เลขประจำตัว 1-2345-67890-12-3"]
CAMPAIGN_SHARES = (0.25, 0.08, 0.04, 0.03)  # the large campaigns, as shares of all comments
SMALL_CAMPAIGNS = 1 / 500  # and one of 3 to 30 comments for every 500 comments
CHANNELS = ("web",) * 85 + ("api",) * 5 + ("email",) * 5 + ("fax",) * 3 + ("letter",) * 2
STAKEHOLDERS = ("government", "state_enterprise", "private", "academic", "civil_society", "citizen")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="number of published comments")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--database-url", default=POSTGRES_URL, help="the PostgreSQL database for --database postgres")
    parser.add_argument("--formats", default="html,pdf,docx,xlsx", help="comma-separated formats to time")
    parser.add_argument("--language", choices=("th", "en"), default="th")
    parser.add_argument("--out", type=Path, default=None, help="keep the files in this folder")
    parser.add_argument("--reuse", action="store_true", help="keep the comments an earlier run loaded (PostgreSQL)")
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> None:
    if args.database == "postgres":
        os.environ["DATABASE_URL"] = args.database_url
        _postgres_database(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["RAPFANG_DATA_DIR"] = tempfile.mkdtemp(prefix="rapfang-report-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _postgres_database(url: str) -> None:
    """Create the bench's database when it is missing; exit with a plain message when no server answers."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True, connect_timeout=3) as server:
            if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                server.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL is not reachable at {url}: {error}")


class PeakMemory:
    """The highest resident set size seen while the block runs, sampled every 20 ms from /proc."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def rss() -> int:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            self._stop.wait(0.02)

    def __enter__(self) -> PeakMemory:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def timed(label: str, work: Callable[[], Any]) -> tuple[Any, float]:
    with PeakMemory() as memory:
        started, cpu = time.perf_counter(), time.process_time()
        result = work()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label:<22} {seconds:7.2f} s  (CPU {cpu:6.2f} s)   peak RSS {memory.peak / 2**20:7.0f} MB", flush=True)
    return result, seconds


def comment_text(rng: random.Random) -> str:
    text = " ".join(rng.sample(PHRASES, rng.randint(1, 4)))
    if rng.random() < 0.05:
        text += " " + rng.choice(PERSONAL)
    return text


def populate(consultation: Any, size: int, rng: random.Random) -> None:
    """Comments, campaigns, analysis, issues, responses and registrations, all by bulk insert."""
    from rapfang.comments.models import Comment

    Comment.objects.filter(consultation=consultation).delete()
    comment_ids = _comments(consultation, size, rng)
    groups = _analysis(consultation, comment_ids, rng)
    _issues(consultation, comment_ids, groups, rng)
    _registrations(consultation, rng)


def _comments(consultation: Any, size: int, rng: random.Random) -> list[int]:
    from rapfang.comments.models import Comment
    from rapfang.documents.models import Paragraph

    anchors = list(
        Paragraph.objects.filter(version__document__consultation=consultation).values_list(
            "version__document_id", "version_id", "section__anchor", "anchor"
        )
    )
    start = datetime.fromisoformat("2016-11-18T00:00:00+07:00")
    batch: list[Comment] = []
    for n in range(size):
        at = start + timedelta(seconds=rng.randrange(6 * 86400))
        anonymous = rng.random() < 0.6
        document, version, section, paragraph = rng.choice(anchors) if rng.random() < 0.7 else (None, None, "", "")
        batch.append(
            Comment(
                consultation=consultation, document_id=document, version_id=version, section_anchor=section,
                paragraph_anchor=paragraph, text=comment_text(rng), anonymous=anonymous,
                name="" if anonymous else f"ผู้แสดงความคิดเห็น {n}", organisation="" if anonymous else "บริษัท ตัวอย่าง จำกัด",
                stakeholder_type=rng.choice(STAKEHOLDERS), email=f"person{n}@example.org", channel=rng.choice(CHANNELS),
                receipt=f"DG2-{at:%Y%m%d}-{n // 10000:04d}-{n % 10000:04d}", status="published", submitted_at=at,
            )
        )  # fmt: skip
        if len(batch) >= BATCH:
            Comment.objects.bulk_create(batch)
            batch.clear()
    Comment.objects.bulk_create(batch)
    return list(Comment.objects.filter(consultation=consultation).order_by("id").values_list("id", flat=True))


def _analysis(consultation: Any, ids: list[int], rng: random.Random) -> list[tuple[Any, list[int]]]:
    """Campaigns (duplicate groups) and a domain for most comments."""
    from rapfang.analysis.models import CommentAnalysis, DuplicateGroup
    from rapfang.consultations.models import Topic

    shuffled = ids[:]
    rng.shuffle(shuffled)
    sizes = [int(share * len(ids)) for share in CAMPAIGN_SHARES] + [
        rng.randint(3, 30) for _ in range(int(len(ids) * SMALL_CAMPAIGNS))
    ]
    groups: list[tuple[Any, list[int]]] = []
    position = 0
    for members in sizes:
        chunk = shuffled[position : position + members]
        position += members
        if len(chunk) >= 2:
            group = DuplicateGroup.objects.create(
                consultation=consultation, representative_id=chunk[0], size=len(chunk)
            )
            groups.append((group, chunk))
    group_of = {pk: group.pk for group, chunk in groups for pk in chunk}
    representatives = {chunk[0] for _group, chunk in groups}
    domains = list(Topic.objects.values_list("id", flat=True))
    batch = []
    for pk in ids:
        domain = rng.choice(domains) if domains and rng.random() < 0.8 else None
        batch.append(
            CommentAnalysis(
                comment_id=pk, consultation=consultation, source_hash=f"{pk:032x}", text_key=f"{pk:032x}",
                group_id=group_of.get(pk), is_representative=pk in representatives, domain_id=domain,
            )
        )  # fmt: skip
        if len(batch) >= BATCH:
            CommentAnalysis.objects.bulk_create(batch)
            batch.clear()
    CommentAnalysis.objects.bulk_create(batch)
    return groups


def _issues(consultation: Any, ids: list[int], groups: list[tuple[Any, list[int]]], rng: random.Random) -> None:
    from rapfang.consultations.models import Topic
    from rapfang.documents.models import Paragraph
    from rapfang.reports.models import Decision, Issue, IssueComment, Response

    domains = list(Topic.objects.all())
    paragraphs = list(Paragraph.objects.filter(version__document__consultation=consultation)[:40])
    decisions = list(Decision.values)
    for number in range(1, 13):
        group, members = (
            groups[number - 1] if number <= 4 else (None, rng.sample(ids, min(len(ids), rng.randint(50, 3000))))
        )
        issue = Issue.objects.create(
            consultation=consultation, number=number, title_th=f"ประเด็นการจัดทำแผนเรื่องที่ {number}",
            summary_th=" ".join(rng.sample(PHRASES, 2)), domain=rng.choice(domains) if domains else None,
            source_group=group, representative_id=members[0],
        )  # fmt: skip
        links = [IssueComment(issue=issue, comment_id=pk) for pk in members]
        IssueComment.objects.bulk_create(links, batch_size=BATCH)
        if number <= 9:
            response = Response.objects.create(
                issue=issue, decision=decisions[number % len(decisions)],
                reasons_th="คณะทำงานได้พิจารณาแล้ว เห็นควรกำหนดไว้ในแผนฉบับปรับปรุง", published_at=None,
            )  # fmt: skip
            response.changed_paragraphs.set(rng.sample(paragraphs, min(3, len(paragraphs))))


def _registrations(consultation: Any, rng: random.Random) -> None:
    from rapfang.hearings.models import Channel, Event, Registration, Status

    event = Event.objects.filter(consultation=consultation, is_main=True).first()
    if event is None:
        return
    Registration.objects.filter(event=event).delete()
    received = event.starts_at - timedelta(days=5)
    rows = []
    for n in range(600):
        status = Status.CANCELLED if n % 25 == 0 else Status.WAITLISTED if n >= 550 else Status.CONFIRMED
        channel = rng.choice([Channel.WEB] * 8 + [Channel.EMAIL, Channel.FAX, Channel.WALK_IN])
        arrived = event.starts_at if status == Status.CONFIRMED and rng.random() < 0.8 else None
        rows.append(
            Registration(
                event=event, reference=f"B{n:05d}", status=status, channel=channel, name=f"ผู้ลงทะเบียน {n}",
                stakeholder_type=rng.choice(STAKEHOLDERS), received_at=received, checked_in_at=arrived,
            )
        )  # fmt: skip
    Registration.objects.bulk_create(rows)


def render_all(content: Any, formats: list[str], out_dir: Path) -> float:
    from rapfang.reports.render import filename, render

    total = 0.0
    for fmt in formats:
        path = out_dir / filename(content, fmt)

        def write(fmt: str = fmt, path: Path = path) -> None:
            with path.open("wb") as out:
                render(content, fmt, out)

        _result, seconds = timed(f"render {fmt}", write)
        total += seconds
        print(f"{'':<22} {path.stat().st_size / 2**20:7.1f} MB  {path.name}", flush=True)
    return total


def main() -> None:
    args = parse_args()
    setup_django(args)
    from django.db import connection

    from rapfang.comments.models import Comment
    from rapfang.demo.loader import demo_load
    from rapfang.reports.content import report_content

    consultation = demo_load().consultation
    loaded = Comment.objects.filter(consultation=consultation).count()
    if not (args.reuse and loaded == args.size):
        started = time.perf_counter()
        populate(consultation, args.size, random.Random(args.seed))
        if connection.vendor == "postgresql":  # the planner's statistics, as autovacuum leaves them on a live site
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"loaded {args.size:,} comments in {time.perf_counter() - started:.1f} s", flush=True)
    print(f"database: {connection.vendor}; comments: {args.size:,}; language: {args.language}", flush=True)
    content, gather = timed("report_content", lambda: report_content(consultation=consultation, language=args.language))
    print(f"{'':<22} annex rows {content.annex_total:,}; campaigns {content.figures['campaigns']:,}", flush=True)
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="rapfang-report-files-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    rendering = render_all(content, [fmt for fmt in args.formats.split(",") if fmt], out_dir)
    print(f"total (content and every format): {gather + rendering:.1f} s; files in {out_dir}", flush=True)


if __name__ == "__main__":
    main()
