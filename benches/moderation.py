"""The moderation queue's campaign grouping and the activity log, timed on a few thousand comments.

    .venv/bin/python benches/moderation.py                     # 1,000, 3,000 and 5,000 comments awaiting review
    .venv/bin/python benches/moderation.py --sizes 2000 --entries 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rapfang_bench .venv/bin/python benches/moderation.py

For each size, comments awaiting review are written straight into the table (40 % of them copies in ten
campaigns of three wordings each, the rest unlike each other), then four figures are printed: the copy engine
alone over the texts (normalise, segment, MinHash LSH); the queue's selector (every comment to review read, the
analysis's groups joined, the page's rows, places and flags) before and after its copies are kept in the cache;
and the whole page through Django's request handling, as a moderator. The activity log is timed the same way over
`--entries` audit entries, a fifth of them in moderators' batches. The first call of the engine in a process loads
the word list; it is timed apart. Each figure is the best of three runs.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

from rapfang.core.actors import SYSTEM

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["RAPFANG_DATA_DIR"] = tempfile.mkdtemp(prefix="rapfang-moderation-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)


def texts(size: int, seed: int = 11) -> list[str]:
    """Ten campaigns of three wordings (a word added before or after) making 40 %, and texts unlike each other."""
    from workspace.seeding import unlike_texts

    rng = random.Random(seed)
    halves = zip(unlike_texts(10, seed), unlike_texts(10, seed + 1), strict=True)
    bases = [f"{first} {second}" for first, second in halves]
    wordings = [(base, "ด้วยความเคารพ " + base, base + " ขอบคุณ") for base in bases]
    copies = [wordings[campaign][n % 3] for campaign in range(10) for n in range(size * 4 // 100)]
    result = copies + unlike_texts(size - len(copies), seed + 2)
    rng.shuffle(result)
    return result


def seed_comments(consultation, rows: list[str]) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from rapfang.comments.models import Comment

    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(consultation=consultation, text=text, anonymous=True, stakeholder_type="citizen", channel="web",
                receipt=f"BENCH-{consultation.pk}-{n:07d}", status="pending", submitted_at=now, consent_at=now)
        for n, text in enumerate(rows)
    )  # fmt: skip


def timed(label: str, work, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = min(_once(work) for _ in range(repeat))
    print(f"  {label:<44} {best * 1000:9.1f} ms")
    return best


def _once(work) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def bench_queue(size: int, agency, moderator) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache
    from django.test import Client

    from rapfang.analysis.text.copies import copy_groups
    from rapfang.comments.selectors import QueueFilters
    from rapfang.consultations.services import consultation_create
    from rapfang.workspace.moderation import moderation_queue

    consultation = consultation_create(actor=SYSTEM, agency=agency, slug=f"bench-{size}", title_th=f"ร่าง {size}")
    rows = texts(size)
    seed_comments(consultation, rows)
    client = Client()
    client.force_login(moderator)
    shown = moderation_queue(actor=moderator, consultation=consultation, tab="review", filters=QueueFilters())
    grouped = sum(group.count for group in shown.groups)
    print(f"{size:,} comments to review: {len(shown.groups)} campaigns holding {grouped:,}")
    timed("copy engine over the texts", lambda: copy_groups(rows))

    def queue() -> None:
        moderation_queue(actor=moderator, consultation=consultation, tab="review", filters=QueueFilters())

    timed("queue selector, its copies not yet known", lambda: (cache.clear(), queue()))
    timed("queue selector, the same comments again", queue)
    timed(
        "whole page as a moderator (GET), copies known",
        lambda: client.get(f"/staff/consultations/{consultation.slug}/moderation/"),
    )


def bench_activity(entries: int, agency, moderator) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from rapfang.consultations.models import Consultation
    from rapfang.core.models import AuditEntry

    consultation = Consultation.objects.filter(agency=agency).first()
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=moderator, actor_kind="user", action="comments.comment.publish",
                   object_type="comments.comment", object_id=str(n), object_repr=f"BENCH-{n}",
                   consultation_id=consultation.pk,
                   data={"reason": "", "batch": f"b{n // 50}"} if n % 5 == 0 else {"reason": ""})
        for n in range(entries)
    )  # fmt: skip
    client = Client()
    client.force_login(moderator)
    print(f"activity log over {entries:,} entries")
    timed("first page, a consultation's log", lambda: client.get(f"/staff/consultations/{consultation.slug}/activity/"))
    timed("first page, the agency's log", lambda: client.get(f"/staff/agencies/{agency.slug}/activity/"))
    timed("page 50, the agency's log", lambda: client.get(f"/staff/agencies/{agency.slug}/activity/?page=50"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,3000,5000")
    parser.add_argument("--entries", type=int, default=20000)
    args = parser.parse_args()
    setup()
    from rapfang.accounts.models import Role
    from rapfang.accounts.services import agency_save, membership_grant, user_create_staff
    from rapfang.analysis.text.copies import copy_groups

    agency = agency_save(actor=SYSTEM, slug="bench", name_th="หน่วยงานทดสอบ")
    moderator = user_create_staff(actor=SYSTEM, username="bench-moderator", password=secrets.token_urlsafe())
    membership_grant(actor=SYSTEM, user=moderator, agency=agency, role=Role.MODERATOR)
    start = time.perf_counter()
    copy_groups(["ก ข ค", "ก ข ค"])
    print(f"word list loaded once per process: {(time.perf_counter() - start) * 1000:.0f} ms")
    for size in (int(part) for part in args.sizes.split(",")):
        bench_queue(size, agency, moderator)
    bench_activity(args.entries, agency, moderator)


if __name__ == "__main__":
    main()
