"""Every use of XlsxWriter's private internals, in one place, behind one version gate.

XlsxWriter writes each `<c>` element through a generic path: an attribute list, and a
regular-expression search per attribute to escape it. A cell reference (`C14`) and a style
index (`5`) never need escaping, so for formatted numbers, strings, formulas and blanks
`install` writes the same bytes directly; everything else (unformatted cells, booleans,
errors, rich strings, array formulas) goes through XlsxWriter's own method. The writers
also call the row/column cell methods (`_write_string` ...) without XlsxWriter's A1-notation
wrapper, and skip its `_prepare_formula`, which runs ~30 regular expressions over every
formula to prefix Excel 365 dynamic-array functions that the LKj formulas never use
(tests/test_lkj.py checks that no formula uses one).

All of it only with the XlsxWriter versions it was checked against (`CHECKED`); with any
other version the public methods are used. tests/test_lkj.py compares the worksheet XML
written with and without it, byte for byte, on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CHECKED = ("3.3.",)  # XlsxWriter versions whose internals this reproduces
_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))


def usable() -> bool:
    import xlsxwriter

    return xlsxwriter.__version__.startswith(CHECKED)


def _prepare_formula(formula: str, expand_future_functions: bool = False) -> str:
    return formula[1:] if formula.startswith("=") else formula


def cell_writers(ws: Any, fast: bool) -> tuple[Callable, Callable, Callable, Callable]:
    """The (string, number, formula, blank) writers of worksheet `ws`, each called as
    `(row, col, value, format[, stored value])`; with `fast`, the direct ones."""
    if not fast:
        return ws.write_string, ws.write_number, ws.write_formula, ws.write_blank
    ws._prepare_formula = _prepare_formula  # an instance attribute: unused if renamed
    install(ws)
    return ws._write_string, ws._write_number, _formula_writer(ws), ws._write_blank


def _formula_writer(ws: Any) -> Callable:
    """XlsxWriter's _write_formula without what the LKj formulas never need: the search for
    dynamic-array functions (tests/test_lkj.py: none is used), array formulas, the
    `_xlfn.` prefixing; the same cell stored."""
    from xlsxwriter.worksheet import CellFormulaTuple

    check = ws._check_dimensions
    table = ws.table

    def write_formula(row: int, col: int, formula: str, cell_format: Any = None,
                      value: Any = 0) -> int:
        if check(row, col):
            return -1
        table[row][col] = CellFormulaTuple(formula[1:] if formula[:1] == "=" else formula,
                                           cell_format, value)
        return 0

    return write_formula


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
