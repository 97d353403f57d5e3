"""The returned copy of an .xls or .ods (an .xlsx with the same sheets and values), and every
kind of copy opened by LibreOffice (spec document.md, "The copy returned to the office")."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from markedkit import (
    DATA,
    convert,
    members,
    our_comments,
    our_fills,
    pdf_text,
    rich_xlsx,
    soffice,
    xlsm,
)

from lkj_excel.pipeline import check_source
from lkj_excel.read.workbook import CellError, open_book
from lkj_excel.write.marked import copy_format, copy_name, mark_copy
from lkj_excel.write.marked.convert import DATE
from lkj_excel.write.marked.notes import SHEET

needs_lo = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The rich workbook as .xlsx, and as LibreOffice saves it as .xls, .ods and .xlsx."""
    tmp = tmp_path_factory.mktemp("lo-inputs")
    src = rich_xlsx(tmp / "isian.xlsx")
    out = {"xlsx": src, "xls-sample": DATA / "tempursari.xls", "ods-sample": DATA / "tempursari.ods"}
    if soffice() is not None:
        lo = tmp / "lo"
        lo.mkdir()
        shutil.copy(src, lo / "isian-lo.xlsx")
        for fmt in ("xls", "ods"):
            assert convert([src], fmt, tmp).returncode == 0
            out[fmt] = tmp / f"isian.{fmt}"
        assert convert([lo / "isian-lo.xlsx"], "xlsx", tmp).returncode == 0
        out["xlsx-lo"] = tmp / "isian-lo.xlsx"
    return out


@pytest.fixture(scope="module")
def copies(inputs, tmp_path_factory):
    """Input kind -> (input path, its report, its copy)."""
    tmp = tmp_path_factory.mktemp("lo-copies")
    out = {}
    for kind, src in inputs.items():
        rep = check_source(src, str(src))
        data = src.read_bytes()
        name = copy_name(str(src), copy_format(data, str(src)))
        (tmp / kind).mkdir()
        out[kind] = (src, rep, mark_copy(data, str(src), rep.findings, tmp / kind / name,
                                         subject="Kecamatan Tempursari, Tahun 2023 Triwulan I"))
    return out


def _raw(src: Path):
    """Sheet name -> (row, column) -> value as the input holds it."""
    book = open_book(src.read_bytes(), str(src), tidy=False)
    return {s.name: {(r, c): v for r, row in enumerate(s.grid, 1) for c, v in enumerate(row, 1)
                     if v is not None and v != ""} for s in book.sheets}


def _same(a, b) -> bool:
    if isinstance(a, CellError):
        return b == a.text
    if isinstance(a, dt.datetime | dt.date) and not isinstance(a, dt.datetime):
        return b == dt.datetime.combine(a, dt.time())
    if isinstance(a, float) and a.is_integer() and isinstance(b, int | float):
        return b == a
    return a == b and type(a) is type(b) or (isinstance(a, int | float) and not isinstance(a, bool)
                                             and isinstance(b, int | float) and a == b)


KINDS = ["xls-sample", "ods-sample", "xls", "ods"]


@pytest.mark.parametrize("kind", KINDS)
def test_xls_and_ods_come_back_as_xlsx_with_their_sheets_and_values(kind, copies):
    if kind not in copies:
        pytest.skip("LibreOffice (soffice) is not installed")
    src, rep, out = copies[kind]
    assert out.name == f"{src.stem}-diperiksa.xlsx" and copy_format(src.read_bytes()) == "convert"
    raw = _raw(src)
    wb = openpyxl.load_workbook(out, data_only=True)
    assert wb.sheetnames == [SHEET, *raw]
    for name, cells in raw.items():
        ws = wb[name]
        got = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
               if c.value is not None}
        assert set(got) == set(cells), name
        for pos, value in cells.items():
            assert _same(value, got[pos]), (name, pos, value, got[pos])
    real = wb["Realisasi"]
    assert real["C3"].number_format == "#,##0"  # the template's format of an amount column
    ident = wb["Identitas"]
    assert ident["B12"].value == dt.datetime(2023, 3, 31) and ident["B12"].number_format == DATE
    for ws in wb.worksheets[1:]:
        cells = {f.cell for f in rep.findings if f.sheet == ws.title and f.cell}
        assert set(our_comments(ws)) == set(our_fills(ws)) == cells, ws.title
        for f in (f for f in rep.findings if f.sheet == ws.title):
            assert f.check in our_comments(ws)[f.cell] and f.message in our_comments(ws)[f.cell]


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_hidden_sheets_merges_percents_errors_and_drop_downs(kind, copies):
    if kind not in copies:
        pytest.skip("LibreOffice (soffice) is not installed")
    _src, _rep, out = copies[kind]
    wb = openpyxl.load_workbook(out)
    notes = wb["Catatan"]
    assert notes.sheet_state == "hidden"
    assert [str(r) for r in notes.merged_cells.ranges] == ["A1:C1"]
    assert notes["B3"].value == 0.4762 and "%" in notes["B3"].number_format
    assert notes["B4"].number_format == DATE
    assert notes["B8"].value == "  dua  spasi "  # texts as typed, not tidied
    xml = members(out)[f"xl/worksheets/sheet{wb.sheetnames.index('Catatan') + 1}.xml"].decode()
    assert re.search(r'<c r="B5"[^>]*t="e"[^>]*><f>#DIV/0!</f><v>#DIV/0!</v>', xml)
    pk = wb["PK"]
    lists = {str(v.sqref): v.formula1 for v in pk.data_validations.dataValidation}
    assert lists["B3:B1002"] == '"Sasaran Strategis,Sasaran Program,Sasaran Kegiatan,Sasaran Sub Kegiatan"'
    assert pk.freeze_panes == "A3"
    ident = wb["Identitas"]
    triwulan = [v for v in ident.data_validations.dataValidation if str(v.sqref) == "B6"]
    assert triwulan and triwulan[0].formula1 == '"I,II,III,IV"'
    assert wb.active.title == SHEET


def test_a_libreoffice_xlsx_is_marked_in_its_own_package(copies):
    if "xlsx-lo" not in copies:
        pytest.skip("LibreOffice (soffice) is not installed")
    src, rep, out = copies["xlsx-lo"]
    old, new = members(src), members(out)
    assert "xl/sharedStrings.xml" in old and new["xl/sharedStrings.xml"] == old["xl/sharedStrings.xml"]
    a, b = openpyxl.load_workbook(src, data_only=True), openpyxl.load_workbook(out, data_only=True)
    for ws in a.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert b[ws.title][c.coordinate].value == c.value
    real = openpyxl.load_workbook(out)["Realisasi"]
    assert real["C3"].comment.text.startswith("Angka dari DPA perubahan.")
    assert set(our_comments(real)) == {f.cell for f in rep.findings if f.sheet == "Realisasi"}


@needs_lo
def test_every_copy_opens_in_libreoffice(copies, tmp_path):
    xlsm(tmp_path / "makro.xlsm")
    rep = check_source(tmp_path / "makro.xlsm", "makro.xlsm")
    files = [mark_copy((tmp_path / "makro.xlsm").read_bytes(), "makro.xlsm", rep.findings,
                       tmp_path / "makro-diperiksa.xlsm")]
    for kind, (_src, _rep, out) in copies.items():
        files.append(shutil.copy(out, tmp_path / f"{kind}-{out.name}"))
    result = convert(files, "pdf", tmp_path)
    assert result.returncode == 0, result.stderr
    for f in files:
        pdf = tmp_path / (Path(f).stem + ".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), (f, result.stdout)
        if shutil.which("pdftotext"):
            text = pdf_text(pdf)
            first = text.split("\f")[0]
            assert "HASIL PEMERIKSAAN" in first and "Perlu diperbaiki: 7 kesalahan" in first, f
            assert "budget.sum_pagu" in first and "Realisasi!C3" in first


def test_a_damaged_input_raises_unreadable(tmp_path):
    from lkj_excel.read.workbook import Unreadable

    with pytest.raises(Unreadable):
        mark_copy(b"bukan workbook", "x.xls", [], tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists() and not list(tmp_path.iterdir())


def test_calamine_reads_the_converted_copy(copies):
    """The copy is itself a workbook the tool reads: checking it finds the same findings."""
    for kind in ("xls-sample", "ods-sample"):
        src, rep, out = copies[kind]
        again = check_source(out, str(out))
        key = sorted((f.check, f.sheet, f.cell) for f in rep.findings)
        assert sorted((f.check, f.sheet, f.cell) for f in again.findings) == key
        assert io.BytesIO(out.read_bytes()).getvalue()[:2] == b"PK"


def test_a_damaged_package_raises_unreadable(tmp_path):
    from lkj_excel.read.workbook import Unreadable

    parts = members(DATA.parent.parent / "samples" / "tempursari-2023-tw1.xlsx")
    parts["xl/workbook.xml"] = b"<workbook xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheets>"
    from markedkit import write_members

    bad = write_members(tmp_path / "rusak.xlsx", parts)
    with pytest.raises(Unreadable, match="salinan bertanda"):
        mark_copy(bad.read_bytes(), "rusak.xlsx", [], tmp_path / "x.xlsx")
    assert not list(tmp_path.glob("x*"))
