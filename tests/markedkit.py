"""Inputs and readers for the tests of the returned copy (`--tandai`, tests/test_marked*.py).

`rich_xlsx(path)`: the sample with what an office's workbook carries besides its values,
each of which the copy must keep: comments of the office (one on a finding's cell), a print
area (a defined name local to Realisasi), a hidden sheet `Catatan` with a merged range, a
percent, a date, formulas with cached values (one an error), an image on Realisasi, the
sheet titles in docProps/app.xml, a calculation chain, a custom XML part and an external
link. `xlsm(path)`: the sample as a macro workbook with a (dummy) vbaProject.bin.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
DATA = Path(__file__).resolve().parent / "data"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# a 1x1 PNG
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"dummy vba project " * 64


def members(path_or_bytes) -> dict[str, bytes]:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def write_members(path: Path, parts: dict[str, bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    path.write_bytes(buf.getvalue())
    return path


def _add(parts: dict[str, bytes], name: str, text: str, tag: str, new: str) -> None:
    """Insert `new` before `</tag>` in member `name`."""
    xml = parts[name].decode()
    at = xml.rindex(f"</{tag}>")
    parts[name] = (xml[:at] + new + xml[at:]).encode()


def rich_xlsx(path: Path) -> Path:
    wb = openpyxl.load_workbook(SAMPLE)
    real = wb["Realisasi"]
    real["C3"].comment = Comment("Angka dari DPA perubahan.", "Bendahara")
    real["F3"].comment = Comment("Sumber dana utama & pendamping", "Bendahara")
    real.print_area = "A1:F51"
    notes = wb.create_sheet("Catatan")
    notes["A1"] = "CATATAN KANTOR"
    notes.merge_cells("A1:C1")
    notes["A3"], notes["B3"] = "Persen", 0.4762
    notes["B3"].number_format = "0.00%"
    notes["A4"], notes["B4"] = "Tanggal", dt.datetime(2023, 3, 31)
    notes["B4"].number_format = "d mmmm yyyy"
    notes["A5"], notes["B5"] = "Rusak", "=1/0"
    notes["A6"], notes["B6"] = "Dua kali", "=B3*2"
    notes["A7"], notes["B7"] = "Benar", True
    notes["A8"], notes["B8"] = "Teks", "  dua  spasi "
    notes.sheet_state = "hidden"
    wb.active = wb.sheetnames.index("Realisasi")
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == "Realisasi"
    wb.save(path)

    parts = members(path)
    names = openpyxl.load_workbook(path).sheetnames
    real_part = f"xl/worksheets/sheet{names.index('Realisasi') + 1}.xml"
    notes_part = f"xl/worksheets/sheet{names.index('Catatan') + 1}.xml"
    xml = parts[notes_part].decode()
    xml = re.sub(r'<c r="B5"([^>]*)><f>1/0</f><v\s*/?>(</v>)?</c>', '<c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml)
    xml = re.sub(r'<c r="B6"([^>]*)><f>B3\*2</f><v\s*/?>(</v>)?</c>', '<c r="B6"><f>B3*2</f><v>0.9524</v></c>', xml)
    assert "#DIV/0!" in xml and "0.9524" in xml
    parts[notes_part] = xml.encode()
    # an image on Realisasi
    parts["xl/media/image1.png"] = PNG
    parts["xl/drawings/drawing1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://'
        b'schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.'
        b'openxmlformats.org/drawingml/2006/main"><xdr:oneCellAnchor><xdr:from><xdr:col>7</xdr:col>'
        b'<xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext '
        b'cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo"/><xdr:cNvPicPr/>'
        b'</xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch>'
        b'</xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>'
        b'<xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>')
    parts["xl/drawings/_rels/drawing1.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{RT}image" Target="../media/image1.png"/></Relationships>').encode()
    rels = real_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    _add(parts, rels, "", "Relationships",
         f'<Relationship Id="rIdLogo" Type="{RT}drawing" Target="/xl/drawings/drawing1.xml"/>')
    xml = parts[real_part].decode()
    at = xml.index("<legacyDrawing")
    parts[real_part] = (xml[:at] + '<drawing xmlns:r="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships" r:id="rIdLogo"/>' + xml[at:]).encode()
    _add(parts, "[Content_Types].xml", "", "Types",
         '<Default Extension="png" ContentType="image/png"/><Override PartName="/xl/drawings/'
         'drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
         '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.calcChain+xml"/><Override PartName="/xl/externalLinks/'
         'externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.externalLink+xml"/>')
    # a calculation chain, a custom XML part, an external link
    parts["xl/calcChain.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main"><c r="B5" i="{names.index("Catatan") + 1}"/>'
        '<c r="B6"/></calcChain>').encode()
    parts["customXml/item1.xml"] = b'<?xml version="1.0"?><kantor><kode>7.01</kode></kantor>'
    parts["xl/externalLinks/externalLink1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://'
        b'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName '
        b'val="Data"/></sheetNames></externalBook></externalLink>')
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        b'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
        b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
        b'Target="anggaran-kabupaten.xlsx" TargetMode="External"/></Relationships>')
    _add(parts, "xl/_rels/workbook.xml.rels", "", "Relationships",
         f'<Relationship Id="rIdChain" Type="{RT}calcChain" Target="calcChain.xml"/>'
         f'<Relationship Id="rIdCustom" Type="{RT}customXml" Target="../customXml/item1.xml"/>'
         f'<Relationship Id="rIdExt" Type="{RT}externalLink" Target="externalLinks/externalLink1.xml"/>')
    wbxml = parts["xl/workbook.xml"].decode()
    at = wbxml.index("<definedNames")
    parts["xl/workbook.xml"] = (wbxml[:at] + '<externalReferences><externalReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdExt"/>'
                                '</externalReferences>' + wbxml[at:]).encode()
    titles = "".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in names)
    parts["docProps/app.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
        'openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.'
        'openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel'
        '</Application><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>'
        f'Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(names)}</vt:i4></vt:variant>'
        '<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>'
        f'</vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{len(names) + 1}" '
        f'baseType="lpstr">{titles}<vt:lpstr>Realisasi!Print_Area</vt:lpstr></vt:vector>'
        '</TitlesOfParts></Properties>').encode()
    return write_members(path, parts)


def xlsm(path: Path) -> Path:
    parts = members(SAMPLE)
    parts["xl/vbaProject.bin"] = VBA
    ct = parts["[Content_Types].xml"].decode().replace(
        "spreadsheetml.sheet.main+xml", "PLACEHOLDER")
    ct = ct.replace("application/vnd.openxmlformats-officedocument.PLACEHOLDER",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    parts["[Content_Types].xml"] = ct.encode()
    _add(parts, "[Content_Types].xml", "", "Types",
         '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
    _add(parts, "xl/_rels/workbook.xml.rels", "", "Relationships",
         '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
         'vbaProject" Target="vbaProject.bin"/>')
    return write_members(path, parts)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], fmt: str, outdir: Path) -> subprocess.CompletedProcess:
    """LibreOffice converts `files` to `fmt` (pdf, xls, ods, xlsx) into `outdir`."""
    profile = outdir / f"lo-profile-{uuid.uuid4().hex}"
    return subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         fmt, "--outdir", str(outdir), *map(str, files)],
        capture_output=True, text=True, timeout=300)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60).stdout


def our_comments(ws) -> dict[str, str]:
    """Cell -> comment text, for the comments that hold our marker."""
    from lkj_excel.write.marked.notes import MARKER

    return {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row
            if c.comment is not None and MARKER in c.comment.text}


def our_fills(ws) -> dict[str, str]:
    """Cell -> fill colour (RRGGBB) of our conditional-format rules."""
    out = {}
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            if rule.formula and any("lkj-excel" in f for f in rule.formula):
                color = rule.dxf.fill.fgColor.rgb if rule.dxf and rule.dxf.fill else None
                for cells in rng.sqref.ranges:
                    for row in ws[cells.coord] if ":" in cells.coord else [[ws[cells.coord]]]:
                        for c in row:
                            out[c.coordinate] = str(color)[-6:]
    return out
