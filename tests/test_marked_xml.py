"""The package editor of the returned copy on XML as other programs write it: a prefixed
main namespace (`x:`), shared strings, `mc:Ignorable` attributes, a comment without runs,
no styles part, elements wrapped in mc:AlternateContent."""

from __future__ import annotations

import re

import openpyxl
import pytest
from markedkit import convert, members, our_comments, our_fills, pdf_text, soffice, write_members

from lkj_excel.findings import Finding
from lkj_excel.write.marked import comments as C
from lkj_excel.write.marked import mark_copy
from lkj_excel.write.marked.package import SHEET_ORDER
from lkj_excel.write.marked.xmltext import children, insert_child, root

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."
SHEET_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:worksheet xmlns:x="{MAIN}" '
    f'xmlns:r="{REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
    '<x:sheetViews><x:sheetView tabSelected="1" workbookViewId="0"/></x:sheetViews>'
    '<x:sheetData><x:row r="1" x14ac:dyDescent="0.25"><x:c r="A1" t="s"><x:v>0</x:v></x:c>'
    '<x:c r="B1"><x:v>5</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c>'
    '<x:c r="B2"><x:f>B1*2</x:f><x:v>10</x:v></x:c></x:row></x:sheetData>'
    '<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    '<x:legacyDrawing r:id="rId1"/></x:worksheet>')
VML = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:'
       'office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
       '<o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" '
       'coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke '
       'joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
       '<v:shape id="_x0000_s1025" type="#_x0000_t202" style=\'position:absolute;margin-left:'
       '59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden\' '
       'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/>'
       '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>2, 15, 0, '
       '2, 4, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>1'
       '</x:Column></x:ClientData></v:shape></xml>')


def prefixed_package(path):
    return write_members(path, {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.'
            'openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" '
            f'ContentType="{CT}sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{CT}worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{CT}sharedStrings+xml"/><Override PartName="/xl/comments1.xml" '
            f'ContentType="{CT}comments+xml"/></Types>').encode(),
        "_rels/.rels": (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/'
                        'officeDocument" Target="xl/workbook.xml"/></Relationships>').encode(),
        "xl/workbook.xml": (f'<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:sheets><x:sheet '
                            'name="Realisasi" sheetId="3" r:id="rId1"/></x:sheets>'
                            '</x:workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>').encode(),
        "xl/sharedStrings.xml": (f'<x:sst xmlns:x="{MAIN}" count="2" uniqueCount="2"><x:si><x:t>'
                                 'Pagu</x:t></x:si><x:si><x:t>Dua kali</x:t></x:si></x:sst>').encode(),
        "xl/worksheets/sheet1.xml": SHEET_XML.encode(),
        "xl/worksheets/_rels/sheet1.xml.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/vmlDrawing" '
            f'Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId2" Type="{REL}/comments" '
            'Target="../comments1.xml"/></Relationships>').encode(),
        "xl/comments1.xml": (f'<comments xmlns="{MAIN}"><authors><author>Ani</author></authors>'
                             '<commentList><comment ref="B1" authorId="0"><text><t>Cek lagi'
                             '</t></text></comment></commentList></comments>').encode(),
        "xl/drawings/vmlDrawing1.vml": VML.encode(),
    })


FINDINGS = [Finding("budget.sum_pagu", "Realisasi", "B1", "Pagu salah."),
            Finding("cell.number_as_text", "Realisasi", "A2", "Teks.")]


def test_a_prefixed_package_without_styles(tmp_path):
    src = prefixed_package(tmp_path / "p.xlsx")
    out = mark_copy(src.read_bytes(), "p.xlsx", FINDINGS, tmp_path / "p-diperiksa.xlsx")
    parts, old = members(out), members(src)
    assert parts["xl/sharedStrings.xml"] == old["xl/sharedStrings.xml"]
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert 'mc:Ignorable="x14ac"' in sheet and 'x14ac:dyDescent="0.25"' in sheet
    assert re.search(r"</x:sheetData><x:conditionalFormatting sqref=\"B1\">.*"
                     r"<x:conditionalFormatting sqref=\"A2\">.*</x:conditionalFormatting>"
                     r"<x:pageMargins", sheet)
    assert 'tabSelected' not in sheet
    assert "xl/styles.xml" in parts and "styles" in parts["xl/_rels/workbook.xml.rels"].decode()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Hasil Pemeriksaan", "Realisasi"]
    ws = wb["Realisasi"]
    assert ws["A1"].value == "Pagu" and ws["B2"].value == "=B1*2"
    assert ws["B1"].comment.text.startswith("Cek lagi\n\nPemeriksaan lkj-excel:")
    assert ws["B1"].comment.author == "Ani"
    assert set(our_comments(ws)) == set(our_fills(ws)) == {"B1", "A2"}
    vml = parts["xl/drawings/vmlDrawing1.vml"].decode()
    assert vml.count("<v:shape ") == 2 and "_x0000_s1026" in vml and "<x:Row>1</x:Row>" in vml
    again = mark_copy(out.read_bytes(), "p.xlsx", FINDINGS, tmp_path / "lagi.xlsx")
    assert members(again) == parts
    if soffice() is not None:
        assert convert([out], "pdf", tmp_path).returncode == 0
        assert "Perlu diperbaiki: 1 kesalahan" in pdf_text(tmp_path / "p-diperiksa.pdf")


def test_insert_child_follows_the_schema_order_through_alternate_content():
    xml = (f'<worksheet xmlns="{MAIN}" xmlns:mc="mc"><sheetData/><pageMargins/>'
           '<mc:AlternateContent><mc:Choice Requires="x14"><controls/></mc:Choice>'
           '<mc:Fallback/></mc:AlternateContent><tableParts/></worksheet>')
    top = root(xml)
    out = insert_child(xml, top, "<legacyDrawing/>", "legacyDrawing", SHEET_ORDER)
    assert "<pageMargins/><legacyDrawing/><mc:AlternateContent>" in out
    out = insert_child(xml, top, "<conditionalFormatting/>", "conditionalFormatting", SHEET_ORDER)
    assert "<sheetData/><conditionalFormatting/><pageMargins/>" in out
    out = insert_child(xml, top, "<extLst/>", "extLst", SHEET_ORDER)
    assert out.endswith("<tableParts/><extLst/></worksheet>")
    assert [c.local for c in children(out, root(out))][-1] == "extLst"


@pytest.mark.parametrize("body, kept", [
    ("<text><t>Asli</t></text>", "Asli"),
    ("<text><r><t>Asli </t></r><r><rPr><b/></rPr><t>tebal</t></r></text>", "Asli tebal"),
])
def test_our_part_of_a_comment_is_taken_out_again(body, kept):
    xml = (f'<comments xmlns="{MAIN}"><authors><author>Ani</author></authors><commentList>'
           f'<comment ref="B1" authorId="0">{body}</comment></commentList></comments>')
    added, new = C.add(xml, {"B1": "Pemeriksaan lkj-excel:\n[Kesalahan] x: y", "C5": "Pemeriksaan lkj-excel:\nz"})
    assert new == ["C5"] and C.count(added) == 2
    stripped, gone = C.strip(added)
    assert gone == {"C5"} and C.count(stripped) == 1
    from lkj_excel.write.marked.xmltext import texts

    assert texts(stripped) == kept
    # LibreOffice writes our text back as one run: still recognised, the office's text kept
    merged = added.replace("</t></r><r><rPr><b/><sz", "</t></r><r><rPr><sz")
    assert C.strip(merged)[1] == {"C5"}


def test_relationship_namespace_declared_on_each_sheet_element(tmp_path):
    """openpyxl with lxml declares `r` on every <sheet>, not on <workbook>: the added
    Hasil Pemeriksaan sheet must declare it too, or the copy does not open."""
    src = prefixed_package(tmp_path / "p.xlsx")
    parts = members(src)
    parts["xl/workbook.xml"] = (f'<x:workbook xmlns:x="{MAIN}"><x:sheets><x:sheet xmlns:r="{REL}" '
                                'name="Realisasi" sheetId="3" r:id="rId1"/></x:sheets>'
                                '</x:workbook>').encode()
    write_members(src, parts)
    out = mark_copy(src.read_bytes(), "p.xlsx", FINDINGS, tmp_path / "p-diperiksa.xlsx")
    book = members(out)["xl/workbook.xml"].decode()
    first = re.search(r"<x:sheet [^>]*>", book).group(0)
    assert 'name="Hasil Pemeriksaan"' in first and f'xmlns:r="{REL}"' in first
    assert openpyxl.load_workbook(out).sheetnames == ["Hasil Pemeriksaan", "Realisasi"]
