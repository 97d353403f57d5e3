"""The .xlsx/.xlsm step beside the fast value reader: one streaming pass over each wanted
sheet's XML finds the cells whose formula has no cached value, the cells with a percent
number format, and the cells holding an error value (`t="e"`: `#DIV/0!`, `#N/A` ...)."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath

from .parts import attr, local, member, unescape, xml
from .workbook import MAX_CELLS, Unreadable, col_index

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.S)
_HAS_F = re.compile(rb"<(?:\w+:)?f\b")
_V = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_REF = re.compile(rb"([A-Z]+)(\d+)")
_T_STR = re.compile(rb'(?:^|\s)t\s*=\s*"str"')
_T_ERR = re.compile(rb'(?:^|\s)t\s*=\s*"e"')
_PERCENT_BUILTIN = {9, 10}


def _percent_styles(styles: bytes | None) -> set[int]:
    if not styles:
        return set()
    root = xml(styles, "xl/styles.xml")
    custom = {}
    out: set[int] = set()
    for el in root.iter():
        tag = local(el.tag)
        if tag == "numFmt":
            try:
                custom[int(attr(el, "numFmtId") or "")] = _strip_literals(attr(el, "formatCode") or "")
            except ValueError:
                continue
        elif tag == "cellXfs":
            for i, xf in enumerate(x for x in el if local(x.tag) == "xf"):
                try:
                    fid = int(attr(xf, "numFmtId") or 0)
                except ValueError:
                    continue
                if fid in _PERCENT_BUILTIN or "%" in custom.get(fid, ""):
                    out.add(i)
    return out


def _strip_literals(code: str) -> str:
    return re.sub(r'"[^"]*"|\\.', "", code)


def scan(zf: zipfile.ZipFile, members, wanted) -> dict[str, tuple[set, set, dict]]:
    """Per wanted sheet: (formula cells without a cached value, percent-formatted cells,
    error cells -> their error text).
    Refuses a sheet whose cells reach so far that reading it would exhaust memory."""
    workbook = member(zf, members, "xl/workbook.xml")
    rels = member(zf, members, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    targets = {}
    for el in xml(rels, "xl/_rels/workbook.xml.rels").iter():
        if local(el.tag) != "Relationship":
            continue
        target = el.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[el.get("Id", "")] = path
    percent_xf = _percent_styles(member(zf, members, "xl/styles.xml"))
    out = {}
    for el in xml(workbook, "xl/workbook.xml").iter():
        if local(el.tag) != "sheet":
            continue
        name = el.get("name", "")
        rid = attr(el, "id")
        if (wanted is not None and not wanted(name)) or rid not in targets:
            continue
        part = member(zf, members, targets[rid])
        if part is None:
            continue
        _guard_extent(part, name)
        out[name] = _scan_sheet(part, percent_xf)
    return out


_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]+)([0-9]+)"')


def _guard_extent(xml: bytes, name: str) -> None:
    """A value typed far outside the table (XFD1048576) makes a dense reader allocate
    rows x columns cells; refuse such a sheet with the address to clear."""
    refs = _CELL_REF.findall(xml)
    if not refs:
        return
    letters, digits = zip(*refs, strict=True)
    max_r = max(map(int, digits))
    columns = {col_index(x.decode().upper()): x for x in set(letters)}  # a few distinct
    max_c = max(columns)
    if max_r * max_c > MAX_CELLS:
        far = next(f"{x.decode()}{d.decode()}" for x, d in refs if x == columns[max_c])
        raise Unreadable(
            f"sheet '{name}' menjangkau {max_r:,} baris x {max_c:,} kolom (sampai {far}); "
            f"kosongkan sel di luar tabel lalu simpan ulang".replace(",", "."))


def _scan_sheet(xml: bytes, percent_xf: set[int]) -> tuple[set, set, dict]:
    no_value: set[tuple[int, int]] = set()
    percent: set[tuple[int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    if b"<f" not in xml and not percent_xf and b'"e"' not in xml:
        return no_value, percent, errors
    for attrs, _end, inner in _CELL.findall(xml):
        s_pos = attrs.find(b' s="')
        has_f = bool(inner) and _HAS_F.search(inner) is not None
        is_error = b'"e"' in attrs and _T_ERR.search(attrs) is not None
        if s_pos < 0 and not has_f and not is_error:
            continue
        ref = _REF.search(attrs[attrs.find(b'r="'):]) if b'r="' in attrs else None
        if ref is None:
            continue
        rc = (int(ref.group(2)), col_index(ref.group(1).decode()))
        if s_pos >= 0:
            end = attrs.find(b'"', s_pos + 4)
            try:
                if int(attrs[s_pos + 4:end]) in percent_xf:
                    percent.add(rc)
            except ValueError:
                pass
        if is_error:  # an error value, typed or a formula's cached result
            v = _V.search(inner or b"")
            text = (v.group(1) or b"").decode("utf-8", "replace").strip() if v else ""
            errors[rc] = unescape(text) or "#N/A"
            continue
        if has_f:
            v = _V.search(inner)
            if v is None:
                no_value.add(rc)  # no cached value at all
            elif not (v.group(1) or b"").strip() and _T_STR.search(attrs) is None:
                # An empty <v> is a cached value only on a string cell: Excel writes
                # =IF(C4="","",...) evaluating to "" as t="str" with <v/> (read as blank).
                no_value.add(rc)
    return no_value, percent, errors
