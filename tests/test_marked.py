"""The copy returned to the office (`--tandai`) of an .xlsx/.xlsm: the office's own package
with additions (spec document.md, "The copy returned to the office")."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from markedkit import SAMPLE, VBA, members, our_comments, our_fills, rich_xlsx, xlsm

from lkj_excel.findings import Finding
from lkj_excel.pipeline import check_source
from lkj_excel.write.marked import copy_name, mark_copy
from lkj_excel.write.marked.notes import ERROR_FILL, MARKER, SHEET, WARNING_FILL

ERR, WARN = ERROR_FILL[1:], WARNING_FILL[1:]


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """(input path, its report, its copy path)."""
    tmp = tmp_path_factory.mktemp("rich")
    src = rich_xlsx(tmp / "isian.xlsx")
    rep = check_source(src, str(src))
    out = mark_copy(src.read_bytes(), str(src), rep.findings, tmp / copy_name(str(src)),
                    subject="Kecamatan Tempursari, Tahun 2023 Triwulan I")
    return src, rep, out


def _cells(findings, sheet):
    return {f.cell for f in findings if f.sheet == sheet and f.cell}


def test_the_input_is_only_read(tmp_path):
    src = rich_xlsx(tmp_path / "isian.xlsx")
    before, mtime = src.read_bytes(), src.stat().st_mtime_ns
    rep = check_source(src, str(src))
    mark_copy(src.read_bytes(), str(src), rep.findings, tmp_path / "salinan.xlsx")
    assert src.read_bytes() == before and src.stat().st_mtime_ns == mtime


def test_parts_the_marks_do_not_need_are_copied_byte_for_byte(rich):
    src, rep, out = rich
    old, new = members(src), members(out)
    changed = {n for n in old if n in new and old[n] != new[n]}
    sheets = {f.sheet for f in rep.findings}
    names = openpyxl.load_workbook(src).sheetnames
    marked = {f"xl/worksheets/sheet{names.index(s) + 1}.xml" for s in sheets}
    assert marked == {"xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                      "xl/worksheets/sheet4.xml"}
    # (Realisasi already had comments: its comments part and VML drawing get ours)
    assert changed == marked | {
        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
        "docProps/app.xml", "xl/comments/comment1.xml", "xl/drawings/commentsDrawing1.vml"}
    # images, cached formula values, custom XML, external links: untouched
    for name in ("xl/media/image1.png", "xl/drawings/drawing1.xml", "customXml/item1.xml",
                 "xl/externalLinks/externalLink1.xml", "xl/theme/theme1.xml",
                 "xl/worksheets/sheet8.xml", "xl/worksheets/_rels/sheet4.xml.rels"):
        assert name in new
    assert new["xl/worksheets/sheet8.xml"] == old["xl/worksheets/sheet8.xml"]  # Catatan
    assert new["xl/media/image1.png"] == old["xl/media/image1.png"]
    # the calculation chain lists cells by sheet position: dropped (Excel rebuilds it)
    assert "xl/calcChain.xml" not in new
    assert "calcChain" not in new["xl/_rels/workbook.xml.rels"].decode()
    assert "calcChain" not in new["[Content_Types].xml"].decode()
    assert set(old) - set(new) == {"xl/calcChain.xml"}


def test_changed_parts_keep_what_they_held(rich):
    src, _rep, out = rich
    old, new = members(src), members(out)
    # the sheet XML: everything of theirs is still there, in order (only additions)
    for part in ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet4.xml"):
        a, b = old[part].decode(), new[part].decode()
        data = re.search(r"<sheetData>.*</sheetData>", a, re.S).group(0)
        assert data in b
        for tag in re.findall(r"<(?:drawing|legacyDrawing|pageMargins|cols|sheetViews)\b[^>]*>", a):
            assert tag.replace(' tabSelected="1"', "") in b or tag in b
    wb_old, wb_new = old["xl/workbook.xml"].decode(), new["xl/workbook.xml"].decode()
    assert re.search(r'<externalReference [^>]*r:id="rIdExt"/>', wb_new)
    for tag in re.findall(r"<sheet [^>]*/>", wb_old):
        assert tag in wb_new
    rels_old = old["xl/_rels/workbook.xml.rels"].decode()
    for rel in re.findall(r"<Relationship [^>]*/>", rels_old):
        if "calcChain" not in rel:
            assert rel in new["xl/_rels/workbook.xml.rels"].decode()
    styles_old = old["xl/styles.xml"].decode()
    cut = styles_old.index("<cellXfs")
    assert new["xl/styles.xml"].decode().count("<xf ") > styles_old.count("<xf ")
    assert re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles_old[cut:], re.S).group(1) in \
        new["xl/styles.xml"].decode()


def test_every_value_is_the_inputs(rich):
    src, _rep, out = rich
    for data_only in (True, False):
        a = openpyxl.load_workbook(src, data_only=data_only)
        b = openpyxl.load_workbook(out, data_only=data_only)
        assert b.sheetnames == [SHEET, *a.sheetnames]
        for ws in a.worksheets:
            other = b[ws.title]
            assert other.sheet_state == ws.sheet_state
            assert other.merged_cells.ranges == ws.merged_cells.ranges
            for row in ws.iter_rows():
                for c in row:
                    d = other[c.coordinate]
                    assert d.value == c.value, (ws.title, c.coordinate)
                    # the cell's own format is untouched: the fill is a conditional format
                    assert [repr(x) for x in (d.number_format, d.font, d.fill, d.border,
                                              d.alignment, d.protection)] == \
                        [repr(x) for x in (c.number_format, c.font, c.fill, c.border,
                                           c.alignment, c.protection)], (ws.title, c.coordinate)


def test_exactly_the_finding_cells_are_commented_and_filled(rich):
    src, rep, out = rich
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets[1:]:
        cells = _cells(rep.findings, ws.title)
        comments, fills = our_comments(ws), our_fills(ws)
        assert set(comments) == cells, ws.title
        assert set(fills) == cells, ws.title
        for f in (f for f in rep.findings if f.sheet == ws.title):
            text = comments[f.cell]
            assert f.check in text and f.message in text
            assert fills[f.cell] == (ERR if f.is_error else WARN)
            if f.expected is not None:
                assert "Seharusnya:" in text
    assert len(rep.findings) == 27 and sum(len(our_comments(ws)) for ws in wb.worksheets) == 27


def test_an_office_comment_is_kept_and_the_finding_added_below(rich):
    src, rep, out = rich
    ws = openpyxl.load_workbook(out)["Realisasi"]
    c3 = ws["C3"].comment
    assert c3.author == "Bendahara"
    assert c3.text.startswith("Angka dari DPA perubahan.\n\n" + MARKER)
    assert "budget.sum_pagu" in c3.text and "Seharusnya: Rp 1.592.719.562" in c3.text
    f3 = ws["F3"].comment  # no finding there: as it was
    assert (f3.text, f3.author) == ("Sumber dana utama & pendamping", "Bendahara")


def test_hasil_pemeriksaan_is_first_and_links_to_each_cell(rich):
    _src, rep, out = rich
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == SHEET and wb.active.title == SHEET
    assert [bool(ws.sheet_view.tabSelected) for ws in wb.worksheets] == [True] + [False] * 8
    ws = wb[SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "HASIL PEMERIKSAAN"
    assert rows[3][0] == "Perlu diperbaiki: 7 kesalahan"
    head = rows.index(("No", "Tingkat", "Sel", "Pemeriksaan", "Ditemukan", "Seharusnya",
                       "Keterangan", "Yang perlu dilakukan"))
    body = rows[head + 1:]
    assert len(body) == len(rep.findings)
    for row, f in zip(body, rep.findings, strict=True):
        assert row[2] == f'=HYPERLINK("#\'{f.sheet}\'!{f.cell}","{f.sheet}!{f.cell}")'
        assert (row[1], row[3], row[6]) == ("Kesalahan" if f.is_error else "Peringatan",
                                             f.check, f.message)
        assert row[7]
    sum_pagu = next(r for r in body if r[3] == "budget.sum_pagu")
    assert sum_pagu[4:6] == (1587606347, 1592719562)
    # the cached value of each link is its text (shown before any recalculation)
    values = list(openpyxl.load_workbook(out, data_only=True)[SHEET].iter_rows(values_only=True))
    assert values[head + 1][2] == f"{rep.findings[0].sheet}!{rep.findings[0].cell}"


def test_defined_names_and_titles_follow_their_sheet(rich):
    src, _rep, out = rich
    wb = openpyxl.load_workbook(out)
    assert wb["Realisasi"].print_area == "'Realisasi'!$A$1:$F$51"
    local = re.search(r'localSheetId="(\d+)"', members(out)["xl/workbook.xml"].decode())
    assert wb.sheetnames[int(local.group(1))] == "Realisasi"
    app = members(out)["docProps/app.xml"].decode()
    titles = re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>", app.split("<TitlesOfParts>")[1])
    assert titles == [*wb.sheetnames, "Realisasi!Print_Area"]
    assert re.search(r"<vt:i4>9</vt:i4>", app) and 'size="10"' in app


def test_a_second_check_replaces_the_marks(rich, tmp_path):
    src, rep, out = rich
    again = mark_copy(out.read_bytes(), str(src), rep.findings, tmp_path / "lagi.xlsx",
                      subject="Kecamatan Tempursari, Tahun 2023 Triwulan I")
    first, second = members(out), members(again)
    assert first == second  # the same marks, not doubled, nothing else changed
    # a copy checked again after a fix: the fixed cell's marks go, the office's stay
    fewer = [f for f in rep.findings if f.cell not in ("C3", "A4")]
    third = mark_copy(out.read_bytes(), str(src), fewer, tmp_path / "ketiga.xlsx")
    wb = openpyxl.load_workbook(third)
    assert wb.sheetnames.count(SHEET) == 1 and wb.sheetnames[0] == SHEET
    ws = wb["Realisasi"]
    assert ws["C3"].comment.text == "Angka dari DPA perubahan."
    assert ws["A4"].comment is None
    assert set(our_comments(ws)) == set(our_fills(ws)) == _cells(fewer, "Realisasi")
    assert ws["F3"].comment.text == "Sumber dana utama & pendamping"
    assert wb["Realisasi"].print_area == "'Realisasi'!$A$1:$F$51"
    assert len(list(wb[SHEET].iter_rows())) == 8 + len(fewer)
    # nothing left of ours on a sheet without findings now
    none = [f for f in rep.findings if f.sheet != "Identitas"]
    fourth = openpyxl.load_workbook(mark_copy(out.read_bytes(), str(src), none,
                                              tmp_path / "keempat.xlsx"))
    assert our_comments(fourth["Identitas"]) == {} and our_fills(fourth["Identitas"]) == {}
    # its comments part, note drawing and their relationships went with our comments
    parts = members(tmp_path / "keempat.xlsx")
    assert b"legacyDrawing" in first["xl/worksheets/sheet2.xml"]  # Identitas
    assert b"legacyDrawing" not in parts["xl/worksheets/sheet2.xml"]
    assert b"Relationship " not in parts["xl/worksheets/_rels/sheet2.xml.rels"]
    gone = {n for n in first if n not in parts}
    assert len(gone) == 2 and {n.rsplit(".", 1)[1] for n in gone} == {"xml", "vml"}
    for n in gone:
        assert n.lstrip("/") not in parts["[Content_Types].xml"].decode()


def test_findings_on_one_cell_blank_cells_and_no_cell(tmp_path):
    found = [Finding("budget.sum_pagu", "Realisasi", "C3", "Pagu salah.", found=None),
             Finding("budget.code_unknown", "Realisasi", "C3", "Uraian beda."),
             Finding("cell.required", "Realisasi", "Z999", "Sel wajib kosong."),
             Finding("sheet.missing", "LPPDes", None, "Sheet LPPDes tidak ada."),
             Finding("cell.required", "Tidak Ada", "A1", "Sheet ini tidak ada di berkas.")]
    out = mark_copy(SAMPLE.read_bytes(), "isian.xlsx", found, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["Realisasi"]
    assert our_fills(ws) == {"C3": ERR, "Z999": ERR}
    text = ws["C3"].comment.text
    assert text.index("budget.sum_pagu") < text.index("budget.code_unknown")
    assert ws["Z999"].value is None and "cell.required" in ws["Z999"].comment.text
    rows = list(wb[SHEET].iter_rows(values_only=True))[8:]
    assert [r[2] for r in rows] == ['=HYPERLINK("#\'Realisasi\'!C3","Realisasi!C3")',
                                    '=HYPERLINK("#\'Realisasi\'!C3","Realisasi!C3")',
                                    '=HYPERLINK("#\'Realisasi\'!Z999","Realisasi!Z999")',
                                    "LPPDes", "Tidak Ada!A1"]
    assert list(wb[SHEET].iter_rows(values_only=True))[3][0] == "Perlu diperbaiki: 4 kesalahan"


def test_a_warning_only_copy_says_data_konsisten(tmp_path):
    found = [Finding("cell.number_as_text", "Realisasi", "C10", "Nominal diketik sebagai teks.")]
    wb = openpyxl.load_workbook(mark_copy(SAMPLE.read_bytes(), "isian.xlsx", found,
                                          tmp_path / "x.xlsx"))
    assert list(wb[SHEET].iter_rows(values_only=True))[3][0] == "Data konsisten"
    assert our_fills(wb["Realisasi"]) == {"C10": WARN}


def test_sheet_names_with_quotes_are_linked_and_marked(tmp_path):
    wb = openpyxl.load_workbook(SAMPLE)
    wb["Realisasi"].title = "Realisasi Bu'Ani"
    wb.save(tmp_path / "q.xlsx")
    found = [Finding("budget.sum_pagu", "Realisasi Bu'Ani", "C3", 'Pagu "program" salah.')]
    out = mark_copy((tmp_path / "q.xlsx").read_bytes(), "q.xlsx", found, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(out)
    assert set(our_comments(book["Realisasi Bu'Ani"])) == {"C3"}
    link = list(book[SHEET].iter_rows(values_only=True))[8][2]
    assert link == '=HYPERLINK("#\'Realisasi Bu\'\'Ani\'!C3","Realisasi Bu\'Ani!C3")'


def test_an_xlsm_keeps_its_macros(tmp_path):
    src = xlsm(tmp_path / "isian.xlsm")
    rep = check_source(src, str(src))
    name = copy_name(str(src), "xlsm")
    assert name == "isian-diperiksa.xlsm"
    out = mark_copy(src.read_bytes(), str(src), rep.findings, tmp_path / name)
    parts = members(out)
    assert parts["xl/vbaProject.bin"] == VBA
    assert "macroEnabled.main+xml" in parts["[Content_Types].xml"].decode()
    assert "vbaProject" in parts["xl/_rels/workbook.xml.rels"].decode()
    book = openpyxl.load_workbook(out, keep_vba=True)
    assert book.sheetnames[0] == SHEET
    assert zipfile.ZipFile(out).testzip() is None


def test_copy_names():
    assert copy_name("kotak/isian tw1.xlsx") == "isian tw1-diperiksa.xlsx"
    assert copy_name("isian.XLSM", "xlsm") == "isian-diperiksa.xlsm"
    assert copy_name("isian.ods", "convert") == "isian-diperiksa.xlsx"
    assert copy_name("isian-diperiksa.xlsx") == "isian-diperiksa.xlsx"
    assert copy_name("isian-diperiksa-2.xls", "convert") == "isian-diperiksa.xlsx"
    assert copy_name("mail.eml/lampiran.xls", "convert") == "lampiran-diperiksa.xlsx"


def test_many_marks_are_split_into_short_rule_ranges(tmp_path):
    found = [Finding("cell.number_as_text", "Realisasi", f"{col}{row}", "Teks.")
             for row in range(3, 78) for col in "ABCDEF"]  # 450 cells
    out = mark_copy(SAMPLE.read_bytes(), "isian.xlsx", found, tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(out)["Realisasi"]
    assert set(our_fills(ws)) == {f.cell for f in found}
    sheet = members(out)["xl/worksheets/sheet4.xml"].decode()
    ranges = re.findall(r'<conditionalFormatting sqref="([^"]*)"', sheet)
    assert [len(r.split()) for r in ranges] == [200, 200, 50]
    assert re.findall(r'priority="(\d+)"', sheet) == ["1", "2", "3"]
