"""Open a workbook file: cell values, with what the contract needs beside them.

Values come from python-calamine (fast, reads .xlsx/.xlsm/.xls/.ods). For .xlsx/.xlsm one
extra streaming pass over each sheet's XML finds the cells whose formula has no cached
value and the cells with a percent number format; the ODF content.xml gives the same for
.ods. .xls gives values only (template.md, "Formulas").
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# A sheet XML or content.xml larger than this when unpacked is refused (zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked/packed ratio above which a large member is refused

# Cells a contract sheet may span (rows x columns) before it is refused: a dense reader
# holds every cell of that rectangle (200,000 rows x 25 columns fit).
MAX_CELLS = 5_000_000
_FATAL = (KeyboardInterrupt, SystemExit)

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class Unreadable(Exception):
    """The file cannot be read as a workbook; the message says why, in Bahasa Indonesia."""


@dataclass
class RawSheet:
    """One sheet's cells. Rows and columns are 1-based, as Excel shows them."""

    name: str
    grid: list[list] = field(default_factory=list)  # grid[r-1][c-1]
    no_value: set[tuple[int, int]] = field(default_factory=set)  # formula without cached value
    percent: set[tuple[int, int]] | None = field(default_factory=set)  # None: unknown (.xls)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    def value(self, r: int, c: int):
        if 0 < r <= len(self.grid):
            row = self.grid[r - 1]
            if 0 < c <= len(row):
                return row[c - 1]
        return None


@dataclass
class RawBook:
    """The sheets of a workbook, in file order."""

    fmt: str  # xlsx, xls, ods
    sheets: list[RawSheet]

    def names(self) -> list[str]:
        return [s.name for s in self.sheets]


@functools.lru_cache(maxsize=1024)
def col_letter(c: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def address(r: int, c: int) -> str:
    return f"{col_letter(c)}{r}"


def open_book(source: str | Path | bytes, name: str = "", wanted=None) -> RawBook:
    """Read a workbook from a path or bytes. `wanted(sheet_name) -> bool` limits the sheets
    whose cells are loaded (the others keep their name only). Raises `Unreadable`."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise Unreadable(f"berkas tidak dapat dibuka: {exc.strerror or exc}") from None
    label = name or (str(source) if not isinstance(source, bytes) else "")
    suffix = PurePosixPath(label).suffix.lower()
    if not data:
        raise Unreadable("berkas kosong (0 byte)")
    if data.startswith(CFB_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k" in data:
            raise Unreadable("berkas terkunci dengan kata sandi (terenkripsi); simpan ulang tanpa sandi")
        return _read_calamine(data, "xls", wanted)
    if not data.startswith(ZIP_MAGIC):
        kind = "teks/CSV" if _looks_like_text(data) else "bukan workbook"
        raise Unreadable(f"berkas bukan workbook Excel/LibreOffice ({kind})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = {i.filename: i for i in zf.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise Unreadable("berkas rusak (arsip zip tidak utuh)") from None
    _guard_zip(members)
    _guard_dtd(zf, members)
    if "content.xml" in members and "xl/workbook.xml" not in members:
        book = _read_calamine(data, "ods", wanted)
        _ods_extras(zf, book)
        return book
    if "xl/workbook.xml" not in members:
        if suffix in (".xlsx", ".xlsm", ".ods", ".xls"):
            raise Unreadable("berkas rusak: isi zip bukan workbook")
        raise Unreadable("berkas bukan workbook Excel/LibreOffice")
    scans = _xlsx_scan(zf, members, wanted)
    book = _read_calamine(data, "xlsx", wanted)
    for sheet in book.sheets:
        scan = scans.get(sheet.name)
        if scan is not None and sheet.grid:
            sheet.no_value, sheet.percent = scan
    return book


def _looks_like_text(data: bytes) -> bool:
    head = data[:512]
    return all(b >= 9 for b in head)


def _guard_zip(members: dict[str, zipfile.ZipInfo]) -> None:
    total = 0
    for info in members.values():
        total += info.file_size
        if info.file_size > MAX_UNPACKED_BYTES or (
            info.file_size > 20 * 1024 * 1024
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise Unreadable(
                f"berkas ditolak: bagian '{info.filename}' mengembang menjadi "
                f"{info.file_size // (1024 * 1024)} MB (batas {MAX_UNPACKED_BYTES // (1024 * 1024)} MB)"
            )
    if total > 2 * MAX_UNPACKED_BYTES:
        raise Unreadable("berkas ditolak: isi workbook terlalu besar setelah diekstrak")


def _read_member(zf: zipfile.ZipFile, name: str, limit: int = -1) -> bytes:
    """A zip member's bytes (its first `limit` bytes); damage becomes `Unreadable`."""
    try:
        with zf.open(name) as fh:
            return fh.read(limit)
    except RuntimeError:  # zipfile: "File ... is encrypted, password required"
        raise Unreadable("berkas terkunci dengan kata sandi; simpan ulang tanpa sandi") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        raise Unreadable(f"berkas rusak: bagian '{name}' tidak dapat diekstrak") from None


def _guard_dtd(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD or entities (entity bombs, external entities)
    before any parser sees them; a DTD can only stand in the prolog, so the head suffices."""
    for name in members:
        if not name.endswith((".xml", ".rels")):
            continue
        head = _read_member(zf, name, 4096)
        if _ENTITY.search(head):
            raise Unreadable(f"berkas ditolak: '{name}' memuat deklarasi DTD/entitas XML")


def _read_calamine(data: bytes, fmt: str, wanted) -> RawBook:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
    except _FATAL:
        raise
    except BaseException as exc:  # calamine's errors, and its panics (a BaseException)
        raise Unreadable(_calamine_message(exc)) from None
    sheets = []
    for sname in names:
        sheet = RawSheet(sname, percent=None if fmt == "xls" else set())
        if wanted is None or wanted(sname):
            try:
                cs = wb.get_sheet_by_name(sname)
                if cs.height * max(cs.width, 1) > MAX_CELLS:
                    raise Unreadable(
                        f"sheet '{sname}' terlalu besar ({cs.height:,} baris x {cs.width:,} "
                        f"kolom); kosongkan sel di luar tabel lalu simpan ulang".replace(",", "."))
                sheet.grid = cs.to_python(skip_empty_area=False)
                merges = getattr(cs, "merged_cell_ranges", None) or []
                sheet.merges = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in merges]
            except (Unreadable, *_FATAL):
                raise
            except BaseException as exc:
                raise Unreadable(f"sheet '{sname}' tidak dapat dibaca: {_calamine_message(exc)}") from None
        sheets.append(sheet)
    return RawBook(fmt, sheets)


def _calamine_message(exc: Exception) -> str:
    kind = type(exc).__name__
    if kind == "PasswordError" or "password" in str(exc).lower():
        return "berkas terkunci dengan kata sandi; simpan ulang tanpa sandi"
    return f"berkas rusak atau format tidak dikenal ({kind})"


# --- xlsx: formulas without cached values, percent formats ---------------------------

_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.S)
_HAS_F = re.compile(rb"<(?:\w+:)?f\b")
_V = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_REF = re.compile(rb"([A-Z]+)(\d+)")
_T_STR = re.compile(rb'(?:^|\s)t\s*=\s*"str"')
_PERCENT_BUILTIN = {9, 10}
_ENTITY = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def _attrs(blob: bytes) -> dict[bytes, bytes]:
    return {k.split(b":")[-1] if k != b"r:id" else k: v for k, v in _ATTR.findall(blob)}


def _member(zf: zipfile.ZipFile, members, name: str) -> bytes | None:
    if name not in members:
        return None
    blob = _read_member(zf, name)
    if _ENTITY.search(blob[:4096]):
        raise Unreadable(f"berkas ditolak: '{name}' memuat deklarasi DTD/entitas XML")
    return blob


def _xml(blob: bytes, name: str):
    """Parse a small XML part with defusedxml: DTDs and entity expansion are refused."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(blob, forbid_dtd=True)
    except DefusedXmlException:
        raise Unreadable(f"berkas ditolak: '{name}' memuat deklarasi DTD/entitas XML") from None
    except ParseError:
        raise Unreadable(f"berkas rusak: '{name}' bukan XML yang utuh") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el, name: str) -> str | None:
    for k, v in el.attrib.items():
        if _local(k) == name:
            return v
    return None


def _percent_styles(styles: bytes | None) -> set[int]:
    if not styles:
        return set()
    root = _xml(styles, "xl/styles.xml")
    custom = {}
    out: set[int] = set()
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "numFmt":
            try:
                custom[int(_attr(el, "numFmtId") or "")] = _strip_literals(_attr(el, "formatCode") or "")
            except ValueError:
                continue
        elif tag == "cellXfs":
            for i, xf in enumerate(x for x in el if _local(x.tag) == "xf"):
                try:
                    fid = int(_attr(xf, "numFmtId") or 0)
                except ValueError:
                    continue
                if fid in _PERCENT_BUILTIN or "%" in custom.get(fid, ""):
                    out.add(i)
    return out


def _strip_literals(code: str) -> str:
    return re.sub(r'"[^"]*"|\\.', "", code)


def _xlsx_scan(zf: zipfile.ZipFile, members, wanted) -> dict[str, tuple[set, set]]:
    """Per wanted sheet: (formula cells without a cached value, percent-formatted cells).
    Refuses a sheet whose cells reach so far that reading it would exhaust memory."""
    workbook = _member(zf, members, "xl/workbook.xml")
    rels = _member(zf, members, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    targets = {}
    for el in _xml(rels, "xl/_rels/workbook.xml.rels").iter():
        if _local(el.tag) != "Relationship":
            continue
        target = el.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[el.get("Id", "")] = path
    percent_xf = _percent_styles(_member(zf, members, "xl/styles.xml"))
    out = {}
    for el in _xml(workbook, "xl/workbook.xml").iter():
        if _local(el.tag) != "sheet":
            continue
        name = el.get("name", "")
        rid = _attr(el, "id")
        if (wanted is not None and not wanted(name)) or rid not in targets:
            continue
        xml = _member(zf, members, targets[rid])
        if xml is None:
            continue
        _guard_extent(xml, name)
        out[name] = _scan_sheet(xml, percent_xf)
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


def _unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _scan_sheet(xml: bytes, percent_xf: set[int]) -> tuple[set, set]:
    no_value: set[tuple[int, int]] = set()
    percent: set[tuple[int, int]] = set()
    if b"<f" not in xml and not percent_xf:
        return no_value, percent
    for attrs, _end, inner in _CELL.findall(xml):
        s_pos = attrs.find(b' s="')
        has_f = bool(inner) and _HAS_F.search(inner) is not None
        if s_pos < 0 and not has_f:
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
        if has_f:
            v = _V.search(inner)
            if v is None:
                no_value.add(rc)  # no cached value at all
            elif not (v.group(1) or b"").strip() and _T_STR.search(attrs) is None:
                # An empty <v> is a cached value only on a string cell: Excel writes
                # =IF(C4="","",...) evaluating to "" as t="str" with <v/> (read as blank).
                no_value.add(rc)
    return no_value, percent


# --- ods: formulas without cached values, percent cells -------------------------------

_ODS_TABLE = re.compile(rb"<table:table\b([^>]*)>(.*?)</table:table>", re.S)
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL = re.compile(
    rb"<table:(?:covered-)?table-cell\b([^>]*?)(/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S
)


def _ods_extras(zf: zipfile.ZipFile, book: RawBook) -> None:
    members = {i.filename: i for i in zf.infolist()}
    xml = _member(zf, members, "content.xml")
    if not xml:
        return
    by_name = {s.name: s for s in book.sheets}
    for tattrs, body in _ODS_TABLE.findall(xml):
        name = _unescape(_attrs(tattrs).get(b"name", b"").decode("utf-8", "replace"))
        sheet = by_name.get(name)
        if sheet is None or not sheet.grid:
            continue
        r = 0
        max_r = len(sheet.grid)
        for rattrs, _e, rbody in _ODS_ROW.findall(body):
            rrep = int(_attrs(rattrs).get(b"number-rows-repeated", b"1") or 1)
            if r >= max_r:
                break
            if rbody:
                c = 0
                for cattrs, _ce, _cbody in _ODS_CELL.findall(rbody):
                    a = _attrs(cattrs)
                    crep = int(a.get(b"number-columns-repeated", b"1") or 1)
                    if crep > 1024:
                        c += crep
                        continue
                    vtype = a.get(b"value-type")
                    has_formula = b"formula" in a
                    for k in range(crep):
                        for rr in range(min(rrep, 64)):
                            rc = (r + rr + 1, c + k + 1)
                            if vtype == b"percentage":
                                sheet.percent.add(rc)
                            if has_formula and vtype is None:
                                sheet.no_value.add(rc)
                    c += crep
            r += rrep
