"""Write the LKj workbook of one checked input (docs/keluaran.md#sheet-workbook-lkj).

Twelve sheets, always, in this order, one module each: Ringkasan, Perjanjian Kinerja,
Capaian Kinerja, Perbandingan, Realisasi Anggaran, Cost per Outcome, Fasilitasi, Dokumen
Desa, Pegawai, Rekonsiliasi, Angka Diganti, Metode. Each renders tables of `lkj_excel.tables` (the report's
tables, defined once): values from the figures, formula intents turned into live Excel
formulas (US syntax) with the computed values stored, so a viewer that does not
recalculate shows the same number. The workbook is created with XlsxWriter's string
conversions off, so `=HYPERLINK(...)`, `+1` or `@SUM(1)` typed by an office stays text.

The sheets are added in order first and filled in an order that lets one sheet point at
another's cells (a formula can only name a cell whose table has been placed): Realisasi
Anggaran, Fasilitasi, Dokumen Desa and Rekonsiliasi first, then Capaian Kinerja (its
derived realisations point at the lists), then the sheets that point at those.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ... import __version__
from ..atomic import atomic_path
from ..styles import AMOUNT, AMOUNT_SEN, DATE_ID, DATETIME_ID, FORMATS, PERCENT
from . import (
    angka_diganti,
    capaian_kinerja,
    cost_per_outcome,
    dokumen_desa,
    fasilitasi,
    metode,
    pegawai,
    perbandingan,
    perjanjian_kinerja,
    realisasi_anggaran,
    rekonsiliasi,
    ringkasan,
)

# in the workbook's order
SHEET_MODULES = (ringkasan, perjanjian_kinerja, capaian_kinerja, perbandingan,
                 realisasi_anggaran, cost_per_outcome, fasilitasi, dokumen_desa, pegawai,
                 rekonsiliasi, angka_diganti, metode)
SHEETS = tuple(m.NAME for m in SHEET_MODULES)
# the order they are filled in: a sheet after the sheets its formulas point at
FILL_ORDER = (realisasi_anggaran, fasilitasi, dokumen_desa, rekonsiliasi, capaian_kinerja,
              perjanjian_kinerja, perbandingan, angka_diganti, cost_per_outcome, pegawai, metode,
              ringkasan)

FONT = {"font_name": "Arial", "font_size": 10}
TYPED_FILL = "#FFEB9C"  # a figure the office typed differs from the one shown
PLACED_FILL = "#FCE4D6"  # a budget row placed by its position, not by its code
TOTAL_FILL = "#F2F2F2"

EXTRA: dict[str, dict[str, Any]] = {
    "td": {"border": 1, "border_color": "#A6A6A6", "valign": "top"},
    "wrap": {"text_wrap": True, "valign": "top"},
    "typed": {"bg_color": TYPED_FILL},
    "placed": {"bg_color": PLACED_FILL},
    "total": {"bold": True, "bg_color": TOTAL_FILL},
    "amount": {"num_format": AMOUNT},
    "amount2": {"num_format": AMOUNT_SEN},
    "percent": {"num_format": PERCENT},
    "date": {"num_format": DATE_ID, "align": "left"},
    "datetime": {"num_format": DATETIME_ID, "align": "left"},
    "whole": {"num_format": "0"},
    "ratio": {"num_format": "0.00"},
    "center": {"align": "center"},
    "right": {"align": "right"},
    "left": {"align": "left"},
    "ind1": {"indent": 1, "align": "left"},
    "ind2": {"indent": 2, "align": "left"},
    "muted": {"italic": True, "font_color": "#595959"},
    "band": {"bold": True, "bg_color": "#EDEDED", "valign": "vcenter"},
    "title": {"bold": True, "font_size": 13, "valign": "vcenter"},
    "subtitle": {"bold": True, "font_size": 11, "valign": "vcenter"},
    "header": FORMATS["header"],
    "bold": {"bold": True},
}


def write_lkj(report, settings, path: str | Path, run_time: dt.datetime, tables=None) -> Path:
    """Write the LKj workbook of `report` (a checked `FileReport`: the pipeline computed its
    figures) to `path`, atomically.

    `settings` gives the predikat bands and the efisiensi method; `run_time` is written in
    Metode (and as the workbook's creation time); `tables` are the report's tables
    (`lkj_excel.tables.build`), built here when not given. Returns the path written. Raises
    OSError (or xlsxwriter's FileCreateError) when the file cannot be written.
    """
    import xlsxwriter  # imported here: CLI start-up stays fast

    from ...settings import Settings
    from ...tables import build
    from ..styles import Formats
    from . import xlsx_fast
    from .context import Context
    from .layout import Sheet

    settings = settings or Settings()
    if tables is None:
        tables = build(report, settings)
    target = Path(path)
    naive = run_time.replace(tzinfo=None) if run_time.tzinfo else run_time
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
            "default_format_properties": dict(FONT),
            "default_row_height": 17,
        })
        try:
            wb.set_properties({
                "title": "Laporan Kinerja (LKj)",
                "subject": report.perangkat_daerah or "",
                "author": "lkj-excel",
                "comments": f"lkj-excel {__version__}",
                "created": naive,
            })
            ctx = Context(wb, report, settings, tables, run_time, Formats(wb, EXTRA),
                          xlsx_fast.usable())
            for m in SHEET_MODULES:
                ctx.sheets[m.NAME] = Sheet(ctx, m.NAME, m.HEADING)
            for m in FILL_ORDER:
                m.render(ctx)
            for sh in ctx.sheets.values():
                sh.finish()
        finally:
            wb.close()
    return target
