"""A report against the earlier reports of its office
(docs/pemeriksaan.md#riwayat-dibandingkan-dengan-laporan-sebelumnya): warnings that name
the earlier report (file, version, date processed).

`previous` is the latest earlier triwulan of the same year, `last_year` last year's TW IV
report (`archive.earlier.Earlier`); without them nothing here fires. Money is compared
exactly (integer sen), targets and realisations as Decimals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .. import catalogue as C
from ..archive.match import (
    BudgetMatch,
    exact,
    has_descendant,
    match_budget,
    match_indicators,
    shown,
    two_places,
    written,
)
from ..codes import LEVEL_NAMES
from ..findings import Finding
from ..model import BudgetRow, WorkbookData, sum_known
from ..money import format_rp, to_decimal

TOLERANCE = Decimal("0.5")  # percentage points, on percent rows (last_year_mismatch)

# the PK targets compared with the previous report's, when the model has them
TARGETS = (("target", "Target"), ("target_tw1", "Target TW I"), ("target_tw2", "Target TW II"),
           ("target_tw3", "Target TW III"), ("target_renstra", "Target Renstra"))
LAST_YEAR = (("target_ll", "target", "Target Tahun Lalu", "targetnya"),
             ("realisasi_ll", "realisasi", "Realisasi Tahun Lalu", "realisasinya"))


def check(data: WorkbookData, earlier: Any, findings: list[Finding]) -> None:
    """Every history check of a report whose earlier reports (`Earlier`) were read."""
    if earlier is None:
        return
    prev, last_year = earlier.previous, earlier.last_year
    pk_sheet = data.sheets.get("PK", "PK")
    has_pk = "PK" in data.present
    if prev is not None and "Realisasi" in data.present:
        sheet = data.sheets.get("Realisasi", "Realisasi")
        match = match_budget(data.budget, prev.budget)
        if match.now or not data.budget:  # rows without any Kode: nothing to match by
            realisasi_decreased(match, sheet, prev, findings)
            pagu_changed(match, sheet, prev, findings)
            code_missing(match, sheet, prev, findings)
    indicators_read = not data.pk or any(r.indikator.value for r in data.pk)
    if prev is not None and has_pk and indicators_read:
        pairs, gone = match_indicators(data.pk, prev.pk)
        target_changed(pairs, pk_sheet, prev, findings)
        indicator_missing(gone, pk_sheet, prev, findings)
    if last_year is not None and has_pk:
        pairs, _ = match_indicators(data.pk, last_year.pk)
        last_year_mismatch(pairs, pk_sheet, last_year, findings)


def _named(report: Any) -> str:
    """How a message names an earlier report: `tw1.xlsx versi 2 (2023 TW I, diproses
    12-04-2024 10:05)`."""
    return report.version.describe()


def _what(row: BudgetRow) -> str:
    return f"{LEVEL_NAMES.get(row.level, 'baris')} {row.kode.value}"


def _summed(match: BudgetMatch, key) -> str:
    """A note when rows sharing a Kode were summed."""
    now, then = len(match.now[key]), len(match.then[key])
    if now == then == 1:
        return ""
    return (f" (jumlah baris berkode sama: {now} baris sekarang, {then} baris di laporan "
            f"sebelumnya)")


def _figures(match: BudgetMatch, key, field: str) -> tuple[int | None, int | None]:
    """(now, then) of a budget group's computed `pagu` or `realisasi`, in sen."""
    now = sum_known(getattr(r, f"c_{field}") for r in match.now[key])
    then = sum_known(getattr(r, field) for r in match.then[key])
    return now, then


def _changed(match: BudgetMatch, field: str, differs: Callable[[int, int], bool],
             below: list) -> list[tuple[Any, int, int]]:
    """(key, now, then) of the groups in both reports whose computed `field` `differs`,
    except a parent of another such group or of a group in `below`: the finding goes where
    the change was made, not to every row above it."""
    changed = {}
    for key in match.both:
        now, then = _figures(match, key, field)
        if now is not None and then is not None and differs(now, then):
            changed[key] = (now, then)
    explained = [*changed, *below]
    return [(key, now, then) for key, (now, then) in changed.items()
            if not has_descendant(key, explained)]


def realisasi_decreased(match: BudgetMatch, sheet: str, prev: Any,
                        findings: list[Finding]) -> None:
    """history.realisasi_decreased: a lower computed Realisasi than in the previous report
    (realisation is cumulative); a parent only when no row below it decreased or went
    missing."""
    for key, now, then in _changed(match, "realisasi", lambda a, b: a < b, match.missing):
        row = match.now[key][0]
        findings.append(C.HISTORY_REALISASI_DECREASED.finding(
            sheet, row.realisasi.addr,
            f"Realisasi {_what(row)} sekarang {format_rp(now)}, lebih kecil dari "
            f"{format_rp(then)} di laporan sebelumnya, {_named(prev)} (turun "
            f"{format_rp(then - now)}){_summed(match, key)}; realisasi dilaporkan kumulatif "
            f"s.d. triwulan, jadi tidak turun kecuali ada koreksi.",
            kode=row.kode.value, found=to_decimal(now), expected=to_decimal(then)))


def pagu_changed(match: BudgetMatch, sheet: str, prev: Any, findings: list[Finding]) -> None:
    """history.pagu_changed: another computed Pagu than in the previous report; a parent
    only when no row below it changed, appeared or went missing."""
    below = [*match.missing, *match.appeared]
    for key, now, then in _changed(match, "pagu", lambda a, b: a != b, below):
        row = match.now[key][0]
        findings.append(C.HISTORY_PAGU_CHANGED.finding(
            sheet, row.pagu.addr,
            f"Pagu {_what(row)} sekarang {format_rp(now)}, di laporan sebelumnya, "
            f"{_named(prev)}, {format_rp(then)} (selisih {format_rp(abs(now - then))})"
            f"{_summed(match, key)}; pagu biasanya hanya berubah sekali setahun (APBD "
            f"Perubahan), selain itu kemungkinan salah ketik.",
            kode=row.kode.value, found=to_decimal(now), expected=to_decimal(then)))


def code_missing(match: BudgetMatch, sheet: str, prev: Any, findings: list[Finding]) -> None:
    """history.code_missing: a Kode of the previous report (or the code suggested for it)
    without a row now. No cell: `kode` is the earlier report's code."""
    for key in match.missing:
        rec = match.then[key][0]
        uraian = f" ({rec.uraian})" if rec.uraian else ""
        findings.append(C.HISTORY_CODE_MISSING.finding(
            sheet, None,
            f"Kode {rec.kode}{uraian} ada di laporan sebelumnya, {_named(prev)}, tetapi "
            f"tidak ada lagi di sheet {sheet}.",
            kode=rec.kode, expected=rec.kode))


def target_changed(pairs: list, sheet: str, prev: Any, findings: list[Finding]) -> None:
    """history.target_changed: a Target (and Target TW I-III, Target Renstra where the
    model has them) other than the previous report's, at two decimals. A value given now
    that was blank before is no change; one blank now that was given is."""
    for row, rec in pairs:
        for name, label in TARGETS:
            val = getattr(row, name, None)
            then = exact(getattr(rec, name, None))
            if val is None or val.addr is None or val.unknown or then is None:
                continue
            now = exact(val.value)
            if now is not None and two_places(now) == two_places(then):
                continue
            pct = row.is_percent
            findings.append(C.HISTORY_TARGET_CHANGED.finding(
                sheet, val.addr,
                f"{label} indikator '{row.indikator.value}' sekarang {written(now, pct)}, "
                f"di laporan sebelumnya, {_named(prev)}, {written(then, pct)}; target PK "
                f"ditetapkan sekali setahun, jadi sama di setiap triwulan kecuali PK diubah.",
                kode=row.kode.value, found=shown(now, pct), expected=shown(then, pct),
                merged=val.merged))


def indicator_missing(records: list, sheet: str, prev: Any, findings: list[Finding]) -> None:
    """history.indicator_missing: an indicator of the previous report absent now. No cell."""
    for rec in records:
        tingkat = f" ({rec.tingkat})" if rec.tingkat else ""
        findings.append(C.HISTORY_INDICATOR_MISSING.finding(
            sheet, None,
            f"Indikator '{rec.indikator}'{tingkat} ada di laporan sebelumnya, {_named(prev)}, "
            f"tetapi tidak ada lagi di sheet {sheet}; indikator PK berlaku setahun.",
            kode=rec.kode, expected=rec.indikator))


def last_year_mismatch(pairs: list, sheet: str, last_year: Any,
                       findings: list[Finding]) -> None:
    """history.last_year_mismatch: a typed Target/Realisasi Tahun Lalu other than last
    year's TW IV report's Target/realisation used: by more than 0.5 percentage points on a
    percent row (this report's Satuan decides), by anything on another row."""
    for row, rec in pairs:
        pct = row.is_percent
        for name, then_name, label, noun in LAST_YEAR:
            val = getattr(row, name)
            now, then = exact(val.known), exact(getattr(rec, then_name))
            if now is None or then is None:
                continue
            gap = abs(now - then)
            if gap <= TOLERANCE if pct else gap == 0:
                continue
            unit = " poin persen" if pct else ""
            findings.append(C.HISTORY_LAST_YEAR_MISMATCH.finding(
                sheet, val.addr,
                f"{label} indikator '{row.indikator.value}' tertulis {written(now, pct)}, "
                f"di laporan TW IV tahun lalu, {_named(last_year)}, {noun} "
                f"{written(then, pct)} (selisih {written(gap, False)}{unit}).",
                kode=row.kode.value, found=shown(now, pct), expected=shown(then, pct),
                merged=val.merged))
