"""How wide a text is and how many lines it wraps to, estimated without a spreadsheet
program: column widths and row heights of the LKj workbook are set from these."""

from __future__ import annotations

import functools
from typing import Any

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
MAX_ADVANCE = max(max(_ARIAL.values()), _Widths().__missing__("")) * _UNIT
# number formats whose shown width grows with the number's size (see layout.Sheet._use_number)
MONOTONE = frozenset({"amount", "amount2", "whole", "percent", "ratio"})


@functools.lru_cache(maxsize=65536)
def text_width(text: str, bold: bool = False) -> float:
    """The width a text needs on one line, in Excel column width units (estimated for
    Arial 10; bold is about 8% wider). Cached: the same words recur on every row."""
    w = sum(map(_ADVANCE.__getitem__, str(text))) * _UNIT
    return w * (1.08 if bold else 1.0)


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


def display(value: Any, kind: str) -> str:
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
