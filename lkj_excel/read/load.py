"""Turn a workbook file into typed data and the findings met on the way in: find the
contract's sheets, read their tables (tables.py), and each sheet's rows (sheets.py)."""

from __future__ import annotations

from .. import catalogue as C
from ..contract import (
    DERIVED_SHEET,
    FASILITASI,
    LPPDES,
    PK,
    REALISASI,
    SHEETS,
    Kind,
    norm_sheet,
)
from ..findings import Finding
from ..model import WorkbookData
from . import sheets
from .reader import Reader
from .tables import Table, find_sheet, read_table
from .workbook import RawBook, RawSheet


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
        findings.append(C.SHEET_MISSING.finding(
            "Identitas", None,
            "Sheet Identitas tidak ada: siapa yang melapor dan periodenya tidak diketahui."))
    else:
        data.identity = sheets.identity(rd, tables["Identitas"])
    for spec in (PK, REALISASI):
        if spec.name not in tables:
            findings.append(C.SHEET_MISSING.finding(spec.name, None,
                                                    f"Sheet wajib {spec.name} tidak ada."))
    if "PK" in tables:
        data.pk = sheets.pk(rd, tables["PK"])
    if "Realisasi" in tables:
        data.budget = sheets.budget(rd, tables["Realisasi"])
    needed = {DERIVED_SHEET[r.sumber.value] for r in data.pk if r.sumber.value}
    for spec in (FASILITASI, LPPDES):
        if spec.name in needed and spec.name not in tables:
            users = sorted({r.sumber.value for r in data.pk
                            if r.sumber.value and DERIVED_SHEET[r.sumber.value] == spec.name})
            findings.append(C.SHEET_MISSING.finding(
                spec.name, None,
                f"Sheet {spec.name} tidak ada, padahal realisasi PK diturunkan "
                f"darinya (Sumber Realisasi {', '.join(users)})."))
    if "Fasilitasi" in tables:
        data.facilitation = sheets.facilitation(rd, tables["Fasilitasi"])
    if "LPPDes" in tables:
        data.villages = sheets.villages(rd, tables["LPPDes"])
    if "Pegawai" in tables:
        data.staff = sheets.staff(rd, tables["Pegawai"])
    return data


def _merge_first(raw: RawSheet, table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) -> the first cell of the merged range it lies in, for the data rows'
    non-amount contract columns (an amount keeps its value in the first row only, so its
    other rows are blank in their own right: docs/mengisi-template.md#sel-gabungan-merge)."""
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
