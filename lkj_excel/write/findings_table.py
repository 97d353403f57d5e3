"""The findings table, written one way for the LKj's Rekonsiliasi and the Rekap's Semua
Temuan: No, Check, Tingkat, Sheet, Sel, Kode, Ditemukan, Seharusnya, Selisih (a live
formula, Ditemukan − Seharusnya), Keterangan; the Rekap adds a leading File column.

The sheets differ only in how a cell looks, so each passes a small cell writer with
`text(r, c, key, value, bold)`, `number(r, c, key, value, style)`, `formula(r, c, key,
formula, value, style)` and `excel(value, r)` (the Selisih formula in A1 form); `style` is a
number style of write/styles.py (`amount`, `amount2`, `percent`, `whole`) or `""`."""

from __future__ import annotations

from typing import Any

from ..figures import has_sen, rupiah
from ..tables.model import AMOUNT, COUNT, PERCENT, TEXT, Table, Value


def number_cell(v: Value) -> tuple[Any, str]:
    """A found/expected/selisih value as a number to write and its style: Rupiah (with sen
    where present), counts as whole Rupiah-style numbers (`#,##0`), percentages."""
    if v.kind == AMOUNT:
        return rupiah(v.value), "amount2" if has_sen(v.value) else "amount"
    if v.kind == PERCENT:
        return v.value, "percent"
    if v.kind == COUNT:
        return v.value, "amount"
    return v.value, ""


def write_findings(cells: Any, table: Table, rows: list[int]) -> None:
    """Write every row of a findings table (`tables.findings.findings_table`) at the sheet
    rows `rows`, column i of the table in sheet column i."""
    keys = [c.key for c in table.columns]
    for i, row in enumerate(table.rows):
        r = rows[i]
        finding = row.key
        for c, (key, v) in enumerate(zip(keys, row.cells, strict=True)):
            if key == "no":
                cells.number(r, c, key, v.value, "whole")
            elif key == "tingkat":
                cells.text(r, c, key, v.value, finding.is_error)
            elif key in ("ditemukan", "seharusnya"):
                if v.kind == TEXT and v.value is not None:
                    cells.text(r, c, key, v.value, False)
                else:
                    cells.number(r, c, key, *number_cell(v))
            elif key == "selisih":
                if v.formula is None:
                    cells.text(r, c, key, None, False)
                else:
                    value, style = number_cell(v)
                    cells.formula(r, c, key, cells.excel(v, r), value, style)
            else:
                cells.text(r, c, key, v.value, False)
