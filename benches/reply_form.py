"""The event's reply form as a PDF: what a download costs when the PDF is drawn, and when it is served from the
copy kept for the event's current version.

    .venv/bin/python benches/reply_form.py            # 10 downloads of each kind
    .venv/bin/python benches/reply_form.py --downloads 30

A fresh SQLite database with the demo hearing in a temporary data folder. Prints, for the main hearing's reply
form in Thai and in English: the first download (drawn by WeasyPrint and kept), the next downloads (the kept copy),
and a download right after the event changed (drawn again), in milliseconds through Django's test client.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("RAPFANG_LOG_LEVEL", "WARNING")


def setup_django() -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["RAPFANG_DATA_DIR"] = tempfile.mkdtemp(prefix="rapfang-reply-form-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "rapfang.settings"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(client: object, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)  # type: ignore[attr-defined]
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200 and response.content.startswith(b"%PDF-"), response.status_code
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--downloads", type=int, default=10)
    args = parser.parse_args()
    setup_django()
    from django.test import Client

    from rapfang.demo.loader import demo_load
    from rapfang.hearings.models import Event

    consultation = demo_load().consultation
    event = Event.objects.get(consultation=consultation, is_main=True)
    client = Client()
    print(f"reply form of event {event.pk}, {args.downloads} downloads each (ms)")
    for language, prefix in (("th", ""), ("en", "/en")):
        path = f"{prefix}/events/{event.pk}/reply-form.pdf"
        first = timed(client, path)
        again = [timed(client, path) for _ in range(args.downloads)]
        event.venue_th, event.venue_en = event.venue_th + " ๑", event.venue_en + " 1"  # a new version of the form
        event.save(update_fields=["venue_th", "venue_en", "updated_at"])
        changed = timed(client, path)
        print(
            f"  {language}: first {first:8.1f}   next median {statistics.median(again):8.1f} "
            f"max {max(again):8.1f}   after a change {changed:8.1f}"
        )


if __name__ == "__main__":
    main()
