"""Write the blank input workbook (template version 2), drawn from `lkj_excel.contract`.

Layout of every contract sheet: row 1 the title, row 2 the header row (contract columns in
contract order from column A, frozen, repeated on print, an input message on each header
cell), rows 3-1002 the data rows (column number formats and drop-down lists).
`Petunjuk` comes first, the hidden list sheet `Daftar` last.

    layout.py     rows, Excel's limits, sizes, page setup
    sheets.py     the contract sheets (title, header row, column formats)
    lists.py      the drop-down lists and the hidden Daftar sheet
    identitas.py  the Identitas rows and the values they are pre-filled with
    petunjuk.py   the Petunjuk sheet
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lkj_excel import contract
from lkj_excel.write.atomic import atomic_path
from lkj_excel.write.styles import Formats
from lkj_excel.write.template.identitas import identity_values, write_identity_rows
from lkj_excel.write.template.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    LAST_DATA_ROW,
    MAX_INPUT_MESSAGE,
    MAX_INPUT_TITLE,
    ROMAN,
    TITLE_ROW,
)
from lkj_excel.write.template.lists import write_lists
from lkj_excel.write.template.petunjuk import required_label, write_petunjuk
from lkj_excel.write.template.sheets import header_message, write_table_sheet

__all__ = [
    "DEFAULT_FILENAME", "FIRST_DATA_ROW", "HEADER_ROW", "LAST_DATA_ROW", "MAX_INPUT_MESSAGE",
    "MAX_INPUT_TITLE", "TITLE_ROW", "header_message", "identity_values", "make_template",
    "required_label", "template_filename",
]

DEFAULT_FILENAME = f"lkj-template-v{contract.TEMPLATE_VERSION}.xlsx"


def make_template(path: str | os.PathLike, identity: Mapping[str, object] | None = None) -> Path:
    """Write the blank input workbook to `path` (atomically) and return the path written.

    `identity` pre-fills the Identitas sheet: keys are Isian names (`"Perangkat Daerah"`,
    `"Tahun Anggaran"`, `"Triwulan"`, ...) or their `lkj-excel template` option names
    (`"tahun"`, `"perangkat_daerah"`); None or blank values are skipped. When `path` is an
    existing folder, the file is written there under `template_filename(identity)`.
    Raises ValueError (message in Bahasa Indonesia) for an unknown Isian or a bad value.
    """
    import xlsxwriter  # imported here: CLI start-up stays fast

    values = identity_values(identity)
    target = Path(path)
    if target.is_dir():
        target = target / template_filename(identity)

    with atomic_path(target) as tmp:
        workbook = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        try:
            _fill_workbook(workbook, values)
        finally:
            workbook.close()
    return target


def template_filename(identity: Mapping[str, object] | None = None) -> str:
    """A default file name: `lkj-template-v2.xlsx` when nothing is pre-filled, else e.g.
    `LKj-Isian-Kecamatan-Tempursari-2023-TW1.xlsx`."""
    values = identity_values(identity)
    values.pop("Versi Template", None)
    if not values:
        return DEFAULT_FILENAME
    parts = ["LKj-Isian"]
    if "Perangkat Daerah" in values:
        slug = _slug(str(values["Perangkat Daerah"]))
        if slug:
            parts.append(slug)
    if "Tahun Anggaran" in values:
        parts.append(str(values["Tahun Anggaran"]))
    if "Triwulan" in values:
        parts.append(f"TW{ROMAN.index(str(values['Triwulan'])) + 1}")
    return "-".join(parts) + ".xlsx"


def _fill_workbook(workbook: Any, identity: dict[str, object]) -> None:
    fmt = Formats(workbook)
    workbook.set_properties(
        {
            "title": "Isian Laporan Kinerja (LKj) Kecamatan",
            "subject": f"Template isian LKj versi {contract.TEMPLATE_VERSION}",
            "author": "lkj-excel",
            "company": "lkj-excel",
            "keywords": "LKj, laporan kinerja, kecamatan, template",
            "comments": "Dibuat oleh lkj-excel template. Periksa dengan: lkj-excel check.",
        }
    )
    petunjuk = workbook.add_worksheet(contract.PETUNJUK)
    sheets = {s.name: workbook.add_worksheet(s.name) for s in contract.SHEETS}
    daftar = workbook.add_worksheet(contract.LIST_SHEET)

    lists = write_lists(daftar, fmt)
    write_petunjuk(petunjuk, fmt)
    for sheet in contract.SHEETS:
        ws = sheets[sheet.name]
        write_table_sheet(ws, sheet, fmt, lists)
        if sheet is contract.IDENTITAS:
            write_identity_rows(ws, fmt, identity, lists)
    daftar.hide()
    petunjuk.activate()


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[^\w.]+", "-", text).strip("-.")
