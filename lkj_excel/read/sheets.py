"""Each contract sheet's rows as model data, read cell by cell by the Reader (reader.py),
which reports what cannot be read; what is read but wrong is for the checks."""

from __future__ import annotations

import re

from .. import catalogue as C
from ..contract import (
    IDENTITY_ITEMS,
    TOTAL_KODE,
    TOTAL_URAIAN,
    Kind,
    is_percent_unit,
    norm_header,
    norm_loose,
)
from ..model import (
    BudgetRow,
    FacItem,
    Identity,
    PKRow,
    Staff,
    Val,
    VillageDoc,
)
from . import values as V
from .reader import Reader
from .tables import Row, Table


def _rows(table: Table) -> list[Row]:
    return table.rows if table.header_row is not None else []


def identity(rd: Reader, table: Table) -> Identity:
    ident = Identity(sheet=table.sheet)
    items = {norm_header(i.isian): i for i in IDENTITY_ITEMS}
    seen: set[str] = set()
    for row in _rows(table):
        label = row.get("Isian")
        if label is None:
            continue
        item = items.get(norm_header(label.raw))
        if item is None or item.isian in seen:
            continue
        seen.add(item.isian)
        if item.kind is Kind.YEAR or item.kind is Kind.TRIWULAN:
            ident.values[item.isian] = _identity_period(rd, table, row, item)
            continue
        ident.values[item.isian] = rd.value(table, row, "Nilai", kind=item.kind,
                                            required=item.required, label=item.isian)
    for item in IDENTITY_ITEMS:
        if item.isian in seen or table.header_row is None:
            continue
        ident.missing.append(item.isian)
        if item.required and item.kind not in (Kind.YEAR, Kind.TRIWULAN):
            # Tahun Anggaran and Triwulan are judged by checks.identity (identity.invalid)
            rd.report(C.CELL_REQUIRED, table.sheet, None,
                      f"Isian '{item.isian}' tidak ada di sheet {table.sheet}.")
    return ident


def _identity_period(rd: Reader, table: Table, row: Row, item) -> Val:
    """Tahun Anggaran / Triwulan as read: the value, or unknown with its cell. A blank or
    unreadable value is judged by checks.identity (`identity.invalid` replaces
    cell.required/cell.invalid); a formula without a cached value is reported here too."""
    cell = row.get("Nilai")
    if cell is None:
        addr, merged = rd.blank_at(table, row, "Nilai")
        return Val(None, None, False, addr, merged)
    if cell.no_value:
        rd.no_value(cell, table.sheet, None)
        return Val(None, cell, True)
    parsed = V.parse_year(cell.raw) if item.kind is Kind.YEAR else V.parse_triwulan(cell.raw)
    if parsed.flag in ("invalid", "blank") or parsed.value is None:
        return Val(None, cell, True)
    return Val(parsed.value, cell)


def pk(rd: Reader, table: Table) -> list[PKRow]:
    out = []
    for row in _rows(table):
        kode = rd.value(table, row, "Kode") if table.has("Kode") else Val()
        k = kode.value
        satuan = _opt(rd, table, row, "Satuan", k)
        pct = is_percent_unit(satuan.value)
        # Target: pk.target_missing replaces cell.required / cell.invalid
        # (docs/pemeriksaan.md#penggantian-satu-sel-satu-temuan-yang-paling-tepat)
        target = _target(rd, table, row, k, pct)
        out.append(PKRow(
            row=row.row,
            tingkat=rd.value(table, row, "Tingkat", required=True, kode=k),
            penanggung_jawab=rd.value(table, row, "Penanggung Jawab", required=True, kode=k),
            sasaran=rd.value(table, row, "Sasaran", required=True, kode=k),
            indikator=rd.value(table, row, "Indikator Kinerja", required=True, kode=k),
            satuan=satuan,
            arah=_opt(rd, table, row, "Arah", k),
            target=target,
            realisasi=_opt(rd, table, row, "Realisasi", k, pct),
            sumber=_opt(rd, table, row, "Sumber Realisasi", k),
            kode=kode,
            anggaran=_opt(rd, table, row, "Anggaran", k),
            target_ll=_opt(rd, table, row, "Target Tahun Lalu", k, pct),
            realisasi_ll=_opt(rd, table, row, "Realisasi Tahun Lalu", k, pct),
            keterangan=_opt(rd, table, row, "Keterangan", k),
            target_tw1=_opt(rd, table, row, "Target TW I", k, pct),
            target_tw2=_opt(rd, table, row, "Target TW II", k, pct),
            target_tw3=_opt(rd, table, row, "Target TW III", k, pct),
            target_renstra=_opt(rd, table, row, "Target Renstra", k, pct),
            standar_nasional=_opt(rd, table, row, "Standar Nasional", k, pct),
            is_percent=pct,
        ))
    return out


def _opt(rd: Reader, table: Table, row: Row, name: str, kode, pct: bool = False) -> Val:
    if not table.has(name):
        return Val()
    return rd.value(table, row, name, kode=kode, percent_ctx=pct)


def _target(rd: Reader, table: Table, row: Row, kode, pct: bool) -> Val:
    """The Target as read. A blank, unreadable or unusable (0 or less) target is judged by
    checks.pk (`pk.target_missing` replaces cell.required/cell.invalid); a formula without
    a cached value is reported here too."""
    if not table.has("Target"):
        return Val()
    cell = row.get("Target")
    if cell is None:
        addr, merged = rd.blank_at(table, row, "Target")
        return Val(None, None, False, addr, merged)
    if cell.no_value:
        rd.no_value(cell, table.sheet, kode)
        return Val(None, cell, True)
    parsed = V.parse_percent(cell.raw, cell.percent) if pct else V.parse_number(cell.raw)
    if parsed.flag in ("invalid", "blank") or not parsed.value or parsed.value <= 0:
        return Val(None, cell, True)
    return rd.flagged(parsed, cell, table.sheet, "Target", kode, Kind.NUMBER, pct)


def budget(rd: Reader, table: Table) -> list[BudgetRow]:
    out = []
    total_seen = False
    for row in _rows(table):
        kode_cell = row.get("Kode")
        uraian_cell = row.get("Uraian")
        kode_raw = kode_cell.raw if kode_cell else None
        is_total = _is_total(kode_raw, uraian_cell.raw if uraian_cell else None)
        if is_total:
            if total_seen:
                addr = uraian_cell.addr if uraian_cell else kode_cell.addr
                rd.report(C.CELL_AMBIGUOUS, table.sheet, addr,
                          f"Baris total kedua di baris {row.row} diabaikan; hanya baris total pertama yang dipakai.")
                continue
            total_seen = True
            kode = Val()
        else:
            kode = rd.value(table, row, "Kode", required=True)
        k = kode.value
        out.append(BudgetRow(
            row=row.row,
            kode=kode,
            uraian=rd.value(table, row, "Uraian", required=not is_total, kode=k),
            pagu=_opt(rd, table, row, "Pagu", k),
            realisasi=_opt(rd, table, row, "Realisasi", k),
            sisa=_opt(rd, table, row, "Sisa", k),
            sumber_dana=_opt(rd, table, row, "Sumber Dana", k),
            is_total=is_total,
        ))
    return out


def _is_total(kode_raw, uraian_raw) -> bool:
    if isinstance(kode_raw, str) and kode_raw[:1].isdigit():
        return False  # a code (the common case), not "Total"/"Jumlah"
    kode_key = norm_header(kode_raw) if kode_raw is not None else ""
    if kode_key and kode_key not in TOTAL_KODE:
        return False
    for text in (uraian_raw, kode_raw):
        if text is not None and norm_header(text) in TOTAL_URAIAN:
            return True
    return False


def facilitation(rd: Reader, table: Table) -> list[FacItem]:
    out = []
    for row in _rows(table):
        ya = _opt(rd, table, row, "Ditindaklanjuti", None)
        if ya.value is not None:
            ya.value = ya.value == "Ya"
        out.append(FacItem(
            row=row.row,
            jenis=rd.value(table, row, "Jenis", required=True),
            uraian=rd.value(table, row, "Uraian", required=True),
            ya=ya,
            tanggal=_opt(rd, table, row, "Tanggal", None),
            keterangan=_opt(rd, table, row, "Keterangan", None),
        ))
    return out


# a leading Desa/Kelurahan (a word of its own: "Desaku" keeps its name) or Ds./Kel.
# (the name may follow the dot directly: "Ds.Tempursari")
_VILLAGE_PREFIX = re.compile(r"^\s*(?:(?:desa|kelurahan)\.?\s+|(?:ds|kel)(?:\.\s*|\s+))", re.I)


def village_key(name: str | None) -> str:
    """Village names compare after lower-casing, removing spaces and punctuation and a
    leading Desa/Ds./Kelurahan/Kel."""
    if not name:
        return ""
    text = _VILLAGE_PREFIX.sub("", str(name).strip())
    return norm_loose(text) or norm_loose(name)


def villages(rd: Reader, table: Table) -> list[VillageDoc]:
    out = []
    for row in _rows(table):
        doc = VillageDoc(
            row=row.row,
            desa=rd.value(table, row, "Desa", required=True),
            dokumen=rd.value(table, row, "Dokumen", required=True),
            batas=rd.value(table, row, "Batas Waktu", required=True),
            tanggal=_opt(rd, table, row, "Tanggal Penetapan", None),
            keterangan=_opt(rd, table, row, "Keterangan", None),
        )
        doc.key = village_key(doc.desa.value)
        out.append(doc)
    return out


def staff(rd: Reader, table: Table) -> list[Staff]:
    out = []
    for row in _rows(table):
        out.append(Staff(
            row=row.row,
            nama=rd.value(table, row, "Nama", required=True),
            nip=_opt(rd, table, row, "NIP", None),
            lp=_opt(rd, table, row, "L/P", None),
            pangkat=_opt(rd, table, row, "Pangkat/Golongan", None),
            jabatan=_opt(rd, table, row, "Jabatan", None),
            pendidikan=_opt(rd, table, row, "Pendidikan", None),
            status=_opt(rd, table, row, "Status", None),
        ))
    return out
