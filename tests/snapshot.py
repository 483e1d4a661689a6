"""The demo consultation loaded once per test process and written back into each test that asks for it.

Loading the demo through the services costs about 0.3 s of CPU and some 280 queries, and several hundred tests start
from it. Each test process loads it once, inside a transaction that it then rolls back, and keeps what the load
added to each table (and the files it wrote). A test that asks for the demo gets those rows written back inside its
own transaction, which pytest-django rolls back after the test as it does any other row, and the files copied into
its own media and data folders.

The rows are taken and written back as the database holds them: on PostgreSQL with COPY in text form, on SQLite as
plain tuples. A table the load only added to gets the added rows; a table where the load changed or removed a row
is written back whole. Generated columns are left to the database.

Every name put into the SQL here comes from the database's own catalogue, quoted by the backend.
"""

# ruff: noqa: S608

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.test import override_settings


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    replace: bool  # the load changed or removed rows that were there before it: the table is written back whole
    rows: tuple[Any, ...]  # SQLite: tuples; PostgreSQL: COPY's text lines (bytes)


@dataclass
class Snapshot:
    consultation_pk: int
    media: Path
    data: Path
    tables: list[Table] = field(default_factory=list)
    sequences: list[str] = field(default_factory=list)  # PostgreSQL: each restored table's sequence moved past its rows


def snapshot_take(
    folder: Path, load: Callable[[], Any], test_settings: dict[str, Any], *, on: Snapshot | None = None
) -> Snapshot:
    """Run `load` (which returns the consultation) in a transaction that is rolled back, and keep what it wrote.

    With `on`, that snapshot is written back first, in the same transaction: what is kept is what `load` added to
    it, to be written back after it (a test restores `on`, then this one)."""
    media, data = folder / "media", folder / "data"
    with override_settings(**test_settings, MEDIA_ROOT=media, DATA_DIR=data), transaction.atomic():
        if on is not None:
            snapshot_restore(on, media=media, data=data)
        with connection.cursor() as cursor:
            shapes = _shapes(cursor)
            before = {name: _read(cursor, name, columns) for name, columns in shapes.items()}
            consultation = load()
            after = {name: _read(cursor, name, columns) for name, columns in shapes.items()}
            counters = _sqlite_counters(cursor)
        transaction.set_rollback(True)
    _sqlite_counters_kept(counters)
    snapshot = Snapshot(consultation_pk=consultation.pk, media=media, data=data)
    for name, columns in shapes.items():
        old, new = Counter(before[name]), Counter(after[name])
        if old == new:
            continue
        only_added = not (old - new)
        rows = tuple((new - old).elements()) if only_added else tuple(after[name])
        snapshot.tables.append(Table(name, columns, replace=not only_added, rows=rows))
    if connection.vendor == "postgresql":
        snapshot.sequences = _sequence_moves([table.name for table in snapshot.tables])
    return snapshot


def snapshot_restore(snapshot: Snapshot, *, media: Path, data: Path) -> int:
    """Write the snapshot's rows into the current transaction and its files into `media` and `data`; the
    consultation's primary key."""
    with connection.cursor() as cursor:
        for table in snapshot.tables:
            if table.replace:
                cursor.execute(f"DELETE FROM {_quote(table.name)}")
            _write(cursor, table)
        for statement in snapshot.sequences:
            cursor.execute(statement)
    _link_tree(snapshot.media, Path(media))
    _link_tree(snapshot.data, Path(data))
    return snapshot.consultation_pk


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _shapes(cursor: Any) -> dict[str, tuple[str, ...]]:
    """Every table the test database has, with the columns a row can be written back through."""
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA table_list")
        kinds = {row[1]: row[2] for row in cursor.fetchall() if row[0] == "main" and row[2] in ("table", "virtual")}
        shapes = {}
        for name, kind in kinds.items():
            if name.startswith("sqlite_"):
                continue
            cursor.execute(f"PRAGMA table_xinfo({_quote(name)})")
            columns = tuple(row[1] for row in cursor.fetchall() if row[6] == 0)  # 2 and 3: generated columns
            shapes[name] = ("rowid", *columns) if kind == "virtual" else columns  # full text: rows tied to rowid
        return shapes
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_generated = 'NEVER' "
        "AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = current_schema()) "
        "ORDER BY table_name, ordinal_position"
    )
    shapes_pg: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        shapes_pg.setdefault(table, []).append(column)
    return {name: tuple(columns) for name, columns in shapes_pg.items()}


def _read(cursor: Any, name: str, columns: tuple[str, ...]) -> list[Any]:
    listed = ", ".join(_quote(column) if column != "rowid" else column for column in columns)
    if connection.vendor == "sqlite":
        cursor.execute(f"SELECT {listed} FROM {_quote(name)}")
        return [tuple(row) for row in cursor.fetchall()]
    lines: list[bytes] = []
    with cursor.cursor.copy(f"COPY {_quote(name)} ({listed}) TO STDOUT") as copy:
        for block in copy:
            lines.extend(line for line in bytes(block).split(b"\n") if line)
    return lines


def _write(cursor: Any, table: Table) -> None:
    listed = ", ".join(_quote(column) if column != "rowid" else column for column in table.columns)
    if connection.vendor == "sqlite":
        places = ", ".join("%s" for _column in table.columns)
        cursor.executemany(f"INSERT INTO {_quote(table.name)} ({listed}) VALUES ({places})", table.rows)
        return
    with cursor.cursor.copy(f"COPY {_quote(table.name)} ({listed}) FROM STDIN") as copy:
        copy.write(b"\n".join(table.rows) + b"\n")


def _sequence_moves(tables: list[str]) -> list[str]:
    statements = []
    with connection.cursor() as cursor:
        for table in tables:
            for sequence in connection.introspection.get_sequences(cursor, table):
                column = _quote(sequence["column"])
                statements.append(
                    f"SELECT setval(pg_get_serial_sequence('{_quote(table)}', '{sequence['column']}'), "
                    f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) FROM {_quote(table)}"
                )
    return statements


def _sqlite_counters(cursor: Any) -> dict[str, int]:
    """SQLite: each table's AUTOINCREMENT counter (`sqlite_sequence`) as the load left it; nothing on PostgreSQL."""
    if connection.vendor != "sqlite":
        return {}
    cursor.execute("SELECT name, seq FROM sqlite_sequence")
    return dict(cursor.fetchall())


def _sqlite_counters_kept(counters: dict[str, int]) -> None:
    """SQLite's counters kept past the rollback (committed), as PostgreSQL keeps its sequences: rows a test makes
    before the demo is written back (a fixture listed before the demo's) take ids after the demo's, never the same."""
    with connection.cursor() as cursor:
        for name, seq in counters.items():
            cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [seq, name])
            if cursor.rowcount == 0:
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [name, seq])


def _link_tree(source: Path, target: Path) -> None:
    """The snapshot's files in the test's folder, as hard links: a test that replaces or deletes one leaves the
    snapshot's copy alone (storage never writes into an existing file)."""
    if not source.exists():
        return
    for folder, _subfolders, files in os.walk(source):
        here = target / Path(folder).relative_to(source)
        here.mkdir(parents=True, exist_ok=True)
        for name in files:
            if not (here / name).exists():
                try:
                    os.link(Path(folder) / name, here / name)
                except OSError:
                    shutil.copy2(Path(folder) / name, here / name)
