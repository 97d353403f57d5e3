"""`lkj_excel.Archive`: the archive for analysts, as pandas DataFrames
(docs/arsip.md#untuk-analis-pandas). Read-only. pandas is imported here, inside the functions,
and nowhere else: `check` and `process` never load it.

Every frame has one row per archived row of every version that is not withdrawn, with the
office, the period, `versi` and `terbaru` (the latest version of its period). Rupiah are
pandas `Int64` when every amount of the column is whole Rupiah, else `Decimal` objects;
target, realisation and capaian are `Decimal` (percent units on percent rows); never float.
Times are the wall-clock time recorded (its UTC offset dropped)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from .codec import decode_value, text_dec, text_time
from .errors import ArchiveError
from .identity import text_key, tw_name, tw_number
from .location import resolve_path
from .queries import IS_LATEST, LIVE, ArchivedReport, PeriodRow, Summary, Version
from .store import Store

FRAMES = ("submissions", "capaian", "budget", "findings")
LEVEL_NAMES = {1: "program", 2: "kegiatan", 3: "sub kegiatan"}
SEVERITY_NAMES = {"error": "kesalahan", "warning": "peringatan"}

HEAD_SQL = f"""o.pemda, o.perangkat_daerah, s.tahun, s.triwulan, s.versi,
    CASE WHEN {IS_LATEST} THEN 1 ELSE 0 END"""
HEAD = ("pemerintah_daerah", "perangkat_daerah", "tahun", "triwulan", "versi", "terbaru")
FROM = "FROM submission s JOIN office o ON o.id = s.office_id"
ORDER = "ORDER BY o.pemda_key, o.pd_key, s.tahun, s.triwulan, s.versi"

# frame -> (SQL after the head columns, FROM/JOIN, column names, conversions by kind)
_SPECS: dict[str, tuple[str, str, tuple[str, ...], dict[str, str]]] = {
    "submissions": (
        "s.file_name, s.sha256, s.byte_count, s.sender, s.sent_at, s.processed_at, "
        "s.rechecked_at, s.tool_version, s.errors, s.warnings, s.pemda, s.perangkat_daerah",
        FROM,
        ("berkas", "sha256", "ukuran_byte", "pengirim", "tanggal_kirim", "diproses",
         "diperiksa_ulang", "versi_alat", "kesalahan", "peringatan",
         "pemerintah_daerah_diketik", "perangkat_daerah_diketik"),
        {"ukuran_byte": "int", "tanggal_kirim": "time", "diproses": "time",
         "diperiksa_ulang": "time", "kesalahan": "int", "peringatan": "int"},
    ),
    "capaian": (
        "r.pos + 1, r.sheet_row, r.tingkat, r.penanggung_jawab, r.sasaran, r.indikator, "
        "r.satuan, r.is_percent, r.arah, r.kode, r.target, r.target_tw1, r.target_tw2, "
        "r.target_tw3, r.target_renstra, r.standar_nasional, r.target_ll, r.realisasi_ll, "
        "r.realisasi, r.realisasi_source, r.realisasi_typed, r.capaian_tahunan, "
        "r.capaian_triwulan",
        f"{FROM} JOIN pk_row r ON r.submission_id = s.id",
        ("no", "baris", "tingkat", "penanggung_jawab", "sasaran", "indikator", "satuan",
         "persen", "arah", "kode", "target", "target_tw1", "target_tw2", "target_tw3",
         "target_renstra", "standar_nasional", "target_tahun_lalu", "realisasi_tahun_lalu",
         "realisasi", "sumber_realisasi", "realisasi_diketik", "capaian_tahunan",
         "capaian_triwulan"),
        {"no": "int", "baris": "int", "persen": "bool", "sumber_realisasi": "source",
         **{c: "decimal" for c in ("target", "target_tw1", "target_tw2", "target_tw3",
                                   "target_renstra", "standar_nasional", "target_tahun_lalu",
                                   "realisasi_tahun_lalu", "realisasi", "realisasi_diketik",
                                   "capaian_tahunan", "capaian_triwulan")}},
    ),
    "budget": (
        "r.pos + 1, r.sheet_row, r.kode, r.kode_saran, r.uraian, r.tree_level, r.is_total, "
        "r.pagu, r.realisasi, r.pagu_typed, r.pagu_typed_unknown, r.realisasi_typed, "
        "r.realisasi_typed_unknown",
        f"{FROM} JOIN budget_row r ON r.submission_id = s.id",
        ("no", "baris", "kode", "kode_saran", "uraian", "tingkat", "total", "pagu",
         "realisasi", "pagu_diketik", "pagu_diketik_tidak_terbaca", "realisasi_diketik",
         "realisasi_diketik_tidak_terbaca"),
        {"no": "int", "baris": "int", "tingkat": "level", "total": "bool", "pagu": "money",
         "realisasi": "money", "pagu_diketik": "money", "realisasi_diketik": "money",
         "pagu_diketik_tidak_terbaca": "bool", "realisasi_diketik_tidak_terbaca": "bool"},
    ),
    "findings": (
        "r.pos + 1, r.check_id, r.severity, r.sheet, r.cell, r.kode, r.found_type, r.found, "
        "r.expected_type, r.expected, r.message",
        f"{FROM} JOIN finding r ON r.submission_id = s.id",
        ("no", "pemeriksaan", "tingkat", "sheet", "sel", "kode", "_ft", "ditemukan", "_et",
         "seharusnya", "pesan"),
        {"no": "int", "tingkat": "severity"},
    ),
}


def _wall_clock(text: str | None) -> dt.datetime | None:
    t = text_time(text)
    return None if t is None else t.replace(tzinfo=None)


def _exact(value: Any) -> Any:
    """A finding value for analysts: a float (percent units) as the Decimal it shows."""
    return Decimal(repr(value)) if isinstance(value, float) else value


def _money(pd: Any, sen: list[int | None]) -> Any:
    if all(v is None or v % 100 == 0 for v in sen):
        return pd.array([None if v is None else v // 100 for v in sen], dtype="Int64")
    return pd.array([None if v is None else Decimal(v).scaleb(-2) for v in sen], dtype=object)


def _column(pd: Any, kind: str | None, values: list[Any]) -> Any:
    plain: dict[str, Callable[[Any], Any]] = {
        "decimal": text_dec, "level": LEVEL_NAMES.get, "severity": SEVERITY_NAMES.get,
    }
    if kind == "source":  # how the realisation was obtained: typed, or the list it came from
        return pd.array([v or "diketik" for v in values], dtype=object)
    if kind == "money":
        return _money(pd, values)
    if kind == "int":
        return pd.array(values, dtype="Int64")
    if kind == "bool":
        return pd.array([None if v is None else bool(v) for v in values], dtype="boolean")
    if kind == "time":
        return pd.to_datetime(pd.Series([_wall_clock(v) for v in values], dtype=object))
    if kind in plain:
        return pd.array([None if v is None else plain[kind](v) for v in values], dtype=object)
    return pd.array(values, dtype=object)


class Archive:
    """An archive opened read-only for analysis: `Archive(path).frame("capaian")`.

    `path` None: where `lkj-excel` would look (`LKJ_ARSIP`, else the user's data folder)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = resolve_path(path)
        store = Store.open_read(self.path)
        if store is None:
            raise ArchiveError(f"arsip {self.path} tidak ada")
        self.store = store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Archive({str(self.path)!r})"

    # the same data as `lkj-excel archive` and `archive list`
    def summary(self) -> Summary:
        return self.store.summary()

    def listing(self, tahun: int | None = None, triwulan: Any = None) -> list[PeriodRow]:
        return self.store.listing(tahun, triwulan)

    def versions(self, office: Any, tahun: int, triwulan: Any) -> list[Version]:
        return self.store.versions(office, tahun, triwulan)

    def latest(self, office: Any, tahun: int, triwulan: Any) -> ArchivedReport | None:
        return self.store.latest(office, tahun, triwulan)

    def frame(self, name: str) -> Any:
        """A pandas DataFrame: "submissions", "capaian", "budget" or "findings"."""
        if name not in _SPECS:
            raise ValueError(f"frame {name!r} tidak dikenal; pilih salah satu: {', '.join(FRAMES)}")
        import pandas as pd

        select, source, names, kinds = _SPECS[name]
        rows = self.store.conn.execute(
            f"SELECT {HEAD_SQL}, {select} {source} WHERE {LIVE} {ORDER}"
            + (", r.pos" if name != "submissions" else "")).fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [()] * (len(HEAD) + len(names))
        data: dict[str, Any] = {}
        head_kinds = {"tahun": "int", "versi": "int", "terbaru": "bool"}
        for col, values in zip((*HEAD, *names), columns, strict=True):
            values = list(values)
            if col == "triwulan":
                data[col] = pd.array([tw_name(v) for v in values], dtype=object)
            else:
                data[col] = _column(pd, head_kinds.get(col, kinds.get(col)), values)
        if name == "findings":
            for col, kind_col in (("ditemukan", "_ft"), ("seharusnya", "_et")):
                data[col] = pd.array([_exact(decode_value(k, v)) for k, v in
                                      zip(data.pop(kind_col), data[col], strict=True)],
                                     dtype=object)
        return pd.DataFrame(data)

    def cross_table(self) -> Any:
        """Capaian tahunan of the latest version of every period, per office × indicator
        (rows: Pemerintah Daerah, Perangkat Daerah, Tingkat, Indikator; indicators matched
        by Tingkat and Indikator normalised) × quarter (columns `2023 TW I`, ...)."""
        import pandas as pd

        df = self.frame("capaian")
        df = df[df["terbaru"].fillna(False).astype(bool)].copy()
        keys = ["pemerintah_daerah", "perangkat_daerah", "_tingkat", "_indikator"]
        if df.empty:
            return pd.DataFrame(columns=["pemerintah_daerah", "perangkat_daerah", "tingkat",
                                         "indikator"])
        df["_tingkat"] = df["tingkat"].map(text_key)
        df["_indikator"] = df["indikator"].map(text_key)
        df["_periode"] = [(t, tw) for t, tw in zip(df["tahun"], df["triwulan"], strict=True)]
        periods = sorted(set(df["_periode"]), key=lambda p: (p[0], tw_number(p[1])))
        labels = {p: f"{p[0]} TW {p[1]}" for p in periods}
        out = (df.groupby(keys, sort=False)
               .agg(tingkat=("tingkat", "last"), indikator=("indikator", "last")))
        for p in periods:
            part = df[df["_periode"] == p].drop_duplicates(keys).set_index(keys)
            out[labels[p]] = part["capaian_tahunan"].reindex(out.index).astype(object)
        out = out.reset_index().drop(columns=["_tingkat", "_indikator"])
        for label in labels.values():
            out[label] = pd.array([None if pd.isna(v) else v for v in out[label]], dtype=object)
        return out

    def export(self, path: str | os.PathLike) -> Path:
        """The history for analysts in one workbook (written atomically): sheets Kiriman,
        Capaian (long format), Anggaran, Temuan and Capaian per Triwulan (values)."""
        from .export import write_workbook

        return write_workbook(Path(path), {
            "Kiriman": self.frame("submissions"),
            "Capaian": self.frame("capaian"),
            "Anggaran": self.frame("budget"),
            "Temuan": self.frame("findings"),
            "Capaian per Triwulan": self.cross_table(),
        })
