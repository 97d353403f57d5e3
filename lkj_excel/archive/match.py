"""How a report's rows are matched with an earlier report's
(docs/arsip.md#laporan-mana-yang-dibandingkan): indicators by Tingkat and Indikator Kinerja
(normalised), budget rows by Kode after the `.02` = `.0002` rule, rows sharing a Kode
summed, and an earlier row whose Kode had a suggestion matched by that suggestion too.
The Perbandingan and Realisasi Anggaran tables read earlier figures through these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PureWindowsPath

from ..codes import code_key
from ..contract import norm_loose
from ..tanggal import tanggal
from .identity import tw_name
from .queries import ArchivedReport
from .records import BudgetRecord, PKRecord

IndicatorKey = tuple[str, str]


def indicator_key(tingkat: object, indikator: object) -> IndicatorKey:
    return norm_loose(tingkat), norm_loose(indikator)


def indicators(report: ArchivedReport) -> dict[IndicatorKey, PKRecord]:
    """An earlier report's PK rows by indicator; the first row of a repeated indicator."""
    out: dict[IndicatorKey, PKRecord] = {}
    for rec in report.pk:
        if rec.indikator:
            out.setdefault(indicator_key(rec.tingkat, rec.indikator), rec)
    return out


@dataclass
class BudgetSum:
    """The computed figures of the earlier rows sharing one Kode (None: one was unknown)."""

    pagu: int | None
    realisasi: int | None
    rows: int


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def budget_codes(rows: Iterable[BudgetRecord]) -> dict[tuple[str, ...], BudgetSum]:
    """An earlier report's placed budget rows by code key, summed per Kode; a row whose
    Kode had a suggestion is found under the suggested code as well (unless a row already
    holds that code)."""
    by_code: dict[tuple[str, ...], BudgetSum] = {}
    suggested: dict[tuple[str, ...], BudgetSum] = {}
    for rec in rows:
        if rec.is_total or not rec.kode or rec.level is None:
            continue
        key = code_key(rec.kode)
        s = by_code.get(key)
        by_code[key] = (BudgetSum(rec.pagu, rec.realisasi, 1) if s is None else
                        BudgetSum(_add(s.pagu, rec.pagu), _add(s.realisasi, rec.realisasi),
                                  s.rows + 1))
        if rec.kode_saran:
            alt = code_key(rec.kode_saran)
            if alt != key:
                t = suggested.get(alt)
                suggested[alt] = (BudgetSum(rec.pagu, rec.realisasi, 1) if t is None else
                                  BudgetSum(_add(t.pagu, rec.pagu),
                                            _add(t.realisasi, rec.realisasi), t.rows + 1))
    for key, s in suggested.items():
        by_code.setdefault(key, s)
    return by_code


def period_name(report: ArchivedReport) -> str:
    """`LKj TW I 2023`."""
    return f"LKj TW {tw_name(report.triwulan)} {report.tahun}"


def describe(report: ArchivedReport) -> str:
    """`LKj TW I 2023 (tempursari-tw1.xlsx, versi 1, diproses 4 Desember 2026)`: which
    earlier report a figure or finding comes from."""
    v = report.version
    return (f"{period_name(report)} ({PureWindowsPath(v.file_name).name}, versi {v.versi}, "
            f"diproses {tanggal(v.processed_at)})")
