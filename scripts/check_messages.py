"""Fail when a Thai message lacks a translation or the compiled catalogue is older than its source."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "rapfang" / "locale"


def problems() -> list[str]:
    found = []
    po_path = LOCALE / "th" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    for entry in catalogue:
        if entry.obsolete:
            continue
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if not translated or "fuzzy" in entry.flags:
            found.append(f"untranslated: {entry.msgid!r}")
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.mofile(str(po_path.with_suffix(".mo")))}
    for entry in catalogue.translated_entries():
        if not entry.msgid_plural and compiled.get((entry.msgctxt, entry.msgid)) != entry.msgstr:
            found.append(f"not compiled (run `make po`): {entry.msgid!r}")
    return found


if __name__ == "__main__":
    messages = problems()
    for message in messages:
        print(message, file=sys.stderr)
    sys.exit(1 if messages else 0)
