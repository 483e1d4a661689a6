"""A message to an event's registrants: queuing it (one outbox row each, in one transaction) and the job worker's
sending of the copies (each rendered in its registrant's language), on SQLite and PostgreSQL.

    .venv/bin/python benches/event_messages.py [--sizes 1000,10000] [--databases sqlite,postgres]

Runs on a throwaway data folder (SQLite) or a throwaway database (PostgreSQL from RAPFANG_BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432/postgres; skipped with a note when unreachable). Registrants are inserted in bulk
(a third of them without an e-mail address, a fifth in English); the mail goes to Django's in-memory backend, so the
figures are ours, not a mail server's. Prints seconds and rows per second for the queuing and for the sending.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"

RUN = """
import django, json, sys, time
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from django.conf import settings
from django.core import mail
from rapfang.accounts.models import Role
from rapfang.accounts.services import agency_save, membership_grant, user_create_staff
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM
from rapfang.hearings.models import MailOutbox, Registration
from rapfang.hearings.services import event_message_send, event_save
from rapfang.hearings.services.outbox import mail_outbox_flush

size = int(sys.argv[1])
from django.urls import reverse
reverse("portal:home")  # the URL configuration loaded, as in a running worker
settings.MAIL_OUTBOX_INLINE = False
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
mail.outbox = []
now = datetime(2026, 12, 10, 10, tzinfo=ZoneInfo("Asia/Bangkok"))
agency = agency_save(actor=SYSTEM, slug="bench", name_th="หน่วยงานทดสอบ")
user = user_create_staff(actor=SYSTEM, username="bench", password="a-long-bench-password-1")
membership_grant(actor=SYSTEM, user=user, agency=agency, role=Role.ORGANISER)
consultation = consultation_create(actor=user, agency=agency, slug="bench", title_th="ร่างทดสอบ")
event = event_save(actor=user, consultation=consultation, kind="hearing", title_th="การประชุมทดสอบ",
                   starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=6))
Registration.objects.bulk_create([
    Registration(event=event, reference=f"B{n:07d}", status="confirmed", name=f"ผู้ลงทะเบียน {n}",
                 stakeholder_type="citizen", email="" if n % 3 == 0 else f"p{n}@example.go.th",
                 language="en" if n % 5 == 0 else "th", received_at=now)
    for n in range(size)
], batch_size=2000)
started = time.perf_counter()
message = event_message_send(actor=user, event_id=event.pk, audience="confirmed", subject_th="แจ้งเปลี่ยนห้อง",
                             body_th="การประชุมย้ายไปห้อง ๒", subject_en="Room change", body_en="Room 2 now.", now=now)
queued = time.perf_counter() - started
started = time.perf_counter()
sent = 0
while (batch := mail_outbox_flush(now=now, limit=1000)):
    sent += batch
flushed = time.perf_counter() - started
print(json.dumps({"queued": message.mailed, "queue_s": queued, "sent": sent, "send_s": flushed,
                  "left": MailOutbox.objects.count(), "without_email": len(message.without_email)}))
"""


def run(size: int, environment: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [str(PYTHON), "-c", RUN, str(size)], env=environment, capture_output=True, text=True, check=False, cwd=ROOT
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_database(name: str) -> str | None:
    base = os.environ.get("RAPFANG_BENCH_POSTGRES", DEFAULT_POSTGRES)
    created = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, text=True, check=False
    )
    return base.rsplit("/", 1)[0] + "/" + name if created.returncode == 0 else None


def report(database: str, size: int, figures: dict[str, float]) -> None:
    print(
        f"{database:8} {size:>7} registrants: queued {figures['queued']:>6} in {figures['queue_s']:6.2f} s "
        f"({figures['queued'] / figures['queue_s']:8.0f}/s); sent {figures['sent']:>6} in {figures['send_s']:6.2f} s "
        f"({figures['sent'] / max(figures['send_s'], 1e-9):6.0f}/s); {figures['without_email']} to telephone; "
        f"{figures['left']} left"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--databases", default="sqlite,postgres")
    args = parser.parse_args()
    for database in args.databases.split(","):
        for size in (int(value) for value in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as folder:
                environment = {**os.environ, "RAPFANG_DATA_DIR": folder, "PYTHAINLP_OFFLINE": "1"}
                environment["DJANGO_SETTINGS_MODULE"] = "rapfang.settings"
                environment.pop("RAPFANG_TASKS", None)
                if database == "postgres":
                    name = f"rapfang_bench_messages_{os.getpid()}_{size}"
                    if (url := postgres_database(name)) is None:
                        print("postgres: not reachable, skipped")
                        break
                    environment["DATABASE_URL"] = url
                try:
                    report(database, size, run(size, environment))
                finally:
                    if database == "postgres":
                        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", name], check=False)


if __name__ == "__main__":
    main()
