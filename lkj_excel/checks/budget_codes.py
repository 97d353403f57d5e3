"""The Realisasi sheet's codes, judged from the placement (figures.budget.place): shape,
repeats, missing parents and the nomenclature (docs/pemeriksaan.md#anggaran-sheet-realisasi).

One mistake, one finding: a Kode finding names the code the row most likely means
(figures.suggest); rows placed under a mistyped row whose suggestion is their missing parent
code are that row's children, not orphans; of rows sharing a Kode, the one whose Uraian fits
the nomenclature keeps it and the others get the finding."""

from __future__ import annotations

from .. import catalogue as C
from ..codes import LEVEL_NAMES, Nomenclature, canonical, code_key, is_valid, parent_key
from ..findings import Finding
from ..model import Budget, BudgetRow


def check(budget: Budget, sheet: str, nomen: Nomenclature, findings: list[Finding]) -> None:
    code_duplicate(budget, sheet, nomen, findings)
    code_format(budget, sheet, nomen, findings)
    code_orphan(budget, sheet, findings)
    code_unknown(budget, sheet, nomen, findings)


def _expected(r: BudgetRow) -> str | None:
    """A Kode finding's `expected`: the suggested code, in the nomenclature's own form."""
    return canonical(r.suggested) if r.suggested else None


def _suggestion(r: BudgetRow, budget: Budget, nomen: Nomenclature) -> str:
    """The end of a Kode finding's message: how many rows below use the suggested code as
    their parent, and the suggestion (saying when another row already uses that code)."""
    key = r.suggested
    if key is None:
        return ""
    code = canonical(key)
    text = ""
    below = [c for c in r.children if c.kode.value is not None and is_valid(c.kode.value)
             and parent_key(code_key(c.kode.value)) == key]
    if below:
        text += f"; {len(below)} baris di bawahnya memakai {code} sebagai kode induk"
    text += f"; kemungkinan maksudnya {code} ({nomen.name(key)})"
    other = budget.by_key.get(key)
    if other is not None and other is not r:
        text += f", kode yang sudah dipakai baris {other.row}"
    return text


def _coded(budget: Budget) -> list[BudgetRow]:
    """The rows with a readable Kode (not the total row), in input order."""
    return [r for r in budget.rows if not r.is_total and r.kode.value is not None]


def code_duplicate(budget: Budget, sheet: str, nomen: Nomenclature,
                   findings: list[Finding]) -> None:
    """budget.code_duplicate: a Kode another row keeps (the first row whose Uraian fits the
    nomenclature's name for it, else the first row)."""
    for r, keeper in budget.duplicates:
        code = r.kode.value
        why = ("uraiannya sesuai nomenklatur" if keeper.uraian.value is not None
               and nomen.same_name(code_key(code), keeper.uraian.value)
               else "lebih dulu memakainya")
        findings.append(C.BUDGET_CODE_DUPLICATE.finding(
            sheet, r.kode.addr,
            f"Kode {code} di {sheet}!{r.kode.addr} juga dipakai baris {keeper.row} "
            f"({keeper.kode.addr}), yang memegang kode itu karena {why}; keduanya tetap "
            f"dijumlahkan{_suggestion(r, budget, nomen)}.",
            kode=code, found=code, expected=_expected(r)))


def _where(r: BudgetRow) -> str:
    return f"; {r.placement_note}" if r.placement_note else ""


def code_format(budget: Budget, sheet: str, nomen: Nomenclature,
                findings: list[Finding]) -> None:
    """budget.code_format: a Kode without the nomenclature's shape (the message says where
    the row was placed)."""
    for r in _coded(budget):
        code = r.kode.value
        if is_valid(code):
            continue
        findings.append(C.BUDGET_CODE_FORMAT.finding(
            sheet, r.kode.addr,
            f"Kode '{code}' di {sheet}!{r.kode.addr} tidak sesuai bentuk nomenklatur "
            f"(program 7.01.01, kegiatan 7.01.01.2.01, sub kegiatan 7.01.01.2.01.0001)"
            f"{_where(r)}{_suggestion(r, budget, nomen)}.",
            kode=code, found=code, expected=_expected(r), merged=r.kode.merged))


def code_orphan(budget: Budget, sheet: str, findings: list[Finding]) -> None:
    """budget.code_orphan: a valid Kode whose parent code has no row."""
    for r in _coded(budget):
        code = r.kode.value
        if not is_valid(code):
            continue
        pk = parent_key(code_key(code))
        if pk is None or pk in budget.by_key:
            continue
        if r.parent is not None and r.parent.suggested == pk:
            continue  # the row above is its parent, mistyped: one mistake, one finding
        findings.append(C.BUDGET_CODE_ORPHAN.finding(
            sheet, r.kode.addr,
            f"Kode induk {'.'.join(pk)} dari {LEVEL_NAMES[r.level]} {code} ({sheet}!{r.kode.addr}) "
            f"tidak punya baris{_where(r)}.",
            kode=code, found=code, merged=r.kode.merged))


def code_unknown(budget: Budget, sheet: str, nomen: Nomenclature, findings: list[Finding]) -> None:
    """budget.code_unknown: a valid Kode the nomenclature lacks, or an Uraian that differs
    from the nomenclature's name (never on a row with budget.code_duplicate, Kode and Uraian
    cell alike)."""
    repeats = {id(r) for r, _keeper in budget.duplicates}
    for r in _coded(budget):
        code = r.kode.value
        if not is_valid(code) or id(r) in repeats:
            continue  # budget.code_format, budget.code_duplicate replace it on their row
        key = code_key(code)
        if not nomen.covers(key):
            continue
        known = nomen.name(key)
        if known is None:
            findings.append(C.BUDGET_CODE_UNKNOWN.finding(
                sheet, r.kode.addr,
                f"Kode {code} tidak ada di nomenklatur urusan {'.'.join(key[:2])}"
                f"{_suggestion(r, budget, nomen)}.",
                kode=code, found=code, expected=_expected(r), merged=r.kode.merged))
            continue
        uraian = r.uraian.value
        if uraian is not None and not nomen.same_name(key, uraian):
            findings.append(C.BUDGET_CODE_UNKNOWN.finding(
                sheet, r.uraian.addr,
                f"Uraian kode {code} tertulis '{uraian}', menurut nomenklatur '{known}'.",
                kode=code, found=uraian, expected=known, merged=r.uraian.merged))
