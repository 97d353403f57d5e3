"""One worksheet of the LKj workbook and the bookkeeping its layout needs: column widths from
the content, row heights for wrapped text, outline levels, the title rows, the header rows
to freeze and repeat on each printed page, page breaks that keep a table together.

Every sheet: rows 1-3 are the title (what the sheet is, the perangkat daerah, the period);
the first table's header follows, and the title and that header are frozen and repeated on
each printed page (A4 landscape, one page wide, `Halaman &P dari &N` in the footer). Text
is only ever written as a string (`write_string`), never through `write()`, so text typed
by an office (`=HYPERLINK(...)`) stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...figures import has_sen, rupiah
from .measure import MAX_ADVANCE, MONOTONE, display, text_lines, text_width
from .xlsx_fast import cell_writers

TITLE_ROWS = 3  # rows 1-3: title, perangkat daerah, period
NO_DATA = "Tidak ada data"
LINE_PT = 13.0  # points per line of 10-pt Arial
PAPER_A4 = 9
MARGIN_LR, MARGIN_TOP, MARGIN_BOTTOM = 0.4, 0.5, 0.6  # inches
DEFAULT_ROW_PT = 12.75
FOOTER = "&L&A&RHalaman &P dari &N"
NA = "#N/A"  # the stored value of a figure that is not known (an unreadable amount)
PAGE_W = 297 / 25.4 * 72 - 2 * MARGIN_LR * 72  # A4 landscape, inside the margins (pt)
PAGE_H = 210 / 25.4 * 72 - (MARGIN_TOP + MARGIN_BOTTOM) * 72
MIN_SCALE = 0.8  # 10-pt text prints at 8 pt or more
LO_UNIT_PT = 5.62  # a column width unit printed by LibreOffice (pt)
FILL = 0.97  # of a page the estimate counts on filling
SAFETY = 1.03  # a margin on the width estimates: text stays at 8 pt in either program


@dataclass
class Sheet:
    """A worksheet with the bookkeeping the layout needs: column widths from content, row
    heights for wrapped text, outline levels, the header rows to freeze and repeat."""

    ctx: Any  # context.Context
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
    repeat: bool = True  # one table: freeze and repeat its header (several tables: none)
    textcols: set[int] = field(default_factory=set)  # columns of wrapped text
    number_width: dict[int, float] = field(default_factory=dict)  # widest number shown

    def __post_init__(self) -> None:
        self.ws = self.ctx.wb.add_worksheet(self.name)
        self._string, self._number, self._formula, self._blank = cell_writers(
            self.ws, self.ctx.fast_cells)
        self.fmt = self.ctx.fmt

    # bookkeeping
    def _use(self, c: int, shown: str | None, bold: bool = False, wrap: bool = False,
             r: int | None = None, span: int = 1, header: bool = False) -> None:
        last = c + span - 1
        if last > self.max_col:
            self.max_col = last
        if not shown:
            return
        if wrap and not header and span == 1:
            self.textcols.add(c)  # may narrow to fit the page: its text wraps
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
            most = MAX_ADVANCE * (1.08 if bold else 1.0)  # the widest a character can be
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
        if kind not in MONOTONE or isinstance(value, str | bool):
            self._use(c, display(value, kind), bold)
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
        style = self.ctx.styles.get((wrap, fmt))
        if style is None:  # first use of this combination: its format and how it measures
            names = ("td", *(("wrap",) if wrap else ()), *fmt)
            bold = "bold" in fmt or "total" in fmt or "header" in fmt
            style = self.ctx.styles[(wrap, fmt)] = (self.fmt(*names), bold, "header" in fmt)
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
        style = self.ctx.styles.get((kind, fmt))
        if style is None:
            style = self.ctx.styles[(kind, fmt)] = (
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
            self.number(r, c, rupiah(sen), "amount2" if has_sen(sen) else "amount", *fmt)

    def money_formula(self, r: int, c: int, formula: str, sen: int | None, *fmt: str) -> None:
        kind = "amount2" if has_sen(sen) else "amount"
        self.formula(r, c, formula, None if sen is None else rupiah(sen), kind, *fmt)

    def date(self, r: int, c: int, value: Any, *fmt: str) -> None:
        if isinstance(value, dt.datetime):
            d = value.replace(tzinfo=None)
            self.ws.write_datetime(r, c, d, self.fmt("td", "datetime", *fmt))
            self._use(c, display(d, "datetime"))
        elif isinstance(value, dt.date):
            d = dt.datetime(value.year, value.month, value.day)
            self.ws.write_datetime(r, c, d, self.fmt("td", "date", *fmt))
            self._use(c, display(d, "date"))
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

    def merge_number(self, r: int, c: int, r2: int, value: Any, kind: str, *fmt: str) -> None:
        """A number over rows r..r2 of one column (a sasaran's number over its indicators)."""
        f, bold = self._number_style(kind, fmt)
        self.ws.merge_range(r, c, r2, c, None, f)
        self._number(r, c, value, f)
        self._use_number(c, value, kind, bold)

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
                shown = display(v, kind)
                self._use(c, shown, bold)
                self.number_width[c] = max(self.number_width.get(c, 0.0), text_width(shown, bold))
        widths: dict[int, float] = {}
        for c in range(self.max_col + 1):
            want = self.widths.get(c, 0.0) + 2.0
            want = max(want, self.mins.get(c, 4.0))
            want = min(want, self.caps.get(c, 50.0) + 2.0)
            widths[c] = round(want, 1)
        self._fit_page(widths)
        for c in range(self.max_col + 1):
            if c in self.folded:  # a helper column: folded away, a + above opens it
                ws.set_column(c, c, widths[c], None, {"level": 1, "hidden": True})
                widths.pop(c)  # not printed: not part of the page's width
            else:
                ws.set_column(c, c, widths[c])
        if self.folded and max(self.folded) == self.max_col:
            ws.set_column(self.max_col + 1, self.max_col + 1, None, None, {"collapsed": True})
        # title rows over the table's width
        ctx = self.ctx
        titles = (
            (self.heading, "title", 22.0),
            (ctx.office_line, "subtitle", 17.0),
            (ctx.period, "subtitle", 17.0),
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
        wide, scale = print_scale(widths.values())
        self._keep_together(heights, scale)
        if self.levels:
            ws.outline_settings(True, False, True, False)  # summary rows above their detail
        if self.breaks:
            ws.set_h_pagebreaks(sorted(set(self.breaks)))
        if self.repeat:  # one table: its header on every page
            ws.freeze_panes(self.header_end + 1, 0)
            ws.repeat_rows(0, self.header_end)
        ws.set_paper(PAPER_A4)
        ws.set_landscape()
        if wide:
            ws.fit_to_pages(wide, 0)
        else:
            ws.set_print_scale(round(MIN_SCALE * 100))
        ws.set_margins(left=MARGIN_LR, right=MARGIN_LR, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
        ws.set_footer(FOOTER)

    def _fit_page(self, widths: dict[int, float]) -> None:
        """Narrow the columns of wrapped text, widest first, until the sheet prints one
        page wide at 8 pt or more (never below 10 units or a number the column shows)."""
        shown = [c for c in widths if c not in self.folded]
        budget = PAGE_W / (MIN_SCALE * SAFETY) / LO_UNIT_PT - 5 / 7 * len(shown)
        excess = sum(widths[c] for c in shown) - budget
        floors = {c: max(10.0, self.number_width.get(c, 0.0) + 2.0, self.mins.get(c, 0.0))
                  for c in self.textcols if c in shown}
        before = dict(widths)
        while excess > 0.05:
            room = sorted((c for c in floors if widths[c] > floors[c] + 0.05),
                          key=lambda c: -widths[c])
            if not room:  # cannot narrow enough: it prints two pages wide (print_scale),
                widths.update(before)  # with its columns as wide as their text wants
                return
            top = room[0]
            # down to the next widest, the floor, or by what is left to gain
            nxt = max([widths[c] for c in room[1:]] + [floors[top]])
            cut = min(widths[top] - nxt, excess) if widths[top] > nxt else \
                min(widths[top] - floors[top], excess / len(room))
            cut = max(cut, min(0.5, widths[top] - floors[top]))
            new = round(widths[top] - cut, 1)
            excess -= widths[top] - new  # what rounding left of the cut, not the cut
            widths[top] = new

    def _keep_together(self, heights: dict[int, float], scale: float) -> None:
        """Add page breaks so that a block of rows (a table with its heading, a program with
        its kegiatan) that fits on one page is not split over two, and a table that does not
        fit the rest of a page starts on a new one: an estimate of the printed page from the
        print scale and the row heights. Nested blocks: the outer one is kept whole when it
        fits a page, else its inner blocks are."""
        if not self.blocks:
            return

        def h(r: int) -> float:
            return heights.get(r, DEFAULT_ROW_PT)

        page = PAGE_H / scale * FILL
        repeated = sum(h(r) for r in range(self.header_end + 1)) if self.repeat else 0.0
        first = page - sum(h(r) for r in range(self.header_end + 1))
        room = page - repeated  # the rows a later page holds
        starts: dict[int, list[int]] = {}
        for a, b in self.blocks:
            starts.setdefault(a, []).append(b)
        last = max(b for _a, b in self.blocks)
        breaks = set(self.breaks)
        used, cap = 0.0, first
        for r in range(self.header_end + 1, last + 1):
            if r in breaks:
                used, cap = 0.0, room
            if r in starts and used > 0:
                fits = [e for e in starts[r] if sum(h(x) for x in range(r, e + 1)) <= room]
                if fits:
                    need = sum(h(x) for x in range(r, max(fits) + 1))
                    if used + need > cap:
                        breaks.add(r)
                        used, cap = 0.0, room
            used += h(r)
            if used > cap:  # the page ended by itself here
                used, cap = h(r), room
        self.breaks = sorted(breaks)


def sheet_width(widths: Iterable[float]) -> tuple[float, float]:
    """The printed width (pt) of columns of these widths, as Excel and as LibreOffice lay
    them out (Excel: 7 px a unit and 5 px padding; LibreOffice: the width of a digit of its
    Arial, measured on its PDF export)."""
    ws = list(widths)
    # XlsxWriter stores a width with its 5 px of padding (w + 5/7), which LibreOffice reads
    return sum((w * 7 + 5) * 0.75 for w in ws), sum((w + 5 / 7) * LO_UNIT_PT for w in ws)


def print_scale(widths: Iterable[float]) -> tuple[int, float]:
    """How many pages wide a sheet prints and at about what scale: one page wide when the
    text stays at 8 pt or more (10-pt text at a scale of 80% or more) in Excel and in
    LibreOffice, else two pages wide, else (0) at 80% over as many pages as it takes. The
    scale returned is the larger of the two programs' (for estimating rows per page)."""
    excel, lo = sheet_width(widths)
    if not excel:
        return 1, 1.0
    for pages in (1, 2):
        if PAGE_W * pages / max(excel, lo) >= MIN_SCALE * SAFETY:
            return pages, min(1.0, PAGE_W * pages / excel)
    return 0, MIN_SCALE
