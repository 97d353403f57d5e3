"""Values as the archive stores them: exact numbers as canonical decimal TEXT, money as
integer sen, times as ISO 8601 TEXT, a finding's `found`/`expected` with their type.

Nothing here is ever a float on the way in or out of the archive, except a finding value
that was a float in the finding (percent units), which comes back as that float."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

# a capaian whose exact fraction has no finite decimal (47.62 / 90) is stored rounded to
# this many places (percent units); the exact fraction can always be recomputed from the
# stored target and realisation, which are exact
PLACES = 12


def _terminating(f: Fraction) -> Decimal | None:
    """The exact decimal of a fraction whose denominator has only the factors 2 and 5."""
    den, twos, fives = f.denominator, 0, 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    k = max(twos, fives)
    return Decimal(f.numerator * (10 ** k // f.denominator)).scaleb(-k)


def to_decimal(x: Any) -> Decimal | None:
    """An exact Decimal of a number read from a workbook (a float is taken as the decimal it
    was written as: 47.62 is 47.62). None, NaN and infinities give None."""
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, Decimal):
        return x if x.is_finite() else None
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        return Decimal(repr(x)) if math.isfinite(x) else None
    if isinstance(x, Fraction):
        exact = _terminating(x)
        if exact is not None:
            return exact
        return Decimal(round(x * 10 ** PLACES)).scaleb(-PLACES)
    raise TypeError(f"not a number: {x!r}")


def dec_text(x: Any) -> str | None:
    """The canonical text of a number: no exponent, no trailing zeros (`47.62`, `90`)."""
    d = to_decimal(x)
    if d is None:
        return None
    d = d.normalize()
    if d.as_tuple().exponent > 0:
        d = d.quantize(Decimal(1))
    text = format(d, "f")
    return "0" if text in ("-0", "0") else text


def canonical(x: Any) -> Decimal | None:
    """The Decimal the archive gives back for `x` (`90.0` -> `Decimal('90')`)."""
    text = dec_text(x)
    return None if text is None else Decimal(text)


def text_dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def time_text(t: dt.datetime | dt.date | None) -> str | None:
    return None if t is None else t.isoformat()


def text_time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def encode_value(v: Any) -> tuple[str | None, str | None]:
    """A finding's `found`/`expected` as (type, text)."""
    if v is None:
        return None, None
    if isinstance(v, bool):
        return "bool", "1" if v else "0"
    if isinstance(v, int):
        return "int", str(v)
    if isinstance(v, Decimal):
        return "decimal", str(v)
    if isinstance(v, float):
        return "float", repr(v)
    if isinstance(v, dt.datetime):
        return "datetime", v.isoformat()
    if isinstance(v, dt.date):
        return "date", v.isoformat()
    return "text", str(v)


def decode_value(kind: str | None, text: str | None) -> Any:
    """The value `encode_value` stored, of the same type."""
    if kind is None or text is None:
        return None
    if kind == "bool":
        return text == "1"
    if kind == "int":
        return int(text)
    if kind == "decimal":
        return Decimal(text)
    if kind == "float":
        return float(text)
    if kind == "datetime":
        return dt.datetime.fromisoformat(text)
    if kind == "date":
        return dt.date.fromisoformat(text)
    return text
