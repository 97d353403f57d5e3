"""Reading one cell's raw value by its kind
(docs/mengisi-template.md#cara-mengetik-setiap-jenis-isian).

Pure functions, no spreadsheet library: each parser takes the raw value a cell reader gives
(None, str, int, float, bool, datetime.datetime, datetime.date, datetime.time) and returns a
`Parsed(value, flag, note)`:

- `value`: the parsed value, or None (blank or unreadable);
- `flag`: None (clean), `"text"` (a number typed as text -> `cell.number_as_text`),
  `"ambiguous"` (read by the contract's rule, but it could be read two ways ->
  `cell.ambiguous`), `"invalid"` (cannot be read -> `cell.invalid`) or `"blank"`;
- `note`: a short message in Bahasa Indonesia explaining the flag ("" when flag is None).

Money is integer sen (Rupiah x 100), computed exactly: text is never read through float.

One module per kind: `common` (Parsed, flags, shared helpers, numbers as text), `amounts`,
`numbers` (percentages, plain numbers), `dates`, `identifiers` (codes, NIPs, whole numbers,
years, triwulan).
"""

from __future__ import annotations

from .amounts import parse_amount, terbilang
from .common import (
    AMBIGUOUS,
    BLANK,
    EXCEL_SERIAL_MAX,
    INVALID,
    MAX_RUPIAH,
    TEXT,
    Flag,
    Parsed,
    _is_number,
    is_blank,
)
from .dates import parse_date
from .identifiers import parse_code, parse_nip, parse_triwulan, parse_whole, parse_year
from .numbers import MAX_FIGURE, MIN_FIGURE, parse_number, parse_percent

__all__ = [
    "AMBIGUOUS", "BLANK", "EXCEL_SERIAL_MAX", "INVALID", "MAX_FIGURE", "MAX_RUPIAH",
    "MIN_FIGURE", "TEXT", "Flag", "Parsed", "_is_number", "is_blank", "parse_amount",
    "parse_code", "parse_date", "parse_nip", "parse_number", "parse_percent", "parse_triwulan",
    "parse_whole", "parse_year", "terbilang",
]
