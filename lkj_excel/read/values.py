"""Reading one cell's raw value by its kind (template.md, "Reading rules").

Pure functions, no spreadsheet library: each parser takes the raw value a cell reader gives
(None, str, int, float, bool, datetime.datetime, datetime.date, datetime.time) and returns a
`Parsed(value, flag, note)`:

- `value`: the parsed value, or None (blank or unreadable);
- `flag`: None (clean), `"text"` (a number typed as text -> `cell.number_as_text`),
  `"ambiguous"` (read by the contract's rule, but it could be read two ways ->
  `cell.ambiguous`), `"invalid"` (cannot be read -> `cell.invalid`) or `"blank"`;
- `note`: a short message in Bahasa Indonesia explaining the flag ("" when flag is None).

Money is integer sen (Rupiah x 100), computed exactly: text is never read through float.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple, TypeGuard

from lkj_excel.contract import TRIWULAN
from lkj_excel.money import format_number, format_percent, format_rp

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


def _read_amount_digits(body: str, suffix_sep: str = "") -> _Num | str:
    """Read an unsigned amount body made of digits, `.` and `,` (template.md, "Amounts").

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


def _split_sign(text: str) -> tuple[int, str]:
    m = _SIGN_RE.match(text)
    assert m is not None
    return (-1 if m.group(1) == "-" else 1), m.group(2).strip()


def _sep_name(sep: str) -> str:
    return "titik" if sep == "." else "koma"


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


# --- percents and plain numbers ---------------------------------------------------------

_PERCENT_SUFFIX = re.compile(r"\s*(?:%|persen|prosen)$", re.I)


def _parse_number_text(text: str, kind: str) -> _Num | str:
    """Signed number text -> _Num, or a reason it cannot be read."""
    sign, body = _split_sign(text)
    if not body:
        return "bukan angka"
    num = _read_digits(body, kind)
    if isinstance(num, str):
        return num
    return num._replace(value=num.value * sign)


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
