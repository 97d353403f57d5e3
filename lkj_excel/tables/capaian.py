"""Capaian Kinerja: one table per level (kegiatan and sub kegiatan: per Penanggung Jawab),
each with its capaian rata-rata (docs/keluaran.md#3-capaian-kinerja)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import figures as F
from ..money import format_number
from .base import Source, value_kind
from .formulas import average, capaian, predikat, ref
from .model import COUNT, COVERED, MEAN, PERCENT, TEXT, Column, Ref, Span, Table, Value
from .text import text

COLUMNS = [Column("no", "No", COUNT), Column("sasaran", "Sasaran"), Column("indikator", "Indikator"),
           Column("target", "Target"), Column("realisasi", "Realisasi"),
           Column("capaian", "Capaian", PERCENT), Column("predikat", "Predikat"),
           Column("keterangan", "Keterangan")]


@dataclass
class IndicatorCells:
    """Where an indicator's figures are in Capaian Kinerja (None: the cell shows none)."""

    target: Ref | None
    realisasi: Ref | None
    capaian: Ref | None


def sasaran_cells(inds: list[F.Indicator], src: Source) -> list[tuple[Value, Value]]:
    """No and Sasaran of each indicator: one number per sasaran, a sasaran spanning its
    consecutive indicators."""
    out: list[tuple[Value, Value]] = []
    i = no = 0
    while i < len(inds):
        j = i
        s = inds[i].pk.sasaran.value
        while s and j + 1 < len(inds) and inds[j + 1].pk.sasaran.value == s:
            j += 1
        no += 1
        span = j - i + 1
        out.append((Value(no, COUNT, span=span),
                    Value(text(inds[i].pk.sasaran), source=src.where("PK", inds[i].pk.sasaran),
                          span=span)))
        out.extend((COVERED, COVERED) for _ in range(span - 1))
        i = j + 1
    return out


def capaian_tables(src: Source, derived: dict[str, Ref]) -> tuple[list[Table], dict[int, IndicatorCells]]:
    """The tables, and where each indicator's figures are (by `id(PKRow)`). `derived`: the
    cell of each derived realisation (`Fasilitasi`, `Dokumen Desa`, `RKPDes` ...)."""
    settings = src.settings
    tables: list[Table] = []
    cells: dict[int, IndicatorCells] = {}
    for k, t in enumerate(src.figures.tables):
        tid = f"capaian_{k + 1}"
        table = Table(tid, f"{k + 1}. {t.title}", list(COLUMNS))
        table.key = t
        for ind, (no, sasaran) in zip(t.rows, sasaran_cells(t.rows, src), strict=True):
            r = len(table.rows)
            row, where = _row(src, ind, no, sasaran, derived, settings, tid, r)
            table.add(row, key=ind)
            cells[id(ind.pk)] = where
        n = len(t.rows)
        mean = t.mean
        if mean.count:
            cap = Value(mean.value, PERCENT, average(Span("capaian", 0, n - 1)))
            pred = Value(F.predikat(mean.value, settings), TEXT, predikat(Ref("capaian"), settings))
        else:
            cap = Value(F.BELUM_DIUKUR, mark="muted")
            pred = Value(None)
        table.add([Value("Capaian rata-rata"), COVERED, COVERED, COVERED, COVERED, cap, pred,
                   Value(mean.label)], MEAN, key=mean)
        tables.append(table)
    return tables, cells


def _derived_replaces_typed(src: Source, ind: F.Indicator, real: Value, tid: str, r: int) -> None:
    """A derived realisation shown where PK typed another figure (as the figures show them,
    at two decimals): highlighted, noted and recorded for Angka Diganti."""
    typed = ind.typed_realisasi
    if typed is None or round(typed, 2) == round(ind.realisasi, 2):
        return
    pk = ind.pk
    unit = "%" if ind.is_percent else ""
    real.mark = "typed"
    real.note = f"Tertulis di PK {format_number(typed)}{unit}"
    ids = src.ids("PK", pk.realisasi.addr)
    if ids:
        real.note += "; " + ", ".join(ids)
    src.replaced("PK", pk.realisasi, pk.kode.value, ind.to_sheet(typed), ind.realisasi_cell,
                 real.kind, tid, r, "realisasi")


def _row(src: Source, ind: F.Indicator, no: Value, sasaran: Value, derived: dict[str, Ref],
         settings, tid: str, r: int) -> tuple[list[Value], IndicatorCells]:
    kind = value_kind(ind)
    pk = ind.pk
    if ind.target is not None:
        target = Value(ind.target_cell, kind, source=src.where("PK", pk.target))
    else:
        target = Value(text(pk.target), source=src.where("PK", pk.target), mark="typed")
    derived_ref = derived.get(ind.sumber) if ind.sumber else None
    if ind.realisasi is None:
        real = Value(None)
    elif ind.sumber and derived_ref and ind.is_percent:
        real = Value(ind.realisasi_cell, kind, ref(derived_ref), typed=ind.typed_realisasi)
        _derived_replaces_typed(src, ind, real, tid, r)
    else:
        real = Value(ind.realisasi_cell, kind, source=src.where("PK", pk.realisasi))
    if ind.capaian is not None:
        cap = Value(ind.capaian, PERCENT, capaian(Ref("target"), Ref("realisasi"), ind.arah))
        pred = Value(ind.predikat, TEXT, predikat(Ref("capaian"), settings))
    else:
        why = F.BELUM_DIUKUR if ind.reason == F.BELUM_DIUKUR else F.TIDAK_DAPAT
        cap = Value(why, mark="muted")
        pred = Value(None)
    where = IndicatorCells(
        Ref("target", r, tid) if ind.target is not None else None,
        Ref("realisasi", r, tid) if ind.realisasi is not None else None,
        Ref("capaian", r, tid) if ind.capaian is not None else None)
    return [no, sasaran, Value(text(pk.indikator), source=src.where("PK", pk.indikator)),
            target, real, cap, pred, Value(ind.note or None)], where
