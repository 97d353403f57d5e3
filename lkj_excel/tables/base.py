"""What every table builder starts from: the checked report, its figures and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import figures as F
from ..contract import PERCENT_UNITS
from ..money import format_rp
from .model import NUMBER

_NONE: list[str] = []


@dataclass(slots=True)
class Replacement:
    """A figure the LKj shows in place of what the office typed (the sheet Angka Diganti):
    the input cell (contract sheet, the `model.Val`), the row's Kode, the typed figure
    (None: unreadable, `raw` says what the cell held), the figure shown and where it is
    shown (table id, row, column key), in the kind of the table's column."""

    sheet: str
    val: Any
    kode: str | None
    typed: Any
    shown: Any
    kind: str
    table: str
    row: int
    col: str
    ids: list[str]
    reason: str | None = None  # why, when no check fired at that cell (Angka Diganti's Sebab)

    @property
    def raw(self) -> Any:
        cell = self.val.cell
        return cell.raw if cell is not None else None


@dataclass
class Source:
    """A checked report with its figures, and the check ids found at each input cell."""

    report: Any  # pipeline.FileReport
    settings: Any  # settings.Settings
    figures: F.Figures
    _ids: dict[tuple[str | None, str | None], list[str]] = field(default_factory=dict)
    replacements: list[Replacement] = field(default_factory=list)

    def __post_init__(self) -> None:
        data = self.report.data
        contract = {v: k for k, v in data.sheets.items()} if data else {}
        for f in self.report.findings:
            ids = self._ids.setdefault((contract.get(f.sheet, f.sheet), f.cell), [])
            if f.check not in ids:
                ids.append(f.check)

    def ids(self, contract_sheet: str, addr: str | None) -> list[str]:
        """The check ids of the findings at one input cell (of a contract sheet)."""
        return self._ids.get((contract_sheet, addr), _NONE)

    @staticmethod
    def where(contract_sheet: str, val: Any) -> tuple[str, Any] | None:
        """Where an input value (a model.Val) came from, as a Value's `source`; see
        model.source_text."""
        return None if val is None else (contract_sheet, val)

    def replaced(self, sheet: str, val: Any, kode: str | None, typed: Any, shown: Any, kind: str,
                 table: str, row: int, col: str, reason: str | None = None) -> None:
        """Record a figure shown in place of a typed one (see Replacement)."""
        self.replacements.append(Replacement(sheet, val, kode, typed, shown, kind, table, row,
                                             col, list(self.ids(sheet, val.addr)), reason))

    def typed_note(self, sheet: str, val: Any, shown: int | None) -> str | None:
        """The note of an amount whose typed figure differs from the one shown: what was
        typed and the checks that fired on that cell; None when they agree."""
        if val is None:
            return None
        if val.unknown:
            raw = val.cell.raw if val.cell is not None else None
            text = f"Tertulis '{raw}' (tidak terbaca)" if raw is not None else "Tidak terbaca"
        elif val.value is not None and shown is not None and val.value != shown:
            text = f"Tertulis {format_rp(val.value)}"
        elif val.value is not None and shown is None:
            text = f"Tertulis {format_rp(val.value)}; jumlah rinciannya tidak diketahui"
        else:
            return None
        ids = self.ids(sheet, val.addr)
        if ids:
            text += "; " + ", ".join(ids)
        return text


def value_kind(ind: F.Indicator) -> str:
    """How an indicator's target and realisation are shown: a percentage, a number with its
    unit, or a plain number."""
    if ind.is_percent:
        return "percent"
    unit = ind.pk.satuan.value
    return f"unit:{unit}" if unit and str(unit).strip().lower() not in PERCENT_UNITS else NUMBER
