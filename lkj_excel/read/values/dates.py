"""Dates: Excel dates and the ways a date is typed as text."""

from __future__ import annotations

import datetime as _dt
import math
import re

from .common import (
    _BLANK,
    _WS,
    EXCEL_SERIAL_MAX,
    INVALID,
    Parsed,
    _clean,
    _is_number,
    _num_decimal,
    _show,
    _show_number,
    _type_name,
    is_blank,
)

# --- dates ------------------------------------------------------------------------------

_MONTH_NAMES = {
    1: ("januari", "january"),
    2: ("februari", "pebruari", "february", "febuari"),
    3: ("maret", "march"),
    4: ("april",),
    5: ("mei", "may"),
    6: ("juni", "june"),
    7: ("juli", "july"),
    8: ("agustus", "august"),
    9: ("september",),
    10: ("oktober", "october"),
    11: ("november", "nopember"),
    12: ("desember", "december"),
}
_MONTH_ABBR = {"agt": 8, "ags": 8, "agst": 8, "sept": 9, "okt": 10, "oct": 10, "des": 12, "dec": 12,
               "peb": 2, "nop": 11, "mei": 5}
_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_TIME = r"(?:[t ]\s*[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?)?"
_ISO_RE = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})" + _TIME + r"$")
_DMY_RE = re.compile(r"^([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{2,4})" + _TIME + r"$")
_DAY_MONTH_YEAR_RE = re.compile(r"^([0-9]{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*([0-9]{2,4})$")
_MONTH_DAY_YEAR_RE = re.compile(r"^([a-z]+)\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?\s*,?\s*([0-9]{4})$")


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _MONTH_ABBR:
        return _MONTH_ABBR[w]
    if len(w) < 3:
        return None
    found = {m for m, names in _MONTH_NAMES.items() for n in names if n.startswith(w)}
    return found.pop() if len(found) == 1 else None


def _make_date(raw: object, y: int, m: int, d: int) -> Parsed:
    if y < 1900:  # Excel has no date before 1900; such a year is a typing slip
        return Parsed(None, INVALID, f"tahun {y} pada tanggal {_show(raw)} di luar rentang (1900-9999)")
    try:
        return Parsed(_dt.date(y, m, d))
    except ValueError:
        return Parsed(None, INVALID, f"tanggal {_show(raw)} tidak ada (hari {d}, bulan {m}, tahun {y})")


def _excel_serial(serial: float) -> _dt.date | None:
    days = int(math.floor(serial))
    if days == 60:  # 29 Februari 1900 exists only in Excel
        return None
    base = _dt.date(1899, 12, 31) if days < 60 else _dt.date(1899, 12, 30)
    return base + _dt.timedelta(days=days)


def parse_date(raw: object, *, serial_ok: bool = False) -> Parsed:
    """A date -> datetime.date.

    Excel dates, ISO text (`2023-02-23`, with or without time), `23/02/2023`, `23-02-2023`,
    `23.02.2023` (day first), `23 Februari 2023`, `23 Feb 2023`, `Kamis, 23 Februari 2023`,
    `February 23, 2023`. Text dates get no flag. A number is an Excel serial date only when
    `serial_ok` (the caller knows the cell is a date cell).
    """
    if is_blank(raw):
        return _BLANK
    if isinstance(raw, _dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, _dt.date):
        return Parsed(raw)
    if isinstance(raw, _dt.time):
        return Parsed(None, INVALID, f"{_show(raw)} adalah jam, bukan tanggal")
    if isinstance(raw, bool):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan tanggal")
    if _is_number(raw):
        d = _num_decimal(raw)
        shown = _show_number(raw)
        if serial_ok and d is not None and 1 <= d <= EXCEL_SERIAL_MAX:
            day = _excel_serial(float(d))
            if day is not None:
                return Parsed(day)
            return Parsed(None, INVALID, f"{shown}: tanggal 29 Februari 1900 tidak ada")
        return Parsed(None, INVALID, f"{shown} adalah angka, bukan tanggal")
    if not isinstance(raw, str):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan tanggal")

    s = _WS.sub(" ", _clean(raw)).lower()
    # Drop a leading weekday: `Kamis, 23 Februari 2023`.
    for wd in _WEEKDAYS:
        if s.startswith(wd) and (len(s) == len(wd) or not s[len(wd)].isalpha()):
            s = s[len(wd):].lstrip(" ,")
            break
    s = re.sub(r"\s*(?:wib|wita|wit)$", "", s)

    m = _ISO_RE.match(s)
    if m:
        return _make_date(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_RE.match(s)
    if m:
        if len(m.group(4)) != 4:
            return Parsed(None, INVALID, f"{_show(raw)}: tahun harus ditulis 4 angka")
        return _make_date(raw, int(m.group(4)), int(m.group(3)), int(m.group(1)))
    m = _DAY_MONTH_YEAR_RE.match(s)
    if m:
        month = _month(m.group(2))
        if month is None:
            return Parsed(None, INVALID, f"{_show(raw)}: nama bulan '{m.group(2)}' tidak dikenal")
        if len(m.group(3)) != 4:
            return Parsed(None, INVALID, f"{_show(raw)}: tahun harus ditulis 4 angka")
        return _make_date(raw, int(m.group(3)), month, int(m.group(1)))
    m = _MONTH_DAY_YEAR_RE.match(s)
    if m:
        month = _month(m.group(1))
        if month is not None:
            return _make_date(raw, int(m.group(3)), month, int(m.group(2)))
    return Parsed(None, INVALID, f"{_show(raw)} bukan tanggal")


