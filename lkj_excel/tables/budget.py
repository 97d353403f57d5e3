"""Realisasi Anggaran: the budget table in tree order, its total, and the rows that could not
be placed (docs/keluaran.md#5-realisasi-anggaran)."""

from __future__ import annotations

from .. import figures as F
from ..contract import TRIWULAN
from .base import Source
from .formulas import difference, not_known, ratio, sum_rows
from .model import AMOUNT, EMPTY, PERCENT, TEXT, TOTAL, Column, Ref, Table, Value
from .text import text

ID = "realisasi_anggaran"
UNPLACED_ID = "realisasi_anggaran_lain"
SHEET = "Realisasi"

COLUMNS = [Column("kode", "Kode"), Column("uraian", "Uraian"), Column("pagu", "Pagu", AMOUNT),
           Column("realisasi", "Realisasi", AMOUNT), Column("sisa", "Sisa", AMOUNT),
           Column("serapan", "Serapan", PERCENT)]

_PAGU, _REAL = Ref("pagu"), Ref("realisasi")
SISA = difference(_PAGU, _REAL)
SERAPAN = ratio(_REAL, _PAGU)
TRIWULAN_INI = difference(_REAL, Ref("realisasi_lalu"))


def serapan(pagu: int | None, realisasi: int | None) -> Value:
    """Serapan = Realisasi ÷ Pagu; with Pagu 0 it cannot be computed (said as text)."""
    if pagu == 0:
        return Value(F.TIDAK_DAPAT, TEXT, None, None, None, "muted")
    if pagu is None or realisasi is None:
        return Value(None, PERCENT, SERAPAN)
    return Value(realisasi / pagu, PERCENT, SERAPAN)


def budget_tables(src: Source) -> tuple[Table, Table | None]:
    """The placed budget rows with their total row, and the rows that could not be placed
    (None when there are none). The row of each budget row is `index[id(row)]`."""
    budget = src.figures.budget
    table = Table(ID, "Realisasi Anggaran", list(COLUMNS))
    tree = list(budget.tree()) if budget is not None else []
    if not tree and (budget is None or budget.total is None):
        table.empty = "Sheet Realisasi tidak ada atau tidak berisi baris anggaran."
        return table, None
    index = {id(b): i for i, b in enumerate(tree)}
    for i, b in enumerate(tree):
        table.add(_row(src, b, index, i), level=b.level or 3, key=b)
    fig = src.figures
    progs = [index[id(p)] for p in budget.programs]
    t = budget.total
    cells: list = [EMPTY, Value("JUMLAH")]
    r = len(tree)
    for field, shown in (("pagu", fig.pagu), ("realisasi", fig.realisasi)):
        f = sum_rows(field, progs) if progs else None
        cells.append(_figure(src, getattr(t, field) if t else None, shown if progs else 0, f,
                             None, r, field))
    cells.append(_figure(src, t.sisa if t else None, fig.sisa, SISA, None, r, "sisa"))
    cells.append(serapan(fig.pagu, fig.realisasi))
    table.add(cells, TOTAL)
    previous = _previous_quarter(src)
    if previous is not None:
        _quarter_columns(table, previous, src.report.triwulan)
    unplaced = None
    if budget.unplaced:
        unplaced = Table(UNPLACED_ID, "Baris yang tidak dapat ditempatkan (tidak ikut dijumlahkan)",
                         [*COLUMNS, Column("keterangan", "Keterangan")])
        for b in budget.unplaced:
            where = f"Realisasi!{b.kode.addr or b.uraian.addr or ''}".rstrip("!")
            ids = src.ids(SHEET, b.kode.addr)
            note = f"{where}: {b.placement_note or 'tidak dapat ditempatkan'}"
            if ids:
                note += f" ({', '.join(ids)})"
            unplaced.add([
                Value(text(b.kode), source=src.where(SHEET, b.kode), mark="placed"),
                Value(text(b.uraian), source=src.where(SHEET, b.uraian), mark="placed"),
                Value(b.c_pagu, AMOUNT, source=src.where(SHEET, b.pagu)),
                Value(b.c_realisasi, AMOUNT, source=src.where(SHEET, b.realisasi)),
                Value(b.c_sisa, AMOUNT, SISA),
                serapan(b.c_pagu, b.c_realisasi),
                Value(note),
            ], key=b)
    return table, unplaced


def _figure(src: Source, val, shown: int | None, formula, kode: str | None, r: int,
            field: str) -> Value:
    """A budget figure shown (computed), highlighted and noted where the typed one differs
    or could not be read, and recorded for Angka Diganti."""
    if val is None:
        return Value(shown, AMOUNT, formula)
    if not val.unknown and (val.value is None or val.value == shown):  # the common case
        return Value(shown, AMOUNT, formula, (SHEET, val))
    note = src.typed_note(SHEET, val, shown)
    if note is None:
        return Value(shown, AMOUNT, formula, (SHEET, val))
    typed = None if val.unknown else val.value
    src.replaced(SHEET, val, kode, typed, shown, AMOUNT, ID, r, field)
    return Value(shown, AMOUNT, formula, (SHEET, val), typed, "typed", note)


def _row(src: Source, b, index: dict[int, int], r: int) -> list[Value]:
    kode_val, uraian_val = b.kode, b.uraian
    if b.placed_by_position:
        ids = src.ids(SHEET, kode_val.addr)
        note = b.placement_note[:1].upper() + b.placement_note[1:]
        note += f"; {', '.join(ids)}" if ids else ""
        kode = Value(text(kode_val), None, None, (SHEET, kode_val), None, "placed", note)
        uraian = Value(text(uraian_val), None, None, (SHEET, uraian_val), None, "placed")
    else:
        v = kode_val.value  # a code is text (read as such); anything else goes through text()
        kode = Value(v if v.__class__ is str else text(kode_val), None, None, (SHEET, kode_val))
        v = uraian_val.value
        uraian = Value(v if v.__class__ is str else text(uraian_val), None, None,
                       (SHEET, uraian_val))
    cells = [kode, uraian]
    code = kode_val.value
    pagu, real = b.c_pagu, b.c_realisasi
    if b.children:
        kids = [index[id(c)] for c in b.children]
        cells.append(_figure(src, b.pagu, pagu, sum_rows("pagu", kids), code, r, "pagu"))
        cells.append(_figure(src, b.realisasi, real, sum_rows("realisasi", kids), code, r,
                             "realisasi"))
    else:
        for field, val, shown in (("pagu", b.pagu, pagu), ("realisasi", b.realisasi, real)):
            if shown is None:  # a leaf whose figure cannot be read: shown as not known
                v = _figure(src, val, shown, not_known(), code, r, field)
                v.mark = "typed"
                cells.append(v)
            else:
                cells.append(_figure(src, val, shown, None, code, r, field))
    sisa = None if pagu is None or real is None else pagu - real
    cells.append(_figure(src, b.sisa, sisa, SISA, code, r, "sisa"))
    cells.append(serapan(pagu, real))
    return cells


def _previous_quarter(src: Source):
    """The previous report when it is triwulan n − 1 of the same year (the columns are left
    out otherwise: docs/keluaran.md#5-realisasi-anggaran)."""
    earlier = getattr(src.report, "earlier", None)
    prev = earlier.previous if earlier is not None else None
    rep = src.report
    if prev is None or rep.triwulan not in TRIWULAN or prev.tahun != rep.tahun:
        return None
    return prev if prev.triwulan == TRIWULAN.index(rep.triwulan) else None


def _quarter_columns(table: Table, previous, triwulan: str) -> None:
    """Realisasi s.d. triwulan lalu (the previous report's computed Realisasi of the same
    Kode, matched as the history checks match it) and Realisasi triwulan ini (= Realisasi −
    that), appended after Serapan; blank for a row that is new this quarter, or whose Kode
    is not one row's alone."""
    from ..archive import match

    lalu = TRIWULAN[TRIWULAN.index(triwulan) - 1]
    table.columns += [Column("realisasi_lalu", f"Realisasi s.d. Triwulan Lalu (TW {lalu})",
                             AMOUNT),
                      Column("realisasi_ini", f"Realisasi Triwulan Ini (TW {triwulan})", AMOUNT)]
    source = previous.version.describe()
    rows = [r.key for r in table.rows if r.role != TOTAL]
    found = match.match_budget(rows, previous.budget)
    programs = [i for i, r in enumerate(table.rows) if r.role != TOTAL and r.level == 1]
    realisasi = table.col("realisasi")
    known = 0
    for i, row in enumerate(table.rows):
        now = row.cells[realisasi].value if row.cells[realisasi] is not None else None
        if row.role == TOTAL:  # the sum of the programs' (a program new this quarter had 0)
            row.cells += [Value(known, AMOUNT, sum_rows("realisasi_lalu", programs)),
                          Value(None if now is None else now - known, AMOUNT, TRIWULAN_INI)]
            continue
        before = match.budget_before(found, row.key, "realisasi")
        if before is None:
            row.cells += [Value(None, AMOUNT), Value(None, AMOUNT)]
            continue
        if i in programs:
            known += before
        row.cells += [Value(before, AMOUNT, note=f"Dari {source}"),
                      Value(None if now is None else now - before, AMOUNT, TRIWULAN_INI)]
