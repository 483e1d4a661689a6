"""A database that is away, for tests in this process: the connection is closed and pointed where nothing answers
(a closed port for PostgreSQL, a folder that does not exist for SQLite), then put back. With PostgreSQL's pool of
connections, the pool is closed too, so that the next one is made for the address in force."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection

from servers import free_port


@contextlib.contextmanager
def database_away() -> Iterator[None]:
    saved = dict(connection.settings_dict)
    _closed()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/rapfang.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        _closed()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def _closed() -> None:
    connection.close()
    if connection.vendor == "postgresql" and connection.settings_dict.get("OPTIONS", {}).get("pool"):
        connection.close_pool()
