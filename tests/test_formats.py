"""File formats and hostile files: the same content gives the same findings in .xlsx, .xlsm,
.ods and .xls; damaged, locked and bomb files give `file.unreadable`, never a traceback."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

import lkj_excel
from lkj_excel.pipeline import check_source
from lkj_excel.read import parts
from lkj_excel.read import workbook as wbmod

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"


def key(rep):
    return [(f.check, f.sheet, f.cell, f.kode, f.found, f.expected) for f in rep.findings]


@pytest.mark.parametrize("name", ["tempursari.ods", "tempursari.xls"])
def test_same_content_same_findings_in_every_format(name):
    """The fixtures are the sample saved by LibreOffice (tests/data/make_fixtures.py)."""
    assert key(lkj_excel.check(DATA / name)) == key(lkj_excel.check(SAMPLE))


def test_xlsm_reads_as_xlsx(tmp_path):
    copy = tmp_path / "isian.xlsm"
    shutil.copy(SAMPLE, copy)
    assert key(lkj_excel.check(copy)) == key(lkj_excel.check(SAMPLE))


def test_figures_identical_across_formats():
    a, b = lkj_excel.check(SAMPLE), lkj_excel.check(DATA / "tempursari.ods")
    assert [(r.kode.value, r.c_pagu, r.c_realisasi) for r in a.figures.budget.tree()] == \
        [(r.kode.value, r.c_pagu, r.c_realisasi) for r in b.figures.budget.tree()]
    assert [r.realisasi_value for r in a.data.pk] == [r.realisasi_value for r in b.data.pk]


def unreadable(rep) -> str:
    assert not rep.readable
    assert [(f.check, f.sheet, f.cell) for f in rep.findings] == [("file.unreadable", None, None)]
    return rep.findings[0].message


def test_password_protected_workbook_is_locked():
    msg = unreadable(lkj_excel.check(DATA / "terkunci.xlsx"))
    assert "kata sandi" in msg


@pytest.mark.parametrize("content,word", [
    (b"", "kosong"),
    (b"No;Kode;Uraian\n1;7.01.01;Program\n", "bukan workbook"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "bukan workbook"),
])
def test_not_a_workbook(content, word):
    assert word in unreadable(check_source(content, "salah.xlsx"))


def test_truncated_zip():
    data = SAMPLE.read_bytes()
    assert "rusak" in unreadable(check_source(data[: len(data) // 2], "terpotong.xlsx"))


def test_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "rusak" in unreadable(check_source(buf.getvalue(), "arsip.xlsx"))


def _with_member(name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(SAMPLE)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, content if item.filename == name else src.read(item.filename))
    return buf.getvalue()


def test_xml_entity_bomb_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<numFmts><numFmt numFmtId=\"164\" formatCode=\"&lol2;\"/></numFmts></styleSheet>")
    msg = unreadable(check_source(_with_member("xl/styles.xml", bomb), "bom.xlsx"))
    assert "DTD" in msg


def test_zip_bomb_refused_before_inflating():
    """A sheet that inflates past the 200 MB limit is refused from the zip directory alone."""
    buf = io.BytesIO()
    src = zipfile.ZipFile(SAMPLE)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet2.xml":
                with out.open(item.filename, "w", force_zip64=True) as w:
                    chunk = b" " * (8 * 1024 * 1024)
                    for _ in range(26):  # 208 MB of spaces
                        w.write(chunk)
            else:
                out.writestr(item, src.read(item.filename))
    data = buf.getvalue()
    assert len(data) < 2 * 1024 * 1024
    msg = unreadable(check_source(data, "bom-zip.xlsx"))
    assert "200 MB" in msg


def test_zip_limit_is_the_mechanism(monkeypatch):
    monkeypatch.setattr(parts, "MAX_UNPACKED_BYTES", 1000)
    assert "batas" in unreadable(check_source(SAMPLE.read_bytes(), "kecil.xlsx"))


def test_xls_name_on_an_xlsx_file_still_reads(tmp_path):
    """The content decides the format, not the file name."""
    copy = tmp_path / "isian.xls"
    shutil.copy(SAMPLE, copy)
    assert key(lkj_excel.check(copy)) == key(lkj_excel.check(SAMPLE))


def test_ods_formula_without_value_and_percent_cells(tmp_path):
    """content.xml gives .ods the same formula and percent information as .xlsx."""
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        b'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2">'
        b"<office:body><office:spreadsheet>"
        b'<table:table table:name="PK">'
        b'<table:table-row><table:table-cell office:value-type="string"><text:p>A</text:p></table:table-cell>'
        b'<table:table-cell office:value-type="percentage" office:value="0.9"><text:p>90%</text:p></table:table-cell>'
        b'<table:table-cell table:formula="of:=[.B1]*2"/></table:table-row>'
        b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml",
                    '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                    'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
                    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    "</manifest:manifest>")
    book = wbmod.open_book(buf.getvalue(), "kecil.ods")
    (pk,) = book.sheets
    assert (1, 2) in pk.percent
    assert (1, 3) in pk.no_value
