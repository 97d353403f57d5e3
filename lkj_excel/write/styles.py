"""Cell formats shared by the workbooks lkj-excel writes (template, LKj report, Rekap).

`FORMATS` holds plain xlsxwriter `add_format` properties; `Formats(workbook).get(name)`
adds each one to a workbook once. Number formats use US syntax (`#,##0`); Excel shows them
the Indonesian way (`1.913.315.062`) under an Indonesian locale.
"""

from __future__ import annotations

from typing import Any

AMOUNT = "#,##0"
AMOUNT_SEN = "#,##0.00"
PERCENT = "0.00%"
DATE = "d mmmm yyyy"
# Dates in what lkj-excel writes for reading and printing carry the Indonesian locale
# (LCID 0x421), so month names are Indonesian on any computer (`31 Maret 2023`);
# LibreOffice understands the LCID form, not `[$-id-ID]`.
DATE_ID = "[$-421]d mmmm yyyy"
DATETIME_ID = "[$-421]d mmmm yyyy hh:mm:ss"
TEXT = "@"
NUMBER = "General"  # PK target / realisation: 90 stays 90, 55.55 stays 55.55
WHOLE = "0"

HEADER_FILL = "#D9E1F2"  # light grey-blue
LABEL_FILL = "#EDEDED"  # light grey: a cell staff read, not type in
BORDER_COLOR = "#8EA9DB"

FORMATS: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14, "valign": "vcenter"},
    "subtitle": {"bold": True, "font_size": 12, "valign": "vcenter"},
    "heading": {"bold": True, "font_size": 12, "bottom": 1, "valign": "vcenter"},
    "header": {
        "bold": True,
        "bg_color": HEADER_FILL,
        "border": 1,
        "border_color": BORDER_COLOR,
        "text_wrap": True,
        "align": "center",
        "valign": "vcenter",
    },
    "bold": {"bold": True},
    "wrap": {"text_wrap": True, "valign": "top"},
    "wrap_bold": {"text_wrap": True, "valign": "top", "bold": True},
    "note": {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"},
    "label": {
        "bg_color": LABEL_FILL,
        "border": 1,
        "border_color": "#BFBFBF",
        "valign": "top",
        "text_wrap": True,
    },
    "input": {"border": 1, "border_color": "#BFBFBF", "valign": "top", "text_wrap": True},
    "cell": {"border": 1, "border_color": "#BFBFBF", "valign": "top", "text_wrap": True},
    "top": {"valign": "top"},
    "text": {"num_format": TEXT},
    "text_bold": {"num_format": TEXT, "bold": True},
    "number": {"num_format": NUMBER},
    "whole": {"num_format": WHOLE},
    "amount": {"num_format": AMOUNT},
    "amount_bold": {"num_format": AMOUNT, "bold": True},
    "amount2": {"num_format": AMOUNT_SEN},  # Rupiah with sen
    "percent": {"num_format": PERCENT},
    "percent_bold": {"num_format": PERCENT, "bold": True},
    "date": {"num_format": DATE, "align": "left"},
    "date_bold": {"num_format": DATE, "align": "left", "bold": True},
}


class Formats:
    """Add the formats of `FORMATS` to one xlsxwriter workbook on first use, then reuse them.

    `get("amount")` gives one named format; `get("amount", "input")` merges several specs
    (later names win) into one cached format. Extra specs can be passed to the constructor.
    """

    def __init__(self, workbook: Any, extra: dict[str, dict[str, Any]] | None = None) -> None:
        self.workbook = workbook
        self.specs: dict[str, dict[str, Any]] = {**FORMATS, **(extra or {})}
        self._cache: dict[tuple[str, ...], Any] = {}

    def spec(self, *names: str) -> dict[str, Any]:
        """The merged properties of `names`."""
        merged: dict[str, Any] = {}
        for name in names:
            merged.update(self.specs[name])
        return merged

    def get(self, *names: str) -> Any:
        """The workbook format for `names` (one or more keys of the specs)."""
        if not names:
            raise ValueError("Formats.get() needs at least one name")
        fmt = self._cache.get(names)
        if fmt is None:
            fmt = self.workbook.add_format(self.spec(*names))
            self._cache[names] = fmt
        return fmt
