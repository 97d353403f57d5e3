"""Build samples/tempursari-2023-tw1.xlsx from the CSV files in samples/source/.

The sample is the reference report (LKj Kecamatan Tempursari, Triwulan I 2023) entered
into the input template exactly as printed; see samples/README.md for the CSV convention
and the contradictions it keeps. Run from the repository root:

    python samples/build_sample.py

Each CSV has the contract's column names of template version 1 (in contract order) after
an optional leading `sumber` column, which says where the row comes from and is not written to the workbook.
How a CSV value becomes a cell follows the column's kind in lkj_excel.contract:

- amounts: `1.587.606.347` (Indonesian thousands, no sen) is stored as the number
  1587606347; a value starting with an apostrophe (`'1,169,899,860`) is stored as text,
  exactly as it follows the apostrophe (Excel's own "this is text" mark);
- PK numbers: a decimal point (`94.12`); dates: ISO (`2023-02-23`), stored as dates;
- codes, NIPs and every other column: text, as written;
- an empty field is an empty cell.

The output is deterministic: fixed document properties and fixed zip entry timestamps,
so a rebuild from unchanged CSVs gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a plain script from the repository root
    sys.path.insert(0, str(ROOT))

from lkj_excel.contract import (  # noqa: E402
    IDENTITAS,
    IDENTITY_ITEMS,
    PETUNJUK,
    SHEETS,
    Column,
    Kind,
    Sheet,
)

# the reference report has no quarter targets: the sample is a template version 1 workbook
# (Identitas says so), with version 1's columns
VERSION = 1
SOURCE = HERE / "source"
OUTPUT = HERE / "tempursari-2023-tw1.xlsx"

PETUNJUK_TEXT = (
    "Contoh pengisian: LKj Kecamatan Tempursari Triwulan I 2023, dientri persis seperti tercetak."
)
# The report's date: fixes the document properties and the zip entries' timestamps.
FIXED_TIME = dt.datetime(2023, 3, 31, 0, 0, 0)

TEXT_MARK = "'"
PLAIN_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*")
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

DATE_FORMAT = "d mmmm yyyy"
TEXT_FORMAT = "@"
AMOUNT_FORMAT = "#,##0"

BOLD = Font(bold=True)


class SourceError(ValueError):
    """A CSV value that does not follow the convention."""


def cell_value(raw: str, kind: Kind, where: str) -> object:
    """Turn one CSV field into the value written to the cell (None for an empty field)."""
    if raw == "":
        return None
    numeric = kind in (Kind.AMOUNT, Kind.NUMBER, Kind.WHOLE, Kind.YEAR)
    if numeric and raw.startswith(TEXT_MARK):
        return raw[len(TEXT_MARK) :]
    if kind is Kind.AMOUNT:
        if not PLAIN_AMOUNT.fullmatch(raw):
            raise SourceError(f"{where}: amount {raw!r} is neither 1.234.567 nor 'text")
        return int(raw.replace(".", ""))
    if kind is Kind.NUMBER:
        if not PLAIN_NUMBER.fullmatch(raw):
            raise SourceError(f"{where}: number {raw!r} is not like 90 or 94.12")
        return float(raw) if "." in raw else int(raw)
    if kind in (Kind.WHOLE, Kind.YEAR):
        return int(raw)
    if kind is Kind.DATE:
        return dt.date.fromisoformat(raw)
    if kind is Kind.ANY and raw.isdigit():  # the No column
        return int(raw)
    return raw


def number_format(kind: Kind, value: object) -> str | None:
    """The number format a cell of this kind gets (None: leave General)."""
    if kind in (Kind.CODE, Kind.NIP):
        return TEXT_FORMAT
    if kind is Kind.DATE and value is not None:
        return DATE_FORMAT
    if kind is Kind.AMOUNT and isinstance(value, int):
        return AMOUNT_FORMAT
    return None


def read_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Read samples/source/<name>, checking that its header is `sumber` + the contract's."""
    path = SOURCE / name
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = tuple(h for h in reader.fieldnames or () if h != "sumber")
        if header != columns:
            raise SourceError(f"{path}: columns {header} are not the contract's {columns}")
        return list(reader)


def start_sheet(
    wb: Workbook, title: str, sheet_title: str, columns: tuple[Column, ...]
) -> Worksheet:
    """Add a sheet with the title in row 1 and the header in row 2, starting in column A."""
    ws = wb.create_sheet(title)
    ws.cell(row=1, column=1, value=sheet_title).font = BOLD
    for c, column in enumerate(columns, start=1):
        ws.cell(row=2, column=c, value=column.name).font = BOLD
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = "A3"
    return ws


def load() -> dict[str, list[dict[str, str]]]:
    """Every CSV of samples/source/, by sheet name (rows as dicts in the CSV convention):
    what `build` writes; samples/build_year.py changes a copy of it."""
    data = {IDENTITAS.name: read_csv("identitas.csv", tuple(c.name for c in IDENTITAS.columns))}
    for sheet in SHEETS:
        if sheet is not IDENTITAS:
            data[sheet.name] = read_csv(f"{sheet.name.lower()}.csv",
                                        tuple(c.name for c in sheet.columns_of(VERSION)))
    return data


def write_identitas(wb: Workbook, rows: list[dict[str, str]]) -> None:
    """Sheet Identitas: one row per Isian, its Nilai typed by the contract's IdentityItem."""
    kinds = {item.isian: item.kind for item in IDENTITY_ITEMS}
    ws = start_sheet(wb, IDENTITAS.name, IDENTITAS.title, IDENTITAS.columns)
    for r, row in enumerate(rows, start=3):
        isian = row["Isian"]
        if isian not in kinds:
            raise SourceError(f"identitas.csv: unknown Isian {isian!r}")
        value = cell_value(row["Nilai"], kinds[isian], f"identitas.csv {isian}")
        ws.cell(row=r, column=1, value=isian)
        cell = ws.cell(row=r, column=2, value=value)
        fmt = number_format(kinds[isian], value)
        if fmt:
            cell.number_format = fmt


def write_table(wb: Workbook, sheet: Sheet, rows: list[dict[str, str]],
                version: int = VERSION) -> None:
    """A table sheet from its rows (samples/source/<sheet name lower-cased>.csv), with the
    columns of template `version`: a column the rows lack is left empty."""
    columns = sheet.columns_of(version)
    ws = start_sheet(wb, sheet.name, sheet.title, columns)
    csv_name = f"{sheet.name.lower()}.csv"
    for r, row in enumerate(rows, start=3):
        for c, column in enumerate(columns, start=1):
            where = f"{csv_name} row {r - 2} {column.name}"
            value = cell_value(row.get(column.name, ""), column.kind, where)
            cell = ws.cell(row=r, column=c, value=value)
            fmt = number_format(column.kind, value)
            if fmt:
                cell.number_format = fmt


def build(data: dict[str, list[dict[str, str]]] | None = None, petunjuk: str = PETUNJUK_TEXT,
          title: str = "Contoh pengisian LKj Kecamatan Tempursari Triwulan I 2023",
          when: dt.datetime = FIXED_TIME, version: int = VERSION) -> Workbook:
    """The sample workbook (or one made of `data`, see `load`, with the columns of template
    `version`), in the contract's sheet order after Petunjuk."""
    data = load() if data is None else data
    wb = Workbook()
    ws = wb.active
    ws.title = PETUNJUK
    ws["A1"] = petunjuk
    ws.column_dimensions["A"].width = 90
    write_identitas(wb, data[IDENTITAS.name])
    for sheet in SHEETS:
        if sheet is not IDENTITAS:
            write_table(wb, sheet, data[sheet.name], version)
    props = wb.properties
    props.creator = props.lastModifiedBy = "samples/build_sample.py"
    props.title = title
    props.created = props.modified = when
    return wb


def save_deterministic(wb: Workbook, path: Path, when: dt.datetime = FIXED_TIME) -> None:
    """Save like openpyxl does, but keep the fixed `modified` and zip entry timestamps.

    openpyxl's save_workbook() stamps `modified` with the current time and zipfile stamps
    every entry with it, so every rebuild would change the file's bytes.
    """
    buf = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    buf.seek(0)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))


def main() -> None:
    save_deterministic(build(), OUTPUT)
    print(f"ditulis: {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
