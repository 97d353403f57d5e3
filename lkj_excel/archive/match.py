"""Matching a report with an earlier one of its office
(docs/arsip.md#laporan-mana-yang-dibandingkan), for the history checks and the LKj's
Perbandingan and Realisasi Anggaran alike: budget rows by Kode, indicators by Tingkat and
Indikator Kinerja, and the exact numbers both sides are compared in.

Nothing here computes a figure: the current report's rows carry the figures the pipeline
computed, the earlier report's records the figures it used when it was archived."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from ..codes import code_key
from ..contract import norm_loose
from ..model import BudgetRow, PKRow
from ..money import format_number, format_percent
from .codec import to_decimal
from .identity import tw_name

Key = tuple[str, ...]
CENT = Decimal("0.01")


# --- numbers -------------------------------------------------------------------------------

def exact(x: Any) -> Decimal | None:
    """A number read or archived as the archive holds it (a float is the decimal it was
    written as: 47.62 is 47.62); None for a blank or anything that is not a number."""
    if not isinstance(x, int | float | Decimal | Fraction):
        return None
    return to_decimal(x)


def two_places(d: Decimal) -> Decimal:
    """Rounded to two decimals, halves away from zero (how the LKj shows them)."""
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


def shown(d: Decimal | None, percent: bool) -> Any:
    """A target or realisation as a finding's found/expected
    (docs/pemeriksaan.md#keluaran-json): a percentage as a float in percent units, another
    number as its text (whole numbers by their digits, others with a decimal comma), as
    `found` is for a typed cell."""
    if d is None:
        return None
    if percent:
        return float(d)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f").replace(".", ",")


def written(d: Decimal | None, percent: bool) -> str:
    """A target or realisation as a message writes it (`47,62%`, `3,5`, `kosong`)."""
    if d is None:
        return "kosong"
    return format_percent(d) if percent else format_number(d)


# --- budget rows ---------------------------------------------------------------------------

@dataclass
class BudgetMatch:
    """The budget rows of both reports grouped by Kode (rows sharing a Kode are one group,
    their figures summed), each group under the key it is matched by."""

    now: dict[Key, list[BudgetRow]] = field(default_factory=dict)
    then: dict[Key, list[Any]] = field(default_factory=dict)  # archive BudgetRecords

    @property
    def both(self) -> list[Key]:
        """Keys in both reports, in this report's row order."""
        return [k for k in self.now if k in self.then]

    @property
    def missing(self) -> list[Key]:
        """Keys of the earlier report without a row now, in its row order."""
        return [k for k in self.then if k not in self.now]

    @property
    def appeared(self) -> list[Key]:
        return [k for k in self.now if k not in self.then]


def _key(kode: Any) -> Key | None:
    if not isinstance(kode, str) or not kode.strip():
        return None
    return code_key(kode)


def match_budget(rows: Iterable[BudgetRow], records: Iterable[Any]) -> BudgetMatch:
    """Group both reports' rows by Kode (the `.02` = `.0002` rule; the total row and rows
    without a Kode are left out). An earlier row whose Kode had a suggestion
    (docs/pemeriksaan.md#kode-yang-disarankan) goes under the suggested code when this
    report has a row of that code and no longer has the mistake (a row of the old code with the same suggestion):
    an office that fixed its codes as suggested matches, one that kept them matches too."""
    match = BudgetMatch()
    for row in rows:
        key = None if row.is_total else _key(row.kode.value)
        if key is not None:
            match.now.setdefault(key, []).append(row)
    for rec in records:
        key = None if rec.is_total else _key(rec.kode)
        if key is None:
            continue
        saran = _key(rec.kode_saran)
        if saran is not None and saran in match.now and not any(
                r.suggested == saran for r in match.now.get(key, ())):
            key = saran
        match.then.setdefault(key, []).append(rec)
    return match


def has_descendant(key: Key, keys: Iterable[Key]) -> bool:
    """Whether one of `keys` is a code below `key` (its child, grandchild, ...)."""
    n = len(key)
    return any(len(k) > n and k[:n] == key for k in keys)


# --- indicators ----------------------------------------------------------------------------

def indicator_key(tingkat: Any, indikator: Any) -> tuple[str, str] | None:
    """Tingkat and Indikator Kinerja normalised (lower-cased, spaces and punctuation
    removed); None for a row without an Indikator."""
    name = norm_loose(indikator)
    return (norm_loose(tingkat), name) if name else None


def match_indicators(rows: Iterable[PKRow], records: Iterable[Any]
                     ) -> tuple[list[tuple[PKRow, Any]], list[Any]]:
    """Pairs (this report's PK row, the earlier report's PKRecord) of the same indicator,
    and the earlier records without one. Two rows of one indicator pair in order."""
    now: dict[tuple[str, str], list[PKRow]] = {}
    for row in rows:
        key = indicator_key(row.tingkat.value, row.indikator.value)
        if key is not None:
            now.setdefault(key, []).append(row)
    taken: dict[tuple[str, str], int] = {}
    pairs, missing = [], []
    for rec in records:
        key = indicator_key(rec.tingkat, rec.indikator)
        if key is None:
            continue
        i = taken.get(key, 0)
        if i < len(now.get(key, ())):
            pairs.append((now[key][i], rec))
            taken[key] = i + 1
        else:
            missing.append(rec)
    pairs.sort(key=lambda p: p[0].row)
    return pairs, missing


# --- naming an earlier report ----------------------------------------------------------------

def period_name(report: Any) -> str:
    """`LKj TW I 2023`: an archived report's period, as a column or a cause names it."""
    return f"LKj TW {tw_name(report.triwulan)} {report.tahun}"


def budget_before(match: BudgetMatch, row: BudgetRow, field: str) -> int | None:
    """The earlier report's computed figure (`pagu`, `realisasi`) of this report's row: its
    Kode's group summed; None when the Kode is new, is shared by several rows now, or a
    figure of the group is unknown."""
    key = _key(row.kode.value)
    if key is None or len(match.now.get(key, ())) != 1 or key not in match.then:
        return None
    total = 0
    for rec in match.then[key]:
        value = getattr(rec, field)
        if value is None:
            return None
        total += value
    return total
