"""Turn a workbook file into typed data and the findings met on the way in."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..contract import (
    DERIVED_SHEET,
    FASILITASI,
    IDENTITY_ITEMS,
    LPPDES,
    PERCENT_UNITS,
    PK,
    REALISASI,
    SHEETS,
    TOTAL_KODE,
    TOTAL_URAIAN,
    Kind,
    Sheet,
    norm_header,
    norm_loose,
    norm_sheet,
)
from ..findings import Finding
from ..model import (
    BudgetRow,
    FacItem,
    Identity,
    PKRow,
    Staff,
    Val,
    VillageDoc,
    WorkbookData,
)
from . import values as V
from .tables import Cell, Row, Table, find_sheet, read_table
from .workbook import CellError, RawBook, RawSheet, address

_KIND_LABEL = {
    Kind.AMOUNT: "nominal",
    Kind.NUMBER: "angka",
    Kind.DATE: "tanggal",
    Kind.CODE: "kode",
    Kind.NIP: "NIP",
    Kind.WHOLE: "bilangan bulat",
    Kind.YEAR: "tahun",
    Kind.TRIWULAN: "triwulan",
    Kind.ENUM: "pilihan",
}


_PARSERS = {
    Kind.AMOUNT: V.parse_amount,
    Kind.DATE: V.parse_date,
    Kind.CODE: V.parse_code,
    Kind.NIP: V.parse_nip,
    Kind.WHOLE: V.parse_whole,
    Kind.YEAR: V.parse_year,
    Kind.TRIWULAN: V.parse_triwulan,
}


class Reader:
    """Parses cells into typed values, reporting each problem with the cell it is about.

    A finding about a value copied from a merged range carries `merged=True`; the pipeline
    keeps one of each (findings.once_per_merged_value), at the range's first cell."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        # sheet name -> (row, column) -> the first cell of the merged range a blank cell
        # lies in (non-amount contract columns of the data rows; tables.py reads the rest)
        self.merge_first: dict[str, dict[tuple[int, int], tuple[int, int]]] = {}

    def report(self, check: str, sheet: str | None, cell: str | None, message: str, *,
               merged: bool = False, **kw) -> None:
        self.findings.append(Finding(check, sheet, cell, message, merged=merged, **kw))

    def blank_at(self, table: Table, row: Row, name: str) -> tuple[str | None, bool]:
        """Where a blank cell of column `name` points: its own address, or the first cell of
        the merged range it lies in (then `True`)."""
        if name not in table.columns:
            return None, False
        c = table.columns[name]
        first = self.merge_first.get(table.sheet, {}).get((row.row, c))
        if first is not None:
            return address(*first), True
        return address(row.row, c), False

    def value(self, table: Table, row: Row, name: str, *, kind: Kind | None = None,
              required: bool = False, kode: str | None = None, percent_ctx: bool = False,
              label: str | None = None) -> Val:
        """Parse column `name` of `row`. `required`: a blank cell is `cell.required`."""
        col = table.spec_columns[name]
        kind = kind or col.kind
        label = label or name
        cell = row.cells.get(name)
        sheet = table.sheet
        if cell is None:
            blank_addr, merged = self.blank_at(table, row, name)
            if required and name in table.columns:
                self.report("cell.required", sheet, blank_addr,
                            f"{label} wajib diisi ({sheet}!{blank_addr} kosong).", kode=kode,
                            merged=merged)
            return Val(None, None, False, blank_addr, merged)
        if cell.no_value:
            self.no_value(cell, sheet, kode)
            return Val(None, cell, True)
        if cell.raw.__class__ is CellError:  # in every column read: never blank, never text
            self.report("cell.invalid", sheet, cell.addr,
                        f"{label} di {sheet}!{cell.addr} berisi nilai kesalahan {cell.raw} "
                        f"(hasil rumus yang gagal atau diketik); perbaiki rumusnya atau ketik "
                        f"nilainya.", kode=kode, found=str(cell.raw), merged=cell.merged)
            return Val(None, cell, True)
        if kind is Kind.TEXT or kind is Kind.ANY:  # text as it is (numbers become their text)
            return Val(_as_text(cell.raw), cell)
        parsed = self._parse(cell, kind, col, percent_ctx)
        return self._flagged(parsed, cell, sheet, label, kode, kind, percent_ctx)

    def no_value(self, cell: Cell, sheet: str, kode: str | None) -> None:
        self.report("cell.formula_without_value", sheet, cell.addr,
                    f"{sheet}!{cell.addr} berisi rumus tanpa nilai tersimpan; buka berkas di "
                    f"Excel/LibreOffice, hitung ulang dan simpan.", kode=kode, merged=cell.merged)

    def _parse(self, cell: Cell, kind: Kind, col, percent_ctx: bool) -> V.Parsed:
        raw = cell.raw
        if kind is Kind.NUMBER:
            return V.parse_percent(raw, cell.percent) if percent_ctx else V.parse_number(raw)
        parser = _PARSERS.get(kind)
        if parser is not None:
            return parser(raw)
        if kind is Kind.ENUM:
            choice = col.match_choice(raw)
            if choice is None:
                return V.Parsed(None, "invalid",
                                f"'{_show(raw)}' bukan pilihan yang dikenal ({', '.join(col.values)})")
            return V.Parsed(choice, None, "")
        return V.Parsed(_as_text(raw), None, "")  # TEXT / ANY

    def _flagged(self, parsed: V.Parsed, cell: Cell, sheet: str, label: str,
                 kode: str | None, kind: Kind, pct: bool = False) -> Val:
        flag = parsed.flag
        if flag is None:  # the common case: read as typed, nothing to report
            return Val(parsed.value, cell)
        if flag == "blank":
            return Val(None, None, False, cell.addr, cell.merged)
        where = f"{sheet}!{cell.addr}"
        found = _found(cell.raw, kind, pct)
        if flag == "invalid":
            self.report("cell.invalid", sheet, cell.addr,
                        f"{label} di {where} tidak dapat dibaca sebagai {_KIND_LABEL.get(kind, 'nilai')}: "
                        f"{parsed.note}.", kode=kode, found=found, merged=cell.merged)
            return Val(None, cell, True)
        if flag == "text":
            self.report("cell.number_as_text", sheet, cell.addr,
                        f"{label} di {where}: {parsed.note}.", kode=kode, found=found,
                        merged=cell.merged)
        elif flag == "ambiguous":
            self.report("cell.ambiguous", sheet, cell.addr,
                        f"{label} di {where}: {parsed.note}.", kode=kode, found=found,
                        merged=cell.merged)
        return Val(parsed.value, cell)


def _exact(raw: int | float | Decimal) -> Decimal | None:
    """A stored number as the decimal it shows (a float by its shortest form: 1.97507121997031e+17
    is 197507121997031000, as Excel shows it), or None when it is not finite."""
    d = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    return d if d.is_finite() else None


def _show(raw) -> str:
    """A raw cell value as a message quotes it: text as typed; a whole number by its digits
    (a year, a code or a NIP stored as a number), other numbers with a decimal comma."""
    if V._is_number(raw):
        d = _exact(raw)
        if d is None:
            text = str(raw)
        elif d == d.to_integral_value():
            text = str(int(d))
        else:
            text = format(d, "f").replace(".", ",")
    elif isinstance(raw, dt.datetime) and raw.time() == dt.time():
        text = raw.date().isoformat()
    elif isinstance(raw, dt.date | dt.time):
        text = raw.isoformat()
    else:
        text = str(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def _found(raw, kind: Kind, pct: bool = False):
    """A raw cell value as a finding's `found` (checks.md, "Machine-readable output"): a number
    where the column holds amounts (Decimal Rupiah), counts (int) or percentages (float,
    percent units); everything else, a NIP or code stored as a number included, as text."""
    if raw is None:
        return None
    if V._is_number(raw) and (d := _exact(raw)) is not None:
        if kind is Kind.AMOUNT:
            return d
        if kind is Kind.NUMBER and pct:
            return float(d)
        if kind is Kind.WHOLE and d == d.to_integral_value():
            return int(d)
    return _show(raw)


def _as_text(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw).strip()
    return text or None


# --- the whole workbook ---------------------------------------------------------------


def wanted_sheet(name: str) -> bool:
    """Whether a sheet's cells are needed (contract sheets only)."""
    key = norm_sheet(name)
    return any(norm_sheet(s.name) == key for s in SHEETS)


def load(book: RawBook, findings: list[Finding]) -> WorkbookData:
    """Read every contract sheet of `book` into `WorkbookData`."""
    rd = Reader(findings)
    data = WorkbookData()
    tables: dict[str, Table] = {}
    for spec in SHEETS:
        raw = find_sheet(book, spec.name)
        if raw is None:
            continue
        data.sheets[spec.name] = raw.name
        data.present.add(spec.name)
        table = tables[spec.name] = read_table(raw, spec, findings)
        if raw.merges and table.header_row is not None:
            rd.merge_first[table.sheet] = _merge_first(raw, table)

    if "Identitas" not in tables:
        findings.append(Finding("sheet.missing", "Identitas", None,
                                "Sheet Identitas tidak ada: siapa yang melapor dan periodenya tidak diketahui."))
    else:
        data.identity = _identity(rd, tables["Identitas"])
    for spec in (PK, REALISASI):
        if spec.name not in tables:
            findings.append(Finding("sheet.missing", spec.name, None,
                                    f"Sheet wajib {spec.name} tidak ada."))
    if "PK" in tables:
        data.pk = _pk(rd, tables["PK"])
    if "Realisasi" in tables:
        data.budget = _budget(rd, tables["Realisasi"])
    needed = {DERIVED_SHEET[r.sumber.value] for r in data.pk if r.sumber.value}
    for spec in (FASILITASI, LPPDES):
        if spec.name in needed and spec.name not in tables:
            users = sorted({r.sumber.value for r in data.pk
                            if r.sumber.value and DERIVED_SHEET[r.sumber.value] == spec.name})
            findings.append(Finding("sheet.missing", spec.name, None,
                                    f"Sheet {spec.name} tidak ada, padahal realisasi PK diturunkan "
                                    f"darinya (Sumber Realisasi {', '.join(users)})."))
    if "Fasilitasi" in tables:
        data.facilitation = _facilitation(rd, tables["Fasilitasi"])
    if "LPPDes" in tables:
        data.villages = _villages(rd, tables["LPPDes"])
    if "Pegawai" in tables:
        data.staff = _staff(rd, tables["Pegawai"])
    return data


def _merge_first(raw: RawSheet, table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) -> the first cell of the merged range it lies in, for the data rows'
    non-amount contract columns (template.md, "Merged cells": an amount keeps its value in
    the first row only, so its other rows are blank in their own right)."""
    start = table.header_row + 1
    cols = [c for name, c in table.columns.items()
            if table.spec_columns[name].kind is not Kind.AMOUNT]
    out = {}
    for r1, c1, r2, c2 in raw.merges:
        if r2 < start:
            continue
        for c in cols:
            if c1 <= c <= c2:
                for r in range(max(r1, start), min(r2, raw.n_rows) + 1):
                    if (r, c) != (r1, c1):
                        out[(r, c)] = (r1, c1)
    return out


def _rows(table: Table) -> list[Row]:
    return table.rows if table.header_row is not None else []


def _identity(rd: Reader, table: Table) -> Identity:
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
        if item.kind in (Kind.YEAR, Kind.TRIWULAN):
            rd.report("identity.invalid", table.sheet, None,
                      f"Isian '{item.isian}' tidak ada di sheet {table.sheet}.")
        elif item.required:
            rd.report("cell.required", table.sheet, None,
                      f"Isian '{item.isian}' tidak ada di sheet {table.sheet}.")
    return ident


def _identity_period(rd: Reader, table: Table, row: Row, item) -> Val:
    """Tahun Anggaran / Triwulan: `identity.invalid` replaces cell.required/cell.invalid;
    a formula without a cached value is reported as such and makes the item invalid too."""
    cell = row.get("Nilai")
    addr, merged = (cell.addr, cell.merged) if cell else rd.blank_at(table, row, "Nilai")
    what = "tahun 2000-2100" if item.kind is Kind.YEAR else "I, II, III atau IV"
    if cell is None:
        rd.report("identity.invalid", table.sheet, addr,
                  f"{item.isian} kosong di {table.sheet}!{addr}; isi dengan {what}.",
                  merged=merged)
        return Val(None, None, False, addr, merged)
    if cell.no_value:
        rd.no_value(cell, table.sheet, None)
        rd.report("identity.invalid", table.sheet, addr,
                  f"{item.isian} di {table.sheet}!{addr} berisi rumus tanpa nilai tersimpan, "
                  f"jadi tidak dapat dibaca; isi dengan {what}.", merged=merged)
        return Val(None, cell, True)
    parsed = V.parse_year(cell.raw) if item.kind is Kind.YEAR else V.parse_triwulan(cell.raw)
    if parsed.flag in ("invalid", "blank") or parsed.value is None:
        shown = _show(cell.raw)
        rd.report("identity.invalid", table.sheet, addr,
                  f"{item.isian} '{shown}' di {table.sheet}!{addr} tidak valid; isi dengan {what}.",
                  found=_found(cell.raw, item.kind), merged=merged)
        return Val(None, cell, True)
    return Val(parsed.value, cell)


def _is_percent_unit(satuan: str | None) -> bool:
    return satuan is None or satuan.strip().lower() in PERCENT_UNITS


def _pk(rd: Reader, table: Table) -> list[PKRow]:
    out = []
    for row in _rows(table):
        kode = rd.value(table, row, "Kode") if table.has("Kode") else Val()
        k = kode.value
        satuan = _opt(rd, table, row, "Satuan", k)
        pct = _is_percent_unit(satuan.value)
        # Target: pk.target_missing replaces cell.required / cell.invalid (checks.md)
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
            is_percent=pct,
        ))
    return out


def _opt(rd: Reader, table: Table, row: Row, name: str, kode, pct: bool = False) -> Val:
    if not table.has(name):
        return Val()
    return rd.value(table, row, name, kode=kode, percent_ctx=pct)


def _target(rd: Reader, table: Table, row: Row, kode, pct: bool) -> Val:
    if not table.has("Target"):
        return Val()
    cell = row.get("Target")
    addr, merged = (cell.addr, cell.merged) if cell else rd.blank_at(table, row, "Target")
    if cell is not None and cell.no_value:
        # reported as such, and the target is unusable: both (checks.md, "Replacements")
        rd.no_value(cell, table.sheet, kode)
        rd.report("pk.target_missing", table.sheet, addr,
                  f"Indikator di {table.sheet}!{addr} tidak punya target yang dapat dipakai "
                  f"(Target berisi rumus tanpa nilai tersimpan); capaian tidak dapat dihitung.",
                  kode=kode, merged=merged)
        return Val(None, cell, True)
    parsed = None
    if cell is not None:
        parsed = V.parse_percent(cell.raw, cell.percent) if pct else V.parse_number(cell.raw)
    if parsed is None or parsed.flag in ("invalid", "blank") or not parsed.value or parsed.value <= 0:
        shown = "kosong" if cell is None else f"'{_show(cell.raw)}'"
        rd.report("pk.target_missing", table.sheet, addr,
                  f"Indikator di {table.sheet}!{addr} tidak punya target yang dapat dipakai "
                  f"(Target {shown}); capaian tidak dapat dihitung.", kode=kode,
                  found=None if cell is None else _found(cell.raw, Kind.NUMBER, pct),
                  merged=merged)
        return Val(None, cell, cell is not None, addr, merged)
    return rd._flagged(parsed, cell, table.sheet, "Target", kode, Kind.NUMBER, pct)


def _budget(rd: Reader, table: Table) -> list[BudgetRow]:
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
                rd.report("cell.ambiguous", table.sheet, addr,
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


def _facilitation(rd: Reader, table: Table) -> list[FacItem]:
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


def _villages(rd: Reader, table: Table) -> list[VillageDoc]:
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


def _staff(rd: Reader, table: Table) -> list[Staff]:
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


__all__ = ["load", "wanted_sheet", "village_key", "Sheet"]
