"""Percentages and plain numbers (a PK target or realisation in its own unit)."""

from __future__ import annotations

import re
from decimal import Decimal

from lkj_excel.money import format_number, format_percent

from .common import (
    _BLANK,
    AMBIGUOUS,
    INVALID,
    TEXT,
    Parsed,
    _clean,
    _is_number,
    _num_decimal,
    _parse_number_text,
    _sep_name,
    _show,
    _show_number,
    _type_name,
    is_blank,
)

# --- percents and plain numbers ---------------------------------------------------------

_PERCENT_SUFFIX = re.compile(r"\s*(?:%|persen|prosen)$", re.I)


def _fmt(x: float) -> str:
    """A number for a note, the Indonesian way (up to six decimals, trailing zeros dropped)."""
    return format_number(x, 6)


def _times_100(d: Decimal) -> float:
    return float(d * 100)


def _parse_percent(raw: object, percent_format: bool | None) -> Parsed:
    """A percent cell -> float in percent units (90 means 90%).

    percent_format: True when the cell has a percent number format (0.9 shown as 90%),
    False when it is known not to, None when unknown (.xls).
    """
    if is_blank(raw):
        return _BLANK
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is None:
            return Parsed(None, INVALID, f"{_show_number(raw)} bukan angka persen")
        if percent_format:
            return Parsed(_times_100(d))
        upper_ok = percent_format is None  # .xls: 1 may be a 100% cell
        if 0 < d < 1 or (upper_ok and d == 1):
            value = _times_100(d)
            why = "format sel tidak diketahui" if percent_format is None else "sel tidak berformat persen"
            return Parsed(
                value,
                AMBIGUOUS,
                f"{_fmt(float(d))} dibaca sebagai {format_percent(value)} ({why}; "
                f"untuk persen ketik {_fmt(value)}, bukan {_fmt(float(d))})",
            )
        return Parsed(float(d))
    if not isinstance(raw, str):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan angka persen")
    s = _clean(raw)
    m = _PERCENT_SUFFIX.search(s)
    has_sign = bool(m)
    if m:
        s = s[: m.start()].strip()
    num = _parse_number_text(s, "percent")
    if isinstance(num, str):
        return Parsed(None, INVALID, f"{_show(raw)} bukan angka persen")
    d = num.value
    if not has_sign and 0 < d < 1:
        value = _times_100(d)
        return Parsed(
            value,
            AMBIGUOUS,
            f"{_show(raw)} dibaca sebagai {format_percent(value)} (angka di bawah 1 tanpa tanda %; "
            f"untuk persen ketik {_fmt(value)})",
        )
    value = float(d)
    return Parsed(
        value, TEXT, f"persen diketik sebagai teks: {_show(raw)} dibaca {format_percent(value)}"
    )


def _parse_number(raw: object) -> Parsed:
    """A plain number -> float. In text a single separator followed by three digits (with a
    valid first group) groups thousands (ambiguous); otherwise the last separator is the
    decimal one, any number of decimals (`_read_digits`)."""
    if is_blank(raw):
        return _BLANK
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is None:
            return Parsed(None, INVALID, f"{_show_number(raw)} bukan angka")
        return Parsed(float(d))
    if not isinstance(raw, str):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan angka")
    num = _parse_number_text(_clean(raw), "number")
    if isinstance(num, str):
        if num == "bukan angka":
            return Parsed(None, INVALID, f"{_show(raw)} bukan angka")
        return Parsed(None, INVALID, f"{_show(raw)} bukan angka yang jelas: {num}")
    value = float(num.value)
    if num.ambiguous:
        return Parsed(
            value,
            AMBIGUOUS,
            f"{_show(raw)} dibaca sebagai {_fmt(value)} ({_sep_name(num.sep)} dianggap "
            "pemisah ribuan, bukan desimal)",
        )
    return Parsed(value, TEXT, f"angka diketik sebagai teks: {_show(raw)} dibaca {_fmt(value)}")


# A performance figure outside these bounds is a typing slip or a damaged cell, and would
# overflow the capaian arithmetic (1e300 / 1e-300).
MAX_FIGURE = 1e9
MIN_FIGURE = 1e-6


def _bounded(parsed: Parsed, raw: object) -> Parsed:
    v = parsed.value
    if v is not None and (abs(v) > MAX_FIGURE or 0 < abs(v) < MIN_FIGURE):
        return Parsed(None, INVALID, f"angka {_show(raw)} di luar rentang yang masuk akal")
    return parsed


def parse_percent(raw: object, percent_format: bool | None) -> Parsed:
    """A percent cell -> float in percent units (90 means 90%).

    percent_format: True when the cell has a percent number format (0.9 shown as 90%),
    False when it is known not to, None when unknown (.xls).
    """
    return _bounded(_parse_percent(raw, percent_format), raw)


def parse_number(raw: object) -> Parsed:
    """A plain number (a target or realisation in its own unit) -> float."""
    return _bounded(_parse_number(raw), raw)

