"""A faster writer for the cells of an xlsxwriter worksheet, for the cell kinds the LKj
workbook uses.

XlsxWriter writes each `<c>` element through a generic path: an attribute list, and a
regular-expression search per attribute to escape it. A cell reference (`C14`) and a style
index (`5`) never need escaping, so for formatted numbers, strings, formulas and blanks this
writes the same bytes directly; everything else (unformatted cells, booleans, errors, rich
strings, array formulas) goes through XlsxWriter's own method.

It reaches into XlsxWriter's private `Worksheet._write_cell` (and write/lkj.py into its
`_write_string`/`_write_number`/`_write_formula`/`_write_blank`), so it is used only with the
XlsxWriter versions it was checked against (`CHECKED`); `tests/test_lkj.py` compares the
worksheet XML it writes with XlsxWriter's own, cell for cell, on every run.
"""

from __future__ import annotations

from typing import Any

CHECKED = ("3.3.",)  # XlsxWriter versions whose _write_cell this reproduces
_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))


def usable() -> bool:
    import xlsxwriter

    return xlsxwriter.__version__.startswith(CHECKED)


def install(ws: Any) -> None:
    """Make `ws` (an xlsxwriter Worksheet) write its common cells the fast way."""
    from xlsxwriter.utility import xl_rowcol_to_cell_fast as ref

    generic = ws._write_cell
    escape = ws._escape_data

    def write_cell(row: int, col: int, cell: Any) -> None:
        fmt = cell.format
        kind = cell.__class__.__name__
        if fmt is None or ws.constant_memory:
            generic(row, col, cell)
            return
        head = f'<c r="{ref(row, col)}" s="{fmt._get_xf_index()}"'
        if kind == "Number" or kind == "Datetime":
            ws.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind == "String":  # cell.string: the index in the shared strings table
            ws.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        elif kind == "Blank":
            ws.fh.write(f"{head}/>")
        elif kind == "Formula":
            value = cell.value
            if isinstance(value, bool):
                head += ' t="b"'
                value = 1 if value else 0
            elif isinstance(value, str):
                if value in _ERRORS:
                    head += ' t="e"'
                elif value != "":
                    head += ' t="str"'
            ws.fh.write(f"{head}><f>{escape(cell.formula)}</f><v>{escape(value)}</v></c>")
        else:
            generic(row, col, cell)

    ws._write_cell = write_cell
