"""The contract sheets: title, header row (with an input message on each header cell),
column widths and number formats, drop-down lists on the data rows, page setup."""

from __future__ import annotations

from typing import Any

from lkj_excel import contract
from lkj_excel.contract import Column, Kind, Sheet
from lkj_excel.write.styles import Formats
from lkj_excel.write.template.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    LAST_DATA_ROW,
    LINE_HEIGHT,
    MAX_INPUT_MESSAGE,
    MAX_INPUT_TITLE,
    TITLE_ROW,
    clip,
    line_count,
    page_setup,
)
from lkj_excel.write.template.lists import column_synonyms, list_key, list_validation

# Data-row column format per kind (names from styles.FORMATS, merged).
_KIND_FORMAT: dict[Kind, tuple[str, ...]] = {
    Kind.AMOUNT: ("amount", "top"),
    Kind.NUMBER: ("number", "top"),
    Kind.CODE: ("text", "top"),
    Kind.NIP: ("text", "top"),
    Kind.DATE: ("date", "top"),
    Kind.WHOLE: ("whole", "top"),
    Kind.YEAR: ("whole", "top"),
    Kind.TEXT: ("wrap",),
}


def column_format(sheet: Sheet, column: Column) -> tuple[str, ...] | None:
    """The format names (write.styles) of a contract column's data cells; None: General."""
    if sheet is contract.IDENTITAS:
        return None
    return _KIND_FORMAT.get(column.kind)


def header_message(column: Column) -> str:
    """The input message of a header cell: the column's hint and whether it is required."""
    if not column.required:
        need = "Boleh kosong."
    elif column.required_cells == "leaf":
        need = "Wajib pada sub kegiatan; total program dan kegiatan boleh kosong."
        if "wajib" in column.hint.lower():
            need = "Total program dan kegiatan boleh kosong."
    elif column.required_cells == "column":
        need = "Kolom ini harus ada; sel boleh kosong."
    else:
        need = "Wajib diisi."
    hint = column.hint.lower()
    if need.rstrip(".").lower() in hint or (not column.required and "kosong" in hint):
        need = ""
    return clip(f"{column.hint} {need}".strip(), MAX_INPUT_MESSAGE)


def write_table_sheet(ws: Any, sheet: Sheet, fmt: Formats, lists: dict[str, str]) -> None:
    """Title, header row with input messages, column formats and drop-down lists."""
    columns: list[Column | None] = list(sheet.columns)
    if sheet is contract.IDENTITAS:
        columns.append(None)  # the Keterangan column, outside the contract

    ws.write_string(TITLE_ROW - 1, 0, sheet.title, fmt.get("title"))
    ws.set_row(TITLE_ROW - 1, 22)
    header_lines = 1
    for col, column in enumerate(columns):
        if column is None:
            name, width, title = "Keterangan", 45, "Keterangan"
            message = "Penjelasan isian: wajib atau boleh kosong, dan contohnya. Tidak dibaca alat."
            col_fmt = fmt.get("note")
        else:
            name, width = column.name, column.width
            title = clip(column.name, MAX_INPUT_TITLE)
            message = header_message(column)
            if sheet is contract.IDENTITAS:  # per-item requirements are in Keterangan
                message = clip(column.hint, MAX_INPUT_MESSAGE)
            names = column_format(sheet, column)
            col_fmt = fmt.get(*names) if names else None
        ws.write_string(HEADER_ROW - 1, col, name, fmt.get("header"))
        ws.set_column(col, col, width, col_fmt)
        header_lines = max(header_lines, line_count(name, width))
        ws.data_validation(
            HEADER_ROW - 1,
            col,
            HEADER_ROW - 1,
            col,
            {"validate": "any", "input_title": title, "input_message": message},
        )
        if column is not None and column.kind is Kind.ENUM and sheet is not contract.IDENTITAS:
            ws.data_validation(
                FIRST_DATA_ROW - 1,
                col,
                LAST_DATA_ROW - 1,
                col,
                list_validation(column.values, column_synonyms(column), lists[list_key(sheet, column)]),
            )
    ws.set_row(HEADER_ROW - 1, max(2, header_lines) * LINE_HEIGHT)
    ws.freeze_panes(HEADER_ROW, 0)
    page_setup(ws, sheet.name)
