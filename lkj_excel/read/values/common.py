"""The parsers' shared parts: `Parsed`, its flags, the helpers every parser uses, and
numbers written as text (digits, separators, signs)."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from decimal import Decimal
from typing import Any, Literal, NamedTuple, TypeGuard

Flag = Literal["text", "ambiguous", "invalid", "blank"]

TEXT: Flag = "text"
AMBIGUOUS: Flag = "ambiguous"
INVALID: Flag = "invalid"
BLANK: Flag = "blank"

MAX_RUPIAH = 10**15  # |amount| above this is "terlalu besar"
_TOO_BIG = f" (lebih dari Rp {MAX_RUPIAH:,})".replace(",", ".")
EXCEL_SERIAL_MAX = 2958465  # 9999-12-31


class Parsed(NamedTuple):
    """The result of reading one cell."""

    value: Any
    flag: Flag | None = None
    note: str = ""


_BLANK = Parsed(None, BLANK, "sel kosong")

# Characters that look like nothing but are not whitespace for str.strip().
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_WS = re.compile(r"[\s" + _INVISIBLE + r"]+")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH_TABLE = str.maketrans({c: "-" for c in _DASHES})


# --- helpers ------------------------------------------------------------------------

def _clean(text: str) -> str:
    """Trim (also non-breaking and zero-width spaces); NFKC; one dash character."""
    s = unicodedata.normalize("NFKC", text).translate(_DASH_TABLE)
    return s.strip(" \t\r\n\f\v\xa0\u2007\u202f" + _INVISIBLE).strip()


def is_blank(raw: object) -> bool:
    """None, or text that is empty or spaces only (non-breaking spaces included)."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return _WS.sub("", raw) == ""
    return False


def _show(raw: object, limit: int = 40) -> str:
    """A raw value quoted for a note."""
    s = raw if isinstance(raw, str) else str(raw)
    s = s.strip()
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return f"'{s}'"


def _is_number(raw: object) -> TypeGuard[int | float | Decimal]:
    return isinstance(raw, int | float | Decimal) and not isinstance(raw, bool)


def _type_name(raw: object) -> str:
    if isinstance(raw, bool):
        return "nilai benar/salah (TRUE/FALSE)"
    if isinstance(raw, _dt.datetime | _dt.date):
        return "tanggal"
    if isinstance(raw, _dt.time):
        return "jam"
    return "nilai"


def _num_decimal(raw: int | float | Decimal) -> Decimal | None:
    """A number -> exact Decimal (floats through their shortest repr); None for NaN/inf."""
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None
        return Decimal(repr(raw))
    if not raw.is_finite():
        return None
    return raw


def _show_number(raw: int | float | Decimal) -> str:
    if isinstance(raw, float):
        return repr(raw)
    return str(raw)


# --- numbers written as text ----------------------------------------------------------

_SIGN_RE = re.compile(r"^([+-]?)\s*(.*)$", re.S)
_BODY_RE = re.compile(r"^[0-9]+(?:[.,][0-9]*)*$")


class _Num(NamedTuple):
    value: Decimal
    ambiguous: bool  # a single separator followed by exactly three digits, read as thousands
    sep: str  # that separator ("" when not ambiguous)


def _valid_grouping(groups: list[str]) -> bool:
    """Thousands groups: the first 1-3 digits (no leading zero), the others exactly 3."""
    first, rest = groups[0], groups[1:]
    return (
        1 <= len(first) <= 3
        and not first.startswith("0")
        and all(len(g) == 3 for g in rest)
    )


def _split_body(body: str) -> tuple[list[str], list[str]] | _Num | str:
    """A number body's separators and digit groups; the number itself when it has no
    separator; a reason (Indonesian) when it is not digits and separators."""
    if not _BODY_RE.match(body):
        return "bukan angka"
    seps = [c for c in body if c in ".,"]
    if not seps:
        return _Num(Decimal(body), False, "")
    groups = re.split(r"[.,]", body)
    if any(g == "" for g in groups):
        return "pemisah ganda atau di tempat yang salah"
    return seps, groups


def _read_digits(body: str, kind: str) -> _Num | str:
    """Read an unsigned number body made of digits, `.` and `,` (amounts: `_read_amount_digits`).

    kind: "number" (any decimals) or "percent" (a single separator is always a decimal).
    Returns the number, or a reason (Indonesian) why it cannot be read.
    """
    split = _split_body(body)
    if isinstance(split, _Num | str):
        return split
    seps, groups = split
    last_sep, last = seps[-1], groups[-1]
    distinct = set(seps)

    if len(distinct) == 2:
        # Mixed: the last separator is the decimal one and appears once; the others group.
        if seps.count(last_sep) != 1:
            return "pemisah ribuan dan desimal tidak konsisten"
        if not _valid_grouping(groups[:-1]):
            return "kelompok ribuan harus tiga angka"
        return _Num(Decimal("".join(groups[:-1]) + "." + last), False, "")

    # One kind of separator.
    if len(seps) >= 2:
        if not _valid_grouping(groups):
            return "kelompok ribuan harus tiga angka"
        return _Num(Decimal("".join(groups)), False, "")

    # A single separator.
    whole = groups[0]
    if kind == "percent":
        return _Num(Decimal(whole + "." + last), False, "")
    if len(last) == 3 and _valid_grouping(groups):
        return _Num(Decimal(whole + last), True, last_sep)
    return _Num(Decimal(whole + "." + last), False, "")


def _split_sign(text: str) -> tuple[int, str]:
    m = _SIGN_RE.match(text)
    assert m is not None
    return (-1 if m.group(1) == "-" else 1), m.group(2).strip()


def _sep_name(sep: str) -> str:
    return "titik" if sep == "." else "koma"



def _parse_number_text(text: str, kind: str) -> _Num | str:
    """Signed number text -> _Num, or a reason it cannot be read."""
    sign, body = _split_sign(text)
    if not body:
        return "bukan angka"
    num = _read_digits(body, kind)
    if isinstance(num, str):
        return num
    return num._replace(value=num.value * sign)
