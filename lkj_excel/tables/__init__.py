"""The tables of the LKj, built once from a checked report's figures; the workbook writer
(write/workbook/) renders them with formulas, the document writer (write/document/) prints
them as text.

`build(report, settings)` returns `LkjTables`: one attribute per sheet of the LKj workbook
(see each builder module), and `ck`, where each indicator's figures are in Capaian Kinerja.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Source
from .budget import budget_tables
from .capaian import IndicatorCells, capaian_tables, mean_column
from .cost import cost_tables
from .findings import findings_table
from .lists import facilitation_tables, village_tables
from .model import Column, Formula, Ref, Row, Rows, Span, Table, Value
from .perbandingan import comparison_table
from .perjanjian import pk_tables
from .replaced import replaced_table
from .staff import pangkat_table, staff_tables
from .summary import chart_tables, summary_table
from .text import office_line, period

__all__ = ["LkjTables", "build", "Table", "Column", "Row", "Value", "Formula", "Ref", "Span",
           "Rows", "IndicatorCells"]


@dataclass
class LkjTables:
    office_line: str
    period: str
    realisasi_anggaran: Table
    unplaced: Table | None
    budget_index: dict[int, int]  # id(BudgetRow) -> row of realisasi_anggaran
    fasilitasi: Table
    fasilitasi_jumlah: Table | None
    dokumen_desa: Table
    dokumen_desa_jumlah: Table | None
    rekonsiliasi: Table
    angka_diganti: Table
    capaian: list[Table]
    ck: dict[int, IndicatorCells]  # id(PKRow) -> its cells in Capaian Kinerja
    perjanjian: list[tuple[Table, Table | None]]
    perbandingan: Table
    cost: list[Table]
    pegawai: Table
    pegawai_status: Table | None
    ringkasan: Table
    grafik_capaian: Table
    grafik_anggaran: Table
    all: dict[str, Table] = field(default_factory=dict)  # by id
    pegawai_pangkat: Table | None = None  # the document's Bab I (not a workbook sheet)

    def __post_init__(self) -> None:
        tables = [self.realisasi_anggaran, self.unplaced, self.fasilitasi,
                  self.fasilitasi_jumlah, self.dokumen_desa, self.dokumen_desa_jumlah,
                  self.rekonsiliasi, self.angka_diganti, *self.capaian, *(t for pair in self.perjanjian for t in pair),
                  self.perbandingan, *self.cost, self.pegawai, self.pegawai_status,
                  self.ringkasan, self.grafik_capaian, self.grafik_anggaran, self.pegawai_pangkat]
        self.all = {t.id: t for t in tables if t is not None}


def build(report, settings) -> LkjTables:
    """Every table of the LKj of a checked report whose figures are computed."""
    src = Source(report, settings, report.figures)
    data = report.data
    pemda = data.identity.get("Pemerintah Daerah") if data else None
    ra, unplaced = budget_tables(src)
    index = {id(r.key): i for i, r in enumerate(ra.rows) if r.role == "data"}
    fac, fac_sum, fac_pct = facilitation_tables(src)
    docs, docs_sum, doc_pct = village_tables(src)
    derived = dict(doc_pct)
    if fac_pct is not None:
        derived["Fasilitasi"] = fac_pct
    rek = findings_table(report.findings)
    capaian, ck = capaian_tables(src, derived)
    strategis = next((Ref(mean_column(t.key), len(t.rows) - 1, t.id) for t in capaian
                      if t.key.level == "Sasaran Strategis" and t.key.mean.count), None)
    total = Ref("pagu", len(ra.rows) - 1, ra.id) if ra.rows else None
    tingkat = Span("tingkat", 0, max(len(rek.rows) - 1, 0), rek.id, absolute=True)
    per = period(report.tahun, report.triwulan)
    grafik_capaian, grafik_anggaran = chart_tables(src, ck, index, ra.id)
    staff, staff_status = staff_tables(src)
    perjanjian = pk_tables(src, index, ra.id)
    perbandingan = comparison_table(src, ck)  # before Angka Diganti: it may replace figures
    return LkjTables(
        office_line=office_line(report.perangkat_daerah, pemda), period=per,
        realisasi_anggaran=ra, unplaced=unplaced, budget_index=index,
        fasilitasi=fac, fasilitasi_jumlah=fac_sum, dokumen_desa=docs,
        dokumen_desa_jumlah=docs_sum, rekonsiliasi=rek, angka_diganti=replaced_table(src),
        capaian=capaian, ck=ck, perjanjian=perjanjian, perbandingan=perbandingan,
        cost=cost_tables(src, ck, index, ra.id),
        pegawai=staff, pegawai_status=staff_status,
        ringkasan=summary_table(src, per, strategis, total, tingkat),
        grafik_capaian=grafik_capaian, grafik_anggaran=grafik_anggaran,
        pegawai_pangkat=pangkat_table(src))

