"""Turn a workbook file into typed data and the findings met on the way in."""

from __future__ import annotations

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
from .workbook import RawBook, address

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
    """Parses cells into typed values, reporting each problem once per cell."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        self._seen: set[tuple[str, str, str]] = set()

    def report(self, check: str, sheet: str | None, cell: str | None, message: str, **kw) -> None:
        key = (check, sheet or "", cell or "")
        if cell is not None and check.startswith("cell.") and key in self._seen:
            return  # a merged value is reported once, at the range's first cell
        self._seen.add(key)
        self.findings.append(Finding(check, sheet, cell, message, **kw))

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
            blank_addr = address(row.row, table.columns[name]) if name in table.columns else None
            if required and name in table.columns:
                self.report("cell.required", sheet, blank_addr,
                            f"{label} wajib diisi ({sheet}!{blank_addr} kosong).", kode=kode)
            return Val(None, None, False, blank_addr)
        if cell.no_value:
            self.report("cell.formula_without_value", sheet, cell.addr,
                        f"{sheet}!{cell.addr} berisi rumus tanpa nilai tersimpan; buka berkas di "
                        f"Excel/LibreOffice, hitung ulang dan simpan.", kode=kode)
            return Val(None, cell, True)
        parsed = self._parse(cell, kind, col, percent_ctx)
        return self._flagged(parsed, cell, sheet, label, kode, kind)

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
        # TEXT / ANY: text as it is (numbers become their text)
        return V.Parsed(_as_text(raw), None, "")

    def _flagged(self, parsed: V.Parsed, cell: Cell, sheet: str, label: str,
                 kode: str | None, kind: Kind) -> Val:
        flag = parsed.flag
        if flag == "blank":
            return Val(None, None, False, cell.addr)
        where = f"{sheet}!{cell.addr}"
        if flag == "invalid":
            self.report("cell.invalid", sheet, cell.addr,
                        f"{label} di {where} tidak dapat dibaca sebagai {_KIND_LABEL.get(kind, 'nilai')}: "
                        f"{parsed.note}.", kode=kode, found=_show(cell.raw))
            return Val(None, cell, True)
        if flag == "text":
            self.report("cell.number_as_text", sheet, cell.addr,
                        f"{label} di {where}: {parsed.note}.", kode=kode,
                        found=_show(cell.raw))
        elif flag == "ambiguous":
            self.report("cell.ambiguous", sheet, cell.addr,
                        f"{label} di {where}: {parsed.note}.", kode=kode,
                        found=_show(cell.raw))
        return Val(parsed.value, cell)


def _show(raw) -> str:
    text = str(raw)
    return text if len(text) <= 60 else text[:57] + "..."


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
        tables[spec.name] = read_table(raw, spec, findings)

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
    """Tahun Anggaran / Triwulan: `identity.invalid` replaces cell.required/cell.invalid."""
    cell = row.get("Nilai")
    addr = cell.addr if cell else (address(row.row, table.columns["Nilai"])
                                   if "Nilai" in table.columns else None)
    what = "tahun 2000-2100" if item.kind is Kind.YEAR else "I, II, III atau IV"
    if cell is None or cell.no_value:
        rd.report("identity.invalid", table.sheet, addr,
                  f"{item.isian} kosong di {table.sheet}!{addr}; isi dengan {what}.")
        return Val(None, cell, cell is not None, addr)
    parsed = V.parse_year(cell.raw) if item.kind is Kind.YEAR else V.parse_triwulan(cell.raw)
    if parsed.flag in ("invalid", "blank") or parsed.value is None:
        rd.report("identity.invalid", table.sheet, addr,
                  f"{item.isian} '{_show(cell.raw)}' di {table.sheet}!{addr} tidak valid; isi dengan {what}.",
                  found=_show(cell.raw))
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
    addr = cell.addr if cell else address(row.row, table.columns["Target"])
    if cell is not None and cell.no_value:
        return rd.value(table, row, "Target", kode=kode, percent_ctx=pct)
    parsed = None
    if cell is not None:
        parsed = V.parse_percent(cell.raw, cell.percent) if pct else V.parse_number(cell.raw)
    if parsed is None or parsed.flag in ("invalid", "blank") or not parsed.value or parsed.value <= 0:
        shown = "kosong" if cell is None else f"'{_show(cell.raw)}'"
        rd.report("pk.target_missing", table.sheet, addr,
                  f"Indikator di baris {row.row} tidak punya target yang dapat dipakai "
                  f"(Target {shown}); capaian tidak dapat dihitung.", kode=kode,
                  found=None if cell is None else _show(cell.raw))
        return Val(None, cell, cell is not None, addr)
    return rd._flagged(parsed, cell, table.sheet, "Target", kode, Kind.NUMBER)


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


def village_key(name: str | None) -> str:
    """Village names compare after lower-casing, removing spaces and punctuation and a
    leading Desa/Ds./Kelurahan/Kel."""
    if not name:
        return ""
    import re

    text = re.sub(r"^\s*(desa|ds\.?|kelurahan|kel\.?)\s+", "", str(name).strip(), flags=re.I)
    return norm_header(text) or norm_header(name)


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
