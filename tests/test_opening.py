"""Opening a file (issue 11 items 0-2): every way the opening path can fail is the file's
`file.unreadable`, never a traceback, and a batch goes on; encrypted files are read with the
programs' default key or get the password message; error values are `cell.invalid` in every
format; an .ods keeps its merged ranges."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from lkj_excel.cli import main
from lkj_excel.pipeline import check_source
from lkj_excel.read.workbook import CFB_MAGIC, CellError, error_text, open_book

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_BYTES = SAMPLE.read_bytes()
PASSWORD = "berkas terkunci dengan kata sandi; simpan ulang tanpa kata sandi lalu kirim lagi"


def unreadable(data: bytes, name: str = "rusak.xlsx") -> str:
    rep = check_source(data, name)
    assert not rep.readable, [f.check for f in rep.findings]
    assert [f.check for f in rep.findings] == ["file.unreadable"]
    return rep.findings[0].message


def _central(data: bytes, member: str) -> int:
    """The offset of a member's central directory entry."""
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + n] == member.encode():
            return pos
        pos += 4


def _local(data: bytes, member: str) -> int:
    return struct.unpack_from("<I", data, _central(data, member) + 42)[0]


# --- damaged zips: each exception type of the opening path -------------------------------------

def test_zip_version_23_5_is_unreadable_not_a_traceback():
    """The issue's file: one flipped byte makes zipfile raise NotImplementedError."""
    data = bytearray(SAMPLE_BYTES)
    data[_central(bytes(data), "xl/workbook.xml") + 6] = 235  # "version needed" 23.5
    assert "arsip zip tidak utuh" in unreadable(bytes(data))


def test_unknown_compression_method():
    data = bytearray(SAMPLE_BYTES)
    for pos in (_central(bytes(data), "xl/workbook.xml") + 10, _local(bytes(data), "xl/workbook.xml") + 8):
        data[pos:pos + 2] = struct.pack("<H", 42)  # NotImplementedError when opened
    assert "rusak" in unreadable(bytes(data))


def test_member_flagged_encrypted_in_the_zip():
    data = bytearray(SAMPLE_BYTES)
    for pos in (_central(bytes(data), "xl/workbook.xml") + 8, _local(bytes(data), "xl/workbook.xml") + 6):
        data[pos] |= 1  # RuntimeError: "password required"
    assert "kata sandi" in unreadable(bytes(data))


def test_corrupt_deflate_stream_and_bad_crc():
    src = zipfile.ZipFile(io.BytesIO(SAMPLE_BYTES))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(info, src.read(info.filename))
    data = bytearray(out.getvalue())
    start = _local(bytes(data), "xl/worksheets/sheet2.xml")
    n, m = struct.unpack_from("<HH", data, start + 26)
    body = start + 30 + n + m
    bad = bytearray(data)
    bad[body:body + 8] = b"\xff" * 8  # zlib.error
    assert "rusak" in unreadable(bytes(bad))
    crc = bytearray(data)
    for pos in (_central(bytes(crc), "xl/worksheets/sheet2.xml") + 16, start + 14):
        crc[pos:pos + 4] = b"\x00\x00\x00\x00"  # BadZipFile: Bad CRC-32
    assert "rusak" in unreadable(bytes(crc))


def test_truncated_zip_and_broken_xml_and_broken_sheet():
    assert "rusak" in unreadable(SAMPLE_BYTES[: len(SAMPLE_BYTES) // 2])

    def replace(member: str, content: bytes) -> bytes:
        src = zipfile.ZipFile(io.BytesIO(SAMPLE_BYTES))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in src.infolist():
                zf.writestr(info, content if info.filename == member else src.read(info.filename))
        return out.getvalue()

    assert "bukan XML yang utuh" in unreadable(replace("xl/workbook.xml", b"<workbook><sheets"))
    assert "rusak" in unreadable(replace("xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row r=x"))


def test_ole_files_that_are_not_workbooks():
    # an OLE header followed by junk: olefile / msoffcrypto / calamine fail in their own ways
    assert "rusak" in unreadable(CFB_MAGIC + b"\x00" * 600, "rusak.xls")
    assert "rusak" in unreadable(CFB_MAGIC + bytes(range(256)) * 8, "rusak.xls")


def test_a_batch_goes_on_past_a_damaged_file(tmp_path):
    box = tmp_path / "masuk"
    box.mkdir()
    data = bytearray(SAMPLE_BYTES)
    data[_central(bytes(data), "xl/workbook.xml") + 6] = 235
    (box / "a-rusak.xlsx").write_bytes(bytes(data))
    shutil.copy(SAMPLE, box / "b-tempursari.xlsx")
    result = CliRunner().invoke(main, ["process", str(box), "-o", str(tmp_path / "hasil"), "-q"])
    assert result.exit_code == 2, result.output
    assert (tmp_path / "hasil" / "LKj-Kecamatan-Tempursari-2023-TW1.xlsx").is_file()
    assert "Traceback" not in result.output
    single = CliRunner().invoke(main, ["check", str(box / "a-rusak.xlsx")])
    assert single.exit_code == 2 and "TIDAK TERBACA" in single.output


# --- encrypted files ----------------------------------------------------------------------------

def _encrypted_xlsx(password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(SAMPLE_BYTES)).encrypt(password, out)
    return out.getvalue()


def test_default_key_is_read_like_the_sample():
    base = check_source(SAMPLE, "contoh.xlsx")
    rep = check_source(_encrypted_xlsx("VelvetSweatshop"), "terkunci-bawaan.xlsx")
    assert rep.readable
    assert [(f.check, f.sheet, f.cell) for f in rep.findings] == \
        [(f.check, f.sheet, f.cell) for f in base.findings]


def test_a_real_password_asks_for_a_save_without_one():
    assert PASSWORD in unreadable(_encrypted_xlsx("rahasia"), "rahasia.xlsx")


# --- error values ----------------------------------------------------------------------------------

def test_error_text_is_recognised():
    assert error_text("#DIV/0!") == "#DIV/0!" and error_text(" #N/A ") == "#N/A"
    assert error_text("Err:502") == "Err:502" and error_text(CellError("#REF!")) == "#REF!"
    assert error_text("#1") is None and error_text("Error") is None and error_text(7) is None


def _error_book(path: Path) -> None:
    wb = openpyxl.load_workbook(SAMPLE)

    def err(ws, addr, text):
        ws[addr].value = text
        ws[addr].data_type = "e"

    err(wb["Realisasi"], "C5", "#DIV/0!")  # a leaf Pagu: not "wajib diisi ... kosong"
    err(wb["Identitas"], "B10", "#DIV/0!")  # Jumlah Desa: villages.count_mismatch not lost
    err(wb["PK"], "I5", "#N/A")  # a PK Realisasi: not "belum diukur"
    wb["Realisasi"]["F6"].value = "#VALUE!"  # typed as text, in a text column
    wb.save(path)


EXPECTED_ERRORS = [("Identitas", "B10", "#DIV/0!"), ("PK", "I5", "#N/A"),
                   ("Realisasi", "C5", "#DIV/0!"), ("Realisasi", "F6", "#VALUE!")]


def _convert(src: Path, fmt: str, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is needed to save .ods and .xls")
    import subprocess
    import uuid

    profile = out / f"lo-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)], capture_output=True,
                   timeout=180, check=True)
    return out / f"{src.stem}.{fmt}"


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_error_values_are_invalid_in_every_format(tmp_path, fmt):
    src = tmp_path / "galat.xlsx"
    _error_book(src)
    path = src if fmt == "xlsx" else _convert(src, fmt, tmp_path)
    rep = check_source(path, path.name)
    invalid = [(f.sheet, f.cell, f.found) for f in rep.findings if f.check == "cell.invalid"]
    assert invalid == EXPECTED_ERRORS
    assert not [f for f in rep.findings if f.check == "cell.required" and f.cell == "C5"]
    # the unreadable Jumlah Desa is unknown: no count comparison, and no blank either
    assert not [f for f in rep.findings if f.check == "villages.count_mismatch"]
    pk = rep.data.pk
    row = next(r for r in pk if r.row == 5)
    assert row.realisasi.unknown and row.realisasi.value is None


# --- .ods keeps its merged ranges ----------------------------------------------------------------

def test_ods_merged_cells_are_read_as_in_xlsx(tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["PK"]
    # program 6: one sasaran with three indicators (rows 10-12), merged over them
    assert ws["D10"].value == ws["D11"].value == ws["D12"].value
    for r in (11, 12):
        ws[f"D{r}"].value = None
    ws.merge_cells("D10:D12")
    lp = wb["LPPDes"]
    rows = [r for r in range(3, lp.max_row + 1) if lp[f"C{r}"].value == "LPPDes"]
    assert rows == list(range(3, 10))
    for r in rows[1:]:
        lp[f"D{r}"].value = None
    lp.merge_cells(f"D{rows[0]}:D{rows[-1]}")
    src = tmp_path / "gabung.xlsx"
    wb.save(src)
    base = check_source(SAMPLE, "contoh.xlsx")
    want = [(f.check, f.sheet, f.cell) for f in base.findings]
    ods = _convert(src, "ods", tmp_path)
    for path in (src, ods):
        rep = check_source(path, path.name)
        assert [(f.check, f.sheet, f.cell) for f in rep.findings] == want, path.suffix
        book = open_book(path)
        pk = next(s for s in book.sheets if s.name == "PK")
        assert (10, 4, 12, 4) in pk.merges


# --- a pretty-printed .ods (Gnumeric) ------------------------------------------------------------

def _indented_ods() -> bytes:
    """tests/data/tempursari.ods with content.xml indented the way Gnumeric's ssconvert
    writes it: a newline and spaces after every table element."""
    import re

    src = zipfile.ZipFile(DATA / "tempursari.ods")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "content.xml":
                blob = re.sub(rb"(<(?:/)?(?:table|office):[^>]*>)(?=<)", rb"\1\n      ", blob)
            dst.writestr(info, blob, compress_type=zipfile.ZIP_STORED
                         if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_pretty_printed_ods_reads_as_the_compact_one():
    data = _indented_ods()
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    assert b"</table:table-cell>\n      <table:table-cell" in content
    base = check_source(DATA / "tempursari.ods", "tempursari.ods")
    rep = check_source(data, "gnumeric.ods")
    assert rep.readable, rep.findings[0].message
    assert [(f.check, f.sheet, f.cell, f.found) for f in rep.findings] == \
        [(f.check, f.sheet, f.cell, f.found) for f in base.findings]
    # the text of a cell keeps its own spaces
    assert rep.data.identity.perangkat_daerah == "Kecamatan Tempursari"


# --- typed-text marks (issue 11 item 3) -------------------------------------------------------------

def _key(rep):
    return [(f.check, f.sheet, f.cell, f.found, f.expected) for f in rep.findings]


def test_a_leading_apostrophe_is_not_part_of_the_value(tmp_path):
    """LibreOffice keeps the apostrophe typed to force text (`'1,169,899,860`); Excel hides
    it. Either way the value is the same: no cell.invalid, the program's sum still checked."""
    base = check_source(SAMPLE, "contoh.xlsx")
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb["Realisasi"]
    assert ws["C10"].value == "1,169,899,860"
    ws["C10"].value = "'1,169,899,860"
    ws["A3"].value = "'" + ws["A3"].value  # '7.01.01
    wb.save(tmp_path / "apostrof.xlsx")
    rep = check_source(tmp_path / "apostrof.xlsx", "apostrof.xlsx")
    assert _key(rep) == _key(base)
    assert any(f.check == "budget.sum_pagu" and f.cell == "C3" for f in rep.findings)


def test_unicode_spaces_and_line_breaks_are_plain_spaces(tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Identitas"]["B3"].value = "Kecamatan\u00a0Tempursari\u200b "
    wb["Realisasi"]["B3"].value = wb["Realisasi"]["B3"].value.replace(" ", "\n", 1)
    wb["PK"]["E3"].value = "  " + wb["PK"]["E3"].value.replace(" ", "\u2009  ", 2)
    wb.save(tmp_path / "spasi.xlsx")
    rep = check_source(tmp_path / "spasi.xlsx", "spasi.xlsx")
    base = check_source(SAMPLE, "contoh.xlsx")
    assert rep.perangkat_daerah == "Kecamatan Tempursari"
    assert rep.to_json()["perangkat_daerah"] == "Kecamatan Tempursari"
    assert _key(rep) == _key(base)
    assert rep.data.pk[0].indikator.value == base.data.pk[0].indikator.value
