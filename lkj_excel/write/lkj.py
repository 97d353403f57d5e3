"""Write the LKj workbook of one checked input (output.md, "Sheets of the LKj workbook").

Eleven sheets, always, in this order: Ringkasan, Perjanjian Kinerja, Capaian Kinerja,
Perbandingan, Realisasi Anggaran, Cost per Outcome, Fasilitasi, Dokumen Desa, Pegawai,
Rekonsiliasi, Metode.

Every sheet: rows 1-3 are the title (what the sheet is, the perangkat daerah, the period);
the first table's header follows, and the title and that header are frozen and repeated on
each printed page (A4 landscape, one page wide, `Halaman &P dari &N` in the footer).
Every derived cell is a live formula (US syntax) with its computed value stored, so a viewer
that does not recalculate shows the same number. Text from the input is only ever written
with `write_string`, and the workbook is created with xlsxwriter's string conversions off,
so `=HYPERLINK(...)`, `+1` or `@SUM(1)` typed by an office stays text.

The sheets are added in order first and filled in an order that lets one sheet point at
another's cells: Realisasi Anggaran, Fasilitasi, Dokumen Desa and Rekonsiliasi first, then
Capaian Kinerja (its derived realisations point at the lists), then the sheets that point
at those (Perjanjian Kinerja, Perbandingan, Cost per Outcome, Ringkasan).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from .. import __version__
from .. import figures as F
from ..contract import is_percent_unit
from ..money import format_rp
from . import fastcells
from .atomic import atomic_path
from .styles import (
    AMOUNT,
    AMOUNT_SEN,
    DATE,
    FORMATS,
    PERCENT,
    Formats,
    finding_difference,
    finding_value,
)

SHEETS = (
    "Ringkasan",
    "Perjanjian Kinerja",
    "Capaian Kinerja",
    "Perbandingan",
    "Realisasi Anggaran",
    "Cost per Outcome",
    "Fasilitasi",
    "Dokumen Desa",
    "Pegawai",
    "Rekonsiliasi",
    "Metode",
)

TITLE_ROWS = 3  # rows 1-3: title, perangkat daerah, period
NO_DATA = "Tidak ada data"
DATETIME = "d mmmm yyyy hh:mm:ss"
RATIO = "0.00"
LINE_PT = 13.0  # points per line of 10-pt Arial
FONT = {"font_name": "Arial", "font_size": 10}
PAPER_A4 = 9
MARGIN_LR, MARGIN_TOP, MARGIN_BOTTOM = 0.4, 0.5, 0.6  # inches
DEFAULT_ROW_PT = 12.75
FOOTER = "&L&A&RHalaman &P dari &N"
NA = "#N/A"  # the stored value of a figure that is not known (an unreadable amount)

TYPED_FILL = "#FFEB9C"  # a figure the office typed differs from the one shown
PLACED_FILL = "#FCE4D6"  # a budget row placed by its position, not by its code
TOTAL_FILL = "#F2F2F2"

EXTRA: dict[str, dict[str, Any]] = {
    "td": {"border": 1, "border_color": "#A6A6A6", "valign": "top"},
    "wrap": {"text_wrap": True, "valign": "top"},
    "typed": {"bg_color": TYPED_FILL},
    "placed": {"bg_color": PLACED_FILL},
    "total": {"bold": True, "bg_color": TOTAL_FILL},
    "amount": {"num_format": AMOUNT},
    "amount2": {"num_format": AMOUNT_SEN},
    "percent": {"num_format": PERCENT},
    "date": {"num_format": DATE, "align": "left"},
    "datetime": {"num_format": DATETIME, "align": "left"},
    "whole": {"num_format": "0"},
    "ratio": {"num_format": RATIO},
    "center": {"align": "center"},
    "right": {"align": "right"},
    "left": {"align": "left"},
    "ind1": {"indent": 1, "align": "left"},
    "ind2": {"indent": 2, "align": "left"},
    "muted": {"italic": True, "font_color": "#595959"},
    "band": {"bold": True, "bg_color": "#EDEDED", "valign": "vcenter"},
    "title": {"bold": True, "font_size": 13, "valign": "vcenter"},
    "subtitle": {"bold": True, "font_size": 11, "valign": "vcenter"},
    "header": FORMATS["header"],
    "bold": {"bold": True},
}

# --- public API ----------------------------------------------------------------------------


def write_lkj(report, settings, path: str | Path, run_time: dt.datetime) -> Path:
    """Write the LKj workbook of `report` (a checked `FileReport`) to `path`, atomically.

    `settings` gives the predikat bands and the efisiensi method; `run_time` is written in
    Metode (and as the workbook's creation time). Returns the path written. Raises OSError
    (or xlsxwriter's FileCreateError) when the file cannot be written.
    """
    import xlsxwriter  # imported here: CLI start-up stays fast

    from ..settings import Settings

    settings = settings or Settings()
    fig = report.figures
    target = Path(path)
    naive = run_time.replace(tzinfo=None) if run_time.tzinfo else run_time
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
            "default_format_properties": dict(FONT),
            "default_row_height": 17,
        })
        try:
            wb.set_properties({
                "title": "Laporan Kinerja (LKj)",
                "subject": _office(report) or "",
                "author": "lkj-excel",
                "comments": f"lkj-excel {__version__}",
                "created": naive,
            })
            _Writer(wb, report, settings, fig, run_time).run()
        finally:
            wb.close()
    return target


# --- text measurement ----------------------------------------------------------------------

# Advance widths of Arial (units per 1000 em); Liberation Sans, which LibreOffice uses for
# Arial, has the same metrics. One Excel width unit is one digit of the default font
# (7 px for Arial 10 at 96 dpi; an em is 13.33 px).
_ARIAL = {
    **dict.fromkeys("abdeghnopqu0123456789$#_", 556),
    **dict.fromkeys("ckszvxy", 500), **dict.fromkeys("ijl|", 222), **dict.fromkeys("ft", 278),
    "r": 333, "m": 833, "w": 722, " ": 278, ".": 278, ",": 278, ":": 278, ";": 278,
    "'": 191, '"': 355, "-": 333, "(": 333, ")": 333, "/": 278, "\\": 278, "%": 889,
    "&": 667, "@": 1015, "+": 584, "=": 584, "<": 584, ">": 584, "*": 389, "!": 278,
    "?": 556, "[": 278, "]": 278, "×": 584, "÷": 584, "−": 584, "≤": 549, "≥": 549,
    **dict.fromkeys("ABEKPSVXY", 667), **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("FTZ", 611), **dict.fromkeys("GOQ", 778), "I": 278, "J": 500, "L": 556,
    "M": 833, "W": 944,
}
_UNIT = 13.333 / 7.0 / 1000.0  # width units per font unit


class _Widths(dict):
    def __missing__(self, ch: str) -> int:
        return 600


_ADVANCE = _Widths(_ARIAL)
_MAX_ADVANCE = max(max(_ARIAL.values()), _Widths().__missing__("")) * _UNIT
# number formats whose shown width grows with the number's size (see _Sheet._use_number)
_MONOTONE = frozenset({"amount", "amount2", "whole", "percent", "ratio"})


@functools.lru_cache(maxsize=65536)
def text_width(text: str, bold: bool = False) -> float:
    """The width a text needs on one line, in Excel column width units (estimated for
    Arial 10; bold is about 8% wider). Cached: the same words recur on every row."""
    w = sum(map(_ADVANCE.__getitem__, str(text))) * _UNIT
    return w * (1.08 if bold else 1.0)


def _prepare_formula(formula: str, expand_future_functions: bool = False) -> str:
    return formula[1:] if formula.startswith("=") else formula


def text_lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines a wrapped cell of `width` units needs (greedy word wrap, estimated
    on the safe side)."""
    avail = max(1.0, width - 0.8)
    lines = 0
    for para in str(text).split("\n"):
        cur = 0.0
        n = 1
        for word in para.split(" "):
            w = text_width(word, bold)
            space = text_width(" ", bold) if cur else 0.0
            if cur and cur + space + w > avail:
                n += 1
                cur = w
            else:
                cur += space + w
            while cur > avail:  # a word longer than the column breaks anywhere
                n += 1
                cur -= avail
        lines += n
    return lines


def _col(c: int) -> str:
    if c < len(_COLS):
        return _COLS[c]
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


_COLS: list[str] = []
_COLS.extend(_col(c) for c in range(64))  # the columns our sheets use, named once


def _a1(r: int, c: int, absolute: bool = False) -> str:
    if absolute:
        return f"${_col(c)}${r + 1}"
    return f"{_col(c)}{r + 1}"


def _quote(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + str(text).replace('"', '""') + '"'


def _sum_formula(col: int, rows: list[int]) -> str:
    """`=SUM(C5:C8,C12)` over the given rows of one column (contiguous rows become ranges)."""
    rows = sorted(rows)
    parts: list[str] = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(_a1(rows[i], col) if i == j else f"{_a1(rows[i], col)}:{_a1(rows[j], col)}")
        i = j + 1
    if len(parts) <= 200:
        return "=SUM(" + ",".join(parts) + ")"
    chunks = [",".join(parts[k:k + 200]) for k in range(0, len(parts), 200)]
    return "=SUM(" + ",".join(f"SUM({c})" for c in chunks) + ")"


# --- values ----------------------------------------------------------------------------------

def _text(val) -> str | None:
    """The text of an input value: its typed value, or what the cell held when it could not
    be read."""
    if val is None:
        return None
    v = val.value
    if v is not None:
        if isinstance(v, bool):
            return "Ya" if v else "Tidak"
        if isinstance(v, dt.date):
            return f"{v.day} {F_BULAN[v.month - 1]} {v.year}"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    cell = val.cell
    if cell is not None and cell.raw is not None and str(cell.raw).strip():
        return str(cell.raw)
    return None


F_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")


def _office(report) -> str | None:
    return report.perangkat_daerah


def _period(report) -> str:
    tw, th = report.triwulan, report.tahun
    if tw and th:
        return f"Triwulan {tw} Tahun {th}"
    if th:
        return f"Tahun {th} (triwulan tidak tertulis)"
    if tw:
        return f"Triwulan {tw} (tahun tidak tertulis)"
    return "Periode tidak tertulis"


def _nip(val) -> str | None:
    v = val.value
    if isinstance(v, str) and len(v) == 18 and v.isdigit():
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"
    return _text(val)


def _display(value: Any, kind: str) -> str:
    """What a number looks like in its format (for column widths)."""
    if value is None or isinstance(value, str):
        return value or ""
    if kind in ("percent",):
        return f"{value * 100:,.2f}%"
    if kind == "amount2":
        return f"{value:,.2f}"
    if kind in ("amount", "whole"):
        return f"{value:,.0f}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "date":
        return "30 September 2023"
    if kind == "datetime":
        return "30 September 2023 23:59:59"
    if kind.startswith("unit:"):
        return f"{value:,.2f}".rstrip("0").rstrip(".") + " " + kind[5:]
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


# --- one worksheet -----------------------------------------------------------------------------

@dataclass
class _Sheet:
    """A worksheet with the bookkeeping the layout needs: column widths from content, row
    heights for wrapped text, outline levels, the header rows to freeze and repeat."""

    w: _Writer
    name: str
    heading: str
    ws: Any = None
    widths: dict[int, float] = field(default_factory=dict)
    caps: dict[int, float] = field(default_factory=dict)
    mins: dict[int, float] = field(default_factory=dict)
    folded: set[int] = field(default_factory=set)  # helper columns, hidden in an outline
    wrapped: list[tuple[int, int, int, str, bool]] = field(default_factory=list)
    vmerged: list[tuple[int, int, int, str, bool]] = field(default_factory=list)
    levels: dict[int, int] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    extent: dict[tuple[int, str, bool], list] = field(default_factory=dict)  # numbers' range
    header_end: int = TITLE_ROWS - 1
    breaks: list[int] = field(default_factory=list)  # manual page breaks (before these rows)
    blocks: list[tuple[int, int]] = field(default_factory=list)  # rows to keep on one page
    max_col: int = 0
    row: int = TITLE_ROWS

    def __post_init__(self) -> None:
        self.ws = self.w.wb.add_worksheet(self.name)
        # xlsxwriter runs ~30 regular expressions over every formula to prefix Excel 365
        # dynamic-array functions; our formulas use none of them (SUM, IF, AVERAGE,
        # COUNTIF, ...), so only the leading '=' needs removing. An instance attribute:
        # if xlsxwriter ever renames the method, this is simply unused.
        self.ws._prepare_formula = _prepare_formula
        ws = self.ws
        if self.w.fast_cells:
            fastcells.install(ws)
        # the hot paths call XlsxWriter's row/column methods without its A1-notation wrapper
        # (with the XlsxWriter versions fastcells was checked against)
        fast = self.w.fast_cells
        self._string = ws._write_string if fast else ws.write_string
        self._number = ws._write_number if fast else ws.write_number
        self._formula = ws._write_formula if fast else ws.write_formula
        self._blank = ws._write_blank if fast else ws.write_blank
        self.fmt = self.w.fmt

    # references
    def ref(self, r: int, c: int, absolute: bool = False) -> str:
        return f"'{self.name}'!{_a1(r, c, absolute)}"

    def range_ref(self, r1: int, c1: int, r2: int, c2: int) -> str:
        return f"'{self.name}'!{_a1(r1, c1, True)}:{_a1(r2, c2, True)}"


    # bookkeeping
    def _use(self, c: int, shown: str | None, bold: bool = False, wrap: bool = False,
             r: int | None = None, span: int = 1, header: bool = False) -> None:
        last = c + span - 1
        if last > self.max_col:
            self.max_col = last
        if not shown:
            return
        if wrap and r is not None:
            self.wrapped.append((r, c, span, shown, bold))
        if span != 1:
            return
        have = self.widths.get(c, 0.0)
        whole = text_width(shown, bold)
        if whole <= have:
            return  # neither the text nor any of its words can widen the column
        if wrap:
            # a header wraps onto lines rather than widening its column
            limit = 10.0 if header else self.caps.get(c, 50.0)
            words = shown.split()
            most = _MAX_ADVANCE * (1.08 if bold else 1.0)  # the widest a character can be
            if have >= limit and max(map(len, words), default=0) * most <= have:
                return  # only a word longer than the column could widen it
            longest = max((text_width(wd, bold) for wd in words), default=0.0)
            want = max(longest, min(whole, limit))
        else:
            want = whole
        if want > have:
            self.widths[c] = want

    def _use_number(self, c: int, value: Any, kind: str, bold: bool) -> None:
        """Note a number's column: the widest number of a column is its largest or its
        smallest (same format), so only those two are measured, when the sheet is finished."""
        if c > self.max_col:
            self.max_col = c
        if kind not in _MONOTONE or isinstance(value, str | bool):
            self._use(c, _display(value, kind), bold)
            return
        key = (c, kind, bold)
        ext = self.extent.get(key)
        if ext is None:
            self.extent[key] = [value, value]
        elif value < ext[0]:
            ext[0] = value
        elif value > ext[1]:
            ext[1] = value

    # writing
    def text(self, r: int, c: int, value: Any, *fmt: str, wrap: bool = True,
             measure: bool = True) -> None:
        """Write text (input or ours) as a string; None writes a blank cell."""
        style = self.w.styles.get((wrap, fmt))
        if style is None:  # first use of this combination: its format and how it measures
            names = ("td", *(("wrap",) if wrap else ()), *fmt)
            bold = "bold" in fmt or "total" in fmt or "header" in fmt
            style = self.w.styles[(wrap, fmt)] = (self.fmt(*names), bold, "header" in fmt)
        f, bold, header = style
        if value is None or value == "":
            self._blank(r, c, None, f)
            if c > self.max_col:
                self.max_col = c
            return
        s = str(value)
        self._string(r, c, s, f)
        if measure:
            self._use(c, s, bold, wrap, r, header=header)
        elif c > self.max_col:
            self.max_col = c

    def _number_style(self, kind: str, fmt: tuple[str, ...]) -> tuple[Any, bool]:
        style = self.w.styles.get((kind, fmt))
        if style is None:
            style = self.w.styles[(kind, fmt)] = (
                self.fmt("td", *((kind,) if kind else ()), *fmt), "bold" in fmt or "total" in fmt)
        return style

    def number(self, r: int, c: int, value: Any, kind: str, *fmt: str) -> None:
        f, bold = self._number_style(kind, fmt)
        if value is None:
            self._blank(r, c, None, f)
            if c > self.max_col:
                self.max_col = c
            return
        self._number(r, c, value, f)
        self._use_number(c, value, kind, bold)

    def formula(self, r: int, c: int, formula: str, value: Any, kind: str, *fmt: str) -> None:
        """A live formula with its computed value stored (None stores #N/A: not known)."""
        f, bold = self._number_style(kind, fmt)
        stored = NA if value is None else value
        self._formula(r, c, formula, f, stored)
        self._use_number(c, stored, kind, bold)

    def money(self, r: int, c: int, sen: int | None, *fmt: str) -> None:
        if sen is None:
            self.number(r, c, None, "amount", *fmt)
        else:
            self.number(r, c, F.rupiah(sen), "amount2" if F.has_sen(sen) else "amount", *fmt)

    def money_formula(self, r: int, c: int, formula: str, sen: int | None, *fmt: str) -> None:
        kind = "amount2" if F.has_sen(sen) else "amount"
        self.formula(r, c, formula, None if sen is None else F.rupiah(sen), kind, *fmt)

    def date(self, r: int, c: int, value: Any, *fmt: str) -> None:
        if isinstance(value, dt.datetime):
            d = value.replace(tzinfo=None)
            self.ws.write_datetime(r, c, d, self.fmt("td", "datetime", *fmt))
            self._use(c, _display(d, "datetime"))
        elif isinstance(value, dt.date):
            d = dt.datetime(value.year, value.month, value.day)
            self.ws.write_datetime(r, c, d, self.fmt("td", "date", *fmt))
            self._use(c, _display(d, "date"))
        else:
            self.text(r, c, value, *fmt)

    def merge_text(self, r: int, c1: int, c2: int, value: Any, *fmt: str, wrap: bool = True,
                   r2: int | None = None) -> None:
        """Text over merged cells (written with write_string, never write())."""
        r2 = r if r2 is None else r2
        names = ("td", *(("wrap",) if wrap else ()), *fmt)
        f = self.fmt(*names)
        if (r, c1) == (r2, c2):
            self.text(r, c1, value, *fmt, wrap=wrap)
            return
        self.ws.merge_range(r, c1, r2, c2, None, f)
        s = None if value is None else str(value)
        if s:
            self.ws.write_string(r, c1, s, f)
        bold = "bold" in fmt or "total" in fmt or "header" in fmt
        if r2 > r and s and c1 == c2:
            self.vmerged.append((r, r2, c1, s, bold))
            self._use(c1, s, bold, wrap=True, header="header" in fmt)
        elif r2 > r:
            self._use(c1, None, span=c2 - c1 + 1)
        else:
            self._use(c1, s if wrap else None, bold, wrap, r, span=c2 - c1 + 1)

    def header(self, r: int, labels: Iterable[str | None], first: bool = False) -> None:
        for c, label in enumerate(labels):
            if label is not None:
                self.text(r, c, label, "header")
        if first:
            self.header_end = r

    def band(self, r: int, text: str, last_col: int) -> None:
        """A section heading: a shaded row over the table's width."""
        f = self.fmt("td", "band")
        if last_col > 0:
            self.ws.merge_range(r, 0, r, last_col, None, f)
        self.ws.write_string(r, 0, text, f)
        self.heights[r] = max(self.heights.get(r, 0), 17.0)
        self.max_col = max(self.max_col, last_col)

    def note(self, r: int, text: str, last_col: int | None = None) -> None:
        """A note under a table, over the table's width."""
        last = self.max_col if last_col is None else last_col
        f = self.fmt("muted", "wrap")
        if last > 0:
            self.ws.merge_range(r, 0, r, last, None, f)
        self.ws.write_string(r, 0, text, f)
        self.wrapped.append((r, 0, last + 1, text, False))

    def comment(self, r: int, c: int, text: str) -> None:
        self.ws.write_comment(r, c, text, {"author": "lkj-excel", "x_scale": 2.2, "y_scale": 1.2})

    def no_data(self, r: int | None = None, why: str | None = None) -> None:
        r = self.row if r is None else r
        self.ws.write_string(r, 0, NO_DATA, self.fmt("bold"))
        if why:
            self.ws.write_string(r + 1, 0, why, self.fmt("muted"))
        self.row = r + 2

    # finishing
    def finish(self) -> None:
        ws = self.ws
        for (c, kind, bold), (lo, hi) in self.extent.items():
            for v in (lo, hi):
                self._use(c, _display(v, kind), bold)
        widths: dict[int, float] = {}
        for c in range(self.max_col + 1):
            want = self.widths.get(c, 0.0) + 2.0
            want = max(want, self.mins.get(c, 4.0))
            want = min(want, self.caps.get(c, 50.0) + 2.0)
            widths[c] = round(want, 1)
            if c in self.folded:  # a helper column: folded away, a + above opens it
                ws.set_column(c, c, widths[c], None, {"level": 1, "hidden": True})
                widths.pop(c)  # not printed: not part of the page's width
            else:
                ws.set_column(c, c, widths[c])
        if self.folded and max(self.folded) == self.max_col:
            ws.set_column(self.max_col + 1, self.max_col + 1, None, None, {"collapsed": True})
        # title rows over the table's width
        w = self.w
        titles = (
            (self.heading, "title", 22.0),
            (w.office_line, "subtitle", 17.0),
            (w.period, "subtitle", 17.0),
        )
        for r, (text, style, height) in enumerate(titles):
            f = self.fmt(style)
            if self.max_col > 0:
                ws.merge_range(r, 0, r, self.max_col, None, f)
            ws.write_string(r, 0, text, f)
            self.heights[r] = height
        lines: dict[int, int] = {}
        for r, c, span, text, bold in self.wrapped:
            width = sum(widths.get(c + k, 9.0) for k in range(span))
            if text_width(text, bold) <= width - 0.8 and "\n" not in text:
                continue  # fits on one line
            n = text_lines(text, width, bold)
            if n > lines.get(r, 1):
                lines[r] = n
        for r1, r2, c, text, bold in self.vmerged:
            need = text_lines(text, widths.get(c, 9.0), bold)
            have = sum(lines.get(r, 1) for r in range(r1, r2 + 1))
            if need > have:
                lines[r2] = lines.get(r2, 1) + need - have
        heights: dict[int, float] = {}
        for r in set(lines) | set(self.heights):
            height = self.heights.get(r)
            n = lines.get(r, 1)
            if n > 1:
                height = max(height or 0.0, n * LINE_PT + 2.0)
            if height is not None:
                heights[r] = height
        for r in sorted(set(heights) | set(self.levels)):
            level = self.levels.get(r, 0)
            ws.set_row(r, heights.get(r), None, {"level": level} if level else {})
        self._keep_together(widths, heights)
        if self.levels:
            ws.outline_settings(True, False, True, False)  # summary rows above their detail
        if self.breaks:
            ws.set_h_pagebreaks(sorted(set(self.breaks)))
        ws.freeze_panes(self.header_end + 1, 0)
        ws.repeat_rows(0, self.header_end)
        ws.set_paper(PAPER_A4)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=MARGIN_LR, right=MARGIN_LR, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
        ws.set_footer(FOOTER)

    def _keep_together(self, widths: dict[int, float], heights: dict[int, float]) -> None:
        """Add page breaks so that a block of rows (a table with its mean, a program with its
        kegiatan) that fits on one page is not split over two: an estimate of the printed
        page from the column widths (one page wide) and the row heights."""
        if not self.blocks:
            return
        width_pt = sum((w * 7 + 5) * 0.75 for w in widths.values())
        page_w = 297 / 25.4 * 72 - 2 * MARGIN_LR * 72
        page_h = 210 / 25.4 * 72 - (MARGIN_TOP + MARGIN_BOTTOM) * 72
        scale = min(1.0, page_w / width_pt) if width_pt else 1.0

        def h(r: int) -> float:
            return heights.get(r, DEFAULT_ROW_PT)

        room = page_h / scale * 0.92 - sum(h(r) for r in range(self.header_end + 1))
        starts: dict[int, int] = {}
        for a, b in self.blocks:
            starts[a] = max(b, starts.get(a, a))
        last = max(b for _a, b in self.blocks)
        breaks = set(self.breaks)
        used = 0.0
        for r in range(self.header_end + 1, last + 1):
            if r in breaks:
                used = 0.0
            end = starts.get(r)
            if end is not None and used > 0:
                need = sum(h(x) for x in range(r, end + 1))
                if used + need > room and need <= room:
                    breaks.add(r)
                    used = 0.0
            used += h(r)
            if used > room:  # the page ended by itself here
                used = h(r)
        self.breaks = sorted(breaks)


# --- the workbook -------------------------------------------------------------------------------

@dataclass
class _CK:
    """Where an indicator's figures are in Capaian Kinerja."""

    target: str
    realisasi: str | None
    capaian: str | None


class _Writer:
    def __init__(self, wb, report, settings, fig: F.Figures, run_time: dt.datetime) -> None:
        self.wb = wb
        self.report = report
        self.settings = settings
        self.fig = fig
        self.run_time = run_time
        self.fm = Formats(wb, EXTRA)
        self.fast_cells = fastcells.usable()
        self.styles: dict[tuple, tuple] = {}  # (options, format names) -> format, how it measures
        data = report.data
        office = _office(report)
        pemda = data.identity.get("Pemerintah Daerah") if data else None
        parts = [p for p in (office, pemda) if p]
        self.office_line = ", ".join(str(p) for p in parts) or "Perangkat daerah tidak tertulis"
        self.period = _period(report)
        headings = {
            "Ringkasan": "RINGKASAN LAPORAN KINERJA (LKj)",
            "Perjanjian Kinerja": "PERJANJIAN KINERJA",
            "Capaian Kinerja": "CAPAIAN KINERJA",
            "Perbandingan": "PERBANDINGAN REALISASI DAN CAPAIAN KINERJA DENGAN TAHUN LALU",
            "Realisasi Anggaran": "REALISASI ANGGARAN",
            "Cost per Outcome": "COST PER OUTCOME (EFISIENSI)",
            "Fasilitasi": "HASIL FASILITASI, KOORDINASI DAN REKOMENDASI",
            "Dokumen Desa": "DOKUMEN ADMINISTRASI PEMERINTAHAN DESA",
            "Pegawai": "DATA PEGAWAI",
            "Rekonsiliasi": "REKONSILIASI: TEMUAN PEMERIKSAAN DATA ISIAN",
            "Metode": "METODE PERHITUNGAN",
        }
        self.s = {name: _Sheet(self, name, headings[name]) for name in SHEETS}
        self.findings_at: dict[tuple[str | None, str | None], list[str]] = {}
        for f in report.findings:
            ids = self.findings_at.setdefault((f.sheet, f.cell), [])
            if f.check not in ids:
                ids.append(f.check)
        # cross references, filled as sheets are written
        self.ra_row: dict[int, int] = {}  # id(BudgetRow) -> row in Realisasi Anggaran
        self.ra_total_row: int | None = None
        self.fac_pct: str | None = None
        self.doc_pct: dict[str, str] = {}
        self.ck: dict[int, _CK] = {}  # id(PKRow) -> cells
        self.ck_strategis_mean: str | None = None
        self.ck_example: int | None = None  # the first indicator row of Capaian Kinerja
        self.rek_tingkat: str | None = None
        self._bands: list[tuple[str, str]] | None = None  # predikat_formula's bands

    def fmt(self, *names: str):
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

    def ids(self, contract_sheet: str, addr: str | None) -> list[str]:
        data = self.report.data
        name = data.sheets.get(contract_sheet, contract_sheet) if data else contract_sheet
        return self.findings_at.get((name, addr), [])

    def run(self) -> None:
        self.realisasi_anggaran()
        self.fasilitasi()
        self.dokumen_desa()
        self.rekonsiliasi()
        self.capaian_kinerja()
        self.perjanjian_kinerja()
        self.perbandingan()
        self.cost_per_outcome()
        self.pegawai()
        self.metode()
        self.ringkasan()
        for sh in self.s.values():
            sh.finish()

    # --- helpers shared by the PK-based sheets ---------------------------------------------

    def value_kind(self, ind: F.Indicator) -> str:
        if ind.is_percent:
            return "percent"
        unit = ind.pk.satuan.value
        return f"unit:{unit}" if unit and not is_percent_unit(unit) else "amount"

    def capaian_formula(self, target: str, real: str, arah: str) -> str:
        if arah == "Turun":
            return f"=(2*{target}-{real})/{target}"
        return f"={real}/{target}"

    def predikat_formula(self, cell: str) -> str:
        """Nested IF over the bands, from the unrounded capaian (ROUND to 12 places only
        removes floating-point noise, so 0.819/0.9 counts as 91%)."""
        if self._bands is None:  # the same for every cell: converted once
            st = self.settings
            self._bands = [(repr(float(Fraction(repr(float(bound))) / 100)), _quote(label))
                           for bound, label in zip(st.batas, st.label, strict=False)]
        expr = _quote(self.settings.label[-1])
        for frac, label in reversed(self._bands):
            expr = f"IF(ROUND({cell},12)>={frac},{label},{expr})"
        return "=" + expr

    def sasaran_rows(self, sh: _Sheet, start: int, inds: list[F.Indicator]) -> list[int]:
        """Merge No and Sasaran over consecutive indicators of the same sasaran; return
        the row of each indicator."""
        rows = list(range(start, start + len(inds)))
        i = 0
        no = 0
        while i < len(inds):
            j = i
            s = inds[i].pk.sasaran.value
            while s and j + 1 < len(inds) and inds[j + 1].pk.sasaran.value == s:
                j += 1
            no += 1
            if j > i:
                sh.merge_text(rows[i], 0, 0, str(no), "center", r2=rows[j])
                sh.merge_text(rows[i], 1, 1, _text(inds[i].pk.sasaran), r2=rows[j])
            else:
                sh.text(rows[i], 0, str(no), "center")
                sh.text(rows[i], 1, _text(inds[i].pk.sasaran))
            i = j + 1
        return rows

    # --- Realisasi Anggaran --------------------------------------------------------------------

    def realisasi_anggaran(self) -> None:
        sh = self.s["Realisasi Anggaran"]
        sh.caps.update({0: 20, 1: 60})
        sh.mins.update({2: 14, 3: 14, 4: 14, 5: 10})
        budget = self.fig.budget
        tree = list(budget.tree()) if budget is not None else []
        r0 = TITLE_ROWS
        if not tree and (budget is None or budget.total is None):
            sh.no_data(r0, "Sheet Realisasi tidak ada atau tidak berisi baris anggaran.")
            return
        sh.header(r0, ("Kode", "Uraian", "Pagu", "Realisasi", "Sisa", "Serapan"),
                  first=True)
        r = r0 + 1
        for b in tree:
            self.ra_row[id(b)] = r
            r += 1
        for b in tree:
            self._budget_row(sh, b)
            if b.children:
                rows_below = [self.ra_row[id(x)] for x in F.subtree(b)]
                sh.blocks.append((min(rows_below), max(rows_below)))
        total_r = r
        self.ra_total_row = total_r
        progs = [self.ra_row[id(p)] for p in budget.programs]
        style = ("total",)
        sh.text(total_r, 0, None, *style)
        sh.text(total_r, 1, "JUMLAH", *style)
        fig = self.fig
        t = budget.total
        notes = {}
        if t is not None:
            for col, val, shown in ((2, t.pagu, fig.pagu), (3, t.realisasi, fig.realisasi),
                                    (4, t.sisa, fig.sisa)):
                notes[col] = self._typed_note(val, shown)
        hl = {c: (*style, "typed") if notes.get(c) else style for c in (2, 3, 4)}
        if progs:
            sh.money_formula(total_r, 2, _sum_formula(2, progs), fig.pagu, *hl[2])
            sh.money_formula(total_r, 3, _sum_formula(3, progs), fig.realisasi, *hl[3])
        else:
            sh.money(total_r, 2, 0, *hl[2])
            sh.money(total_r, 3, 0, *hl[3])
        sh.money_formula(total_r, 4, f"={_a1(total_r, 2)}-{_a1(total_r, 3)}", fig.sisa, *hl[4])
        self._serapan_cell(sh, total_r, fig.pagu, fig.realisasi, *style)
        for col, text in notes.items():
            if text:
                sh.comment(total_r, col, text)
        r = total_r + 2
        if budget.unplaced:
            sh.band(r, "Baris yang tidak dapat ditempatkan (tidak ikut dijumlahkan)", 6)
            r += 1
            sh.header(r, ("Kode", "Uraian", "Pagu", "Realisasi", "Sisa",
                          "Serapan", "Keterangan"))
            sh.caps[6] = 40
            r += 1
            sh.blocks.append((r - 2, r - 1 + len(budget.unplaced)))
            for b in budget.unplaced:
                sh.text(r, 0, _text(b.kode), "placed")
                sh.text(r, 1, _text(b.uraian), "placed")
                sh.money(r, 2, b.c_pagu)
                sh.money(r, 3, b.c_realisasi)
                sh.money_formula(r, 4, f"={_a1(r, 2)}-{_a1(r, 3)}", b.c_sisa)
                self._serapan_cell(sh, r, b.c_pagu, b.c_realisasi)
                where = f"Realisasi!{b.kode.addr or b.uraian.addr or ''}".rstrip("!")
                ids = self.ids("Realisasi", b.kode.addr)
                note = f"{where}: {b.placement_note or 'tidak dapat ditempatkan'}"
                if ids:
                    note += f" ({', '.join(ids)})"
                sh.text(r, 6, note)
                r += 1
            r += 1
        sh.note(r, "Angka program, kegiatan dan jumlah adalah jumlah baris di bawahnya (rumus "
                   "SUM); Sisa = Pagu − Realisasi; Serapan = Realisasi ÷ Pagu.", 5)
        sh.note(r + 1, "Sel berwarna kuning: angka yang tertulis di isian berbeda dengan yang "
                       "ditampilkan (lihat komentar sel). Baris berwarna jingga: kodenya tidak "
                       "menunjukkan induknya, ditempatkan menurut posisinya.", 5)
        sh.row = r + 2

    def _serapan_cell(self, sh: _Sheet, r: int, pagu: int | None, real: int | None,
                      *fmt: str) -> None:
        if pagu == 0:
            sh.text(r, 5, F.TIDAK_DAPAT, "muted", *fmt)
        else:
            sh.formula(r, 5, f"={_a1(r, 3)}/{_a1(r, 2)}", F.serapan(pagu, real), "percent", *fmt)

    def _budget_row(self, sh: _Sheet, b) -> None:
        r = self.ra_row[id(b)]
        level = b.level or 3
        bold = ("bold",) if level <= 2 else ()
        placed = ("placed",) if b.placed_by_position else ()
        sh.text(r, 0, _text(b.kode), *bold, *placed)
        sh.text(r, 1, _text(b.uraian), *bold, *placed, *((f"ind{level - 1}",) if level > 1 else ()))
        if b.placed_by_position:
            ids = self.ids("Realisasi", b.kode.addr)
            note = b.placement_note[:1].upper() + b.placement_note[1:]
            sh.comment(r, 0, note + (f"; {', '.join(ids)}" if ids else ""))
        if level > 1:
            sh.levels[r] = level - 1
        notes = {col: self._typed_note(val, shown)
                 for col, val, shown in ((2, b.pagu, b.c_pagu), (3, b.realisasi, b.c_realisasi),
                                         (4, b.sisa, b.c_sisa))}
        hl = {c: (*bold, "typed") if notes[c] else bold for c in (2, 3, 4)}
        if b.children:
            kids = [self.ra_row[id(c)] for c in b.children]
            sh.money_formula(r, 2, _sum_formula(2, kids), b.c_pagu, *hl[2])
            sh.money_formula(r, 3, _sum_formula(3, kids), b.c_realisasi, *hl[3])
        else:
            for col, comp in ((2, b.c_pagu), (3, b.c_realisasi)):
                if comp is None:
                    sh.formula(r, col, "=NA()", None, "amount", *bold, "typed")
                else:
                    sh.money(r, col, comp, *hl[col])
        sh.money_formula(r, 4, f"={_a1(r, 2)}-{_a1(r, 3)}", b.c_sisa, *hl[4])
        self._serapan_cell(sh, r, b.c_pagu, b.c_realisasi, *bold)
        for col, text in notes.items():
            if text:
                sh.comment(r, col, text)

    def _typed_note(self, val, shown: int | None) -> str | None:
        """The comment of a cell whose typed figure differs from the one shown: what was
        typed and the checks that fired on that cell; None when they agree."""
        if val is None:
            return None
        if val.unknown:
            raw = val.cell.raw if val.cell is not None else None
            text = f"Tertulis '{raw}' (tidak terbaca)" if raw is not None else "Tidak terbaca"
        elif val.value is not None and shown is not None and val.value != shown:
            text = f"Tertulis {format_rp(val.value)}"
        elif val.value is not None and shown is None:
            text = f"Tertulis {format_rp(val.value)}; jumlah rinciannya tidak diketahui"
        else:
            return None
        ids = self.ids("Realisasi", val.addr)
        if ids:
            text += "; " + ", ".join(ids)
        return text

    # --- Fasilitasi ---------------------------------------------------------------------------

    def fasilitasi(self) -> None:
        sh = self.s["Fasilitasi"]
        fac = self.fig.facilitation
        r0 = TITLE_ROWS
        if fac is None or not fac.rows:
            why = ("Sheet Fasilitasi tidak ada di isian." if fac is None
                   else "Sheet Fasilitasi tidak berisi item.")
            sh.no_data(r0, why)
            return
        sh.caps.update({1: 13, 2: 60, 5: 35, 8: 40})
        sh.folded.add(8)  # Kunci Item: what the COUNTIF formulas compare
        sh.mins.update({3: 9, 6: 12, 7: 12})
        sh.header(r0, ("No", "Jenis", "Uraian", "Ditindak-lanjuti", "Tanggal", "Keterangan",
                       "Item (dihitung sekali)", "Ditindak-lanjuti (dihitung)", "Kunci Item"),
                  first=True)
        r = r0 + 1
        first = r
        last = first + len(fac.rows) - 1
        keys = f"{_a1(first, 8, True)}:{_a1(last, 8, True)}"
        status = f"{_a1(first, 3, True)}:{_a1(last, 3, True)}"
        for i, fr in enumerate(fac.rows, 1):
            it = fr.item
            sh.text(r, 0, str(i), "center")
            sh.text(r, 1, _text(it.jenis))
            sh.text(r, 2, _text(it.uraian))
            ya = it.ya.value
            sh.text(r, 3, _text(it.ya) if it.ya.unknown else ("Ya" if ya else "Tidak"), "center")
            sh.date(r, 4, it.tanggal.value if not it.tanggal.unknown else _text(it.tanggal))
            notes = []
            if _text(it.keterangan):
                notes.append(_text(it.keterangan))
            if not fr.counted:
                notes.append(f"Sama dengan item baris {fr.first_row} di isian: dihitung sekali")
            sh.text(r, 5, "; ".join(notes) or None)
            # counted at the first row of its key; Ya when any row of that key says Ya
            key = _a1(r, 8)
            sh.formula(r, 6, f"=IF(COUNTIF({_a1(first, 8, True)}:{key},{key})=1,1,0)",
                       int(fr.counted), "whole", "center")
            sh.formula(r, 7, f'=IF({_a1(r, 6)}=1,IF(COUNTIFS({keys},{key},{status},"Ya")>0,1,0),0)',
                       int(fr.ya_counted), "whole", "center")
            sh.text(r, 8, fr.key, "muted", wrap=False)
            r += 1
        r += 1
        sh.header(r, (None, "Jenis", "Jumlah", None, None, None, "Item", "Ditindak-lanjuti"))
        sh.blocks.append((r, r + len(fac.by_jenis()) + 2))
        r += 1
        jrows = []
        for jenis, n, y in fac.by_jenis():
            sh.text(r, 1, jenis)
            sh.text(r, 2, None)
            rng_j = f"{_a1(first, 1, True)}:{_a1(last, 1, True)}"
            if jenis in ("Fasilitasi", "Koordinasi", "Rekomendasi"):
                for col, val in ((6, n), (7, y)):
                    rng = f"{_a1(first, col, True)}:{_a1(last, col, True)}"
                    sh.formula(r, col, f"=SUMIF({rng_j},{_quote(jenis)},{rng})", val, "whole",
                               "center")
            else:
                sh.number(r, 6, n, "whole", "center")
                sh.number(r, 7, y, "whole", "center")
            jrows.append(r)
            r += 1
        tot = r
        sh.text(tot, 1, "Jumlah", "total")
        sh.text(tot, 2, "Semua item, masing-masing dihitung sekali", "total")
        sh.formula(tot, 6, f"=SUM({_a1(first, 6)}:{_a1(last, 6)})", fac.total, "whole",
                   "center", "total")
        sh.formula(tot, 7, f"=SUM({_a1(first, 7)}:{_a1(last, 7)})", fac.ya, "whole",
                   "center", "total")
        r += 1
        sh.text(r, 1, "Persentase", "total")
        sh.text(r, 2, "Item ditindaklanjuti ÷ jumlah item (realisasi indikator PK)", "total")
        if fac.total:
            sh.formula(r, 7, f"={_a1(tot, 7)}/{_a1(tot, 6)}", fac.fraction, "percent", "total")
            self.fac_pct = sh.ref(r, 7)
        else:
            sh.text(r, 7, None, "total")
            sh.text(r, 5, f"Daftar kosong: {F.TIDAK_DAPAT}", "muted")
        r += 2
        sh.note(r, "Item yang tertulis lebih dari sekali (Jenis dan Uraian sama) dihitung sekali, "
                   "sebagai ditindaklanjuti bila salah satu barisnya Ya. Kunci Item: Jenis dan "
                   "Uraian tanpa huruf besar, spasi dan tanda baca (kolom I, dilipat: klik + di atas "
                   "kolom untuk membukanya); baris dengan kunci yang sama adalah item yang sama.",
                7)
        sh.row = r + 1

    # --- Dokumen Desa ----------------------------------------------------------------------------

    def dokumen_desa(self) -> None:
        sh = self.s["Dokumen Desa"]
        vf = self.fig.villages
        r0 = TITLE_ROWS
        if vf is None or vf.n == 0:
            why = ("Sheet LPPDes tidak ada di isian." if vf is None
                   else "Sheet LPPDes tidak berisi desa.")
            sh.no_data(r0, why)
            return
        sh.caps.update({1: 25, 6: 45})
        sh.mins.update({3: 17, 4: 17, 5: 12})
        sh.header(r0, ("No", "Desa", "Dokumen", "Batas Waktu", "Tanggal Penetapan", "Status",
                       "Keterangan"), first=True)
        r = r0 + 1
        first = r
        for n, key in enumerate(vf.villages, 1):
            sh.blocks.append((r, r + len(F.DOCS) - 1))
            for k, doc in enumerate(F.DOCS):
                d = vf.docs.get((key, doc))
                if k == 0:
                    sh.number(r, 0, n, "whole", "center")
                else:
                    sh.text(r, 0, None)
                sh.text(r, 1, vf.names.get(key))
                sh.text(r, 2, doc)
                notes = []
                if d is None:
                    sh.text(r, 3, None)
                    sh.text(r, 4, None)
                    notes.append("Tidak ada baris untuk dokumen ini di isian")
                    status = "Belum"
                else:
                    for col, v in ((3, d.batas), (4, d.tanggal)):
                        if v.unknown:
                            sh.text(r, col, None)
                            notes.append(f"Tanggal tidak terbaca: '{_text(v)}'")
                        else:
                            sh.date(r, col, v.value)
                    status = d.status
                    if _text(d.keterangan):
                        notes.append(_text(d.keterangan))
                b, t = _a1(r, 3), _a1(r, 4)
                sh.formula(r, 5, f'=IF({t}="","Belum",IF({b}="","Tidak Diketahui",'
                                 f'IF({t}<={b},"Tepat Waktu","Terlambat")))', status, "", "center")
                sh.text(r, 6, "; ".join(notes) or None)
                r += 1
        last = r - 1
        r += 1
        sh.header(r, (None, "Dokumen", "Tepat Waktu", "Terlambat", "Belum",
                      "Jumlah Desa", "Persentase Tepat Waktu"))
        sh.blocks.append((r, r + len(F.DOCS) + 1))
        r += 1
        docs_rng = f"{_a1(first, 2, True)}:{_a1(last, 2, True)}"
        st_rng = f"{_a1(first, 5, True)}:{_a1(last, 5, True)}"
        no_rng = f"{_a1(first, 0, True)}:{_a1(last, 0, True)}"
        doc_rows = {}
        for doc in F.DOCS:
            sh.text(r, 1, doc)
            counts = vf.statuses[doc]
            for col, status in ((2, "Tepat Waktu"), (3, "Terlambat"), (4, "Belum")):
                sh.formula(r, col, f'=COUNTIFS({docs_rng},"{doc}",{st_rng},"{status}")',
                           counts[status], "whole", "center")
            sh.formula(r, 5, f"=COUNT({no_rng})", vf.n, "whole", "center")
            sh.formula(r, 6, f"={_a1(r, 2)}/{_a1(r, 5)}", vf.fraction(doc), "percent")
            self.doc_pct[doc] = sh.ref(r, 6)
            doc_rows[doc] = r
            r += 1
        rows = list(doc_rows.values())
        sh.text(r, 1, "Ketiga dokumen (desa × 3)", "total")
        for col in (2, 3, 4):
            sh.formula(r, col, f"=SUM({_a1(rows[0], col)}:{_a1(rows[-1], col)})",
                       vf.count({2: "Tepat Waktu", 3: "Terlambat", 4: "Belum"}[col]), "whole",
                       "center", "total")
        sh.formula(r, 5, f"={_a1(rows[0], 5)}*3", vf.n * 3, "whole", "center", "total")
        sh.formula(r, 6, f"={_a1(r, 2)}/{_a1(r, 5)}", vf.all_fraction, "percent", "total")
        self.doc_pct["Dokumen Desa"] = sh.ref(r, 6)
        r += 2
        sh.note(r, "Status: Tepat Waktu bila Tanggal Penetapan tidak melewati Batas Waktu, "
                   "Terlambat bila sesudahnya, Belum bila belum ada tanggal, Tidak Diketahui bila "
                   "Batas Waktu kosong atau tidak terbaca (tidak dihitung tepat waktu). Desa yang tertulis "
                   "lebih dari sekali untuk satu dokumen dihitung sekali (baris pertama).", 6)
        sh.row = r + 1

    # --- Rekonsiliasi ------------------------------------------------------------------------------

    def rekonsiliasi(self) -> None:
        sh = self.s["Rekonsiliasi"]
        sh.caps.update({1: 26, 3: 12, 5: 18, 6: 22, 7: 22, 9: 60})
        sh.mins.update({6: 12, 7: 12, 8: 12})
        r0 = TITLE_ROWS
        sh.header(r0, ("No", "Check", "Tingkat", "Sheet", "Sel", "Kode", "Ditemukan",
                       "Seharusnya", "Selisih", "Keterangan"), first=True)
        r = r0 + 1
        findings = self.report.findings
        if not findings:
            sh.merge_text(r, 0, 9, "Tidak ada temuan: data isian konsisten.", "bold")
            last = r
        else:
            for i, f in enumerate(findings, 1):
                sev = "Kesalahan" if f.is_error else "Peringatan"
                sh.number(r, 0, i, "whole", "center")
                sh.text(r, 1, f.check)
                sh.text(r, 2, sev, *(("bold",) if f.is_error else ()))
                sh.text(r, 3, f.sheet)
                sh.text(r, 4, f.cell)
                sh.text(r, 5, f.kode)
                gv, gk = finding_value(f.found)
                hv, hk = finding_value(f.expected)
                for col, v, k in ((6, gv, gk), (7, hv, hk)):
                    if isinstance(v, str):
                        sh.text(r, col, v)
                    else:
                        sh.number(r, col, v, k if v is not None else "")
                diff = finding_difference(f.found, f.expected)
                if diff is not None:
                    sh.formula(r, 8, f"={_a1(r, 6)}-{_a1(r, 7)}", *diff)
                else:
                    sh.text(r, 8, None)
                sh.text(r, 9, f.message)
                r += 1
            last = r - 1
        sh.ws.autofilter(r0, 0, last, 9)
        self.rek_tingkat = sh.range_ref(r0 + 1, 2, last, 2)
        sh.row = last + 2

    # --- Capaian Kinerja ---------------------------------------------------------------------------

    def capaian_kinerja(self) -> None:
        sh = self.s["Capaian Kinerja"]
        sh.caps.update({1: 40, 2: 40, 6: 14, 7: 40})
        sh.mins.update({3: 9, 4: 10, 5: 9, 6: 13})
        tables = self.fig.tables
        r = TITLE_ROWS
        if not tables:
            sh.no_data(r, "Sheet PK tidak ada atau tidak berisi indikator.")
            return
        # One header for every table (it is repeated on each printed page); each table
        # starts with its own heading row.
        sh.header(r, ("No", "Sasaran", "Indikator", "Target", "Realisasi", "Capaian",
                      "Predikat", "Keterangan"), first=True)
        r += 1
        for k, t in enumerate(tables):
            sh.band(r, f"{k + 1}. {t.title}", 7)
            r += 1
            rows = self.sasaran_rows(sh, r, t.rows)
            for ind, rr in zip(t.rows, rows, strict=True):
                self._ck_row(sh, rr, ind)
            if self.ck_example is None:
                self.ck_example = rows[0]
            r = rows[-1] + 1
            # the mean of the table
            sh.merge_text(r, 0, 4, "Capaian rata-rata", "total", "right", wrap=False)
            cap_rng = f"{_a1(rows[0], 5)}:{_a1(rows[-1], 5)}"
            if t.mean.count:
                sh.formula(r, 5, f"=AVERAGE({cap_rng})", t.mean.value, "percent", "total")
                sh.formula(r, 6, self.predikat_formula(_a1(r, 5)),
                           F.predikat(t.mean.value, self.settings), "", "total")
                if t.level == "Sasaran Strategis" and self.ck_strategis_mean is None:
                    self.ck_strategis_mean = sh.ref(r, 5)
            else:
                sh.text(r, 5, F.BELUM_DIUKUR, "total", "muted")
                sh.text(r, 6, None, "total")
            sh.text(r, 7, t.mean.label, "total")
            sh.blocks.append((rows[0] - 1, r))
            r += 1
        r += 1
        sh.note(r, "Capaian = Realisasi ÷ Target (Arah Naik) atau (2 × Target − Realisasi) ÷ "
                   "Target (Arah Turun), tidak dibatasi 100%. Predikat dari capaian yang belum "
                   "dibulatkan (lihat sheet Metode). Capaian rata-rata hanya dari indikator yang "
                   "sudah punya capaian.", 7)
        sh.row = r + 1

    def _ck_row(self, sh: _Sheet, r: int, ind: F.Indicator) -> None:
        kind = self.value_kind(ind)
        sh.text(r, 2, _text(ind.pk.indikator))
        tgt = _a1(r, 3)
        real = _a1(r, 4)
        if ind.target is not None:
            sh.number(r, 3, ind.target_cell, kind)
        else:
            sh.text(r, 3, _text(ind.pk.target), "typed")
        derived_ref = None
        if ind.sumber:
            derived_ref = self.fac_pct if ind.sumber == "Fasilitasi" else self.doc_pct.get(ind.sumber)
        if ind.realisasi is None:
            sh.text(r, 4, None)
            real_ref = None
        elif ind.sumber and derived_ref and ind.is_percent:
            sh.formula(r, 4, f"={derived_ref}", ind.realisasi_cell, kind)
            real_ref = sh.ref(r, 4)
        else:
            sh.number(r, 4, ind.realisasi_cell, kind)
            real_ref = sh.ref(r, 4)
        cap_ref = None
        if ind.capaian is not None:
            sh.formula(r, 5, self.capaian_formula(tgt, real, ind.arah), ind.capaian, "percent")
            sh.formula(r, 6, self.predikat_formula(_a1(r, 5)), ind.predikat, "")
            cap_ref = sh.ref(r, 5)
        else:
            why = F.BELUM_DIUKUR if ind.reason == F.BELUM_DIUKUR else F.TIDAK_DAPAT
            sh.text(r, 5, why, "muted")
            sh.text(r, 6, None)
        sh.text(r, 7, ind.note or None)
        self.ck[id(ind.pk)] = _CK(sh.ref(r, 3) if ind.target is not None else "", real_ref, cap_ref)

    # --- Perjanjian Kinerja ------------------------------------------------------------------------

    def perjanjian_kinerja(self) -> None:
        sh = self.s["Perjanjian Kinerja"]
        sh.caps.update({1: 45, 2: 45, 4: 16, 5: 16})
        sh.mins.update({3: 18, 4: 15, 5: 14})
        r = TITLE_ROWS
        tables = self.fig.tables
        if not tables:
            sh.no_data(r, "Sheet PK tidak ada atau tidak berisi indikator.")
            return
        budget_noun = {"Sasaran Strategis": "Anggaran", "Sasaran Program": "Program",
                       "Sasaran Kegiatan": "Kegiatan", "Sasaran Sub Kegiatan": "Sub Kegiatan"}
        sh.header(r, ("No", "Sasaran", "Indikator Kinerja", "Target"), first=True)
        r += 1
        for k, t in enumerate(tables):
            sh.band(r, f"{k + 1}. {t.title}", 5)
            r += 1
            rows = self.sasaran_rows(sh, r, t.rows)
            for ind, rr in zip(t.rows, rows, strict=True):
                sh.text(rr, 2, _text(ind.pk.indikator))
                if ind.target is not None:
                    sh.number(rr, 3, ind.target_cell, self.value_kind(ind))
                else:
                    sh.text(rr, 3, _text(ind.pk.target), "typed")
            r = rows[-1] + 1
            sh.blocks.append((rows[0] - 1, rows[-1]))
            lines = F.budget_lines(t.rows, self.fig.budget)
            if lines:
                r += 1
                start = r
                r = self._pk_budget_table(sh, r, t, lines, budget_noun.get(t.level, "Uraian"))
                sh.blocks.append((start, r - 1))
            r += 1
        sh.note(r, "Anggaran adalah pagu kode itu di sheet Realisasi Anggaran (jumlah rinciannya). "
                   "Sel kuning: Anggaran yang tertulis di PK berbeda (lihat komentar sel).", 5)
        sh.row = r + 1

    def _pk_budget_table(self, sh: _Sheet, r: int, t: F.CapaianTable,
                         lines: list[F.BudgetLine], noun: str) -> int:
        """The programs (or kegiatan) of one table with Kode, Anggaran, Sumber Dana and a
        total row; returns the next free row."""
        sh.text(r, 0, "No", "header")
        sh.merge_text(r, 1, 2, noun, "header")
        for c, label in ((3, "Kode"), (4, "Anggaran (Rp)"), (5, "Sumber Dana")):
            sh.text(r, c, label, "header")
        r += 1
        first = r
        for i, line in enumerate(lines, 1):
            self._pk_budget_line(sh, r, i, line)
            r += 1
        label = "Total" if t.level in ("Sasaran Strategis", "Sasaran Program") else "Jumlah"
        sh.text(r, 0, None, "total")
        sh.merge_text(r, 1, 2, label, "total")
        sh.text(r, 3, None, "total")
        amounts = [ln.anggaran for ln in lines]
        total = None if any(a is None for a in amounts) else sum(amounts)
        sh.money_formula(r, 4, f"=SUM({_a1(first, 4)}:{_a1(r - 1, 4)})", total, "total")
        funds: list[str] = []
        for ln in lines:
            for part in ln.sumber_dana.split(", "):
                if part and part not in funds:
                    funds.append(part)
        sh.text(r, 5, ", ".join(funds) or None, "total")
        return r + 1

    def _pk_budget_line(self, sh: _Sheet, r: int, i: int, line: F.BudgetLine) -> None:
        sh.text(r, 0, str(i), "center")
        sh.merge_text(r, 1, 2, line.uraian)
        sh.text(r, 3, line.kode)
        comment = None
        style: tuple[str, ...] = ()
        ra = self.ra_row.get(id(line.budget)) if line.budget is not None else None
        if line.differs:
            seen: list[int] = []
            ids: list[str] = []
            for v, pk in line.differs:
                if v not in seen:
                    seen.append(v)
                for cid in self.ids("PK", pk.anggaran.addr):
                    if cid not in ids:
                        ids.append(cid)
            comment = "Tertulis di PK " + ", ".join(format_rp(v) for v in seen)
            if ids:
                comment += "; " + ", ".join(ids)
            style = ("typed",)
        if line.budget is not None and ra is not None:
            ref = f"'Realisasi Anggaran'!{_a1(ra, 2)}"
            sh.money_formula(r, 4, f"={ref}", line.anggaran, *style)
        elif line.budget is not None:  # an unplaced row: its computed figure
            sh.money(r, 4, line.anggaran, *style)
        else:
            sh.money(r, 4, line.anggaran, "typed")
            comment = "Kode ini tidak ada di sheet Realisasi: angka tertulis di PK"
            ids = []
            for _v, pk in line.typed:
                ids += [c for c in self.ids("PK", pk.kode.addr) if c not in ids]
            if ids:
                comment += "; " + ", ".join(ids)
        if comment:
            sh.comment(r, 4, comment)
        sh.text(r, 5, line.sumber_dana or None)

    # --- Perbandingan --------------------------------------------------------------------------------

    def perbandingan(self) -> None:
        sh = self.s["Perbandingan"]
        sh.caps.update({1: 55})
        sh.mins.update({c: 10 for c in range(2, 8)})
        inds = [i for i in self.fig.indicators
                if _usable_val(i.pk.target_ll) is not None or _usable_val(i.pk.realisasi_ll) is not None]
        r0 = TITLE_ROWS
        if not inds:
            sh.no_data(r0, "Target dan Realisasi Tahun Lalu tidak diisi di PK.")
            return
        th, tw = self.report.tahun, self.report.triwulan
        last_year = f"Tahun {th - 1}" if th else "Tahun lalu"
        this_year = f"Tahun {th}" if th else "Tahun ini"
        sh.merge_text(r0, 0, 0, "No", "header", r2=r0 + 1)
        sh.merge_text(r0, 1, 1, "Indikator Kinerja", "header", r2=r0 + 1)
        sh.merge_text(r0, 2, 4, last_year, "header")
        sh.merge_text(r0, 5, 7, this_year, "header")
        sh.header(r0 + 1, (None, None, "Target", "Realisasi", "Capaian", "Target",
                           f"Realisasi TW {tw}" if tw else "Realisasi", "Capaian"))
        sh.header_end = r0 + 1
        r = r0 + 2
        for n, ind in enumerate(inds, 1):
            kind = self.value_kind(ind)
            sh.text(r, 0, str(n), "center")
            sh.text(r, 1, _text(ind.pk.indikator))
            t_ll = _usable_val(ind.pk.target_ll)
            r_ll = _usable_val(ind.pk.realisasi_ll)
            sh.number(r, 2, ind.to_sheet(t_ll), kind)
            sh.number(r, 3, ind.to_sheet(r_ll), kind)
            c_ll = F.capaian(t_ll, r_ll, ind.arah)
            if c_ll is not None:
                sh.formula(r, 4, self.capaian_formula(_a1(r, 2), _a1(r, 3), ind.arah), c_ll,
                           "percent")
            else:
                sh.text(r, 4, None)
            ck = self.ck.get(id(ind.pk))
            if ck and ck.target:
                sh.formula(r, 5, f"={ck.target}", ind.target_cell, kind)
            else:
                sh.number(r, 5, None, kind)
            if ck and ck.realisasi:
                sh.formula(r, 6, f"={ck.realisasi}", ind.realisasi_cell, kind)
            else:
                sh.text(r, 6, None)
            if ind.capaian is not None:
                sh.formula(r, 7, self.capaian_formula(_a1(r, 5), _a1(r, 6), ind.arah),
                           ind.capaian, "percent")
            else:
                sh.text(r, 7, F.BELUM_DIUKUR if ind.reason == F.BELUM_DIUKUR else None, "muted")
            r += 1
        r += 1
        sh.note(r, "Tahun ini: target dan realisasi kumulatif sampai akhir triwulan yang "
                   "dilaporkan (dari sheet Capaian Kinerja).", 7)
        sh.row = r + 1

    # --- Cost per Outcome ----------------------------------------------------------------------------

    def cost_per_outcome(self) -> None:
        sh = self.s["Cost per Outcome"]
        sh.caps.update({1: 28, 2: 28, 3: 16, 11: 26})
        sh.mins.update({4: 14, 5: 14, 6: 9, 7: 9, 8: 9, 9: 9, 10: 12})
        groups = self.fig.cost
        r = TITLE_ROWS
        if not groups:
            sh.no_data(r, "Tidak ada indikator PK yang diberi Kode program/kegiatan.")
            return
        metode = self.settings.metode
        eff_kind = "ratio" if metode == "rasio" else "percent"
        for c, label in ((0, "No"), (1, "Sasaran"), (2, "Indikator"), (3, "Kode"),
                         (10, f"Efisiensi ({F.METODE_TEXT[metode]})"), (11, "Keterangan")):
            sh.merge_text(r, c, c, label, "header", r2=r + 1)
        sh.merge_text(r, 4, 6, "Anggaran", "header")
        sh.merge_text(r, 7, 9, "Kinerja", "header")
        sh.header(r + 1, (None, None, None, None, "Pagu", "Realisasi", "Serapan",
                          "Target", "Realisasi", "Capaian"))
        sh.header_end = r + 1
        r += 2
        for g in groups:
            sh.band(r, f"Penanggung Jawab: {g.penanggung_jawab or '(tidak tertulis)'}", 11)
            r += 1
            start = r - 1
            for n, cr in enumerate(g.rows, 1):
                self._cost_row(sh, r, n, cr, eff_kind)
                r += 1
            sh.blocks.append((start, r - 1))
        r += 1
        sh.note(r, f"Efisiensi metode {metode}: {F.METODE_TEXT[metode]}"
                   + (" (positif bila hasil dicapai dengan anggaran lebih kecil dari rencana)."
                      if metode == "selisih" else
                      " (lebih dari 1 bila hasil dicapai dengan anggaran lebih kecil dari rencana).")
                   + " Pagu dan Realisasi dari sheet Realisasi Anggaran (kode yang sama); target, "
                     "realisasi dan capaian kinerja dari sheet Capaian Kinerja.", 11)
        sh.row = r + 1

    def _cost_row(self, sh: _Sheet, r: int, n: int, cr: F.CostRow, eff_kind: str) -> None:
        ind = cr.indicator
        kind = self.value_kind(ind)
        sh.text(r, 0, str(n), "center")
        sh.text(r, 1, _text(ind.pk.sasaran))
        sh.text(r, 2, _text(ind.pk.indikator))
        sh.text(r, 3, cr.kode)
        ra = self.ra_row.get(id(cr.budget)) if cr.budget is not None else None
        if ra is not None:
            sh.money_formula(r, 4, f"='Realisasi Anggaran'!{_a1(ra, 2)}", cr.pagu)
            sh.money_formula(r, 5, f"='Realisasi Anggaran'!{_a1(ra, 3)}", cr.realisasi)
        else:
            sh.money(r, 4, cr.pagu)
            sh.money(r, 5, cr.realisasi)
        if cr.serapan is not None:
            sh.formula(r, 6, f"={_a1(r, 5)}/{_a1(r, 4)}", cr.serapan, "percent")
        else:
            sh.text(r, 6, F.TIDAK_DAPAT if cr.pagu == 0 else None, "muted")
        ck = self.ck.get(id(ind.pk))
        if ck and ck.target:
            sh.formula(r, 7, f"={ck.target}", ind.target_cell, kind)
        else:
            sh.number(r, 7, None, kind)
        if ck and ck.realisasi:
            sh.formula(r, 8, f"={ck.realisasi}", ind.realisasi_cell, kind)
        else:
            sh.text(r, 8, None)
        if ind.capaian is not None:
            sh.formula(r, 9, self.capaian_formula(_a1(r, 7), _a1(r, 8), ind.arah), ind.capaian,
                       "percent")
        else:
            sh.text(r, 9, F.BELUM_DIUKUR if ind.reason == F.BELUM_DIUKUR else None, "muted")
        eff = cr.efisiensi
        if eff is not None:
            ser, cap = _a1(r, 6), _a1(r, 9)
            f = f"={cap}/{ser}" if cr.metode == "rasio" else f"=1-{ser}/{cap}"
            sh.formula(r, 10, f, eff, eff_kind)
        else:  # why: in Keterangan
            sh.text(r, 10, F.TIDAK_DAPAT, "muted")
        sh.text(r, 11, cr.note or None)

    # --- Pegawai -------------------------------------------------------------------------------------

    def pegawai(self) -> None:
        sh = self.s["Pegawai"]
        data = self.report.data
        staff = data.staff if data is not None and "Pegawai" in data.present else []
        r0 = TITLE_ROWS
        if not staff:
            why = ("Sheet Pegawai tidak ada di isian." if data is None or "Pegawai" not in data.present
                   else "Sheet Pegawai tidak berisi pegawai.")
            sh.no_data(r0, why)
            return
        sh.caps.update({1: 32, 4: 26, 5: 45, 6: 14})
        sh.mins.update({2: 22, 3: 5})
        sh.header(r0, ("No", "Nama", "NIP", "L/P", "Pangkat/Golongan", "Jabatan", "Pendidikan",
                       "Status"), first=True)
        r = r0 + 1
        first = r
        for i, p in enumerate(staff, 1):
            sh.text(r, 0, str(i), "center")
            sh.text(r, 1, _text(p.nama))
            sh.text(r, 2, _nip(p.nip), wrap=False)
            sh.text(r, 3, _text(p.lp), "center")
            sh.text(r, 4, _text(p.pangkat))
            sh.text(r, 5, _text(p.jabatan))
            sh.text(r, 6, _text(p.pendidikan))
            sh.text(r, 7, _text(p.status))
            r += 1
        last = r - 1
        r += 1
        sh.header(r, (None, "Status", "Jumlah"))
        sh.blocks.append((r, r + len(F.STAFF_STATUS) + 3))
        r += 1
        rng = f"{_a1(first, 7, True)}:{_a1(last, 7, True)}"
        counts = self.fig.staff_status
        crow = []
        blank = sum(1 for p in staff if _text(p.status) is None)
        other = len(staff) - blank - sum(counts.get(s, 0) for s in F.STAFF_STATUS)
        for status in F.STAFF_STATUS:
            sh.text(r, 1, status)
            sh.formula(r, 2, f"=COUNTIF({rng},{_quote(status)})", counts.get(status, 0), "whole",
                       "center")
            crow.append(r)
            r += 1
        if blank:
            sh.text(r, 1, "(Status kosong)")
            sh.formula(r, 2, f"=COUNTBLANK({rng})", blank, "whole", "center")
            crow.append(r)
            r += 1
        if other:
            sh.text(r, 1, "(Status lain / tidak terbaca)")
            parts = "+".join(_a1(x, 2) for x in crow)
            sh.formula(r, 2, f"=ROWS({rng})-({parts})", other, "whole", "center")
            crow.append(r)
            r += 1
        sh.text(r, 1, "Jumlah pegawai", "total")
        sh.formula(r, 2, f"=SUM({_a1(crow[0], 2)}:{_a1(crow[-1], 2)})", len(staff), "whole",
                   "center", "total")
        sh.row = r + 2

    # --- Metode --------------------------------------------------------------------------------------

    def metode(self) -> None:
        sh = self.s["Metode"]
        sh.caps.update({0: 34, 1: 90})
        r0 = TITLE_ROWS
        sh.header(r0, ("Uraian", "Keterangan"), first=True)
        st = self.settings
        ex = self.ck_example if self.ck_example is not None else TITLE_ROWS + 2
        t, x = _a1(ex, 3), _a1(ex, 4)
        rows: list[tuple[str, Any]] = [
            ("Capaian (Arah Naik)", f"Realisasi ÷ Target, tidak dibatasi 100%. Di sheet "
                                    f"Capaian Kinerja: ={x}/{t}"),
            ("Capaian (Arah Turun)", f"(2 × Target − Realisasi) ÷ Target: makin rendah "
                                     f"realisasi, makin tinggi capaian. Di sheet Capaian "
                                     f"Kinerja: =(2*{t}-{x})/{t}"),
            ("Capaian tanpa target atau realisasi", "Tanpa target yang dapat dipakai (kosong, 0 atau "
                                                    "tidak terbaca): tidak ada capaian. Tanpa realisasi: "
                                                    "\"belum diukur\"."),
            ("Capaian rata-rata", "Rata-rata capaian indikator satu tabel yang punya capaian "
                                  "(=AVERAGE), dengan keterangan berapa indikator yang dihitung."),
        ]
        bands = _bands(st)
        for label, text in bands:
            rows.append((f"Predikat {label}", text))
        rows += [
            ("Predikat: pembulatan", "Predikat ditentukan dari capaian yang belum dibulatkan; "
                                     "batas bawah termasuk ke predikat itu."),
            ("Serapan anggaran", "Realisasi ÷ Pagu (angka hasil hitung, bukan angka yang "
                                 "diketik untuk program/kegiatan)."),
            ("Sisa anggaran", "Pagu − Realisasi."),
            ("Angka anggaran", "Baris tanpa rincian memakai angka yang diketik; program, kegiatan "
                               "dan jumlah adalah jumlah baris di bawahnya (rumus SUM). Angka "
                               "yang diketik dan berbeda ditandai kuning dengan komentar."),
            ("Efisiensi: metode", st.metode),
            ("Efisiensi: rumus", F.METODE_TEXT[st.metode]
             + (" (positif bila hasil dicapai dengan anggaran lebih kecil dari rencana)"
                if st.metode == "selisih" else
                " (lebih dari 1 bila hasil dicapai dengan anggaran lebih kecil dari rencana)")
             + ". Pembagi 0: tidak dapat dihitung."),
            ("Realisasi dari Fasilitasi", "Item ditindaklanjuti ÷ semua item × 100%, tiap item "
                                          "dihitung sekali."),
            ("Realisasi dari Dokumen Desa", "Dokumen tepat waktu (RKPDes + APBDes + LPPDes) ÷ "
                                            "(jumlah desa × 3) × 100%."),
            ("Realisasi dari RKPDes/APBDes/LPPDes", "Desa yang menetapkan dokumen itu tepat waktu "
                                                   "÷ jumlah desa × 100%."),
            ("Berkas masukan", self.report.file),
            ("SHA-256 berkas masukan", self.report.sha256 or "-"),
            ("Pengaturan", st.source or "bawaan (tanpa berkas pengaturan)"),
            ("Versi lkj-excel", __version__),
            ("Waktu proses", self.run_time),
            ("Waktu proses (ISO 8601)", self.run_time.isoformat(timespec="seconds")),
        ]
        r = r0 + 1
        for label, value in rows:
            sh.text(r, 0, label, "bold")
            if isinstance(value, dt.datetime):
                sh.date(r, 1, value)
            else:
                sh.text(r, 1, value)
            r += 1
        sh.row = r + 1

    # --- Ringkasan -----------------------------------------------------------------------------------

    def ringkasan(self) -> None:
        sh = self.s["Ringkasan"]
        sh.caps.update({0: 62, 1: 26, 2: 24, 3: 16})
        sh.mins.update({0: 30, 1: 18, 2: 16, 3: 12})
        data = self.report.data
        ident = data.identity if data else None
        r0 = TITLE_ROWS
        sh.header(r0, ("Uraian", "Nilai", "Keterangan"), first=True)
        r = r0 + 1

        def item(label: str, value: Any, note: Any = None) -> int:
            nonlocal r
            sh.text(r, 0, label, "bold")
            if isinstance(value, dt.date):
                sh.date(r, 1, value)
            else:
                sh.text(r, 1, value)
            sh.text(r, 2, note)
            r += 1
            return r - 1

        if ident is not None:
            for isian in ("Perangkat Daerah", "Pemerintah Daerah"):
                item(isian, _text(ident.values.get(isian)))
            item("Periode", self.period)
            item("Nama Kepala", _text(ident.values.get("Nama Kepala")))
            nip = ident.values.get("NIP Kepala")
            item("NIP Kepala", _nip(nip) if nip is not None else None)
            item("Jabatan Kepala", _text(ident.values.get("Jabatan Kepala")))
            tgl = ident.values.get("Tanggal Laporan")
            if tgl is not None and tgl.value is not None:
                item("Tanggal Laporan", tgl.value, _text(ident.values.get("Tempat Laporan")))
        r += 1
        sh.band(r, "Angka utama", 3)
        r += 1
        fig = self.fig
        # capaian rata-rata of the sasaran strategis
        sh.text(r, 0, "Capaian rata-rata sasaran strategis", "bold")
        if self.ck_strategis_mean and fig.strategis.value is not None:
            sh.formula(r, 1, f"={self.ck_strategis_mean}", fig.strategis.value, "percent", "bold")
            sh.formula(r, 2, self.predikat_formula(_a1(r, 1)),
                       F.predikat(fig.strategis.value, self.settings), "")
        else:
            sh.text(r, 1, F.BELUM_DIUKUR, "muted")
            sh.text(r, 2, None)
        sh.text(r, 3, fig.strategis.label if fig.strategis.total else "tidak ada sasaran strategis")
        r += 1
        ra = self.ra_total_row
        if ra is not None:
            rows = {}
            for label, col, sen in (("Jumlah pagu anggaran (Rp)", 2, fig.pagu),
                                    ("Jumlah realisasi anggaran (Rp)", 3, fig.realisasi),
                                    ("Sisa anggaran (Rp)", 4, fig.sisa)):
                sh.text(r, 0, label, "bold")
                sh.money_formula(r, 1, f"='Realisasi Anggaran'!{_a1(ra, col)}", sen)
                rows[col] = r
                r += 1
            sh.text(r, 0, "Serapan anggaran", "bold")
            if fig.pagu:
                sh.formula(r, 1, f"={_a1(rows[3], 1)}/{_a1(rows[2], 1)}", fig.serapan, "percent")
            else:
                sh.text(r, 1, F.TIDAK_DAPAT, "muted")
            sh.text(r, 2, "Realisasi ÷ Pagu")
            r += 1
        else:
            sh.text(r, 0, "Anggaran", "bold")
            sh.text(r, 1, NO_DATA)
            r += 1
        rep = self.report
        sh.text(r, 0, "Kesalahan (temuan tingkat Kesalahan)", "bold")
        err_r = r
        sh.formula(r, 1, f'=COUNTIF({self.rek_tingkat},"Kesalahan")', rep.errors, "whole", "left")
        sh.text(r, 2, "lihat sheet Rekonsiliasi")
        r += 1
        sh.text(r, 0, "Peringatan", "bold")
        sh.formula(r, 1, f'=COUNTIF({self.rek_tingkat},"Peringatan")', rep.warnings, "whole",
                   "left")
        r += 1
        sh.text(r, 0, "Kesimpulan", "bold")
        verdict = ("Data konsisten" if rep.errors == 0
                   else f"Perlu diperbaiki: {rep.errors} kesalahan")
        e = _a1(err_r, 1)
        sh.formula(r, 1, f'=IF({e}=0,"Data konsisten","Perlu diperbaiki: "&{e}&" kesalahan")',
                   verdict, "", "bold")
        r += 2
        r = self._chart_capaian(sh, r)
        r = self._chart_budget(sh, r)
        sh.row = r

    def _chart_capaian(self, sh: _Sheet, r: int) -> int:
        """Grafik 1 on a page of its own: the chart, then the table it is drawn from."""
        inds = [i for i in self.fig.indicators
                if i.level in ("Sasaran Strategis", "Sasaran Program") and id(i.pk) in self.ck]
        sh.band(r, "Grafik 1. Capaian kinerja sasaran strategis dan program", 3)
        r += 1
        if inds:
            sh.breaks.append(r - 1)
        if not inds:
            sh.text(r, 0, NO_DATA, wrap=False)
            return r + 2
        height = 110 + 26 * len(inds)
        chart_row = r + 1
        r = chart_row + math.ceil(height / 17) + 1
        sh.header(r, ("Indikator", "Target", "Realisasi", "Capaian"))
        r += 1
        first = r
        counters = {"Sasaran Strategis": 0, "Sasaran Program": 0}
        for ind in inds:
            counters[ind.level] += 1
            prefix = "SS" if ind.level == "Sasaran Strategis" else "SP"
            label = f"{prefix}{counters[ind.level]} {_text(ind.pk.indikator) or ''}".strip()
            sh.text(r, 0, textwrap.shorten(label, 58, placeholder="…"))
            ck = self.ck[id(ind.pk)]
            if ind.is_percent and ck.target:
                sh.formula(r, 1, f"={ck.target}", ind.target_cell, "percent")
            else:
                sh.number(r, 1, None, "percent")
            if ind.is_percent and ck.realisasi:
                sh.formula(r, 2, f"={ck.realisasi}", ind.realisasi_cell, "percent")
            else:
                sh.number(r, 2, None, "percent")
            if ck.capaian:
                sh.formula(r, 3, f"={ck.capaian}", ind.capaian, "percent")
            else:
                sh.number(r, 3, None, "percent")
            r += 1
        last = r - 1
        self._bar_chart(sh, chart_row, first, last, height,
                        ((1, "Target", "#A6A6A6"), (2, "Realisasi", "#4472C4"),
                         (3, "Capaian", "#ED7D31")),
                        "Target, realisasi dan capaian kinerja", "0%")
        return r + 1

    def _bar_chart(self, sh: _Sheet, chart_row: int, first: int, last: int, height: int,
                   series, title: str, num_format: str) -> None:
        """A native bar chart of the table rows first..last, placed at chart_row."""
        chart = self.wb.add_chart({"type": "bar"})
        for col, name, color in series:
            chart.add_series({
                "name": name,
                "categories": [sh.name, first, 0, last, 0],
                "values": [sh.name, first, col, last, col],
                "fill": {"color": color},
                "gap": 50,
            })
        chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
        chart.set_x_axis({"num_format": num_format, "major_gridlines": {"visible": True},
                          "num_font": {"size": 8}})
        chart.set_y_axis({"reverse": True, "num_font": {"size": 8}})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 940, "height": height})
        sh.ws.insert_chart(chart_row, 0, chart, {"object_position": 1})

    def _chart_budget(self, sh: _Sheet, r: int) -> int:
        """Grafik 2 on a page of its own: the chart, then the table it is drawn from."""
        progs = [p for p in self.fig.programs if id(p.row) in self.ra_row]
        sh.band(r, "Grafik 2. Pagu dan realisasi anggaran per program", 3)
        r += 1
        if progs:
            sh.breaks.append(r - 1)
        if not progs:
            sh.text(r, 0, NO_DATA, wrap=False)
            return r + 2
        height = 110 + 30 * len(progs)
        chart_row = r + 1
        r = chart_row + math.ceil(height / 17) + 1
        sh.header(r, ("Program", "Pagu", "Realisasi", "Serapan"))
        r += 1
        first = r
        for p in progs:
            ra = self.ra_row[id(p.row)]
            label = f"{_text(p.row.kode) or ''} {_text(p.row.uraian) or ''}".strip()
            sh.text(r, 0, textwrap.shorten(label, 58, placeholder="…"))
            sh.money_formula(r, 1, f"='Realisasi Anggaran'!{_a1(ra, 2)}", p.pagu)
            sh.money_formula(r, 2, f"='Realisasi Anggaran'!{_a1(ra, 3)}", p.realisasi)
            if p.pagu:
                sh.formula(r, 3, f"={_a1(r, 2)}/{_a1(r, 1)}", p.serapan, "percent")
            else:
                sh.text(r, 3, F.TIDAK_DAPAT, "muted")
            r += 1
        last = r - 1
        self._bar_chart(sh, chart_row, first, last, height,
                        ((1, "Pagu", "#A6A6A6"), (2, "Realisasi", "#4472C4")),
                        "Pagu dan realisasi anggaran per program (Rp)", "#,##0")
        return r + 1


def _usable_val(v) -> Any:
    return None if v is None or v.unknown else v.value


def _bands(settings) -> list[tuple[str, str]]:
    """The predikat bands in words: `capaian ≥ 91%`, `76% ≤ capaian < 91%`, …"""
    def pct(b: float) -> str:
        return (f"{b:g}".replace(".", ",")) + "%"

    out = []
    bounds = list(settings.batas)
    for i, label in enumerate(settings.label):
        if i == 0:
            out.append((label, f"capaian ≥ {pct(bounds[0])}"))
        elif i < len(bounds):
            out.append((label, f"{pct(bounds[i])} ≤ capaian < {pct(bounds[i - 1])}"))
        else:
            out.append((label, f"capaian < {pct(bounds[-1])}"))
    return out
