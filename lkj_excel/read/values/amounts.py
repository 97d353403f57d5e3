"""Amounts in Rupiah (docs/mengisi-template.md#nominal-rupiah), read exactly into integer
sen, and whole numbers in Indonesian words (`terbilang`)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from lkj_excel.money import format_rp

from .common import (
    _BLANK,
    _TOO_BIG,
    AMBIGUOUS,
    INVALID,
    MAX_RUPIAH,
    TEXT,
    Parsed,
    _clean,
    _is_number,
    _Num,
    _num_decimal,
    _sep_name,
    _show,
    _show_number,
    _split_body,
    _split_sign,
    _type_name,
    is_blank,
)


def _read_amount_digits(body: str, suffix_sep: str = "") -> _Num | str:
    """Read an unsigned amount body made of digits, `.` and `,`
    (docs/mengisi-template.md#nominal-rupiah).

    A separator followed by exactly three digits is a thousands separator; one or two
    digits after the last separator are sen (`1.234.56` is Rp 1.234,56). Which character
    is used does not matter. When the last separator is followed by three digits and could
    have been a decimal separator (its character occurs once and no `,-` / `.-` ending of
    the other character marks the decimal one), the reading is flagged ambiguous: `1.234`,
    `1234,567`, `1.234,567`. Returns the number (in Rupiah), or a reason (Indonesian) why
    it cannot be read.
    """
    split = _split_body(body)
    if isinstance(split, _Num | str):
        return split
    seps, groups = split
    if any(len(g) != 3 for g in groups[1:-1]):
        return "kelompok ribuan harus tiga angka"
    last_sep, last = seps[-1], groups[-1]
    whole = "".join(groups[:-1])
    if len(last) <= 2:
        return _Num(Decimal(whole + "." + last), False, "")
    if len(last) > 3:
        return "lebih dari dua angka sen"
    could_be_decimal = seps.count(last_sep) == 1 and suffix_sep in ("", last_sep)
    return _Num(Decimal(whole + last), could_be_decimal, last_sep if could_be_decimal else "")



_TERBILANG_SATUAN = (
    "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
)


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: 1234 -> `seribu dua ratus tiga puluh empat`."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"

    def words(k: int) -> str:
        if k < 12:
            return _TERBILANG_SATUAN[k]
        if k < 20:
            return f"{_TERBILANG_SATUAN[k - 10]} belas"
        if k < 100:
            return f"{_TERBILANG_SATUAN[k // 10]} puluh {words(k % 10)}".strip()
        if k < 200:
            return f"seratus {words(k - 100)}".strip()
        if k < 1000:
            return f"{_TERBILANG_SATUAN[k // 100]} ratus {words(k % 100)}".strip()
        if k < 2000:
            return f"seribu {words(k - 1000)}".strip()
        for size, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
            if k >= size:
                return f"{words(k // size)} {name} {words(k % size)}".strip()
        raise AssertionError(k)  # pragma: no cover

    return words(n)


# --- amounts --------------------------------------------------------------------------

_RP_PREFIX = re.compile(r"^([+-]?)\s*(?:rp\.?|idr)\s*", re.I)
_ZERO_DASH = re.compile(r"^-+$")
_AMOUNT_SUFFIX = re.compile(r"([.,])\s*-+$")
_SPACE_GROUPS = re.compile(r"^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]{1,2})?$")


def _sen_from_rupiah(rupiah: Decimal) -> int:
    return int((rupiah * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_amount(raw: object) -> Parsed:
    """An amount in Rupiah -> integer sen (exact)."""
    cls = raw.__class__
    if (cls is int or cls is float and raw.is_integer()) and -MAX_RUPIAH <= raw <= MAX_RUPIAH:
        return Parsed(int(raw) * 100)  # whole Rupiah, the common case: exact without Decimal
    if is_blank(raw):
        return _BLANK
    if _is_number(raw):
        d = _num_decimal(raw)
        if d is None:
            return Parsed(None, INVALID, f"{_show_number(raw)} bukan nominal")
        if abs(d) > MAX_RUPIAH:
            return Parsed(None, INVALID, f"nominal {_show_number(raw)} terlalu besar{_TOO_BIG}")
        return Parsed(_sen_from_rupiah(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)))
    if not isinstance(raw, str):
        return Parsed(None, INVALID, f"{_type_name(raw)} bukan nominal")
    return _parse_amount_text(raw)


def _parse_amount_text(raw: str) -> Parsed:
    bad = Parsed(None, INVALID, f"{_show(raw)} bukan nominal")
    s = _clean(raw)
    negative = False
    # Accounting negative: (1.000.000)
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    # Currency, with a sign before or after it: -Rp 1.000 / Rp -1.000
    lead = ""
    m = _RP_PREFIX.match(s)
    if m:
        lead, s = m.group(1), s[m.end():].strip()
    if _ZERO_DASH.match(s) and not negative and not lead:
        return Parsed(0, TEXT, f"nominal diketik sebagai teks: {_show(raw)} dibaca Rp 0")
    sign, s = _split_sign(s)
    if lead:
        if sign == -1 or negative:
            return bad
        sign = -1 if lead == "-" else 1
    # Endings: `,-` / `.-` (no sen), or a stray trailing dot/comma.
    suffix_sep = ""
    m = _AMOUNT_SUFFIX.search(s)
    if m:
        suffix_sep, s = m.group(1), s[: m.start()].rstrip()
    elif s.endswith((".", ",")):
        s = s[:-1].rstrip()
    if " " in s:
        if not _SPACE_GROUPS.match(s):
            return bad
        s = s.replace(" ", "")
    if not s:
        return bad
    num = _read_amount_digits(s, suffix_sep)
    if isinstance(num, str):
        if num == "bukan angka":
            return bad
        return Parsed(None, INVALID, f"{_show(raw)} bukan nominal yang jelas: {num}")
    rupiah = num.value * sign * (-1 if negative else 1)
    if abs(rupiah) > MAX_RUPIAH:
        return Parsed(None, INVALID, f"nominal {_show(raw)} terlalu besar{_TOO_BIG}")
    sen = _sen_from_rupiah(rupiah)
    if num.ambiguous:
        whole = int(num.value)
        return Parsed(
            sen,
            AMBIGUOUS,
            f"{_show(raw)} dibaca sebagai {format_rp(sen)} ({terbilang(whole)} rupiah; "
            f"{_sep_name(num.sep)} dianggap pemisah ribuan)",
        )
    return Parsed(sen, TEXT, f"nominal diketik sebagai teks: {_show(raw)} dibaca {format_rp(sen)}")


