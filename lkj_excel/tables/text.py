"""How input values read as text in the LKj tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..tanggal import tanggal


def text(val: Any) -> str | None:
    """The text of an input value (a `model.Val`): its typed value, or what the cell held
    when it could not be read; None when empty."""
    if val is None:
        return None
    v = val.value
    if v is not None:
        if isinstance(v, bool):
            return "Ya" if v else "Tidak"
        if isinstance(v, dt.date):
            return tanggal(v)
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    cell = val.cell
    if cell is not None and cell.raw is not None and str(cell.raw).strip():
        return str(cell.raw)
    return None


def nip(val: Any) -> str | None:
    """An 18-digit NIP grouped as printed (`19750712 199703 1 002`), else its text."""
    v = val.value
    if isinstance(v, str) and len(v) == 18 and v.isdigit():
        return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"
    return text(val)


def usable(val: Any) -> Any:
    """The value of a `model.Val` that could be read (None when blank or unreadable)."""
    return None if val is None or val.unknown else val.value


def period(tahun: int | None, triwulan: str | None) -> str:
    """`Triwulan I Tahun 2023`, or what is known of it."""
    if triwulan and tahun:
        return f"Triwulan {triwulan} Tahun {tahun}"
    if tahun:
        return f"Tahun {tahun} (triwulan tidak tertulis)"
    if triwulan:
        return f"Triwulan {triwulan} (tahun tidak tertulis)"
    return "Periode tidak tertulis"


def office_line(office: str | None, pemda: Any) -> str:
    """`Kecamatan Tempursari, Kabupaten Lumajang`."""
    parts = [p for p in (office, pemda) if p]
    return ", ".join(str(p) for p in parts) or "Perangkat daerah tidak tertulis"
