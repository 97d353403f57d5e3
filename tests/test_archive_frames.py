"""`lkj_excel.Archive` for analysts: pandas DataFrames with exact money and percentages,
the cross table, the export workbook; pandas is never imported by `check`/`process`."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from archive_builders import ROOT, book_bytes, submission, with_content

import lkj_excel
from lkj_excel.archive import ArchiveError, OfficeKey, Store, resolve_path

TEMPURSARI = OfficeKey("kabupatenlumajang", "kecamatantempursari")
QUARTERS = ("2022 TW IV", "2023 TW I", "2023 TW II")


@pytest.fixture
def archive_path(tmp_path):
    """TW IV 2022, TW I 2023 (two versions, the first with a sen amount), TW II 2023, and
    one withdrawn version of another office."""
    path = tmp_path / "arsip.sqlite"
    with Store.open_write(path) as s:
        s.add(submission(book_bytes(tahun=2022, triwulan="IV", cells={"PK": {"I4": 60}}),
                         "2022-tw4.xlsx"))
        s.add(submission(book_bytes(cells={"Realisasi": {"D6": 1_000_000.55}}), "tw1.xlsx"))
        s.add(submission(book_bytes(cells={"PK": {"I4": 63}}), "tw1-v2.xlsx"))
        s.add(submission(book_bytes(triwulan="II", cells={"PK": {"I4": 68, "I5": 50}}),
                         "tw2.xlsx"))
        other = submission(book_bytes(pd="Kecamatan Pasirian"), "salah.xlsx")
        s.add(other)
        s.add(with_content(other, other.content + b"2"))
        s.withdraw(other.office, 2023, "I", 1)
        s.withdraw(other.office, 2023, "I", 2)
    return path


def _no_floats(df: pd.DataFrame) -> None:
    for col in df.columns:
        assert df[col].dtype.kind != "f", col
        if df[col].dtype == object:
            assert not any(isinstance(v, float) for v in df[col]), col


def test_submissions_frame(archive_path):
    with lkj_excel.Archive(archive_path) as a:
        df = a.frame("submissions")
    _no_floats(df)
    assert list(zip(df["tahun"], df["triwulan"], df["versi"], df["terbaru"], strict=True)) == [
        (2022, "IV", 1, True), (2023, "I", 1, False), (2023, "I", 2, True),
        (2023, "II", 1, True)]  # the withdrawn office is skipped
    assert list(df["berkas"]) == ["2022-tw4.xlsx", "tw1.xlsx", "tw1-v2.xlsx", "tw2.xlsx"]
    assert str(df["kesalahan"].dtype) == "Int64" and str(df["terbaru"].dtype) == "boolean"
    assert df["diproses"].dtype.kind == "M"


def test_capaian_frame_is_long_and_exact(archive_path):
    df = lkj_excel.Archive(archive_path).frame("capaian")
    _no_floats(df)
    assert len(df) == 4 * 3  # three PK rows per version
    nilai = df[(df["no"] == 2) & df["terbaru"]]
    assert list(nilai["realisasi"]) == [Decimal("60"), Decimal("63"), Decimal("68")]
    assert list(nilai["capaian_tahunan"]) == [
        Decimal("85.714285714286"), Decimal("90"), Decimal("97.142857142857")]
    assert all(isinstance(v, Decimal) for v in df["target"])
    strategis = df[df["no"] == 1].iloc[0]
    assert strategis["sumber_realisasi"] == "Dokumen Desa"
    assert nilai.iloc[0]["sumber_realisasi"] == "diketik"


def test_budget_frame_rupiah_int64_when_whole_else_decimal(archive_path):
    df = lkj_excel.Archive(archive_path).frame("budget")
    _no_floats(df)
    assert str(df["pagu"].dtype) == "Int64"  # every Pagu is whole Rupiah
    program = df[(df["kode"] == "7.01.01") & (df["triwulan"] == "II")].iloc[0]
    assert program["pagu"] == 1_265_000_000 and program["tingkat"] == "program"
    # one Realisasi has sen (Rp 1.000.000,55): the column is Decimal objects, all exact
    assert df["realisasi"].dtype == object
    sen = df[(df["kode"] == "7.01.01.2.01.0006") & (df["versi"] == 1) & (df["triwulan"] == "I")]
    assert sen.iloc[0]["realisasi"] == Decimal("1000000.55")
    assert all(v is None or isinstance(v, Decimal) for v in df["realisasi"])
    total = df[df["total"]]
    assert len(total) == 4 and total["tingkat"].isna().all()


def test_findings_frame(archive_path):
    df = lkj_excel.Archive(archive_path).frame("findings")
    _no_floats(df)
    sums = df[df["pemeriksaan"] == "budget.sum_realisasi"]
    # the one such finding: version 1 of TW I, whose sub kegiatan had Rp 1.000.000,55
    assert [(r["tahun"], r["triwulan"], r["versi"], r["terbaru"], r["tingkat"], r["sel"],
             r["kode"], r["ditemukan"], r["seharusnya"]) for r in sums.to_dict("records")] == [
        (2023, "I", 1, False, "kesalahan", "D4", "7.01.01.2.01", Decimal("3500000"),
         Decimal("3500000.55"))]
    assert all(type(v) is Decimal for v in (*sums["ditemukan"], *sums["seharusnya"]))


def test_unknown_frame_and_missing_archive(tmp_path):
    with pytest.raises(ArchiveError, match="tidak ada"):
        lkj_excel.Archive(tmp_path / "tidak-ada.sqlite")
    assert not (tmp_path / "tidak-ada.sqlite").exists()
    path = tmp_path / "a.sqlite"
    Store.open_write(path).close()
    with pytest.raises(ValueError, match="capaian"):
        lkj_excel.Archive(path).frame("kapasitas")
    assert lkj_excel.Archive(path).frame("capaian").empty
    assert lkj_excel.Archive(path).cross_table().empty


def test_archive_without_a_path_is_the_resolved_one():
    with Store.open_write(resolve_path()) as s:
        s.add(submission(book_bytes()))
    with lkj_excel.Archive() as a:
        assert a.path == resolve_path() and a.summary().submissions == 1


def test_cross_table_capaian_per_office_indicator_quarter(archive_path):
    ct = lkj_excel.Archive(archive_path).cross_table()
    assert list(ct.columns) == ["pemerintah_daerah", "perangkat_daerah", "tingkat",
                                "indikator", *QUARTERS]
    assert len(ct) == 3
    nilai = ct[ct["indikator"] == "Nilai SAKIP kecamatan"].iloc[0]
    assert [nilai[q] for q in QUARTERS] == [
        Decimal("85.714285714286"), Decimal("90"), Decimal("97.142857142857")]  # latest only
    kegiatan = ct[ct["tingkat"] == "Sasaran Kegiatan"].iloc[0]
    assert [kegiatan[q] for q in QUARTERS] == [Decimal("25"), Decimal("25"), Decimal("50")]


def test_export_writes_every_sheet_as_values(archive_path, tmp_path):
    out = tmp_path / "hasil" / "riwayat.xlsx"
    assert lkj_excel.Archive(archive_path).export(out) == out
    assert [p.name for p in out.parent.iterdir()] == ["riwayat.xlsx"]  # atomic: no temp left
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Kiriman", "Capaian", "Anggaran", "Temuan", "Capaian per Triwulan"]
    kiriman = wb["Kiriman"]
    assert [c.value for c in kiriman[1]][:6] == [
        "pemerintah_daerah", "perangkat_daerah", "tahun", "triwulan", "versi", "terbaru"]
    assert kiriman.max_row == 5 and kiriman["G3"].value == "tw1.xlsx"
    ang = wb["Anggaran"]
    header = [c.value for c in ang[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ang.iter_rows(min_row=2)]
    sen = next(r for r in rows if r["kode"] == "7.01.01.2.01.0006" and r["versi"] == 1
               and r["triwulan"] == "I")
    assert sen["realisasi"] == pytest.approx(1_000_000.55)
    ct = wb["Capaian per Triwulan"]
    assert [c.value for c in ct[1]] == ["pemerintah_daerah", "perangkat_daerah", "tingkat",
                                        "indikator", *QUARTERS]
    row = next(r for r in ct.iter_rows(min_row=2, values_only=True)
               if r[3] == "Nilai SAKIP kecamatan")
    assert row[4:] == (pytest.approx(85.714285714286), 90, pytest.approx(97.142857142857))
    assert all(c.data_type != "f" for ws in wb for r in ws.iter_rows() for c in r)


def test_text_from_inputs_is_written_as_text(tmp_path):
    path = tmp_path / "a.sqlite"
    sub = submission(book_bytes())
    sub.pk[0] = dataclasses.replace(sub.pk[0], indikator="=1+1")  # text that looks like a formula
    with Store.open_write(path) as s:
        s.add(sub)
    out = tmp_path / "x.xlsx"
    lkj_excel.Archive(path).export(out)
    ws = openpyxl.load_workbook(out)["Capaian"]
    col = [c.value for c in ws[1]].index("indikator")
    assert ws.cell(2, col + 1).value == "=1+1" and ws.cell(2, col + 1).data_type == "s"


@pytest.mark.parametrize("module", ["lkj_excel.archive", "lkj_excel.cli", "lkj_excel"])
def test_pandas_is_not_imported_by_the_archive_or_the_cli(module):
    code = (f"import sys, {module}\n"
            "from lkj_excel.archive import Store\n"
            "import lkj_excel.archive.store, lkj_excel.archive.queries\n"
            "assert 'pandas' not in sys.modules, 'pandas imported'\n"
            "assert 'numpy' not in sys.modules, 'numpy imported'\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_adding_to_the_archive_does_not_import_pandas(tmp_path):
    code = ("import sys\nsys.path.insert(0, 'tests')\n"
            "from archive_builders import book_bytes, submission\n"
            "from lkj_excel.archive import Store\n"
            f"s = Store.open_write({str(tmp_path / 'a.sqlite')!r})\n"
            "s.add(submission(book_bytes())); s.listing(); s.summary()\n"
            "assert 'pandas' not in sys.modules\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
