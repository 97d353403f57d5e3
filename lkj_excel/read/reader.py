"""Read one cell by its column's kind, reporting what could not be read as it was typed
(cell.required, cell.invalid, cell.number_as_text, cell.ambiguous,
cell.formula_without_value), each finding at the cell it is about."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import catalogue as C
from ..contract import Kind
from ..findings import Check, Finding
from ..model import Cell, Val
from . import values as V
from .tables import Row, Table
from .workbook import CellError, address

_KIND_LABEL = {
    Kind.AMOUNT: "nominal",
    Kind.NUMBER: "angka",
    Kind.DATE: "tanggal",
    Kind.CODE: "kode",
    Kind.NIP: "NIP",
    Kind.WHOLE: "bilangan bulat",
    Kind.YEAR: "tahun",
    Kind.TRIWULAN: "triwulan",
    Kind.ENUM: "pilihan",
}


_PARSERS = {
    Kind.AMOUNT: V.parse_amount,
    Kind.DATE: V.parse_date,
    Kind.CODE: V.parse_code,
    Kind.NIP: V.parse_nip,
    Kind.WHOLE: V.parse_whole,
    Kind.YEAR: V.parse_year,
    Kind.TRIWULAN: V.parse_triwulan,
}


class Reader:
    """Parses cells into typed values, reporting each problem with the cell it is about.

    A finding about a value copied from a merged range carries `merged=True`; the pipeline
    keeps one of each (findings.once_per_merged_value), at the range's first cell."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        # sheet name -> (row, column) -> the first cell of the merged range a blank cell
        # lies in (non-amount contract columns of the data rows; tables.py reads the rest)
        self.merge_first: dict[str, dict[tuple[int, int], tuple[int, int]]] = {}

    def report(self, check: Check, sheet: str | None, cell: str | None, message: str, *,
               merged: bool = False, **kw) -> None:
        self.findings.append(check.finding(sheet, cell, message, merged=merged, **kw))

    def blank_at(self, table: Table, row: Row, name: str) -> tuple[str | None, bool]:
        """Where a blank cell of column `name` points: its own address, or the first cell of
        the merged range it lies in (then `True`)."""
        if name not in table.columns:
            return None, False
        c = table.columns[name]
        first = self.merge_first.get(table.sheet, {}).get((row.row, c))
        if first is not None:
            return address(*first), True
        return address(row.row, c), False

    def value(self, table: Table, row: Row, name: str, *, kind: Kind | None = None,
              required: bool = False, kode: str | None = None, percent_ctx: bool = False,
              label: str | None = None) -> Val:
        """Parse column `name` of `row`. `required`: a blank cell is `cell.required`."""
        col = table.spec_columns[name]
        kind = kind or col.kind
        label = label or name
        cell = row.cells.get(name)
        sheet = table.sheet
        if cell is None:
            blank_addr, merged = self.blank_at(table, row, name)
            if required and name in table.columns:
                self.report(C.CELL_REQUIRED, sheet, blank_addr,
                            f"{label} wajib diisi ({sheet}!{blank_addr} kosong).", kode=kode,
                            merged=merged)
            return Val(None, None, False, blank_addr, merged)
        if cell.no_value:
            self.no_value(cell, sheet, kode)
            return Val(None, cell, True)
        if cell.raw.__class__ is CellError:  # in every column read: never blank, never text
            self.report(C.CELL_INVALID, sheet, cell.addr,
                        f"{label} di {sheet}!{cell.addr} berisi nilai kesalahan {cell.raw} "
                        f"(hasil rumus yang gagal atau diketik); perbaiki rumusnya atau ketik "
                        f"nilainya.", kode=kode, found=str(cell.raw), merged=cell.merged)
            return Val(None, cell, True)
        if kind is Kind.TEXT or kind is Kind.ANY:  # text as it is (numbers become their text)
            return Val(_as_text(cell.raw), cell)
        parsed = self._parse(cell, kind, col, percent_ctx)
        return self.flagged(parsed, cell, sheet, label, kode, kind, percent_ctx)

    def no_value(self, cell: Cell, sheet: str, kode: str | None) -> None:
        self.report(C.CELL_FORMULA_WITHOUT_VALUE, sheet, cell.addr,
                    f"{sheet}!{cell.addr} berisi rumus tanpa nilai tersimpan; buka berkas di "
                    f"Excel/LibreOffice, hitung ulang dan simpan.", kode=kode, merged=cell.merged)

    def _parse(self, cell: Cell, kind: Kind, col, percent_ctx: bool) -> V.Parsed:
        raw = cell.raw
        if kind is Kind.NUMBER:
            return V.parse_percent(raw, cell.percent) if percent_ctx else V.parse_number(raw)
        parser = _PARSERS.get(kind)
        if parser is not None:
            return parser(raw)
        if kind is Kind.ENUM:
            choice = col.match_choice(raw)
            if choice is None:
                return V.Parsed(None, "invalid",
                                f"'{show_raw(raw)}' bukan pilihan yang dikenal ({', '.join(col.values)})")
            return V.Parsed(choice, None, "")
        return V.Parsed(_as_text(raw), None, "")  # TEXT / ANY

    def flagged(self, parsed: V.Parsed, cell: Cell, sheet: str, label: str,
                 kode: str | None, kind: Kind, pct: bool = False) -> Val:
        flag = parsed.flag
        if flag is None:  # the common case: read as typed, nothing to report
            return Val(parsed.value, cell)
        if flag == "blank":
            return Val(None, None, False, cell.addr, cell.merged)
        where = f"{sheet}!{cell.addr}"
        found = found_value(cell.raw, kind, pct)
        if flag == "invalid":
            self.report(C.CELL_INVALID, sheet, cell.addr,
                        f"{label} di {where} tidak dapat dibaca sebagai {_KIND_LABEL.get(kind, 'nilai')}: "
                        f"{parsed.note}.", kode=kode, found=found, merged=cell.merged)
            return Val(None, cell, True)
        if flag == "text":
            self.report(C.CELL_NUMBER_AS_TEXT, sheet, cell.addr,
                        f"{label} di {where}: {parsed.note}.", kode=kode, found=found,
                        merged=cell.merged)
        elif flag == "ambiguous":
            self.report(C.CELL_AMBIGUOUS, sheet, cell.addr,
                        f"{label} di {where}: {parsed.note}.", kode=kode, found=found,
                        merged=cell.merged)
        return Val(parsed.value, cell)


def _exact(raw: int | float | Decimal) -> Decimal | None:
    """A stored number as the decimal it shows (a float by its shortest form: 1.97507121997031e+17
    is 197507121997031000, as Excel shows it), or None when it is not finite."""
    d = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    return d if d.is_finite() else None


def show_raw(raw) -> str:
    """A raw cell value as a message quotes it: text as typed; a whole number by its digits
    (a year, a code or a NIP stored as a number), other numbers with a decimal comma."""
    if V._is_number(raw):
        d = _exact(raw)
        if d is None:
            text = str(raw)
        elif d == d.to_integral_value():
            text = str(int(d))
        else:
            text = format(d, "f").replace(".", ",")
    elif isinstance(raw, dt.datetime) and raw.time() == dt.time():
        text = raw.date().isoformat()
    elif isinstance(raw, dt.date | dt.time):
        text = raw.isoformat()
    else:
        text = str(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def found_value(raw, kind: Kind, pct: bool = False):
    """A raw cell value as a finding's `found` (docs/pemeriksaan.md#keluaran-json): a number
    where the column holds amounts (Decimal Rupiah), counts (int) or percentages (float,
    percent units); everything else, a NIP or code stored as a number included, as text."""
    if raw is None:
        return None
    if V._is_number(raw) and (d := _exact(raw)) is not None:
        if kind is Kind.AMOUNT:
            return d
        if kind is Kind.NUMBER and pct:
            return float(d)
        if kind is Kind.WHOLE and d == d.to_integral_value():
            return int(d)
    return show_raw(raw)


def _as_text(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw).strip()
    return text or None
