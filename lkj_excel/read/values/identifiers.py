"""Codes, NIPs, whole numbers, years and the triwulan."""

from __future__ import annotations

import re

from lkj_excel.contract import TRIWULAN
from lkj_excel.money import format_number

from .common import (
    _BLANK,
    _WS,
    AMBIGUOUS,
    INVALID,
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

# --- codes and NIPs -----------------------------------------------------------------------

def parse_code(raw: object) -> Parsed:
    """A program / kegiatan / sub kegiatan code -> text, trimmed, otherwise as typed."""
    if is_blank(raw):
        return _BLANK
    if isinstance(raw, str):
        return Parsed(_clean(raw))
    if _is_number(raw):
        d = _num_decimal(raw)
        shown = _show_number(raw)
        if d is not None and d == d.to_integral_value() and 0 <= d < 10**15:
            return Parsed(str(int(d)))
        return Parsed(
            None, INVALID, f"kode tersimpan sebagai angka {shown}; ketik kode sebagai teks"
        )
    return Parsed(None, INVALID, f"{_type_name(raw)} bukan kode; ketik kode sebagai teks")


_NIP_PREFIX = re.compile(r"^nip\b\s*[.:]?\s*", re.I)
_NIP_LOST = "NIP tersimpan sebagai angka dan kehilangan digit di Excel; ketik NIP sebagai teks"


def parse_nip(raw: object) -> Parsed:
    """A NIP -> its text with spaces removed (format checked by the caller)."""
    if is_blank(raw):
        return _BLANK
    if isinstance(raw, str):
        s = _NIP_PREFIX.sub("", _clean(raw))
        s = _WS.sub("", s)
        if not s:
            return _BLANK
        return Parsed(s)
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is None or d < 0:
            return Parsed(None, INVALID, f"{_show_number(raw)} bukan NIP")
        if d != d.to_integral_value():
            return Parsed(
                None, INVALID, f"NIP tersimpan sebagai angka {_show_number(raw)}; "
                "ketik NIP sebagai teks",
            )
        digits = str(int(d))
        if len(digits) >= 16:
            return Parsed(None, INVALID, _NIP_LOST)
        return Parsed(digits)
    return Parsed(None, INVALID, f"{_type_name(raw)} bukan NIP")


# --- whole numbers, years, triwulan ---------------------------------------------------------

_INT_TEXT = re.compile(r"^[+-]?[0-9]+$")


def parse_whole(raw: object) -> Parsed:
    """A whole number -> int. Text digits are read without a flag."""
    if is_blank(raw):
        return _BLANK
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is None or d != d.to_integral_value():
            return Parsed(None, INVALID, f"{_show_number(raw)} bukan bilangan bulat")
        return Parsed(int(d))
    if not isinstance(raw, str):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan bilangan bulat")
    s = _clean(raw)
    if _INT_TEXT.match(s):
        return Parsed(int(s))
    num = _parse_number_text(s, "number")
    if isinstance(num, str) or num.value != num.value.to_integral_value():
        return Parsed(None, INVALID, f"{_show(raw)} bukan bilangan bulat")
    value = int(num.value)
    if num.ambiguous:
        return Parsed(
            value,
            AMBIGUOUS,
            f"{_show(raw)} dibaca sebagai {format_number(value)} ({_sep_name(num.sep)} "
            "dianggap pemisah ribuan)",
        )
    return Parsed(value)


_YEAR_TEXT = re.compile(r"^(?:tahun(?:\s+anggaran)?|t\.?a\.?)?\s*([0-9]{4})$", re.I)


def parse_year(raw: object) -> Parsed:
    """A year 2000-2100 -> int."""
    if is_blank(raw):
        return _BLANK
    year: int | None = None
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is not None and d == d.to_integral_value():
            year = int(d)
    elif isinstance(raw, str):
        m = _YEAR_TEXT.match(_clean(raw))
        if m:
            year = int(m.group(1))
    if year is not None and 2000 <= year <= 2100:
        return Parsed(year)
    if not (_is_number(raw) or isinstance(raw, str)):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan tahun 2000-2100")
    return Parsed(None, INVALID, f"{_show(raw)} bukan tahun 2000-2100")


_ROMAN = {**{r.lower(): r for r in TRIWULAN}, **{str(n): r for n, r in enumerate(TRIWULAN, 1)},
          "pertama": "I", "kesatu": "I", "satu": "I", "kedua": "II", "dua": "II",
          "ketiga": "III", "tiga": "III", "keempat": "IV", "empat": "IV"}
_TRIWULAN_TEXT = re.compile(r"^(?:triwulan|tri\s*wulan|tw|trw|q)?[\s.:\-]*([a-z0-9]+)$", re.I)


def parse_triwulan(raw: object) -> Parsed:
    """A triwulan -> "I", "II", "III" or "IV"."""
    if is_blank(raw):
        return _BLANK
    bad = Parsed(None, INVALID, f"{_show(raw)} bukan triwulan (I, II, III atau IV)")
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is not None and d == d.to_integral_value() and 1 <= d <= 4:
            return Parsed(_ROMAN[str(int(d))])
        return bad
    if not isinstance(raw, str):
        return bad
    m = _TRIWULAN_TEXT.match(_clean(raw).lower())
    if m and m.group(1) in _ROMAN:
        return Parsed(_ROMAN[m.group(1)])
    return bad


