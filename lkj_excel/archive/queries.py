"""Reading the archive: the reports a report is compared with, its versions, the listing
and the summary (docs/arsip.md). Plain dataclasses; numbers exactly as stored (Decimal, int
sen). Withdrawn versions are skipped everywhere unless asked for by number."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codec import decode_value, text_dec, text_time
from .identity import OfficeKey, alias_map, normalise, office_key, tw_name, tw_number
from .records import BudgetRecord, FindingRecord, PKRecord
from .schema import BUDGET_COLUMNS, FINDING_COLUMNS, PK_COLUMNS


@dataclass(frozen=True)
class Office:
    id: int
    key: OfficeKey
    pemda: str | None  # as typed in its latest submission
    perangkat_daerah: str

    def to_json(self) -> dict[str, Any]:
        return {"pemerintah_daerah": self.pemda, "perangkat_daerah": self.perangkat_daerah}


@dataclass(frozen=True)
class Version:
    """One archived version of an office's report for one period (its rows not loaded)."""

    id: int
    office: Office
    tahun: int
    triwulan: int  # 1..4
    versi: int
    pemda: str | None  # as typed in this submission
    perangkat_daerah: str
    file_name: str
    sha256: str
    size: int
    sender: str | None
    sent_at: dt.datetime | None
    processed_at: dt.datetime
    rechecked_at: dt.datetime | None
    tool_version: str
    errors: int
    warnings: int
    withdrawn_at: dt.datetime | None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def triwulan_name(self) -> str:
        return tw_name(self.triwulan)

    @property
    def period(self) -> str:
        """`2023 TW I`."""
        return f"{self.tahun} TW {self.triwulan_name}"

    def describe(self) -> str:
        """How findings and columns name this report: `tw1.xlsx versi 2 (2023 TW I,
        diproses 12-04-2024 10:05)`."""
        return (f"{Path(self.file_name.replace(chr(92), '/')).name} versi {self.versi} "
                f"({self.period}, diproses {self.processed_at:%d-%m-%Y %H:%M})")

    def to_json(self) -> dict[str, Any]:
        def iso(t):
            return None if t is None else t.isoformat()

        return {
            **self.office.to_json(), "tahun": self.tahun, "triwulan": self.triwulan_name,
            "versi": self.versi, "berkas": self.file_name, "sha256": self.sha256,
            "ukuran": self.size, "pengirim": self.sender, "tanggal_kirim": iso(self.sent_at),
            "diproses": iso(self.processed_at), "diperiksa_ulang": iso(self.rechecked_at),
            "versi_alat": self.tool_version, "kesalahan": self.errors,
            "peringatan": self.warnings, "ditarik": iso(self.withdrawn_at),
        }


@dataclass
class ArchivedReport:
    """A version with its PK rows, budget rows and findings, as archived."""

    version: Version
    pk: list[PKRecord] = field(default_factory=list)
    budget: list[BudgetRecord] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)

    @property
    def tahun(self) -> int:
        return self.version.tahun

    @property
    def triwulan(self) -> int:
        return self.version.triwulan

    @property
    def versi(self) -> int:
        return self.version.versi


@dataclass(frozen=True)
class PeriodRow:
    """One line of `lkj-excel archive list`: an office and period, its latest version."""

    office: Office
    tahun: int
    triwulan: int
    versions: int  # versions not withdrawn
    latest: Version

    def to_json(self) -> dict[str, Any]:
        v = self.latest
        return {**self.office.to_json(), "tahun": self.tahun, "triwulan": tw_name(self.triwulan),
                "versi": self.versions, "versi_terakhir": v.versi, "kesalahan": v.errors,
                "peringatan": v.warnings, "diproses": v.processed_at.isoformat(),
                "berkas": v.file_name}


@dataclass(frozen=True)
class Summary:
    """`lkj-excel archive`: where the archive is and what it holds (withdrawn not counted)."""

    path: Path
    schema_version: int
    offices: int
    submissions: int
    withdrawn: int
    periods: tuple[tuple[int, int], ...]  # (tahun, triwulan), ascending

    def to_json(self) -> dict[str, Any]:
        return {"arsip": str(self.path), "versi_skema": self.schema_version,
                "kantor": self.offices, "kiriman": self.submissions, "ditarik": self.withdrawn,
                "periode": [f"{t} TW {tw_name(n)}" for t, n in self.periods]}


VERSION_SELECT = """SELECT s.id, o.id, o.pemda_key, o.pd_key, o.pemda, o.perangkat_daerah,
    s.tahun, s.triwulan, s.versi, s.pemda, s.perangkat_daerah, s.file_name, s.sha256,
    s.byte_count, s.sender, s.sent_at, s.processed_at, s.rechecked_at, s.tool_version,
    s.errors, s.warnings, s.withdrawn_at
    FROM submission s JOIN office o ON o.id = s.office_id"""
LIVE = "s.withdrawn_at IS NULL"
# the latest version of the row's office and period
IS_LATEST = f"""{LIVE} AND s.versi = (SELECT MAX(m.versi) FROM submission m
    WHERE m.office_id = s.office_id AND m.tahun = s.tahun AND m.triwulan = s.triwulan
    AND m.withdrawn_at IS NULL)"""


def _version(r: tuple) -> Version:
    office = Office(r[1], OfficeKey(r[2], r[3]), r[4], r[5])
    return Version(r[0], office, r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
                   text_time(r[15]), text_time(r[16]), text_time(r[17]), r[18], r[19], r[20],
                   text_time(r[21]))


def _key(office: OfficeKey | Office) -> OfficeKey:
    return office.key if isinstance(office, Office) else office


def versions(conn: sqlite3.Connection, office: OfficeKey | Office, tahun: int, triwulan: Any,
             include_withdrawn: bool = False) -> list[Version]:
    """The versions of an office and period, in version order."""
    k = _key(office)
    live = "" if include_withdrawn else f" AND {LIVE}"
    rows = conn.execute(
        f"{VERSION_SELECT} WHERE o.pemda_key = ? AND o.pd_key = ? AND s.tahun = ?"
        f" AND s.triwulan = ?{live} ORDER BY s.versi",
        (k.pemda, k.perangkat_daerah, int(tahun), tw_number(triwulan))).fetchall()
    return [_version(r) for r in rows]


def latest_version(conn: sqlite3.Connection, office: OfficeKey | Office, tahun: int,
                   triwulan: Any) -> Version | None:
    found = versions(conn, office, tahun, triwulan)
    return found[-1] if found else None


def _pk(r: tuple) -> PKRecord:
    d = dict(zip(PK_COLUMNS, r, strict=True))
    texts = ("tingkat", "penanggung_jawab", "sasaran", "indikator", "satuan", "arah", "kode",
             "realisasi_source")
    return PKRecord(
        pos=d["pos"], row=d["sheet_row"], is_percent=bool(d["is_percent"]),
        **{k: d[k] for k in texts},
        **{k: text_dec(d[k]) for k in PK_COLUMNS if k not in texts
           and k not in ("pos", "sheet_row", "is_percent")})


def _budget(r: tuple) -> BudgetRecord:
    d = dict(zip(BUDGET_COLUMNS, r, strict=True))
    return BudgetRecord(d["pos"], d["sheet_row"], d["kode"], d["uraian"], d["tree_level"],
                        bool(d["is_total"]), d["pagu"], d["realisasi"], d["pagu_typed"],
                        bool(d["pagu_typed_unknown"]), d["realisasi_typed"],
                        bool(d["realisasi_typed_unknown"]), d["kode_saran"])


def _finding(r: tuple) -> FindingRecord:
    d = dict(zip(FINDING_COLUMNS, r, strict=True))
    return FindingRecord(d["pos"], d["check_id"], d["severity"], d["sheet"], d["cell"],
                         d["kode"], decode_value(d["found_type"], d["found"]),
                         decode_value(d["expected_type"], d["expected"]), d["message"])


def load(conn: sqlite3.Connection, version: Version) -> ArchivedReport:
    """A version with its rows."""
    def rows(table: str, columns: tuple[str, ...]) -> list[tuple]:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE submission_id = ?"
                            " ORDER BY pos", (version.id,)).fetchall()

    return ArchivedReport(version, [_pk(r) for r in rows("pk_row", PK_COLUMNS)],
                          [_budget(r) for r in rows("budget_row", BUDGET_COLUMNS)],
                          [_finding(r) for r in rows("finding", FINDING_COLUMNS)])


def content(conn: sqlite3.Connection, version: Version) -> bytes:
    row = conn.execute("SELECT bytes FROM content WHERE submission_id = ?",
                       (version.id,)).fetchone()
    return bytes(row[0])


def offices(conn: sqlite3.Connection, perangkat_daerah: str | None = None,
            pemda: str | None = None, aliases: Mapping[str, str] | None = None) -> list[Office]:
    """The offices named so (normalised, with `[arsip.alias]`), or every office."""
    where, params = [], []
    k = office_key(pemda, perangkat_daerah, alias_map(aliases))
    if perangkat_daerah is not None:
        where.append("pd_key = ?")
        params.append(k.perangkat_daerah)
    if pemda is not None:
        where.append("pemda_key = ?")
        params.append(k.pemda)
    sql = "SELECT id, pemda_key, pd_key, pemda, perangkat_daerah FROM office"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = conn.execute(sql + " ORDER BY pemda_key, pd_key", params).fetchall()
    return [Office(r[0], OfficeKey(r[1], r[2]), r[3], r[4]) for r in rows]


def offices_reporting(conn: sqlite3.Connection, tahun: int, triwulan: Any,
                      pemda: str | None = None) -> list[Office]:
    """The offices with a version (not withdrawn) for this period, of one Pemerintah Daerah
    (a name, normalised) when given."""
    sql = f"""SELECT DISTINCT o.id, o.pemda_key, o.pd_key, o.pemda, o.perangkat_daerah
        FROM submission s JOIN office o ON o.id = s.office_id
        WHERE s.tahun = ? AND s.triwulan = ? AND {LIVE}"""
    params: list[Any] = [int(tahun), tw_number(triwulan)]
    if pemda is not None:
        sql += " AND o.pemda_key = ?"
        params.append(normalise(pemda))
    rows = conn.execute(sql + " ORDER BY o.pemda_key, o.pd_key", params).fetchall()
    return [Office(r[0], OfficeKey(r[1], r[2]), r[3], r[4]) for r in rows]


def listing(conn: sqlite3.Connection, tahun: int | None = None,
            triwulan: Any = None) -> list[PeriodRow]:
    """One row per office and period: its latest version and how many versions."""
    sql = f"""{VERSION_SELECT} WHERE {IS_LATEST}"""
    params: list[Any] = []
    if tahun is not None:
        sql += " AND s.tahun = ?"
        params.append(int(tahun))
    if triwulan is not None:
        sql += " AND s.triwulan = ?"
        params.append(tw_number(triwulan))
    latest = [_version(r) for r in conn.execute(
        sql + " ORDER BY o.pemda_key, o.pd_key, s.tahun, s.triwulan", params)]
    counts = {(r[0], r[1], r[2]): r[3] for r in conn.execute(
        f"SELECT s.office_id, s.tahun, s.triwulan, COUNT(*) FROM submission s WHERE {LIVE}"
        " GROUP BY s.office_id, s.tahun, s.triwulan")}
    return [PeriodRow(v.office, v.tahun, v.triwulan, counts[(v.office.id, v.tahun, v.triwulan)], v)
            for v in latest]


def summary(conn: sqlite3.Connection, path: Path, schema_version: int) -> Summary:
    live = conn.execute(f"SELECT COUNT(*), COUNT(DISTINCT s.office_id) FROM submission s"
                        f" WHERE {LIVE}").fetchone()
    withdrawn = conn.execute("SELECT COUNT(*) FROM submission WHERE withdrawn_at IS NOT NULL"
                             ).fetchone()[0]
    periods = conn.execute(f"SELECT DISTINCT s.tahun, s.triwulan FROM submission s WHERE {LIVE}"
                           " ORDER BY s.tahun, s.triwulan").fetchall()
    return Summary(Path(path), schema_version, live[1], live[0], withdrawn,
                   tuple((t, n) for t, n in periods))
