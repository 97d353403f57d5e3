"""The LKj workbook: the sample processed, read back with openpyxl (formulas and stored
values), hostile text, settings, output names, and a LibreOffice round trip."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from lkj_excel import figures as F
from lkj_excel.api import process
from lkj_excel.errors import OutputError
from lkj_excel.pipeline import check_source
from lkj_excel.settings import Settings
from lkj_excel.single import output_name, output_path, process_one
from lkj_excel.write.workbook import SHEETS, write_lkj

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
RUN_TIME = dt.datetime(2024, 4, 5, 6, 7, 8)
TYPED_FILL = "FFFFEB9C"
PLACED_FILL = "FFFCE4D6"

HOSTILE_URAIAN = '=HYPERLINK("http://x","y")'
HOSTILE_SASARAN = "+1"
HOSTILE_FAS = "@SUM(1)"
HOSTILE_NAMA = "-2"


# --- a small evaluator for the formulas the writer uses ------------------------------------------

_TOKEN = re.compile(r"""
    \s*(?:
      (?P<str>"(?:[^"]|"")*")
    | (?P<ref>(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
    | (?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
    | (?P<func>[A-Z][A-Z0-9.]*)\(
    | (?P<op><=|>=|<>|[-+*/&=<>(),])
    )""", re.VERBOSE)


class _NA(Exception):
    pass


class Evaluator:
    """Evaluate one formula against the stored values of the cells it refers to."""

    def __init__(self, values: openpyxl.Workbook, sheet: str) -> None:
        self.values = values
        self.sheet = sheet

    def tokens(self, text: str) -> list[tuple[str, str]]:
        out, pos = [], 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            assert m and m.end() > pos, f"cannot read formula at {text[pos:]!r}"
            kind = m.lastgroup
            out.append((kind, m.group(kind)))
            pos = m.end()
        return out

    def __call__(self, formula: str):
        assert formula.startswith("=")
        self.toks = self.tokens(formula[1:])
        self.i = 0
        try:
            v = self.compare()
        except _NA:
            return "#N/A"
        assert self.i == len(self.toks), f"trailing tokens in {formula}"
        return v

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None:
            assert tok[1] == value, f"expected {value}, got {tok}"
        self.i += 1
        return tok

    def compare(self):
        left = self.concat()
        while self.peek()[1] in ("=", "<", ">", "<=", ">=", "<>"):
            op = self.take()[1]
            right = self.concat()
            a, b = _cmp(left, right), _cmp(right, left)
            if op == "=":
                left = a == b
            elif op == "<>":
                left = a != b
            elif op == "<":
                left = a < b
            elif op == ">":
                left = a > b
            elif op == "<=":
                left = a <= b
            else:
                left = a >= b
        return left

    def concat(self):
        left = self.additive()
        while self.peek()[1] == "&":
            self.take()
            right = self.additive()
            left = _str(left) + _str(right)
        return left

    def additive(self):
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = self.term()
            left = _num(left) + _num(right) if op == "+" else _num(left) - _num(right)
        return left

    def term(self):
        left = self.unary()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = self.unary()
            if op == "*":
                left = _num(left) * _num(right)
            else:
                assert _num(right) != 0, "division by zero in a formula"
                left = _num(left) / _num(right)
        return left

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return -_num(self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            cells = self.cells(text)
            return cells if ":" in text else cells[0]
        if text == "(":
            v = self.compare()
            self.take(")")
            return v
        if kind == "func":
            args = []
            if self.peek()[1] != ")":
                args.append(self.compare())
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.compare())
            self.take(")")
            return self.call(text, args)
        raise AssertionError(f"unexpected token {text!r}")

    def cells(self, ref: str) -> list:
        sheet = self.sheet
        if "!" in ref:
            sheet, ref = ref.rsplit("!", 1)
            sheet = sheet.strip("'").replace("''", "'")
        ws = self.values[sheet]
        ref = ref.replace("$", "")
        if ":" in ref:
            c1, r1, c2, r2 = range_boundaries(ref)
        else:
            c1, r1, c2, r2 = range_boundaries(f"{ref}:{ref}")
        out = []
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                v = ws.cell(r, c).value
                if v == "#N/A":
                    raise _NA()
                out.append(v)
        return out

    def call(self, name: str, args: list):
        flat = []
        for a in args:
            flat.extend(a if isinstance(a, list) else [a])
        numbers = [v for v in flat if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if name == "SUM":
            return sum(numbers)
        if name == "AVERAGE":
            return sum(numbers) / len(numbers)
        if name == "COUNT":
            return len(numbers)
        if name == "COUNTBLANK":
            return sum(1 for v in flat if v is None or v == "")
        if name == "ROWS":
            return len(args[0])
        if name == "COUNTIF":
            return sum(1 for v in args[0] if v == args[1])
        if name == "COUNTIFS":
            pairs = list(zip(args[0::2], args[1::2], strict=True))
            n = len(pairs[0][0])
            return sum(1 for k in range(n) if all(rng[k] == crit for rng, crit in pairs))
        if name == "SUMIF":
            return sum(s or 0 for v, s in zip(args[0], args[2], strict=True) if v == args[1])
        if name == "IF":
            return args[1] if args[0] else args[2]
        if name == "OR":
            return any(flat)
        if name == "ROUND":
            return round(_num(args[0]), int(args[1]))
        if name == "NA":
            raise _NA()
        raise AssertionError(f"function {name} is not expected in the LKj workbook")


def _num(v):
    if v is None:
        return 0
    if isinstance(v, list):
        assert len(v) == 1
        return _num(v[0])
    assert isinstance(v, (int, float)), f"not a number: {v!r}"
    return v


def _str(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _cmp(v, other):
    """Excel's comparison order: numbers (and dates) < text < TRUE/FALSE; a blank is 0
    against a number and "" against text."""
    if isinstance(v, list):
        v = v[0]
    if isinstance(other, list):
        other = other[0]
    if v is None:
        v = "" if isinstance(other, str) or other is None else 0
    if isinstance(v, bool):
        return (2, v)
    if isinstance(v, dt.datetime):
        return (0, v.toordinal())
    if isinstance(v, (int, float)):
        return (0, v)
    return (1, str(v).lower())


# --- fixtures ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lkj")


@pytest.fixture(scope="module")
def processed(out_dir):
    report = process_one(SAMPLE, str(SAMPLE), out_dir, Settings(), RUN_TIME)
    return report


@pytest.fixture(scope="module")
def book(processed):
    return openpyxl.load_workbook(processed.output)


@pytest.fixture(scope="module")
def values(processed):
    return openpyxl.load_workbook(processed.output, data_only=True)


def col_width(ws, idx: int) -> float | None:
    """A column's width (xlsxwriter writes equal neighbours as one <col min max> range)."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= idx <= (dim.max or dim.min):
            return dim.width
    return None


def find_row(ws, col: str, value, start: int = 1) -> int:
    for r in range(start, ws.max_row + 1):
        if ws[f"{col}{r}"].value == value:
            return r
    raise AssertionError(f"{value!r} not found in column {col} of {ws.title}")


# --- the sample ------------------------------------------------------------------------------------

def test_output_written_and_named(processed, out_dir):
    assert processed.output == str(out_dir / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx")
    assert Path(processed.output).is_file()
    assert not list(out_dir.glob(".*.tmp"))


def test_twelve_sheets_in_order(book):
    assert book.sheetnames == list(SHEETS)
    assert book.sheetnames == ["Ringkasan", "Perjanjian Kinerja", "Capaian Kinerja",
                               "Perbandingan", "Realisasi Anggaran", "Cost per Outcome",
                               "Fasilitasi", "Dokumen Desa", "Pegawai", "Rekonsiliasi",
                               "Angka Diganti", "Metode"]


def test_title_rows_on_every_sheet(values):
    for ws in values.worksheets:
        assert ws["A1"].value, ws.title
        assert ws["A2"].value == "Kecamatan Tempursari, Kabupaten Lumajang"
        assert ws["A3"].value == "Triwulan I Tahun 2023"


def test_capaian_sasaran_strategis(book, values):
    ws, wv = book["Capaian Kinerja"], values["Capaian Kinerja"]
    # each table: its heading, then its own header row (output.md's names; TW I: the quarter's
    # target and the year's, and the capaian against each, archive.md)
    assert ws["A4"].value == "1. Sasaran Strategis"
    assert [ws.cell(5, c).value for c in range(1, 11)] == [
        "No", "Sasaran", "Indikator", "Target TW I", "Target Tahunan", "Realisasi",
        "Capaian terhadap target triwulan", "Capaian terhadap target tahunan", "Predikat",
        "Keterangan"]
    r1 = find_row(wv, "C", "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti")
    r2 = find_row(wv, "C", "Rata- rata persentase desa yang menyusun dokumen administrasi "
                           "pemerintahan desa tepat waktu")
    # derived realisations point at the lists they come from
    assert ws[f"F{r1}"].value.startswith("='Fasilitasi'!")
    assert ws[f"F{r2}"].value.startswith("='Dokumen Desa'!")
    assert wv[f"E{r1}"].value == pytest.approx(0.9)
    assert wv[f"F{r1}"].value == pytest.approx(30 / 63)
    assert wv[f"F{r2}"].value == pytest.approx(7 / 21)
    # the sample is template version 1: no Target TW I, so no capaian triwulan and no
    # predikat; the capaian against the year's target stands, without a judgement
    for r in (r1, r2):
        assert ws[f"D{r}"].value is None and ws[f"G{r}"].value is None
        assert ws[f"H{r}"].value == f"=F{r}/E{r}"
        assert wv[f"I{r}"].value == "target triwulan tidak diisi"
        assert ws[f"I{r}"].font.i  # an explanation, not a figure
    assert wv[f"H{r1}"].value == pytest.approx(0.5291, abs=1e-4)
    assert wv[f"H{r2}"].value == pytest.approx(0.3704, abs=1e-4)
    assert "30 dari 63 item ditindaklanjuti" in wv[f"J{r1}"].value
    assert "7 dari 21 dokumen" in wv[f"J{r2}"].value
    mean = r2 + 1
    assert wv[f"A{mean}"].value == "Capaian rata-rata"
    assert f"A{mean}:F{mean}" in {str(m) for m in ws.merged_cells.ranges}
    assert ws[f"G{mean}"].value is None  # no triwulan mean: no row has its quarter target
    assert ws[f"H{mean}"].value == f"=AVERAGE(H{r1}:H{r2})"
    assert wv[f"H{mean}"].value == pytest.approx((30 / 63 / 0.9 + 7 / 21 / 0.9) / 2)
    assert wv[f"I{mean}"].value == "target triwulan tidak diisi"
    assert wv[f"J{mean}"].value == "rata-rata 2 dari 2 indikator terhadap target tahunan"
    for cell in (f"E{r1}", f"F{r1}", f"H{r1}", f"H{mean}"):
        assert ws[cell].number_format == "0.00%"
    assert not any(v in ("Rendah", "Sangat Rendah") for row in wv.iter_rows(values_only=True)
                   for v in row)  # the point of issue 12: no judgement three months in


def test_capaian_one_table_per_level_and_penanggung_jawab(values):
    ws = values["Capaian Kinerja"]
    bands = [ws[f"A{r}"].value for r in range(1, ws.max_row + 1)
             if isinstance(ws[f"A{r}"].value, str) and re.match(r"^\d\. ", ws[f"A{r}"].value)]
    assert bands == ["1. Sasaran Strategis", "2. Sasaran Program",
                     "3. Sasaran Kegiatan: Sekretaris Kecamatan",
                     "4. Sasaran Kegiatan: Kasi Pelayanan Umum"]


def test_realisasi_anggaran_totals(book, values):
    ws, wv = book["Realisasi Anggaran"], values["Realisasi Anggaran"]
    assert [ws.cell(4, c).value for c in range(1, 7)] == [
        "Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Serapan"]  # output.md's names
    t = find_row(wv, "B", "JUMLAH")
    assert wv[f"C{t}"].value == 1913315062
    assert wv[f"D{t}"].value == 328094457
    assert wv[f"E{t}"].value == 1585220605
    assert ws[f"C{t}"].value.startswith("=SUM(")
    assert ws[f"E{t}"].value == f"=C{t}-D{t}"
    assert ws[f"F{t}"].value == f"=D{t}/C{t}"
    assert wv[f"F{t}"].value == pytest.approx(328094457 / 1913315062)


def test_program_shows_the_sum_of_its_kegiatan_with_the_typed_figure_in_a_comment(book, values):
    ws, wv = book["Realisasi Anggaran"], values["Realisasi Anggaran"]
    r = find_row(wv, "A", "7.01.01")
    assert ws[f"C{r}"].value.startswith("=SUM(")
    assert wv[f"C{r}"].value == 1592719562
    assert "Tertulis Rp 1.587.606.347; budget.sum_pagu" in ws[f"C{r}"].comment.text
    assert ws[f"C{r}"].fill.fgColor.rgb == TYPED_FILL
    # the typed Sisa differs too, without a finding of its own
    assert ws[f"E{r}"].comment.text == "Tertulis Rp 1.302.711.890"
    assert ws[f"E{r}"].value == f"=C{r}-D{r}"
    assert ws[f"F{r}"].value == f"=D{r}/C{r}"
    assert ws[f"C{r}"].font.b
    # a consistent figure has neither highlight nor comment
    assert ws[f"D{r}"].comment is None
    k = find_row(wv, "A", "7.01.06.2.01")
    assert "Tertulis Rp 176.175.000; budget.sum_pagu" in ws[f"C{k}"].comment.text
    assert wv[f"C{k}"].value == 178175000


def test_realisasi_anggaran_tree_order_outline_and_placement(book, values):
    ws, wv = book["Realisasi Anggaran"], values["Realisasi Anggaran"]
    report = check_source(SAMPLE, str(SAMPLE))
    codes = [b.kode.value for b in report.figures.budget.tree()]
    shown = [wv[f"A{r}"].value for r in range(5, 5 + len(codes))]
    assert shown == codes
    for r, b in zip(range(5, 5 + len(codes)), report.figures.budget.tree(), strict=True):
        assert (ws.row_dimensions[r].outline_level or 0) == b.level - 1
        assert bool(ws[f"A{r}"].font.b) == (b.level <= 2)
        if b.placed_by_position:
            assert ws[f"A{r}"].fill.fgColor.rgb == PLACED_FILL
            assert ws[f"A{r}"].comment is not None
    r = find_row(wv, "A", "7.01.7.01.00.01")
    assert ws[f"A{r}"].fill.fgColor.rgb == PLACED_FILL
    assert "budget.code_format" in ws[f"A{r}"].comment.text
    assert ws[f"C{r}"].number_format == "#,##0"


def test_every_formula_stores_the_value_it_computes(book, values):
    n = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                n += 1
                formula = cell.value
                assert "*100" not in formula.replace(" ", ""), formula
                stored = values[ws.title][cell.coordinate].value
                got = Evaluator(values, ws.title)(formula)
                where = f"{ws.title}!{cell.coordinate} {formula}"
                if isinstance(stored, (int, float)) and not isinstance(stored, bool):
                    assert isinstance(got, (int, float)), where
                    assert got == pytest.approx(stored, rel=1e-9, abs=1e-9), where
                else:
                    assert got == stored, where
    assert n > 300


def test_derived_figures_are_formulas(book):
    ws = book["Cost per Outcome"]
    formulas = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert any(f.startswith("='Realisasi Anggaran'!C") for f in formulas)
    assert any(re.fullmatch(r"=1-G\d+/J\d+", f) for f in formulas)
    assert any(re.fullmatch(r"=F\d+/E\d+", f) for f in formulas)


def test_cost_per_outcome(values):
    ws = values["Cost per Outcome"]
    r = find_row(ws, "D", "7.01.01.01.2")
    assert ws[f"E{r}"].value == 10000000
    assert ws[f"F{r}"].value == 1500000
    assert ws[f"G{r}"].value == pytest.approx(0.15)
    assert ws[f"J{r}"].value == pytest.approx(15 / 90)
    assert ws[f"K{r}"].value == pytest.approx(1 - 0.15 / (15 / 90))
    zero = find_row(ws, "D", "7.01.01.2.07")
    assert ws[f"K{zero}"].value == F.TIDAK_DAPAT  # output.md: divisor 0
    assert F.TIDAK_DAPAT in ws[f"L{zero}"].value
    assert [ws.cell(5, c).value for c in range(5, 11)] == [
        "Pagu", "Realisasi", "Serapan", "Target", "Realisasi", "Capaian"]
    groups = [ws[f"A{x}"].value for x in range(1, ws.max_row + 1)
              if str(ws[f"A{x}"].value or "").startswith("Penanggung Jawab: ")]
    assert groups == ["Penanggung Jawab: Camat", "Penanggung Jawab: Sekretaris Kecamatan",
                      "Penanggung Jawab: Kasi Pelayanan Umum"]


def test_perjanjian_kinerja_programs_and_kegiatan(book, values):
    ws, wv = book["Perjanjian Kinerja"], values["Perjanjian Kinerja"]
    total = find_row(wv, "B", "Total")
    assert wv[f"E{total}"].value == 1913315062
    assert ws[f"E{total}"].value.startswith("=SUM(")
    p = find_row(wv, "D", "7.01.01")
    assert ws[f"E{p}"].value.startswith("='Realisasi Anggaran'!C")
    assert wv[f"E{p}"].value == 1592719562
    assert wv[f"F{p}"].value == "DAU"
    jumlah = [r for r in range(1, wv.max_row + 1) if wv[f"B{r}"].value == "Jumlah"]
    assert len(jumlah) == 2  # Sekretaris Kecamatan and Kasi Pelayanan Umum
    assert wv[f"E{jumlah[-1]}"].value == 6138000


def test_pk_anggaran_differing_from_the_pagu_is_highlighted(tmp_path):
    src = tmp_path / "pk-beda.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["PK"]
    r = next(r for r in range(3, ws.max_row + 1) if ws[f"K{r}"].value == "7.01.02")
    ws[f"L{r}"].value = 6100000
    wb.save(src)
    report = process_one(src, str(src), tmp_path, Settings(), RUN_TIME)
    pk = openpyxl.load_workbook(report.output)["Perjanjian Kinerja"]
    row = find_row(pk, "D", "7.01.02")
    assert pk[f"E{row}"].fill.fgColor.rgb == TYPED_FILL
    assert pk[f"E{row}"].comment.text.startswith("Tertulis di PK Rp 6.100.000")
    assert "pk.budget_mismatch" in pk[f"E{row}"].comment.text


def test_rekonsiliasi_lists_every_finding(book, values):
    report = check_source(SAMPLE, str(SAMPLE))
    ws, wv = book["Rekonsiliasi"], values["Rekonsiliasi"]
    assert [c.value for c in ws[4]][:10] == ["No", "Check", "Tingkat", "Sheet", "Sel", "Kode",
                                            "Ditemukan", "Seharusnya", "Selisih", "Keterangan"]
    rows = list(range(5, 5 + len(report.findings)))
    assert wv.max_row == rows[-1]
    assert [wv[f"B{r}"].value for r in rows] == [f.check for f in report.findings]
    assert [wv[f"C{r}"].value for r in rows] == [
        "Kesalahan" if f.is_error else "Peringatan" for f in report.findings]
    assert [wv[f"E{r}"].value for r in rows] == [f.cell for f in report.findings]
    assert [wv[f"J{r}"].value for r in rows] == [f.message for f in report.findings]
    severities = [wv[f"C{r}"].value for r in rows]
    assert severities == sorted(severities)  # Kesalahan first
    assert ws.auto_filter.ref == f"A4:J{rows[-1]}"
    assert ws.freeze_panes == "A5"
    r = find_row(wv, "B", "budget.sum_pagu")
    assert (wv[f"G{r}"].value, wv[f"H{r}"].value) == (1587606347, 1592719562)
    assert ws[f"I{r}"].value == f"=G{r}-H{r}"
    assert wv[f"I{r}"].value == -5113215
    d = find_row(wv, "B", "pk.derived_mismatch")
    assert wv[f"G{d}"].value == pytest.approx(0.49)
    assert ws[f"G{d}"].number_format == "0.00%"
    nip = find_row(wv, "B", "staff.head_nip_mismatch")
    assert wv[f"G{nip}"].value == "197507121997031002"
    assert wv[f"I{nip}"].value is None


def test_ringkasan_headlines(book, values):
    ws, wv = book["Ringkasan"], values["Ringkasan"]
    # column A holds the charts' short labels; the summary starts in column B
    mean = find_row(wv, "B", "Capaian rata-rata sasaran strategis")
    # the annual mean (the sample's TW I has no quarter targets), labelled, no predikat
    assert ws[f"C{mean}"].value == "='Capaian Kinerja'!H8"
    assert wv[f"C{mean}"].value == pytest.approx(0.44974, abs=1e-5)
    assert wv[f"D{mean}"].value == "target triwulan tidak diisi" and ws[f"D{mean}"].font.i
    assert wv[f"E{mean}"].value == "rata-rata 2 dari 2 indikator terhadap target tahunan"
    pagu = find_row(wv, "B", "Jumlah pagu anggaran (Rp)")
    assert wv[f"C{pagu}"].value == 1913315062
    verdict = find_row(wv, "B", "Kesimpulan")
    assert wv[f"C{verdict}"].value == "Perlu diperbaiki: 7 kesalahan"
    assert ws[f"C{verdict}"].value.startswith("=IF(")
    charts = book["Ringkasan"]._charts
    assert len(charts) == 2
    # the charts' categories are short labels (SS1, 7.01.01): never text cut with "…"
    ss1 = find_row(wv, "A", "SS1")
    assert wv[f"B{ss1}"].value == "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti"
    assert find_row(wv, "A", "7.01.01") > ss1
    assert not [c.coordinate for row in wv.iter_rows() for c in row
                if isinstance(c.value, str) and "…" in c.value]


def test_ringkasan_has_two_native_charts(processed, tmp_path):
    import zipfile

    with zipfile.ZipFile(processed.output) as z:
        names = z.namelist()
        charts = sorted(n for n in names if n.startswith("xl/charts/chart"))
        assert len(charts) == 2
        xml = [z.read(n).decode() for n in charts]
    assert "Ringkasan" in xml[0] and "<c:barChart>" in xml[0]
    assert "Target" in xml[0] and "Capaian" in xml[0]
    assert "Pagu" in xml[1] and "Realisasi" in xml[1]


def test_lists_sheets(book, values):
    fas, fv = book["Fasilitasi"], values["Fasilitasi"]
    pct = find_row(fv, "B", "Persentase")
    assert fv[f"H{pct}"].value == pytest.approx(30 / 63)
    tot = find_row(fv, "B", "Jumlah")
    assert (fv[f"G{tot}"].value, fv[f"H{tot}"].value) == (63, 30)
    assert fas[f"G{tot}"].value.startswith("=SUM(")
    desa, dv = book["Dokumen Desa"], values["Dokumen Desa"]
    assert dv["B5"].value == "Tegalrejo" and dv["C5"].value == "RKPDes"
    lpp = find_row(dv, "C", "LPPDes")
    assert dv[f"E{lpp}"].value == dt.datetime(2023, 2, 23)
    assert desa[f"E{lpp}"].number_format == "[$-421]d mmmm yyyy"  # Indonesian on any PC
    assert dv[f"F{lpp}"].value == "Tepat Waktu"
    assert desa[f"F{lpp}"].value.startswith("=IF(")
    all3 = find_row(dv, "B", "Ketiga dokumen (desa × 3)")
    assert (dv[f"C{all3}"].value, dv[f"F{all3}"].value) == (7, 21)
    assert dv[f"G{all3}"].value == pytest.approx(1 / 3)
    peg = values["Pegawai"]
    assert peg["C5"].value == "19750712 199703 1 001"
    assert peg["C5"].data_type == "s"
    assert peg[f"C{find_row(peg, 'B', 'PNS')}"].value == 10
    assert peg[f"C{find_row(peg, 'B', 'Jumlah pegawai')}"].value == 26


def test_perbandingan(values):
    """Every indicator; last year from the typed Tahun Lalu columns (no archive here)."""
    ws = values["Perbandingan"]
    assert ws["C4"].value == "Tahun 2022" and ws["G4"].value == "Tahun 2023"
    assert ws["J4"].value == "Dibanding Tahun 2022"
    assert ws["F5"].value == "Sumber" and ws["H5"].value == "Realisasi TW I"
    assert ws["C6"].value == pytest.approx(0.89)
    assert ws["D6"].value == pytest.approx(0.9412)
    assert ws["E6"].value == pytest.approx(94.12 / 89)
    assert ws["F6"].value == "diketik di PK"
    assert ws["H6"].value == pytest.approx(30 / 63)
    assert ws["I6"].value == pytest.approx(30 / 63 / 0.9)
    assert ws["J6"].value == pytest.approx(30 / 63 / 0.9 - 94.12 / 89)
    assert ws["K6"].value == "Turun"
    assert ws["B7"].value.startswith("Rata- rata persentase desa")
    assert ws["A22"].value == 17 and ws["C8"].value is None and ws["F8"].value is None
    assert str(ws["A24"].value).startswith("Target dan realisasi kumulatif")


def test_metode(values, processed):
    ws = values["Metode"]
    rows = {ws[f"A{r}"].value: ws[f"B{r}"].value for r in range(5, ws.max_row + 1)}
    assert rows["Efisiensi: metode"] == "selisih"
    assert rows["Predikat Sangat Tinggi"] == "capaian ≥ 91%"
    assert rows["Predikat Tinggi"] == "76% ≤ capaian < 91%"
    assert rows["Predikat Sangat Rendah"] == "capaian < 51%"
    assert rows["Berkas masukan"] == str(SAMPLE)
    assert rows["SHA-256 berkas masukan"] == processed.sha256
    from lkj_excel import __version__
    assert rows["Versi lkj-excel"] == __version__
    assert rows["Waktu proses"] == RUN_TIME


def test_number_formats(book):
    amounts = percents = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.number_format == "#,##0":
                    amounts += 1
                elif c.number_format == "0.00%":
                    percents += 1
    assert amounts > 150 and percents > 80
    ra = book["Realisasi Anggaran"]
    assert ra["C5"].number_format == "#,##0"
    assert ra["F5"].number_format == "0.00%"


ONE_TABLE = ("Perbandingan", "Realisasi Anggaran", "Cost per Outcome", "Rekonsiliasi",
             "Angka Diganti", "Metode")


def test_layout_and_print_settings(book, values):
    """output.md "Form": a sheet holding one long table freezes and repeats its header row;
    a sheet with several tables repeats none (no header prints above another table); every
    sheet A4 landscape, one page wide, with the page number in the footer."""
    from lkj_excel.write.workbook.layout import LO_UNIT_PT, MIN_SCALE, PAGE_W

    for ws in book.worksheets:
        if ws.title in ONE_TABLE:
            assert ws.freeze_panes is not None, ws.title
            frozen = int(re.sub(r"\D", "", ws.freeze_panes))
            assert frozen >= 5, ws.title  # titles and the table's header
            assert ws.print_title_rows == f"$1:${frozen - 1}", ws.title
        else:
            assert ws.print_title_rows is None and ws.freeze_panes is None, ws.title
        ps = ws.page_setup
        assert ps.orientation == "landscape", ws.title
        assert int(ps.paperSize) == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ps.fitToWidth in (None, 1) and ps.fitToHeight == 0, ws.title
        assert "&P dari &N" in (ws.oddFooter.right.text or ""), ws.title
        # columns sized to content: every used column has a width, none absurd
        widths = []
        for c in range(1, ws.max_column + 1):
            width = col_width(ws, c)
            assert width is not None and 3 <= width <= 100, (ws.title, c, width)
            if not ws.column_dimensions[get_column_letter(c)].hidden:
                widths.append(width)
        # one page wide keeps 10-pt text at 8 pt or more (as LibreOffice lays it out)
        assert PAGE_W / (sum(widths) * LO_UNIT_PT) >= MIN_SCALE, ws.title


def test_columns_fit_their_numbers(values, book):
    """No `#####`: an amount's column is wider than its digits."""
    for ws in values.worksheets:
        for row in ws.iter_rows(min_row=4):
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    fmt = book[ws.title][c.coordinate].number_format
                    if "%" in fmt:
                        shown = f"{c.value * 100:.2f}%"
                    elif fmt == "#,##0.00":
                        shown = f"{c.value:,.2f}"
                    else:
                        shown = f"{c.value:,.0f}"
                    width = col_width(ws, c.column)
                    merged = any(c.coordinate in m for m in ws.merged_cells.ranges)
                    assert merged or width >= len(shown) + 1, (ws.title, c.coordinate, width)


# --- hostile text ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    src = d / "hostile.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)

    def put(ws, addr, text):
        ws[addr].value = text
        ws[addr].data_type = "s"  # openpyxl would store a leading = as a formula

    put(wb["Realisasi"], "B5", HOSTILE_URAIAN)
    put(wb["PK"], "D3", HOSTILE_SASARAN)
    put(wb["Fasilitasi"], "C3", HOSTILE_FAS)
    put(wb["Pegawai"], "F4", HOSTILE_NAMA)
    wb.save(src)
    report = process_one(src, str(src), d / "out", Settings(), RUN_TIME)
    return report, openpyxl.load_workbook(report.output), openpyxl.load_workbook(
        report.output, data_only=True)


def test_hostile_text_stays_text(hostile):
    report, book, values = hostile
    where: dict[str, set[str]] = {}
    texts = (HOSTILE_URAIAN, HOSTILE_SASARAN, HOSTILE_FAS, HOSTILE_NAMA)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert "HYPERLINK" not in c.value and "@" not in c.value, c.value
                if c.value in texts:
                    assert c.data_type == "s", (ws.title, c.coordinate)
                    assert values[ws.title][c.coordinate].value == c.value
                    where.setdefault(c.value, set()).add(ws.title)
    assert {"Realisasi Anggaran", "Rekonsiliasi"} <= where[HOSTILE_URAIAN]
    assert {"Perjanjian Kinerja", "Capaian Kinerja"} <= where[HOSTILE_SASARAN]
    assert "Fasilitasi" in where[HOSTILE_FAS]
    assert "Pegawai" in where[HOSTILE_NAMA]
    assert not any(ws._hyperlinks for ws in book.worksheets)


# --- settings ------------------------------------------------------------------------------------------

def test_rasio_and_custom_bands(tmp_path):
    st = Settings(batas=(50.0, 20.0), label=("Baik", "Cukup", "Kurang"), metode="rasio",
                  source="lkj-excel.toml", tanpa_target_triwulan="tampilkan")
    report = process_one(SAMPLE, str(SAMPLE), tmp_path / "x.xlsx", st, RUN_TIME)
    assert report.output == str(tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(report.output)
    values = openpyxl.load_workbook(report.output, data_only=True)
    met = values["Metode"]
    rows = {met[f"A{r}"].value: met[f"B{r}"].value for r in range(5, met.max_row + 1)}
    assert rows["Efisiensi: metode"] == "rasio"
    assert rows["Predikat Baik"] == "capaian ≥ 50%"
    assert rows["Predikat Cukup"] == "20% ≤ capaian < 50%"
    assert rows["Predikat Kurang"] == "capaian < 20%"
    assert rows["Pengaturan"] == "lkj-excel.toml"
    ck = values["Capaian Kinerja"]
    r1 = find_row(ck, "C", "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti")
    # 52.91% under the custom bands; TW I without Target TW I, so (tanpa_target_triwulan =
    # "tampilkan") the capaian tahunan is judged, labelled so
    assert ck[f"I{r1}"].value == "Baik (terhadap target tahunan)"
    pred = book["Capaian Kinerja"][f"I{r1}"].value
    assert pred.startswith(f"=IF(ROUND(H{r1},12)>=0.5,") and '&" (terhadap target tahunan)"' in pred
    mean = r1 + 2
    assert ck[f"I{mean}"].value == "Cukup (terhadap target tahunan)"  # (52.91 + 37.04) / 2
    assert rows["Predikat: capaian yang dinilai"].endswith(
        "(pengaturan predikat.tanpa_target_triwulan = tampilkan).")
    cpo, cpv = book["Cost per Outcome"], values["Cost per Outcome"]
    r = find_row(cpv, "D", "7.01.01.01.2")
    assert cpo[f"K{r}"].value == f"=J{r}/G{r}"
    assert cpv[f"K{r}"].value == pytest.approx((15 / 90) / 0.15)
    assert cpo[f"K{r}"].number_format == "0.00"
    assert "Capaian ÷ Serapan" in cpv["K4"].value
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    stored = values[ws.title][cell.coordinate].value
                    got = Evaluator(values, ws.title)(cell.value)
                    if isinstance(stored, (int, float)):
                        assert got == pytest.approx(stored), (ws.title, cell.coordinate)
                    else:
                        assert got == stored, (ws.title, cell.coordinate)


# --- sparse inputs -----------------------------------------------------------------------------------

def test_blank_template_gives_every_sheet(tmp_path):
    from lkj_excel.write.template import make_template

    src = make_template(tmp_path / "kosong.xlsx")
    report = process_one(src, str(src), None, Settings(), RUN_TIME)
    assert report.output == str(tmp_path / "LKj-kosong.xlsx")
    wb = openpyxl.load_workbook(report.output, data_only=True)
    assert wb.sheetnames == list(SHEETS)
    for name in ("Perjanjian Kinerja", "Capaian Kinerja", "Perbandingan", "Realisasi Anggaran",
                 "Cost per Outcome", "Fasilitasi", "Dokumen Desa", "Pegawai"):
        assert wb[name]["A4"].value == "Tidak ada data", name
    rek = wb["Rekonsiliasi"]
    assert rek.max_row == 4 + len(report.findings)
    ring = wb["Ringkasan"]
    verdict = find_row(ring, "B", "Kesimpulan")
    assert ring[f"C{verdict}"].value == f"Perlu diperbaiki: {report.errors} kesalahan"


def test_no_findings_says_so(tmp_path):
    report = check_source(SAMPLE, str(SAMPLE))
    report.findings = []
    path = write_lkj(report, Settings(), tmp_path / "bersih.xlsx", RUN_TIME)
    wb = openpyxl.load_workbook(path, data_only=True)
    rek = wb["Rekonsiliasi"]
    assert rek["A5"].value.startswith("Tidak ada temuan")
    assert rek.max_row == 5
    ring = wb["Ringkasan"]
    assert ring[f"C{find_row(ring, 'B', 'Kesimpulan')}"].value == "Data konsisten"


def test_sen_amounts_are_exact(tmp_path):
    src = tmp_path / "sen.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Realisasi"]
    r = next(r for r in range(3, ws.max_row + 1) if ws[f"A{r}"].value == "7.01.05.2.01.02")
    ws[f"C{r}"].value = "2.400.000,50"
    wb.save(src)
    report = process_one(src, str(src), tmp_path, Settings(), RUN_TIME)
    ra = openpyxl.load_workbook(report.output, data_only=True)["Realisasi Anggaran"]
    row = find_row(ra, "A", "7.01.05.2.01.02")
    assert ra[f"C{row}"].value == 2400000.5
    total = find_row(ra, "B", "JUMLAH")
    assert ra[f"C{total}"].value == pytest.approx(1913315062.5)
    fm = openpyxl.load_workbook(report.output)["Realisasi Anggaran"]
    assert fm[f"C{row}"].number_format == "#,##0.00"


def test_units_and_arah_turun(tmp_path):
    src = tmp_path / "satuan.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["PK"]
    last = ws.max_row
    ws[f"F{last}"].value, ws[f"H{last}"].value, ws[f"I{last}"].value = "dokumen", 6, 3
    ws[f"G{last - 1}"].value = "Turun"
    wb.save(src)
    report = process_one(src, str(src), tmp_path, Settings(), RUN_TIME)
    book = openpyxl.load_workbook(report.output)
    values = openpyxl.load_workbook(report.output, data_only=True)
    ck, cv = book["Capaian Kinerja"], values["Capaian Kinerja"]
    r = find_row(cv, "C", ws[f"E{last}"].value)
    # TW I: E the year's Target, F Realisasi, H the capaian against the year's Target
    assert (cv[f"E{r}"].value, cv[f"F{r}"].value) == (6, 3)
    assert ck[f"E{r}"].number_format == 'General" dokumen"'
    assert cv[f"H{r}"].value == 0.5
    t = find_row(cv, "C", ws[f"E{last - 1}"].value)
    assert ck[f"H{t}"].value == f"=(2*E{t}-F{t})/E{t}"
    assert cv[f"H{t}"].value == pytest.approx((2 * 0.9 - 0.11) / 0.9)


def test_repeated_facilitation_items_are_counted_once_by_formulas(tmp_path):
    """output.md: derived cells are live formulas. An item typed twice (same Jenis, Uraian
    differing only in case, spaces and punctuation) counts once, as Ya when any row is Ya."""
    src = tmp_path / "ganda.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    fas = wb["Fasilitasi"]
    item = [c.value for c in fas[4]][:4]  # No, Jenis, Uraian, Ditindaklanjuti
    assert item[3] == "Tidak"  # the sample's second item was not followed up
    n = fas.max_row
    for k, (uraian, status) in enumerate(((item[2].upper() + " !", "Ya"),
                                          (item[2] + ".", "Tidak"))):
        for c, v in enumerate((n - 1 + k, item[1], uraian, status), start=1):
            fas.cell(n + 1 + k, c).value = v
    wb.save(src)
    report = process_one(src, str(src), tmp_path, Settings(), RUN_TIME)
    book = openpyxl.load_workbook(report.output)
    values = openpyxl.load_workbook(report.output, data_only=True)
    ws, wv = book["Fasilitasi"], values["Fasilitasi"]
    assert ws["I4"].value == "Kunci Item"
    dim = ws.column_dimensions["I"]  # a helper column, folded in an outline (not printed)
    assert (dim.hidden, dim.outlineLevel) == (True, 1)
    assert not ws.column_dimensions["H"].hidden
    assert ws["G6"].value == "=IF(COUNTIF($I$5:I6,I6)=1,1,0)"
    last = 5 + 63 + 2 - 1
    assert ws["H6"].value == f'=IF(G6=1,IF(COUNTIFS($I$5:$I${last},I6,$D$5:$D${last},"Ya")>0,1,0),0)'
    assert wv["I6"].value == wv[f"I{last - 1}"].value == wv[f"I{last}"].value
    assert wv["I6"].value != wv["I5"].value
    assert [wv[f"{c}6"].value for c in "DGH"] == ["Tidak", 1, 1]  # Ya through its repeat
    assert [wv[f"{c}{last - 1}"].value for c in "DGH"] == ["Ya", 0, 0]
    assert [wv[f"{c}{last}"].value for c in "DGH"] == ["Tidak", 0, 0]
    tot = find_row(wv, "B", "Jumlah")
    assert (wv[f"G{tot}"].value, wv[f"H{tot}"].value) == (63, 31)
    for row in ws.iter_rows(min_row=5, max_row=tot):
        for cell in row:
            if cell.data_type == "f":
                got = Evaluator(values, "Fasilitasi")(cell.value)
                assert got == wv[cell.coordinate].value, cell.coordinate


def test_village_document_without_batas_waktu_is_tidak_diketahui(tmp_path):
    """A date against no deadline cannot be told on time: the status (a formula) says
    Tidak Diketahui, and it is not counted as Tepat Waktu."""
    src = tmp_path / "tanpa-batas.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    wb["LPPDes"]["D3"].value = None  # Tegalrejo's LPPDes, dated 23 February 2023
    wb.save(src)
    report = process_one(src, str(src), tmp_path, Settings(), RUN_TIME)
    book = openpyxl.load_workbook(report.output)
    values = openpyxl.load_workbook(report.output, data_only=True)
    ws, wv = book["Dokumen Desa"], values["Dokumen Desa"]
    r = next(x for x in range(5, wv.max_row + 1)
             if (wv[f"B{x}"].value, wv[f"C{x}"].value) == ("Tegalrejo", "LPPDes"))
    assert wv[f"F{r}"].value == "Tidak Diketahui"
    assert ws[f"F{r}"].value == (f'=IF(E{r}="","Belum",IF(D{r}="","Tidak Diketahui",'
                                 f'IF(E{r}<=D{r},"Tepat Waktu","Terlambat")))')
    assert Evaluator(values, "Dokumen Desa")(ws[f"F{r}"].value) == "Tidak Diketahui"
    lpp = find_row(wv, "B", "LPPDes")
    assert wv[f"C{lpp}"].value == 6  # Tepat Waktu: 6 of the 7, was 7


def test_derived_realisation_over_an_empty_list(tmp_path):
    src = tmp_path / "tanpa-fasilitasi.xlsx"
    wb = openpyxl.load_workbook(SAMPLE)
    fas = wb["Fasilitasi"]
    fas.delete_rows(3, fas.max_row)
    wb.save(src)
    report = process_one(src, str(src), tmp_path, Settings(), RUN_TIME)
    values = openpyxl.load_workbook(report.output, data_only=True)
    cv = values["Capaian Kinerja"]
    r = find_row(cv, "C", "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti")
    assert cv[f"F{r}"].value is None
    assert cv[f"H{r}"].value == "belum diukur"
    assert "Fasilitasi kosong" in cv[f"J{r}"].value
    assert values["Fasilitasi"]["A4"].value == "Tidak ada data"
    mean = find_row(cv, "A", "Capaian rata-rata")
    assert cv[f"J{mean}"].value == "rata-rata 1 dari 2 indikator terhadap target tahunan"
    assert cv[f"H{mean}"].value == pytest.approx(7 / 21 / 0.9)


# --- output names and places ------------------------------------------------------------------------

def test_output_name_from_identitas():
    report = check_source(SAMPLE, str(SAMPLE))
    assert output_name(report) == "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"
    report.perangkat_daerah = 'Kec. A/B: "C"?'
    assert output_name(report) == "LKj-Kec.-A-B-C-2023-TW1.xlsx"
    report.perangkat_daerah = "../../etc"
    assert output_name(report) == "LKj-etc-2023-TW1.xlsx"
    report.triwulan = None
    assert output_name(report) == "LKj-tempursari-2023-tw1.xlsx"
    report.file = "kotak/surat.eml/Isian TW 1.xlsx"
    assert output_name(report) == "LKj-Isian-TW-1.xlsx"


def test_output_never_takes_the_input_path(tmp_path):
    src = tmp_path / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"
    shutil.copy(SAMPLE, src)
    report = process_one(src, str(src), None, Settings(), RUN_TIME)
    assert report.output == str(tmp_path / "LKj-Kecamatan-Tempursari-2023-TW1-2.xlsx")
    assert src.read_bytes() == SAMPLE.read_bytes()
    again = process_one(src, str(src), src, Settings(), RUN_TIME)
    assert again.output == report.output
    rep = check_source(SAMPLE, str(SAMPLE))
    assert output_path(rep, SAMPLE, str(SAMPLE), None) == \
        SAMPLE.parent / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx"


def test_output_folder_is_created(tmp_path):
    report = process_one(SAMPLE, str(SAMPLE), tmp_path / "hasil" / "baru", Settings(), RUN_TIME)
    assert Path(report.output).parent == tmp_path / "hasil" / "baru"


def test_unwritable_output_is_an_output_error(tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError) as err:
        process_one(SAMPLE, str(SAMPLE), blocker / "sub", Settings(), RUN_TIME)
    assert "tidak dapat ditulis" in str(err.value)
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied_is_an_output_error(tmp_path):
    locked = tmp_path / "terkunci"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError):
            process_one(SAMPLE, str(SAMPLE), locked, Settings(), RUN_TIME)
    finally:
        locked.chmod(0o700)


def test_unreadable_input_writes_nothing(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan workbook")
    report = process_one(bad, str(bad), tmp_path / "out", Settings(), RUN_TIME)
    assert not report.readable and report.output is None
    assert not (tmp_path / "out").exists()


def test_process_library_entry(tmp_path):
    report = process(SAMPLE, tmp_path)
    assert report.output == str(tmp_path / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx")
    assert report.errors == 7
    assert report.to_json()["output"] == report.output


# --- LibreOffice -----------------------------------------------------------------------------------

def test_libreoffice_converts_it_to_pdf(processed, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), processed.output],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / (Path(processed.output).stem + ".pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.is_file() and pdf.stat().st_size > 10_000, result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, timeout=60).stdout
        assert "###" not in text
        assert "1,913,315,062" in text or "1.913.315.062" in text
        pages = text.count("\f")
        assert pages >= 11
        assert re.search(r"Halaman 1 dari \d+", text)


def test_module_imports_xlsxwriter_lazily():
    """No module of the LKj writer imports xlsxwriter at module level (start-up stays fast),
    and none writes a cell through `write()`, which would turn text into formulas."""
    import ast

    modules = sorted((ROOT / "lkj_excel" / "write" / "workbook").glob("*.py"))
    assert len(modules) >= 11
    for path in modules:
        src = path.read_text("utf-8")
        top = [n for n in ast.parse(src).body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = [a.name for n in top for a in n.names] + [n.module or "" for n in top
                                                          if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.startswith("xlsxwriter")], path.name
        # (xlsx_fast writes finished XML to the sheet's file handle, `fh.write`)
        assert not re.search(r"(?<!\bfh)\.write\(", src), \
            f"{path.name}: input text must go through write_string"


def test_formulas_use_no_dynamic_array_function(book):
    """write/workbook/xlsx_fast.py skips xlsxwriter's `_xlfn.` prefixing of Excel 365 dynamic-array
    functions; that is only right while no formula uses one."""
    import re

    dynamic = re.compile(r"\b(ANCHORARRAY|BYCOL|BYROW|CHOOSECOLS|CHOOSEROWS|DROP|EXPAND|FILTER|"
                         r"HSTACK|LAMBDA|MAKEARRAY|MAP|RANDARRAY|REDUCE|SCAN|SINGLE|SEQUENCE|"
                         r"SORT|SORTBY|SWITCH|TAKE|TEXTSPLIT|TOCOL|TOROW|UNIQUE|VSTACK|WRAPCOLS|"
                         r"WRAPROWS|XLOOKUP)\(")
    formulas = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert len(formulas) > 100
    assert not [f for f in formulas if dynamic.search(str(f))]


# --- the fast cell writer (write/workbook/xlsx_fast.py) ---------------------------------------------------

def _sheet_parts(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")}


@pytest.mark.parametrize("workbook", ["sample", "hostile"])
def test_fast_cell_writer_writes_what_xlsxwriter_writes(tmp_path, monkeypatch, workbook):
    """fastcells reproduces XlsxWriter's own <c> elements byte for byte: every worksheet
    part of the LKj workbook is identical with and without it (numbers, dates, strings,
    blanks, formulas with numeric, text, error and empty values, unformatted cells)."""
    import xlsxwriter

    from lkj_excel.write.workbook import xlsx_fast as fastcells

    checked = fastcells.usable()  # with another XlsxWriter it is off, and only compared here
    src = SAMPLE
    if workbook == "hostile":  # text that needs escaping, a sen amount, an unreadable amount
        src = tmp_path / "hostile.xlsx"
        wb = openpyxl.load_workbook(SAMPLE)
        wb["Realisasi"]["B5"].value = '=A1 & "<b>" <tag> _x0000_'
        wb["Realisasi"]["C6"].value = "12,50"
        wb["Realisasi"]["D6"].value = "tidak tahu"
        wb.save(src)
    report = check_source(src, str(src))
    monkeypatch.setattr(fastcells, "usable", lambda: True)
    fast = write_lkj(report, Settings(), tmp_path / "fast.xlsx", RUN_TIME)
    monkeypatch.setattr(fastcells, "usable", lambda: False)
    stock = write_lkj(report, Settings(), tmp_path / "stock.xlsx", RUN_TIME)
    a, b = _sheet_parts(fast), _sheet_parts(stock)
    assert a.keys() == b.keys() and len(a) >= 11
    differ = [name for name in a if a[name] != b[name]]
    if differ and not checked:
        pytest.skip(f"fastcells differs from XlsxWriter {xlsxwriter.__version__} (not in "
                    f"CHECKED, so it stays off): {differ[0]}")
    assert not differ, differ


def test_garbage_collector_paused_while_a_file_is_processed(tmp_path, monkeypatch):
    """report.gc_paused: the cyclic collector is off while a file is read, checked and
    written, and back on afterwards, also when writing fails."""
    import gc

    from lkj_excel import pipeline as R

    seen = []
    run_checks = R.checks.run

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return run_checks(*args, **kwargs)

    monkeypatch.setattr(R.checks, "run", spy)
    assert gc.isenabled()
    process_one(SAMPLE, str(SAMPLE), tmp_path, Settings(), RUN_TIME)
    assert seen == [False] and gc.isenabled()
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")
    with pytest.raises(OutputError):
        process_one(SAMPLE, str(SAMPLE), blocked / "sub", Settings(), RUN_TIME)
    assert seen == [False, False] and gc.isenabled()
    check_source(SAMPLE, str(SAMPLE))
    assert seen == [False, False, False] and gc.isenabled()
