"""`lkj-excel archive export`: the analysts' frames as one workbook of values (XlsxWriter),
written to a temporary name and renamed into place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..write.atomic import atomic_path


def _blank(pd: Any, value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def write_workbook(path: Path, sheets: dict[str, Any]) -> Path:
    """Write each DataFrame on its own sheet: a header row, then values (text as text)."""
    import numpy as np
    import pandas as pd
    import xlsxwriter

    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                            "strings_to_urls": False})
        head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        when = wb.add_format({"num_format": "dd-mm-yyyy hh:mm"})
        for name, df in sheets.items():
            ws = wb.add_worksheet(name)
            for c, col in enumerate(df.columns):
                ws.write_string(0, c, str(col), head)
                ws.set_column(c, c, min(max(len(str(col)) + 2, 10), 40))
            for r, row in enumerate(df.itertuples(index=False), start=1):
                for c, value in enumerate(row):
                    if _blank(pd, value):
                        continue
                    if isinstance(value, bool | np.bool_):
                        ws.write_boolean(r, c, bool(value))
                    elif isinstance(value, dt.datetime | pd.Timestamp):
                        ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), when)
                    elif isinstance(value, Decimal | int | float) or hasattr(value, "dtype"):
                        ws.write_number(r, c, float(value))
                    else:
                        ws.write_string(r, c, str(value))
            ws.freeze_panes(1, 0)
            if len(df.columns):
                ws.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
        wb.close()
    return path
