"""Ringkasan: who, which period, the headline figures, and the tables behind its two charts
(docs/keluaran.md#1-ringkasan)."""

from __future__ import annotations

import datetime as dt

from .. import figures as F
from .base import Source
from .capaian import IndicatorCells, predikat_value
from .formulas import formula, ratio, ref
from .model import AMOUNT, COUNT, DATE, GROUP, PERCENT, TEXT, Column, Ref, Span, Table, Value
from .text import nip, text

ID, CHART_CAPAIAN_ID, CHART_BUDGET_ID = "ringkasan", "grafik_capaian", "grafik_anggaran"
NO_DATA = "Tidak ada data"


def summary_table(src: Source, period: str, strategis_mean: Ref | None,
                  budget_total: Ref | None, tingkat: Span) -> Table:
    """The Ringkasan rows: Uraian, Nilai, Keterangan (and a fourth column for the capaian
    rata-rata's coverage)."""
    table = Table(ID, "Ringkasan", [Column("uraian", "Uraian"), Column("nilai", "Nilai"),
                                    Column("keterangan", "Keterangan"), Column("cakupan", "")])
    data = src.report.data
    ident = data.identity if data else None

    def item(label: str, value: Value, note: Value | None = None, extra: Value | None = None) -> int:
        return table.add([Value(label), value, note if note is not None else Value(None),
                          extra], key=label)

    if ident is not None:
        for isian in ("Perangkat Daerah", "Pemerintah Daerah"):
            item(isian, Value(text(ident.values.get(isian))))
        item("Periode", Value(period))
        item("Nama Kepala", Value(text(ident.values.get("Nama Kepala"))))
        v = ident.values.get("NIP Kepala")
        item("NIP Kepala", Value(nip(v) if v is not None else None))
        item("Jabatan Kepala", Value(text(ident.values.get("Jabatan Kepala"))))
        tgl = ident.values.get("Tanggal Laporan")
        if tgl is not None and tgl.value is not None:
            kind = DATE if isinstance(tgl.value, dt.date) else TEXT
            item("Tanggal Laporan", Value(tgl.value, kind),
                 Value(text(ident.values.get("Tempat Laporan"))))
    table.add([None, None, None, None])  # a blank row
    table.add([Value("Angka utama"), None, None, None], GROUP)
    fig = src.figures
    settings = src.settings
    mean = fig.strategis
    if strategis_mean is not None and mean.value is not None:
        value = Value(mean.value, PERCENT, ref(strategis_mean))
        pred = (predikat_value(mean.predikat, mean.tahunan, Ref("nilai"), settings)
                if mean.predikat is not None else Value(None))
    else:
        value, pred = Value(F.BELUM_DIUKUR, mark="muted"), Value(None)
    if mean.tahunan and mean.predikat is None:  # TW I-III, a quarter's target not given
        pred = Value(F.no_predikat_text([i for i in fig.indicators
                                         if i.level == "Sasaran Strategis"]), mark="muted")
    item("Capaian rata-rata sasaran strategis", value, pred,
         Value(mean.label if mean.total else "tidak ada sasaran strategis"))
    if budget_total is not None:
        rows = {}
        for label, col, sen in (("Jumlah pagu anggaran (Rp)", "pagu", fig.pagu),
                                ("Jumlah realisasi anggaran (Rp)", "realisasi", fig.realisasi),
                                ("Sisa anggaran (Rp)", "sisa", fig.sisa)):
            cell = Ref(col, budget_total.row, budget_total.table)
            rows[col] = table.add([Value(label), Value(sen, AMOUNT, ref(cell)), None, None])
        if fig.pagu:
            serapan = Value(fig.serapan, PERCENT, ratio(Ref("nilai", rows["realisasi"]),
                                                        Ref("nilai", rows["pagu"])))
        else:
            serapan = Value(F.TIDAK_DAPAT, mark="muted")
        item("Serapan anggaran", serapan, Value("Realisasi ÷ Pagu"))
    else:
        table.add([Value("Anggaran"), Value(NO_DATA), None, None])
    rep = src.report
    err = item("Kesalahan (temuan tingkat Kesalahan)", Value(rep.errors, COUNT, formula(
        "count_if", '=COUNTIF({0},"Kesalahan")', tingkat)), Value("lihat sheet Rekonsiliasi"))
    table.add([Value("Peringatan"), Value(rep.warnings, COUNT, formula(
        "count_if", '=COUNTIF({0},"Peringatan")', tingkat)), None, None])
    verdict = ("Data konsisten" if rep.errors == 0 else f"Perlu diperbaiki: {rep.errors} kesalahan")
    table.add([Value("Kesimpulan"), Value(verdict, TEXT, formula(
        "verdict", '=IF({0}=0,"Data konsisten","Perlu diperbaiki: "&{0}&" kesalahan")',
        Ref("nilai", err))), None, None])
    return table


def chart_tables(src: Source, ck: dict[int, IndicatorCells], budget_index: dict[int, int],
                 budget_table: str) -> tuple[Table, Table]:
    """The data of Grafik 1 (capaian of the sasaran strategis and program indicators) and
    Grafik 2 (pagu and realisasi per program)."""
    fig = src.figures
    cap = Table(CHART_CAPAIAN_ID, "Grafik 1. Capaian kinerja sasaran strategis dan program", [
        Column("kode", "Kode"), Column("indikator", "Indikator"), Column("target", "Target", PERCENT),
        Column("realisasi", "Realisasi", PERCENT), Column("capaian", "Capaian", PERCENT)])
    counters = {"Sasaran Strategis": 0, "Sasaran Program": 0}
    for ind in fig.indicators:
        if ind.level not in counters or id(ind.pk) not in ck:
            continue
        counters[ind.level] += 1
        prefix = "SS" if ind.level == "Sasaran Strategis" else "SP"
        c = ck[id(ind.pk)]
        cap.add([
            Value(f"{prefix}{counters[ind.level]}"),  # the chart's category: short
            Value(text(ind.pk.indikator), source=src.where("PK", ind.pk.indikator)),
            Value(ind.target_cell, PERCENT, ref(c.target)) if ind.is_percent and c.target
            else Value(None, PERCENT),
            Value(ind.realisasi_cell, PERCENT, ref(c.realisasi)) if ind.is_percent and c.realisasi
            else Value(None, PERCENT),
            Value(ind.capaian, PERCENT, ref(c.capaian)) if c.capaian else Value(None, PERCENT),
        ], key=ind)
    budget = Table(CHART_BUDGET_ID, "Grafik 2. Pagu dan realisasi anggaran per program", [
        Column("kode", "Kode"), Column("program", "Program"), Column("pagu", "Pagu", AMOUNT),
        Column("realisasi", "Realisasi", AMOUNT), Column("serapan", "Serapan", PERCENT)])
    for p in fig.programs:
        ra = budget_index.get(id(p.row))
        if ra is None:
            continue
        serapan = (Value(p.serapan, PERCENT, ratio(Ref("realisasi"), Ref("pagu"))) if p.pagu
                   else Value(F.TIDAK_DAPAT, mark="muted"))
        budget.add([Value(text(p.row.kode), source=src.where("Realisasi", p.row.kode)),
                    Value(text(p.row.uraian), source=src.where("Realisasi", p.row.uraian)),
                    Value(p.pagu, AMOUNT, ref(Ref("pagu", ra, budget_table))),
                    Value(p.realisasi, AMOUNT, ref(Ref("realisasi", ra, budget_table))),
                    serapan], key=p)
    return cap, budget
