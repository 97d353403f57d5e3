"""Angka Diganti: every figure the LKj shows in place of what the office typed
(docs/keluaran.md#11-angka-diganti), so the printed copy carries what the cell comments carry.
"""

from __future__ import annotations

from ..contract import SHEETS
from .base import Replacement, Source
from .formulas import difference, ref
from .model import TEXT, Column, Ref, Table, Value

ID = "angka_diganti"
COLUMNS = [Column("sheet", "Sheet"), Column("sel", "Sel (input)"), Column("kode", "Kode"),
           Column("tertulis", "Tertulis"), Column("dipakai", "Dipakai"),
           Column("selisih", "Selisih"), Column("sebab", "Sebab")]
RECOMPUTED = "dihitung ulang"
_ORDER = {s.name: i for i, s in enumerate(SHEETS)}


def _position(rep: Replacement) -> tuple:
    addr = rep.val.addr or ""
    letters = "".join(ch for ch in addr if ch.isalpha())
    digits = "".join(ch for ch in addr if ch.isdigit())
    return (_ORDER.get(rep.sheet, len(_ORDER)), int(digits or 0), len(letters), letters)


def replaced_table(src: Source) -> Table:
    """One row per input cell whose typed figure the LKj replaced, in input order."""
    table = Table(ID, "Angka Diganti", list(COLUMNS))
    data = src.report.data
    for rep in sorted(src.replacements, key=_position):
        shown = Ref(rep.col, rep.row, rep.table)
        if rep.typed is None:  # unreadable: what the cell held, as text
            raw = rep.raw
            typed = Value(None if raw is None else str(raw), TEXT, source=(rep.sheet, rep.val))
            selisih = Value(None)
        else:
            typed = Value(rep.typed, rep.kind, source=(rep.sheet, rep.val))
            selisih = (Value(rep.typed - rep.shown, rep.kind, difference(Ref("tertulis"),
                                                                          Ref("dipakai")))
                       if rep.shown is not None else Value(None))
        table.add([
            Value(data.sheets.get(rep.sheet, rep.sheet) if data else rep.sheet),
            Value(rep.val.addr), Value(rep.kode), typed,
            Value(rep.shown, rep.kind, ref(shown)) if rep.shown is not None
            else Value("tidak diketahui", mark="muted"),
            selisih, Value("; ".join(rep.ids) or rep.reason or RECOMPUTED)], key=rep)
    if not table.rows:
        table.empty = ("Tidak ada angka yang diganti: setiap angka yang ditampilkan sama dengan "
                       "yang tertulis di isian.")
    return table

