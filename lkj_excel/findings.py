"""Findings: what the checks report. Data, never exceptions (docs/pemeriksaan.md#temuan).

The catalogue of checks is `lkj_excel.catalogue` (also reachable here as `CATALOGUE` and
`CHECKS`); a finding is made through its check: `C.BUDGET_SUM_PAGU.finding(...)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    """A check of the catalogue (lkj_excel.catalogue): a stable id, a severity and what it
    means."""

    id: str
    severity: str
    description: str
    advice: str = ""  # what the office should do about it, in one sentence (Bahasa Indonesia)

    def finding(self, sheet: str | None, cell: str | None, message: str, *,
                kode: str | None = None, found: Any = None, expected: Any = None,
                merged: bool = False) -> Finding:
        """A finding of this check."""
        return Finding(self.id, sheet, cell, message, kode, found, expected, merged)


@dataclass
class Finding:
    """One problem found in one file, pointing at the cell it is about.

    `found` and `expected` are Decimal for Rupiah, int for counts, float for percent
    units, str for everything else, or None.
    """

    check: str
    sheet: str | None
    cell: str | None
    message: str
    kode: str | None = None
    found: Any = None
    expected: Any = None
    # about a value copied into its row from a merged range (docs/pemeriksaan.md#aturan-tepi):
    # a repeat of the finding its range's other rows give; not part of the output
    merged: bool = field(default=False, compare=False, repr=False)

    @property
    def severity(self) -> str:
        return _catalogue()[self.check].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "kode": self.kode,
            "found": json_number(self.found),
            "expected": json_number(self.expected),
            "message": self.message,
        }


_CHECKS: dict[str, Check] = {}


def _catalogue() -> dict[str, Check]:
    """id -> Check (the catalogue imports this module, so it is looked up on first use)."""
    if not _CHECKS:
        from .catalogue import CHECKS

        _CHECKS.update(CHECKS)
    return _CHECKS


def __getattr__(name: str) -> Any:
    if name in ("CATALOGUE", "CHECKS"):
        from . import catalogue

        return getattr(catalogue, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def once_per_merged_value(findings: list[Finding]) -> list[Finding]:
    """A finding about a merged value is reported once, at the range's first cell
    (docs/pemeriksaan.md#aturan-tepi). Every row a merged range spans reads its value (the Cell
    copies carry `merged` and the first cell's address), so a check about that value fires
    once per row at the same cell: keep the first (the range's own row when it fires).
    Only findings marked `merged` are folded: findings that merely share a cell (one per
    village and document at the village's first Desa cell, each repeated row pointing at a
    merged Desa) are about their row, not the merged value, and all stay."""
    own = {(f.check, f.sheet, f.cell) for f in findings if not f.merged}
    out, seen = [], set()
    for f in findings:
        if f.merged:
            k = (f.check, f.sheet, f.cell)
            if k in own or k in seen:
                continue
            seen.add(k)
        out.append(f)
    return out


def json_number(v: Any) -> Any:
    """Decimal Rupiah -> int (or float when sen are present); floats rounded to 2 places."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, float):
        return round(v, 2)
    return v
