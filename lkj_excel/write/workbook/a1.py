"""A1 references and the SUM of scattered rows."""

from __future__ import annotations


def col(c: int) -> str:
    """0 -> A, 26 -> AA."""
    if c < len(_COLS):
        return _COLS[c]
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


_COLS: list[str] = []
_COLS.extend(col(c) for c in range(64))  # the columns our sheets use, named once


def a1(r: int, c: int, absolute: bool = False) -> str:
    """0-based row and column -> `C14` (`$C$14`)."""
    if absolute:
        return f"${col(c)}${r + 1}"
    return f"{col(c)}{r + 1}"


def sheet_ref(sheet: str, ref: str) -> str:
    """A reference on another sheet: `'Realisasi Anggaran'!C14`."""
    return f"'{sheet}'!{ref}"


def sum_formula(c: int, rows: list[int]) -> str:
    """`=SUM(C5:C8,C12)` over the given rows of one column (contiguous rows become ranges)."""
    rows = sorted(rows)
    parts: list[str] = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(a1(rows[i], c) if i == j else f"{a1(rows[i], c)}:{a1(rows[j], c)}")
        i = j + 1
    if len(parts) <= 200:
        return "=SUM(" + ",".join(parts) + ")"
    chunks = [",".join(parts[k:k + 200]) for k in range(0, len(parts), 200)]
    return "=SUM(" + ",".join(f"SUM({c})" for c in chunks) + ")"
