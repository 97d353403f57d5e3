"""Dates the Indonesian way (`31 Maret 2023`), whatever the computer's locale."""

from __future__ import annotations

import datetime as dt

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def tanggal(d: dt.date) -> str:
    """`31 Maret 2023`."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"
