"""Perbandingan (docs/keluaran.md#4-perbandingan, docs/arsip.md#perbandingan): per
indicator, this year's target, the realisation and capaian tahunan of each quarter so far
(earlier quarters from the archive, this one from Capaian Kinerja), last year's target,
realisation and capaian (last year's TW IV report from the archive, else the typed Tahun
Lalu columns; a column names the source), the change in capaian against last year, and
where given the capaian against the Renstra target and the national standard.

Every capaian here is the capaian tahunan (realisation ÷ the year's target) and carries no
predikat. An earlier quarter's capaian is its realisation against this report's target, so
the row reads as one series (a target retyped since is `history.target_changed`)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from .. import figures as F
from ..contract import TRIWULAN
from .base import Source, value_kind
from .capaian import IndicatorCells
from .formulas import capaian, formula, ref
from .model import COUNT, PERCENT, TEXT, Column, Ref, Table, Value
from .text import text, usable

ID = "perbandingan"
TYPED = "diketik di PK"
CHANGE = formula("perubahan", "={0}-{1}", Ref("capaian"), Ref("capaian_ll"))
DIRECTION = formula("naik_turun", '=IF(ROUND({0},4)>0,"Naik",IF(ROUND({0},4)<0,"Turun","Tetap"))',
                    Ref("perubahan"))


def _q(n: int) -> str:
    return TRIWULAN[n - 1]


class _Earlier:
    """The archived reports this table reads: earlier quarters of the year and last year's
    TW IV, each with this report's indicators matched to its rows (archive.match, as the
    history checks match them)."""

    def __init__(self, report: Any, tw: int) -> None:
        from ..archive import match

        self.match = match
        earlier = getattr(report, "earlier", None)
        pk = report.data.pk if report.data is not None else []
        self.quarters = {}
        if earlier is not None:
            for q in earlier.quarters:
                if q.tahun == report.tahun and q.triwulan < tw:
                    self.quarters[q.triwulan] = (q, self._pairs(pk, q))
        ly = earlier.last_year if earlier is not None else None
        self.last_year = (ly, self._pairs(pk, ly)) if ly is not None else None

    def _pairs(self, pk, report) -> dict[int, Any]:
        pairs, _ = self.match.match_indicators(pk, report.pk)
        return {id(row): rec for row, rec in pairs}

    @staticmethod
    def record(entry, pk):
        return None if entry is None else entry[1].get(id(pk))


def comparison_table(src: Source, ck: dict[int, IndicatorCells]) -> Table:
    rep = src.report
    th = rep.tahun
    tw = TRIWULAN.index(rep.triwulan) + 1 if rep.triwulan in TRIWULAN else None
    quarters = list(range(1, tw + 1)) if tw else []
    earlier = _Earlier(rep, tw or 0)
    inds = list(src.figures.indicators)
    renstra = any(usable(getattr(i.pk, "target_renstra", None)) is not None for i in inds)
    standar = any(usable(getattr(i.pk, "standar_nasional", None)) is not None for i in inds)
    last_year = f"Tahun {th - 1}" if th else "Tahun lalu"
    columns = [Column("no", "No", COUNT), Column("indikator", "Indikator Kinerja"),
               Column("target_ll", "Target"), Column("realisasi_ll", "Realisasi"),
               Column("capaian_ll", "Capaian", PERCENT), Column("sumber_ll", "Sumber"),
               Column("target", "Target")]
    for q in quarters[:-1]:
        columns += [Column(f"realisasi_{q}", f"Realisasi TW {_q(q)}"),
                    Column(f"capaian_{q}", f"Capaian TW {_q(q)}", PERCENT)]
    columns += [Column("realisasi", f"Realisasi TW {_q(tw)}" if tw else "Realisasi"),
                Column("capaian", f"Capaian TW {_q(tw)}" if tw else "Capaian", PERCENT),
                Column("perubahan", "Perubahan Capaian (poin persen)", PERCENT),
                Column("naik_turun", "Naik/ Turun")]
    groups = [(last_year, "target_ll", "sumber_ll"),
              (f"Tahun {th}" if th else "Tahun ini", "target", "capaian"),
              (f"Dibanding {last_year}", "perubahan", "naik_turun")]
    if renstra:
        columns += [Column("target_renstra", "Target"),
                    Column("capaian_renstra", "Capaian", PERCENT)]
        groups.append(("Renstra", "target_renstra", "capaian_renstra"))
    if standar:
        columns += [Column("standar_nasional", "Standar"),
                    Column("capaian_standar", "Capaian", PERCENT)]
        groups.append(("Standar Nasional", "standar_nasional", "capaian_standar"))
    table = Table(ID, "Perbandingan dengan triwulan dan tahun sebelumnya", columns,
                  groups=groups)
    table.key = earlier
    if not inds:
        table.empty = "Sheet PK tidak ada atau tidak berisi indikator."
        return table
    for n, ind in enumerate(inds, 1):
        r = len(table.rows)
        row = [Value(n, COUNT), Value(text(ind.pk.indikator), source=src.where("PK", ind.pk.indikator))]
        c_ll = _last_year(src, ind, earlier, row, r)
        c_now = _this_year(ind, ck.get(id(ind.pk)), earlier, quarters, row)
        row += _change(c_now, c_ll)
        if renstra:
            row += _against(src, ind, "target_renstra")
        if standar:
            row += _against(src, ind, "standar_nasional")
        table.add(row, key=ind)
    return table


def _sheet(ind: F.Indicator, x: Any) -> float | None:
    """A value in the row's units as the sheet shows it (a fraction on percent rows)."""
    if x is None:
        return None
    v = ind.to_sheet(x) if ind.is_percent else x
    return float(v)


def _differs(match: Any, typed: Any, archived: Decimal | None) -> bool:
    """Whether a typed figure differs from the archived one at two decimals, rounded as the
    history checks round them (archive.match)."""
    t = match.exact(typed)
    if t is None or archived is None:
        return False
    return match.two_places(t) != match.two_places(archived)


def _last_year(src: Source, ind: F.Indicator, earlier: _Earlier, row: list, r: int) -> Fraction | None:
    """Target, Realisasi, Capaian and Sumber of last year; returns the capaian."""
    pk, kind = ind.pk, value_kind(ind)
    typed_t, typed_r = usable(pk.target_ll), usable(pk.realisasi_ll)
    rec = earlier.record(earlier.last_year, pk)
    if rec is not None and (rec.target is not None or rec.realisasi is not None):
        report = earlier.last_year[0]
        about = report.version.describe()
        t = rec.target if rec.target is not None else typed_t
        rl = rec.realisasi if rec.realisasi is not None else typed_r
        for col, typed, archived, val in (("target_ll", typed_t, rec.target, pk.target_ll),
                                          ("realisasi_ll", typed_r, rec.realisasi, pk.realisasi_ll)):
            if archived is None:  # not in last year's report: what was typed, if anything
                row.append(Value(_sheet(ind, typed), kind, source=src.where("PK", val)))
            elif _differs(earlier.match, typed, archived):
                src.replaced("PK", val, None, _sheet(ind, typed), _sheet(ind, archived), kind, ID,
                             r, col, reason=f"dari {earlier.match.period_name(report)} di arsip")
                written = earlier.match.written(earlier.match.exact(typed), ind.is_percent)
                row.append(Value(_sheet(ind, archived), kind, source=src.where("PK", val),
                                 typed=_sheet(ind, typed), mark="typed",
                                 note=f"Tertulis di PK {written}; dipakai angka {about}"))
            else:
                row.append(Value(_sheet(ind, archived), kind, note=f"Dari {about}"))
        v = report.version
        sumber = f"{earlier.match.period_name(report)}, versi {v.versi}"
    else:
        t, rl = typed_t, typed_r
        row += [Value(_sheet(ind, t), kind, source=src.where("PK", pk.target_ll)),
                Value(_sheet(ind, rl), kind, source=src.where("PK", pk.realisasi_ll))]
        sumber = None
        if t is not None or rl is not None:
            sumber = TYPED
            if earlier.last_year is not None:
                sumber += f" (tidak ada di {earlier.match.period_name(earlier.last_year[0])})"
    c = F.capaian_exact(t, rl, ind.arah)
    row.append(Value(float(c), PERCENT, capaian(Ref("target_ll"), Ref("realisasi_ll"), ind.arah))
               if c is not None else Value(None))
    row.append(Value(sumber, TEXT))
    return c


def _this_year(ind: F.Indicator, cells: IndicatorCells | None, earlier: _Earlier,
               quarters: list[int], row: list) -> Fraction | None:
    """This year's Target, the earlier quarters' Realisasi and Capaian, and this quarter's;
    returns this quarter's capaian tahunan."""
    kind = value_kind(ind)
    row.append(Value(ind.target_cell, kind, ref(cells.target)) if cells and cells.target
               else Value(None, kind))
    for q in quarters[:-1]:
        entry = earlier.quarters.get(q)
        rec = earlier.record(entry, ind.pk)
        real = rec.realisasi if rec is not None else None
        if real is None:
            why = ("tidak ada di arsip" if entry is None else
                   f"indikator ini tidak ada di {earlier.match.period_name(entry[0])}"
                   if rec is None else "belum diukur")
            row += [Value(None, kind, note=why.capitalize()), Value(None)]
            continue
        row.append(Value(_sheet(ind, real), kind, note=f"Dari {entry[0].version.describe()}"))
        c = F.capaian_exact(ind.target, real, ind.arah)
        row.append(Value(float(c), PERCENT, capaian(Ref("target"), Ref(f"realisasi_{q}"), ind.arah))
                   if c is not None else Value(None))
    row.append(Value(ind.realisasi_cell, kind, ref(cells.realisasi)) if cells and cells.realisasi
               else Value(None))
    c = ind.capaian_exact  # the capaian tahunan of Capaian Kinerja
    if c is not None:
        row.append(Value(float(c), PERCENT, capaian(Ref("target"), Ref("realisasi"), ind.arah)))
    else:
        row.append(Value(F.BELUM_DIUKUR if ind.reason == F.BELUM_DIUKUR else None, mark="muted"))
    return c


def _change(now: Fraction | None, last: Fraction | None) -> list[Value]:
    """The change in capaian against last year (a difference of two percentages: shown as
    percentage points) and its direction, Tetap when it rounds to 0.00 points."""
    if now is None or last is None:
        return [Value(None), Value(None)]
    change = now - last
    rounded = round(change, 4)
    word = "Naik" if rounded > 0 else "Turun" if rounded < 0 else "Tetap"
    return [Value(float(change), PERCENT, CHANGE), Value(word, TEXT, DIRECTION)]


def _against(src: Source, ind: F.Indicator, field: str) -> list[Value]:
    """A target of another kind (Renstra, national standard) and the capaian against it."""
    val = getattr(ind.pk, field, None)
    target = usable(val)
    kind = value_kind(ind)
    shown = Value(_sheet(ind, target), kind, source=src.where("PK", val))
    c = F.capaian_exact(target, ind.realisasi, ind.arah)
    if c is None:
        return [shown, Value(None)]
    return [shown, Value(float(c), PERCENT, capaian(Ref(field), Ref("realisasi"), ind.arah))]


def notes(table: Table) -> list[str]:
    """What the table's figures are and where the earlier ones came from, printed under the
    table (cell comments do not print) by the workbook and the document alike."""
    earlier = table.key
    lines = ["Target dan realisasi kumulatif sampai akhir triwulan; capaian = realisasi ÷ "
             "target tahun itu (capaian tahunan, tanpa predikat); perubahan = capaian triwulan "
             "ini − capaian akhir tahun lalu, dalam poin persen."]
    if earlier is None or earlier.last_year is None:
        lines.append("Tahun lalu: Target dan Realisasi Tahun Lalu yang diketik di PK.")
    if earlier is None:
        return lines
    for _, (report, _rows) in sorted(earlier.quarters.items()):
        lines.append(f"Realisasi TW {_q(report.triwulan)}: {report.version.describe()}.")
    if earlier.last_year is not None:
        lines.append(f"Tahun lalu: {earlier.last_year[0].version.describe()}; indikator yang "
                     "tidak ada di laporan itu memakai angka yang diketik di PK.")
    return lines
