"""The check catalogue of checks.md, one change to the clean workbook at a time."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from builders import (
    HEAD_NIP_DIGITS,
    KEG_201,
    SEN,
    SUB_201_0001,
    SUB_201_0006,
    SUB_202_0002,
    SUB_203_0006,
    clean_book,
    clear_row,
    keys,
    only,
    rename,
    replace_data,
    run,
    save,
    set_row,
    show,
)

from lkj_excel.findings import CHECKS

D = dt.date

MINIMUM_CATALOGUE = (
    "file.unreadable", "sheet.missing", "column.missing", "cell.required", "cell.invalid",
    "cell.number_as_text", "cell.ambiguous", "cell.formula_without_value", "identity.invalid",
    "budget.code_format", "budget.code_duplicate", "budget.code_orphan", "budget.code_unknown",
    "budget.sum_pagu", "budget.sum_realisasi", "budget.sum_sisa", "budget.total",
    "budget.over_pagu", "budget.negative", "pk.budget_mismatch", "pk.code_unknown",
    "pk.target_missing", "pk.derived_mismatch", "facilitation.duplicate",
    "villages.count_mismatch", "villages.duplicate", "villages.document_missing",
    "villages.date_after_period", "staff.nip_format", "staff.nip_gender", "staff.nip_duplicate",
    "staff.head_nip_mismatch", "history.realisasi_decreased", "history.pagu_changed",
    "history.code_missing", "history.target_changed", "history.indicator_missing",
    "history.last_year_mismatch",
)
WARNINGS = {"cell.number_as_text", "cell.ambiguous", "budget.code_unknown",
            "pk.derived_mismatch", "facilitation.duplicate", "villages.document_missing",
            "villages.date_after_period", "staff.nip_gender", "history.realisasi_decreased",
            "history.pagu_changed", "history.code_missing", "history.target_changed",
            "history.indicator_missing", "history.last_year_mismatch"}


def check_book(wb, tmp_path):
    return run(wb, tmp_path)


def assert_keys(rep, expected):
    want = sorted(expected, key=lambda t: tuple("" if x is None else x for x in t))
    assert keys(rep) == want, show(rep)


def js(finding):
    """The finding as the JSON output gives it (amounts exact numbers, percents rounded)."""
    return finding.to_json()


# --- the catalogue itself ---------------------------------------------------------------

def test_catalogue_has_every_minimum_check_with_its_severity():
    for cid in MINIMUM_CATALOGUE:
        assert cid in CHECKS, cid
        assert CHECKS[cid].severity == ("warning" if cid in WARNINGS else "error"), cid


# --- 1. the clean workbook ----------------------------------------------------------------

def test_clean_book_has_no_finding(tmp_path):
    rep = check_book(clean_book(), tmp_path)
    assert rep.readable
    assert [(f.check, f.sheet, f.cell) for f in rep.findings] == [], show(rep)


def test_clean_book_figures(tmp_path):
    rep = check_book(clean_book(), tmp_path)
    assert rep.figures.budget.pagu == 1_265_000_000 * SEN
    assert rep.figures.budget.realisasi == 315_845_678 * SEN
    assert rep.data.identity.tahun == 2023
    assert rep.data.identity.triwulan == "I"
    assert rep.data.pk[0].derived == 100


# --- 2. every check of the minimum catalogue ----------------------------------------------

@pytest.mark.parametrize("content", [
    b"Kode;Uraian;Pagu\n7.01.01;Program;100\n",
    b"",
    b"\x00\x01\x02 not a workbook at all \xff\xfe",
], ids=["csv-text", "empty", "binary"])
def test_file_unreadable(tmp_path, content):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(content)
    rep = run(path)
    assert not rep.readable
    assert_keys(rep, [("file.unreadable", None, None)])


def test_file_unreadable_damaged_zip(tmp_path):
    good = save(clean_book(), tmp_path).read_bytes()
    path = tmp_path / "terpotong.xlsx"
    path.write_bytes(good[: len(good) // 2])
    rep = run(path)
    assert not rep.readable
    assert_keys(rep, [("file.unreadable", None, None)])


def test_file_unreadable_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    rep = run(path)
    assert not rep.readable
    assert_keys(rep, [("file.unreadable", None, None)])


def test_file_unreadable_encrypted():
    """tests/data/terkunci.xlsx is the sample encrypted with a password (make_fixtures.py)."""
    from pathlib import Path

    rep = run(Path(__file__).parent / "data" / "terkunci.xlsx")
    assert not rep.readable
    assert_keys(rep, [("file.unreadable", None, None)])
    assert "kata sandi" in rep.findings[0].message


@pytest.mark.parametrize("sheet", ["PK", "LPPDes"])
def test_sheet_missing(tmp_path, sheet):
    wb = clean_book()
    del wb[sheet]
    rep = check_book(wb, tmp_path)
    assert rep.readable
    assert_keys(rep, [("sheet.missing", sheet, None)])


def test_sheet_missing_realisasi(tmp_path):
    wb = clean_book()
    del wb["Realisasi"]
    rep = check_book(wb, tmp_path)
    assert ("sheet.missing", "Realisasi", None) in keys(rep), show(rep)


def test_sheet_missing_fasilitasi_when_pk_derives_from_it(tmp_path):
    wb = clean_book()
    del wb["Fasilitasi"]
    wb["PK"]["J3"] = "Fasilitasi"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("sheet.missing", "Fasilitasi", None)])


def test_optional_sheet_absent_is_no_finding(tmp_path):
    wb = clean_book()
    del wb["Fasilitasi"]
    del wb["Pegawai"]
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


@pytest.mark.parametrize("sheet, cell", [
    ("PK", "C2"),  # Penanggung Jawab
    ("Fasilitasi", "C2"),  # Uraian
])
def test_column_missing_at_header_first_cell(tmp_path, sheet, cell):
    wb = clean_book()
    wb[sheet][cell] = "Catatan"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("column.missing", sheet, "A2")])


@pytest.mark.parametrize("cell, header", [("C2", "Pagu Perubahan"), ("D2", "Realisasi Fisik")])
def test_column_missing_amount_column_gives_no_cell_findings(tmp_path, cell, header):
    # `Pagu Perubahan` is not `Pagu` (headers must *equal* a name or alias); the missing
    # column is `column.missing`, and there is no cell for a `cell.required` to point at
    wb = clean_book()
    wb["Realisasi"][cell] = header
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("column.missing", "Realisasi", "A2")])


@pytest.mark.parametrize("cell, header", [
    ("C2", "Nilai Pagu"), ("C2", "Anggaran DPA"), ("C2", "PAGU DPA (Rp)"),
    ("D2", "Realisasi Keuangan"), ("D2", "Realisasi Anggaran")])
def test_budget_export_headers_are_aliases(tmp_path, cell, header):
    """The headers of the budget exports finance staff paste from (template.md, Aliases)."""
    wb = clean_book()
    wb["Realisasi"][cell] = header
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_column_missing_without_header_row(tmp_path):
    wb = clean_book()
    ws = wb["Fasilitasi"]
    for col in "ABCDEF":
        ws[f"{col}2"] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("column.missing", "Fasilitasi", None)] * 3)


def test_column_missing_single_required_column_means_no_header_row(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["B2"] = "Nama Lengkap Pegawai"  # Nama is Pegawai's only required column
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("column.missing", "Pegawai", None)])


@pytest.mark.parametrize("sheet, cell", [
    ("PK", "D4"),  # Sasaran
    ("PK", "C5"),  # Penanggung Jawab
    ("Identitas", "B7"),  # Nama Kepala
    ("Realisasi", "C5"),  # a sub kegiatan's Pagu
    ("Realisasi", "B6"),  # Uraian
    ("Fasilitasi", "C4"),  # Uraian
    ("Pegawai", "B5"),  # Nama
])
def test_cell_required(tmp_path, sheet, cell):
    wb = clean_book()
    wb[sheet][cell] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.required", sheet, cell)])


def test_cell_required_identity_row_absent(tmp_path):
    wb = clean_book()
    clear_row(wb["Identitas"], 4)  # Pemerintah Daerah
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.required", "Identitas", None)])
    assert "Pemerintah Daerah" in rep.findings[0].message


@pytest.mark.parametrize("sheet, cell, value", [
    ("Realisasi", "D5", "abc"),  # amount
    ("Pegawai", "D5", "X"),  # enumeration L/P
    ("PK", "G3", "Atas"),  # enumeration Arah
    ("Fasilitasi", "E3", "kemarin"),  # date
    ("Fasilitasi", "D4", "mungkin"),  # enumeration Ya/Tidak
    ("PK", "K4", 7.01),  # code stored as a number
    ("Pegawai", "C5", 199001012015031001.0),  # 18-digit NIP stored as a number
    ("Identitas", "B10", "dua"),  # whole number
])
def test_cell_invalid(tmp_path, sheet, cell, value):
    wb = clean_book()
    wb[sheet][cell] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", sheet, cell)])


def test_cell_number_as_text(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C5"] = "10.000.000,-"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.number_as_text", "Realisasi", "C5")])
    assert rep.findings[0].severity == "warning"
    assert rep.data.budget[2].pagu.value == 10_000_000 * SEN


def test_cell_ambiguous_percent(tmp_path):
    wb = clean_book()
    wb["PK"]["H3"] = 0.9  # plain 0.9 in a percent cell
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "PK", "H3")])
    assert rep.data.pk[0].target.value == pytest.approx(90)


def test_cell_formula_without_value(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["E5"] = "=C5-D5"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.formula_without_value", "Realisasi", "E5")])


@pytest.mark.parametrize("cell, value", [
    ("B5", 1999), ("B5", 2101), ("B5", "duaribu"), ("B6", "V"), ("B6", 5), ("B6", "Semester"),
])
def test_identity_invalid(tmp_path, cell, value):
    wb = clean_book()
    wb["Identitas"][cell] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("identity.invalid", "Identitas", cell)])


@pytest.mark.parametrize("row", [5, 6])
def test_identity_invalid_row_absent(tmp_path, row):
    wb = clean_book()
    clear_row(wb["Identitas"], row)
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("identity.invalid", "Identitas", None)])


@pytest.mark.parametrize("value", ["1", 2, "iv", "III"])
def test_identity_triwulan_forms(tmp_path, value):
    wb = clean_book()
    wb["Identitas"]["B6"] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.identity.triwulan == {"1": "I", 2: "II", "iv": "IV", "III": "III"}[value]


def test_budget_code_format(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A5"] = "7.01.01.2.01.001"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_format", "Realisasi", "A5")])
    assert rep.findings[0].kode == "7.01.01.2.01.001"


def test_budget_code_duplicate(tmp_path):
    wb = clean_book()
    set_row(wb["Realisasi"], 6,
            ["7.01.01.2.01.0001", SUB_201_0001, 5_000_000, 1_000_000, 4_000_000, "DAU"])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_duplicate", "Realisasi", "A6")])
    f = rep.findings[0]
    assert f.kode == "7.01.01.2.01.0001"
    assert "A5" in f.message or "baris 5" in f.message
    # both rows stay in the sums
    assert rep.figures.budget.find("7.01.01.2.01").c_pagu == 15_000_000 * SEN


def test_budget_code_duplicate_one_finding_per_repeat(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    for row in (6, 9):
        set_row(ws, row, ["7.01.01.2.01.0001", SUB_201_0001])
    rep = check_book(wb, tmp_path)
    dups = [k for k in keys(rep) if k[0] == "budget.code_duplicate"]
    assert dups == [("budget.code_duplicate", "Realisasi", "A6"),
                    ("budget.code_duplicate", "Realisasi", "A9")], show(rep)


def test_budget_code_orphan(tmp_path):
    wb = clean_book()
    set_row(wb["Realisasi"], 9, ["7.01.01.2.03.0006", SUB_203_0006])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_orphan", "Realisasi", "A9")])
    assert rep.findings[0].kode == "7.01.01.2.03.0006"
    assert "7.01.01.2.02" in rep.findings[0].message  # says where it was placed


def test_budget_code_unknown_code(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A9"] = "7.01.01.2.02.0099"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_unknown", "Realisasi", "A9")])
    assert rep.findings[0].kode == "7.01.01.2.02.0099"
    assert rep.findings[0].severity == "warning"


def test_budget_code_unknown_name(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["B9"] = "Administrasi Umum ASN"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_unknown", "Realisasi", "B9")])
    assert rep.findings[0].kode == "7.01.01.2.02.0002"


@pytest.mark.parametrize("cell, value", [
    ("B9", "penyediaan administrasi  pelaksanaan tugas ASN."),  # case, spaces, punctuation
    ("A9", "7.01.01.2.02.02"),  # NN equals 00NN
    ("A3", " 7.01.01 "),  # trimmed
])
def test_budget_code_unknown_not_for_equal_forms(tmp_path, cell, value):
    wb = clean_book()
    wb["Realisasi"][cell] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_budget_code_unknown_only_under_covered_programs(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    # a second program outside urusan 7.01: the nomenclature does not cover it
    ws.insert_rows(10, 2)
    set_row(ws, 10, ["1.01.02", "PROGRAM LAIN", 100, 0, 100, "DAU"])
    set_row(ws, 11, ["1.01.02.2.01", "Kegiatan lain", 100, 0, 100, "DAU"])
    set_row(ws, 12, [None, "Jumlah", 1_265_000_100, 315_845_678, 949_154_422, None])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_budget_sum_pagu(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C4"] = 16_000_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_pagu", "Realisasi", "C4"),
                      ("budget.sum_sisa", "Realisasi", "E4")])
    f = js(only(rep, "budget.sum_pagu"))
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01.2.01", 16_000_000, 15_000_000)


def test_budget_sum_realisasi(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["D7"] = 312_345_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_realisasi", "Realisasi", "D7"),
                      ("budget.sum_sisa", "Realisasi", "E7")])
    f = js(only(rep, "budget.sum_realisasi"))
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01.2.02", 312_345_000, 312_345_678)


def test_budget_sum_sisa(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["E5"] = 7_000_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_sisa", "Realisasi", "E5")])
    f = js(rep.findings[0])
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01.2.01.0001", 7_000_000, 7_500_000)


@pytest.mark.parametrize("cell, value, expected", [
    ("C10", 1_266_000_000, 1_265_000_000),
    ("D10", 315_000_000, 315_845_678),
])
def test_budget_total(tmp_path, cell, value, expected):
    wb = clean_book()
    wb["Realisasi"][cell] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.total", "Realisasi", cell), ("budget.sum_sisa", "Realisasi", "E10")])
    f = js(only(rep, "budget.total"))
    assert (f["kode"], f["found"], f["expected"]) == (None, value, expected)


def test_budget_total_sisa(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["E10"] = 949_000_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.total", "Realisasi", "E10"), ("budget.sum_sisa", "Realisasi", "E10")])
    f = js(only(rep, "budget.total"))
    assert (f["found"], f["expected"]) == (949_000_000, 949_154_322)


def test_budget_total_second_row_ambiguous_and_ignored(tmp_path):
    wb = clean_book()
    set_row(wb["Realisasi"], 11, [None, "Total", 1, 1, 0])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "Realisasi", "B11")])


@pytest.mark.parametrize("kode, uraian", [
    (None, "TOTAL"), ("Jumlah", None), ("Total", "Jumlah Total"), (None, "Total Anggaran"),
    (None, "Jumlah:"),
])
def test_budget_total_row_forms(tmp_path, kode, uraian):
    wb = clean_book()
    wb["Realisasi"]["A10"] = kode
    wb["Realisasi"]["B10"] = uraian
    wb["Realisasi"]["C10"] = 1  # so that budget.total proves the row is the total row
    rep = check_book(wb, tmp_path)
    assert ("budget.total", "Realisasi", "C10") in keys(rep), show(rep)
    assert not [f for f in rep.findings if f.check.startswith("cell.")], show(rep)


def test_budget_total_row_optional(tmp_path):
    wb = clean_book()
    clear_row(wb["Realisasi"], 10)
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.figures.budget.total is None


def test_budget_over_pagu(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C5"] = 2_000_000  # realisasi 2.500.000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.over_pagu", "Realisasi", "D5"),
                      ("budget.sum_sisa", "Realisasi", "E5"),
                      ("budget.sum_pagu", "Realisasi", "C4")])
    f = js(only(rep, "budget.over_pagu"))
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01.2.01.0001", 2_500_000, 2_000_000)


def test_budget_negative(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["E5"] = -7_500_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.negative", "Realisasi", "E5"),
                      ("budget.sum_sisa", "Realisasi", "E5")])
    f = js(only(rep, "budget.negative"))
    assert (f["kode"], f["found"]) == ("7.01.01.2.01.0001", -7_500_000)


def test_pk_budget_mismatch(tmp_path):
    wb = clean_book()
    wb["PK"]["L4"] = 1_000_000_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.budget_mismatch", "PK", "L4")])
    f = js(rep.findings[0])
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01", 1_000_000_000, 1_265_000_000)


def test_pk_budget_mismatch_expected_is_computed_pagu(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C3"] = 1_266_000_000  # program typed wrongly
    wb["Realisasi"]["E3"] = None
    wb["PK"]["L4"] = 1_000_000_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.budget_mismatch", "PK", "L4"), ("budget.sum_pagu", "Realisasi", "C3")])
    f = js(only(rep, "pk.budget_mismatch"))
    assert f["expected"] == 1_265_000_000


def test_pk_budget_matching_typed_pagu_is_no_finding(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C3"] = 1_266_000_000  # program typed wrongly
    wb["Realisasi"]["E3"] = None
    wb["PK"]["L4"] = 1_266_000_000  # equals the typed Pagu
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_pagu", "Realisasi", "C3")])


def test_pk_rows_sharing_kode_may_leave_anggaran_blank_or_repeat_it(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    for row in (6, 7):
        set_row(ws, row, [row - 2, "Sasaran Program", "Camat", "Meningkatnya kualitas pelayanan",
                          f"Indikator {row}", "%", "Naik", 80, 20, None, "7.01.01",
                          1_265_000_000 if row == 7 else None])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_pk_budget_mismatch_one_finding_per_pk_row(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws["L4"] = 1
    set_row(ws, 6, [4, "Sasaran Program", "Camat", "Sasaran", "Indikator lain", "%", "Naik",
                    80, 20, None, "7.01.01", 2])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.budget_mismatch", "PK", "L4"), ("pk.budget_mismatch", "PK", "L6")])


def test_pk_code_unknown(tmp_path):
    wb = clean_book()
    wb["PK"]["K4"] = "7.01.02"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.code_unknown", "PK", "K4")])
    assert rep.findings[0].kode == "7.01.02"


def test_pk_kode_two_digit_equals_padded(tmp_path):
    wb = clean_book()
    wb["PK"]["K5"] = "7.01.01.2.01"
    wb["PK"]["K4"] = "7.01.01"
    wb["Realisasi"]["A5"] = "7.01.01.2.01.01"
    ws = wb["PK"]
    set_row(ws, 6, [4, "Sasaran Sub Kegiatan", "Sekretaris Kecamatan", "Sasaran sub",
                    "Indikator sub", "%", "Naik", 100, 25, None, "7.01.01.2.01.0001", 10_000_000])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


@pytest.mark.parametrize("value", [None, 0, "abc"])
def test_pk_target_missing(tmp_path, value):
    wb = clean_book()
    wb["PK"]["H4"] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.target_missing", "PK", "H4")])


def test_pk_derived_mismatch(tmp_path):
    wb = clean_book()
    wb["PK"]["I3"] = 90
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.derived_mismatch", "PK", "I3")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == (90, 100)
    assert rep.findings[0].severity == "warning"
    assert rep.data.pk[0].realisasi_value == 100  # the derived value is used


def test_facilitation_duplicate(tmp_path):
    wb = clean_book()
    wb["Fasilitasi"]["C5"] = "fasilitasi  Penyusunan APBDes."
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("facilitation.duplicate", "Fasilitasi", "C5")])


def test_facilitation_same_text_other_jenis_is_no_duplicate(tmp_path):
    wb = clean_book()
    wb["Fasilitasi"]["C4"] = "Fasilitasi penyusunan APBDes"  # Jenis Koordinasi
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_villages_count_mismatch(tmp_path):
    wb = clean_book()
    wb["Identitas"]["B10"] = 3
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.count_mismatch", "Identitas", "B10")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == (3, 2)


def test_villages_duplicate(tmp_path):
    wb = clean_book()
    set_row(wb["LPPDes"], 9, [7, "Pundungsari", "LPPDes", D(2023, 4, 30), D(2023, 3, 30), None])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.duplicate", "LPPDes", "B9")])


def test_villages_document_missing(tmp_path):
    wb = clean_book()
    clear_row(wb["LPPDes"], 8)  # Pundungsari's LPPDes
    rep = check_book(wb, tmp_path)
    # Dokumen Desa is now 5 of 6 documents: the typed 100 differs too
    assert_keys(rep, [("villages.document_missing", "LPPDes", "B6"),
                      ("pk.derived_mismatch", "PK", "I3")])
    assert only(rep, "villages.document_missing").severity == "warning"
    assert js(only(rep, "pk.derived_mismatch"))["expected"] == 83.33


def test_villages_document_missing_one_per_village_and_document(tmp_path):
    wb = clean_book()
    clear_row(wb["LPPDes"], 7)  # Pundungsari's APBDes
    clear_row(wb["LPPDes"], 8)  # and LPPDes
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.document_missing", "LPPDes", "B6"),
                      ("villages.document_missing", "LPPDes", "B6"),
                      ("pk.derived_mismatch", "PK", "I3")])


def test_villages_document_missing_only_for_derived_documents(tmp_path):
    wb = clean_book()
    wb["PK"]["J3"] = "RKPDes"
    clear_row(wb["LPPDes"], 8)  # Pundungsari's LPPDes: not derived from
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_villages_date_after_period(tmp_path):
    wb = clean_book()
    wb["LPPDes"]["E8"] = D(2023, 4, 10)  # before Batas Waktu 30 April, after 31 March
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.date_after_period", "LPPDes", "E8")])


def test_villages_date_on_last_day_is_no_finding(tmp_path):
    wb = clean_book()
    wb["LPPDes"]["E8"] = D(2023, 3, 31)
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


@pytest.mark.parametrize("nip", [
    "19900101201503100",  # 17 digits
    "1990010120150310011",  # 19 digits
    "19900101201503100A",  # not digits
    "199013012015031001",  # month 13
    "199002302015031001",  # 30 February
    "193905052015031001",  # born before 1940
    "199001012007121001",  # appointed at 17
    "199001012023041001",  # appointed after the end of the triwulan (March 2023)
], ids=["17", "19", "letter", "month13", "feb30", "1939", "age17", "after-period"])
def test_staff_nip_format(tmp_path, nip):
    wb = clean_book()
    wb["Pegawai"]["C5"] = nip
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.nip_format", "Pegawai", "C5")])


@pytest.mark.parametrize("nip", [
    "199001012008011001",  # appointed the month he turned 18
    "199001012023031001",  # appointed in the last month of the triwulan
    "1990 0101 2015 03 1 001",  # spaces allowed
])
def test_staff_nip_possible(tmp_path, nip):
    wb = clean_book()
    wb["Pegawai"]["C5"] = nip
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_staff_nip_pppk_checks_length_and_birth_only(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["C5"] = "199001012023091001"  # would be appointed after the period
    wb["Pegawai"]["H5"] = "PPPK"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_staff_nip_gender(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["D5"] = "P"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.nip_gender", "Pegawai", "D5")])
    assert rep.findings[0].severity == "warning"


@pytest.mark.parametrize("nip", [HEAD_NIP_DIGITS, "19750712 199703 1 002"])
def test_staff_nip_duplicate(tmp_path, nip):
    wb = clean_book()
    wb["Pegawai"]["C5"] = nip
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.nip_duplicate", "Pegawai", "C5")])
    assert js(rep.findings[0])["found"] == HEAD_NIP_DIGITS


def test_staff_head_nip_mismatch(tmp_path):
    wb = clean_book()
    wb["Identitas"]["B8"] = "19800101 200501 1 001"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.head_nip_mismatch", "Identitas", "B8")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == ("198001012005011001", HEAD_NIP_DIGITS)


def test_staff_head_matched_by_name_not_position(tmp_path):
    wb = clean_book()
    ws = wb["Pegawai"]
    ws["B3"], ws["B5"] = ws["B5"].value, ws["B3"].value  # head now on row 5 by name
    ws["C3"], ws["C5"] = ws["C5"].value, ws["C3"].value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_staff_head_name_compared_without_case_spaces_punctuation(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["B3"] = "Arif Mustofa SAP"
    wb["Pegawai"]["F3"] = "Kepala Kecamatan"  # no Jabatan match: the Nama must match
    wb["Identitas"]["B8"] = "19800101 200501 1 001"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.head_nip_mismatch", "Identitas", "B8")])


def test_staff_head_matched_by_jabatan_when_no_name_matches(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["B3"] = "ARIF M."  # no Nama matches: Jabatan Camat is tried
    wb["Identitas"]["B8"] = "19800101 200501 1 001"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.head_nip_mismatch", "Identitas", "B8")])


def test_staff_head_no_match_no_finding(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["B3"] = "ARIF M."
    wb["Pegawai"]["F3"] = "Kepala"
    wb["Identitas"]["B8"] = "19800101 200501 1 001"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


# --- 3. edge rules and replacements ------------------------------------------------------

def test_edge_pk_kode_without_realisasi_row_gives_code_unknown_only(tmp_path):
    wb = clean_book()
    wb["PK"]["K5"] = "7.01.01.2.09"  # Anggaran 15.000.000 stays
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.code_unknown", "PK", "K5")])


def test_edge_unreadable_amount_leaves_total_unchecked(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws["D9"] = "dua belas juta"  # unreadable
    ws["D8"] = 300_000_001  # would break the kegiatan's sum if it were checked
    ws["E8"] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Realisasi", "D9")])


def test_edge_unreadable_typed_total_takes_computed_figure(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C4"] = "lima belas juta"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Realisasi", "C4")])
    assert rep.figures.budget.find("7.01.01.2.01").c_pagu == 15_000_000 * SEN


def test_edge_formula_without_value_is_unknown_not_zero(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C5"] = "=8000000+2000000"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.formula_without_value", "Realisasi", "C5")])


def test_edge_missing_identitas_gives_sheet_missing_only(tmp_path):
    wb = clean_book()
    del wb["Identitas"]
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("sheet.missing", "Identitas", None)])


def test_edge_children_of_duplicated_code_go_under_first_row(tmp_path):
    wb = clean_book()
    replace_data(wb["Realisasi"], [
        ["7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
         40_000_000, 4_000_000],
        ["7.01.01.2.01", KEG_201, 10_000_000, 1_000_000],
        ["7.01.01.2.01.0001", SUB_201_0001, 10_000_000, 1_000_000],
        ["7.01.01.2.01", KEG_201, 30_000_000, 3_000_000],  # repeat: row 6
        ["7.01.01.2.01.0006", SUB_201_0006, 30_000_000, 3_000_000],  # row 7
    ])
    wb["PK"]["L4"] = None
    wb["PK"]["L5"] = None
    rep = check_book(wb, tmp_path)
    budget = rep.figures.budget
    first = budget.find("7.01.01.2.01")
    assert first.row == 4
    row7 = next(r for r in budget.rows if r.row == 7)
    assert row7.parent is first
    assert first.c_pagu == 40_000_000 * SEN
    assert_keys(rep, [("budget.code_duplicate", "Realisasi", "A6"),
                      ("budget.sum_pagu", "Realisasi", "C4"),
                      ("budget.sum_realisasi", "Realisasi", "D4")])


def test_edge_repeated_village_rows_count_once_by_first_row(tmp_path):
    wb = clean_book()
    # a repeat of Tempursari's RKPDes, written another way, not yet set
    set_row(wb["LPPDes"], 9, [7, "Desa Tempursari", "RKPDes", D(2023, 1, 31), None, None])
    set_row(wb["LPPDes"], 10, [8, "Ds. Tempursari", "APBDes", D(2023, 1, 31), None, None])
    set_row(wb["LPPDes"], 11, [9, "KEL. PUNDUNG-SARI", "LPPDes", D(2023, 4, 30), None, None])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.duplicate", "LPPDes", "B9"),
                      ("villages.duplicate", "LPPDes", "B10"),
                      ("villages.duplicate", "LPPDes", "B11")])
    assert rep.figures.villages.n == 2
    assert rep.data.pk[0].derived == 100


def test_edge_repeated_village_row_first_row_decides(tmp_path):
    wb = clean_book()
    wb["LPPDes"]["E3"] = None  # Tempursari's RKPDes not yet set ...
    set_row(wb["LPPDes"], 9, [7, "Tempursari", "RKPDes", D(2023, 1, 31), D(2023, 1, 5), None])
    wb["PK"]["I3"] = 83.33  # ... the repeat, set on time, does not count
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.duplicate", "LPPDes", "B9")])
    assert rep.data.pk[0].derived == pytest.approx(500 / 6)


@pytest.mark.parametrize("cell, value", [
    ("B5", None), ("B5", "abc"), ("B5", 1999), ("B6", None), ("B6", "V"), ("B6", 0),
])
def test_replacement_identity_invalid_for_tahun_triwulan(tmp_path, cell, value):
    wb = clean_book()
    wb["Identitas"][cell] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("identity.invalid", "Identitas", cell)])


@pytest.mark.parametrize("value", [None, "   ", 0, "nol", "-"])
def test_replacement_target_missing_for_target(tmp_path, value):
    wb = clean_book()
    wb["PK"]["H5"] = value
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.target_missing", "PK", "H5")])


def test_replacement_ambiguous_replaces_number_as_text(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["D6"] = "1.000"  # read as Rp 1.000, text and ambiguous: ambiguous only
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "Realisasi", "D6"),
                      ("budget.sum_realisasi", "Realisasi", "D4"),
                      ("budget.sum_sisa", "Realisasi", "E6")])
    f = js(only(rep, "budget.sum_realisasi"))
    assert (f["found"], f["expected"]) == (3_500_000, 2_501_000)


def test_replacement_code_format_replaces_code_unknown(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A9"] = "7.01.01.2.02.002"  # not in the nomenclature either
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_format", "Realisasi", "A9")])


def test_replacement_code_duplicate_replaces_code_unknown(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A8"] = "7.01.01.2.02.0099"
    wb["Realisasi"]["A9"] = "7.01.01.2.02.0099"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_unknown", "Realisasi", "A8"),
                      ("budget.code_duplicate", "Realisasi", "A9")])


def test_replacement_code_duplicate_replaces_name_difference_and_suggests(tmp_path):
    """checks.md "Replacements": budget.code_duplicate replaces budget.code_unknown on its
    row, Kode and Uraian cell alike; its suggestion is the code its Uraian names."""
    wb = clean_book()
    wb["Realisasi"]["A9"] = "7.01.01.2.02.0001"  # Uraian stays SUB_202_0002
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_duplicate", "Realisasi", "A9")])
    f = rep.findings[0]
    assert f.expected == "7.01.01.2.02.0002"
    assert f.message.endswith("kemungkinan maksudnya 7.01.01.2.02.0002 "
                              "(Penyediaan Administrasi Pelaksanaan Tugas ASN).")
    assert "baris 8 (A8), yang memegang kode itu karena uraiannya sesuai nomenklatur" in f.message


# --- 4. typed and computed figures ------------------------------------------------------

def test_typed_wrong_sub_kegiatan_reported_at_kegiatan_only(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C5"] = 11_000_000
    wb["Realisasi"]["E5"] = 8_500_000  # the row itself stays consistent
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_pagu", "Realisasi", "C4")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == (15_000_000, 16_000_000)
    assert rep.figures.budget.pagu == 1_266_000_000 * SEN  # the detail


def test_typed_wrong_kegiatan_total_reported_at_kegiatan_only(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C4"] = 16_000_000
    wb["Realisasi"]["E4"] = 12_500_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_pagu", "Realisasi", "C4")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == (16_000_000, 15_000_000)


def test_typed_wrong_program_total_reported_at_program_only(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["D3"] = 316_000_000
    wb["Realisasi"]["E3"] = 949_000_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_realisasi", "Realisasi", "D3")])
    f = js(rep.findings[0])
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01", 316_000_000, 315_845_678)


def test_typed_sum_message_names_typed_children_sum(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C5"] = 11_000_000  # kegiatan 2.01 no longer matches its detail
    wb["Realisasi"]["E5"] = 8_500_000
    wb["Realisasi"]["C4"] = 17_000_000  # and the kegiatan is wrong on top
    wb["Realisasi"]["E4"] = 13_500_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_pagu", "Realisasi", "C4"),
                      ("budget.sum_pagu", "Realisasi", "C3"),
                      ("pk.budget_mismatch", "PK", "L5")])
    prog = next(f for f in rep.findings if f.cell == "C3")
    # program: typed 1.265.000.000; detail 1.266.000.000; children as typed 1.267.000.000
    assert js(prog)["expected"] == 1_266_000_000
    assert "1.267.000.000" in prog.message


@pytest.mark.parametrize("cells", [
    ("C4", "D4", "E4"),  # a kegiatan
    ("C3", "D3", "E3"),  # the program
    ("C3", "D3", "E3", "C4", "D4", "E4", "C7", "D7", "E7"),  # every total
])
def test_blank_parent_takes_computed_figure(tmp_path, cells):
    wb = clean_book()
    for cell in cells:
        wb["Realisasi"][cell] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.figures.budget.find("7.01.01.2.01").c_pagu == 15_000_000 * SEN
    assert rep.figures.budget.find("7.01.01").c_realisasi == 315_845_678 * SEN
    assert rep.figures.budget.find("7.01.01").c_sisa == 949_154_322 * SEN


def test_malformed_kegiatan_code_places_its_children_under_it_one_finding(tmp_path):
    """One mistake, one finding: the rows under a malformed kegiatan whose suggested code is
    their parent code are its children, not orphans."""
    wb = clean_book()
    wb["Realisasi"]["A4"] = "7.01.01.01.2"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_format", "Realisasi", "A4"),
                      ("pk.code_unknown", "PK", "K5")])
    f = only(rep, "budget.code_format")
    assert f.expected == "7.01.01.2.01"
    assert "2 baris di bawahnya memakai 7.01.01.2.01 sebagai kode induk" in f.message
    assert f.message.endswith("kemungkinan maksudnya 7.01.01.2.01 (Perencanaan, "
                              "Penganggaran, dan Evaluasi Kinerja Perangkat Daerah).")
    rows = {r.row: r for r in rep.figures.budget.rows}
    keg = rows[4]
    assert keg.parent is rows[3]  # counts as a kegiatan of program 7.01.01
    assert rows[5].parent is keg and rows[6].parent is keg
    assert rows[5].placed_by_position  # by position, under the row its code means
    assert keg.c_pagu == 15_000_000 * SEN
    assert rep.figures.budget.find("7.01.01").c_pagu == 1_265_000_000 * SEN


def test_rows_under_a_malformed_code_meaning_another_parent_stay_orphans(tmp_path):
    """The children are spared only when the suggestion is exactly their parent code."""
    wb = clean_book()
    wb["Realisasi"]["A4"] = "7.01.01.01.2"
    wb["Realisasi"]["B4"] = "Administrasi Keuangan Perangkat Daerah"  # names 7.01.01.2.02
    rep = check_book(wb, tmp_path)
    assert [k for k in keys(rep) if k[0] != "pk.code_unknown"] == [
        ("budget.code_format", "Realisasi", "A4"),
        ("budget.code_orphan", "Realisasi", "A5"),
        ("budget.code_orphan", "Realisasi", "A6")]
    f = only(rep, "budget.code_format")
    assert f.expected == "7.01.01.2.02"
    assert "kode yang sudah dipakai baris 7" in f.message


def test_malformed_sub_kegiatan_code_counts_under_kegiatan_above(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A9"] = "7.01.7.01.00.01"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_format", "Realisasi", "A9")])
    rows = {r.row: r for r in rep.figures.budget.rows}
    assert rows[9].parent is rows[7]
    assert "7.01.01.2.02" in rep.findings[0].message


def test_orphan_without_row_above_to_take_it_stays_out_of_sums(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.insert_rows(4)  # right under the program: no kegiatan above it
    set_row(ws, 4, ["7.01.01.2.05.0002", "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya",
                    1_000_000, 0, 1_000_000, "DAU"])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_orphan", "Realisasi", "A4")])
    assert [r.row for r in rep.figures.budget.unplaced] == [4]
    assert rep.figures.budget.pagu == 1_265_000_000 * SEN


def test_kode_in_json_is_as_typed(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A9"] = " 7.01.01.2.02.02 "
    wb["Realisasi"]["E9"] = 1
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.sum_sisa", "Realisasi", "E9")])
    assert js(rep.findings[0])["kode"] == "7.01.01.2.02.02"


def test_whole_number_as_text_is_no_amount_warning(tmp_path):
    wb = clean_book()
    wb["Identitas"]["B10"] = "2"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_unplaceable_row_stays_out_of_sums(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.insert_rows(10)
    set_row(ws, 10, ["7.01", "Urusan", 99, 0, 99, "DAU"])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("budget.code_format", "Realisasi", "A10")])
    assert [r.row for r in rep.figures.budget.unplaced] == [10]
    assert rep.figures.budget.pagu == 1_265_000_000 * SEN


def test_code_2_digit_last_part_is_child_of_kegiatan(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A5"] = "7.01.01.2.01.01"
    wb["Realisasi"]["A6"] = "7.01.01.2.01.06"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_code_prefix_is_no_parent(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A4"] = "7.01.01.2.0"  # not the parent of 7.01.01.2.01.xxxx
    wb["Realisasi"]["B4"] = "Kegiatan yang tidak ada di nomenklatur"  # no suggestion
    rep = check_book(wb, tmp_path)
    found = keys(rep)
    assert ("budget.code_format", "Realisasi", "A4") in found, show(rep)
    assert ("budget.code_orphan", "Realisasi", "A5") in found, show(rep)
    assert ("budget.code_orphan", "Realisasi", "A6") in found, show(rep)
    rows = {r.row: r for r in rep.figures.budget.rows}
    assert rows[5].placed_by_position and rows[5].parent is rows[4]


# --- 5. derived realisations -------------------------------------------------------------

def test_derived_fasilitasi_ratio(tmp_path):
    wb = clean_book()
    wb["PK"]["J3"] = "Fasilitasi"
    wb["PK"]["I3"] = 66.67
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].derived == pytest.approx(200 / 3)


def test_derived_fasilitasi_blank_counts_as_tidak(tmp_path):
    wb = clean_book()
    wb["PK"]["J3"] = "Fasilitasi"
    wb["PK"]["I3"] = 33.33
    wb["Fasilitasi"]["D4"] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].derived == pytest.approx(100 / 3)


@pytest.mark.parametrize("first, second", [("Tidak", "Ya"), ("Ya", "Tidak")])
def test_derived_fasilitasi_duplicate_counted_once_as_ya_if_any(tmp_path, first, second):
    wb = clean_book()
    wb["PK"]["J3"] = "Fasilitasi"
    wb["PK"]["I3"] = 100
    wb["Fasilitasi"]["D5"] = first
    set_row(wb["Fasilitasi"], 6, [4, "Fasilitasi", "Fasilitasi penyusunan RKPDes", second])
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("facilitation.duplicate", "Fasilitasi", "C6")])
    assert rep.data.pk[0].derived == 100
    assert rep.figures.facilitation.total == 3


def test_derived_dokumen_desa(tmp_path):
    wb = clean_book()
    wb["LPPDes"]["E4"] = D(2023, 2, 1)  # Tempursari APBDes after its Batas Waktu
    wb["LPPDes"]["E7"] = None  # Pundungsari APBDes not yet set
    wb["PK"]["I3"] = 66.67
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].derived == pytest.approx(400 / 6)


def test_derived_dokumen_desa_mismatch(tmp_path):
    wb = clean_book()
    wb["LPPDes"]["E4"] = D(2023, 2, 1)  # late: 5 of 6
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.derived_mismatch", "PK", "I3")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == (100, 83.33)


@pytest.mark.parametrize("doc, late_cell, expected", [
    ("RKPDes", "E6", 50), ("APBDes", "E4", 50), ("LPPDes", "E8", 50),
    ("RKPDes", "E4", 100),  # another document's delay does not count
])
def test_derived_single_document(tmp_path, doc, late_cell, expected):
    wb = clean_book()
    wb["PK"]["J3"] = doc
    wb["PK"]["I3"] = expected
    wb["LPPDes"][late_cell] = None  # not yet set
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].derived == expected


def test_derived_date_equal_to_batas_is_on_time(tmp_path):
    wb = clean_book()
    wb["LPPDes"]["E3"] = D(2023, 1, 31)
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_derived_used_when_realisasi_blank(tmp_path):
    wb = clean_book()
    wb["PK"]["I3"] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].realisasi_value == 100


@pytest.mark.parametrize("typed, finding", [
    (99.51, False), (99.49, True), (100.49, False), (100.51, True),
])
def test_derived_tolerance_half_point(tmp_path, typed, finding):
    wb = clean_book()
    wb["PK"]["I3"] = typed  # derived: 100
    rep = check_book(wb, tmp_path)
    assert keys(rep) == ([("pk.derived_mismatch", "PK", "I3")] if finding else []), show(rep)


@pytest.mark.parametrize("typed, finding", [
    (66.18, False),  # 0,4867
    (66.15, True),  # 0,5167
    (66.167, False),  # 0,4997 unrounded; 0,503 against the rounded 66,67
    (67.17, True),  # 0,5033 unrounded; 0,50 against the rounded 66,67
    (67.16, False),  # 0,4933
])
def test_derived_tolerance_uses_unrounded_values(tmp_path, typed, finding):
    wb = clean_book()
    wb["PK"]["J3"] = "Fasilitasi"  # derived: 2 of 3 = 66,666...
    wb["PK"]["I3"] = typed
    rep = check_book(wb, tmp_path)
    assert keys(rep) == ([("pk.derived_mismatch", "PK", "I3")] if finding else []), show(rep)
    if finding:
        f = js(rep.findings[0])
        assert f["expected"] == 66.67
        assert f["found"] == typed


def test_json_output_of_a_finding(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C5"] = 10_000_000.5  # with sen
    wb["Realisasi"]["E5"] = None
    rep = check_book(wb, tmp_path)
    f = js(only(rep, "budget.sum_pagu"))
    assert f == {**f, "check": "budget.sum_pagu", "severity": "error", "sheet": "Realisasi",
                 "cell": "C4", "kode": "7.01.01.2.01", "found": 15_000_000,
                 "expected": 15_000_000.5}
    assert isinstance(only(rep, "budget.sum_pagu").expected, Decimal | int)


def test_findings_sheet_is_the_name_in_the_file(tmp_path):
    wb = clean_book()
    rename(wb, "PK", " pk ")
    wb[" pk "]["H4"] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.target_missing", " pk ", "H4")])


def test_sub_kegiatan_names_in_builder_are_the_nomenclature_names():
    from lkj_excel.codes import Nomenclature, code_key

    nomen = Nomenclature()
    for code, name in (("7.01.01.2.01.0001", SUB_201_0001), ("7.01.01.2.01.0006", SUB_201_0006),
                       ("7.01.01.2.02.0002", SUB_202_0002), ("7.01.01.2.03.0006", SUB_203_0006)):
        assert nomen.name(code_key(code)) == name


# --- audit fixes: each test failed before its fix ------------------------------------------

@pytest.mark.parametrize("name", ["Ds.Tempursari", "Ds Tempursari", "DS.  TEMPURSARI",
                                  "Desa Tempursari", "Kel.Tempursari", "Kelurahan Tempur-sari"])
def test_village_prefix_without_space_is_the_same_village(tmp_path, name):
    wb = clean_book()
    wb["LPPDes"]["B3"] = name  # Tempursari's RKPDes; its other rows say "Tempursari"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.figures.villages.n == 2
    assert rep.data.pk[0].derived == 100


def test_village_prefix_is_a_word_of_its_own():
    from lkj_excel.read.sheets import village_key

    assert village_key("Desaku") == "desaku"  # not "ku"
    assert village_key("Kelapa") == "kelapa"
    assert village_key("Dsn Krajan") == "dsnkrajan"
    assert village_key("Ds.Tempursari") == village_key("Tempursari") == "tempursari"
    assert village_key("Kel. Pundung-Sari") == "pundungsari"


def test_unknown_amount_leaves_totals_above_it_unchecked(tmp_path):
    """The audit's repro: program mistyped and a sub kegiatan's Pagu unreadable."""
    wb = clean_book()
    wb["Realisasi"]["C3"] = 1_266_000_000  # program typed wrongly
    wb["Realisasi"]["E3"] = None
    wb["Realisasi"]["C5"] = "abc"  # its detail is unknown: no sum above it is checked
    rep = check_book(wb, tmp_path)
    # no budget.sum_pagu C3, no budget.total C10, no pk.budget_mismatch L4 (computed Pagu unknown)
    assert_keys(rep, [("cell.invalid", "Realisasi", "C5")])
    assert rep.figures.budget.find("7.01.01").c_pagu is None


def test_unknown_computed_pagu_skips_pk_comparison(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C6"] = "=2000000+3000000"  # no cached value: kegiatan 2.01's Pagu unknown
    wb["PK"]["L5"] = 1  # equals neither figure, but the computed one is unknown
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.formula_without_value", "Realisasi", "C6")])


def test_unknown_amount_elsewhere_keeps_single_typo_at_its_row(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["D9"] = "abc"  # kegiatan 2.02's detail unknown ...
    wb["Realisasi"]["C4"] = 16_000_000  # ... kegiatan 2.01 still checked against its own
    wb["Realisasi"]["E4"] = 12_500_000
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Realisasi", "D9"), ("budget.sum_pagu", "Realisasi", "C4")])
    f = js(only(rep, "budget.sum_pagu"))
    assert (f["kode"], f["found"], f["expected"]) == ("7.01.01.2.01", 16_000_000, 15_000_000)


def test_merged_target_missing_reported_once_at_first_cell(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws["H3"] = 0
    ws.merge_cells("H3:H5")  # one target over three indicators
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.target_missing", "PK", "H3")])


def test_merged_blank_required_cell_reported_once_at_first_cell(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws.merge_cells("D3:D5")
    ws["D3"] = None  # a blank sasaran merged over three indicators
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.required", "PK", "D3")])


def test_merged_pk_code_unknown_reported_once_at_first_cell(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws["K4"] = "7.01.02"
    ws["L5"] = None
    ws.merge_cells("K4:K5")
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("pk.code_unknown", "PK", "K4")])
    assert js(rep.findings[0])["found"] == "7.01.02"


def test_merged_date_after_period_reported_once_at_first_cell(tmp_path):
    wb = clean_book()
    ws = wb["LPPDes"]
    ws["E6"] = D(2023, 4, 10)  # Pundungsari's three documents on one date, after the period
    ws.merge_cells("E6:E8")
    wb["PK"]["I3"] = 66.67  # RKPDes and APBDes late (Batas Waktu 31 January): 4 of 6
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.date_after_period", "LPPDes", "E6")])
    f = js(rep.findings[0])
    assert (f["found"], f["expected"]) == ("2023-04-10", "2023-03-31")


def test_merged_desa_keeps_distinct_findings_that_share_its_cell(tmp_path):
    wb = clean_book()
    ws = wb["LPPDes"]
    ws["C7"] = "RKPDes"  # Pundungsari repeats its RKPDes twice and lacks APBDes and LPPDes
    ws["C8"] = "RKPDes"
    ws.merge_cells("B6:B8")
    wb["PK"]["I3"] = 66.67  # 4 of 6
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("villages.duplicate", "LPPDes", "B6"),
                      ("villages.duplicate", "LPPDes", "B6"),
                      ("villages.document_missing", "LPPDes", "B6"),
                      ("villages.document_missing", "LPPDes", "B6")])
    missing = sorted(f.expected for f in rep.findings if f.check == "villages.document_missing")
    assert missing == ["APBDes", "LPPDes"]


def test_nip_sex_digit_neither_1_nor_2_is_nip_gender_not_nip_format(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["C5"] = "199001012015033001"  # sex digit 3; L/P L
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.nip_gender", "Pegawai", "D5")])
    f = rep.findings[0]
    assert (js(f)["found"], js(f)["expected"]) == ("L", None)
    assert "'3'" in f.message and "bukan 1" in f.message


def test_nip_sex_digit_invalid_without_lp_is_no_finding(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["C5"] = "199001012015033001"
    wb["Pegawai"]["D5"] = None
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [])


def test_nip_format_and_nip_gender_both_reported(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["C5"] = "199002302015032001"  # 30 February, and sex digit 2 against L
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("staff.nip_format", "Pegawai", "C5"), ("staff.nip_gender", "Pegawai", "D5")])
    f = js(only(rep, "staff.nip_gender"))
    assert (f["found"], f["expected"]) == ("L", "P")


@pytest.mark.parametrize("cell, formula", [("B5", "=2000+23"), ("B6", '="I"')])
def test_identity_formula_without_value_is_both_findings(tmp_path, cell, formula):
    wb = clean_book()
    wb["Identitas"][cell] = formula
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.formula_without_value", "Identitas", cell),
                      ("identity.invalid", "Identitas", cell)])
    assert "kosong" not in only(rep, "identity.invalid").message
    assert "rumus" in only(rep, "identity.invalid").message


def test_target_formula_without_value_is_both_findings(tmp_path):
    wb = clean_book()
    wb["PK"]["H4"] = "=60+10"
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.formula_without_value", "PK", "H4"), ("pk.target_missing", "PK", "H4")])
    assert "rumus" in only(rep, "pk.target_missing").message


def test_json_found_nip_stored_as_number_is_its_digits(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["C5"] = 199001012015031001.0
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Pegawai", "C5")])
    assert js(rep.findings[0])["found"] == "199001012015031000"  # as Excel keeps it


def test_json_found_percent_is_a_number(tmp_path):
    wb = clean_book()
    wb["PK"]["H3"] = 0.9
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "PK", "H3")])
    assert js(rep.findings[0])["found"] == 0.9
    assert isinstance(js(rep.findings[0])["found"], float)


def test_json_found_amount_is_a_number(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["D5"] = 10**16  # more than the largest amount read
    rep = check_book(wb, tmp_path)
    assert ("cell.invalid", "Realisasi", "D5") in keys(rep), show(rep)
    f = js(only(rep, "cell.invalid"))
    assert f["found"] == 10**16 and isinstance(f["found"], int)


def test_json_found_and_message_of_a_year_without_point_zero(tmp_path):
    wb = clean_book()
    wb["Identitas"]["B5"] = 1999.0
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [("identity.invalid", "Identitas", "B5")])
    f = rep.findings[0]
    assert js(f)["found"] == "1999"
    assert "'1999'" in f.message and "1999.0" not in f.message


@pytest.mark.parametrize("cell, value, check", [
    ("D3", None, "cell.required"), ("D3", "besok", "cell.invalid")])
def test_village_document_without_batas_waktu_is_not_on_time(tmp_path, cell, value, check):
    wb = clean_book()
    wb["LPPDes"][cell] = value  # Tempursari's RKPDes, set 10 January
    rep = check_book(wb, tmp_path)
    assert_keys(rep, [(check, "LPPDes", cell), ("pk.derived_mismatch", "PK", "I3")])
    assert rep.data.villages[0].status == "Tidak Diketahui"
    assert rep.figures.villages.on_time["RKPDes"] == 1
    f = js(only(rep, "pk.derived_mismatch"))
    assert (f["found"], f["expected"]) == (100, 83.33)  # 5 of 6: the denominator stays villages × 3


# --- suggested codes (checks.md "Suggested codes") ----------------------------------------

def _suggest(uraian: str, code: str = "7.01.01.2.01.x1", extra: dict | None = None,
             row: int = 5):
    """The suggestion for Realisasi row `row` given Kode `code` and Uraian `uraian`."""
    from lkj_excel import figures as F
    from lkj_excel.codes import Nomenclature
    from lkj_excel.pipeline import check_source
    from lkj_excel.settings import Settings

    wb = clean_book()
    wb["Realisasi"][f"A{row}"] = code
    wb["Realisasi"][f"B{row}"] = uraian
    buf = io.BytesIO()
    wb.save(buf)
    settings = Settings(nomenklatur=extra or {})
    rep = check_source(buf.getvalue(), "saran.xlsx", settings, Nomenclature(extra))
    fig = F.compute(rep.data, settings, Nomenclature(extra))
    r = next(b for b in fig.budget.rows if b.row == row)
    return ".".join(r.suggested) if r.suggested else None, rep


def test_suggestion_by_the_name_of_the_rows_level():
    assert _suggest(SUB_201_0001)[0] == "7.01.01.2.01.0001"  # rule 1


def test_suggestion_by_similar_name_among_the_parents_children():
    # one letter off: rule 3 among 7.01.01.2.01's children
    got, rep = _suggest(SUB_201_0001.replace("Penyusunan", "Penyusunaan"))
    assert got == "7.01.01.2.01.0001"
    f = next(f for f in rep.findings if f.check == "budget.code_format")
    assert f.expected == got and f.message.endswith(f"kemungkinan maksudnya {got} ({SUB_201_0001}).")


def test_no_suggestion_below_the_similarity_threshold():
    got, rep = _suggest("Belanja yang sama sekali lain")
    assert got is None
    assert next(f for f in rep.findings if f.check == "budget.code_format").expected is None


def test_no_suggestion_when_two_candidates_tie():
    twin = {"7.01.01.2.01.0098": "Koordinasi Kegiatan Khusus Kecamatan Xa",
            "7.01.01.2.01.0099": "Koordinasi Kegiatan Khusus Kecamatan Xb"}
    got, _rep = _suggest("Koordinasi Kegiatan Khusus Kecamatan Xbb", extra=twin)
    assert got == "7.01.01.2.01.0099"  # clearly the closer one
    got, _rep = _suggest("Koordinasi Kegiatan Khusus Kecamatan X", extra=twin)
    assert got is None  # as close to both: a tie gives none


def test_a_name_shared_by_two_codes_of_a_level_is_no_rule_1_suggestion():
    same = {"7.01.01.2.01.0099": SUB_201_0001}
    got, _rep = _suggest(SUB_201_0001, extra=same)
    assert got is None  # two codes named so at that level, and a tie among the children


def test_a_suggestion_is_never_the_rows_own_code():
    # an unknown code whose name is its own nomenclature entry is not possible; a duplicate
    # that fits its code keeps it and gets no finding at all
    got, rep = _suggest(SUB_201_0001, code="7.01.01.2.01.0001", row=6)
    assert got is None
    dup = [f for f in rep.findings if f.check == "budget.code_duplicate"]
    assert [f.cell for f in dup] == ["A6"]  # both fit: the first keeps it, the other is told
