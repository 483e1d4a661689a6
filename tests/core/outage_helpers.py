"""A database that is away, for tests in this process: the connection is closed and pointed where nothing answers
(a closed port for PostgreSQL, a folder that does not exist for SQLite), then put back."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection

from servers import free_port


@contextlib.contextmanager
def database_away() -> Iterator[None]:
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/rapfang.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
