"""A table of the LKj (`lkj_excel.tables.Table`) as a Word table: the same rows and the same
figures as the workbook, printed as text the way the workbook shows them (numbers.py).

Header rows repeat on each page (`tblHeader`), rows do not split across pages, numbers are
right-aligned, a value spanning rows is a vertical merge and a covered cell to the right of
a value a horizontal one (the capaian rata-rata label), total and mean rows are bold and
shaded. The columns are fixed widths summing to the text width of the section, estimated
from the content (measure.text_width), so the table stays inside the page margins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...tables.model import (
    COUNT,
    COVERED,
    DATE,
    DATETIME,
    GROUP,
    MEAN,
    TEXT,
    TOTAL,
    Row,
    Table,
    Value,
)
from ..workbook.measure import text_width
from .body import text_xml
from .numbers import shown

FONT_PT = 9.0
UNIT_TWIPS = 5.25 * FONT_PT / 10 * 20 * 1.04  # an Excel width unit of Arial 10, at 9 pt, with 4% to spare
MARGIN = 57  # cell margin left and right (0.1 cm)
PAD = 2 * MARGIN + 30  # the cell margins and a little air
HEADER_FILL = "D9E1F2"
TOTAL_FILL = "F2F2F2"
NOT_KNOWN = "tidak diketahui"  # a figure whose formula has no value (#N/A in the workbook)


@dataclass(slots=True)
class Cell:
    text: str
    kind: str  # "text", "number", "no" (a row number, centred)
    italic: bool = False
    bold: bool = False
    span: int = 1  # rows (a vertical merge)
    cols: int = 1  # columns (a horizontal merge)
    covered: bool = False  # inside a vertical merge
    indent: int = 0
    whole: bool = False  # never broken across lines (a number, a date, a NIP)


def cell_text(v: Value | None) -> tuple[str, bool]:
    """What a value shows and whether it is muted (italic): text in a number column, a
    figure not known."""
    if v is None or v is COVERED:
        return "", False
    if v.value is None:
        return (NOT_KNOWN, True) if v.formula is not None and v.kind not in (None, TEXT) else ("", False)
    if isinstance(v.value, str):
        return v.value, v.mark == "muted" or (v.kind not in (None, TEXT))
    return shown(v.value, v.kind), v.mark == "muted"


_TEXT_KINDS = (None, TEXT, DATE, DATETIME)


def _align(kind: str | None, key: str) -> str:
    """How a column's cells align: a row number centred, figures right, the rest left."""
    if kind == COUNT and key == "no":
        return "no"
    if kind in _TEXT_KINDS:
        return "text"
    return "number"


def layout(table: Table, keys: Sequence[str], rows: Sequence[Row], bold_level: int = 0,
           indent_col: str | None = None, nowrap: Sequence[str] = ()) -> list[list[Cell]]:
    """The cells of the shown rows and columns, merges resolved; the text of the columns
    `nowrap` (and of dates and codes) is kept on one line."""
    idx = [table.col(k) for k in keys]
    kinds = [_align(table.columns[i].kind, table.columns[i].key) for i in idx]
    whole = [keys[j] in nowrap or keys[j] == "kode" or table.columns[i].kind in (DATE, DATETIME)
             for j, i in enumerate(idx)]
    indent_at = list(keys).index(indent_col) if indent_col in keys else -1
    out: list[list[Cell]] = []
    active = [0] * len(idx)  # rows still covered by a vertical merge, per shown column
    for row in rows:
        strong = row.role in (TOTAL, MEAN, GROUP) or (0 < row.level <= bold_level
                                                      and row.role not in (TOTAL, MEAN))
        cells: list[Cell] = []
        for j, i in enumerate(idx):
            v = row.cells[i] if i < len(row.cells) else None
            if v is COVERED:
                if active[j]:
                    active[j] -= 1
                    cells.append(Cell("", kinds[j], covered=True))
                    continue
                if cells:  # to the right of a value: that value spans this column too
                    cells[-1].cols += 1
                    continue
                cells.append(Cell("", kinds[j]))
                continue
            if v is not None and v.kind is None and v.formula is None and v.mark is None \
                    and v.span == 1 and v.value.__class__ is str:  # plain text: most cells
                c = Cell(v.value, kinds[j], False, strong, whole=whole[j])
                if j == indent_at and row.level > 1:
                    c.indent = 170 * (row.level - 1)
                cells.append(c)
                continue
            text, muted = cell_text(v)
            span = v.span if v is not None and v.span > 1 else 1
            if span > 1:
                active[j] = span - 1
            kind = kinds[j]
            if kind == "text" and v is not None and v.kind not in _TEXT_KINDS \
                    and not isinstance(v.value, str):
                kind = "number"  # a figure in a column of mixed kinds (Target, Realisasi)
            c = Cell(text, kind, muted, strong, span, whole=whole[j] or kind != "text")
            if j == indent_at and row.level > 1:
                c.indent = 170 * (row.level - 1)
            cells.append(c)
        if row.role in (MEAN, TOTAL) and cells and cells[0].cols > 1:
            cells[0].kind = "right"
        out.append(cells)
    return out


@functools.lru_cache(maxsize=65536)
def _longest_word(text: str, bold: bool) -> float:
    return max((text_width(w, bold) for w in text.split()), default=0.0)


def _text_width(text: str, bold: bool) -> float:
    if "\n" in text:
        return max(text_width(line, bold) for line in text.split("\n"))
    return text_width(text, bold)


def widths(names: Sequence[str], grid: list[list[Cell]], total: int) -> list[int]:
    """Column widths (twips) summing to `total`: the natural widths when they fit; else
    each column at least its longest word and its longest unbreakable text (a number, a
    date), the rest shared by how much more each would take; when even that does not fit,
    the unbreakable texts keep their width and the columns of words share the rest."""
    n = len(names)
    if not n:
        return []
    word = [text_width(max(nm.split(), key=len, default=""), True) for nm in names]
    nat = list(word)
    firm = [0.0] * n  # the widest text that must not break
    for cells in grid:
        j = 0
        for c in cells:
            if c.cols == 1 and c.text:
                w = _text_width(c.text, c.bold)
                if w > nat[j]:
                    nat[j] = w
                if c.whole and not c.italic:
                    if w > firm[j]:
                        firm[j] = w
                elif w > word[j]:
                    lw = _longest_word(c.text, c.bold)
                    if lw > word[j]:
                        word[j] = lw
            j += c.cols
    firm = [min(x * UNIT_TWIPS + PAD, total * 0.45) if x else 0.0 for x in firm]
    low = [max(f, min(x * UNIT_TWIPS + PAD, total * 0.45)) for f, x in zip(firm, word, strict=True)]
    nat = [max(x * UNIT_TWIPS + PAD, b) for x, b in zip(nat, low, strict=True)]
    if sum(nat) <= total:
        out = [a + (total - sum(nat)) * a / sum(nat) for a in nat]
    elif sum(low) <= total:
        out = _share(low, nat, total)
    elif sum(firm) < total:
        out = _share(firm, low, total)
    else:
        out = [a * total / sum(low) for a in low]
    ints = [int(x) for x in out]
    ints[-1] += total - sum(ints)
    return ints


def _share(base: list[float], want: list[float], total: int) -> list[float]:
    """`base` plus what is left of `total`, shared in proportion to `want - base`."""
    more = [w - b for b, w in zip(base, want, strict=True)]
    rest = total - sum(base)
    return [b + rest * m / sum(more) for b, m in zip(base, more, strict=True)]


_PSTYLE = {"text": "tabel", "number": "angka", "no": "tengah", "right": "angka",
           "header": "kepala"}


def _cell_xml(c: Cell, width: int, styles: dict[str, str], fill: str | None) -> str:
    pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if c.cols > 1:
        pr.append(f'<w:gridSpan w:val="{c.cols}"/>')
    if c.covered:
        pr.append("<w:vMerge/>")
    elif c.span > 1:
        pr.append('<w:vMerge w:val="restart"/>')
    if fill:
        pr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    ppr = f'<w:pStyle w:val="{styles[_PSTYLE[c.kind]]}"/>'
    if c.indent:
        ppr += f'<w:ind w:left="{c.indent}"/>'
    if not c.text:
        return f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr></w:p></w:tc>"
    props = ("<w:b/><w:bCs/>" if c.bold else "") + ("<w:i/><w:iCs/>" if c.italic else "")
    body = text_xml(c.text)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return (f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>"
            f"<w:r>{rpr}{body}</w:r></w:p></w:tc>")


def _header_rows(table: Table, keys: Sequence[str], names: Sequence[str]) -> list[list[Cell]]:
    """One header row, or two where columns are grouped (`Tahun 2022` over Target,
    Realisasi, Capaian): the other columns then span both rows."""
    groups = []
    for label, a, b in table.groups:  # a group over the shown columns it covers
        first, last = table.col(a), table.col(b)
        at = [j for j, k in enumerate(keys) if first <= table.col(k) <= last]
        if at and at == list(range(at[0], at[-1] + 1)):
            groups.append((label, at[0], at[-1]))
    if not groups:
        return [[Cell(nm, "header", bold=True) for nm in names]]
    top: list[Cell] = []
    bottom: list[Cell] = []
    j = 0
    while j < len(keys):
        g = next((g for g in groups if g[1] == j), None)
        if g is not None:
            label, a, b = g
            top.append(Cell(label, "header", bold=True, cols=b - a + 1))
            bottom += [Cell(names[k], "header", bold=True) for k in range(a, b + 1)]
            j = b + 1
        else:
            top.append(Cell(names[j], "header", bold=True, span=2))
            bottom.append(Cell("", "header", bold=True, covered=True))
            j += 1
    return [top, bottom]


def table_xml(table: Table, styles: dict[str, str], total_width: int,
              keys: Sequence[str] | None = None, names: dict[str, str] | None = None,
              rows: Callable[[Row], bool] | None = None, bold_level: int = 0,
              indent_col: str | None = None, nowrap: Sequence[str] = ()) -> str:
    """The Word table of `table`: the columns `keys` (default all) under their names
    (`names` replaces some), the rows `rows` accepts (default all); `bold_level`: rows of
    that outline level or higher bold, `indent_col` indented by level; `nowrap`: columns
    whose text stays on one line."""
    keys = list(keys or [c.key for c in table.columns])
    heads = [(names or {}).get(k) or table.columns[table.col(k)].name for k in keys]
    shown_rows = [r for r in table.rows if rows is None or rows(r)]
    grid = layout(table, keys, shown_rows, bold_level, indent_col, nowrap)
    header = _header_rows(table, keys, heads)
    w = widths(heads, grid + header, total_width)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{styles["Table Grid"]}"/>'
           f'<w:tblW w:w="{total_width}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
           '<w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:left w:w="{MARGIN}" w:type="dxa"/><w:right w:w="{MARGIN}" '
           'w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
           'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
           "".join(f'<w:gridCol w:w="{x}"/>' for x in w), "</w:tblGrid>"]
    opens = [f'<w:tc><w:tcPr><w:tcW w:w="{x}" w:type="dxa"/></w:tcPr>' for x in w]
    pstyles = {k: f'<w:pStyle w:val="{styles[v]}"/>' for k, v in _PSTYLE.items()}
    for cells in header:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        out.append(_row_xml(cells, w, styles, HEADER_FILL, opens, pstyles))
        out.append("</w:tr>")
    for row, cells in zip(shown_rows, grid, strict=True):
        fill = TOTAL_FILL if row.role in (TOTAL, MEAN, GROUP) else None
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        out.append(_row_xml(cells, w, styles, fill, opens, pstyles))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_SPECIAL = re.compile("[\x00-\x1f&<>\ud800-\udfff\ufffe\uffff]")
_BOLD = "<w:rPr><w:b/><w:bCs/></w:rPr>"


def _row_xml(cells: list[Cell], w: list[int], styles: dict[str, str], fill: str | None,
             opens: list[str], pstyles: dict[str, str]) -> str:
    """A row's cells; a cell of one column without merge, indent, shading or italics (most
    of them) takes the short path: its column's opening tags written once per table."""
    parts = []
    j = 0
    for c in cells:
        if fill is None and c.cols == 1 and c.span == 1 and not c.covered and not c.indent \
                and not c.italic:
            t = c.text
            if not t:
                parts.append(f"{opens[j]}<w:p><w:pPr>{pstyles[c.kind]}</w:pPr></w:p></w:tc>")
            else:
                body = (text_xml(t) if _SPECIAL.search(t) else
                        f'<w:t xml:space="preserve">{t}</w:t>')
                parts.append(f"{opens[j]}<w:p><w:pPr>{pstyles[c.kind]}</w:pPr><w:r>"
                             f"{_BOLD if c.bold else ''}{body}</w:r></w:p></w:tc>")
        else:
            parts.append(_cell_xml(c, sum(w[j:j + c.cols]), styles, fill))
        j += c.cols
    return "".join(parts)
