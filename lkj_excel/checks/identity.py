"""The Identitas sheet: Tahun Anggaran and Triwulan (docs/pemeriksaan.md#identityinvalid).

`identity.invalid` replaces cell.required / cell.invalid for these two items; a formula
without a cached value gets both findings (the reader reports cell.formula_without_value)."""

from __future__ import annotations

from .. import catalogue as C
from ..contract import IDENTITY_ITEMS, Kind
from ..findings import Finding
from ..model import Identity, Val
from ..read.reader import found_value, show_raw

_PERIOD = {i.isian: i for i in IDENTITY_ITEMS if i.kind in (Kind.YEAR, Kind.TRIWULAN)}


def invalid(ident: Identity, findings: list[Finding]) -> None:
    """identity.invalid: Tahun Anggaran or Triwulan blank, unreadable or without a row."""
    sheet = ident.sheet
    if sheet is None:
        # a missing Identitas sheet gives sheet.missing only (docs/pemeriksaan.md#sheetmissing)
        return
    for isian, v in ident.values.items():  # in row order
        item = _PERIOD.get(isian)
        if item is not None:
            _judge(item, v, sheet, findings)
    for isian in ident.missing:
        if isian in _PERIOD:
            findings.append(C.IDENTITY_INVALID.finding(
                sheet, None,
                f"Isian '{isian}' tidak ada di sheet {sheet}."))


def _judge(item, v: Val, sheet: str, findings: list[Finding]) -> None:
    what = "tahun 2000-2100" if item.kind is Kind.YEAR else "I, II, III atau IV"
    addr, merged = v.addr, v.merged
    cell = v.cell
    if cell is None:
        msg = f"{item.isian} kosong di {sheet}!{addr}; isi dengan {what}."
        findings.append(C.IDENTITY_INVALID.finding(sheet, addr, msg, merged=merged))
    elif cell.no_value:
        msg = (f"{item.isian} di {sheet}!{addr} berisi rumus tanpa nilai tersimpan, "
               f"jadi tidak dapat dibaca; isi dengan {what}.")
        findings.append(C.IDENTITY_INVALID.finding(sheet, addr, msg, merged=merged))
    elif v.unknown:
        msg = f"{item.isian} '{show_raw(cell.raw)}' di {sheet}!{addr} tidak valid; isi dengan {what}."
        findings.append(C.IDENTITY_INVALID.finding(
            sheet, addr, msg,
            found=found_value(cell.raw, item.kind), merged=merged))
