"""The .ods step beside the fast value reader: content.xml gives what python-calamine does not
return for OpenDocument files: formulas without a cached value, percent cells, merged ranges
(`table:number-rows-spanned` / `number-columns-spanned`) and error values (LibreOffice's
`calcext:value-type="error"`: `#DIV/0!`, `Err:502` ...), so an .ods reads as an .xlsx does
(docs/mengisi-template.md#rumus, docs/mengisi-template.md#sel-gabungan-merge,
docs/mengisi-template.md#nilai-galat).

Gnumeric writes a valid content.xml with whitespace between the table's elements, which
python-calamine refuses ("Expecting 'table-cell', found Text"); `compact` removes that
whitespace, and nothing else, so the file is read as LibreOffice reads it.
"""

from __future__ import annotations

import io
import re
import zipfile

from .parts import member, unescape
from .workbook import RawBook

_TABLE = re.compile(rb"<table:table\b([^>]*)>(.*?)</table:table>", re.S)
_ROW = re.compile(rb"<table:table-row\b([^>]*?)(/>|>(.*?)</table:table-row>)", re.S)
_CELL = re.compile(
    rb"<table:(?:covered-)?table-cell\b([^>]*?)(/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S
)
_QATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_PARA = re.compile(rb"<text:p\b[^>]*>(.*?)</text:p>", re.S)
_TAG = re.compile(rb"<[^>]+>")
# whitespace between two tags of which one is a table (or office) element: indentation,
# never the text of a paragraph (text:p, text:span keep theirs)
_LAYOUT_SPACE = re.compile(rb"(<(?:/)?(?:table|office):[^>]*>)\s+(?=<)|\s+(?=</?(?:table|office):)")
MAX_REPEAT = 1024  # cells repeated further than this (a row's blank tail) are skipped
MAX_ROW_REPEAT = 64


def _qattrs(blob: bytes) -> dict[bytes, bytes]:
    """Attributes by qualified name (office:value-type and calcext:value-type both exist)."""
    return dict(_QATTR.findall(blob))


def extras(zf: zipfile.ZipFile, book: RawBook) -> None:
    """Add to each loaded sheet of `book` its formulas without value, percent cells, merged
    ranges and error values, from content.xml."""
    members = {i.filename: i for i in zf.infolist()}
    xml = member(zf, members, "content.xml")
    if not xml:
        return
    by_name = {s.name: s for s in book.sheets}
    for tattrs, body in _TABLE.findall(xml):
        name = unescape(_qattrs(tattrs).get(b"table:name", b"").decode("utf-8", "replace"))
        sheet = by_name.get(name)
        if sheet is None or not sheet.grid:
            continue
        _sheet(sheet, body)


def _sheet(sheet, body: bytes) -> None:
    r = 0
    max_r = len(sheet.grid)
    for rattrs, _e, rbody in _ROW.findall(body):
        rrep = int(_qattrs(rattrs).get(b"table:number-rows-repeated", b"1") or 1)
        if r >= max_r:
            break
        if rbody:
            c = 0
            for cattrs, _ce, cbody in _CELL.findall(rbody):
                a = _qattrs(cattrs)
                crep = int(a.get(b"table:number-columns-repeated", b"1") or 1)
                if crep > MAX_REPEAT:
                    c += crep
                    continue
                _cell(sheet, a, cbody, r, c, rrep, crep)
                c += crep
        r += rrep


def _cell(sheet, a: dict[bytes, bytes], body: bytes | None, r: int, c: int, rrep: int,
          crep: int) -> None:
    office = a.get(b"office:value-type")
    calc = a.get(b"calcext:value-type")
    has_formula = b"table:formula" in a
    rows_spanned = int(a.get(b"table:number-rows-spanned", b"1") or 1)
    cols_spanned = int(a.get(b"table:number-columns-spanned", b"1") or 1)
    error = None
    if calc == b"error":
        error = _text(body) or "#N/A"
    for k in range(crep):
        for rr in range(min(rrep, MAX_ROW_REPEAT)):
            rc = (r + rr + 1, c + k + 1)
            if office == b"percentage":
                sheet.percent.add(rc)
            if error is not None:
                sheet.errors[rc] = error
            elif has_formula and office is None:
                sheet.no_value.add(rc)
            if rows_spanned > 1 or cols_spanned > 1:
                sheet.merges.append((rc[0], rc[1], rc[0] + rows_spanned - 1,
                                     rc[1] + cols_spanned - 1))


def _text(body: bytes | None) -> str:
    """The text a cell shows (its first paragraph, tags removed)."""
    if not body:
        return ""
    m = _PARA.search(body)
    if m is None:
        return ""
    return unescape(_TAG.sub(b"", m.group(1)).decode("utf-8", "replace")).strip()


_INDENT = re.compile(rb"<(?:/)?table:[^>]*>\s+<")


def indented(zf: zipfile.ZipFile, members) -> bool:
    """Whether content.xml has whitespace between its table elements (a pretty-printed file,
    as Gnumeric writes it)."""
    xml = member(zf, members, "content.xml") or b""
    body = xml.find(b"<office:body")
    return _INDENT.search(xml, max(body, 0)) is not None


def compact(data: bytes) -> bytes:
    """The same .ods with the layout whitespace of content.xml removed (see the module
    docstring); every other member copied as it is."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "content.xml":
                blob = _LAYOUT_SPACE.sub(rb"\1", blob)
            dst.writestr(info, blob, compress_type=zipfile.ZIP_STORED
                         if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def encrypted(zf: zipfile.ZipFile, members) -> bool:
    """An .ods saved with a password: its manifest lists encryption data."""
    manifest = member(zf, members, "META-INF/manifest.xml")
    return bool(manifest) and b"encryption-data" in manifest
