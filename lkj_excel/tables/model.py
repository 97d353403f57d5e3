"""The LKj tables as data: what each table of the report shows, defined once.

A `Table` has columns (a key, the printed name, a kind) and rows; each row holds one `Value`
per column. A value carries the figure (in its kind's unit: sen for amounts, a fraction for
percentages), where it came from (`source`, the input cell such as `Realisasi!C14`), what
the office typed where the figure shown differs from it (`typed`, with the reason in `note`),
and, for a derived cell, a `Formula`: the intent ("the sum of these rows", "this column ÷
that one", "that cell of another table"), not an Excel string. The workbook writer turns an
intent into a live formula with the figure stored beside it; the document writer prints the
figure. Two renderers of one table cannot disagree.

Kinds: `text`, `amount` (Rupiah, integer sen), `percent` (a fraction: 0.5444), `number` (in
the row's own unit; `unit:<satuan>` names it), `count` (a whole number), `ratio` (a plain
decimal), `date`, `datetime`. A text value in a number column (`tidak dapat dihitung`) is
shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TEXT, AMOUNT, PERCENT, NUMBER, COUNT, RATIO, DATE, DATETIME = (
    "text", "amount", "percent", "number", "count", "ratio", "date", "datetime")

# row roles: a data row, a total (Jumlah) row, a table's mean, a heading over the table's width
DATA, TOTAL, MEAN, GROUP = "data", "total", "mean", "group"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    name: str
    kind: str = TEXT


class Ref:
    """A cell of a table: `row` is the row's index in that table, `col` a column key.
    `table` None is the table the formula stands in; `row` None the formula's own row."""

    __slots__ = ("table", "row", "col", "absolute")

    def __init__(self, col: str, row: int | None = None, table: str | None = None,
                 absolute: bool = False) -> None:
        self.table, self.row, self.col, self.absolute = table, row, col, absolute

    def __repr__(self) -> str:
        return f"Ref({self.table}:{self.row}:{self.col})"


class Span:
    """The rows `first`..`last` of one column of a table (a range)."""

    __slots__ = ("table", "col", "first", "last", "absolute")

    def __init__(self, col: str, first: int, last: int, table: str | None = None,
                 absolute: bool = False) -> None:
        self.table, self.col, self.first, self.last, self.absolute = table, col, first, last, absolute


class Rows:
    """Some rows (not necessarily adjacent) of one column of the formula's own table."""

    __slots__ = ("col", "rows")

    def __init__(self, col: str, rows: list[int]) -> None:
        self.col, self.rows = col, rows


class Formula:
    """What a derived value computes. `op` names the intent (`sum`, `ratio`, `difference`,
    `ref`, `capaian`, `predikat`, `average`, `count_if`, ...); `template` is the Excel
    formula with `{0}`, `{1}` ... where the cells and ranges of `args` go (US syntax, English
    function names). `sum` over `Rows` has no template: adjacent rows become ranges."""

    __slots__ = ("op", "template", "args")

    def __init__(self, op: str, template: str | None, *args: Ref | Span | Rows) -> None:
        self.op, self.template, self.args = op, template, args

    def __repr__(self) -> str:
        return f"Formula({self.op}, {self.template!r}, {self.args!r})"


class Value:
    """One cell of a table. `value` None with no formula is an empty cell; a formula whose
    value is None is a figure that is not known (the workbook stores #N/A).

    `source` is where the value was read: (contract sheet, the input `model.Val`), see
    `source_text`. `mark`: `typed` (differs from what the office typed, or could not be read), `placed`
    (the row was placed by its position, not its code), `muted` (an explanation, not a
    figure). `note` says why (the workbook's cell comment). `span` > 1: the value covers
    that many rows of its column (a sasaran over its indicators); the rows below hold
    `COVERED`."""

    __slots__ = ("value", "kind", "formula", "source", "typed", "mark", "note", "span")

    def __init__(self, value: Any = None, kind: str | None = None, formula: Formula | None = None,
                 source: str | None = None, typed: Any = None, mark: str | None = None,
                 note: str | None = None, span: int = 1) -> None:
        self.value, self.kind, self.formula, self.source = value, kind, formula, source
        self.typed, self.mark, self.note, self.span = typed, mark, note, span

    def __repr__(self) -> str:
        return f"Value({self.value!r}, {self.kind}, {self.formula!r})"


def source_text(v: Value) -> str | None:
    """`Realisasi!C14`: the input cell a value came from (None when it has none)."""
    if v.source is None:
        return None
    sheet, val = v.source
    addr = val.addr
    return f"{sheet}!{addr}" if addr else None


COVERED = Value()  # a cell inside the span of the value above it
EMPTY = Value()  # nothing to show (an empty cell)


@dataclass(slots=True)
class Row:
    cells: list[Value | None]  # one per column; None: no cell at all
    role: str = DATA
    level: int = 0  # outline level (budget: 1 program, 2 kegiatan, 3 sub kegiatan)
    key: Any = None  # what the row is about (a budget row, an indicator ...), for lookups

    def __getitem__(self, i: int) -> Value | None:
        return self.cells[i]


@dataclass
class Table:
    """One table of the report. `id` is unique in the report (other tables refer to it)."""

    id: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    groups: list[tuple[str, str, str]] = field(default_factory=list)  # header over columns a..b
    empty: str | None = None  # why there is nothing to show (`Tidak ada data` + this)
    key: Any = None  # what the table is about (a figures.CapaianTable, a CostGroup ...)

    def col(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def add(self, cells: list[Value | None], role: str = DATA, level: int = 0,
            key: Any = None) -> int:
        """Append a row; returns its index."""
        self.rows.append(Row(cells, role, level, key))
        return len(self.rows) - 1
