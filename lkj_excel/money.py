"""Rupiah held exactly as integer sen, and written the Indonesian way."""

from __future__ import annotations

from decimal import Decimal


def to_decimal(sen: int) -> Decimal:
    """Integer sen -> Decimal Rupiah (exact)."""
    return Decimal(sen) / 100


def format_rp(sen: int | None) -> str:
    """`Rp 1.587.606.347`, with `,50` only where sen are present."""
    if sen is None:
        return "-"
    sign = "-" if sen < 0 else ""
    rupiah, cents = divmod(abs(sen), 100)
    text = f"{rupiah:,}".replace(",", ".")
    if cents:
        text += f",{cents:02d}"
    return f"{sign}Rp {text}"


def format_number(x: float | int | None, decimals: int = 2) -> str:
    """A number the Indonesian way: `47,62`, `1.234,5` (trailing zeros dropped)."""
    if x is None:
        return "-"
    text = f"{x:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def format_percent(x: float | None) -> str:
    """Percent units -> `47,62%`."""
    return "-" if x is None else f"{format_number(x)}%"
