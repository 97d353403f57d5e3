#!/usr/bin/python3
"""Make the LibreOffice-saved workbooks in this folder and their manifest.json.

Run by hand with the SYSTEM Python (the one that has `import uno`, package python3-uno),
from anywhere:

    /usr/bin/python3 tests/data/libreoffice/make_files.py
    /usr/bin/python3 tests/data/libreoffice/make_files.py --v2   # only the version 2 files

It starts its own headless LibreOffice (`soffice`, private profile, a free local port),
drives it through UNO and quits it at the end, also on error. The tests never run it: they
read the committed files (tests/test_libreoffice_files.py).

What it does, as a clerk would:
- reads every cell of the sample (samples/tempursari-2023-tw1.xlsx) through LibreOffice;
- opens the blank template version 1 (lkj-template-v1.xlsx, here) and types the sample's cells
  into it one by one through LibreOffice's own input parsing (each cell's FormulaLocal,
  see Office.type_text), in the locale under test (the office's locale setting,
  /org.openoffice.Setup/L10N/ooSetupSystemLocale, is what LibreOffice parses input with):
  numbers and dates the way that locale writes them (`1.587.606.347`, `94,12`,
  `31/03/2023` in id-ID; `1,587,606,347`, `94.12`, `3/31/2023` in en-US), text as it is,
  and text that the locale would turn into a number or date again with a leading
  apostrophe. Every typed cell is read back and must hold what the sample holds;
- applies the variant's edits (merges, an inserted row, a formula, a hidden row and hidden
  sheets, error values) and saves .xlsx, .ods and .xls;
- in id-ID also types the sample into the blank template version 2
  (templates/lkj-template-v2.xlsx), cells moved to their columns by header, with quarter
  targets, Renstra and national targets typed in some PK rows (V2_TARGETS);
- saves the sample itself with the workbook structure protected (.xls, encrypted by
  LibreOffice with the default key) and with the open password `rahasia` (.xlsx, .ods,
  .xls), and converts it to .ods with Gnumeric's ssconvert when that is installed;
- writes manifest.json: every file with its locale, variant, format and expectation.

LibreOffice stamps dates into the files, so a rerun gives other bytes with the same content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import uno
from com.sun.star.beans import NamedValue, PropertyValue

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
# the blank template version 1 the v1 files were typed into (the tool now writes version 2:
# templates/lkj-template-v2.xlsx); kept here so those files can be made again as they were
TEMPLATE = HERE / "lkj-template-v1.xlsx"
TEMPLATE_V2 = ROOT / "templates" / "lkj-template-v2.xlsx"
PASSWORD = "rahasia"

FILTERS = {"xlsx": "Calc MS Excel 2007 XML", "ods": "calc8", "xls": "MS Excel 97"}
FIRST_DATA_ROW = 2  # 0-based: row 3, under the title and the header


@dataclass(frozen=True)
class Locale:
    tag: str
    group: str  # thousands separator
    decimal: str
    date: str  # str.format pattern with d, m, y

    def number(self, value: float, grouped: bool) -> str:
        if value == int(value):
            digits = f"{int(value):,}" if grouped else str(int(value))
            return digits.replace(",", self.group)
        return repr(value).replace(".", self.decimal)

    def day(self, day: dt.date) -> str:
        return self.date.format(d=day.day, m=day.month, y=day.year)


ID = Locale("id-ID", ".", ",", "{d:02d}/{m:02d}/{y}")
EN = Locale("en-US", ",", ".", "{m}/{d}/{y}")

# cell content types (com.sun.star.table.CellContentType)
EMPTY, VALUE, TEXT, FORMULA = "EMPTY", "VALUE", "TEXT", "FORMULA"
DATE_TYPE = 2  # com.sun.star.util.NumberFormat.DATE (a bit of the format's Type)
EPOCH = dt.date(1899, 12, 30)


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def named(name: str, value) -> NamedValue:
    p = NamedValue()
    p.Name, p.Value = name, value
    return p


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Office:
    """One headless LibreOffice with a private profile, set to one locale."""

    def __init__(self, ctx, locale: Locale, work: Path):
        self.ctx = ctx
        self.smgr = ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.locale = locale
        self.work = work
        self._set_locale(locale.tag)

    def _set_locale(self, tag: str) -> None:
        """Tools > Options > Language Settings > Languages > Locale setting."""
        provider = self.smgr.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.ctx)
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.Setup/L10N"),))
        access.ooSetupSystemLocale = tag
        access.commitChanges()

    def open(self, path: Path):
        """Open a copy of `path` (LibreOffice leaves lock files beside what it opens)."""
        copy = self.work / f"open-{time.monotonic_ns()}{path.suffix}"
        shutil.copy(path, copy)
        doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(copy)), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {path}")
        return doc

    def save(self, doc, path: Path, fmt: str, *extra: PropertyValue) -> None:
        args = (prop("FilterName", FILTERS[fmt]), prop("Overwrite", True), *extra)
        # uno.invoke keeps an uno.Any's declared type (EncryptionData must be NamedValues)
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(str(path)), args))

    @staticmethod
    def type_text(cell, text: str) -> None:
        """What typing `text` into the cell and pressing Enter does.

        The cell's FormulaLocal property goes through LibreOffice's input parsing in the
        office locale, as typing does: `1.750.000` is a number in id-ID and text in en-US,
        and a leading apostrophe keeps what follows as text. `.uno:EnterString` through
        the dispatcher (the Enter key's command) gave the same cell for every probe
        (amounts both ways, decimals, dates, apostrophes, formulas, error text), but made
        the headless soffice crash now and then. XCell.setFormula is not it: it always
        parses the en-US way, whatever the locale.
        """
        cell.FormulaLocal = text


class office:
    """Start soffice; `with office(locale) as off:` gives an Office and quits it at the end,
    also on error (a class, not contextlib: pyuno's exceptions refuse a new __traceback__)."""

    def __init__(self, locale: Locale):
        self.locale = locale
        self.work = Path(tempfile.mkdtemp(prefix=f"lo-make-{os.getpid()}-{locale.tag}-"))
        self.proc: subprocess.Popen | None = None
        self.off: Office | None = None

    def __enter__(self) -> Office:
        port = free_port()
        profile = uno.systemPathToFileUrl(str(self.work / "profile"))
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
             f"-env:UserInstallation={profile}",
             f"--accept=socket,host=127.0.0.1,port={port};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            for _ in range(200):
                if self.proc.poll() is not None:
                    raise RuntimeError(f"soffice ended with {self.proc.returncode}")
                try:
                    ctx = resolver.resolve(url)
                    break
                except Exception:  # noqa: BLE001 - not listening yet
                    time.sleep(0.25)
            else:
                raise RuntimeError("soffice did not answer on its port")
            self.off = Office(ctx, self.locale, self.work)
            return self.off
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def __exit__(self, *exc) -> None:
        if self.off is not None:
            with contextlib.suppress(Exception):
                self.off.desktop.terminate()
        if self.proc is not None:
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        shutil.rmtree(self.work, ignore_errors=True)


# -- the sample's content ------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int  # 0-based
    col: int
    kind: str  # "number", "date" or "text"
    value: float | None
    text: str
    grouped: bool  # a number shown with thousands separators (an amount)

    @property
    def address(self) -> str:
        return f"{column_letter(self.col)}{self.row + 1}"


def column_letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def kind_of(cell) -> str:
    return cell.getType().value


def read_sample(off: Office) -> list[Cell]:
    """Every non-empty cell of the sample from row 3 on, sheet by sheet (not Petunjuk)."""
    doc = off.open(SAMPLE)
    try:
        formats = doc.NumberFormats
        cells: list[Cell] = []
        for name in doc.Sheets.ElementNames:
            if name == "Petunjuk":
                continue
            sheet = doc.Sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            end = cursor.RangeAddress
            for row in range(FIRST_DATA_ROW, end.EndRow + 1):
                for col in range(end.EndColumn + 1):
                    c = sheet.getCellByPosition(col, row)
                    kind = kind_of(c)
                    if kind == EMPTY:
                        continue
                    if kind == FORMULA:
                        raise RuntimeError(f"{name}: the sample holds a formula")
                    fmt = formats.getByKey(c.NumberFormat)
                    if kind == VALUE:
                        is_date = bool(fmt.Type & DATE_TYPE)
                        cells.append(Cell(name, row, col, "date" if is_date else "number",
                                          c.getValue(), c.getString(),
                                          "#,##0" in fmt.FormatString))
                    else:
                        cells.append(Cell(name, row, col, "text", None, c.getString(), False))
        return cells
    finally:
        doc.close(True)


# -- filling the template ------------------------------------------------------------------

@dataclass
class Fill:
    """What was typed where: the cells that needed an apostrophe to stay text."""

    forced_text: list[str] = field(default_factory=list)


def holds(cell, want: Cell) -> bool:
    kind = kind_of(cell)
    if want.kind == "text":
        return kind == TEXT and cell.getString() == want.text
    return kind == VALUE and cell.getValue() == want.value


def typed_form(want: Cell, locale: Locale) -> str:
    if want.kind == "number":
        return locale.number(want.value, want.grouped)
    if want.kind == "date":
        return locale.day(EPOCH + dt.timedelta(days=int(want.value)))
    return want.text


def fill(off: Office, doc, cells: list[Cell]) -> Fill:
    """Type the sample's cells into the template in `doc`, checking each one."""
    done = Fill()
    for want in cells:
        cell = doc.Sheets.getByName(want.sheet).getCellByPosition(want.col, want.row)
        if holds(cell, want):  # the template's own Isian labels and Versi Template
            continue
        off.type_text(cell, typed_form(want, off.locale))
        if not holds(cell, want) and want.kind == "text":
            off.type_text(cell, "'" + want.text)
            done.forced_text.append(f"{want.sheet}!{want.address}")
        if not holds(cell, want):
            raise RuntimeError(
                f"{off.locale.tag} {want.sheet}!{want.address}: typed "
                f"{typed_form(want, off.locale)!r}, the cell holds {kind_of(cell)} "
                f"{cell.getString()!r}, the sample {want.kind} {want.text!r}")
    return done


# -- the variants' edits -------------------------------------------------------------------

CLEAR = 1 | 2 | 4 | 16  # com.sun.star.sheet.CellFlags VALUE | DATETIME | STRING | FORMULA

# edited: the program total of 7.01.03 typed as the sum of its two kegiatan rows (the sample's
# typed total equals that sum), an empty row inserted inside program 7.01.01, the Excel habit
# of a leading apostrophe typed where id-ID needs none (LibreOffice keeps it in the cell)
SUM_CELL, SUM_FORMULA = "C33", "=SUM(C34;C38)"
INSERTED_ROW = 27
HABIT_CELL, HABIT_TEXT = "C10", "'1,169,899,860"
HIDDEN_PEGAWAI_ROW = 10
# Petunjuk is the first sheet: LibreOffice's .xlsx and .xls export shows the sheet its
# settings call displayed, which a headless (hidden) view never updates from the template's
# first sheet, so those two formats save Petunjuk visible again (.ods keeps it hidden).
# Fasilitasi, a sheet the tool reads, stays hidden in all three.
HIDDEN_SHEETS = ("Petunjuk", "Fasilitasi")
MERGED = (("PK", "D10:D12"), ("PK", "H10:H12"), ("LPPDes", "D3:D9"))

# errors: (sheet, cell, what is typed)
ERRORS = (
    ("Realisasi", "C5", "=1/0"),
    ("Identitas", "B10", "=1/0"),
    ("PK", "I5", "=NA()"),
    ("Realisasi", "F6", "#VALUE!"),
    ("PK", "I6", "=SQRT(-1)"),
)
# the sample's findings that are built on an error cell, so the errors variant lacks them
# (template.md "Error values": figures built on it are unknown)
ERRORS_DROP = (
    {"check": "villages.count_mismatch", "sheet": "Identitas", "cell": "B10",
     "why": "Jumlah Desa/Kelurahan (B10) is #DIV/0!: the count is unknown"},
    {"check": "budget.sum_pagu", "sheet": "Realisasi", "cell": "C3",
     "why": "the Pagu of 7.01.01.2.01.01 (C5), part of program 7.01.01's sum, is #DIV/0!"},
)


def merge_down(sheet, rng: str) -> None:
    """Merge a column range whose cells hold one value: clear all but the first, merge."""
    cells = sheet.getCellRangeByName(rng)
    first, *rest = (cells.getCellByPosition(0, r) for r in range(cells.Rows.Count))
    if any(c.getString() != first.getString() or kind_of(c) != kind_of(first) for c in rest):
        raise RuntimeError(f"{rng}: the cells to merge do not hold one value")
    whole = cells.RangeAddress
    sheet.getCellRangeByPosition(whole.StartColumn, whole.StartRow + 1,
                                 whole.EndColumn, whole.EndRow).clearContents(CLEAR)
    cells.merge(True)


def edit(off: Office, doc) -> None:
    """The edits of the `edited` variant (see EDITED for the manifest)."""
    for sheet, rng in MERGED:
        merge_down(doc.Sheets.getByName(sheet), rng)
    real = doc.Sheets.getByName("Realisasi")
    total = real.getCellRangeByName(SUM_CELL)
    typed_total = total.getValue()
    off.type_text(total, SUM_FORMULA)
    if kind_of(total) != FORMULA or total.getValue() != typed_total:
        raise RuntimeError(f"{SUM_FORMULA} gives {total.getString()}, not {typed_total}")
    habit = real.getCellRangeByName(HABIT_CELL)
    off.type_text(habit, HABIT_TEXT)
    if habit.getString() != HABIT_TEXT:
        raise RuntimeError(f"{HABIT_TEXT} typed in id-ID holds {habit.getString()!r}")
    real.Rows.insertByIndex(INSERTED_ROW - 1, 1)
    moved = real.getCellRangeByName(shifted(SUM_CELL))
    if moved.FormulaLocal != EDITED["formula"]["formula"]:
        raise RuntimeError(f"after the inserted row the total holds {moved.FormulaLocal}")
    doc.Sheets.getByName("Pegawai").Rows.getByIndex(HIDDEN_PEGAWAI_ROW - 1).IsVisible = False
    doc.getCurrentController().setActiveSheet(doc.Sheets.getByName("Identitas"))
    for name in HIDDEN_SHEETS:
        doc.Sheets.getByName(name).IsVisible = False


def shifted(addr: str) -> str:
    """The address of a Realisasi cell after the inserted row."""
    col, row = addr[0], int(addr[1:])
    return f"{col}{row + 1 if row >= INSERTED_ROW else row}"


EDITED = {
    "merged": [f"{s}!{r}" for s, r in MERGED],
    "inserted_row": {"sheet": "Realisasi", "row": INSERTED_ROW},
    "formula": {"cell": f"Realisasi!{shifted(SUM_CELL)}",
                "formula": "=SUM(C35;C39)", "typed_as": SUM_FORMULA},
    "apostrophe_kept": {"cell": f"Realisasi!{HABIT_CELL}", "typed": HABIT_TEXT},
    "hidden_row": {"sheet": "Pegawai", "row": HIDDEN_PEGAWAI_ROW},
    "hidden_sheets": list(HIDDEN_SHEETS),
}


def put_errors(off: Office, doc) -> None:
    for sheet, addr, text in ERRORS:
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(addr)
        off.type_text(cell, text)
        ok = (kind_of(cell) == FORMULA and cell.getError() != 0 if text.startswith("=")
              else kind_of(cell) == TEXT and cell.getString() == text)
        if not ok:
            raise RuntimeError(f"{sheet}!{addr}: {text!r} holds {cell.getString()!r}")


def stored_xml(path: Path, fmt: str, sheet: str, addr: str) -> str:
    """The XML LibreOffice wrote for one cell of an .xlsx or .ods."""
    with zipfile.ZipFile(path) as z:
        if fmt == "xlsx":
            names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
            xml = z.read(f"xl/worksheets/sheet{names.index(sheet) + 1}.xml").decode()
            found = re.search(rf'<c r="{addr}"[^>]*?(?:/>|>.*?</c>)', xml)
            if found and 't="s"' in found.group(0):  # a shared string: show its text too
                strings = re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode())
                index = int(re.search(r"<v>(\d+)</v>", found.group(0)).group(1))
                return f"{found.group(0)} (shared string {strings[index]})"
            return found.group(0) if found else ""
        xml = z.read("content.xml").decode()
    table = re.search(rf'<table:table table:name="{sheet}".*?</table:table>', xml, re.S).group(0)
    col, row = ord(addr[0]) - 65, int(addr[1:]) - 1
    repeated = r'table:number-{}-repeated="(\d+)"'
    at = 0
    for r in re.findall(r"<table:table-row\b[^>]*?(?:/>|>.*?</table:table-row>)", table, re.S):
        span = re.search(repeated.format("rows"), r.split(">")[0])
        if at <= row < at + (int(span.group(1)) if span else 1):
            c_at = 0
            for c in re.findall(r"<table:(?:covered-)?table-cell\b[^>]*?(?:/>|>.*?"
                                r"</table:(?:covered-)?table-cell>)", r, re.S):
                rep = re.search(repeated.format("columns"), c.split(">")[0])
                c_at += int(rep.group(1)) if rep else 1
                if col < c_at:
                    return c
        at += int(span.group(1)) if span else 1
    return ""


BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
               0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def ole_stream(data: bytes, name: str) -> bytes:
    """One stream of an OLE2 compound file (a big stream, as an .xls Workbook is)."""
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    fat_sectors = struct.unpack_from(f"<{min(n_fat, 109)}I", data, 0x4C)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size:(n + 2) * size]

    fat = [v for n in fat_sectors for v in struct.unpack(f"<{size // 4}I", sector(n))]

    def chain(n: int) -> bytes:
        out = []
        while n < 0xFFFFFFF0:
            out.append(sector(n))
            n = fat[n]
        return b"".join(out)

    directory = chain(first_dir)
    for at in range(0, len(directory), 128):
        entry = directory[at:at + 128]
        length = struct.unpack_from("<H", entry, 0x40)[0]
        if entry[:max(length - 2, 0)].decode("utf-16-le") == name:
            start, length = struct.unpack_from("<II", entry, 0x74)
            return chain(start)[:length]
    raise KeyError(name)


def boundsheets(path: Path) -> dict[str, tuple[int, int]]:
    """An .xls's sheets: name -> (where its records start, hidden state: 0 = visible)."""
    book = ole_stream(path.read_bytes(), "Workbook")
    at, sheets = 0, {}
    while at < len(book):
        kind, length = struct.unpack_from("<HH", book, at)
        body = book[at + 4:at + 4 + length]
        if kind == 0x0085:  # BOUNDSHEET
            cch, wide = body[6], body[7] & 1
            name = body[8:8 + cch * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1")
            sheets[name] = (struct.unpack_from("<I", body)[0], body[4] & 3)
        at += 4 + length
    return sheets


def biff_cell(path: Path, sheet: str, addr: str) -> str:
    """The BIFF8 record LibreOffice wrote for one cell of an .xls, described."""
    book = ole_stream(path.read_bytes(), "Workbook")
    col, row = ord(addr[0]) - 65, int(addr[1:]) - 1
    at = boundsheets(path)[sheet][0]
    while at < len(book):
        kind, length = struct.unpack_from("<HH", book, at)
        body = book[at + 4:at + 4 + length]
        at += 4 + length
        if kind == 0x000A:  # EOF of the sheet
            break
        if kind in (0x0006, 0x00FD) and struct.unpack_from("<HH", body) == (row, col):
            if kind == 0x00FD:
                return f"LABELSST (text), shared string {struct.unpack_from('<I', body, 6)[0]}"
            result = body[6:14]
            if result[6:] == b"\xff\xff" and result[0] == 2:
                return f"FORMULA, cached error 0x{result[2]:02X} {BIFF_ERRORS[result[2]]}"
            return f"FORMULA, cached result {result.hex()}"
    return ""


def hidden_sheets(path: Path, fmt: str) -> list[str]:
    """The sheets a saved file marks hidden."""
    if fmt == "xls":
        return [name for name, (_, state) in boundsheets(path).items() if state]
    with zipfile.ZipFile(path) as z:
        if fmt == "xlsx":
            book = z.read("xl/workbook.xml").decode()
            return re.findall(r'<sheet name="([^"]+)"[^>]*state="hidden"', book)
        xml = z.read("content.xml").decode()
    hidden = set(re.findall(r'<style:style style:name="([^"]+)" style:family="table"[^>]*>'
                            r'<style:table-properties table:display="false"', xml))
    return [name for name, style in re.findall(
        r'<table:table table:name="([^"]+)" table:style-name="([^"]+)"', xml) if style in hidden]


def error_text(off: Office, path: Path, fmt: str, sheet: str, addr: str) -> tuple[str, str]:
    """(what the file stores for the cell, the error text in it)."""
    if fmt == "xls":
        record = biff_cell(path, sheet, addr)
        if record.startswith("LABELSST"):  # the text itself: LibreOffice reads it back as is
            doc = off.open(path)
            try:
                text = doc.Sheets.getByName(sheet).getCellRangeByName(addr).getString()
            finally:
                doc.close(True)
            return f"{record} {text}", text
        return record, record.rsplit(" ", 1)[1]
    xml = stored_xml(path, fmt, sheet, addr)
    text = re.search(r"<v>([^<]*)</v>" if fmt == "xlsx" and 't="e"' in xml
                     else r"shared string <t[^>]*>([^<]*)</t>" if fmt == "xlsx"
                     else r"<text:p>([^<]*)</text:p>", xml).group(1)
    return xml, text


# -- template version 2 ----------------------------------------------------------------------

# the v2 variant: the sample typed into the version 2 template (its columns found by their
# headers: PK's columns after Anggaran move right by five), Versi Template left at the
# template's 2, and these PK cells typed too (sheet row -> column -> value), as an office
# copies its Rencana Aksi: every sasaran strategis, the programs but the last (one 0), the
# Sekretaris Kecamatan's kegiatan, not the Kasi's
V2_TARGETS = {
    3: {"Target TW I": 22.5, "Target TW II": 45, "Target TW III": 67.5, "Target Renstra": 95,
        "Standar Nasional": 85},
    4: {"Target TW I": 20, "Target TW II": 45, "Target TW III": 70, "Target Renstra": 95},
    5: {"Target TW I": 20}, 6: {"Target TW I": 0},
    **{r: {"Target TW I": 25} for r in range(7, 12)},
    **{r: {"Target TW I": 15} for r in range(13, 19)},
}


def headers(doc, sheet: str) -> dict[str, int]:
    """A sheet's header row (row 2): header text -> column."""
    ws = doc.Sheets.getByName(sheet)
    out = {}
    for col in range(40):
        text = ws.getCellByPosition(col, FIRST_DATA_ROW - 1).getString()
        if text:
            out[text] = col
    return out


def to_v2(off: Office, doc, cells: list[Cell]) -> list[Cell]:
    """The sample's cells at their columns in the version 2 template in `doc` (by header),
    without the sample's Versi Template (1), and with the V2_TARGETS cells added."""
    sample = off.open(SAMPLE)
    try:
        moves = {}
        for sheet in {c.sheet for c in cells} - {"Identitas"}:
            old, new = headers(sample, sheet), headers(doc, sheet)
            moves[sheet] = {col: new[name] for name, col in old.items()}
    finally:
        sample.close(True)
    version_row = next(c.row for c in cells if c.sheet == "Identitas" and c.text == "Versi Template")
    out = [dataclasses.replace(c, col=moves[c.sheet][c.col]) if c.sheet in moves else c
           for c in cells if not (c.sheet == "Identitas" and c.row == version_row and c.col == 1)]
    pk = headers(doc, "PK")
    for row, given in V2_TARGETS.items():
        for name, value in given.items():
            out.append(Cell("PK", row - 1, pk[name], "number", float(value), str(value), False))
    return out


def make_v2(off: Office, cells: list[Cell], made: Made, program: str) -> None:
    """The sample with quarter targets, typed into the version 2 template (id-ID)."""
    doc = off.open(TEMPLATE_V2)
    try:
        typed = fill(off, doc, to_v2(off, doc, cells))
        for fmt in FILTERS:
            path = HERE / f"{off.locale.tag}-v2.{fmt}"
            off.save(doc, path, fmt)
            made.add(path, program=program, locale=off.locale.tag, variant="v2",
                     typed_with_apostrophe=typed.forced_text,
                     expect={"sample_findings": True, "versi_template": 2,
                             "targets": {f"PK!{column_letter(headers(doc, 'PK')[name])}{row}": value
                                         for row, given in V2_TARGETS.items()
                                         for name, value in given.items()}})
    finally:
        doc.close(True)


# -- the files -----------------------------------------------------------------------------

@dataclass
class Made:
    entries: list[dict] = field(default_factory=list)

    def add(self, path: Path, **facts) -> None:
        self.entries.append({"file": path.name, "format": path.suffix[1:], **facts})


def make_filled(off: Office, cells: list[Cell], made: Made, program: str) -> None:
    """The template typed in off.locale; in id-ID also the edited and errors variants."""
    variants = ["filled"] + (["edited", "errors"] if off.locale is ID else [])
    for variant in variants:
        doc = off.open(TEMPLATE)
        try:
            typed = fill(off, doc, cells)
            if variant == "edited":
                edit(off, doc)
            if variant == "errors":
                put_errors(off, doc)
            stem = off.locale.tag if variant == "filled" else f"{off.locale.tag}-{variant}"
            for fmt in FILTERS:
                path = HERE / f"{stem}.{fmt}"
                off.save(doc, path, fmt)
                facts = {"program": program, "locale": off.locale.tag, "variant": variant,
                         "typed_with_apostrophe": typed.forced_text}
                if variant == "errors":
                    facts["expect"] = errors_expected(off, path, fmt)
                elif variant == "edited":
                    facts["hidden_sheets"] = hidden_sheets(path, fmt)
                    facts["expect"] = {"sample_findings": True, "rows_moved": {
                        "sheet": "Realisasi", "from_row": INSERTED_ROW, "by": 1}}
                else:
                    facts["expect"] = {"sample_findings": True}
                made.add(path, **facts)
        finally:
            doc.close(True)


def errors_expected(off: Office, path: Path, fmt: str) -> dict:
    invalid, stored = [], {}
    for sheet, addr, _ in ERRORS:
        xml, text = error_text(off, path, fmt, sheet, addr)
        invalid.append({"sheet": sheet, "cell": addr, "found": text})
        stored[f"{sheet}!{addr}"] = xml
    return {"sample_findings": True, "cell_invalid": invalid,
            "dropped": [dict(d) for d in ERRORS_DROP], "stored": stored}


def password_property(fmt: str) -> PropertyValue:
    """The store argument that sets the open password.

    "Password" does it for .ods and .xls; for .xlsx LibreOffice 7.4 ignores it (the file is
    written unencrypted) and wants EncryptionData with OOXPassword, typed as a NamedValue
    sequence; its default (Agile) encryption fails with a write error, "Standard" works.
    """
    if fmt != "xlsx":
        return prop("Password", PASSWORD)
    data = (named("OOXPassword", PASSWORD), named("CryptoType", "Standard"))
    return prop("EncryptionData", uno.Any("[]com.sun.star.beans.NamedValue", data))


def make_locked(off: Office, made: Made, program: str) -> None:
    """The sample saved with an open password, and with its structure protected (.xls)."""
    doc = off.open(SAMPLE)
    try:
        for fmt in FILTERS:
            path = HERE / f"sandi-{PASSWORD}.{fmt}"
            off.save(doc, path, fmt, password_property(fmt))
            made.add(path, program=program, variant="password", password=PASSWORD,
                     encrypted=True, expect={"unreadable": ["kata sandi", "tanpa kata sandi"]})
        doc.protect("")
        path = HERE / "struktur-terkunci.xls"
        off.save(doc, path, "xls")
        made.add(path, program=program, variant="structure-protected", encrypted=True,
                 expect={"sample_findings": True})
    finally:
        doc.close(True)


def make_gnumeric(made: Made) -> None:
    path = HERE / "gnumeric.ods"
    tool = shutil.which("ssconvert")
    if tool:
        version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
        program = "Gnumeric ssconvert " + re.search(r"'([\d.]+)'", version).group(1)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([tool, str(SAMPLE), str(Path(tmp) / path.name)], check=True,
                           capture_output=True, timeout=300)
            shutil.copy(Path(tmp) / path.name, path)
    elif path.exists():  # made by an earlier run where Gnumeric was installed: keep its entry
        old = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
        program = next(e["program"] for e in old["files"] if e["file"] == path.name)
    else:
        return
    made.add(path, program=program, variant="gnumeric", expect={"sample_findings": True})


def product(off: Office) -> str:
    provider = off.smgr.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", off.ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationAccess",
        (prop("nodepath", "/org.openoffice.Setup/Product"),))
    return f"{access.ooName} {access.ooSetupVersionAboutBox}"


def main(argv: list[str]) -> None:
    """Make every file, or with `--v2` only the version 2 files (the others and their
    manifest entries are kept as they are: a rerun would change their bytes, not content)."""
    only_v2 = "--v2" in argv
    made = Made()
    for locale in (ID,) if only_v2 else (ID, EN):
        with office(locale) as off:
            program = product(off)
            cells = read_sample(off)
            if not only_v2:
                make_filled(off, cells, made, program)
            if locale is ID:
                make_v2(off, cells, made, program)
                if not only_v2:
                    make_locked(off, made, program)
    if only_v2:
        old = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
        made.entries += [e for e in old["files"] if e["variant"] != "v2"]
    else:
        make_gnumeric(made)
    manifest = {
        "sample": "samples/tempursari-2023-tw1.xlsx",
        "made_by": "tests/data/libreoffice/make_files.py",
        "typed": {loc.tag: {"amount": loc.number(1587606347, True), "decimal": loc.number(94.12, False),
                            "date": loc.day(dt.date(2023, 3, 31))} for loc in (ID, EN)},
        "edited": EDITED,
        "errors": [{"sheet": s, "cell": a, "typed": t} for s, a, t in ERRORS],
        "v2": {"template": "templates/lkj-template-v2.xlsx",
               "targets": {str(row): given for row, given in V2_TARGETS.items()}},
        "files": sorted(made.entries, key=lambda e: e["file"]),
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    print(f"{len(made.entries)} files and manifest.json in {HERE.relative_to(ROOT)}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
