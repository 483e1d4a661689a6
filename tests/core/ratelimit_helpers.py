"""Helpers for tests that start processes of their own against the test database."""

from __future__ import annotations

from typing import Any

from django.db import connection


def database_url(settings: Any) -> str:
    """The test database as a DATABASE_URL, for a child process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
