"""Cost per Outcome: per PK row with a Kode its budget beside its performance, and the
efisiensi (docs/keluaran.md#6-cost-per-outcome)."""

from __future__ import annotations

from .. import figures as F
from .base import Source, value_kind
from .capaian import IndicatorCells
from .formulas import capaian, formula, ratio, ref
from .model import AMOUNT, COUNT, PERCENT, RATIO, TEXT, Column, Ref, Table, Value
from .text import text


def cost_tables(src: Source, ck: dict[int, IndicatorCells], budget_index: dict[int, int],
                budget_table: str) -> list[Table]:
    """One table per Penanggung Jawab (the groups of figures.cost_groups)."""
    metode = src.settings.metode
    eff_kind = RATIO if metode == "rasio" else PERCENT
    columns = [
        Column("no", "No", COUNT), Column("sasaran", "Sasaran"), Column("indikator", "Indikator"),
        Column("kode", "Kode"), Column("pagu", "Pagu", AMOUNT),
        Column("realisasi", "Realisasi", AMOUNT), Column("serapan", "Serapan", PERCENT),
        Column("target", "Target"), Column("realisasi_kinerja", "Realisasi"),
        Column("capaian", "Capaian", PERCENT),
        Column("efisiensi", f"Efisiensi ({F.METODE_TEXT[metode]})", eff_kind),
        Column("keterangan", "Keterangan")]
    groups = [("Anggaran", "pagu", "serapan"), ("Kinerja", "target", "capaian")]
    efisiensi = (formula("efisiensi", "={1}/{0}", Ref("serapan"), Ref("capaian"))
                 if metode == "rasio" else
                 formula("efisiensi", "=1-{0}/{1}", Ref("serapan"), Ref("capaian")))
    tables = []
    for k, g in enumerate(src.figures.cost, 1):
        table = Table(f"cost_{k}", f"Penanggung Jawab: {g.penanggung_jawab or '(tidak tertulis)'}",
                      list(columns), groups=list(groups))
        table.key = g
        for n, cr in enumerate(g.rows, 1):
            table.add(_cost_row(src, n, cr, ck, budget_index, budget_table, eff_kind, efisiensi),
                      key=cr)
        tables.append(table)
    return tables


def _cost_row(src, n, cr: F.CostRow, ck, budget_index, budget_table, eff_kind, efisiensi):
    ind = cr.indicator
    kind = value_kind(ind)
    pk = ind.pk
    row = [Value(n, COUNT), Value(text(pk.sasaran), source=src.where("PK", pk.sasaran)),
           Value(text(pk.indikator), source=src.where("PK", pk.indikator)),
           Value(cr.kode, source=src.where("PK", pk.kode))]
    ra = budget_index.get(id(cr.budget)) if cr.budget is not None else None
    if ra is not None:
        row.append(Value(cr.pagu, AMOUNT, ref(Ref("pagu", ra, budget_table))))
        row.append(Value(cr.realisasi, AMOUNT, ref(Ref("realisasi", ra, budget_table))))
    else:
        row += [Value(cr.pagu, AMOUNT), Value(cr.realisasi, AMOUNT)]
    if cr.serapan is not None:
        row.append(Value(cr.serapan, PERCENT, ratio(Ref("realisasi"), Ref("pagu"))))
    else:
        row.append(Value(F.TIDAK_DAPAT if cr.pagu == 0 else None, mark="muted"))
    cells = ck.get(id(pk))
    row.append(Value(ind.target_cell, kind, ref(cells.target)) if cells and cells.target
               else Value(None, kind))
    row.append(Value(ind.realisasi_cell, kind, ref(cells.realisasi)) if cells and cells.realisasi
               else Value(None))
    if ind.capaian is not None:
        row.append(Value(ind.capaian, PERCENT,
                         capaian(Ref("target"), Ref("realisasi_kinerja"), ind.arah)))
    else:
        row.append(Value(F.BELUM_DIUKUR if ind.reason == F.BELUM_DIUKUR else None, mark="muted"))
    eff = cr.efisiensi
    if eff is not None:
        row.append(Value(eff, eff_kind, efisiensi))
    else:  # why: in Keterangan
        row.append(Value(F.TIDAK_DAPAT, TEXT, mark="muted"))
    row.append(Value(cr.note or None))
    return row
