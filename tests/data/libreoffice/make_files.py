#!/usr/bin/python3
"""Make the LibreOffice-saved workbooks in this folder and their manifest.json.

Run by hand with the SYSTEM Python (the one that has `import uno`, package python3-uno),
from anywhere:

    /usr/bin/python3 tests/data/libreoffice/make_files.py

It starts its own headless LibreOffice (`soffice`, private profile, a free local port),
drives it through UNO and quits it at the end, also on error. The tests never run it: they
read the committed files (tests/test_libreoffice_files.py).

What it does, as a clerk would:
- reads every cell of the sample (samples/tempursari-2023-tw1.xlsx) through LibreOffice;
- opens the blank template (templates/lkj-template-v1.xlsx) and types the sample's cells
  into it one by one through LibreOffice's own input path (`.uno:EnterString`, what the
  Enter key does), in the locale under test (the office's locale setting,
  /org.openoffice.Setup/L10N/ooSetupSystemLocale, is what LibreOffice parses input with):
  numbers and dates the way that locale writes them (`1.587.606.347`, `94,12`,
  `31/03/2023` in id-ID; `1,587,606,347`, `94.12`, `3/31/2023` in en-US), text as it is,
  and text that the locale would turn into a number or date again with a leading
  apostrophe. Every typed cell is read back and must hold what the sample holds;
- applies the variant's edits (merges, an inserted row, a formula, hidden row and sheet,
  error values) and saves .xlsx, .ods and .xls;
- saves the sample itself with the workbook structure protected (.xls, encrypted by
  LibreOffice with the default key) and with the open password `rahasia` (.xlsx, .ods,
  .xls), and converts it to .ods with Gnumeric's ssconvert when that is installed;
- writes manifest.json: every file with its locale, variant, format and expectation.

LibreOffice stamps dates into the files, so a rerun gives other bytes with the same content.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SAMPLE = ROOT / "samples" / "tempursari-2023-tw1.xlsx"
TEMPLATE = ROOT / "templates" / "lkj-template-v1.xlsx"
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
        doc.storeToURL(uno.systemPathToFileUrl(str(path)),
                       (prop("FilterName", FILTERS[fmt]), prop("Overwrite", True), *extra))

    @staticmethod
    def type_text(cell, text: str) -> None:
        """What typing `text` into the cell and pressing Enter does.

        The cell's FormulaLocal property goes through LibreOffice's input parsing in the
        office locale (ScDocFunc::SetNormalString, the call the Enter key ends in):
        `1.750.000` is a number in id-ID and text in en-US, and a leading apostrophe keeps
        what follows as text. (`.uno:EnterString` through the dispatcher gave the same
        cells, but made a headless soffice crash now and then.) XCell.setFormula is not it:
        it always parses the en-US way.
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


if __name__ == "__main__":
    sys.exit("work in progress")
