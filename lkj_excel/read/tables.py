"""Find a contract sheet's header row and read its data rows, every value with its cell."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .. import catalogue as C
from ..contract import IDENTITAS, IDENTITY_ITEMS, Kind, Sheet, header_key, norm_header, norm_sheet
from ..findings import Finding
from ..model import Cell
from .workbook import RawBook, RawSheet, address, col_letter

HEADER_SEARCH_ROWS = 15


@dataclass
class Row:
    """One data row: contract column name -> Cell (absent columns are missing)."""

    row: int
    cells: dict[str, Cell]

    def get(self, name: str) -> Cell | None:
        return self.cells.get(name)


@dataclass
class Table:
    """A contract sheet as found in a file."""

    spec: Sheet
    sheet: str  # the sheet's name as in the file
    header_row: int | None
    columns: dict[str, int] = field(default_factory=dict)  # column name -> column number
    rows: list[Row] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.columns

    @functools.cached_property
    def spec_columns(self) -> dict:
        """Contract column name -> Column."""
        return {c.name: c for c in self.spec.columns}


def find_sheet(book: RawBook, name: str) -> RawSheet | None:
    """The first sheet whose name matches `name` after lower-casing and removing spaces."""
    key = norm_sheet(name)
    for s in book.sheets:
        if norm_sheet(s.name) == key:
            return s
    return None


def _first_cell(raw: RawSheet, r: int) -> str | None:
    row = raw.grid[r - 1] if 0 < r <= raw.n_rows else []
    for c, v in enumerate(row, start=1):
        if not _is_blank(v):
            return address(r, c)
    return None


def _is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _match_row(spec: Sheet, values: list) -> list[tuple[int, str]]:
    """(column number, contract column name) for each header cell that names a column."""
    keys = {}
    for col in spec.columns:
        for k in col.keys:
            keys.setdefault(k, col.name)
    out = []
    for c, v in enumerate(values, start=1):
        if isinstance(v, str) and v.strip():
            # a triwulan in parentheses is kept (`Target (TW I)` is Target TW I); where that
            # names no column, the parentheses are dropped (`Realisasi (TW I)` is Realisasi)
            name = keys.get(header_key(v)) or keys.get(norm_header(v))
            if name:
                out.append((c, name))
    return out


def read_table(raw: RawSheet, spec: Sheet, findings: list[Finding]) -> Table:
    """Read `raw` as the contract sheet `spec`, appending structural findings."""
    required = {c.name for c in spec.required_columns}
    header_row = None
    matched: list[tuple[int, str]] = []
    for r in range(1, min(HEADER_SEARCH_ROWS, raw.n_rows) + 1):
        m = _match_row(spec, raw.grid[r - 1])
        hits = {name for _, name in m} & required
        if required and len(hits) * 2 >= len(required):
            header_row, matched = r, m
            break
    table = Table(spec, raw.name, header_row)
    if header_row is None:
        for col in spec.required_columns:
            findings.append(C.COLUMN_MISSING.finding(
                raw.name, None,
                f"Kolom wajib '{col.name}' tidak ditemukan di sheet {raw.name}: "
                f"tidak ada baris judul kolom di {HEADER_SEARCH_ROWS} baris pertama.",
            ))
        return table
    for c, name in matched:
        if name in table.columns:
            findings.append(C.CELL_AMBIGUOUS.finding(
                raw.name, address(header_row, c),
                f"Judul kolom '{raw.value(header_row, c)}' juga menunjuk kolom '{name}'; "
                f"yang dipakai kolom paling kiri ({address(header_row, table.columns[name])}).",
                found=str(raw.value(header_row, c)),
            ))
        else:
            table.columns[name] = c
    first = _first_cell(raw, header_row)
    for col in spec.required_columns:
        if col.name not in table.columns:
            findings.append(C.COLUMN_MISSING.finding(
                raw.name, first,
                f"Kolom wajib '{col.name}' tidak ada di baris judul kolom (baris {header_row}) "
                f"sheet {raw.name}.",
            ))
    table.rows = _data_rows(raw, table)
    return table


def _merge_map(raw: RawSheet, start: int, cols) -> dict[tuple[int, int], tuple[int, int]]:
    """(r, c) -> the first cell of the merged range it belongs to, for the data rows and
    contract columns only (a merge over whole rows stays cheap)."""
    out = {}
    last = raw.n_rows
    for r1, c1, r2, c2 in raw.merges:
        if r2 < start:
            continue
        for c in cols:
            if not c1 <= c <= c2:
                continue
            for r in range(max(r1, start), min(r2, last) + 1):
                if (r, c) != (r1, c1):
                    out[(r, c)] = (r1, c1)
    return out


def _data_rows(raw: RawSheet, table: Table) -> list[Row]:
    start = (table.header_row or 0) + 1
    merged = _merge_map(raw, start, set(table.columns.values())) if raw.merges else {}
    kinds = {c.name: c.kind for c in table.spec.columns}
    pct = raw.percent
    rows: list[Row] = []
    cols = [(name, c, col_letter(c)) for name, c in table.columns.items()]
    no_value = raw.no_value
    for r in range(start, raw.n_rows + 1):
        values = raw.grid[r - 1]
        width = len(values)
        cells = {}
        for name, c, letters in cols:
            src = merged.get((r, c)) if merged else None
            if src is not None:
                if kinds[name] is Kind.AMOUNT:
                    continue  # an amount keeps its value in the first row only
                sr, sc = src
                v = raw.value(sr, sc)
                cell = Cell(v if v != "" else None, address(sr, sc), r, c,
                            (sr, sc) in no_value,
                            None if pct is None else (sr, sc) in pct, True)
                if not cell.blank:
                    cells[name] = cell
            else:
                v = values[c - 1] if c <= width else None
                if v is None or v == "" or (v.__class__ is str and not v.strip()):
                    if no_value and (r, c) in no_value:  # a formula without a value
                        cells[name] = Cell(None, f"{letters}{r}", r, c, True,
                                           None if pct is None else (r, c) in pct)
                    continue  # blank
                cells[name] = Cell(v, f"{letters}{r}", r, c, bool(no_value) and (r, c) in no_value,
                                   None if pct is None else (r, c) in pct)
        if cells and (len(cells) > 1 or "No" not in cells):  # a row is more than its No
            rows.append(Row(r, cells))
    # a signature block: rows after the last row that fills two or more columns, filling one
    last_full = max((i for i, row in enumerate(rows) if len(row.cells) >= 2), default=-1)
    keep = _identity_row if table.spec.name == IDENTITAS.name else None
    return [row for i, row in enumerate(rows)
            if i <= last_full or len(row.cells) >= 2 or (keep is not None and keep(row))]


_IDENTITY_KEYS = frozenset(norm_header(i.isian) for i in IDENTITY_ITEMS)


def _identity_row(row: Row) -> bool:
    """An Identitas row labelled with a known Isian is one of the form's items, never a
    signature block: left blank, its Nilai cell is reported, not the row as absent."""
    label = row.get("Isian")
    return label is not None and norm_header(label.raw) in _IDENTITY_KEYS
