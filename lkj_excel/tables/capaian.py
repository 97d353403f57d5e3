"""Capaian Kinerja: one table per level (kegiatan and sub kegiatan: per Penanggung Jawab),
each with its capaian rata-rata (docs/keluaran.md#3-capaian-kinerja)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import figures as F
from ..contract import TRIWULAN
from ..money import format_number
from .base import Source, value_kind
from .formulas import average, capaian, predikat, ref
from .model import COUNT, COVERED, MEAN, PERCENT, TEXT, Column, Ref, Span, Table, Value
from .text import text

COLUMNS = [Column("no", "No", COUNT), Column("sasaran", "Sasaran"), Column("indikator", "Indikator"),
           Column("target", "Target"), Column("realisasi", "Realisasi"),
           Column("capaian", "Capaian", PERCENT), Column("predikat", "Predikat"),
           Column("keterangan", "Keterangan")]
CAPAIAN_TW = "Capaian terhadap target triwulan"
CAPAIAN_TAHUNAN = "Capaian terhadap target tahunan"


def columns(quarter: int | None) -> list[Column]:
    """The columns of a Capaian Kinerja table: in TW I-III the quarter's target beside the
    year's and the two capaian (docs/angka.md#capaian-triwulan-dan-predikat); in TW IV
    (or when the triwulan is not known) one target and one capaian, as docs/keluaran.md#3-capaian-kinerja lists."""
    if quarter is None:
        return list(COLUMNS)
    return [*COLUMNS[:3], Column("target_tw", f"Target TW {TRIWULAN[quarter - 1]}"),
            Column("target", "Target Tahunan"), Column("realisasi", "Realisasi"),
            Column("capaian_tw", CAPAIAN_TW, PERCENT), Column("capaian", CAPAIAN_TAHUNAN, PERCENT),
            *COLUMNS[6:]]


@dataclass
class IndicatorCells:
    """Where an indicator's figures are in Capaian Kinerja (None: the cell shows none)."""

    target: Ref | None
    realisasi: Ref | None
    capaian: Ref | None  # the capaian tahunan
    capaian_tw: Ref | None = None  # the capaian triwulan, in TW I-III


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
    tables: list[Table] = []
    cells: dict[int, IndicatorCells] = {}
    cols = columns(src.figures.quarter)
    for k, t in enumerate(src.figures.tables):
        tid = f"capaian_{k + 1}"
        table = Table(tid, f"{k + 1}. {t.title}", list(cols))
        table.key = t
        for ind, (no, sasaran) in zip(t.rows, sasaran_cells(t.rows, src), strict=True):
            r = len(table.rows)
            row, where = _row(src, ind, no, sasaran, derived, tid, r)
            table.add([row[c.key] for c in cols], key=ind)
            cells[id(ind.pk)] = where
        table.add(_mean_row(src, t, cols), MEAN, key=t.mean)
        tables.append(table)
    return tables, cells


def mean_column(t: F.CapaianTable) -> str:
    """The column a table's capaian rata-rata stands in."""
    return "capaian_tw" if t.rows and t.rows[0].two_capaian and not t.mean.tahunan else "capaian"


def _mean_row(src: Source, t: F.CapaianTable, cols: list[Column]) -> list[Value]:
    """`Capaian rata-rata` over No … Realisasi, the mean under the capaian it is of, its
    predikat (or why it has none) and its label."""
    mean, settings = t.mean, src.settings
    at = mean_column(t)
    row = {c.key: COVERED for c in cols}
    row.update(no=Value("Capaian rata-rata"), capaian=Value(None), capaian_tw=Value(None),
               predikat=Value(None), keterangan=Value(mean.label))
    if mean.count:
        row[at] = Value(mean.value, PERCENT, average(Span(at, 0, len(t.rows) - 1)))
        if mean.predikat is not None:
            row["predikat"] = predikat_value(mean.predikat, mean.tahunan, Ref(at), settings)
    else:
        row[at] = Value(F.BELUM_DIUKUR, mark="muted")
    if mean.tahunan and mean.predikat is None:
        row["predikat"] = Value(F.no_predikat_text(t.rows), mark="muted")
    return [row[c.key] for c in cols]


def predikat_value(label: str, tahunan: bool, capaian_cell: Ref, settings) -> Value:
    """A predikat with its formula over the capaian cell; labelled where it judges the
    capaian tahunan in TW I-III."""
    suffix = f" ({F.TERHADAP_TAHUNAN})" if tahunan else ""
    return Value(F.predikat_text(label, tahunan), TEXT, predikat(capaian_cell, settings, suffix))


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
         tid: str, r: int) -> tuple[dict[str, Value], IndicatorCells]:
    """The cells of one indicator by column key (the TW I-III keys included), and where its
    figures are."""
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
    cap = _capaian(ind.capaian, ind.reason, "target", ind.arah)
    where = IndicatorCells(
        Ref("target", r, tid) if ind.target is not None else None,
        Ref("realisasi", r, tid) if ind.realisasi is not None else None,
        Ref("capaian", r, tid) if ind.capaian is not None else None)
    row = {"no": no, "sasaran": sasaran,
           "indikator": Value(text(pk.indikator), source=src.where("PK", pk.indikator)),
           "target": target, "realisasi": real, "capaian": cap,
           "keterangan": Value(ind.note or None)}
    settings = src.settings
    if not ind.two_capaian:  # TW IV: the one capaian and its predikat
        row["predikat"] = (predikat_value(ind.predikat, False, Ref("capaian"), settings)
                           if ind.predikat is not None else Value(None))
        return row, where
    row["target_tw"] = _quarter_target(src, ind, kind)
    if ind.capaian_tw is not None:
        row["capaian_tw"] = Value(ind.capaian_tw, PERCENT,
                                  capaian(Ref("target_tw"), Ref("realisasi"), ind.arah))
        where.capaian_tw = Ref("capaian_tw", r, tid)
    elif ind.tw_reason == F.TW_TARGET_BLANK:
        row["capaian_tw"] = Value(None)  # the predikat cell says why
    else:
        row["capaian_tw"] = Value(ind.tw_reason, mark="muted")
    if ind.predikat is not None:
        at = "capaian" if ind.predikat_tahunan else "capaian_tw"
        row["predikat"] = predikat_value(ind.predikat, ind.predikat_tahunan, Ref(at), settings)
    elif ind.tw_reason == F.TW_TARGET_BLANK:
        row["predikat"] = Value(F.TW_TARGET_BLANK, mark="muted")
    else:
        row["predikat"] = Value(None)
    return row, where


def _capaian(value: float | None, reason: str | None, target: str, arah: str) -> Value:
    """A capaian with its formula over the row's target and realisation, or why there is none."""
    if value is not None:
        return Value(value, PERCENT, capaian(Ref(target), Ref("realisasi"), arah))
    return Value(F.BELUM_DIUKUR if reason == F.BELUM_DIUKUR else F.TIDAK_DAPAT, mark="muted")


def _quarter_target(src: Source, ind: F.Indicator, kind: str) -> Value:
    """This triwulan's target as the office typed it: the figure, a 0, or what the cell held
    when it could not be read (highlighted); blank when not given."""
    q = ind.quarter_val
    where = src.where("PK", q)
    if q.unknown:
        return Value(text(q), source=where, mark="typed")
    if q.value is None:
        return Value(None)
    return Value(ind.to_sheet(q.value), kind, source=where)
