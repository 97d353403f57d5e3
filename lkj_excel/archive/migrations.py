"""Forward migrations. `MIGRATIONS[i]` turns a schema of version i into version i + 1
(`PRAGMA user_version`); version 1 is the first schema. A step only adds: tables, columns,
indexes, filled-in values. Steps run inside the caller's transaction, so a migration
interrupted at any moment leaves the archive at its old version."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .schema import V1


def _v1(conn: sqlite3.Connection) -> None:
    for statement in V1:
        conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1]


def current_version() -> int:
    """The schema version this tool writes."""
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, version: int) -> int:
    """Run every step after `version` (in an open transaction); returns the new version."""
    for step in range(version, current_version()):
        MIGRATIONS[step](conn)
        conn.execute(f"PRAGMA user_version = {step + 1:d}")
    return current_version()
