"""What the archive holds before one report (docs/arsip.md#laporan-mana-yang-dibandingkan): the
history checks and the LKj's Perbandingan read it, never the archive itself. A provider
(`ArchiveHistory`, `Known`) gives it to the pipeline once the report's identity is read; `None`
everywhere means "no archive": nothing history-based happens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .identity import OfficeKey, office_key, tw_number
from .queries import ArchivedReport


@dataclass
class Earlier:
    """The earlier reports of one office and period, each its latest version not withdrawn.

    `previous`: the latest triwulan of the same year before this one (None for TW I);
    `last_year`: (year - 1, TW IV); `quarters`: every earlier triwulan of the same year, in
    triwulan order (Perbandingan's quarter columns)."""

    previous: ArchivedReport | None = None
    last_year: ArchivedReport | None = None
    quarters: list[ArchivedReport] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.previous is None and self.last_year is None and not self.quarters


def period_of(report: Any, aliases=None) -> tuple[OfficeKey, int, int] | None:
    """(office, tahun, triwulan 1..4) of a checked report, None when it cannot be archived
    (no Perangkat Daerah, Tahun or Triwulan)."""
    from .records import names_of, why_not_archived

    if why_not_archived(report) is not None:
        return None
    ident = report.data.identity
    return office_key(*names_of(report), aliases), ident.tahun, tw_number(ident.triwulan)


def earlier_of(store, office: OfficeKey, tahun: int, triwulan: int) -> Earlier:
    """Read an office's earlier reports from an open `Store`."""
    quarters = store.year(office, tahun, before=triwulan) if triwulan > 1 else []
    return Earlier(quarters[-1] if quarters else None, store.last_year(office, tahun), quarters)


class ArchiveHistory:
    """Reads each report's earlier reports from the archive at `path`, opened read-only
    once per process (so it can be handed to batch workers); a missing archive gives none."""

    def __init__(self, path: str, aliases: dict[str, str] | None = None) -> None:
        self.path = path
        self.aliases = dict(aliases or {})
        self._store: Any = None
        self._opened = False

    def __getstate__(self) -> dict:
        return {"path": self.path, "aliases": self.aliases}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], state["aliases"])

    def earlier(self, report: Any) -> Earlier | None:
        period = period_of(report, self.aliases)
        if period is None:
            return None
        if not self._opened:
            from .store import Store

            self._store, self._opened = Store.open_read(self.path), True
        if self._store is None or getattr(self._store, "outdated", False):
            return None
        return earlier_of(self._store, *period)


class Known:
    """A report's earlier reports already read (a batch's later waves)."""

    def __init__(self, earlier: Earlier | None) -> None:
        self.value = earlier

    def earlier(self, report: Any) -> Earlier | None:
        return self.value
