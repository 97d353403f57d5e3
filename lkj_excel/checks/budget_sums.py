"""The Realisasi sheet's amounts against the placed tree and its computed figures
(figures.budget.place): sums, the total row, Sisa, over-spending, negatives, and the
amounts a row without detail must have (docs/pemeriksaan.md#anggaran-sheet-realisasi)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import catalogue as C
from ..codes import LEVEL_NAMES
from ..findings import Check, Finding
from ..model import Budget, BudgetRow, sum_known
from ..money import format_rp, to_decimal

CHILD_NOUN = {1: "kegiatannya", 2: "sub kegiatannya", 3: "rinciannya"}
FIELD_LABEL = {"pagu": "Pagu", "realisasi": "Realisasi", "sisa": "Sisa"}


def check(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    leaf_required(budget, sheet, findings)
    sum_pagu(budget, sheet, findings)
    sum_realisasi(budget, sheet, findings)
    total(budget, sheet, findings)
    negative(budget, sheet, findings)
    sum_sisa(budget, sheet, findings)
    over_pagu(budget, sheet, findings)


def _what(row: BudgetRow) -> str:
    if row.is_total:
        return "baris total"
    return f"{LEVEL_NAMES.get(row.level, 'baris')} {row.kode.value}"


def _leaves(row: BudgetRow) -> Iterator[BudgetRow]:
    if not row.children:
        yield row
        return
    for child in row.children:
        yield from _leaves(child)


def leaf_required(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """cell.required: Pagu and Realisasi on a row without detail (`required_cells="leaf"`;
    docs/pemeriksaan.md#cellrequired)."""
    for top in (*budget.programs, *budget.unplaced):
        for row in _leaves(top):
            for field in ("pagu", "realisasi"):
                v = getattr(row, field)
                if v.value is None and not v.unknown and not row.is_total and v.addr is not None:
                    findings.append(C.CELL_REQUIRED.finding(
                        sheet, v.addr,
                        f"{FIELD_LABEL[field]} {_what(row)} wajib diisi pada baris tanpa rincian "
                        f"({sheet}!{v.addr} kosong).", kode=row.kode.value))


def _typed_or_computed(row: BudgetRow, field: str) -> int | None:
    typed = getattr(row, field).known
    return typed if typed is not None else getattr(row, f"c_{field}")


def _parents_bottom_up(budget: Budget) -> Iterator[BudgetRow]:
    """The placed rows with children, each after the rows below it."""
    def walk(row: BudgetRow) -> Iterator[BudgetRow]:
        if not row.children:
            return
        for child in row.children:
            yield from walk(child)
        yield row
    for p in budget.programs:
        yield from walk(p)


def sum_pagu(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.sum_pagu: a typed Pagu that equals neither the sum of its children as typed
    nor the sum of the detail."""
    for row in _parents_bottom_up(budget):
        _sum(row, "pagu", C.BUDGET_SUM_PAGU, sheet, findings)


def sum_realisasi(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.sum_realisasi: the same for Realisasi."""
    for row in _parents_bottom_up(budget):
        _sum(row, "realisasi", C.BUDGET_SUM_REALISASI, sheet, findings)


def _sum(row: BudgetRow, field: str, check: Check, sheet: str, findings: list[Finding]) -> None:
    typed = getattr(row, field).known
    if typed is None:
        return
    detail = getattr(row, f"c_{field}")
    if detail is None:
        # the detail includes an unreadable amount: not checked (docs/pemeriksaan.md#aturan-tepi)
        return
    as_typed = sum_known(_typed_or_computed(c, field) for c in row.children)
    if typed in (as_typed, detail):
        return
    label = FIELD_LABEL[field]
    noun = CHILD_NOUN.get(row.level, "rinciannya")
    msg = (f"{label} {_what(row)} tertulis {format_rp(typed)}, jumlah {label.lower()} "
           f"{noun} {format_rp(detail)} (selisih {format_rp(abs(typed - detail))})")
    if as_typed is not None and as_typed != detail:
        msg += (f"; jumlah {label.lower()} {noun} sebagaimana tertulis "
                f"{format_rp(as_typed)}")
    findings.append(check.finding(sheet, getattr(row, field).addr, msg + ".",
                                  kode=row.kode.value, found=to_decimal(typed),
                                  expected=to_decimal(detail)))


def total(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.total: the total row's Pagu, Realisasi or Sisa against the programs (one
    finding per column)."""
    row, programs = budget.total, budget.programs
    if row is None:
        return
    for field in ("pagu", "realisasi", "sisa"):
        typed = getattr(row, field).known
        if typed is None:
            continue
        detail = sum_known(getattr(p, f"c_{field}") for p in programs)
        if detail is None:
            # the detail includes an unreadable amount: not checked
            # (docs/pemeriksaan.md#aturan-tepi)
            continue
        as_typed = sum_known(_typed_or_computed(p, field) for p in programs)
        if typed in (as_typed, detail):
            continue
        label = FIELD_LABEL[field]
        msg = (f"{label} baris total tertulis {format_rp(typed)}, jumlah {label.lower()} "
               f"seluruh program {format_rp(detail)} (selisih {format_rp(abs(typed - detail))})")
        if as_typed is not None and as_typed != detail:
            msg += f"; jumlah {label.lower()} program sebagaimana tertulis {format_rp(as_typed)}"
        findings.append(C.BUDGET_TOTAL.finding(
            sheet, getattr(row, field).addr, msg + ".",
            found=to_decimal(typed), expected=to_decimal(detail)))


def negative(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.negative: a negative typed Pagu, Realisasi or Sisa."""
    for row in budget.rows:
        for field in ("pagu", "realisasi", "sisa"):
            v = getattr(row, field).known
            if v is not None and v < 0:
                findings.append(C.BUDGET_NEGATIVE.finding(
                    sheet, getattr(row, field).addr,
                    f"{FIELD_LABEL[field]} {_what(row)} bernilai negatif ({format_rp(v)}).",
                    kode=row.kode.value, found=to_decimal(v)))


def sum_sisa(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.sum_sisa: a typed Sisa other than typed Pagu − typed Realisasi of its row."""
    for row in budget.rows:
        pagu, real, sisa = row.pagu.known, row.realisasi.known, row.sisa.known
        if sisa is None or pagu is None or real is None or sisa == pagu - real:
            continue
        findings.append(C.BUDGET_SUM_SISA.finding(
            sheet, row.sisa.addr,
            f"Sisa {_what(row)} tertulis {format_rp(sisa)}, padahal Pagu {format_rp(pagu)} - "
            f"Realisasi {format_rp(real)} = {format_rp(pagu - real)} "
            f"(selisih {format_rp(abs(sisa - (pagu - real)))}).",
            kode=row.kode.value, found=to_decimal(sisa), expected=to_decimal(pagu - real)))


def over_pagu(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.over_pagu: typed Realisasi above typed Pagu on a row."""
    for row in budget.rows:
        pagu, real = row.pagu.known, row.realisasi.known
        if pagu is None or real is None or real <= pagu:
            continue
        findings.append(C.BUDGET_OVER_PAGU.finding(
            sheet, row.realisasi.addr,
            f"Realisasi {_what(row)} {format_rp(real)} melebihi pagunya {format_rp(pagu)} "
            f"(lebih {format_rp(real - pagu)}).",
            kode=row.kode.value, found=to_decimal(real), expected=to_decimal(pagu)))
