"""What the sheets of one LKj workbook share: the workbook and its formats, the report with
its figures and tables, and where each table landed (so a formula on one sheet can point at
a cell of another through `Context.excel`, never a sheet name typed into a formula)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...tables import Formula, Ref, Rows, Span, Table
from ..styles import Formats
from .a1 import a1, col, sheet_ref, sum_formula


@dataclass(slots=True)
class Placement:
    """Where a table landed: its sheet, the sheet row of each table row, the sheet column
    of each column key."""

    sheet: str
    rows: list[int]
    cols: dict[str, int]


@dataclass
class Context:
    wb: Any  # xlsxwriter.Workbook
    report: Any  # pipeline.FileReport
    settings: Any
    tables: Any  # tables.LkjTables
    run_time: dt.datetime
    fm: Formats
    fast_cells: bool
    sheets: dict[str, Any] = field(default_factory=dict)  # name -> layout.Sheet
    placed: dict[str, Placement] = field(default_factory=dict)  # table id -> placement
    styles: dict[tuple, tuple] = field(default_factory=dict)  # cell style lookups, per workbook
    compiled: dict[tuple[int, int], str | None] = field(default_factory=dict)  # see excel()

    @property
    def office_line(self) -> str:
        return self.tables.office_line

    @property
    def period(self) -> str:
        return self.tables.period

    @property
    def figures(self):
        return self.report.figures

    def fmt(self, *names: str):
        """The workbook format merging the named styles (`unit:<satuan>` is a number with
        its unit)."""
        cached = self.fm._cache.get(names)
        if cached is not None:
            return cached
        for n in names:
            if n not in self.fm.specs:
                if n.startswith("unit:"):
                    unit = n[5:].replace('"', "").replace("\\", "")
                    self.fm.specs[n] = {"num_format": f'General" {unit}"'}
                else:
                    raise KeyError(n)
        return self.fm.get(*names)

    def place(self, table: Table, sheet: str, rows: list[int], cols: list[int]) -> Placement:
        """Record where `table` lands: row i of the table at sheet row rows[i], its columns
        at sheet columns `cols` (in the table's column order)."""
        p = Placement(sheet, rows, {c.key: k for c, k in zip(table.columns, cols, strict=True)})
        self.placed[table.id] = p
        return p

    def excel(self, formula: Formula, here: Placement, r: int) -> str:
        """The Excel formula of an intent standing in sheet row `r` of the table placed at
        `here`. The same intent on every row of a table (Sisa, Serapan ...) is resolved
        once into a pattern with only the row number left to fill in."""
        key = (id(formula), id(here))
        pattern = self.compiled.get(key, _UNSET)
        if pattern is _UNSET:
            pattern = self.compiled[key] = _pattern(formula, here, self.placed)
        if pattern is None:
            return excel(formula, here, r, self.placed)
        return pattern.format(r + 1)


def _cell(ref: Ref, here: Placement, r: int, placed: dict[str, Placement]) -> str:
    p = here if ref.table is None else placed[ref.table]
    row = r if ref.row is None else p.rows[ref.row]
    text = a1(row, p.cols[ref.col], ref.absolute)
    return text if p.sheet == here.sheet else sheet_ref(p.sheet, text)


def _span(span: Span, here: Placement, placed: dict[str, Placement]) -> str:
    p = here if span.table is None else placed[span.table]
    c = p.cols[span.col]
    text = f"{a1(p.rows[span.first], c, span.absolute)}:{a1(p.rows[span.last], c, span.absolute)}"
    return text if p.sheet == here.sheet else sheet_ref(p.sheet, text)


_UNSET = object()
_ROW = "\x00ROW\x00"


def _pattern(formula: Formula, here: Placement, placed: dict[str, Placement]) -> str | None:
    """`=C{0}-D{0}`: the formula with its own row left as `{0}` (None for a sum over rows)."""
    if formula.template is None:
        return None
    parts = []
    for a in formula.args:
        if a.__class__ is Ref and a.row is None and a.table is None:
            c = col(here.cols[a.col])
            parts.append(f"${c}${_ROW}" if a.absolute else f"{c}{_ROW}")
        elif a.__class__ is Ref:
            parts.append(_cell(a, here, 0, placed))
        else:
            parts.append(_span(a, here, placed))
    text = formula.template.format(*parts)
    return text.replace("{", "{{").replace("}", "}}").replace(_ROW, "{0}")


def excel(formula: Formula, here: Placement, r: int,
          placed: dict[str, Placement] | None = None) -> str:
    """The Excel formula of an intent standing in sheet row `r` of the table placed at
    `here`; `placed` says where the other tables it names landed."""
    args = formula.args
    if formula.template is None:  # a sum over rows of the same table
        rows: Rows = args[0]
        return sum_formula(here.cols[rows.col], [here.rows[i] for i in rows.rows])
    placed = placed or {}
    parts = [_cell(a, here, r, placed) if a.__class__ is Ref else _span(a, here, placed)
             for a in args]
    return formula.template.format(*parts)
