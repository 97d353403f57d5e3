"""Writing the values of a table into the cells of a sheet."""

from __future__ import annotations

from ...tables.model import (
    AMOUNT,
    COUNT,
    COVERED,
    DATE,
    DATETIME,
    NUMBER,
    PERCENT,
    RATIO,
    TEXT,
    Value,
)
from .context import Context, Placement
from .layout import Sheet

# how a table's kind is written: the sheet's number style
NUMBER_STYLE = {PERCENT: "percent", COUNT: "whole", RATIO: "ratio", NUMBER: "amount"}


def put(ctx: Context, sh: Sheet, here: Placement | None, r: int, c: int, v: Value | None,
        *style: str, wrap: bool = True, count: str = "whole") -> None:
    """Write value `v` at (r, c) with the named styles (its mark's style added last); a
    formula is written with its figure stored. `count`: the style of a count. None and
    `COVERED` write nothing."""
    if v is None or v is COVERED:
        return
    kind = v.kind
    if kind is None and v.formula is None and v.mark is None and v.span == 1:
        sh.text(r, c, v.value, *style, wrap=wrap)  # plain text: the most common cell
        return
    kind = kind or TEXT
    if v.mark:
        style = (*style, v.mark)
    if v.note:  # why a figure is highlighted: the cell's comment
        sh.comment(r, c, v.note)
    if v.span > 1:
        if kind == TEXT:
            sh.merge_text(r, c, c, v.value, *style, r2=r + v.span - 1)
        else:
            sh.merge_number(r, c, r + v.span - 1, v.value, _style(kind, count), *style)
        return
    if v.formula is not None:
        f = ctx.excel(v.formula, here, r)
        if kind == AMOUNT:
            sh.money_formula(r, c, f, v.value, *style)
        elif kind == TEXT:
            sh.formula(r, c, f, v.value, "", *style)
        else:
            sh.formula(r, c, f, v.value, _style(kind, count), *style)
        return
    if kind == TEXT:
        sh.text(r, c, v.value, *style, wrap=wrap)
    elif kind == AMOUNT:
        sh.money(r, c, v.value, *style)
    elif kind in (DATE, DATETIME):
        sh.date(r, c, v.value, *style)
    else:
        sh.number(r, c, v.value, _style(kind, count), *style)


def _style(kind: str, count: str) -> str:
    return count if kind == COUNT else NUMBER_STYLE.get(kind, kind)
