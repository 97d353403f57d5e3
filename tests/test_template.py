"""The blank input workbook: written from the contract, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from lkj_excel import contract
from lkj_excel.contract import Kind
from lkj_excel.write.template import lists as template_lists
from lkj_excel.write.template import make_template, template_filename

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "templates" / "lkj-template-v2.xlsx"

TEMPURSARI = {
    "Perangkat Daerah": "Kecamatan Tempursari",
    "Pemerintah Daerah": "Kabupaten Lumajang",
    "Tahun Anggaran": 2023,
    "Triwulan": "I",
    "Nama Kepala": "ARIF MUSTOFA, SAP",
    "NIP Kepala": "19750712 199703 1 002",
    "Jabatan Kepala": "Camat",
    "Tanggal Laporan": dt.date(2023, 3, 31),
}


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return make_template(tmp_path_factory.mktemp("tpl") / "blank.xlsx")


@pytest.fixture(scope="module")
def wb(blank):
    return openpyxl.load_workbook(blank)


# --- helpers ------------------------------------------------------------------------


def column_number_format(ws, letter: str) -> str:
    """The number format a user sees in an empty data cell: the column's style.

    openpyxl gives empty cells the default style and keeps column styles on the (possibly
    grouped) column dimensions, so look there.
    """
    idx = column_index_from_string(letter)
    for dim in ws.column_dimensions.values():
        if dim.min <= idx <= dim.max:
            return dim.number_format
    return "General"


def validations_at(ws, coordinate: str):
    return [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


def list_values(wb, dv) -> list[str]:
    """The values of a list validation, inline (`"a,b"`) or from a range on the list sheet."""
    formula = dv.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, ref = formula.lstrip("=").split("!")
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    ws = wb[sheet.strip("'")]
    return [
        ws.cell(row, col).value
        for row in range(min_row, max_row + 1)
        for col in range(min_col, max_col + 1)
    ]


def snapshot(path: Path) -> dict:
    """What a user sees in a workbook: sheets, cells, formats, validations, layout."""
    book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        cells = {
            c.coordinate: (c.value, c.number_format, bool(c.font.b), c.fill.fgColor.rgb)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        }
        cols = {
            (d.min, d.max): (round(d.width or 0, 2), d.number_format, d.hidden)
            for d in ws.column_dimensions.values()
        }
        dvs = sorted(
            (
                str(dv.sqref),
                dv.type,
                dv.operator,
                dv.formula1,
                dv.formula2,
                dv.promptTitle,
                dv.prompt,
                dv.errorStyle,
                dv.errorTitle,
                dv.error,
                dv.allow_blank,
            )
            for dv in ws.data_validations.dataValidation
        )
        out[ws.title] = {
            "state": ws.sheet_state,
            "cells": cells,
            "cols": cols,
            "validations": dvs,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "print_titles": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "paper": ws.page_setup.paperSize,
        }
    return out


# --- structure ----------------------------------------------------------------------


def test_sheet_order_and_hidden_list_sheet(wb):
    names = [contract.PETUNJUK, *(s.name for s in contract.SHEETS), contract.LIST_SHEET]
    assert wb.sheetnames == names
    assert wb[contract.LIST_SHEET].sheet_state == "hidden"
    for name in names[:-1]:
        assert wb[name].sheet_state == "visible"
    assert all(len(name) <= 31 for name in names)
    assert wb.active.title == contract.PETUNJUK


def test_workbook_properties(wb):
    assert wb.properties.creator == "lkj-excel"
    assert wb.properties.title


@pytest.mark.parametrize("sheet", contract.SHEETS, ids=lambda s: s.name)
def test_title_header_freeze_and_print(wb, sheet):
    ws = wb[sheet.name]
    assert ws["A1"].value == sheet.title
    assert ws["A1"].font.b
    names = [c.name for c in sheet.columns]
    header = [c.value for c in ws[2]][: len(names)]
    assert header == names
    for col in range(1, len(names) + 1):
        cell = ws.cell(2, col)
        assert cell.font.b and cell.alignment.wrap_text and cell.border.bottom.style
        assert cell.fill.fgColor.rgb not in (None, "00000000")
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    expected = "portrait" if sheet is contract.IDENTITAS else "landscape"
    assert ws.page_setup.orientation == expected


@pytest.mark.parametrize("sheet", contract.SHEETS, ids=lambda s: s.name)
def test_column_widths_from_contract(wb, sheet):
    ws = wb[sheet.name]
    for i, column in enumerate(sheet.columns, start=1):
        dim = next(d for d in ws.column_dimensions.values() if d.min <= i <= d.max)
        assert abs(dim.width - column.width) < 1, column.name


@pytest.mark.parametrize("sheet", contract.SHEETS, ids=lambda s: s.name)
def test_header_cells_carry_input_messages(wb, sheet):
    ws = wb[sheet.name]
    for i, column in enumerate(sheet.columns, start=1):
        coordinate = f"{get_column_letter(i)}2"
        (dv,) = validations_at(ws, coordinate)
        assert dv.showInputMessage
        assert dv.promptTitle == column.name
        assert dv.prompt.startswith(column.hint.rstrip("."))
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32


def test_column_number_formats(wb):
    expected = {
        Kind.AMOUNT: "#,##0",
        Kind.CODE: "@",
        Kind.NIP: "@",
        Kind.DATE: "d mmmm yyyy",
    }
    seen = set()
    for sheet in contract.SHEETS[1:]:
        ws = wb[sheet.name]
        for i, column in enumerate(sheet.columns, start=1):
            fmt = column_number_format(ws, get_column_letter(i))
            if column.kind in expected:
                assert fmt == expected[column.kind], (sheet.name, column.name)
                seen.add(column.kind)
            elif column.kind is Kind.NUMBER:
                assert fmt in ("General", "0.##", "0.00", "#,##0.##"), column.name
                seen.add(column.kind)
    assert seen == set(expected) | {Kind.NUMBER}
    # spot checks a user would make
    assert column_number_format(wb["Realisasi"], "C") == "#,##0"  # Pagu
    assert column_number_format(wb["Realisasi"], "A") == "@"  # Kode
    assert column_number_format(wb["PK"], "H") == "General"  # Target
    assert column_number_format(wb["Pegawai"], "C") == "@"  # NIP
    assert column_number_format(wb["LPPDes"], "D") == "d mmmm yyyy"  # Batas Waktu


def test_enum_columns_have_dropdowns(wb):
    count = 0
    for sheet in contract.SHEETS[1:]:
        ws = wb[sheet.name]
        for i, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(i)
            data = [dv for dv in validations_at(ws, f"{letter}3") if dv.type == "list"]
            if column.kind is not Kind.ENUM:
                assert not data, column.name
                continue
            (dv,) = data
            assert f"{letter}1002" in dv.sqref and f"{letter}1003" not in dv.sqref
            assert f"{letter}2" not in dv.sqref
            assert list_values(wb, dv) == list(column.values)
            assert dv.allow_blank and dv.showErrorMessage
            assert dv.errorStyle == "warning"
            assert dv.error and len(dv.error) <= 255 and len(dv.errorTitle) <= 32
            count += 1
    assert count == sum(1 for s in contract.SHEETS for c in s.columns if c.kind is Kind.ENUM)


def test_every_enum_list_is_on_the_list_sheet(wb):
    ws = wb[contract.LIST_SHEET]
    headers = {c.value: c.column for c in ws[2] if c.value}
    for sheet in contract.SHEETS:
        for column in sheet.columns:
            if column.kind is Kind.ENUM:
                col = headers[f"{sheet.name} {column.name}"]
                values = [ws.cell(r, col).value for r in range(3, 3 + len(column.values))]
                assert values == list(column.values)
                assert ws.cell(3 + len(column.values), col).value is None
    col = headers["Identitas Triwulan"]
    assert [ws.cell(r, col).value for r in range(3, 7)] == ["I", "II", "III", "IV"]


def test_long_lists_come_from_the_list_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(template_lists, "MAX_LIST_FORMULA", 4)
    book = openpyxl.load_workbook(make_template(tmp_path / "long.xlsx"))
    for sheet in contract.SHEETS[1:]:
        ws = book[sheet.name]
        for i, column in enumerate(sheet.columns, start=1):
            if column.kind is Kind.ENUM:
                (dv,) = [
                    d for d in validations_at(ws, f"{get_column_letter(i)}3") if d.type == "list"
                ]
                assert dv.formula1.startswith(f"{contract.LIST_SHEET}!$")
                assert list_values(book, dv) == list(column.values)


# --- Identitas ----------------------------------------------------------------------


def test_identitas_rows(wb):
    ws = wb["Identitas"]
    assert [c.value for c in ws[2]] == ["Isian", "Nilai", "Keterangan"]
    labels = [ws.cell(3 + i, 1).value for i in range(len(contract.IDENTITY_ITEMS))]
    assert labels == [item.isian for item in contract.IDENTITY_ITEMS]
    assert ws.cell(3 + len(contract.IDENTITY_ITEMS), 1).value is None
    formats = {Kind.NIP: "@", Kind.DATE: "d mmmm yyyy", Kind.YEAR: "0", Kind.WHOLE: "0"}
    for i, item in enumerate(contract.IDENTITY_ITEMS):
        row = 3 + i
        label, value, note = ws.cell(row, 1), ws.cell(row, 2), ws.cell(row, 3)
        assert label.fill.fgColor.rgb not in (None, "00000000")
        if item.isian == "Versi Template":
            assert value.value == contract.TEMPLATE_VERSION
        else:
            assert value.value is None
        assert value.number_format == formats.get(item.kind, "General"), item.isian
        assert item.example in note.value
        assert note.value.startswith(
            ("jangan diubah",)
            if item.isian == "Versi Template"
            else ("wajib",)
            if item.required
            else ("boleh kosong",)
        )
        dvs = validations_at(ws, f"B{row}")
        assert len(dvs) == 1
        assert dvs[0].prompt == item.hint and dvs[0].promptTitle == item.isian


def test_triwulan_dropdown(wb):
    ws = wb["Identitas"]
    row = 3 + [i.isian for i in contract.IDENTITY_ITEMS].index("Triwulan")
    (dv,) = validations_at(ws, f"B{row}")
    assert dv.type == "list" and list_values(wb, dv) == ["I", "II", "III", "IV"]
    assert dv.errorStyle == "warning" and dv.allow_blank


def test_prefill_lands_in_identitas(tmp_path):
    path = make_template(tmp_path / "isi.xlsx", TEMPURSARI)
    ws = openpyxl.load_workbook(path)["Identitas"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, 3 + 11)}
    assert values["Perangkat Daerah"] == "Kecamatan Tempursari"
    assert values["Tahun Anggaran"] == 2023
    assert values["Triwulan"] == "I"
    assert values["NIP Kepala"] == "19750712 199703 1 002"
    assert values["Tanggal Laporan"] == dt.datetime(2023, 3, 31)
    assert values["Versi Template"] == contract.TEMPLATE_VERSION
    assert values["Jumlah Desa/Kelurahan"] is None


def test_prefill_accepts_option_names_and_normalises(tmp_path):
    path = make_template(
        tmp_path / "x.xlsx",
        {
            "perangkat_daerah": " Kecamatan Tempursari ",
            "tahun": "2023",
            "triwulan": 2,
            "nama_kepala": None,
            "Jumlah Desa/Kelurahan": "7",
            "Tanggal Laporan": "2023-03-31",
        },
    )
    ws = openpyxl.load_workbook(path)["Identitas"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, 3 + 11)}
    assert values["Perangkat Daerah"] == "Kecamatan Tempursari"
    assert values["Tahun Anggaran"] == 2023
    assert values["Triwulan"] == "II"
    assert values["Nama Kepala"] is None
    assert values["Jumlah Desa/Kelurahan"] == 7
    assert values["Tanggal Laporan"] == dt.datetime(2023, 3, 31)


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = make_template(tmp_path / "f.xlsx", {"Perangkat Daerah": "=1+1"})
    ws = openpyxl.load_workbook(path)["Identitas"]
    assert ws["B3"].value == "=1+1" and ws["B3"].data_type == "s"


@pytest.mark.parametrize(
    "identity",
    [
        {"Tahun Anggaran": 1999},
        {"Triwulan": "V"},
        {"Triwulan": 5},
        {"Isian Asing": "x"},
        {"Versi Template": 1},
        {"Jumlah Desa/Kelurahan": "tujuh"},
    ],
)
def test_bad_prefill_is_refused(tmp_path, identity):
    with pytest.raises(ValueError):
        make_template(tmp_path / "bad.xlsx", identity)
    assert not list(tmp_path.iterdir())  # nothing half-written


# --- file names ---------------------------------------------------------------------


def test_template_filename():
    assert template_filename(None) == "lkj-template-v2.xlsx"
    assert template_filename({}) == "lkj-template-v2.xlsx"
    assert template_filename({"tahun": None, "triwulan": ""}) == "lkj-template-v2.xlsx"
    assert template_filename(TEMPURSARI) == "LKj-Isian-Kecamatan-Tempursari-2023-TW1.xlsx"
    assert template_filename({"tahun": 2024, "triwulan": "IV"}) == "LKj-Isian-2024-TW4.xlsx"
    assert template_filename({"Perangkat Daerah": "Kec. A/B: C"}) == "LKj-Isian-Kec.-A-B-C.xlsx"


def test_folder_target_uses_default_name(tmp_path):
    path = make_template(tmp_path, {"tahun": 2023, "triwulan": "I"})
    assert path == tmp_path / "LKj-Isian-2023-TW1.xlsx" and path.exists()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left


# --- Petunjuk -----------------------------------------------------------------------


def test_petunjuk_covers_every_sheet_and_rule(wb):
    ws = wb[contract.PETUNJUK]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for sheet in contract.SHEETS:
        assert f"Sheet {sheet.name}" in text
        assert sheet.purpose in text
        if sheet is not contract.IDENTITAS:  # Identitas is described item by item
            for column in sheet.columns:
                assert column.hint in text
    for item in contract.IDENTITY_ITEMS:
        assert item.isian in text and item.hint in text
    for phrase in (
        "Rp",
        "90",
        "0,9",
        "teks",
        "capaian",
        "serapan",
        "nama sheet",
        "boleh dikosongkan",
        "lkj-excel check nama-file.xlsx",
    ):
        assert phrase in text, phrase
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage


# --- the shipped file and a filled round trip ---------------------------------------


def test_shipped_template_matches_generator(blank):
    assert SHIPPED.exists(), (
        "run: python -c 'from lkj_excel.write.template import "
        'make_template; make_template("templates/lkj-template-v2.xlsx")\''
    )
    assert snapshot(SHIPPED) == snapshot(blank)


def test_filled_template_saves_and_reloads(blank, tmp_path):
    book = openpyxl.load_workbook(blank)
    ident = book["Identitas"]
    for r in range(3, 3 + len(contract.IDENTITY_ITEMS)):
        isian = ident.cell(r, 1).value
        if isian in TEMPURSARI:
            ident.cell(r, 2).value = TEMPURSARI[isian]
    rows = {
        "PK": [
            [
                1,
                "Sasaran Strategis",
                "Camat",
                "Meningkatnya kualitas pelayanan",
                "Indeks kepuasan masyarakat",
                "%",
                "Naik",
                90,
                22.5,
                None,
                "7.01.01",
                1750000,
                85,
                88,
                None,
            ],
            [
                2,
                "Sasaran Program",
                "Sekretaris Kecamatan",
                "Fasilitasi desa",
                "Persentase fasilitasi ditindaklanjuti",
                None,
                None,
                100,
                None,
                "Fasilitasi",
                "7.01.02",
                None,
                None,
                None,
                "dari Fasilitasi",
            ],
        ],
        "Realisasi": [
            [
                "7.01.01",
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
                1592719562,
                302711890,
                None,
                "DAU",
            ],
            ["7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", 1750000, 0, 1750000, "DAU"],
        ],
        "Fasilitasi": [[1, "Fasilitasi", "Musyawarah desa", "Ya", dt.date(2023, 2, 23), None]],
        "LPPDes": [[1, "Tempursari", "RKPDes", dt.date(2023, 1, 31), dt.date(2023, 1, 20), None]],
        "Pegawai": [
            [
                1,
                "ARIF MUSTOFA, SAP",
                "19750712 199703 1 002",
                "L",
                "Pembina (IV/a)",
                "Camat",
                "S1",
                "PNS",
            ]
        ],
    }
    for name, data in rows.items():
        ws = book[name]
        for i, values in enumerate(data):
            for j, value in enumerate(values, start=1):
                ws.cell(3 + i, j).value = value
    out = tmp_path / "filled.xlsx"
    book.save(out)

    again = openpyxl.load_workbook(out)
    assert again.sheetnames == book.sheetnames
    assert again["Identitas"]["B3"].value == "Kecamatan Tempursari"
    assert again["PK"]["K3"].value == "7.01.01"
    assert again["PK"]["H3"].value == 90
    assert again["Realisasi"]["A4"].value == "7.01.01.2.01.0001"
    assert again["Realisasi"]["C3"].value == 1592719562
    assert again["Pegawai"]["C3"].value == "19750712 199703 1 002"
    assert again["LPPDes"]["E3"].value == dt.datetime(2023, 1, 20)
    assert again["Fasilitasi"]["D3"].value == "Ya"
    assert [c.value for c in again["PK"][2]][:2] == ["No", "Tingkat"]
    assert again["PK"].data_validations.dataValidation  # the form keeps its drop-downs


# --- LibreOffice --------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or (
    "/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None
)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_to_pdf(blank, tmp_path):
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(blank),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "blank.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    assert pdf.stat().st_size > 1000
