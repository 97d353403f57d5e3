"""The template's layout: where rows are, Excel's limits, sizes, page setup, measures.

Every contract sheet: row 1 the title, row 2 the header row, rows 3-1002 the data rows.
"""

from __future__ import annotations

import textwrap
from typing import Any

from lkj_excel import contract

TITLE_ROW = 1  # 1-based row numbers, as a user sees them
HEADER_ROW = 2
FIRST_DATA_ROW = 3
LAST_DATA_ROW = 1002  # drop-down lists reach this row

# Excel's limits for data validation texts (longer ones make Excel "repair" the file).
MAX_INPUT_TITLE = 32
MAX_INPUT_MESSAGE = 255

ROMAN = contract.TRIWULAN  # the Triwulan drop-down
PAPER_A4 = 9
LINE_HEIGHT = 15.0  # points per line of 11-pt Calibri

# Sheets printed in landscape (the wide tables); Petunjuk and Identitas stay portrait.
PORTRAIT = {contract.PETUNJUK, contract.IDENTITAS.name}


def page_setup(ws: Any, name: str, repeat_header: bool = True) -> None:
    ws.set_paper(PAPER_A4)
    if name in PORTRAIT:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if repeat_header:
        ws.repeat_rows(TITLE_ROW - 1, HEADER_ROW - 1)
    ws.set_footer("&L&A&RHalaman &P dari &N")


def clip(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a word boundary, marking the cut with `…`."""
    if len(text) <= limit:
        return text
    return textwrap.shorten(text, width=limit, placeholder="…")


def line_count(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped cell of `width` character units needs (estimated, on the safe side)."""
    per_line = max(1, int(width * (0.95 if bold else 1.15)) - 1)
    return sum(max(1, len(textwrap.wrap(p, per_line))) for p in str(text).split("\n"))
