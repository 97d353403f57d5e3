"""The archive file itself: recognising it without writing (`inspect`), creating it whole,
connecting to it read-only or read-write."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from .errors import ArchiveError
from .migrations import current_version, migrate
from .schema import APPLICATION_ID

MAGIC = b"SQLite format 3\x00"


def journal(path: Path) -> Path:
    return Path(f"{path}-journal")


def inspect(path: str | os.PathLike) -> int:
    """Validate an existing archive without opening it for writing; its schema version.
    Raises ArchiveError: not an archive, damaged, or from a newer tool."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except IsADirectoryError:
        raise ArchiveError(f"arsip {path} adalah folder, bukan berkas arsip") from None
    except OSError as exc:
        raise ArchiveError(f"arsip {path} tidak dapat dibaca: {exc.strerror or exc}") from None
    if not head:
        raise ArchiveError(f"{path} bukan arsip lkj-excel: berkasnya kosong")
    if len(head) < 100 or not head.startswith(MAGIC):
        raise ArchiveError(f"{path} bukan arsip lkj-excel (bukan berkas basis data SQLite)")
    if int.from_bytes(head[68:72], "big") != APPLICATION_ID:
        raise ArchiveError(f"{path} adalah basis data SQLite lain, bukan arsip lkj-excel")
    version = int.from_bytes(head[60:64], "big")
    if version > current_version():
        raise ArchiveError(
            f"arsip {path} dibuat oleh lkj-excel yang lebih baru (skema versi {version}; "
            f"versi ini mengenal sampai skema {current_version()}): perbarui lkj-excel")
    if version < 1:
        raise ArchiveError(f"arsip {path} rusak: versi skemanya tidak ada")
    # the size is taken after the header: a run committing meanwhile only makes the file
    # longer; while a journal is beside it (a commit under way, or a killed run's) the file
    # may be mid-write and SQLite itself decides
    if not journal(path).exists():
        size = path.stat().st_size
        page = int.from_bytes(head[16:18], "big")
        page = 65536 if page == 1 else page
        pages = int.from_bytes(head[28:32], "big")
        counted = head[24:28] == head[92:96]  # the in-header page count is valid
        if page < 512 or size % page or (counted and pages * page > size):
            raise ArchiveError(
                f"arsip {path} rusak (berkas terpotong atau tidak utuh: {size} byte). "
                "Pulihkan dari cadangan, atau pindahkan berkas itu dan mulai arsip baru.")
    return version


def _uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?mode={mode}"


def connect(path: Path, mode: str, timeout: float) -> sqlite3.Connection:
    try:
        return sqlite3.connect(_uri(path, mode), uri=True, timeout=timeout,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise ArchiveError(f"arsip {path} tidak dapat dibuka: {exc}") from None


def create(path: Path) -> None:
    """Create an empty archive at `path`: built beside it under a temporary name and linked
    into place, so no one ever sees half an archive, and a file that appeared meanwhile
    (another run) is kept."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        os.close(fd)  # private (0600): the archive holds personal data
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            migrate(conn, 0)
            conn.execute("COMMIT")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ArchiveError(f"arsip {path} tidak dapat dibuat: {why}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
