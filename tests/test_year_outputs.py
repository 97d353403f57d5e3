"""What the archive adds to the LKj (docs/arsip.md, "Perbandingan" and "Realisasi
Anggaran"): every quarter of the year so far and last year's TW IV in Perbandingan, the
typed Tahun Lalu replaced by the archived figure and listed in Angka Diganti, and
Realisasi s.d. triwulan lalu / triwulan ini when the previous report is TW n − 1. Each
figure is read back from the written workbook: values, formulas, comments."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from archive_builders import book_bytes
from click.testing import CliRunner

from lkj_excel.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"

# the clean workbook (tests/builders.py): PK row 3 is a percent indicator (Dokumen Desa,
# target 90, derived realisation 100), row 4 "Nilai SAKIP" (target 70, realisation 65),
# row 5 a percent kegiatan indicator (target 100, realisation 25)
LAST_YEAR = {"PK": {"H3": 85, "I3": 87, "H4": 60, "I4": 58}}
TW1 = {"PK": {"I4": 20},
       "Realisasi": {"D5": 2_000_000, "E5": 8_000_000, "D4": 3_000_000, "E4": 12_000_000,
                     "D3": 315_345_678, "E3": 949_654_322}}


def _run(*args) -> None:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output


def _year(tmp_path: Path, jobs: int = 1, tw2_cells: dict | None = None) -> Path:
    """TW IV 2022, TW I and TW II 2023 processed as one batch into a fresh archive."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a-2022-tw4.xlsx").write_bytes(book_bytes(2022, "IV", cells=LAST_YEAR))
    (inbox / "b-2023-tw1.xlsx").write_bytes(book_bytes(2023, "I", cells=TW1))
    (inbox / "c-2023-tw2.xlsx").write_bytes(book_bytes(2023, "II", cells=tw2_cells))
    out = tmp_path / "out"
    _run("process", inbox, "-o", out, "-q", "-j", jobs, "--arsip", tmp_path / "a.sqlite")
    return out


def _sheet(path: Path, name: str, values: bool = False):
    return openpyxl.load_workbook(path, data_only=values)[name]


def _rows(ws, first: int, last: int) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(min_row=first, max_row=last, values_only=True)]


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    return _year(tmp_path_factory.mktemp("year"))


def test_perbandingan_shows_every_quarter_and_last_years_tw_iv_from_the_archive(year):
    path = year / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx"
    ws = _sheet(path, "Perbandingan")
    assert _rows(ws, 4, 5) == [
        ("No", "Indikator Kinerja", "Tahun 2022", None, None, None, "Tahun 2023", None, None,
         None, None, "Dibanding Tahun 2022", None),
        (None, None, "Target", "Realisasi", "Capaian", "Sumber", "Target", "Realisasi TW I",
         "Capaian TW I", "Realisasi TW II", "Capaian TW II", "Perubahan Capaian (poin persen)",
         "Naik/ Turun")]
    assert _rows(ws, 6, 8) == [
        (1, "Persentase dokumen desa yang ditetapkan tepat waktu", 0.85, 1, "=D6/C6",
         "LKj TW IV 2022, versi 1", "='Capaian Kinerja'!E6", 1, "=H6/G6",
         "='Capaian Kinerja'!F6", "=J6/G6", "=K6-E6",
         '=IF(ROUND(L6,4)>0,"Naik",IF(ROUND(L6,4)<0,"Turun","Tetap"))'),
        (2, "Nilai SAKIP kecamatan", 60, 58, "=D7/C7", "LKj TW IV 2022, versi 1",
         "='Capaian Kinerja'!E10", 20, "=H7/G7", "='Capaian Kinerja'!F10", "=J7/G7",
         "=K7-E7", '=IF(ROUND(L7,4)>0,"Naik",IF(ROUND(L7,4)<0,"Turun","Tetap"))'),
        (3, "Persentase dokumen perencanaan yang tersusun tepat waktu", 1, 0.25, "=D8/C8",
         "LKj TW IV 2022, versi 1", "='Capaian Kinerja'!E14", 0.25, "=H8/G8",
         "='Capaian Kinerja'!F14", "=J8/G8", "=K8-E8",
         '=IF(ROUND(L8,4)>0,"Naik",IF(ROUND(L8,4)<0,"Turun","Tetap"))')]
    # the stored results: capaian tahunan of each quarter and of last year, the change in points
    v = _rows(_sheet(path, "Perbandingan", values=True), 6, 8)
    sakip = v[1]
    assert sakip[4] == pytest.approx(float(Fraction(58, 60)), abs=1e-15)
    assert sakip[8] == pytest.approx(float(Fraction(20, 70)), abs=1e-15)
    assert sakip[10] == pytest.approx(float(Fraction(65, 70)), abs=1e-15)
    assert sakip[11] == pytest.approx(float(Fraction(65, 70) - Fraction(58, 60)), abs=1e-15)
    assert [r[12] for r in v] == ["Turun", "Turun", "Tetap"]
    # each earlier figure names its report (file, version); the notes under the table too
    assert ws["C7"].comment.text.startswith("Dari a-2022-tw4.xlsx versi 1 (2022 TW IV, diproses ")
    assert ws["H7"].comment.text.startswith("Dari b-2023-tw1.xlsx versi 1 (2023 TW I, diproses ")
    notes = [r[0] for r in _rows(ws, 10, 12)]
    assert notes[0].startswith("Target dan realisasi kumulatif sampai akhir triwulan")
    assert notes[1].startswith("Realisasi TW I: b-2023-tw1.xlsx versi 1 (2023 TW I, diproses ")
    assert notes[2].startswith("Tahun lalu: a-2022-tw4.xlsx versi 1 (2022 TW IV, diproses ")


def test_a_typed_tahun_lalu_that_differs_is_replaced_and_listed_in_angka_diganti(year):
    """Realisasi Tahun Lalu typed 88 on the Dokumen Desa row; last year's TW IV used 100
    (derived from its village list): the archive's figure is shown, highlighted, with the
    typed one in the comment and in Angka Diganti. Target Tahun Lalu (85) agrees."""
    path = year / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx"
    wb = openpyxl.load_workbook(path)
    cell = wb["Perbandingan"]["D6"]
    assert cell.value == 1
    assert cell.fill.fgColor.rgb.endswith("FFEB9C")
    assert cell.comment.text.startswith("Tertulis di PK 88%; dipakai angka a-2022-tw4.xlsx "
                                        "versi 1 (2022 TW IV, diproses ")
    assert wb["Perbandingan"]["C6"].fill.fgColor.rgb in (None, "00000000")
    rows = _rows(wb["Angka Diganti"], 5, 6)
    assert rows[0][:5] == ("PK", "N3", None, 0.88, "='Perbandingan'!D6")
    assert rows[0][5] == "=D5-E5"
    assert rows[0][6] == "history.last_year_mismatch"
    assert rows[1] == (None,) * 7


def test_realisasi_anggaran_gains_the_quarter_columns_when_the_previous_report_is_tw_n_minus_1(year):
    ws = _sheet(year / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx", "Realisasi Anggaran")
    assert _rows(ws, 4, 4)[0][6:] == ("Realisasi s.d. Triwulan Lalu (TW I)",
                                      "Realisasi Triwulan Ini (TW II)")
    body = _rows(ws, 5, 11)
    assert [r[6:] for r in body] == [
        (315_345_678, "=D5-G5"), (3_000_000, "=D6-G6"), (2_000_000, "=D7-G7"),
        (1_000_000, "=D8-G8"), (312_345_678, "=D9-G9"), (300_000_000, "=D10-G10"),
        (12_345_678, "=D11-G11")]
    total = _rows(ws, 12, 12)[0]
    assert total[1] == "JUMLAH" and total[6:] == ("=SUM(G5)", "=D12-G12")
    values = _rows(_sheet(year / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx",
                          "Realisasi Anggaran", values=True), 5, 12)
    assert [r[7] for r in values] == [500_000, 500_000, 500_000, 0, 0, 0, 0, 500_000]
    assert ws["G7"].comment.text.startswith("Dari b-2023-tw1.xlsx versi 1 (2023 TW I, diproses ")
    # TW I has no previous report: the columns are left out
    tw1 = _sheet(year / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx", "Realisasi Anggaran")
    assert _rows(tw1, 4, 4)[0] == ("Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Serapan")
    assert tw1.max_column == 6


def test_a_row_new_this_quarter_has_no_previous_figure(tmp_path):
    """A sub kegiatan added in TW II: blank in both columns, its kegiatan's figure is still
    the archive's."""
    out = _year(tmp_path, tw2_cells={"Realisasi": {
        "A11": "7.01.01.2.02.0003", "B11": "Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
        "C11": 0, "D11": 0, "E11": 0, "F11": "DAU"}})
    ws = _sheet(out / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx", "Realisasi Anggaran")
    rows = {r[0]: r for r in _rows(ws, 5, 13) if r[0]}
    assert rows["7.01.01.2.02.0003"][6:] == (None, None)
    assert rows["7.01.01.2.02"][6] == 312_345_678


def test_without_the_previous_quarter_the_columns_are_left_out(tmp_path):
    """TW III after TW I only: the previous report is not TW II, so no quarter columns;
    Perbandingan still shows TW I, with TW II said to be missing."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "b-2023-tw1.xlsx").write_bytes(book_bytes(2023, "I", cells=TW1))
    (inbox / "d-2023-tw3.xlsx").write_bytes(book_bytes(2023, "III"))
    out = tmp_path / "out"
    _run("process", inbox, "-o", out, "-q", "--arsip", tmp_path / "a.sqlite")
    path = out / "LKj-Kecamatan-Tempursari-2023-TW3.xlsx"
    assert _sheet(path, "Realisasi Anggaran").max_column == 6
    ws = _sheet(path, "Perbandingan")
    assert _rows(ws, 5, 5)[0][6:13] == ("Target", "Realisasi TW I", "Capaian TW I",
                                        "Realisasi TW II", "Capaian TW II",
                                        "Realisasi TW III", "Capaian TW III")
    assert ws["H7"].value == 20 and ws["J7"].value is None
    assert ws["J7"].comment.text == "Tidak ada di arsip"


def _timeless(rows) -> list[tuple]:
    """A sheet's values with the time each earlier report was processed left out (the two
    runs compared are a minute apart, or more)."""
    def clean(v):
        return re.sub(r"diproses [^)]*\)", "diproses …)", v) if isinstance(v, str) else v
    return [tuple(clean(v) for v in row) for row in rows]


def test_the_same_whatever_the_number_of_workers(tmp_path, year):
    other = _year(tmp_path, jobs=2)
    for sheet in ("Perbandingan", "Realisasi Anggaran", "Angka Diganti"):
        a = _sheet(year / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx", sheet)
        b = _sheet(other / "LKj-Kecamatan-Tempursari-2023-TW2.xlsx", sheet)
        assert list(a.values) == list(b.values)


def test_without_an_archive_perbandingan_uses_the_typed_tahun_lalu(tmp_path):
    out = tmp_path / "out"
    _run("process", SAMPLE, "-o", out, "-q", "--tanpa-arsip")
    ws = _sheet(out / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx", "Perbandingan")
    assert _rows(ws, 5, 5)[0] == (None, None, "Target", "Realisasi", "Capaian", "Sumber",
                                  "Target", "Realisasi TW I", "Capaian TW I",
                                  "Perubahan Capaian (poin persen)", "Naik/ Turun")
    rows = _rows(ws, 6, 22)
    assert [r[0] for r in rows] == list(range(1, 18))  # every indicator of the PK
    first = rows[0]
    assert first[2:6] == (0.89, 0.9412, "=D6/C6", "diketik di PK")
    assert rows[2][2:6] == (None, None, None, None)  # nothing typed for last year
    values = _rows(_sheet(out / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx", "Perbandingan",
                          values=True), 6, 6)[0]
    capaian_ll = Fraction(Decimal("94.12")) / 89
    assert values[4] == pytest.approx(float(capaian_ll), abs=1e-15)
    # this year's realisation is the one derived from Fasilitasi: 30 of 63 items (typed 49)
    capaian = Fraction(3000, 63) / 90
    assert values[8] == pytest.approx(float(capaian), abs=1e-15)
    assert values[9] == pytest.approx(float(capaian - capaian_ll), abs=1e-15)
    assert values[10] == "Turun"
    assert _rows(ws, 25, 25)[0][0] == ("Tahun lalu: Target dan Realisasi Tahun Lalu yang "
                                       "diketik di PK.")
