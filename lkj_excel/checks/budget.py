"""The Realisasi sheet: codes, the hierarchy, computed figures and the sum checks
(template.md "The hierarchy", "Typed and computed figures"; checks.md budget.*)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..codes import LEVEL_NAMES, Nomenclature, code_key, is_valid, level_of, parent_key
from ..findings import Finding
from ..model import BudgetRow, Val
from ..money import format_rp, to_decimal

CHILD_NOUN = {1: "kegiatannya", 2: "sub kegiatannya", 3: "rinciannya"}
FIELD_LABEL = {"pagu": "Pagu", "realisasi": "Realisasi", "sisa": "Sisa"}


@dataclass
class Budget:
    """The placed budget table: programs (tree roots), the total row, unplaced rows."""

    rows: list[BudgetRow]
    programs: list[BudgetRow]
    total: BudgetRow | None
    unplaced: list[BudgetRow]
    by_key: dict[tuple[str, ...], BudgetRow]  # first row of each code

    def find(self, code: str) -> BudgetRow | None:
        return self.by_key.get(code_key(code))

    def tree(self) -> Iterator[BudgetRow]:
        """Rows in tree order: each under the parent it was placed with, siblings in input order."""
        stack = list(reversed(self.programs))
        while stack:
            row = stack.pop()
            yield row
            stack.extend(reversed(row.children))

    @property
    def pagu(self) -> int | None:
        """The programs' computed Pagu; None when one is not known (as in figures.py)."""
        return sum_known(p.c_pagu for p in self.programs)

    @property
    def realisasi(self) -> int | None:
        return sum_known(p.c_realisasi for p in self.programs)


def _typed(v: Val) -> int | None:
    return v.value if (v.value is not None and not v.unknown) else None


def reconcile(rows: list[BudgetRow], sheet: str, nomen: Nomenclature,
              findings: list[Finding]) -> Budget:
    """Place every row, compute the figures bottom up and run every budget check."""
    total = next((r for r in rows if r.is_total), None)
    coded = [r for r in rows if not r.is_total]
    by_key: dict[tuple[str, ...], BudgetRow] = {}

    # duplicates and shape
    for r in coded:
        code = r.kode.value
        if code is None:
            continue
        key = code_key(code)
        first = by_key.get(key)
        if first is None:
            by_key[key] = r
        else:
            findings.append(Finding(
                "budget.code_duplicate", sheet, r.kode.addr,
                f"Kode {code} di {sheet}!{r.kode.addr} sudah dipakai di baris {first.row} "
                f"({first.kode.addr}); keduanya tetap dijumlahkan.",
                kode=code, found=code))

    # placement
    for i, r in enumerate(coded):
        code = r.kode.value
        if code is None:
            r.unplaced = True
            r.placement_note = "tanpa kode yang dapat dibaca"
            continue
        key = code_key(code)
        valid = is_valid(code)
        r.level = level_of(code)
        parent = None
        if valid:
            pk = parent_key(key)
            if pk is None:
                continue  # a program
            parent = by_key.get(pk)
            if parent is not None and parent is not r:
                r.parent = parent
                continue
        if r.level is None:
            r.unplaced = True
            r.placement_note = "kode terlalu pendek untuk ditempatkan"
        elif r.level == 1:
            pass  # a malformed program code needs no parent
        else:
            above = next((p for p in reversed(coded[:i])
                          if p.level == r.level - 1 and not p.unplaced), None)
            if above is None:
                r.unplaced = True
                r.placement_note = "tidak ada baris di atasnya yang dapat menjadi induk"
            else:
                r.parent = above
                r.placed_by_position = True
                r.placement_note = (f"ditempatkan di bawah {LEVEL_NAMES[above.level]} "
                                    f"{above.kode.value} (baris {above.row}) menurut posisinya")
        where = f"; {r.placement_note}" if r.placement_note else ""
        if not valid:
            findings.append(Finding(
                "budget.code_format", sheet, r.kode.addr,
                f"Kode '{code}' di {sheet}!{r.kode.addr} tidak sesuai bentuk nomenklatur "
                f"(program 7.01.01, kegiatan 7.01.01.2.01, sub kegiatan 7.01.01.2.01.0001){where}.",
                kode=code, found=code, merged=r.kode.merged))
        else:
            pk_text = ".".join(parent_key(key) or ())
            findings.append(Finding(
                "budget.code_orphan", sheet, r.kode.addr,
                f"Kode induk {pk_text} dari {LEVEL_NAMES[r.level]} {code} ({sheet}!{r.kode.addr}) "
                f"tidak punya baris{where}.",
                kode=code, found=code, merged=r.kode.merged))

    # A parent placed by code can itself be unplaced: its subtree stays out of the sums.
    for r in coded:
        p = r.parent
        seen = set()
        while p is not None and id(p) not in seen:
            seen.add(id(p))
            if p.unplaced:
                r.unplaced = True
                r.placement_note = r.placement_note or "induknya tidak dapat ditempatkan"
                break
            p = p.parent
    for r in coded:
        if r.parent is not None and not r.unplaced:
            r.parent.children.append(r)
    programs = [r for r in coded if r.parent is None and not r.unplaced and r.level == 1]
    for r in coded:
        if r.parent is None and not r.unplaced and r.level != 1:
            r.unplaced = True  # a kegiatan/sub placed nowhere
    unplaced = [r for r in coded if r.unplaced]

    budget = Budget(rows, programs, total, unplaced, by_key)
    for p in programs:
        _compute(p, sheet, findings)
    for r in unplaced:
        _compute(r, sheet, findings)
    for p in programs:
        _check_sums(p, sheet, findings)
    if total is not None:
        _check_total(total, programs, sheet, findings)
    for r in rows:
        _row_checks(r, sheet, findings)
    _nomenclature(coded, sheet, nomen, findings)
    return budget


def _compute(row: BudgetRow, sheet: str, findings: list[Finding]) -> None:
    """Computed figures: a row without children keeps its typed figures; a parent gets the
    sum of its children's computed figures. Unknown (None) propagates upwards."""
    if not row.children:
        for field in ("pagu", "realisasi"):
            v: Val = getattr(row, field)
            if v.value is None and not v.unknown and not row.is_total and v.addr is not None:
                findings.append(Finding(
                    "cell.required", sheet, v.addr,
                    f"{FIELD_LABEL[field]} {_what(row)} wajib diisi pada baris tanpa rincian "
                    f"({sheet}!{v.addr} kosong).", kode=row.kode.value))
        row.c_pagu = _typed(row.pagu)
        row.c_realisasi = _typed(row.realisasi)
        return
    for child in row.children:
        _compute(child, sheet, findings)
    row.c_pagu = sum_known(c.c_pagu for c in row.children)
    row.c_realisasi = sum_known(c.c_realisasi for c in row.children)


def sum_known(values) -> int | None:
    """The sum, or None when any value is unknown."""
    total = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _what(row: BudgetRow) -> str:
    if row.is_total:
        return "baris total"
    return f"{LEVEL_NAMES.get(row.level, 'baris')} {row.kode.value}"


def _typed_or_computed(child: BudgetRow, field: str) -> int | None:
    v: Val = getattr(child, field)
    if v.value is not None and not v.unknown:
        return v.value
    return getattr(child, f"c_{field}")


def _check_sums(row: BudgetRow, sheet: str, findings: list[Finding]) -> None:
    if not row.children:
        return
    for child in row.children:
        _check_sums(child, sheet, findings)
    for field, check in (("pagu", "budget.sum_pagu"), ("realisasi", "budget.sum_realisasi")):
        typed = _typed(getattr(row, field))
        if typed is None:
            continue
        detail = getattr(row, f"c_{field}")
        if detail is None:
            continue  # the detail includes an unreadable amount: not checked (checks.md, Edge rules)
        as_typed = sum_known(_typed_or_computed(c, field) for c in row.children)
        if typed in (as_typed, detail):
            continue
        expected = detail
        label = FIELD_LABEL[field]
        noun = CHILD_NOUN.get(row.level, "rinciannya")
        msg = (f"{label} {_what(row)} tertulis {format_rp(typed)}, jumlah {label.lower()} "
               f"{noun} {format_rp(expected)} (selisih {format_rp(abs(typed - expected))})")
        if as_typed is not None and as_typed != detail:
            msg += (f"; jumlah {label.lower()} {noun} sebagaimana tertulis "
                    f"{format_rp(as_typed)}")
        findings.append(Finding(check, sheet, getattr(row, field).addr, msg + ".",
                                kode=row.kode.value, found=to_decimal(typed),
                                expected=to_decimal(expected)))


def _check_total(total: BudgetRow, programs: list[BudgetRow], sheet: str,
                 findings: list[Finding]) -> None:
    for field in ("pagu", "realisasi", "sisa"):
        typed = _typed(getattr(total, field))
        if typed is None:
            continue
        detail = sum_known(getattr(p, f"c_{field}") for p in programs)
        if detail is None:
            continue  # the detail includes an unreadable amount: not checked (checks.md, Edge rules)
        as_typed = sum_known(_typed_or_computed(p, field) for p in programs)
        if typed in (as_typed, detail):
            continue
        expected = detail
        label = FIELD_LABEL[field]
        msg = (f"{label} baris total tertulis {format_rp(typed)}, jumlah {label.lower()} "
               f"seluruh program {format_rp(expected)} (selisih {format_rp(abs(typed - expected))})")
        if as_typed is not None and as_typed != detail:
            msg += f"; jumlah {label.lower()} program sebagaimana tertulis {format_rp(as_typed)}"
        findings.append(Finding("budget.total", sheet, getattr(total, field).addr, msg + ".",
                                found=to_decimal(typed), expected=to_decimal(expected)))


def _row_checks(row: BudgetRow, sheet: str, findings: list[Finding]) -> None:
    pagu, real, sisa = _typed(row.pagu), _typed(row.realisasi), _typed(row.sisa)
    kode = row.kode.value
    what = _what(row)
    for field, v in (("pagu", pagu), ("realisasi", real), ("sisa", sisa)):
        if v is not None and v < 0:
            findings.append(Finding(
                "budget.negative", sheet, getattr(row, field).addr,
                f"{FIELD_LABEL[field]} {what} bernilai negatif ({format_rp(v)}).",
                kode=kode, found=to_decimal(v)))
    if sisa is not None and pagu is not None and real is not None and sisa != pagu - real:
        findings.append(Finding(
            "budget.sum_sisa", sheet, row.sisa.addr,
            f"Sisa {what} tertulis {format_rp(sisa)}, padahal Pagu {format_rp(pagu)} - "
            f"Realisasi {format_rp(real)} = {format_rp(pagu - real)} "
            f"(selisih {format_rp(abs(sisa - (pagu - real)))}).",
            kode=kode, found=to_decimal(sisa), expected=to_decimal(pagu - real)))
    if pagu is not None and real is not None and real > pagu:
        findings.append(Finding(
            "budget.over_pagu", sheet, row.realisasi.addr,
            f"Realisasi {what} {format_rp(real)} melebihi pagunya {format_rp(pagu)} "
            f"(lebih {format_rp(real - pagu)}).",
            kode=kode, found=to_decimal(real), expected=to_decimal(pagu)))


def _nomenclature(rows: list[BudgetRow], sheet: str, nomen: Nomenclature,
                  findings: list[Finding]) -> None:
    first_seen: set[tuple[str, ...]] = set()
    for r in rows:
        code = r.kode.value
        if code is None or not is_valid(code):
            continue  # budget.code_format replaces budget.code_unknown
        key = code_key(code)
        repeat = key in first_seen
        first_seen.add(key)
        if not nomen.covers(key):
            continue
        known = nomen.name(key)
        if known is None:
            if not repeat:  # budget.code_duplicate replaces it on the repeat's Kode cell
                findings.append(Finding(
                    "budget.code_unknown", sheet, r.kode.addr,
                    f"Kode {code} tidak ada di nomenklatur urusan {'.'.join(key[:2])}.",
                    kode=code, found=code, merged=r.kode.merged))
            continue
        uraian = r.uraian.value
        if uraian is not None and not nomen.same_name(key, uraian):
            findings.append(Finding(
                "budget.code_unknown", sheet, r.uraian.addr,
                f"Uraian kode {code} tertulis '{uraian}', menurut nomenklatur '{known}'.",
                kode=code, found=uraian, expected=known, merged=r.uraian.merged))
