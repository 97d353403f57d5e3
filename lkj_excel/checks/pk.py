"""The PK sheet: usable targets, and the rows against the budget and the lists their
realisations derive from (docs/pemeriksaan.md#perjanjian-kinerja-sheet-pk)."""

from __future__ import annotations

from .. import catalogue as C
from ..codes import code_key
from ..contract import Kind
from ..findings import Finding
from ..model import Budget, PKRow
from ..money import format_percent, format_rp, to_decimal
from ..read.reader import found_value, show_raw

TOLERANCE = 0.5  # percentage points (docs/angka.md#realisasi-turunan)


def check(rows: list[PKRow], sheet: str | None, budget: Budget | None,
          findings: list[Finding]) -> None:
    target_missing(rows, sheet, findings)
    code_unknown(rows, sheet, budget, findings)
    budget_mismatch(rows, sheet, budget, findings)
    derived_mismatch(rows, sheet, findings)


def target_missing(rows: list[PKRow], sheet: str | None, findings: list[Finding]) -> None:
    """pk.target_missing: a Target blank, unreadable, 0 or less, or a formula without a
    cached value (which the reader reports as such too). It replaces cell.required /
    cell.invalid for Target
    (docs/pemeriksaan.md#penggantian-satu-sel-satu-temuan-yang-paling-tepat)."""
    for r in rows:
        v = r.target
        if v.known is not None or v.addr is None:  # usable, or no Target column
            continue
        cell, addr = v.cell, v.addr
        if cell is not None and cell.no_value:
            why, found = "Target berisi rumus tanpa nilai tersimpan", None
        else:
            why = "Target kosong" if cell is None else f"Target '{show_raw(cell.raw)}'"
            found = None if cell is None else found_value(cell.raw, Kind.NUMBER, r.is_percent)
        findings.append(C.PK_TARGET_MISSING.finding(
            sheet, addr,
            f"Indikator di {sheet}!{addr} tidak punya target yang dapat dipakai ({why}); "
            f"capaian tidak dapat dihitung.", kode=r.kode.value, found=found, merged=v.merged))


def code_unknown(rows: list[PKRow], sheet: str | None, budget: Budget | None,
                 findings: list[Finding]) -> None:
    """pk.code_unknown: a PK Kode without a row in Realisasi."""
    if budget is None:
        return
    for r in rows:
        kode = r.kode.value
        if kode is not None and code_key(kode) not in budget.by_key:
            findings.append(C.PK_CODE_UNKNOWN.finding(
                sheet, r.kode.addr,
                f"Kode {kode} di PK ({sheet}!{r.kode.addr}) tidak ada di sheet Realisasi.",
                kode=kode, found=kode, merged=r.kode.merged))


def budget_mismatch(rows: list[PKRow], sheet: str | None, budget: Budget | None,
                    findings: list[Finding]) -> None:
    """pk.budget_mismatch: a PK Anggaran equal to neither the typed nor the computed Pagu
    of its Kode."""
    if budget is None:
        return
    for r in rows:
        kode, ang = r.kode.value, r.anggaran.known
        brow = budget.by_key.get(code_key(kode)) if kode is not None else None
        if brow is None or ang is None:
            continue
        typed, computed = brow.pagu.known, brow.c_pagu
        if computed is None:
            # the computed Pagu includes an unreadable amount (docs/pemeriksaan.md#aturan-tepi)
            continue
        if ang in (typed, computed):
            continue
        msg = (f"Anggaran {kode} di PK tertulis {format_rp(ang)}, pagunya di sheet Realisasi "
               f"{format_rp(computed)} (selisih {format_rp(abs(ang - computed))})")
        if typed is not None and typed != computed:
            msg += f"; pagu yang tertulis di baris Realisasi {format_rp(typed)}"
        findings.append(C.PK_BUDGET_MISMATCH.finding(
            sheet, r.anggaran.addr, msg + ".",
            kode=kode, found=to_decimal(ang), expected=to_decimal(computed)))


def derived_mismatch(rows: list[PKRow], sheet: str | None, findings: list[Finding]) -> None:
    """pk.derived_mismatch: a typed Realisasi more than 0.5 points from the one derived
    from its Sumber Realisasi (figures.indicators.derive)."""
    for r in rows:
        if not r.sumber.value or r.derived is None:
            continue
        typed = r.realisasi.known
        if typed is None or abs(typed - r.derived) <= TOLERANCE:
            continue
        findings.append(C.PK_DERIVED_MISMATCH.finding(
            sheet, r.realisasi.addr,
            f"Realisasi '{r.indikator.value}' tertulis {format_percent(typed)}, hitungan dari "
            f"{r.sumber.value} {format_percent(round(r.derived, 2))} ({r.derived_note}); "
            f"yang dipakai hasil hitungan.",
            kode=r.kode.value, found=float(typed), expected=float(r.derived)))
