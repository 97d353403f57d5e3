"""Figures printed the Indonesian way on every computer, exactly as the LKj workbook shows
them: `1.592.719.562` (`#,##0`), `1.234,50` (`#,##0.00`, an amount with sen), `52,91%`
(`0.00%`), `0,16` (`0.00`), `31 Maret 2023` (`[$-421]d mmmm yyyy`).

Rounding is what Excel displays: the stored double read to 15 significant digits, then
rounded half up (away from zero), so 0.00125 shows `0,13%` where Python's own formatting
(half to even on the binary value) would give `0,12%`. Decimal throughout; never `round()`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from ...tables.model import AMOUNT, COUNT, DATE, DATETIME, NUMBER, PERCENT, RATIO, TEXT
from ...tables.text import tanggal

_15 = Context(prec=15, rounding=ROUND_HALF_UP)
_PLACES = {0: Decimal(1), 2: Decimal("0.01")}


def excel_decimal(x: int | float | Decimal) -> Decimal:
    """The number Excel displays from: a double read to 15 significant digits."""
    if isinstance(x, int):
        return Decimal(x)
    return _15.create_decimal(x if isinstance(x, Decimal) else Decimal(float(x)))


def grouped(d: Decimal, places: int) -> str:
    """`d` rounded half up to `places` decimals, thousands with `.`, decimals after `,`."""
    q = d.quantize(_PLACES.get(places) or Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no `-0`
    sign = "-" if q < 0 else ""
    text = f"{abs(q):f}"
    whole, _, frac = text.partition(".")
    out = f"{int(whole):,}".replace(",", ".")
    return sign + out + ("," + frac if places else "")


def amount(sen: int) -> str:
    """Integer sen as the workbook shows Rupiah: `1.592.719.562`, `1.234,50` with sen."""
    if sen % 100:
        return grouped(Decimal(sen) / 100, 2)
    return f"{sen // 100:,}".replace(",", ".")  # whole Rupiah: exact, no rounding


def rupiah(sen: int) -> str:
    """`Rp 1.592.719.562` (prose)."""
    text = amount(sen)
    return f"-Rp {text[1:]}" if text.startswith("-") else f"Rp {text}"


def percent(fraction: int | float | Decimal) -> str:
    """A fraction as `0.00%` shows it: 0.529100529 -> `52,91%`."""
    return grouped(excel_decimal(fraction) * 100, 2) + "%"


def ratio(x: int | float | Decimal) -> str:
    """`0.00`: 0.155 -> `0,16`."""
    return grouped(excel_decimal(x), 2)


def whole(x: int | float | Decimal) -> str:
    """A count (`0`): no thousands separator, as the workbook's count format."""
    return grouped(excel_decimal(x), 0).replace(".", "")


def general(x: int | float | Decimal) -> str:
    """Excel's General format: up to 10 significant digits, no thousands separator,
    trailing zeros dropped: 55.55 -> `55,55`, 6.0 -> `6`."""
    d = excel_decimal(x)
    if d == 0:
        return "0"
    digits = d.adjusted() + 1  # digits before the point
    places = max(0, 10 - max(digits, 1))
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def datetime_text(d: dt.datetime) -> str:
    return f"{tanggal(d)} {d:%H:%M:%S}"


def shown(value: Any, kind: str | None) -> str:
    """A table value as the LKj workbook shows it in a column of `kind` (see
    write/workbook/render.py: amount `#,##0`, percent `0.00%`, count `0`, ratio `0.00`,
    number `#,##0`, `unit:<satuan>` General with the unit, dates in Indonesian); text as
    it is; None as ''."""
    if value is None:
        return ""
    if isinstance(value, str) or kind in (None, TEXT):
        return str(value)
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if kind in (DATE, DATETIME):
        if isinstance(value, dt.datetime):
            return datetime_text(value) if kind == DATETIME else tanggal(value)
        if isinstance(value, dt.date):
            return tanggal(value)
        return str(value)
    if kind == AMOUNT:
        return amount(value)
    if kind == PERCENT:
        return percent(value)
    if kind == COUNT:
        return whole(value)
    if kind == RATIO:
        return ratio(value)
    if kind == NUMBER:
        return grouped(excel_decimal(value), 0)
    if kind.startswith("unit:"):
        return f"{general(value)} {kind[5:]}"
    return general(value)
