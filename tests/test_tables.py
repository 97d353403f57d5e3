"""The LKj tables as data (lkj_excel/tables): values, their input cells, what was typed,
and the formula intents the workbook writer turns into formulas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from builders import clean_book, run

from lkj_excel import figures as F
from lkj_excel import tables as T
from lkj_excel.pipeline import check_source
from lkj_excel.settings import Settings
from lkj_excel.tables.findings import findings_table
from lkj_excel.tables.model import AMOUNT, COVERED, MEAN, PERCENT, TOTAL, source_text
from lkj_excel.write.workbook import write_lkj
from lkj_excel.write.workbook.context import Placement, excel

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"


def build(rep, settings=None):
    settings = settings or Settings()
    if settings != Settings():  # the figures of other settings (predikat labels)
        rep.figures = F.compute(rep.data, settings)
    return T.build(rep, settings)


@pytest.fixture(scope="module")
def sample():
    rep = check_source(SAMPLE, str(SAMPLE))
    return rep, build(rep)


def row_of(table, kode):
    return next(i for i, r in enumerate(table.rows) if r.cells[0].value == kode)


def test_budget_row_keeps_its_input_cell_what_was_typed_and_the_sum_intent(sample):
    rep, t = sample
    ra = t.realisasi_anggaran
    i = row_of(ra, "7.01.01")
    row = ra.rows[i]
    pagu = row.cells[ra.col("pagu")]
    assert (pagu.value, pagu.kind) == (1_592_719_562_00, AMOUNT)  # the computed figure, in sen
    assert source_text(pagu) == "Realisasi!C3"
    assert pagu.mark == "typed" and pagu.note == "Tertulis Rp 1.587.606.347; budget.sum_pagu"
    assert pagu.formula.op == "sum"
    # the sum is over exactly the rows of its children
    kids = [ra.rows.index(next(r for r in ra.rows if r.key is c)) for c in row.key.children]
    assert pagu.formula.args[0].rows == kids and len(kids) >= 3
    sisa = row.cells[ra.col("sisa")]
    assert sisa.formula.op == "difference" and sisa.note == "Tertulis Rp 1.302.711.890"
    assert sisa.value == pagu.value - row.cells[ra.col("realisasi")].value
    serapan = row.cells[ra.col("serapan")]
    assert serapan.kind == PERCENT and serapan.formula.op == "ratio"
    total = ra.rows[-1]
    assert total.role == TOTAL and total.cells[1].value == "JUMLAH"
    assert total.cells[2].value == rep.figures.pagu


def test_budget_row_placed_by_position_says_so(sample):
    _rep, t = sample
    ra = t.realisasi_anggaran
    kode = ra.rows[row_of(ra, "7.01.01.01.2")].cells[0]
    assert kode.mark == "placed"
    assert kode.note == ("Ditempatkan di bawah program 7.01.01 (baris 3) menurut posisinya; "
                         "budget.code_format")


def test_pk_budget_line_refers_to_the_realisasi_anggaran_row_of_its_code(sample):
    _rep, t = sample
    programs = t.perjanjian[1][1]
    line = programs.rows[0]
    anggaran = line.cells[programs.col("anggaran")]
    ref = anggaran.formula.args[0]
    assert anggaran.formula.op == "ref" and ref.table == "realisasi_anggaran" and ref.col == "pagu"
    target = t.realisasi_anggaran.rows[ref.row]
    assert target.cells[0].value == line.cells[programs.col("kode")].value == "7.01.01"
    assert anggaran.value == target.cells[2].value
    assert programs.rows[-1].role == TOTAL
    assert programs.rows[-1].cells[3].value == sum(r.cells[3].value for r in programs.rows[:-1])


def test_derived_realisation_refers_to_the_percentage_of_its_list(sample):
    rep, t = sample
    ck = t.capaian[0]
    first = ck.rows[0]
    real = first.cells[ck.col("realisasi")]
    ref = real.formula.args[0]
    assert (ref.table, ref.col) == ("fasilitasi_jumlah", "ya_dihitung")
    pct = t.fasilitasi_jumlah.rows[ref.row].cells[3]
    assert pct.value == pytest.approx(real.value) == pytest.approx(30 / 63)
    assert real.typed == 49  # what PK typed beside the derived figure (PK!I3)
    # a sasaran spans its indicators: the rows below it hold COVERED (Sasaran Program: the
    # sixth sasaran has three indicators, RKPDes, APBDes and LPPDes)
    program = t.capaian[1]
    assert program.rows[-1].role == MEAN
    spans = [r.cells[1] for r in program.rows[:-1]]
    assert [None if c is COVERED else c.span for c in spans] == [1, 1, 1, 1, 1, 3, None, None]


def test_findings_table_selisih_is_exact():
    from lkj_excel.findings import Finding

    fs = [Finding("budget.sum_pagu", "Realisasi", "C3", "m", found=Decimal("1587606347"),
                  expected=Decimal("1592719562.50")),
          Finding("pk.derived_mismatch", "PK", "I3", "m", found=47.62, expected=47.6190476),
          Finding("staff.nip_format", "Pegawai", "C3", "m", found="123")]
    table = findings_table(fs)
    sel = [r.cells[table.col("selisih")] for r in table.rows]
    assert (sel[0].value, sel[0].kind) == (-5_113_215_50, AMOUNT)
    assert sel[1].kind == PERCENT and sel[1].value == pytest.approx(0.0000095240, abs=1e-12)
    assert sel[2].value is None and sel[2].formula is None
    here = Placement("Rekonsiliasi", [4, 5, 6], {c.key: k for k, c in enumerate(table.columns)})
    assert excel(sel[0].formula, here, 4) == "=G5-H5"


def test_every_table_value_is_written_where_the_workbook_says(tmp_path):
    """The workbook shows each table value in the cell its placement names: the Realisasi
    Anggaran values and formulas row by row."""
    rep = run(clean_book(), tmp_path)
    t = build(rep)
    out = write_lkj(rep, Settings(), tmp_path / "lkj.xlsx", __import__("datetime").datetime(2024, 1, 2), t)
    ws = openpyxl.load_workbook(out)["Realisasi Anggaran"]
    wv = openpyxl.load_workbook(out, data_only=True)["Realisasi Anggaran"]
    ra = t.realisasi_anggaran
    for i, row in enumerate(ra.rows):
        r = 5 + i  # title rows 1-3, header 4
        assert wv.cell(r, 3).value == F.rupiah(row.cells[2].value)
        if row.cells[2].formula is not None:
            assert ws.cell(r, 3).value.startswith("=SUM(")
    assert ws.cell(5 + len(ra.rows) - 1, 2).value == "JUMLAH"


def test_predikat_labels_with_braces_stay_literal(tmp_path):
    """A settings label is text inside a formula template: braces in it are not placeholders."""
    settings = Settings(label=("Sangat {Tinggi}", "Tinggi", "Sedang", "Rendah", "{x}"))
    wb = clean_book()
    wb["Identitas"]["B6"] = "IV"  # TW IV: every capaian gets its predikat
    rep = run(wb, tmp_path)
    t = build(rep, settings)
    out = write_lkj(rep, settings, tmp_path / "lkj.xlsx", __import__("datetime").datetime(2024, 1, 2), t)
    ws = openpyxl.load_workbook(out)["Capaian Kinerja"]
    formulas = [c.value for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=IF(ROUND(")]
    assert formulas and all('"Sangat {Tinggi}"' in f and '"{x}"' in f for f in formulas)
