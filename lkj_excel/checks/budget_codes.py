"""The Realisasi sheet's codes, judged from the placement (figures.budget.place): shape,
repeats, missing parents and the nomenclature (checks.md budget.code_*)."""

from __future__ import annotations

from .. import catalogue as C
from ..codes import LEVEL_NAMES, Nomenclature, code_key, is_valid, parent_key
from ..findings import Finding
from ..model import Budget, BudgetRow


def check(budget: Budget, sheet: str, nomen: Nomenclature, findings: list[Finding]) -> None:
    code_duplicate(budget, sheet, findings)
    code_format(budget, sheet, findings)
    code_orphan(budget, sheet, findings)
    code_unknown(budget, sheet, nomen, findings)


def _coded(budget: Budget) -> list[BudgetRow]:
    """The rows with a readable Kode (not the total row), in input order."""
    return [r for r in budget.rows if not r.is_total and r.kode.value is not None]


def code_duplicate(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.code_duplicate: a Kode already used by an earlier row."""
    for r, first in budget.duplicates:
        code = r.kode.value
        findings.append(C.BUDGET_CODE_DUPLICATE.finding(
            sheet, r.kode.addr,
            f"Kode {code} di {sheet}!{r.kode.addr} sudah dipakai di baris {first.row} "
            f"({first.kode.addr}); keduanya tetap dijumlahkan.",
            kode=code, found=code))


def _where(r: BudgetRow) -> str:
    return f"; {r.placement_note}" if r.placement_note else ""


def code_format(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.code_format: a Kode without the nomenclature's shape (the message says where
    the row was placed)."""
    for r in _coded(budget):
        code = r.kode.value
        if is_valid(code):
            continue
        findings.append(C.BUDGET_CODE_FORMAT.finding(
            sheet, r.kode.addr,
            f"Kode '{code}' di {sheet}!{r.kode.addr} tidak sesuai bentuk nomenklatur "
            f"(program 7.01.01, kegiatan 7.01.01.2.01, sub kegiatan 7.01.01.2.01.0001){_where(r)}.",
            kode=code, found=code, merged=r.kode.merged))


def code_orphan(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.code_orphan: a valid Kode whose parent code has no row."""
    for r in _coded(budget):
        code = r.kode.value
        if not is_valid(code):
            continue
        pk = parent_key(code_key(code))
        if pk is None or pk in budget.by_key:
            continue
        findings.append(C.BUDGET_CODE_ORPHAN.finding(
            sheet, r.kode.addr,
            f"Kode induk {'.'.join(pk)} dari {LEVEL_NAMES[r.level]} {code} ({sheet}!{r.kode.addr}) "
            f"tidak punya baris{_where(r)}.",
            kode=code, found=code, merged=r.kode.merged))


def code_unknown(budget: Budget, sheet: str, nomen: Nomenclature, findings: list[Finding]) -> None:
    """budget.code_unknown: a valid Kode the nomenclature lacks (first row of the code only:
    budget.code_duplicate replaces it on a repeat), or an Uraian that differs from the
    nomenclature's name."""
    first_seen: set[tuple[str, ...]] = set()
    for r in _coded(budget):
        code = r.kode.value
        if not is_valid(code):
            continue  # budget.code_format replaces budget.code_unknown
        key = code_key(code)
        repeat = key in first_seen
        first_seen.add(key)
        if not nomen.covers(key):
            continue
        known = nomen.name(key)
        if known is None:
            if not repeat:
                findings.append(C.BUDGET_CODE_UNKNOWN.finding(
                    sheet, r.kode.addr,
                    f"Kode {code} tidak ada di nomenklatur urusan {'.'.join(key[:2])}.",
                    kode=code, found=code, merged=r.kode.merged))
            continue
        uraian = r.uraian.value
        if uraian is not None and not nomen.same_name(key, uraian):
            findings.append(C.BUDGET_CODE_UNKNOWN.finding(
                sheet, r.uraian.addr,
                f"Uraian kode {code} tertulis '{uraian}', menurut nomenklatur '{known}'.",
                kode=code, found=uraian, expected=known, merged=r.uraian.merged))
