"""Open a workbook file: cell values, with what the contract needs beside them.

Values come from python-calamine (fast, reads .xlsx/.xlsm/.xls/.ods). Beside it, one step
per format finds what calamine does not return: for .xlsx/.xlsm a streaming pass over each
sheet's XML (xlsx.py: formulas without a cached value, percent formats, error values), for
.ods content.xml (ods.py: the same, and merged ranges), for .xls the BIFF records (xls.py:
error values). An encrypted OLE file is decrypted with the programs' default key where that
opens it (decrypt.py). Any failure while opening or reading a file, whatever raised it
(zipfile, XML, calamine, decryption), makes that file `Unreadable`: a finding, never a
traceback (docs/mengisi-template.md#format-berkas, docs/mengisi-template.md#rumus,
docs/mengisi-template.md#nilai-galat).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Cells a contract sheet may span (rows x columns) before it is refused: a dense reader
# holds every cell of that rectangle (200,000 rows x 25 columns fit).
MAX_CELLS = 5_000_000
_FATAL = (KeyboardInterrupt, SystemExit)

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class Unreadable(Exception):
    """The file cannot be read as a workbook; the message says why, in Bahasa Indonesia."""


# Spreadsheet error values (Excel's, and LibreOffice's Err:5xx): a cell holding one is
# `cell.invalid`, never blank (docs/mengisi-template.md#nilai-galat)
ERROR_TEXTS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                         "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                         "#UNKNOWN!", "#CONNECT!", "#BUSY!"})
_LIBREOFFICE_ERROR = re.compile(r"Err:\d{3}")


class CellError:
    """The value of a cell holding an error (`#DIV/0!`, `Err:502`): its text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"CellError({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CellError) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def error_text(value: object) -> str | None:
    """The error a value stands for: a CellError, or text equal to an error value."""
    if isinstance(value, CellError):
        return value.text
    if isinstance(value, str) and len(value) <= 16:
        text = value.strip()
        if text in ERROR_TEXTS or _LIBREOFFICE_ERROR.fullmatch(text):
            return text
    return None


@dataclass
class RawSheet:
    """One sheet's cells. Rows and columns are 1-based, as Excel shows them."""

    name: str
    grid: list[list] = field(default_factory=list)  # grid[r-1][c-1]
    no_value: set[tuple[int, int]] = field(default_factory=set)  # formula without cached value
    percent: set[tuple[int, int]] | None = field(default_factory=set)  # None: unknown (.xls)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # error cells: text

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


def open_book(source: str | Path | bytes, name: str = "", wanted=None, *,
              tidy: bool = True) -> RawBook:
    """Read a workbook from a path or bytes. `wanted(sheet_name) -> bool` limits the sheets
    whose cells are loaded (the others keep their name only). `tidy=False` keeps every text
    as it is in the file (no `clean_text`, no text read as an error value): the values of
    the returned copy. Raises `Unreadable`, for any failure at all while opening and
    reading the file."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise Unreadable(f"berkas tidak dapat dibuka: {exc.strerror or exc}") from None
    label = name or (str(source) if not isinstance(source, bytes) else "")
    try:
        book = _open(data, PurePosixPath(label).suffix.lower(), wanted)
    except (Unreadable, *_FATAL):
        raise
    except MemoryError:
        raise Unreadable("berkas terlalu besar untuk dibaca") from None
    except BaseException as exc:  # zipfile, XML, calamine (its panics too), decryption ...
        raise Unreadable(f"berkas rusak atau format tidak dikenal ({type(exc).__name__})") from None
    for sheet in book.sheets:
        _mark_errors(sheet, tidy)
    return book


def _open(data: bytes, suffix: str, wanted) -> RawBook:
    if not data:
        raise Unreadable("berkas kosong (0 byte)")
    if data.startswith(CFB_MAGIC):
        from .decrypt import decrypt

        data = decrypt(data)
        if not data.startswith(ZIP_MAGIC):  # an .xls (an encrypted .xlsx decrypts to a zip)
            return _read_xls(data, wanted)
    if not data.startswith(ZIP_MAGIC):
        kind = "teks/CSV" if _looks_like_text(data) else "bukan workbook"
        raise Unreadable(f"berkas bukan workbook Excel/LibreOffice ({kind})")
    from . import ods, parts, xlsx

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = {i.filename: i for i in zf.infolist()}
    except (*_FATAL,):
        raise
    except Exception:  # BadZipFile, and NotImplementedError for an unknown zip version
        raise Unreadable("berkas rusak (arsip zip tidak utuh)") from None
    parts.guard_zip(members)
    if "content.xml" in members and "xl/workbook.xml" not in members:
        if ods.encrypted(zf, members):
            from .decrypt import PASSWORD

            raise Unreadable(PASSWORD)
        parts.guard_dtd(zf, members)
        if ods.indented(zf, members):  # Gnumeric's content.xml, which calamine refuses
            data = ods.compact(data)
            zf = zipfile.ZipFile(io.BytesIO(data))
        book = _read_calamine(data, "ods", wanted)
        ods.extras(zf, book)
        return book
    parts.guard_dtd(zf, members)
    if "xl/workbook.xml" not in members:
        if suffix in (".xlsx", ".xlsm", ".ods", ".xls"):
            raise Unreadable("berkas rusak: isi zip bukan workbook")
        raise Unreadable("berkas bukan workbook Excel/LibreOffice")
    scans = xlsx.scan(zf, members, wanted)
    book = _read_calamine(data, "xlsx", wanted)
    for sheet in book.sheets:
        scan = scans.get(sheet.name)
        if scan is not None and sheet.grid:
            sheet.no_value, sheet.percent, sheet.errors = scan
    return book


def _read_xls(data: bytes, wanted) -> RawBook:
    from .xls import error_cells

    book = _read_calamine(data, "xls", wanted)
    if any(s.grid for s in book.sheets):
        errors = error_cells(data)
        for sheet in book.sheets:
            if sheet.grid:
                sheet.errors = errors.get(sheet.name, {})
    return book


def _mark_errors(sheet: RawSheet, tidy: bool = True) -> None:
    """Put a CellError where a cell holds an error value (found by the format's step, or
    typed as text equal to one), and tidy every text value (`clean_text`); merged ranges
    once each. Without `tidy`, only the error values the format's step found."""
    grid = sheet.grid
    for (r, c), text in sheet.errors.items():
        if 0 < r <= len(grid) and 0 < c <= len(grid[r - 1]):
            grid[r - 1][c - 1] = CellError(text)
    sheet.merges = list(dict.fromkeys(sheet.merges))
    if not tidy:
        return
    needs = _NEEDS_CLEANING.search
    for row in grid:
        for i, v in enumerate(row):
            if v.__class__ is not str or not v:
                continue
            if needs(v) is not None:
                v = row[i] = clean_text(v)
            if (v[:1] == "#" or v[:4] == "Err:") and (text := error_text(v)) is not None:
                row[i] = CellError(text)


# what clean_text changes: a leading apostrophe, space at either end, a run of spaces, any
# whitespace other than a plain space (line breaks, tabs, no-break and other Unicode spaces)
# and the invisible zero-width characters
_NEEDS_CLEANING = re.compile(r"^'|^\s|\s$|\s\s|[^\S ]|[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """A typed text as it is meant (docs/mengisi-template.md#teks): one leading apostrophe
    typed to force text dropped (Excel hides it, LibreOffice keeps it in the cell);
    non-breaking and other Unicode spaces and line breaks read as spaces; trimmed, inner runs
    of spaces as one."""
    if text[:1] == "'":
        text = text[1:]
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _looks_like_text(data: bytes) -> bool:
    head = data[:512]
    return all(b >= 9 for b in head)


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


def _calamine_message(exc: BaseException) -> str:
    kind = type(exc).__name__
    if kind == "PasswordError" or "password" in str(exc).lower():
        from .decrypt import PASSWORD

        return PASSWORD
    return f"berkas rusak atau format tidak dikenal ({kind})"
