"""The reading rules of template.md ("Reading rules (all sheets)"), on small workbooks."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import (
    HEADERS,
    KEG_201,
    PROGRAM,
    SEN,
    SUB_201_0001,
    SUB_201_0002,
    SUB_201_0003,
    clean_book,
    clean_sheets,
    keys,
    make_book,
    rename,
    replace_data,
    run,
    save,
    set_cached_values,
    set_row,
    show,
)

D = dt.date


def assert_keys(rep, expected):
    want = sorted(expected, key=lambda t: tuple("" if x is None else x for x in t))
    assert keys(rep) == want, show(rep)


def as_date(v):
    return v.date() if isinstance(v, dt.datetime) else v


# --- sheets ------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("PK", " pk "), ("PK", "Pk"), ("PK", "P K"), ("Realisasi", "REALISASI"),
    ("Identitas", "identitas "), ("LPPDes", "LPP Des"), ("Pegawai", " PEGAWAI"),
])
def test_sheet_names_matched_loosely(tmp_path, old, new):
    wb = clean_book()
    rename(wb, old, new)
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.sheets[old] == new


def test_sheet_name_in_findings_is_the_files(tmp_path):
    wb = clean_book()
    rename(wb, "Realisasi", "realisasi ")
    wb["realisasi "]["E5"] = 1
    rep = run(wb, tmp_path)
    assert_keys(rep, [("budget.sum_sisa", "realisasi ", "E5")])


def test_sheet_order_does_not_matter_and_other_sheets_ignored(tmp_path):
    wb = clean_book()
    wb.move_sheet("Pegawai", offset=-5)
    ws = wb.create_sheet("Petunjuk", 0)
    ws["A1"] = "Isi kolom Kode sebagai teks"
    wb.create_sheet("Catatan")["A1"] = "Kode"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheet_read(tmp_path, state):
    wb = clean_book()
    wb["Pegawai"].sheet_state = state
    wb["Pegawai"]["D5"] = "P"
    rep = run(wb, tmp_path)
    assert_keys(rep, [("staff.nip_gender", "Pegawai", "D5")])


def test_hidden_rows_read(tmp_path):
    wb = clean_book()
    for row in (5, 8):
        wb["Realisasi"].row_dimensions[row].hidden = True
    wb["Realisasi"].column_dimensions["E"].hidden = True
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert [r.row for r in rep.data.budget] == [3, 4, 5, 6, 7, 8, 9, 10]


# --- headers -----------------------------------------------------------------------------

def test_header_below_title_rows_and_starting_in_column_b(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.insert_rows(1, 3)  # four title rows
    ws["A2"] = "KECAMATAN TEMPURSARI"
    ws["A3"] = 2023
    ws.insert_cols(1)  # the table starts in column B
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    ws["D8"] = "abc"  # was C5: the Pagu of sub kegiatan 7.01.01.2.01.0001
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Realisasi", "D8")])


def test_column_missing_points_at_header_rows_first_cell(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws.insert_rows(1, 2)
    ws.insert_cols(1, 2)
    ws["C4"] = None  # the No header: the row's first cell is now D4 (Tingkat)
    ws["E4"] = "Pejabat"  # Penanggung Jawab no longer matched
    rep = run(wb, tmp_path)
    assert_keys(rep, [("column.missing", "PK", "D4")])


def test_header_after_row_15_not_found(tmp_path):
    wb = clean_book()
    wb["Fasilitasi"].insert_rows(1, 14)  # header on row 16
    rep = run(wb, tmp_path)
    assert_keys(rep, [("column.missing", "Fasilitasi", None)] * 3)


def test_header_on_row_15_found(tmp_path):
    wb = clean_book()
    wb["Fasilitasi"].insert_rows(1, 13)  # header on row 15
    rep = run(wb, tmp_path)
    assert_keys(rep, [])


def test_header_row_needs_half_of_required_columns(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    # a title row naming 2 of PK's 5 required columns comes first: not the header row
    ws.insert_rows(1)
    ws["B1"] = "Tingkat"
    ws["C1"] = "Sasaran"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])


HEADER_FORMS = [
    ("Realisasi", "C2", "Pagu (Rp)", lambda r: r.data.budget[2].pagu.value, 10_000_000 * SEN),
    ("Realisasi", "C2", "PAGU", lambda r: r.data.budget[2].pagu.value, 10_000_000 * SEN),
    ("Realisasi", "C2", "pagu", lambda r: r.data.budget[2].pagu.value, 10_000_000 * SEN),
    ("Realisasi", "C2", " Pagu. ", lambda r: r.data.budget[2].pagu.value, 10_000_000 * SEN),
    ("Realisasi", "D2", "REALISASI (Rp.)", lambda r: r.data.budget[2].realisasi.value,
     2_500_000 * SEN),
    ("Realisasi", "E2", "Sisa\n(Rp)", lambda r: r.data.budget[2].sisa.value, 7_500_000 * SEN),
    ("Realisasi", "A2", "KODE:", lambda r: r.data.budget[0].kode.value, "7.01.01"),
    ("PK", "H2", "Target (%)", lambda r: r.data.pk[0].target.value, 90),
    ("PK", "E2", "Indikator-Kinerja", lambda r: r.data.pk[0].indikator.value,
     "Persentase dokumen desa yang ditetapkan tepat waktu"),
    ("PK", "J2", "SUMBER_REALISASI", lambda r: r.data.pk[0].sumber.value, "Dokumen Desa"),
    ("LPPDes", "D2", "Batas  Waktu", lambda r: as_date(r.data.villages[0].batas.value),
     D(2023, 1, 31)),
    ("Pegawai", "D2", "L / P", lambda r: r.data.staff[0].lp.value, "L"),
]


@pytest.mark.parametrize("sheet, cell, header, get, value", HEADER_FORMS,
                         ids=[f"{s}-{h.strip()}" for s, _, h, _, _ in HEADER_FORMS])
def test_header_forms(tmp_path, sheet, cell, header, get, value):
    wb = clean_book()
    wb[sheet][cell] = header
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert get(rep) == value


def test_target_tahun_lalu_is_never_target(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    ws["H2"] = None  # only `Target Tahun Lalu` is left
    rep = run(wb, tmp_path)
    assert_keys(rep, [("column.missing", "PK", "A2")])
    assert rep.data.pk[0].target_ll.value == 85


def test_target_tahun_lalu_left_of_target(tmp_path):
    wb = clean_book()
    ws = wb["PK"]
    for r in range(2, 6):  # swap columns H (Target) and M (Target Tahun Lalu)
        ws[f"H{r}"], ws[f"M{r}"] = ws[f"M{r}"].value, ws[f"H{r}"].value
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert [p.target.value for p in rep.data.pk] == [90, 70, 100]
    assert rep.data.pk[0].target_ll.value == 85
    assert rep.data.pk[0].target.addr == "M3"


ALIASES = [
    ("Realisasi", "A2", "Kode Rekening", lambda r: r.data.budget[0].kode.value, "7.01.01"),
    ("Realisasi", "A2", "Kode Program/Kegiatan", lambda r: r.data.budget[0].kode.value,
     "7.01.01"),
    ("Realisasi", "B2", "Program/Kegiatan/Sub Kegiatan", lambda r: r.data.budget[0].uraian.value,
     PROGRAM),
    ("Realisasi", "B2", "Nama Program/Kegiatan", lambda r: r.data.budget[0].uraian.value,
     PROGRAM),
    ("Realisasi", "C2", "Pagu Anggaran", lambda r: r.data.budget[2].pagu.value, 10_000_000 * SEN),
    ("Realisasi", "C2", "Anggaran", lambda r: r.data.budget[2].pagu.value, 10_000_000 * SEN),
    ("Realisasi", "D2", "Realisasi Anggaran", lambda r: r.data.budget[2].realisasi.value,
     2_500_000 * SEN),
    ("Realisasi", "E2", "Sisa Anggaran", lambda r: r.data.budget[2].sisa.value, 7_500_000 * SEN),
    ("PK", "E2", "Indikator", lambda r: r.data.pk[1].indikator.value, "Nilai SAKIP kecamatan"),
    ("PK", "K2", "Kode Rekening", lambda r: r.data.pk[1].kode.value, "7.01.01"),
    ("PK", "K2", "Kode Program/Kegiatan", lambda r: r.data.pk[2].kode.value, "7.01.01.2.01"),
    ("LPPDes", "B2", "Nama Desa", lambda r: r.data.villages[3].desa.value, "Pundungsari"),
    ("LPPDes", "B2", "Desa/Kelurahan", lambda r: r.data.villages[3].desa.value, "Pundungsari"),
    ("LPPDes", "E2", "Tanggal", lambda r: as_date(r.data.villages[0].tanggal.value),
     D(2023, 1, 10)),
    ("LPPDes", "E2", "Tgl. Surat", lambda r: as_date(r.data.villages[0].tanggal.value),
     D(2023, 1, 10)),
    ("LPPDes", "E2", "Tanggal Surat", lambda r: as_date(r.data.villages[0].tanggal.value),
     D(2023, 1, 10)),
    ("Pegawai", "D2", "Jenis Kelamin", lambda r: r.data.staff[1].lp.value, "P"),
    ("Pegawai", "E2", "Pangkat", lambda r: r.data.staff[0].pangkat.value, "Pembina (IV/a)"),
    ("Pegawai", "E2", "Golongan", lambda r: r.data.staff[0].pangkat.value, "Pembina (IV/a)"),
    ("Pegawai", "E2", "Pangkat/Gol", lambda r: r.data.staff[0].pangkat.value, "Pembina (IV/a)"),
]


@pytest.mark.parametrize("sheet, cell, alias, get, value", ALIASES,
                         ids=[f"{s}-{a}" for s, _, a, _, _ in ALIASES])
def test_aliases(tmp_path, sheet, cell, alias, get, value):
    wb = clean_book()
    wb[sheet][cell] = alias
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert get(rep) == value


def test_alias_header_with_parentheses(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["C2"] = "PAGU ANGGARAN (Rp.)"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])


def test_two_headers_for_one_column_second_is_ambiguous(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws["G2"] = "Pagu Anggaran"
    for r in range(3, 11):
        ws[f"G{r}"] = "bukan angka"
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "Realisasi", "G2")])
    assert rep.data.budget[2].pagu.addr == "C5"


def test_two_headers_for_one_column_leftmost_used(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.insert_cols(3)  # C: a copy of Pagu under an alias; D: the original Pagu, now wrong
    ws["C2"] = "Anggaran"
    for r in range(3, 11):
        ws[f"C{r}"] = ws[f"D{r}"].value
        ws[f"D{r}"] = "salah"
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "Realisasi", "D2")])
    assert rep.data.budget[2].pagu.value == 10_000_000 * SEN
    assert rep.data.budget[2].pagu.addr == "C5"


def test_extra_columns_ignored(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws["G2"] = "Catatan"
    ws["G5"] = "dicek bendahara"
    ws["H4"] = "tanpa judul"
    ws["P2"] = "Bukti"
    wb["PK"]["P2"] = "Dokumen Pendukung"
    wb["PK"]["P3"] = 12345
    rep = run(wb, tmp_path)
    assert_keys(rep, [])


def test_columns_in_any_order(tmp_path):
    sheets = clean_sheets()
    order = [5, 3, 0, 2, 4, 1]  # Sumber Dana, Realisasi, Kode, Pagu, Sisa, Uraian
    sheets["Realisasi"] = [sheets["Realisasi"][0]] + [
        [row[i] if i < len(row) else None for i in order] for row in sheets["Realisasi"][1:]
    ]
    wb = make_book(sheets)
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    wb["Realisasi"]["D5"] = "abc"  # Pagu of row 5 is now in column D
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Realisasi", "D5")])


# --- rows --------------------------------------------------------------------------------

def test_blank_rows_in_the_middle(tmp_path):
    wb = clean_book()
    wb["Realisasi"].insert_rows(7, 2)
    wb["Realisasi"]["B7"] = "   "  # spaces only
    wb["PK"].insert_rows(4)
    wb["PK"]["A4"] = 99  # only No: skipped
    wb["LPPDes"].insert_rows(6)
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert len(rep.data.budget) == 8
    assert len(rep.data.pk) == 3


def test_signature_block_after_table_skipped(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws["B13"] = "Lumajang, 31 Maret 2023"
    ws["B14"] = "CAMAT TEMPURSARI"
    ws["B17"] = "ARIF MUSTOFA, SAP"
    ws["B18"] = "NIP. 19750712 199703 1 002"
    pk = wb["PK"]
    pk["D8"] = "Mengetahui,"
    pk["H9"] = "Camat Tempursari"
    pg = wb["Pegawai"]
    pg["F8"] = "Camat"
    pg["B11"] = "ARIF MUSTOFA, SAP"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert len(rep.data.budget) == 8
    assert len(rep.data.pk) == 3
    assert len(rep.data.staff) == 3


def test_row_filling_one_column_inside_the_table_is_read(tmp_path):
    wb = clean_book()
    set_row(wb["Pegawai"], 6, [4, "HONORER TANPA NIP"])
    set_row(wb["Pegawai"], 7, [5, "SRI WAHYUNI", None, "P", None, "Staf", "SMA", "Non PNS"])
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert [s.nama.value for s in rep.data.staff][3:] == ["HONORER TANPA NIP", "SRI WAHYUNI"]


# --- merged cells ------------------------------------------------------------------------

def _pk_three_indicators(wb, tingkat="Sasaran Kegiatan"):
    ws = wb["PK"]
    ws["B5"] = tingkat
    for row, indikator in ((6, "Jumlah dokumen evaluasi"), (7, "Nilai evaluasi internal")):
        set_row(ws, row, [row - 2, None, None, None, indikator, "%", "Naik", None, 20])
    for col in "BCDH":
        ws.merge_cells(f"{col}5:{col}7")
    return ws


def test_merged_sasaran_over_three_indicators(tmp_path):
    wb = clean_book()
    _pk_three_indicators(wb)
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    rows = rep.data.pk[2:]
    assert [r.sasaran.value for r in rows] == ["Tersusunnya dokumen perencanaan dan evaluasi"] * 3
    assert [r.tingkat.value for r in rows] == ["Sasaran Kegiatan"] * 3
    assert [r.target.value for r in rows] == [100] * 3  # a target merged over its indicators
    assert {r.sasaran.addr for r in rows} == {"D5"}


def test_merged_value_finding_reported_once_at_first_cell(tmp_path):
    wb = clean_book()
    _pk_three_indicators(wb, tingkat="Sasaran Antara")
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "PK", "B5")])


def test_merged_batas_waktu_over_villages(tmp_path):
    wb = clean_book()
    ws = wb["LPPDes"]
    replace_data(ws, [
        [1, "Tempursari", "RKPDes", D(2023, 1, 31), D(2023, 1, 10)],
        [2, "Pundungsari", "RKPDes", None, D(2023, 1, 12)],
        [3, "Tempursari", "APBDes", D(2023, 1, 31), D(2023, 1, 25)],
        [4, "Pundungsari", "APBDes", None, D(2023, 1, 30)],
        [5, "Tempursari", "LPPDes", D(2023, 4, 30), D(2023, 3, 20)],
        [6, "Pundungsari", "LPPDes", None, D(2023, 3, 15)],
    ])
    for first in (3, 5, 7):
        ws.merge_cells(f"D{first}:D{first + 1}")
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert [as_date(v.batas.value) for v in rep.data.villages] == [
        D(2023, 1, 31), D(2023, 1, 31), D(2023, 1, 31), D(2023, 1, 31),
        D(2023, 4, 30), D(2023, 4, 30)]
    assert rep.data.pk[0].derived == 100


def test_merged_batas_waktu_late_village_counted(tmp_path):
    wb = clean_book()
    ws = wb["LPPDes"]
    ws["D4"] = None
    ws["D5"] = None
    ws.merge_cells("D3:D5")  # 31 January for Tempursari's three documents
    ws["E5"] = D(2023, 3, 20)  # LPPDes now late against the merged 31 January
    wb["PK"]["I3"] = 83.33
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].derived == pytest.approx(500 / 6)


def test_merged_amount_keeps_value_in_first_row_only(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.merge_cells("C3:C4")  # the program's Pagu merged over the kegiatan row below it
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.budget[0].pagu.value == 1_265_000_000 * SEN
    assert rep.data.budget[1].pagu.value is None
    assert rep.figures.budget.find("7.01.01.2.01").c_pagu == 15_000_000 * SEN


def test_merged_text_column_gives_value_to_every_row(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.merge_cells("F3:F9")
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert [r.sumber_dana.value for r in rep.data.budget[:7]] == ["DAU"] * 7


# --- addresses ---------------------------------------------------------------------------

def test_addresses_kept(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws.insert_rows(1, 9)  # header on row 11: sub kegiatan 7.01.01.2.01.0001 on row 14
    ws["C14"] = 11_000_000
    rep = run(wb, tmp_path)
    assert ("budget.sum_sisa", "Realisasi", "E14") in keys(rep), show(rep)
    assert ("budget.sum_pagu", "Realisasi", "C13") in keys(rep), show(rep)
    row = rep.figures.budget.find("7.01.01.2.01.0001")
    assert (row.kode.addr, row.pagu.addr, row.realisasi.addr) == ("A14", "C14", "D14")
    assert rep.data.pk[0].realisasi.addr == "I3"
    assert rep.data.identity.values["Tahun Anggaran"].addr == "B5"


# --- amounts -----------------------------------------------------------------------------

def _amount_probe(wb, cell, value):
    """Put `value` in a sub kegiatan's amount cell (row 6) with every total above it blank,
    so that the amount's value does not make any sum finding."""
    ws = wb["Realisasi"]
    for c in ("C3", "C4", "C10", "D3", "D4", "D10", "E6"):
        ws[c] = None
    wb["PK"]["L4"] = None
    wb["PK"]["L5"] = None
    ws[cell] = value
    return ws


def test_amount_probe_itself_is_clean(tmp_path):
    wb = clean_book()
    _amount_probe(wb, "C6", 5_000_000)
    rep = run(wb, tmp_path)
    assert_keys(rep, [])


@pytest.mark.parametrize("text, rupiah", [
    ("1.750.000,-", 1_750_000),
    ("Rp. 5.113.215.", 5_113_215),
    ("1,169,899,860", 1_169_899_860),
    ("1.913.315.062,00", 1_913_315_062),
    ("Rp 3.000.000", 3_000_000),
    ("Rp3.000.000", 3_000_000),
    ("1.750.000,50", 1_750_000.50),
    ("1,750,000.05", 1_750_000.05),
    ("2500000", 2_500_000),
    (" 1.750.000 ", 1_750_000),
])
def test_amount_as_text_read_exactly(tmp_path, text, rupiah):
    wb = clean_book()
    _amount_probe(wb, "C6", text)
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.number_as_text", "Realisasi", "C6")])
    sen = round(rupiah * 100)
    assert rep.data.budget[3].pagu.value == sen
    assert rep.figures.budget.find("7.01.01.2.01").c_pagu == 10_000_000 * SEN + sen


@pytest.mark.parametrize("text, rupiah", [("1.234", 1234), ("1,234", 1234), ("Rp 5.000", 5000)])
def test_amount_single_separator_three_digits_is_ambiguous(tmp_path, text, rupiah):
    wb = clean_book()
    _amount_probe(wb, "D6", text)
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "Realisasi", "D6")])
    assert rep.data.budget[3].realisasi.value == rupiah * SEN


@pytest.mark.parametrize("text, sen", [("1.234.56", 123_456), ("1,234,56", 123_456),
                                       ("Rp 750.000.5", 75_000_050)])
def test_amount_sen_after_thousands_of_the_same_separator(tmp_path, text, sen):
    wb = clean_book()
    _amount_probe(wb, "D6", text)
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.number_as_text", "Realisasi", "D6")])
    assert rep.data.budget[3].realisasi.value == sen


@pytest.mark.parametrize("text, rupiah", [("1234,567", 1_234_567), ("1234.567", 1_234_567),
                                          ("1.234,567", 1_234_567)])
def test_amount_three_digits_after_last_separator_are_ambiguous_thousands(tmp_path, text, rupiah):
    wb = clean_book()
    _amount_probe(wb, "D6", text)
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "Realisasi", "D6")])
    assert rep.data.budget[3].realisasi.value == rupiah * SEN


@pytest.mark.parametrize("text", ["satu juta", "1.75.000", "12-3"])
def test_amount_unreadable_is_invalid(tmp_path, text):
    wb = clean_book()
    _amount_probe(wb, "C6", text)
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Realisasi", "C6")])


@pytest.mark.parametrize("number, sen", [(5_000_000, 500_000_000), (5_000_000.0, 500_000_000),
                                         (4_999_999.99, 499_999_999)])
def test_amount_number_read_exactly(tmp_path, number, sen):
    wb = clean_book()
    _amount_probe(wb, "C6", number)
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.budget[3].pagu.value == sen


def test_money_exact_sum_of_sen(tmp_path):
    wb = clean_book()
    replace_data(wb["Realisasi"], [
        ["7.01.01", PROGRAM, 0.3, 0.3, 0],
        ["7.01.01.2.01", KEG_201, 0.3, 0.3, 0],
        ["7.01.01.2.01.0001", SUB_201_0001, 0.1, 0.1, 0],
        ["7.01.01.2.01.0002", SUB_201_0002, 0.1, 0.1, 0],
        ["7.01.01.2.01.0003", SUB_201_0003, 0.1, 0.1, 0],
        [None, "Jumlah", 0.3, 0.3, 0],
    ])
    wb["PK"]["L4"] = 0.3
    wb["PK"]["L5"] = "0,30"
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.number_as_text", "PK", "L5")])
    assert rep.figures.budget.pagu == 30
    assert rep.figures.budget.find("7.01.01").c_sisa == 0


def test_money_exact_large_amounts_with_sen(tmp_path):
    wb = clean_book()
    amounts = [1_913_315_062.07, 1_169_899_860.01, 3_965_519.92]
    total = "3.087.180.442,00"  # 1.913.315.062,07 + 1.169.899.860,01 + 3.965.519,92
    replace_data(wb["Realisasi"], [
        ["7.01.01", PROGRAM, total, 0, total],
        ["7.01.01.2.01", KEG_201, total, 0, total],
        *[[code, name, a, 0, a] for code, name, a in zip(
            ("7.01.01.2.01.0001", "7.01.01.2.01.0002", "7.01.01.2.01.0003"),
            (SUB_201_0001, SUB_201_0002, SUB_201_0003), amounts, strict=True)],
    ])
    wb["PK"]["L4"] = None
    wb["PK"]["L5"] = None
    rep = run(wb, tmp_path)
    assert sorted(k for k in keys(rep) if k[0] != "cell.number_as_text") == [], show(rep)
    assert rep.figures.budget.pagu == 308_718_044_200


# --- percents ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, fmt, check, percent", [
    (85, None, None, 85),
    (55.55, None, None, 55.55),
    (0.85, "0%", None, 85),
    (0.85, "0.00%", None, 85),
    (0.855, "0.0%", None, 85.5),
    ("85 %", None, "cell.number_as_text", 85),
    ("85%", None, "cell.number_as_text", 85),
    ("55,55%", None, "cell.number_as_text", 55.55),
    ("85", None, "cell.number_as_text", 85),
    (0.85, None, "cell.ambiguous", 85),
    (1, None, None, 1),
    (1.5, None, None, 1.5),
], ids=["int", "decimal", "fraction-0%", "fraction-0.00%", "fraction-0.0%", "text-space",
        "text", "text-comma", "text-number", "plain-fraction", "one", "above-one"])
def test_percent_cells(tmp_path, value, fmt, check, percent):
    wb = clean_book()
    cell = wb["PK"]["M3"]  # Target Tahun Lalu, Satuan %
    cell.value = value
    if fmt:
        cell.number_format = fmt
    rep = run(wb, tmp_path)
    assert_keys(rep, [(check, "PK", "M3")] if check else [])
    assert rep.data.pk[0].target_ll.value == pytest.approx(percent)


@pytest.mark.parametrize("satuan", ["persen", "Persentase", "PROSENTASE", None, "%"])
def test_percent_cell_by_satuan(tmp_path, satuan):
    wb = clean_book()
    wb["PK"]["F3"] = satuan
    wb["PK"]["H3"] = 0.9
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.ambiguous", "PK", "H3")])
    assert rep.data.pk[0].target.value == pytest.approx(90)


@pytest.mark.parametrize("satuan", ["Nilai", "Dokumen", "Indeks"])
def test_not_a_percent_cell(tmp_path, satuan):
    wb = clean_book()
    wb["PK"]["F4"] = satuan
    wb["PK"]["H4"] = 0.9
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[1].target.value == pytest.approx(0.9)


def test_percent_formatted_target(tmp_path):
    wb = clean_book()
    wb["PK"]["H3"] = 0.9
    wb["PK"]["H3"].number_format = "0%"
    wb["PK"]["I3"] = 1
    wb["PK"]["I3"].number_format = "0%"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].target.value == pytest.approx(90)
    assert rep.data.pk[0].realisasi.value == pytest.approx(100)


# --- dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    D(2023, 1, 10), dt.datetime(2023, 1, 10), "2023-01-10", "10/01/2023", "10 Januari 2023",
    "10 Jan 2023", "10 januari 2023", " 10 JANUARI 2023 ",
], ids=["date", "datetime", "iso", "dmy", "indonesian", "short", "lower", "upper"])
def test_dates(tmp_path, value):
    wb = clean_book()
    wb["LPPDes"]["E3"] = value
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert as_date(rep.data.villages[0].tanggal.value) == D(2023, 1, 10)


@pytest.mark.parametrize("value, date", [
    ("23 Februari 2023", D(2023, 2, 23)), ("23 Feb 2023", D(2023, 2, 23)),
    ("23/02/2023", D(2023, 2, 23)), ("2023-02-23", D(2023, 2, 23)),
    ("1 Agustus 2023", D(2023, 8, 1)), ("5 Mei 2023", D(2023, 5, 5)),
    ("30 Desember 2023", D(2023, 12, 30)), ("31 Okt 2023", D(2023, 10, 31)),
])
def test_batas_waktu_dates(tmp_path, value, date):
    wb = clean_book()
    wb["LPPDes"]["D8"] = value  # Pundungsari LPPDes, set 15 March
    wb["PK"]["I3"] = None
    rep = run(wb, tmp_path)
    assert keys(rep) == [], show(rep)
    assert as_date(rep.data.villages[5].batas.value) == date


@pytest.mark.parametrize("value", ["31/02/2023", "2023-13-01", "besok", "32 Januari 2023"])
def test_dates_unreadable(tmp_path, value):
    wb = clean_book()
    wb["Fasilitasi"]["E3"] = value
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Fasilitasi", "E3")])


def test_identity_date_as_text(tmp_path):
    wb = clean_book()
    wb["Identitas"]["B12"] = "31 Maret 2023"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert as_date(rep.data.identity.get("Tanggal Laporan")) == D(2023, 3, 31)


# --- codes and NIPs ----------------------------------------------------------------------

def test_codes_read_as_text(tmp_path):
    rep = run(clean_book(), tmp_path)
    assert [r.kode.value for r in rep.data.budget[:3]] == [
        "7.01.01", "7.01.01.2.01", "7.01.01.2.01.0001"]


def test_code_trimmed(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["A4"] = "  7.01.01.2.01 "
    wb["PK"]["K5"] = " 7.01.01.2.01"
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.budget[1].kode.value == "7.01.01.2.01"


@pytest.mark.parametrize("sheet, cell", [("PK", "K4"), ("Realisasi", "A3")])
def test_code_stored_as_number_is_invalid(tmp_path, sheet, cell):
    wb = clean_book()
    wb[sheet][cell] = 7.01
    rep = run(wb, tmp_path)
    assert ("cell.invalid", sheet, cell) in keys(rep), show(rep)
    if sheet == "PK":
        assert_keys(rep, [("cell.invalid", sheet, cell)])


def test_nip_18_digits_stored_as_number_is_invalid(tmp_path):
    wb = clean_book()
    wb["Pegawai"]["C5"] = 199001012015031001  # Excel keeps 15 significant digits
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Pegawai", "C5")])
    assert "teks" in rep.findings[0].message  # advises to type it as text


def test_head_nip_stored_as_number_is_invalid(tmp_path):
    wb = clean_book()
    wb["Identitas"]["B8"] = 197507121997031002.0
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.invalid", "Identitas", "B8")])


@pytest.mark.parametrize("nip", ["197507121997031002", "19750712 199703 1 002",
                                 " 19750712  199703 1 002 "])
def test_nip_with_spaces(tmp_path, nip):
    wb = clean_book()
    wb["Identitas"]["B8"] = nip
    wb["Pegawai"]["C3"] = nip
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.staff[0].nip.value == "197507121997031002"


# --- enumerations ------------------------------------------------------------------------

@pytest.mark.parametrize("typed, ya", [
    ("Ya", True), ("ya ", True), ("Y", True), ("V", True), ("v", True), ("✓", True),
    ("Sudah", True), ("YA.", True),
    ("Tidak", False), ("T", False), ("Belum", False), ("-", False), ("tidak", False),
    (None, False),
])
def test_enum_ditindaklanjuti_synonyms(tmp_path, typed, ya):
    wb = clean_book()
    wb["Fasilitasi"]["D3"] = typed
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert bool(rep.data.facilitation[0].ya.value) is ya


@pytest.mark.parametrize("typed, value", [
    ("Strategis", "Sasaran Strategis"), ("sasaran strategis", "Sasaran Strategis"),
    ("SASARAN-STRATEGIS", "Sasaran Strategis"), ("Program", "Sasaran Program"),
    ("Kegiatan", "Sasaran Kegiatan"), ("Sub Kegiatan", "Sasaran Sub Kegiatan"),
    ("sub-kegiatan", "Sasaran Sub Kegiatan"),
])
def test_enum_tingkat_synonyms(tmp_path, typed, value):
    wb = clean_book()
    wb["PK"]["B3"] = typed
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.pk[0].tingkat.value == value


@pytest.mark.parametrize("sheet, cell, typed, get, value", [
    ("LPPDes", "C3", "rkpdes", lambda r: r.data.villages[0].dokumen.value, "RKPDes"),
    ("LPPDes", "C3", "RKP Des", lambda r: r.data.villages[0].dokumen.value, "RKPDes"),
    ("Pegawai", "D3", "Laki-laki", lambda r: r.data.staff[0].lp.value, "L"),
    ("Pegawai", "D4", "p", lambda r: r.data.staff[1].lp.value, "P"),
    ("Pegawai", "H3", "pns", lambda r: r.data.staff[0].status.value, "PNS"),
    ("Pegawai", "H5", "Non-PNS", lambda r: r.data.staff[2].status.value, "Non PNS"),
    ("PK", "G3", "turun", lambda r: r.data.pk[0].arah.value, "Turun"),
    ("PK", "J3", "dokumen desa", lambda r: r.data.pk[0].sumber.value, "Dokumen Desa"),
    ("Fasilitasi", "B4", "KOORDINASI", lambda r: r.data.facilitation[1].jenis.value,
     "Koordinasi"),
])
def test_enum_values_matched_like_headers(tmp_path, sheet, cell, typed, get, value):
    wb = clean_book()
    wb[sheet][cell] = typed
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert get(rep) == value


# --- Identitas rows ----------------------------------------------------------------------

def test_identitas_isian_matched_like_headers(tmp_path):
    wb = clean_book()
    ws = wb["Identitas"]
    ws["A5"] = "TAHUN ANGGARAN:"
    ws["A6"] = "triwulan"
    ws["A10"] = "Jumlah Desa / Kelurahan"
    set_row(ws, 14, ["Catatan", "apa saja"])  # an unknown Isian row is ignored
    ws.move_range("A3:B4", rows=12)  # and rows come in any order
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert (rep.data.identity.tahun, rep.data.identity.triwulan) == (2023, "I")
    assert rep.data.identity.perangkat_daerah == "Kecamatan Tempursari"


@pytest.mark.parametrize("value, tahun", [(2023, 2023), ("2023", 2023), (2023.0, 2023)])
def test_identitas_tahun_forms(tmp_path, value, tahun):
    wb = clean_book()
    wb["Identitas"]["B5"] = value
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.identity.tahun == tahun


@pytest.mark.parametrize("isian, row, check", [
    ("Jabatan Kepala", 9, "cell.required"),
    ("Tahun Anggaran", 5, "identity.invalid"),
    ("Triwulan", 6, "identity.invalid"),
])
def test_identitas_blank_nilai_at_end_points_at_nilai_cell(tmp_path, isian, row, check):
    # the item's row is present, last in the table, with its Nilai blank: it is no
    # signature block, and the finding points at its Nilai cell
    wb = clean_book()
    ws = wb["Identitas"]
    set_row(ws, row, ["Versi Template", 1])
    set_row(ws, 13, [isian, None])
    rep = run(wb, tmp_path)
    assert [k for k in keys(rep) if k[1] == "Identitas"] == [(check, "Identitas", "B13")], show(rep)


def test_identitas_blank_optional_rows_at_end_are_no_finding(tmp_path):
    wb = clean_book()
    ws = wb["Identitas"]
    for cell in ("B11", "B12", "B13"):  # Tempat Laporan, Tanggal Laporan, Versi Template
        ws[cell] = None
    ws["A16"] = "Lumajang, 31 Maret 2023"  # a signature block below is still skipped
    rep = run(wb, tmp_path)
    assert_keys(rep, [])
    assert rep.data.identity.values["Versi Template"].addr == "B13"  # read, as blank


# --- formulas ----------------------------------------------------------------------------

def test_formula_with_cached_value_read_through_value(tmp_path):
    wb = clean_book()
    ws = wb["Realisasi"]
    ws["E5"] = "=C5-D5"
    ws["C4"] = "=SUM(C5:C6)"
    path = save(wb, tmp_path)
    set_cached_values(path, "Realisasi", {"E5": 7500000, "C4": 15000000})
    rep = run(path)
    assert_keys(rep, [])
    assert rep.data.budget[2].sisa.value == 7_500_000 * SEN
    assert rep.data.budget[1].pagu.value == 15_000_000 * SEN


def test_formula_cached_value_is_what_is_checked(tmp_path):
    wb = clean_book()
    wb["Realisasi"]["E5"] = "=C5-D5"
    path = save(wb, tmp_path)
    set_cached_values(path, "Realisasi", {"E5": 7000000})  # a stale cached value
    rep = run(path)
    assert_keys(rep, [("budget.sum_sisa", "Realisasi", "E5")])


def test_formula_with_cached_value_built_by_xlsxwriter(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "xw.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name, rows in clean_sheets().items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()),
                                      book.add_format({"num_format": "dd/mm/yyyy"}))
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                elif value is not None:
                    ws.write_number(r, c, value)
        if name == "Realisasi":
            ws.write_formula("E5", "=C5-D5", None, 7500000)
            ws.write_formula("B10", '="Jumlah"', None, "Jumlah")
    book.close()
    rep = run(path)
    assert_keys(rep, [])
    assert rep.data.budget[2].sisa.value == 7_500_000 * SEN


@pytest.mark.parametrize("sheet, cell, formula", [
    ("Realisasi", "E5", "=C5-D5"),
    ("Realisasi", "C5", "=10000000"),
    ("PK", "M3", "=80+5"),
    ("Pegawai", "E3", '="Pembina"'),
])
def test_formula_without_cached_value(tmp_path, sheet, cell, formula):
    wb = clean_book()
    wb[sheet][cell] = formula
    rep = run(wb, tmp_path)
    assert_keys(rep, [("cell.formula_without_value", sheet, cell)])


def _set_formula_cell_xml(path, sheet_title, ref, type_attr, value_xml):
    """Rewrite formula cell `ref` of a saved file as Excel writes it: `<c r=.. t=..><f>..</f>`
    followed by `value_xml` (`<v/>`, `<v></v>` or nothing)."""
    import io
    import re
    import zipfile

    import openpyxl

    index = openpyxl.load_workbook(path).sheetnames.index(sheet_title) + 1
    member = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    xml = parts[member].decode("utf-8")
    pattern = re.compile(rf'<c r="{ref}"([^>]*)>(<f>.*?</f>)(?:<v\s*/>|<v>.*?</v>)?</c>')
    assert pattern.search(xml), f"no formula cell {ref} in {member}"
    t = f' t="{type_attr}"' if type_attr else ""
    xml = pattern.sub(lambda m: f'<c r="{ref}"{m.group(1)}{t}>{m.group(2)}{value_xml}</c>', xml)
    parts[member] = xml.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    path.write_bytes(buf.getvalue())


@pytest.mark.parametrize("value_xml", ["<v/>", "<v></v>"])
def test_formula_cached_empty_string_is_blank(tmp_path, value_xml):
    # Excel writes =IF(C6="","",C6-D6) evaluating to "" as t="str" with an empty <v>
    wb = clean_book()
    wb["Realisasi"]["E6"] = '=IF(C6="","",C6-D6)'
    path = save(wb, tmp_path)
    _set_formula_cell_xml(path, "Realisasi", "E6", "str", value_xml)
    rep = run(path)
    assert_keys(rep, [])
    assert rep.data.budget[3].sisa.value is None
    assert rep.data.budget[3].sisa.addr == "E6"


def test_formula_cached_empty_string_in_required_cell_is_required(tmp_path):
    wb = clean_book()
    wb["PK"]["D4"] = '=IF(1=1,"","x")'  # Sasaran, required
    path = save(wb, tmp_path)
    _set_formula_cell_xml(path, "PK", "D4", "str", "<v></v>")
    rep = run(path)
    assert_keys(rep, [("cell.required", "PK", "D4")])


@pytest.mark.parametrize("type_attr, value_xml", [
    ("str", ""),  # a string formula without any <v>
    (None, "<v></v>"),  # an empty <v> on a number cell
    ("n", "<v/>"),
    ("b", "<v></v>"),
])
def test_formula_without_value_not_a_cached_empty_string(tmp_path, type_attr, value_xml):
    wb = clean_book()
    wb["Realisasi"]["E6"] = '=IF(C6="","",C6-D6)'
    path = save(wb, tmp_path)
    _set_formula_cell_xml(path, "Realisasi", "E6", type_attr, value_xml)
    rep = run(path)
    assert_keys(rep, [("cell.formula_without_value", "Realisasi", "E6")])


# --- the builder itself ------------------------------------------------------------------

def test_builder_headers_are_the_contract_columns():
    """The clean book is a template version 1 workbook (Versi Template 1): the contract's
    columns without the ones version 2 added (tests/test_quarter_targets.py writes those)."""
    from lkj_excel.contract import SHEET_BY_NAME

    for name, headers in HEADERS.items():
        assert headers == [c.name for c in SHEET_BY_NAME[name].columns_of(1)], name
    assert [c.name for c in SHEET_BY_NAME["PK"].columns if c.since == 2] == [
        "Target TW I", "Target TW II", "Target TW III", "Target Renstra", "Standar Nasional"]


def test_builder_sheets_layout():
    wb = clean_book()
    for name, headers in HEADERS.items():
        ws = wb[name]
        assert ws["A1"].value  # a title
        assert [ws.cell(2, c).value for c in range(1, len(headers) + 1)] == headers


def test_percent_unit_and_triwulan_number_are_read_one_way():
    """One definition each, used by the reader and the LKj writer (issue 10): a blank Satuan
    is a percentage, as the template says; a triwulan's number is its place in I-IV."""
    from lkj_excel.contract import is_percent_unit, triwulan_number

    assert [is_percent_unit(s) for s in (None, "", "  ", " % ", "Persen", "PROSENTASE")] == [True] * 6
    assert [is_percent_unit(s) for s in ("Nilai", "Dokumen", "%/tahun")] == [False] * 3
    assert [triwulan_number(t) for t in ("I", "II", "III", "IV", "V", None, 1)] == \
        [1, 2, 3, 4, None, None, None]
