"""Drop-down lists: the hidden `Daftar` sheet holding every list, and the list validations
of the data cells that use them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lkj_excel import contract
from lkj_excel.contract import Column, Kind, Sheet
from lkj_excel.write.styles import Formats
from lkj_excel.write.template.layout import MAX_INPUT_MESSAGE, ROMAN, clip

# Excel's limit for an inline list (`"a,b,c"`); longer lists point at the Daftar sheet.
MAX_LIST_FORMULA = 255

TRIWULAN_KEY = "Identitas Triwulan"


def list_key(sheet: Sheet, column: Column) -> str:
    return f"{sheet.name} {column.name}"


def _enum_lists() -> list[tuple[str, tuple[str, ...]]]:
    """Every drop-down list of the template: (header on Daftar, values)."""
    out = [(TRIWULAN_KEY, ROMAN)]
    for sheet in contract.SHEETS:
        for column in sheet.columns:
            if column.kind is Kind.ENUM:
                out.append((list_key(sheet, column), column.values))
    return out


def write_lists(ws: Any, fmt: Formats) -> dict[str, str]:
    """Write each list in its own column of the hidden list sheet; return key -> range."""
    from xlsxwriter.utility import quote_sheetname, xl_col_to_name

    refs: dict[str, str] = {}
    ws.write_string(0, 0, "Daftar pilihan untuk drop-down. Jangan diubah.", fmt.get("bold"))
    for col, (key, values) in enumerate(_enum_lists()):
        ws.write_string(1, col, key, fmt.get("header"))
        for i, value in enumerate(values):
            ws.write_string(2 + i, col, value)
        ws.set_column(col, col, max(12, len(key) + 2))
        letter = xl_col_to_name(col)
        refs[key] = (
            f"={quote_sheetname(contract.LIST_SHEET)}!${letter}$3:${letter}${2 + len(values)}"
        )
    return refs


def list_validation(
    values: Iterable[str], synonyms: Iterable[str], range_ref: str, what: str = ""
) -> dict[str, Any]:
    """A drop-down list with a warning alert, so known synonyms can still be typed."""
    values = tuple(values)
    synonyms = tuple(synonyms)
    joined = ",".join(values)
    inline = len(joined) + 2 <= MAX_LIST_FORMULA and not any("," in v or '"' in v for v in values)
    shown = ", ".join(values)
    if synonyms:
        extra = f"Sinonim yang dikenal ({', '.join(synonyms)}) tetap diterima. "
    else:
        extra = "Alat akan memeriksa nilai ini. "
    subject = f"{what} " if what else ""
    message = (
        f"{subject}Pilih dari daftar: {shown}. {extra}"
        "Pilih Ya untuk tetap menyimpan, Tidak untuk mengubah."
    )
    if len(message) > MAX_INPUT_MESSAGE:
        message = clip(
            f"Pilih dari daftar. {extra}Pilih Ya untuk tetap menyimpan, Tidak untuk mengubah.",
            MAX_INPUT_MESSAGE,
        )
    return {
        "validate": "list",
        "source": list(values) if inline else range_ref,
        "ignore_blank": True,
        "dropdown": True,
        "error_type": "warning",
        "error_title": "Tidak ada di daftar",
        "error_message": message,
    }


def column_synonyms(column: Column) -> tuple[str, ...]:
    return tuple(s for c in column.choices for s in c.synonyms)
