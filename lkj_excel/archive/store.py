"""Opening the archive and writing it (docs/arsip.md#versi,
docs/arsip.md#arsip-rusak-asing-atau-lebih-baru).

Two ways in: `Store.open_write` (the `process` side: creates, migrates, adds, withdraws) and
`Store.open_read` (the `check` side: `mode=ro`; a missing archive is None, nothing is ever
created, migrated or changed). Before anything opens a file for writing, it is validated
read-only from its header: a file that is not an archive, is damaged (truncated) or comes
from a newer tool raises ArchiveError and stays byte for byte as it was.

Each submission is one `BEGIN IMMEDIATE` transaction (the same-bytes test and the version
number inside it), so a run killed at any moment leaves the archive as it was before that
file, and two runs at once wait for each other (busy timeout)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import queries as Q
from .codec import dec_text, encode_value, time_text
from .errors import ArchiveError, ArchiveNeedsRecovery, ArchiveOutdated, NotInArchive
from .files import connect, create, inspect, journal
from .identity import OfficeKey, tw_name, tw_number
from .migrations import current_version, migrate
from .records import Submission
from .schema import BUDGET_COLUMNS, FINDING_COLUMNS, PK_COLUMNS, TABLES

BUSY_TIMEOUT = 60.0  # seconds another run may hold the archive before we give up

ADDED, SAME, RECHECKED = "added", "same", "rechecked"


@dataclass(frozen=True)
class AddResult:
    """What `Store.add` did: `added` a new version, found the `same` bytes already archived
    (nothing changed), or `rechecked` that version with a newer tool (data and findings
    refreshed). `previous` is the version before it (not withdrawn), for the Rekap."""

    status: str
    version: Q.Version
    previous: Q.Version | None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", version))


def newer(a: str, b: str) -> bool:
    """Tool version `a` is newer than `b` (`0.10.0` > `0.9.1`)."""
    return _version_key(a) > _version_key(b)


def _guarded(fn):
    """sqlite3 errors -> ArchiveError naming the path (ArchiveOutdated for an older schema
    read as far as it goes)."""
    @functools.wraps(fn)
    def call(self: Store, *args, **kwargs):
        try:
            return fn(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ArchiveError(f"arsip {self.path} sedang dipakai proses lain terlalu lama "
                                   f"({exc}); coba lagi") from None
            if not self.writable and self.outdated:
                raise ArchiveOutdated(
                    f"arsip {self.path} memakai skema lama (versi {self.schema_version}); "
                    "pemeriksaan riwayat dilewati. Jalankan lkj-excel process untuk "
                    "memperbaruinya.") from None
            raise ArchiveError(f"arsip {self.path} tidak dapat dibaca: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"arsip {self.path} rusak: {exc}") from None
    return call


class Store:
    """An open archive. Use `Store.open_write(path)` or `Store.open_read(path)`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, writable: bool,
                 schema_version: int) -> None:
        self.conn = conn
        self.path = path
        self.writable = writable
        self.schema_version = schema_version

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open_write(cls, path: str | os.PathLike, timeout: float = BUSY_TIMEOUT) -> Store:
        """The `process` side: validate (read-only), create when missing, migrate."""
        path = Path(path)
        if path.exists():
            inspect(path)
        else:
            create(path)
            inspect(path)
        store = cls(connect(path, "rw", timeout), path, True, 0)
        try:
            store._check_tables()  # also rolls back a transaction a killed run left
            if store.schema_version < current_version():
                store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_read(cls, path: str | os.PathLike, timeout: float = BUSY_TIMEOUT) -> Store | None:
        """The `check` side: None when there is no archive; never writes."""
        path = Path(path)
        if not path.exists():
            return None
        inspect(path)
        store = cls(connect(path, "ro", timeout), path, False, 0)
        try:
            store._check_tables()
            store.conn.execute("PRAGMA query_only = 1")
        except BaseException:
            store.close()
            raise
        return store

    def _check_tables(self) -> None:
        try:
            self.schema_version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            names = {r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK" or (
                    "readonly" in str(exc) and journal(self.path).exists()):
                raise ArchiveNeedsRecovery(
                    f"arsip {self.path} masih memuat penulisan yang terhenti (berkas "
                    f"{journal(self.path).name}); jalankan lkj-excel process atau "
                    "lkj-excel archive add sekali untuk memulihkannya") from None
            raise ArchiveError(f"arsip {self.path} tidak dapat dibaca: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"arsip {self.path} rusak: {exc}") from None
        if self.schema_version > current_version():
            raise ArchiveError(f"arsip {self.path} dibuat oleh lkj-excel yang lebih baru "
                               f"(skema versi {self.schema_version}): perbarui lkj-excel")
        if not set(TABLES) <= names:
            raise ArchiveError(f"arsip {self.path} rusak: tabel "
                               f"{', '.join(sorted(set(TABLES) - names))} tidak ada")

    def _migrate(self) -> None:
        try:
            with self._transaction():
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                self.schema_version = migrate(self.conn, version)
        except sqlite3.Error as exc:
            raise ArchiveError(f"arsip {self.path} tidak dapat diperbarui ke skema versi "
                               f"{current_version()} (tetap versi {self.schema_version}): "
                               f"{exc}") from None

    @property
    def outdated(self) -> bool:
        """The archive's schema is older than this tool's (read-only side only)."""
        return self.schema_version < current_version()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if not self.writable:
            raise ArchiveError(f"arsip {self.path} dibuka hanya-baca")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- writing ------------------------------------------------------------------------

    @_guarded
    def add(self, sub: Submission) -> AddResult:
        """Archive one submission (one transaction). Bytes equal to an earlier version of
        that office and period add nothing; with a newer tool version they refresh that
        version's data and findings (recorded as re-checked)."""
        c = self.conn
        with self._transaction():
            office_id = self._office(sub)
            period = (office_id, sub.tahun, sub.triwulan)
            same = None
            for sid, tool in c.execute(
                    "SELECT s.id, s.tool_version FROM submission s WHERE s.office_id = ?"
                    " AND s.tahun = ? AND s.triwulan = ? AND s.sha256 = ? ORDER BY s.versi",
                    (*period, sub.sha256)).fetchall():
                stored = c.execute("SELECT bytes FROM content WHERE submission_id = ?",
                                   (sid,)).fetchone()
                if stored is not None and bytes(stored[0]) == sub.content:
                    same = (sid, tool)
                    break
            if same is None:
                status, sid = ADDED, self._insert(office_id, sub)
                # the office is shown by the names typed in its latest version
                c.execute("UPDATE office SET pemda = ?, perangkat_daerah = ? WHERE id = ?",
                          (sub.pemda, sub.perangkat_daerah, office_id))
            elif newer(sub.tool_version, same[1]):
                status, sid = RECHECKED, same[0]
                self._refresh(sid, sub)
            else:
                status, sid = SAME, same[0]
            version = self._version_by_id(sid)
            previous = c.execute(
                f"{Q.VERSION_SELECT} WHERE s.office_id = ? AND s.tahun = ? AND s.triwulan = ?"
                f" AND s.versi < ? AND {Q.LIVE} ORDER BY s.versi DESC",
                (*period, version.versi)).fetchone()
        return AddResult(status, version, None if previous is None else Q._version(previous))

    def _office(self, sub: Submission) -> int:
        c = self.conn
        k = sub.office
        row = c.execute("SELECT id FROM office WHERE pemda_key = ? AND pd_key = ?",
                        (k.pemda, k.perangkat_daerah)).fetchone()
        if row is not None:
            return row[0]
        oid = c.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM office").fetchone()[0]
        c.execute("INSERT INTO office (id, pemda_key, pd_key, pemda, perangkat_daerah)"
                  " VALUES (?, ?, ?, ?, ?)",
                  (oid, k.pemda, k.perangkat_daerah, sub.pemda, sub.perangkat_daerah))
        return oid

    def _insert(self, office_id: int, sub: Submission) -> int:
        c = self.conn
        sid = c.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM submission").fetchone()[0]
        versi = c.execute("SELECT COALESCE(MAX(versi), 0) + 1 FROM submission WHERE office_id"
                          " = ? AND tahun = ? AND triwulan = ?",
                          (office_id, sub.tahun, sub.triwulan)).fetchone()[0]
        c.execute(
            "INSERT INTO submission (id, office_id, tahun, triwulan, versi, pemda,"
            " perangkat_daerah, file_name, sha256, byte_count, sender, sent_at, processed_at,"
            " rechecked_at, tool_version, errors, warnings, withdrawn_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL)",
            (sid, office_id, sub.tahun, sub.triwulan, versi, sub.pemda, sub.perangkat_daerah,
             sub.file_name, sub.sha256, len(sub.content), sub.sender, time_text(sub.sent_at),
             time_text(sub.processed_at), sub.tool_version, sub.errors, sub.warnings))
        c.execute("INSERT INTO content (submission_id, bytes) VALUES (?, ?)",
                  (sid, sqlite3.Binary(sub.content)))
        self._insert_rows(sid, sub)
        return sid

    def _insert_rows(self, sid: int, sub: Submission) -> None:
        c = self.conn

        def insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
            marks = ", ".join("?" * (len(columns) + 1))
            c.executemany(f"INSERT INTO {table} (submission_id, {', '.join(columns)})"
                          f" VALUES ({marks})", [(sid, *r) for r in rows])

        insert("pk_row", PK_COLUMNS, [(
            r.pos, r.row, r.tingkat, r.penanggung_jawab, r.sasaran, r.indikator, r.satuan,
            int(r.is_percent), r.arah, r.kode,
            *(dec_text(getattr(r, name)) for name in PK_COLUMNS[10:19]),
            r.realisasi_source, dec_text(r.realisasi_typed), dec_text(r.capaian_tahunan),
            dec_text(r.capaian_triwulan)) for r in sub.pk])
        insert("budget_row", BUDGET_COLUMNS, [(
            b.pos, b.row, b.kode, b.uraian, b.level, int(b.is_total), b.pagu, b.realisasi,
            b.pagu_typed, int(b.pagu_typed_unknown), b.realisasi_typed,
            int(b.realisasi_typed_unknown), b.kode_saran) for b in sub.budget])
        insert("finding", FINDING_COLUMNS, [(
            f.pos, f.check, f.severity, f.sheet, f.cell, f.kode, *encode_value(f.found),
            *encode_value(f.expected), f.message) for f in sub.findings])

    def _refresh(self, sid: int, sub: Submission) -> None:
        c = self.conn
        for table in ("pk_row", "budget_row", "finding"):
            c.execute(f"DELETE FROM {table} WHERE submission_id = ?", (sid,))
        self._insert_rows(sid, sub)
        c.execute("UPDATE submission SET tool_version = ?, errors = ?, warnings = ?,"
                  " rechecked_at = ? WHERE id = ?",
                  (sub.tool_version, sub.errors, sub.warnings, time_text(sub.processed_at), sid))

    def _version_by_id(self, sid: int) -> Q.Version:
        return Q._version(self.conn.execute(f"{Q.VERSION_SELECT} WHERE s.id = ?",
                                            (sid,)).fetchone())

    def _find(self, office: OfficeKey | Q.Office, tahun: int, triwulan: Any,
              versi: int | None) -> Q.Version:
        found = Q.versions(self.conn, office, tahun, triwulan, include_withdrawn=versi is not None)
        if versi is not None:
            found = [v for v in found if v.versi == versi]
        if not found:
            which = f"versi {versi}" if versi is not None else "kiriman"
            raise NotInArchive(f"arsip {self.path} tidak memuat {which} {office.perangkat_daerah} "
                               f"tahun {tahun} triwulan {tw_name(tw_number(triwulan))}")
        return found[-1]

    @_guarded
    def withdraw(self, office: OfficeKey | Q.Office, tahun: int, triwulan: Any,
                 versi: int, when: dt.datetime | None = None) -> Q.Version:
        """Mark a version withdrawn: kept, and skipped by every query."""
        with self._transaction():
            v = self._find(office, tahun, triwulan, versi)
            if not v.withdrawn:
                when = when or dt.datetime.now().astimezone().replace(microsecond=0)
                self.conn.execute("UPDATE submission SET withdrawn_at = ? WHERE id = ?",
                                  (time_text(when), v.id))
            return self._version_by_id(v.id)

    # --- reading ------------------------------------------------------------------------

    @_guarded
    def content(self, office: OfficeKey | Q.Office, tahun: int, triwulan: Any,
                versi: int | None = None) -> bytes:
        """The submitted workbook, byte for byte: version `versi` (even withdrawn), else the
        latest. ArchiveError when there is none."""
        return Q.content(self.conn, self._find(office, tahun, triwulan, versi))

    @_guarded
    def latest(self, office: OfficeKey | Q.Office, tahun: int,
               triwulan: Any) -> Q.ArchivedReport | None:
        """The latest version (not withdrawn) of an office's (tahun, triwulan), with rows."""
        v = Q.latest_version(self.conn, office, tahun, triwulan)
        return None if v is None else Q.load(self.conn, v)

    def last_year(self, office: OfficeKey | Q.Office, tahun: int) -> Q.ArchivedReport | None:
        """"Last year's report": the latest version of (tahun - 1, IV)."""
        return self.latest(office, tahun - 1, 4)

    @_guarded
    def year(self, office: OfficeKey | Q.Office, tahun: int,
             before: Any = None) -> list[Q.ArchivedReport]:
        """The latest version of each triwulan of `tahun` the archive holds (before
        triwulan `before` when given), in triwulan order (for Perbandingan)."""
        end = tw_number(before) if before is not None else 5
        out = []
        for n in range(1, end):
            v = Q.latest_version(self.conn, office, tahun, n)
            if v is not None:
                out.append(Q.load(self.conn, v))
        return out

    @_guarded
    def versions(self, office: OfficeKey | Q.Office, tahun: int, triwulan: Any,
                 include_withdrawn: bool = False) -> list[Q.Version]:
        """Every version of an office and period, in version order (rows not loaded)."""
        return Q.versions(self.conn, office, tahun, triwulan, include_withdrawn)

    @_guarded
    def load(self, version: Q.Version) -> Q.ArchivedReport:
        return Q.load(self.conn, version)

    @_guarded
    def listing(self, tahun: int | None = None, triwulan: Any = None) -> list[Q.PeriodRow]:
        """`lkj-excel archive list`: per office and period, the latest version."""
        return Q.listing(self.conn, tahun, triwulan)

    @_guarded
    def summary(self) -> Q.Summary:
        return Q.summary(self.conn, self.path, self.schema_version)

    @_guarded
    def offices(self, perangkat_daerah: str | None = None, pemda: str | None = None,
                aliases: Mapping[str, str] | None = None) -> list[Q.Office]:
        """Offices by name as typed (normalised, `[arsip.alias]`), or every office."""
        return Q.offices(self.conn, perangkat_daerah, pemda, aliases)

    @_guarded
    def offices_reporting(self, tahun: int, triwulan: Any,
                          pemda: str | None = None) -> list[Q.Office]:
        return Q.offices_reporting(self.conn, tahun, triwulan, pemda)
