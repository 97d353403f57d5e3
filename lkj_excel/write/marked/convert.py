"""The returned copy of an .xls or .ods: an .xlsx written with XlsxWriter, with the same
sheets (order and hidden state), the same values with their types (numbers, text, dates as
dates in `[$-421]d mmmm yyyy`, percents with a percent format where the source had one,
error values as errors), the merged ranges, and, on each contract sheet, the template's
formats and drop-downs; formulas come back as their values. Then the same marks, comments
and Hasil Pemeriksaan sheet as a marked .xlsx.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from ...contract import IDENTITAS, IDENTITY_ITEMS, SHEETS, Kind, norm_header, norm_sheet
from .notes import (
    AUTHOR,
    CF_FORMULA,
    ERROR_FILL,
    SHEET,
    STYLES,
    WARNING_FILL,
    Layout,
    Link,
    comment_text,
    fill_groups,
    marked_cells,
    summary,
)

DATE = "[$-421]d mmmm yyyy"
EXTRA = {
    "v_date": {"num_format": DATE},
    "v_datetime": {"num_format": DATE + " hh:mm"},
    "v_time": {"num_format": "hh:mm:ss"},
    "v_duration": {"num_format": "[h]:mm:ss"},
    "v_pct0": {"num_format": "0%"},
    "v_pct2": {"num_format": "0.00%"},
    **{f"hp_{k}": v for k, v in STYLES.items()},
}
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")
EXTRA_ROWS = 1000  # drop-downs reach this many rows below the header, as in the template


def write_converted(source: bytes, display: str, findings: list, path: Path, *,
                    subject: str | None = None, stamp: str | None = None) -> None:
    """Write the marked .xlsx copy of an .xls/.ods (or any workbook the reader opens) to
    `path`. Raises lkj_excel.read.workbook.Unreadable when it cannot be read."""
    import xlsxwriter

    from ...read.workbook import open_book
    from ..styles import Formats

    book = open_book(source, display, tidy=False)
    if book.fmt == "xls":
        _xls_percent(source, book)
    sheets = [s for s in book.sheets if s.name != SHEET]
    names = _names([s.name for s in sheets])
    states = _visibility(source)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False, "nan_inf_to_errors": True})
    try:
        fm = Formats(wb, EXTRA)
        top = wb.add_worksheet(SHEET)
        written = {}
        for s in sheets:
            ws = written[s.name] = wb.add_worksheet(names[s.name])
            _write_sheet(ws, s, fm)
            if states.get(s.name) == "veryhidden" and hasattr(ws, "very_hidden"):
                ws.very_hidden()
            elif states.get(s.name) in ("hidden", "veryhidden"):
                ws.hide()
        fills = {True: wb.add_format({"bg_color": ERROR_FILL}),
                 False: wb.add_format({"bg_color": WARNING_FILL})}
        for sheet, cells in marked_cells(findings, names).items():
            _mark(written[sheet], cells, fills)
        _write_summary(top, summary(findings, display, subject, names, stamp), fm)
        top.activate()
        top.set_first_sheet()
    finally:
        wb.close()


def _names(names: list[str]) -> dict[str, str]:
    """Each sheet's name in the copy: as it was where Excel allows it, else with the
    characters Excel refuses as `_`, at most 31 characters, unique."""
    out: dict[str, str] = {}
    used = {SHEET.lower()}
    for name in names:
        new = _BAD_NAME.sub("_", name).strip("'")[:31] or "Sheet"
        base, n = new, 2
        while new.lower() in used:
            tail = f" ({n})"
            new, n = base[:31 - len(tail)] + tail, n + 1
        used.add(new.lower())
        out[name] = new
    return out


def _xls_percent(source: bytes, book) -> None:
    """The percent-formatted cells of an .xls (the reader leaves them unknown)."""
    from ...read.xls import percent_cells
    from . import _plain

    try:
        cells = percent_cells(_plain(source))
    except Exception:  # no formats to be had: numbers keep the column's format
        return
    for sheet in book.sheets:
        sheet.percent = cells.get(sheet.name, set())


def _visibility(source: bytes) -> dict[str, str]:
    """Sheet name -> "visible", "hidden" or "veryhidden" (python-calamine's metadata)."""
    try:
        from python_calamine import CalamineWorkbook

        from . import _plain

        wb = CalamineWorkbook.from_filelike(io.BytesIO(_plain(source)))
        return {m.name: str(m.visible).rpartition(".")[2].lower() for m in wb.sheets_metadata}
    except Exception:  # the reader opened it already; without metadata all stay visible
        return {}


# --- one sheet ------------------------------------------------------------------------

class _Layout:
    """Where a contract sheet's header and columns are (read.tables), and their formats."""

    def __init__(self, raw) -> None:
        from ...read.tables import read_table

        self.spec = next((s for s in SHEETS if norm_sheet(s.name) == norm_sheet(raw.name)), None)
        self.header = None
        self.columns: dict[int, object] = {}
        self.items: dict[int, object] = {}  # Identitas: row -> IdentityItem
        if self.spec is None:
            return
        table = read_table(raw, self.spec, [])
        self.header = table.header_row
        if self.header is None:
            return
        self.columns = {c: self.spec.column(name) for name, c in table.columns.items()}
        if self.spec is IDENTITAS and "Isian" in table.columns and "Nilai" in table.columns:
            by_key = {norm_header(i.isian): i for i in IDENTITY_ITEMS}
            isian = table.columns["Isian"]
            for r in range(self.header + 1, raw.n_rows + 1):
                item = by_key.get(norm_header(raw.value(r, isian)))
                if item is not None:
                    self.items[r] = item

    def base(self, r: int, c: int) -> tuple[str, ...]:
        from ..template.identitas import item_format
        from ..template.sheets import column_format

        if self.header is None or r < self.header:
            return ()
        if r == self.header:
            return ("header",) if c in self.columns else ()
        column = self.columns.get(c)
        if column is None:
            return ()
        if self.items and column.name == "Nilai" and r in self.items:
            return item_format(self.items[r])
        return column_format(self.spec, column) or ()


def _write_sheet(ws, raw, fm) -> None:
    layout = _Layout(raw)
    for r1, c1, r2, c2 in raw.merges:
        if (r1, c1) != (r2, c2):
            try:
                ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "",
                               _fmt(fm, layout.base(r1, c1), None))
            except Exception:  # an overlapping range XlsxWriter refuses: the values stay
                continue
    percent = raw.percent or set()
    for r, row in enumerate(raw.grid, 1):
        for c, v in enumerate(row, 1):
            if v is None or v == "":
                continue
            _write(ws, r - 1, c - 1, v, fm, layout.base(r, c), (r, c) in percent)
    if layout.header is not None:
        _contract_setup(ws, raw, layout, fm)


def _fmt(fm, base: tuple[str, ...], kind: str | None):
    names = base + ((kind,) if kind else ())
    return fm.get(*names) if names else None


def _write(ws, r: int, c: int, v, fm, base: tuple[str, ...], percent: bool) -> None:
    from ...read.workbook import CellError

    if isinstance(v, CellError):
        err = v.text if v.text in EXCEL_ERRORS else ("#VALUE!" if v.text.startswith("Err:") else "#N/A")
        ws.write_formula(r, c, f"={err}", _fmt(fm, base, None), err)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v, _fmt(fm, base, None))
    elif isinstance(v, int | float):
        kind = None
        if percent:
            kind = "v_pct0" if round(v * 100, 9) == int(round(v * 100, 9)) else "v_pct2"
        ws.write_number(r, c, v, _fmt(fm, base, kind))
    elif isinstance(v, dt.datetime):
        kind = "v_date" if v.time() == dt.time() else "v_datetime"
        ws.write_datetime(r, c, v, _fmt(fm, base, kind))
    elif isinstance(v, dt.date):
        ws.write_datetime(r, c, v, _fmt(fm, base, "v_date"))
    elif isinstance(v, dt.time):
        ws.write_datetime(r, c, v, _fmt(fm, base, "v_time"))
    elif isinstance(v, dt.timedelta):
        ws.write_number(r, c, v.total_seconds() / 86400, _fmt(fm, base, "v_duration"))
    else:
        ws.write_string(r, c, str(v), _fmt(fm, base, None))


def _contract_setup(ws, raw, layout: _Layout, fm) -> None:
    """The template's look of a contract sheet: title, widths, frozen header, print setup,
    drop-downs and the Identitas validations."""
    from ..template.identitas import item_validation
    from ..template.layout import page_setup
    from ..template.lists import column_synonyms, list_validation

    h = layout.header
    if h > 1:
        first = next((c for c, v in enumerate(raw.grid[h - 2], 1) if v not in (None, "")), None)
        if first is not None:
            _write(ws, h - 2, first - 1, raw.value(h - 1, first), fm, ("title",), False)
    last = max(raw.n_rows, h + EXTRA_ROWS)
    for c, column in layout.columns.items():
        ws.set_column(c - 1, c - 1, column.width)
        if column.kind is Kind.ENUM and layout.spec is not IDENTITAS:
            options = list_validation(column.values, column_synonyms(column), "")
            if isinstance(options["source"], list):
                ws.data_validation(h, c - 1, last - 1, c - 1, options)
    if layout.items:
        nilai = next(c for c, col in layout.columns.items() if col.name == "Nilai")
        for r, item in layout.items.items():
            if item.kind in (Kind.TRIWULAN, Kind.YEAR):
                ws.data_validation(r - 1, nilai - 1, r - 1, nilai - 1, item_validation(item, ""))
    ws.freeze_panes(h, 0)
    page_setup(ws, layout.spec.name, repeat_header=False)
    ws.repeat_rows(0, h - 1)


def _mark(ws, cells: dict, fills: dict) -> None:
    from .comments import ref

    for is_error, group in fill_groups(cells):
        r, c = group[0]
        ws.conditional_format(r - 1, c - 1, r - 1, c - 1, {
            "type": "formula", "criteria": "=" + CF_FORMULA, "format": fills[is_error],
            "multi_range": " ".join(ref(r, c) for r, c in group)})
    for (r, c), fs in cells.items():
        text = comment_text(fs)
        lines = text.count("\n") + 1 + len(text) // 60
        ws.write_comment(r - 1, c - 1, text, {"author": AUTHOR, "x_scale": 4,
                                              "y_scale": min(max(lines, 3), 30) / 4 + 0.5})


def _write_summary(ws, layout: Layout, fm) -> None:
    for c, width in enumerate(layout.widths):
        ws.set_column(c, c, width)
    for r, cells in enumerate(layout.rows):
        height = layout.height(r)
        if height:
            ws.set_row(r, height)
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            style, value = cell
            f = fm.get(f"hp_{style}") if STYLES[style] else None
            if value is None or value == "":
                if f is not None:
                    ws.write_blank(r, c, None, f)
            elif isinstance(value, Link):
                ws.write_formula(r, c, "=" + value.formula, f, value.text)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value, f)
            else:
                ws.write_string(r, c, str(value), f)
    ws.freeze_panes(layout.header_row + 1, 0)
    ws.set_tab_color("#C00000")
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L&A&RHalaman &P dari &N")
