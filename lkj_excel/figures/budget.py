"""The Realisasi sheet placed as a tree, its computed figures, and the budget figures of
the PK rows (docs/mengisi-template.md#sheet-realisasi,
docs/angka.md#angka-anggaran-diketik-dan-dihitung).

Placement: a row goes under the row of its parent code (the first row of that code); a
malformed code, or one whose parent code has no row, goes under the nearest row above it
one level up ("by position"); a row that cannot be placed stays out of the sums. The
checks (checks/budget_*.py) judge the codes and the typed figures from this placement."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..codes import LEVEL_NAMES, Nomenclature, code_key, is_valid, level_of, parent_key
from ..model import Budget, BudgetRow, PKRow, sum_known
from .indicators import BELUM_DIUKUR, TIDAK_DAPAT, Indicator, group_by
from .numbers import Absorption, efisiensi
from .suggest import suggest


def place(rows: list[BudgetRow], nomen: Nomenclature | None = None) -> Budget:
    """Place every row, compute the figures bottom up, and suggest the codes the mistyped
    Kodes most likely mean (figures.suggest)."""
    nomen = nomen or Nomenclature()
    for r in rows:
        _unplace(r)
    total = next((r for r in rows if r.is_total), None)
    coded = [r for r in rows if not r.is_total]
    by_key, duplicates = _keepers(coded, nomen)
    for i, r in enumerate(coded):
        _place(r, coded, i, by_key)
    programs, unplaced = _link(coded)
    for r in (*programs, *unplaced):
        _compute(r)
    budget = Budget(rows, programs, total, unplaced, by_key, duplicates)
    suggest(budget, nomen)
    return budget


def _keepers(coded: list[BudgetRow], nomen: Nomenclature
             ) -> tuple[dict[tuple[str, ...], BudgetRow], list[tuple[BudgetRow, BudgetRow]]]:
    """The row that keeps each code, and each other row of a code with that row. Of rows
    sharing a Kode, the first whose Uraian fits the nomenclature's name for it keeps it,
    else the first row (docs/pemeriksaan.md#budgetcode_duplicate); the children
    of the code go under it."""
    rows_of: dict[tuple[str, ...], list[BudgetRow]] = {}
    for r in coded:
        if r.kode.value is not None:
            rows_of.setdefault(code_key(r.kode.value), []).append(r)
    by_key: dict[tuple[str, ...], BudgetRow] = {}
    duplicates: list[tuple[BudgetRow, BudgetRow]] = []
    for key, same in rows_of.items():
        keeper = same[0]
        if len(same) > 1:
            keeper = next((r for r in same if r.uraian.value is not None
                           and nomen.same_name(key, r.uraian.value)), same[0])
            duplicates += [(r, keeper) for r in same if r is not keeper]
        by_key[key] = keeper
    duplicates.sort(key=lambda pair: pair[0].row)
    return by_key, duplicates


def _link(coded: list[BudgetRow]) -> tuple[list[BudgetRow], list[BudgetRow]]:
    """Each placed row into its parent's children; the programs (the roots) and the rows
    left out of the sums."""
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
    return programs, [r for r in coded if r.unplaced]


def _unplace(r: BudgetRow) -> None:
    """Forget an earlier placement (placing twice gives the same tree)."""
    r.level = r.parent = None
    r.children = []
    r.placed_by_position = r.unplaced = False
    r.placement_note = ""
    r.c_pagu = r.c_realisasi = None
    r.suggested = None


def _place(r: BudgetRow, coded: list[BudgetRow], i: int,
           by_key: dict[tuple[str, ...], BudgetRow]) -> None:
    """Place row `r` (the i-th coded row): under its parent code's row, else by position."""
    code = r.kode.value
    if code is None:
        r.unplaced = True
        r.placement_note = "tanpa kode yang dapat dibaca"
        return
    r.level = level_of(code)
    if is_valid(code):
        pk = parent_key(code_key(code))
        if pk is None:
            return  # a program
        parent = by_key.get(pk)
        if parent is not None and parent is not r:
            r.parent = parent
            return
    if r.level is None:
        r.unplaced = True
        r.placement_note = "kode terlalu pendek untuk ditempatkan"
    elif r.level != 1:  # a malformed program code needs no parent
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


def _compute(row: BudgetRow) -> None:
    """Computed figures: a row without children keeps its typed figures; a parent gets the
    sum of its children's computed figures. Unknown (None) propagates upwards."""
    if not row.children:
        row.c_pagu = row.pagu.known
        row.c_realisasi = row.realisasi.known
        return
    for child in row.children:
        _compute(child)
    row.c_pagu = sum_known(c.c_pagu for c in row.children)
    row.c_realisasi = sum_known(c.c_realisasi for c in row.children)


def budget_row(budget: Budget | None, kode: str | None) -> BudgetRow | None:
    """The Realisasi row of a code (the first row when the code is repeated)."""
    if budget is None or not kode:
        return None
    return budget.by_key.get(code_key(kode))


def subtree(row: BudgetRow) -> Iterator[BudgetRow]:
    yield row
    for c in row.children:
        yield from subtree(c)


def sumber_dana(row: BudgetRow) -> str:
    """The distinct Sumber Dana of a row and the rows beneath it, in tree order."""
    seen: list[str] = []
    for r in subtree(row):
        v = r.sumber_dana.value
        if v is not None and str(v).strip() and str(v).strip() not in seen:
            seen.append(str(v).strip())
    return ", ".join(seen)


@dataclass
class ProgramFigure(Absorption):
    row: BudgetRow
    pagu: int | None
    realisasi: int | None


@dataclass
class CostRow(Absorption):
    """A row of the cost per outcome table: a PK row with a Kode and its budget."""

    indicator: Indicator
    kode: str
    budget: BudgetRow | None
    metode: str

    @property
    def pagu(self) -> int | None:
        return self.budget.c_pagu if self.budget else None

    @property
    def realisasi(self) -> int | None:
        return self.budget.c_realisasi if self.budget else None

    @property
    def efisiensi(self) -> float | None:
        return efisiensi(self.serapan, self.indicator.capaian, self.metode)

    @property
    def note(self) -> str:
        """Why a figure is missing, in Bahasa Indonesia ('' when every figure is there)."""
        if self.budget is None:
            return f"Kode {self.kode} tidak ada di sheet Realisasi: efisiensi {TIDAK_DAPAT}"
        if self.pagu is None or self.realisasi is None:
            return f"Anggaran kode ini tidak terbaca: efisiensi {TIDAK_DAPAT}"
        if self.serapan is None:
            return f"Pagu 0: serapan dan efisiensi {TIDAK_DAPAT}"
        if self.indicator.capaian is None:
            return f"Capaian {self.indicator.reason or BELUM_DIUKUR}: efisiensi {TIDAK_DAPAT}"
        if self.efisiensi is None:
            divisor = "serapan" if self.metode == "rasio" else "capaian"
            return f"{divisor.capitalize()} 0: efisiensi {TIDAK_DAPAT}"
        return ""


@dataclass
class CostGroup:
    penanggung_jawab: str | None
    rows: list[CostRow]


def cost_groups(indicators: list[Indicator], budget: Budget | None,
                metode: str) -> list[CostGroup]:
    """Per Penanggung Jawab (in PK order), each PK row with a Kode."""
    with_code = [i for i in indicators if i.pk.kode.value]
    groups = []
    for pj, items in group_by(with_code, lambda i: i.penanggung_jawab):
        groups.append(CostGroup(pj, [CostRow(i, i.pk.kode.value, budget_row(budget, i.pk.kode.value),
                                             metode) for i in items]))
    return groups


@dataclass
class BudgetLine:
    """A program / kegiatan in the Perjanjian Kinerja: its Kode with the Anggaran shown
    (the computed Pagu) and what the PK typed for it."""

    kode: str
    budget: BudgetRow | None
    typed: list[tuple[int, PKRow]]  # (sen, row) for every PK row that typed an Anggaran
    uraian_pk: str | None  # the sasaran, used when the code has no Realisasi row

    @property
    def uraian(self) -> str | None:
        if self.budget is not None and self.budget.uraian.value:
            return self.budget.uraian.value
        return self.uraian_pk

    @property
    def anggaran(self) -> int | None:
        """The Anggaran shown: the computed Pagu; the PK's own figure only when the code has
        no Realisasi row."""
        if self.budget is not None:
            return self.budget.c_pagu
        return self.typed[0][0] if self.typed else None

    @property
    def differs(self) -> list[tuple[int, PKRow]]:
        """The typed PK Anggaran figures that differ from the one shown."""
        shown = self.anggaran
        return [(v, r) for v, r in self.typed if v != shown]

    @property
    def sumber_dana(self) -> str:
        return sumber_dana(self.budget) if self.budget is not None else ""


def budget_lines(indicators: list[Indicator], budget: Budget | None) -> list[BudgetLine]:
    """The distinct Kodes of these PK rows, in PK order."""
    lines: dict[tuple[str, ...], BudgetLine] = {}
    for i in indicators:
        kode = i.pk.kode.value
        if not kode:
            continue
        key = code_key(kode)
        line = lines.get(key)
        if line is None:
            line = lines[key] = BudgetLine(kode, budget_row(budget, kode), [], i.pk.sasaran.value)
        amount = i.pk.anggaran.known
        if amount is not None:
            line.typed.append((amount, i.pk))
    return list(lines.values())
